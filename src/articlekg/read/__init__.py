"""The read stage: an input file becomes a :class:`~articlekg.document.Document`.

One reader per input kind; :func:`read_document` picks it by the file's suffix, except that
a plain-text file is sniffed for Markdown or HTML (or read as the caller says: ``text``,
``markdown``, ``html``). A plain-text file read as Markdown keeps its offsets into the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from articlekg.document import Document
from articlekg.errors import InputError
from articlekg.formats import INPUT_FORMATS as INPUT_FORMATS
from articlekg.read.markdown import read_markdown_document
from articlekg.read.marked import read_marked_text_document
from articlekg.read.sniff import sniff_format
from articlekg.read.text import read_text_document

Reader = Callable[[str, str, str], Document]
"""(text, source_name, stem) -> Document"""


def read_html_document(text: str, source_name: str, stem: str) -> Document:
    """A web page; trafilatura and lxml load only when one is read, not for every build."""
    from articlekg.read.html import read_html_document as read_web_page

    return read_web_page(text, source_name, stem)


READERS: dict[str, Reader] = {
    ".txt": read_text_document,
    ".text": read_text_document,
    ".md": read_markdown_document,
    ".markdown": read_markdown_document,
    ".html": read_html_document,
    ".htm": read_html_document,
}


PLAIN_SUFFIXES = frozenset({".txt", ".text"})
FORMAT_READERS: dict[str, Reader] = {
    "text": read_text_document,
    "markdown": read_markdown_document,
    "html": read_html_document,
}


def supported_suffixes() -> list[str]:
    return sorted(READERS)


def choose_reader(text: str, suffix: str, input_format: str = "auto") -> Reader:
    """The reader for a file's text: by ``input_format``, else by suffix (plain text sniffed).

    Markdown in a file not saved as Markdown is read in place, so that offsets point into
    the file as they do for any plain-text input.
    """
    if input_format not in INPUT_FORMATS:
        raise InputError(
            f"unknown input format {input_format!r}; expected one of {', '.join(INPUT_FORMATS)}"
        )
    plain = suffix.lower() not in READERS or suffix.lower() in PLAIN_SUFFIXES
    chosen = input_format
    if chosen == "auto":
        if not plain:
            return READERS[suffix.lower()]
        chosen = sniff_format(text)
    if chosen == "markdown" and plain:
        return read_marked_text_document
    return FORMAT_READERS[chosen]


HTML_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode(data: bytes, path: Path, input_format: str = "auto") -> str:
    """UTF-8, or for a saved web page the charset its ``<meta>`` declares."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        declared = HTML_CHARSET.search(data[:4096])
        web_page = path.suffix.lower() in (".html", ".htm") or input_format == "html"
        if web_page and declared is not None:
            try:
                return data.decode(declared.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass
        raise InputError(f"{path}: not UTF-8 text (byte {error.start})") from None


DEFAULT_MAX_BYTES = 5_000_000
"""The largest input file a build reads unless told otherwise. Articles are tens of
kilobytes (the longest of the dev set about 100 KB); five megabytes is fifty times that and
still builds in minutes, while a file of hundreds of megabytes (a log, a dump, a mistake)
would take hours and gigabytes before failing."""


def check_size(path: Path, max_bytes: int) -> None:
    """Refuse a file larger than ``max_bytes`` (0: no limit) before reading any of it."""
    if max_bytes <= 0:
        return
    try:
        size = path.stat().st_size
    except OSError:
        return  # reading it says what is wrong
    if size > max_bytes and path.is_file():
        raise InputError(
            f"{path}: {size:,} bytes is more than the {max_bytes:,} bytes a build reads "
            "(raise --max-bytes, or 0 for no limit)"
        )


def read_document(
    path: Path, source_name: str | None = None, input_format: str = "auto"
) -> Document:
    """Read an article file; ``input_format`` (``auto``, ``text``, ``markdown``, ``html``)
    overrides what the suffix and the content say, and lets any suffix be read."""
    if input_format == "auto" and path.suffix.lower() not in READERS:
        raise InputError(
            f"{path}: unsupported input kind {path.suffix or '(no suffix)'!r}; "
            f"expected one of {', '.join(supported_suffixes())}"
        )
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not an article file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    text = decode(data, path, input_format)  # no newline translation: offsets need the exact text
    if not text.strip():
        raise InputError(f"{path}: the file is empty")
    reader = choose_reader(text, path.suffix, input_format)
    return reader(text, source_name or path.name, path.stem)
