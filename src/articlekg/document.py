"""What the read stage hands on: the text the tool read and its structure.

All offsets are code-point offsets into :attr:`Document.text`. For a plain-text input that
text is the file itself; for Markdown and HTML it is the plain text extracted from them,
which the exports carry so that every quote can be checked against it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from itertools import pairwise


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


class BlockKind(StrEnum):
    TITLE = "title"
    META = "meta"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE_ROW = "table_row"
    LABEL_VALUE = "label_value"


@dataclass(frozen=True)
class Block:
    """One structural unit; ``span`` covers its content without markers such as ``- ``."""

    kind: BlockKind
    span: Span
    level: int = 0
    """Heading level (1 = top) or list nesting depth."""
    heading: int | None = None
    """Index in :attr:`Document.blocks` of the heading this block falls under."""
    cells: tuple[Span, ...] = ()
    """Table cells, stripped of padding."""
    header_row: bool = False
    label: Span | None = None
    """For ``Label: value`` lines (and headings of that shape): the label part."""
    value: Span | None = None
    """For ``Label: value`` lines: the value part."""


@dataclass(frozen=True)
class Metadata:
    title: str | None = None
    date_published: str | None = None
    """ISO 8601 date (``YYYY-MM-DD``) as the source states it, or None."""
    date_modified: str | None = None
    publisher: str | None = None
    authors: tuple[str, ...] = ()
    url: str | None = None
    publisher_span: Span | None = None
    """Where the text names the publisher, so the Organization node has evidence."""


@dataclass(frozen=True)
class Document:
    source_name: str
    """The input's name relative to what the user gave: never an absolute path."""
    stem: str
    text: str
    media_type: str
    blocks: tuple[Block, ...]
    metadata: Metadata = field(default_factory=Metadata)

    def slice(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def heading_text(self, block: Block) -> str | None:
        if block.heading is None:
            return None
        return self.slice(self.blocks[block.heading].span)

    def headings(self) -> list[tuple[int, Block]]:
        return [(i, b) for i, b in enumerate(self.blocks) if b.kind is BlockKind.HEADING]

    def block_at(self, offset: int) -> Block | None:
        """The first block whose span holds ``offset``."""
        starts, in_order = self._block_starts
        if in_order:
            # Blocks in order and disjoint: only the last one starting at or before can.
            index = bisect.bisect_right(starts, offset) - 1
            found = self.blocks[index] if index >= 0 else None
            return found if found is not None and offset < found.span.end else None
        for block in self.blocks:
            if block.span.start <= offset < block.span.end:
                return block
        return None

    @cached_property
    def _block_starts(self) -> tuple[list[int], bool]:
        starts = [block.span.start for block in self.blocks]
        in_order = all(a.span.end <= b.span.start for a, b in pairwise(self.blocks))
        return starts, in_order
