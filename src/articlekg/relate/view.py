"""What every relate rule looks at: the document, its sentences, mentions and numbers."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar, cast

from articlekg.document import Block, BlockKind, Document, Span
from articlekg.facts import EntityRef, Facts
from articlekg.lexicon import Lexicon
from articlekg.parse import Parsed
from articlekg.quantities import Quantity
from articlekg.recognise import Mention, Recognised
from articlekg.sections import Sections
from articlekg.segment import Sentence

TRIM = " \t.,;:()[]\"'“”‘’—–-"
T = TypeVar("T")


@dataclass
class ArticleView:
    document: Document
    sections: Sections
    sentences: list[Sentence]
    parsed: Parsed
    recognised: Recognised
    lexicon: Lexicon
    facts: Facts

    def __post_init__(self) -> None:
        self.last_subjects: list[EntityRef] = []
        self.aliases: dict[str, EntityRef] = {}
        """Other names the article gives an entity, by normalised label."""
        """Subjects of the last clause an effect rule read, for "They ..." in the next sentence."""
        self._by_sentence: dict[int, list[Mention]] = {}
        for mention in self.recognised.mentions:
            self._by_sentence.setdefault(mention.sentence, []).append(mention)
        # Indexes, so that rules asking per sentence or block stay linear in the article.
        self._of_block: dict[int, list[int]] = {}
        for i, sentence in enumerate(self.sentences):
            self._of_block.setdefault(sentence.block, []).append(i)
        self._per_block: dict[tuple[str, int], object] = {}
        self._ends = [s.span.end for s in self.sentences]
        self._in_order = all(
            a.span.end <= b.span.start for a, b in itertools.pairwise(self.sentences)
        )

    # text ------------------------------------------------------------------------------
    @property
    def text(self) -> str:
        return self.document.text

    def sentence_text(self, index: int) -> str:
        return self.document.slice(self.sentences[index].span)

    def sentence_index(self, span: Span) -> int:
        """The first sentence that overlaps (or is) ``span``."""
        if self._in_order:
            # In order and disjoint, only the first sentence ending after span.start can.
            i = bisect.bisect_right(self._ends, span.start)
            if i < len(self.sentences):
                found = self.sentences[i].span
                if found.overlaps(span) or found == span:
                    return i
        return next(
            i for i, s in enumerate(self.sentences) if s.span.overlaps(span) or s.span == span
        )

    def per_block(self, name: str, block: int, compute: Callable[[], T]) -> T:
        """``compute()`` once per block: rules that ask it of every sentence (or mention)
        would otherwise read a long paragraph again for each of its sentences."""
        return self.memo((name, block), compute)

    def memo(self, key: tuple[str, int], compute: Callable[[], T]) -> T:
        """``compute()`` once per ``key`` for this article."""
        if key not in self._per_block:
            self._per_block[key] = compute()
        return cast(T, self._per_block[key])

    def block_of(self, index: int) -> Block:
        return self.document.blocks[self.sentences[index].block]

    def slots(self, index: int) -> frozenset[str]:
        """The section slots sentence ``index`` falls under ("results", "safety", ...)."""
        return self.sections.slots_of(self.sentences[index].block)

    def heading_of(self, index: int) -> str:
        return self.document.heading_text(self.block_of(index)) or ""

    def sentences_of_block(self, block_index: int) -> list[int]:
        return list(self._of_block.get(block_index, ()))

    def list_after(self, block_index: int) -> list[int]:
        """Block indices of the list items that directly follow a block."""
        items = []
        for j in range(block_index + 1, len(self.document.blocks)):
            if self.document.blocks[j].kind is not BlockKind.LIST_ITEM:
                break
            items.append(j)
        return items

    def trimmed(self, span: Span) -> Span:
        raw = self.text[span.start : span.end]
        left = len(raw) - len(raw.lstrip(TRIM))
        right = len(raw.rstrip(TRIM))
        if right <= left:
            return span
        stripped = Span(span.start + left, span.start + right)
        # Keep a closing bracket whose opening bracket is inside the span.
        inner = self.text[stripped.start : stripped.end]
        if (
            inner.count("(") > inner.count(")")
            and self.text[stripped.end : stripped.end + 1] == ")"
        ):
            stripped = Span(stripped.start, stripped.end + 1)
        return stripped

    # mentions --------------------------------------------------------------------------
    def mentions(self, index: int, *categories: str) -> list[Mention]:
        found = self._by_sentence.get(index, [])
        return [m for m in found if not categories or m.category in categories]

    def mentions_between(self, index: int, start: int, end: int, *categories: str) -> list[Mention]:
        return [
            m
            for m in self.mentions(index, *categories)
            if start <= m.span.start and m.span.end <= end
        ]

    def quantities(self, index: int) -> list[Quantity]:
        return self.recognised.quantities.get(index, [])

    def ref(self, mention: Mention) -> EntityRef:
        return EntityRef(self.lexicon.concepts[mention.concept].pref_label, mention.concept)

    def ref_for_span(self, span: Span) -> EntityRef:
        """A whole phrase as an entity: the lexicon concept it names exactly, else its own label."""
        span = self.trimmed(span)
        phrase = self.text[span.start : span.end]
        concept = self.lexicon.lookup(phrase)
        if concept is not None:
            return EntityRef(concept.pref_label, concept.iri)
        return EntityRef(clean_label(phrase))

    def add(self, ref: EntityRef, kind: str, span: Span | None) -> EntityRef:
        return self.facts.add_entity(ref, kind, span)

    def add_span(self, span: Span, kind: str) -> EntityRef:
        span = self.trimmed(span)
        return self.add(self.ref_for_span(span), kind, span)

    def add_mention(self, mention: Mention, kind: str | None = None) -> EntityRef:
        return self.add(self.ref(mention), kind or mention.category, mention.span)


def masked(text: str, start: int, end: int) -> str:
    """``text[start:end]`` with bracketed asides blanked out (same length, same offsets)."""
    chars = list(text[start:end])
    depth = 0
    for k, char in enumerate(chars):
        if char in "([":
            depth += 1
        if depth:
            chars[k] = " "
        if char in ")]" and depth:
            depth -= 1
    return "".join(chars)


def clean_label(phrase: str) -> str:
    phrase = re.sub(r"\s+", " ", phrase).strip(TRIM)
    return phrase
