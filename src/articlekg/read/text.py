"""Plain-text reader: structure from line shapes, offsets into the file itself.

Plain-text articles have no markup, so structure comes from the shape of lines: a short line
without end punctuation followed by body text is a heading; ``- `` / ``• `` lines are list
items; ``|`` lines are table rows; a first line like "Last Updated on <date> by <publisher>"
is metadata.
"""

from __future__ import annotations

import re
from datetime import datetime

from articlekg.document import BlockKind, Document, Metadata, Span
from articlekg.read.layout import Line, build_blocks, is_table_separator, label_value

BULLET = re.compile(r"(?P<indent>[ \t]*)(?:[-*•–·▪◦]|\d{1,2}[.)])[ \t]+")
UPDATED = re.compile(
    r"(?:Last\s+)?(?P<verb>Updated|Published|Posted|Reviewed)(?:\s+on)?\s+(?P<date>.+?)"
    r"\s+by\s+(?P<publisher>.+?)\s*$",
    re.IGNORECASE,
)
DATE_FORMATS = ("%B %d, %Y", "%d %B %Y", "%b %d, %Y", "%d %b %Y", "%Y-%m-%d", "%B %Y")
END_PUNCTUATION = (".", "!", ";", ",", ":", "…")
MAX_HEADING_CHARS = 120
MAX_HEADING_WORDS = 16
MAX_QUESTION_HEADING_CHARS = 70
MAX_TITLE_CHARS = 250
MAX_TITLE_WORDS = 40
MIN_TITLE_LABEL_WORDS = 3
# A reference's source line ("2019 Jul 2;42(9):431–438. doi: …") is not a heading.
BIBLIOGRAPHIC = re.compile(r"\bdoi\b|\bPMID\b|\d\s*;\s*\d+\s*[(:]", re.IGNORECASE)


def parse_date(text: str) -> str | None:
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.strip())
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def physical_lines(text: str) -> list[Span]:
    """Content spans of every line, excluding the line break (``\\n``, ``\\r\\n`` or ``\\r``)."""
    spans = []
    for match in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n|$)", text):
        if match.start() == match.end():
            continue
        content = match.group().rstrip("\r\n")
        spans.append(Span(match.start(), match.start() + len(content)))
    return spans


def strip_span(text: str, span: Span) -> Span:
    content = text[span.start : span.end]
    start = span.start + (len(content) - len(content.lstrip()))
    return Span(start, max(start, span.start + len(content.rstrip())))


def looks_like_heading(content: str, *, first: bool = False) -> bool:
    # An article's first line may be a long title ("X versus Y to improve Z: a randomized trial").
    max_chars, max_words = (
        (MAX_TITLE_CHARS, MAX_TITLE_WORDS) if first else (MAX_HEADING_CHARS, MAX_HEADING_WORDS)
    )
    if not content or len(content) > max_chars or len(content.split()) > max_words:
        return False
    if BIBLIOGRAPHIC.search(content):
        return False
    if content.endswith("?"):
        return len(content) <= MAX_QUESTION_HEADING_CHARS
    if content.endswith(END_PUNCTUATION):
        return False
    # A heading starts with a capital letter or digit; a wrapped sentence fragment does not.
    return content[0].isupper() or content[0].isdigit()


def classify(text: str, spans: list[Span]) -> tuple[list[Line], Metadata]:
    metadata = Metadata()
    rough: list[tuple[BlockKind, Span, int]] = []
    for span in spans:
        stripped = strip_span(text, span)
        content = text[stripped.start : stripped.end]
        if not content:
            continue
        bullet = BULLET.match(text, span.start, span.end)
        if content.startswith("|") or (content.count("|") >= 2 and is_table_separator(content)):
            kind = BlockKind.META if is_table_separator(content) else BlockKind.TABLE_ROW
            rough.append((kind, stripped, 0))
        elif bullet is not None and bullet.end() < stripped.end:
            depth = len(bullet.group("indent").expandtabs(4)) // 2
            rough.append((BlockKind.LIST_ITEM, Span(bullet.end(), stripped.end), depth))
        else:
            rough.append((BlockKind.PARAGRAPH, stripped, 0))

    lines: list[Line] = []
    seen_body = False
    for index, (kind, span, level) in enumerate(rough):
        content = text[span.start : span.end]
        # A byline may follow the title, as it does on the web, but no body text.
        if kind is BlockKind.PARAGRAPH and not seen_body and metadata == Metadata():
            updated = UPDATED.fullmatch(content)
            if updated is not None and len(content) < 160:
                publisher = updated.group("publisher")
                publisher_start = span.start + updated.start("publisher")
                date = parse_date(updated.group("date"))
                verb = updated.group("verb").lower()
                metadata = Metadata(
                    date_published=None if verb == "updated" else date,
                    date_modified=date if verb == "updated" else None,
                    publisher=publisher,
                    publisher_span=Span(publisher_start, publisher_start + len(publisher)),
                )
                lines.append(Line(BlockKind.META, span))
                continue
        following = rough[index + 1] if index + 1 < len(rough) else None
        first = not seen_body and not lines_have_heading(lines)
        # Inside a run of "Label: value" lines, a line stays one of them unless it introduces
        # a list or table ("Supporting Entity: X" over its bullet points).
        in_fact_sheet = (
            bool(lines)
            and lines[-1].kind is BlockKind.LABEL_VALUE
            and (label_value(text, span) is not None)
            and (following is None or following[0] is BlockKind.PARAGRAPH)
        )
        if (
            kind is BlockKind.PARAGRAPH
            and following is not None
            and not in_fact_sheet
            and looks_like_heading(content, first=first)
        ):
            next_kind, next_span, _ = following
            next_content = text[next_span.start : next_span.end]
            # A run of short "Label: value" lines is a fact sheet, not a heading and its body.
            fact_sheet = (
                label_value(text, span) is not None
                and next_kind is BlockKind.PARAGRAPH
                and label_value(text, next_span) is not None
                and len(next_content) <= MAX_HEADING_CHARS
                and not (first and _subtitled(text, span))
            )
            next_is_heading = next_kind is BlockKind.PARAGRAPH and looks_like_heading(next_content)
            # An article's title may stand over a heading that heads another ("Abstract" over
            # "Background" over its text); elsewhere two heading-like lines in a row are text.
            heads_heading = first and index + 2 < len(rough) and _is_body(rough, index + 2, text)
            if not fact_sheet and not (
                next_is_heading and not _is_body(rough, index + 1, text) and not heads_heading
            ):
                kind = BlockKind.TITLE if first else BlockKind.HEADING
                level = 0 if kind is BlockKind.TITLE else 1
        if kind is BlockKind.PARAGRAPH and label_value(text, span) is not None:
            kind = BlockKind.LABEL_VALUE
        if kind not in (BlockKind.META, BlockKind.TITLE):
            seen_body = True
        lines.append(Line(kind, span, level))
    return lines, metadata


def _subtitled(text: str, span: Span) -> bool:
    """'Tai chi for balance: a randomized trial': a title and its subtitle, not the label of a
    fact sheet, whose labels are a word or two ("Design:", "Main outcome:")."""
    split = label_value(text, span)
    if split is None:
        return False
    label = re.sub(r"\([^)]*\)", "", text[split[0].start : split[0].end])
    return len(label.split()) >= MIN_TITLE_LABEL_WORDS


def _is_body(rough: list[tuple[BlockKind, Span, int]], index: int, text: str) -> bool:
    """Whether the line at ``index`` starts body text (so the line before it can head it)."""
    kind, _, _ = rough[index]
    if kind is not BlockKind.PARAGRAPH:
        return True
    following = rough[index + 1] if index + 1 < len(rough) else None
    return (
        following is None
        or following[0] is not BlockKind.PARAGRAPH
        or not looks_like_heading(text[following[1].start : following[1].end])
    )


def lines_have_heading(lines: list[Line]) -> bool:
    return any(line.kind in (BlockKind.HEADING, BlockKind.TITLE) for line in lines)


def read_text_document(text: str, source_name: str, stem: str) -> Document:
    lines, metadata = classify(text, physical_lines(text))
    blocks = build_blocks(text, lines)
    title = next(
        (text[b.span.start : b.span.end] for b in blocks if b.kind is BlockKind.TITLE), None
    )
    if title is not None:
        metadata = Metadata(
            title=title,
            date_published=metadata.date_published,
            date_modified=metadata.date_modified,
            publisher=metadata.publisher,
            authors=metadata.authors,
            url=metadata.url,
            publisher_span=metadata.publisher_span,
        )
    return Document(
        source_name=source_name,
        stem=stem,
        text=text,
        media_type="text/plain",
        blocks=blocks,
        metadata=metadata,
    )
