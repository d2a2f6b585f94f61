"""Markdown reader: structure from markup, text rebuilt as plain lines.

markdown-it-py says what each block is, so nothing is guessed from line shapes. The text the
tool reads is a plain text built from the blocks, one line each (``- item``, ``| a | b |``,
headings bare), so that offsets and quotes refer to words without markup. The same builder
serves the HTML reader, which makes HTML and Markdown of one article read alike.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from markdown_it import MarkdownIt
from markdown_it.token import Token

from articlekg.document import BlockKind, Document, Metadata, Span
from articlekg.errors import InputError
from articlekg.read.layout import Line, build_blocks, label_value
from articlekg.read.metadata import byline, locate_publisher, merge, split_front_matter

# Characters that change no word but break matching: soft hyphen, zero-width space/joiners, BOM.
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
# A "|" inside a cell would split it in two when table rows are read back; "¦" keeps the look.
CELL_BAR = str.maketrans({"|": "¦"})


def clean(text: str) -> str:
    """One line of text: every run of whitespace (non-breaking and thin spaces too) one space."""
    return " ".join(text.translate(INVISIBLE).split())


@dataclass
class PlainText:
    """Builds the plain text line by line, remembering each line's kind and content span."""

    parts: list[str] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    length: int = 0

    def add(self, kind: BlockKind, content: str, level: int = 0, marker: str = "") -> None:
        content = clean(content)
        if not content:
            return
        if self.parts:
            self.parts.append("\n")
            self.length += 1
        start = self.length + len(marker)
        self.parts.append(marker + content)
        self.length = start + len(content)
        self.lines.append(Line(kind, Span(start, self.length), level))

    def item(self, content: str, depth: int, number: int | None) -> None:
        bullet = "- " if number is None else f"{number}. "
        self.add(BlockKind.LIST_ITEM, content, depth, "  " * depth + bullet)

    def row(self, cells: Sequence[str], header: bool) -> None:
        texts = [clean(cell).translate(CELL_BAR) for cell in cells]
        if not any(texts):
            return
        self.add(BlockKind.TABLE_ROW, "| " + " | ".join(texts) + " |")
        if header:
            self.add(BlockKind.META, "|" + "---|" * len(texts))

    def paragraphs(self, content: str) -> None:
        """A paragraph; hard line breaks inside it start new lines, as they do on the page."""
        for piece in content.split("\n"):
            self.add(BlockKind.PARAGRAPH, piece)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def finish(
    built: PlainText,
    markup: Metadata,
    source_name: str,
    stem: str,
    media_type: str,
    fallback: Metadata | None = None,
    find_byline: Callable[[str, Span], Metadata | None] = byline,
) -> Document:
    """Classify what markup cannot say (byline, title, label/value lines) and build the Document.

    Metadata from markup wins over a byline in the text, which wins over the shown title,
    which wins over ``fallback`` (an HTML ``<title>``, often suffixed with the site's name).
    A byline may follow the title, as it often does on the web, but no body text.
    """
    if not built.lines:
        raise InputError(f"{source_name}: no article text found")
    text = built.text
    lines: list[Line] = []
    stated = Metadata()
    seen_body = False
    for line in built.lines:
        kind = line.kind
        if kind is BlockKind.PARAGRAPH and not seen_body and stated == Metadata():
            found = find_byline(text, line.span)
            if found is not None:
                stated = found
                lines.append(replace(line, kind=BlockKind.META))
                continue
        if (
            kind is BlockKind.HEADING
            and line.level == 1
            and not seen_body
            and not any(other.kind is BlockKind.TITLE for other in lines)
        ):
            # An h1 before any body text is the page title; later h1s are section headings.
            kind = BlockKind.TITLE
        elif kind is BlockKind.PARAGRAPH and (
            line.label is not None or label_value(text, line.span) is not None
        ):
            kind = BlockKind.LABEL_VALUE
        if kind not in (BlockKind.META, BlockKind.TITLE):
            seen_body = True
        lines.append(replace(line, kind=kind))
    blocks = build_blocks(text, lines)
    shown_title = next(
        (text[b.span.start : b.span.end] for b in blocks if b.kind is BlockKind.TITLE), None
    )
    metadata = merge(
        markup,
        replace(stated, publisher_span=None),
        Metadata(title=shown_title),
        fallback or Metadata(),
    )
    if stated.publisher is not None and stated.publisher == metadata.publisher:
        metadata = replace(metadata, publisher_span=stated.publisher_span)
    # Otherwise the byline names someone else (often the author): find the publisher itself.
    metadata = locate_publisher(metadata, text)
    return Document(
        source_name=source_name,
        stem=stem,
        text=text,
        media_type=media_type,
        blocks=blocks,
        metadata=metadata,
    )


# Markdown tokens -------------------------------------------------------------------------


def parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


# Tokens whose content markdown-it reads one nesting level deeper.
CONTAINERS = frozenset({"blockquote_open", "list_item_open"})


def parse_markdown(body: str, source_name: str, first_line: int = 1) -> list[Token]:
    """The body's tokens; refuses quotes and lists nested so deep that markdown-it would
    drop what lies inside them without a word (its ``maxNesting``). ``first_line``: the
    body's line number in the file (front matter comes before it)."""
    markdown = parser()
    tokens = markdown.parse(body)
    deepest = markdown.options["maxNesting"]
    for token in tokens:
        if token.type in CONTAINERS and token.level + 1 >= deepest:
            line = f" line {token.map[0] + first_line}:" if token.map else ""
            raise InputError(
                f"{source_name}:{line} quotes or lists nested more than {deepest - 1} levels "
                "deep; the text inside them would be lost"
            )
    return tokens


def inline_text(token: Token, soft: str = " ") -> str:
    """An inline token's words: link text kept, targets, images and raw HTML tags dropped.

    A hard break becomes a line break; a soft break becomes ``soft``.
    """
    pieces: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            pieces.append(child.content)
        elif child.type == "softbreak":
            pieces.append(soft)
        elif child.type == "hardbreak":
            pieces.append("\n")
    return "".join(pieces)


def paragraph_lines(token: Token) -> str:
    """The paragraph's text; a run of "Label: value" source lines stays one line each.

    Markdown joins ``Design: RCT`` and ``Setting: 15 hospices`` on consecutive lines into one
    paragraph, but their writer meant a fact sheet, as the plain-text reader reads it.
    """
    lines = [clean(line) for line in inline_text(token, soft="\n").split("\n")]
    lines = [line for line in lines if line]
    if len(lines) > 1 and all(label_value(line, Span(0, len(line))) for line in lines):
        return "\n".join(lines)
    return inline_text(token)


@dataclass
class _ListState:
    ordered: bool
    number: int
    item_open: bool = False
    """Whether the current item still waits for its first line of text."""


def bold_lines(token: Token, content: str) -> list[tuple[bool, str]]:
    """A paragraph cut at its lines that are bold alone, which their writer meant as headings
    ("**Purpose**" over its text); the rest as :func:`paragraph_lines` reads it."""
    lines: list[list[Token]] = [[]]
    for child in token.children or []:
        if child.type in ("softbreak", "hardbreak"):
            lines.append([])
        else:
            lines[-1].append(child)

    def bold_alone(children: list[Token]) -> bool:
        kinds = [c.type for c in children if not (c.type == "text" and not c.content.strip())]
        return (
            len(kinds) >= 3
            and kinds[0] == "strong_open"
            and kinds[-1] == "strong_close"
            and kinds.count("strong_open") == 1
        )

    if not any(bold_alone(children) for children in lines):
        return [(False, content)]
    pieces: list[tuple[bool, str]] = []
    rest: list[str] = []
    for children in lines:
        words = "".join(c.content for c in children if c.type in ("text", "code_inline"))
        if bold_alone(children):
            if rest:
                pieces.append((False, " ".join(rest)))
                rest = []
            pieces.append((True, clean(words).rstrip(":").rstrip()))
        else:
            rest.append(words)
    if rest:
        pieces.append((False, " ".join(rest)))
    return pieces


def walk(tokens: Sequence[Token], built: PlainText, source_name: str) -> None:
    heading_level = 1
    lists: list[_ListState] = []
    row: list[str] = []
    in_head = False
    index = 0
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = token.attrGet("start")
            lists.append(
                _ListState(
                    kind == "ordered_list_open",
                    int(start) - 1 if isinstance(start, int | str) else 0,
                )
            )
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            lists[-1].number += 1
            lists[-1].item_open = True
        elif kind == "heading_open":
            index += 1
            heading_level = int(token.tag[1:])
            built.add(
                BlockKind.HEADING, inline_text(tokens[index]).replace("\n", " "), heading_level
            )
        elif kind == "paragraph_open":
            index += 1
            content = paragraph_lines(tokens[index])
            current = lists[-1] if lists else None
            if current is not None and current.item_open:
                current.item_open = False
                built.item(
                    content.replace("\n", " "),
                    len(lists) - 1,
                    current.number if current.ordered else None,
                )
            else:
                for bold, piece in bold_lines(tokens[index], content):
                    if bold:
                        built.add(BlockKind.HEADING, piece, min(6, heading_level + 1))
                    else:
                        built.paragraphs(piece)
        elif kind == "thead_open":
            in_head = True
        elif kind == "thead_close":
            in_head = False
        elif kind == "tr_open":
            row = []
        elif kind in ("th_open", "td_open"):
            index += 1
            row.append(inline_text(tokens[index]).replace("\n", " "))
        elif kind == "tr_close":
            built.row(row, in_head)
        elif kind in ("fence", "code_block"):
            for code_line in token.content.splitlines():
                built.add(BlockKind.PARAGRAPH, code_line)
        elif kind == "html_block":
            # Imported here: the HTML reader builds on this module.
            from articlekg.read.html import walk_html_fragment

            walk_html_fragment(token.content, built, source_name)
        # Rules and blockquote markers carry no words of their own.
        index += 1


def read_markdown_document(source: str, source_name: str, stem: str) -> Document:
    markup, body = split_front_matter(source.lstrip("\ufeff"))
    built = PlainText()
    first_line = source[: len(source) - len(body)].count("\n") + 1
    walk(parse_markdown(body, source_name, first_line), built, source_name)
    return finish(built, markup, source_name, stem, "text/markdown")
