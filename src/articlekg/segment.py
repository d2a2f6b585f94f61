"""The segment stage: sentences with offsets, inside each block.

A block never spans sentences of two blocks: headings, list items and table rows are one
sentence each unless they hold several. Sentence ends are ``.``, ``!`` or ``?`` followed by
space and a capital, digit or quote, except after abbreviations ("e.g.", "et al.", "Dr."),
inside quotation marks, or inside brackets; decimals and "n=72" never hold a break.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from articlekg.document import Block, BlockKind, Document, Span

ABBREVIATIONS = frozenset(
    {
        "e.g",
        "i.e",
        "et",
        "al",
        "etc",
        "vs",
        "cf",
        "approx",
        "dr",
        "mr",
        "mrs",
        "ms",
        "prof",
        "fig",
        "no",
        "vol",
        "st",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "ca",
        "min",
        "max",
        "avg",
        "dept",
        "univ",
        "est",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    }
)
BREAK = re.compile(r"[.!?]+[”\"')\]]*(?=\s+[\"“'(\[]?[A-Z0-9])")


@dataclass(frozen=True)
class Sentence:
    span: Span
    block: int
    """Index of the block in :attr:`Document.blocks`."""


def _previous_word(text: str, end: int) -> str:
    match = re.search(r"([A-Za-z][A-Za-z.]*)\.?$", text[max(0, end - 12) : end])
    return match.group(1).lower().rstrip(".") if match else ""


class _Brackets:
    """Whether a bracket or a curly quotation opened since the sentence began is still open,
    read incrementally so that a long run of skipped breaks is not rescanned each time."""

    def __init__(self, text: str, start: int) -> None:
        self.text = text
        self.read_to = start
        self.depth = 0
        self.quote_open = False

    def open_at(self, end: int) -> bool:
        for char in self.text[self.read_to : end]:
            if char in "([":
                self.depth += 1
            elif char in ")]" and self.depth:
                self.depth -= 1
            elif char == "“":
                self.quote_open = True
            elif char == "”":
                self.quote_open = False
        self.read_to = max(self.read_to, end)
        return self.depth > 0 or self.quote_open


MAX_SENTENCE_CHARS = 2000
"""Longest sentence handed on: the longest in the dev articles has about 450 characters, and
parsing and matching grow faster than a sentence's length, so a run of text with no sentence
end (a megabyte on one line) is cut into pieces of at most this many characters."""
CLAUSE_ENDS = ("; ", ", ")

log = logging.getLogger(__name__)


def split_span(text: str, span: Span) -> list[Span]:
    pieces: list[Span] = []
    start = span.start
    brackets = _Brackets(text, start)
    for match in BREAK.finditer(text, span.start, span.end):
        cut = match.end()
        dot = match.start()
        if text[dot] == "." and _previous_word(text, dot + 1) in ABBREVIATIONS:
            continue
        # A single capital before the dot is an initial ("Smith MC."), not a sentence end,
        # unless the next word starts a new clause; keep initials together with names.
        # (Three characters before the dot decide it; the sentence's start anchors ``^``.)
        if text[dot] == "." and re.search(r"(?:^|\s)[A-Z]{1,2}$", text[max(start, dot - 3) : dot]):
            continue
        if brackets.open_at(cut):
            continue
        pieces.append(Span(start, cut))
        start = cut
        while start < span.end and text[start].isspace():
            start += 1
        brackets = _Brackets(text, start)
    if start < span.end:
        pieces.append(Span(start, span.end))
    bounded = [short for p in pieces for short in _bounded(text, p)]
    return [p for p in bounded if text[p.start : p.end].strip()]


def _bounded(text: str, span: Span) -> list[Span]:
    """``span`` cut into pieces of at most :data:`MAX_SENTENCE_CHARS`, each at the last clause
    end (``;``, ``,``) or space of its second half, else at the limit itself."""
    if span.end - span.start <= MAX_SENTENCE_CHARS:
        return [span]
    log.warning(
        "a sentence of %d characters at offset %d is read in pieces of at most %d",
        span.end - span.start,
        span.start,
        MAX_SENTENCE_CHARS,
    )
    pieces: list[Span] = []
    start = span.start
    while span.end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        half = start + MAX_SENTENCE_CHARS // 2
        cut = max(text.rfind(end, half, limit - 1) + 2 for end in CLAUSE_ENDS)
        if cut <= half:
            space = max(text.rfind(" ", half, limit), text.rfind("\n", half, limit))
            cut = space + 1 if space >= half else limit
        end = cut
        while end > start and text[end - 1].isspace():
            end -= 1
        pieces.append(Span(start, end))
        start = cut
        while start < span.end and text[start].isspace():
            start += 1
    if start < span.end:
        pieces.append(Span(start, span.end))
    return pieces


def sentences_of_block(document: Document, index: int, block: Block) -> list[Sentence]:
    if block.kind is BlockKind.META:
        return []
    if block.kind is BlockKind.TABLE_ROW:
        return [Sentence(span, index) for span in _bounded(document.text, block.span)]
    return [Sentence(span, index) for span in split_span(document.text, block.span)]


def segment(document: Document) -> list[Sentence]:
    sentences: list[Sentence] = []
    for index, block in enumerate(document.blocks):
        sentences.extend(sentences_of_block(document, index, block))
    return sentences
