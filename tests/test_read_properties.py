"""Property tests (hypothesis) for the read, sections and segment stages.

Random text made of article-like pieces and the characters that break naive readers (CRLF
and lone CR, BOM, NUL, emoji, combining marks, right-to-left marks, U+2028, Markdown and
HTML punctuation) never raises anything but articlekg's own errors, every offset lies in
the text read, and no visible character of a block is lost between its sentences. None of
these stages needs the language model, so 500 examples per property stay cheap.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articlekg.document import BlockKind, Document, Span
from articlekg.errors import ArticleKGError
from articlekg.read import choose_reader, decode
from articlekg.read.html import read_html_document
from articlekg.read.markdown import read_markdown_document
from articlekg.read.marked import read_marked_text_document
from articlekg.read.text import read_text_document
from articlekg.sections import find_sections
from articlekg.segment import MAX_SENTENCE_CHARS, segment

PROPERTY = settings(
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

ODD = (
    "\r\n",
    "\r",
    "\n",
    "\n\n",
    "\ufeff",
    "\x00",
    "😀",
    "👩‍⚕️",
    "e\u0301",
    "\u200f",
    "\u202e",
    "\u2028",
    "\u2029",
    "\t",
    "\u00a0",
    "\u00ad",
    "\u200b",
)
PIECES = (
    *ODD,
    "Massage reduced pain. ",
    "It helped (n=72). ",
    "e.g. ",
    "“A quote. ",
    "” ",
    "Results",
    "Methods:",
    "Design: RCT",
    "- ",
    "* ",
    "1. ",
    "# ",
    "## ",
    "> ",
    "| a | b |",
    "|---|---|",
    "**Label:** ",
    "_x_",
    "`code`",
    "[link](https://example.org/a)",
    "<p>",
    "</p>",
    "<h2>",
    "</h2>",
    "<ul><li>",
    "</li></ul>",
    "<br>",
    "&amp;",
    "---",
    "Last Updated on March 3, 2024 by Example Health",
    "    ",
    "?",
    "!",
    "...",
)
ALPHABET = st.characters(
    codec="utf-8",
    categories=["L", "M", "N", "P", "S", "Z", "Cc", "Cf"],
    exclude_characters="\ud800",
)
texts = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(ALPHABET, max_size=12)), max_size=40
).map("".join)


def check_document(document: Document, source: str | None) -> None:
    """Offsets inside the text read; the text is the file itself for plain-text readers."""
    if source is not None:
        assert document.text == source
    size = len(document.text)
    for block in document.blocks:
        spans = [block.span, *block.cells]
        spans += [s for s in (block.label, block.value) if s is not None]
        for span in spans:
            assert 0 <= span.start <= span.end <= size
        if block.heading is not None:
            assert 0 <= block.heading < len(document.blocks)
    if document.metadata.publisher_span is not None:
        span = document.metadata.publisher_span
        assert 0 <= span.start <= span.end <= size


def check_sentences(document: Document) -> None:
    """Sentences in order, inside their blocks, never blank, never longer than the bound,
    and together they hold every non-space character of every block that has text."""
    sentences = segment(document)
    previous_end = 0
    by_block: dict[int, list[Span]] = {}
    for sentence in sentences:
        span = sentence.span
        block = document.blocks[sentence.block]
        assert block.span.start <= span.start < span.end <= block.span.end
        assert span.start >= previous_end
        assert document.slice(span).strip()
        assert span.end - span.start <= MAX_SENTENCE_CHARS
        previous_end = span.end
        by_block.setdefault(sentence.block, []).append(span)
    for index, block in enumerate(document.blocks):
        if block.kind is BlockKind.META:
            continue
        shown = "".join(document.slice(block.span).split())
        kept = "".join("".join(document.slice(s).split()) for s in by_block.get(index, []))
        assert kept == shown


def check_sections(document: Document) -> None:
    sections = find_sections(document)
    count = len(document.blocks)
    assert len(sections.names) == len(sections.within) == len(sections.heading) == count
    for heading in sections.heading:
        assert heading is None or 0 <= heading < count


def read_or_refuse(reader: object, text: str, source: str | None) -> None:
    try:
        document = reader(text, "article", "article")  # type: ignore[operator]
    except ArticleKGError:
        return
    check_document(document, source)
    check_sentences(document)
    check_sections(document)


@PROPERTY
@given(texts)
def test_plain_text(text: str) -> None:
    read_or_refuse(read_text_document, text, text)


@PROPERTY
@given(texts)
def test_plain_text_sniffed(text: str) -> None:
    """What ``auto`` makes of a .txt file: plain text, Markdown read in place, or HTML."""
    reader = choose_reader(text, ".txt")
    read_or_refuse(reader, text, None if reader is read_html_document else text)


@PROPERTY
@given(texts)
def test_markdown_read_in_place(text: str) -> None:
    read_or_refuse(read_marked_text_document, text, text)


@PROPERTY
@given(texts)
def test_markdown(text: str) -> None:
    read_or_refuse(read_markdown_document, text, None)


@PROPERTY
@given(texts)
def test_html(text: str) -> None:
    read_or_refuse(read_html_document, f"<html><body><article>{text}</article></body></html>", None)


@PROPERTY
@given(st.binary(max_size=64))
def test_any_bytes_decode_or_are_refused(data: bytes) -> None:
    from pathlib import Path

    try:
        text = decode(data, Path("article.html"))
    except ArticleKGError:
        return
    assert isinstance(text, str)
