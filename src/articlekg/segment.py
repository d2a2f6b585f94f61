"""The segment stage: sentences with offsets, inside each block.

A block never spans sentences of two blocks: headings, list items and table rows are one
sentence each unless they hold several. Sentence ends are ``.``, ``!`` or ``?`` followed by
space and a capital, digit or quote, except after abbreviations ("e.g.", "et al.", "Dr."),
inside quotation marks, or inside brackets; decimals and "n=72" never hold a break.
"""

from __future__ import annotations

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


def _inside_brackets(text: str, start: int, end: int) -> bool:
    depth = 0
    quote_open = False
    for char in text[start:end]:
        if char in "([":
            depth += 1
        elif char in ")]" and depth:
            depth -= 1
        elif char == "“":
            quote_open = True
        elif char == "”":
            quote_open = False
    return depth > 0 or quote_open


def split_span(text: str, span: Span) -> list[Span]:
    pieces: list[Span] = []
    start = span.start
    for match in BREAK.finditer(text, span.start, span.end):
        cut = match.end()
        dot = match.start()
        if text[dot] == "." and _previous_word(text, dot + 1) in ABBREVIATIONS:
            continue
        # A single capital before the dot is an initial ("Smith MC."), not a sentence end,
        # unless the next word starts a new clause; keep initials together with names.
        if text[dot] == "." and re.search(r"(?:^|\s)[A-Z]{1,2}$", text[start:dot]):
            continue
        if _inside_brackets(text, start, cut):
            continue
        pieces.append(Span(start, cut))
        start = cut
        while start < span.end and text[start].isspace():
            start += 1
    if start < span.end:
        pieces.append(Span(start, span.end))
    return [p for p in pieces if text[p.start : p.end].strip()]


def sentences_of_block(document: Document, index: int, block: Block) -> list[Sentence]:
    if block.kind is BlockKind.META:
        return []
    if block.kind is BlockKind.TABLE_ROW:
        return [Sentence(block.span, index)]
    return [Sentence(span, index) for span in split_span(document.text, block.span)]


def segment(document: Document) -> list[Sentence]:
    sentences: list[Sentence] = []
    for index, block in enumerate(document.blocks):
        sentences.extend(sentences_of_block(document, index, block))
    return sentences
