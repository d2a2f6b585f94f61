"""Plain-text files that carry Markdown: structure from the markup, offsets into the file.

CMS exports and copied pages are often saved as ``.txt`` with ``##`` headings, ``**Label:**``
bold labels and ``* `` bullets. markdown-it-py (the Markdown reader's parser) says which
lines are headings, list items, tables and paragraphs; unlike the Markdown reader, the text
is not rebuilt: every block's span points into the file itself, trimmed to what the markup
shows, so ``source[start:end] == quote`` still holds for the file. Markup inside a line stays
in the text; readers of a line's shape look at its visible characters (:mod:`visible`).

Beyond CommonMark, as people write such files: a line that is bold alone is a heading
(nested under the last Markdown heading), a bold label starts a line of its own, and a
short unpunctuated line standing over body text is a heading, as the text reader reads it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from markdown_it.token import Token

from articlekg.document import BlockKind, Document, Metadata, Span
from articlekg.read.layout import Line, is_table_separator, label_value
from articlekg.read.markdown import PlainText, finish, parse_markdown
from articlekg.read.metadata import byline, split_front_matter
from articlekg.read.text import looks_like_heading
from articlekg.read.visible import Visible, visible

LINE = re.compile(r"[^\r\n]*(?P<end>\r\n|\r|\n)?")
BOLD_LINE = re.compile(r"(?P<mark>\*\*|__)(?=\S)(?P<inner>.+?)(?<=\S)(?P=mark)\s*:?\s*")
BOLD_START = re.compile(r"\*\*|__")
# Bullets CommonMark does not know, which plain-text writers use inside Markdown files.
OTHER_BULLET = re.compile(r"[•·▪◦–][ \t]+")
TAG_ONLY = re.compile(r"\s*(?:<!--.*?-->|</?[A-Za-z][^>]*>)\s*")
FENCE = re.compile(r"\s*(?:```|~~~)")
SENTENCE_END = (".", "!", "?", ":", ";", "…", ".”", '."', "?”", "!”", ".)")
MAX_SHAPE_HEADING_CHARS = 70
JOINING_WORDS = frozenset(
    {"and", "or", "but", "the", "a", "an", "of", "to", "in", "with", "for", "on", "at", "by"}
)


def source_lines(text: str, start: int) -> list[Span]:
    """The content span (without its line break) of every line from ``start`` on."""
    spans: list[Span] = []
    position = start
    while True:
        match = LINE.match(text, position)
        assert match is not None  # the pattern matches the empty string
        content_end = match.end() - len(match.group("end") or "")
        spans.append(Span(position, content_end))
        if match.group("end") is None:
            return spans
        position = match.end()


@dataclass
class _Piece:
    """One source line of a paragraph, trimmed to what it shows."""

    span: Span
    shown: Visible
    hard_break: bool


@dataclass
class _Walker:
    text: str
    lines: list[Span]
    found: list[Line] = field(default_factory=list)
    heading_level: int = 1
    """Level of the last Markdown heading: a bold or shape-found heading nests under it."""

    def emit(self, kind: BlockKind, span: Span, level: int = 0) -> None:
        shown = visible(self.text, span)
        trimmed = shown.trimmed()
        if trimmed is None:
            return
        first_line = shown.text.split("\n", 1)[0]
        label = value = None
        split = label_value(first_line, Span(0, len(first_line)))
        if split is not None and kind is not BlockKind.TABLE_ROW:
            label = shown.span(split[0].start, split[0].end)
            value = Span(shown.span(split[1].start, split[1].end).start, trimmed.end)
        self.found.append(Line(kind, trimmed, level, label, value))

    def line_span(self, number: int) -> Span | None:
        if number >= len(self.lines):
            return None
        span = self.lines[number]
        content = self.text[span.start : span.end]
        stripped = content.strip()
        if not stripped:
            return None
        start = span.start + content.index(stripped)
        return Span(start, start + len(stripped))

    def pieces(self, inline: Token) -> list[_Piece]:
        """Each line of an inline token, found in its source line (container markers such as
        ``> `` and list bullets are not part of the token's content)."""
        first = inline.map[0] if inline.map else 0
        found: list[_Piece] = []
        for offset, piece in enumerate(inline.content.split("\n")):
            hard = piece.endswith(("  ", "\\"))
            content = piece.strip().removesuffix("\\").rstrip()
            number = first + offset
            if not content or number >= len(self.lines):
                continue
            line = self.lines[number]
            start = self.text.find(content, line.start, line.end)
            if start < 0:
                fallback = self.line_span(number)
                if fallback is None:
                    continue
                span = fallback
            else:
                span = Span(start, start + len(content))
            found.append(_Piece(span, visible(self.text, span), hard))
        return found

    def heading(self, inline: Token, level: int) -> None:
        pieces = self.pieces(inline)
        if pieces:
            self.heading_level = level
            self.emit(BlockKind.HEADING, Span(pieces[0].span.start, pieces[-1].span.end), level)

    def paragraph(self, inline: Token, item_depth: int | None) -> None:
        """A paragraph, cut where its writer started a new line of another kind."""
        pieces = self.pieces(inline)
        fact_sheet = len(pieces) > 1 and all(_label(p) for p in pieces)
        group: list[_Piece] = []
        first_kind = BlockKind.LIST_ITEM if item_depth is not None else BlockKind.PARAGRAPH
        depth = item_depth or 0

        def flush() -> None:
            nonlocal first_kind
            if group:
                self.emit(first_kind, Span(group[0].span.start, group[-1].span.end), depth)
                first_kind = BlockKind.PARAGRAPH
                group.clear()

        for piece in pieces:
            raw = self.text[piece.span.start : piece.span.end]
            if item_depth is None and BOLD_LINE.fullmatch(raw):
                flush()
                self.found.append(
                    Line(BlockKind.HEADING, _trim(piece), min(6, self.heading_level + 1))
                )
                continue
            bullet = OTHER_BULLET.match(raw)
            if bullet is not None and bullet.end() < len(raw):
                flush()
                start = piece.span.start + bullet.end()
                self.emit(BlockKind.LIST_ITEM, Span(start, piece.span.end), depth)
                continue
            if group and (
                group[-1].hard_break
                or fact_sheet
                or (BOLD_START.match(raw) and _label(piece))
                or _line_per_block(group[-1], piece)
            ):
                flush()
            group.append(piece)
        flush()

    def block_lines(self, token: Token, kind: BlockKind, skip: re.Pattern[str] | None) -> None:
        start, end = token.map or (0, 0)
        for number in range(start, end):
            span = self.line_span(number)
            if span is None or (skip and skip.fullmatch(self.text[span.start : span.end])):
                continue
            self.emit(kind, span)

    def table(self, token: Token) -> None:
        start, end = token.map or (0, 0)
        for number in range(start, end):
            span = self.line_span(number)
            if span is None:
                continue
            content = self.text[span.start : span.end]
            if is_table_separator(content):
                self.found.append(Line(BlockKind.META, span))
            else:
                self.found.append(Line(BlockKind.TABLE_ROW, span))


def _line_per_block(previous: _Piece, piece: _Piece) -> bool:
    """Whether a line break ends a block although Markdown would join the lines: files
    exported with one line per paragraph (or per heading) and no blank lines between them.
    A line that ends a sentence, or a short heading-like line, over a line that starts anew.
    """
    before, after = previous.shown.text.rstrip(), piece.shown.text.lstrip()
    if not before or not after or not (after[0].isupper() or after[0].isdigit()):
        return False
    if before.endswith(SENTENCE_END):
        return True
    last_word = before.rsplit(None, 1)[-1].lower()
    return (
        len(before) <= MAX_SHAPE_HEADING_CHARS
        and last_word not in JOINING_WORDS
        and looks_like_heading(before)
    )


def _label(piece: _Piece) -> bool:
    return label_value(piece.shown.text, Span(0, len(piece.shown.text))) is not None


def _trim(piece: _Piece) -> Span:
    shown = piece.shown.text.rstrip().removesuffix(":").rstrip()
    return piece.shown.span(len(shown) - len(shown.lstrip()), len(shown))


def walk(tokens: Sequence[Token], walker: _Walker) -> None:
    items: list[bool] = []
    """Per open list: whether its current item still waits for its first paragraph."""
    index = 0
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            items.append(False)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            items.pop()
        elif kind == "list_item_open":
            items[-1] = True
        elif kind == "heading_open":
            index += 1
            walker.heading(tokens[index], int(token.tag[1:]))
        elif kind == "paragraph_open":
            index += 1
            depth = None
            if items and items[-1]:
                items[-1] = False
                depth = len(items) - 1
            walker.paragraph(tokens[index], depth)
        elif kind == "table_open":
            walker.table(token)
            while index < len(tokens) and tokens[index].type != "table_close":
                index += 1
        elif kind == "fence":
            walker.block_lines(token, BlockKind.PARAGRAPH, FENCE)
        elif kind == "code_block":
            walker.block_lines(token, BlockKind.PARAGRAPH, None)
        elif kind == "html_block":
            walker.block_lines(token, BlockKind.PARAGRAPH, TAG_ONLY)
        index += 1


def shape_headings(text: str, lines: list[Line], has_title: bool) -> list[Line]:
    """Headings written without markup, as the text reader finds them: a one-line paragraph
    shaped like a heading over body text; the first such line, with no ``#`` title and
    nothing but a byline before it, is the title."""
    shaped: list[Line] = []
    level = 1
    before_body = True
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else None
        if line.kind is BlockKind.HEADING:
            level = line.level
        shown = visible(text, line.span).text
        first = before_body and not has_title
        if before_body and line.kind is BlockKind.PARAGRAPH and visible_byline(text, line.span):
            shaped.append(line)
            continue
        if (
            line.kind is BlockKind.PARAGRAPH
            and line.label is None
            and "\n" not in shown
            and following is not None
            and (first or following.kind is not BlockKind.HEADING)
            and looks_like_heading(shown, first=first)
        ):
            if first:
                line = replace(line, kind=BlockKind.TITLE, level=0)
            else:
                line = replace(line, kind=BlockKind.HEADING, level=min(6, level + 1))
        if line.kind is not BlockKind.META:
            before_body = False
        shaped.append(line)
    return shaped


def visible_byline(text: str, span: Span) -> Metadata | None:
    """A "Last Updated on … by [Publisher](…)" line, read through its markup (the whole line:
    a block's span stops where its visible words stop, inside the link)."""
    start = text.rfind("\n", 0, span.start) + 1
    end = text.find("\n", span.end)
    line = Span(start, len(text) if end < 0 else end)
    shown = visible(text, line)
    found = byline(shown.text, Span(0, len(shown.text)))
    if found is None or found.publisher_span is None:
        return found
    where = shown.span(found.publisher_span.start, found.publisher_span.end)
    return replace(found, publisher=text[where.start : where.end], publisher_span=where)


def read_marked_text_document(text: str, source_name: str, stem: str) -> Document:
    markup, body = split_front_matter(text.lstrip("\ufeff"))
    walker = _Walker(text, source_lines(text, len(text) - len(body)))
    first_line = text[: len(text) - len(body)].count("\n") + 1
    walk(parse_markdown(body, source_name, first_line), walker)
    has_title = any(line.kind is BlockKind.HEADING and line.level == 1 for line in walker.found)
    lines = shape_headings(text, walker.found, has_title)
    built = PlainText(parts=[text], lines=lines, length=len(text))
    return finish(built, markup, source_name, stem, "text/plain", find_byline=visible_byline)
