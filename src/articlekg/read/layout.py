"""Turn classified lines into blocks: shared by every reader.

A reader decides what each line of its text is (heading, list item, table row, ...); this
module does the rest the same way for all of them: label/value splits, table cells, header
rows and which heading each block falls under.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from articlekg.document import Block, BlockKind, Span

LABEL_VALUE = re.compile(
    # "Label: value" or "Label — value": a short capitalised label (parentheses allowed,
    # e.g. "Acupuncture Group (n=48)") then a separator, then the value.
    r"(?P<label>[A-Z][^:\n|—–]{0,60}?)\s*(?::|\s[—–]\s)\s*(?P<value>\S.*)"
)
MAX_LABEL_WORDS = 6
TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


@dataclass(frozen=True)
class Line:
    """A classified line: ``span`` is its content, without markers such as ``- ``."""

    kind: BlockKind
    span: Span
    level: int = 0
    label: Span | None = None
    """A label the reader found itself (``**Label:** value`` in marked-up text), and its
    value; without one, ``Label: value`` is looked for in the span's text."""
    value: Span | None = None


def label_value(text: str, span: Span) -> tuple[Span, Span] | None:
    content = text[span.start : span.end]
    match = LABEL_VALUE.fullmatch(content)
    if match is None:
        return None
    label = match.group("label").strip()
    words = re.sub(r"\([^)]*\)", "", label).split()
    if (
        not words
        or len(words) > MAX_LABEL_WORDS
        or label.endswith((".", ","))
        or label.count("(") != label.count(")")
        or ";" in label
        or ". " in label
    ):
        return None
    label_start = span.start + match.start("label")
    return (
        Span(label_start, label_start + len(label)),
        Span(span.start + match.start("value"), span.start + match.end("value")),
    )


def table_cells(text: str, span: Span) -> tuple[Span, ...]:
    cells = []
    content = text[span.start : span.end]
    inner_start = 1 if content.startswith("|") else 0
    inner_end = len(content) - 1 if content.endswith("|") and len(content) > 1 else len(content)
    position = inner_start
    for piece in content[inner_start:inner_end].split("|"):
        stripped = piece.strip()
        offset = span.start + position + (len(piece) - len(piece.lstrip()))
        # An empty cell keeps its column (as an empty span), so later columns do not shift.
        cells.append(Span(offset, offset + len(stripped)))
        position += len(piece) + 1
    return tuple(cells)


def build_blocks(text: str, lines: list[Line]) -> tuple[Block, ...]:
    blocks: list[Block] = []
    current_heading: int | None = None
    for index, line in enumerate(lines):
        kind = line.kind
        heading = current_heading
        if kind in (BlockKind.HEADING, BlockKind.TITLE):
            heading = None
        label = value = None
        cells: tuple[Span, ...] = ()
        header_row = False
        if kind is BlockKind.TABLE_ROW:
            cells = table_cells(text, line.span)
            following = lines[index + 1] if index + 1 < len(lines) else None
            header_row = (
                following is not None
                and following.kind is BlockKind.META
                and bool(TABLE_SEPARATOR.match(text[following.span.start : following.span.end]))
            )
        elif kind in (
            BlockKind.HEADING,
            BlockKind.PARAGRAPH,
            BlockKind.LIST_ITEM,
            BlockKind.LABEL_VALUE,
        ):
            split = (
                (line.label, line.value)
                if line.label is not None and line.value is not None
                else label_value(text, line.span)
            )
            if split is not None:
                label, value = split
        blocks.append(
            Block(
                kind=kind,
                span=line.span,
                level=line.level,
                heading=heading,
                cells=cells,
                header_row=header_row,
                label=label,
                value=value,
            )
        )
        if kind in (BlockKind.HEADING, BlockKind.TITLE):
            current_heading = len(blocks) - 1
    return tuple(blocks)


def is_table_separator(content: str) -> bool:
    return bool(TABLE_SEPARATOR.match(content))
