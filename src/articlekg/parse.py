"""The parse stage: tags, lemmas and dependency arcs for every sentence (spaCy).

Each sentence the segment stage found is parsed on its own, so sentence boundaries stay
those of :mod:`articlekg.segment` (which knows "n=72", "p < 0.01" and "et al."). A token's
offset in the document is its sentence's start plus ``token.idx``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from articlekg.document import Document, Span
from articlekg.language import english
from articlekg.segment import Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as TokenSpan


@dataclass(frozen=True)
class Parsed:
    docs: tuple[Doc, ...]
    """One parsed Doc per sentence, in sentence order."""
    starts: tuple[int, ...]
    """Where each sentence starts in the document's text."""

    def doc(self, index: int) -> Doc:
        return self.docs[index]

    def span_of(self, index: int, token: Token) -> Span:
        start = self.starts[index] + token.idx
        return Span(start, start + len(token.text))

    def span_of_tokens(self, index: int, tokens: TokenSpan) -> Span:
        base = self.starts[index]
        return Span(base + tokens.start_char, base + tokens.end_char)

    def token_at(self, index: int, offset: int) -> Token | None:
        """The token of sentence ``index`` that covers document offset ``offset``."""
        local = offset - self.starts[index]
        for token in self.docs[index]:
            if token.idx <= local < token.idx + len(token.text):
                return token
        return None

    def tokens_within(self, index: int, span: Span) -> Iterator[Token]:
        base = self.starts[index]
        for token in self.docs[index]:
            if span.start <= base + token.idx and base + token.idx + len(token.text) <= span.end:
                yield token


def parse(document: Document, sentences: list[Sentence]) -> Parsed:
    """Parse every sentence; a "Label: value" line is parsed as two pieces, so that the
    label ("Improved mood:") does not become the subject of the clause after it."""
    from spacy.tokens import Doc

    nlp = english()
    pieces = [_pieces(document, s) for s in sentences]
    parsed = iter(nlp.pipe(_unmarked(document.text[p.start : p.end]) for ps in pieces for p in ps))
    docs = []
    for ps in pieces:
        parts = [next(parsed) for _ in ps]
        docs.append(parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False))
    return Parsed(docs=tuple(docs), starts=tuple(s.span.start for s in sentences))


MARKUP = re.compile(r"\*{1,3}(?=\S)|(?<=\S)\*{1,3}|(?<![\w])_{1,3}(?=\S)|(?<=\S)_{1,3}(?!\w)|`+")


WORD_DASH = re.compile(r"(?<=\w)[\u2010\u2011\u2012\u2013](?=\w)")
"""A dash typeset between two words ("cancer–specific"): a hyphen to the parser."""


def _unmarked(text: str) -> str:
    """Emphasis and code marks ("**Label:**", "_word_") and line breaks inside a sentence
    blanked to spaces of the same length, so the parser reads the words as prose (a wrapped
    line parses as the same sentence unwrapped), and offsets still point into the text. A
    typeset dash inside a compound becomes a hyphen, one character for one."""
    text = WORD_DASH.sub("-", text)
    return MARKUP.sub(lambda m: " " * len(m.group()), text).replace("\r", " ").replace("\n", " ")


def _pieces(document: Document, sentence: Sentence) -> list[Span]:
    block = document.blocks[sentence.block]
    span = sentence.span
    if block.label is None or block.value is None or not span.start <= block.label.start:
        return [span]
    cut = block.value.start
    if not span.start < cut < span.end:
        return [span]
    return [Span(span.start, cut), Span(cut, span.end)]
