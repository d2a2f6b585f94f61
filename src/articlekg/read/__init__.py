"""The read stage: an input file becomes a :class:`~articlekg.document.Document`.

One reader per input kind; :func:`read_document` picks it by the file's suffix.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from articlekg.document import Document
from articlekg.errors import InputError
from articlekg.read.html import read_html_document
from articlekg.read.markdown import read_markdown_document
from articlekg.read.text import read_text_document

Reader = Callable[[str, str, str], Document]
"""(text, source_name, stem) -> Document"""

READERS: dict[str, Reader] = {
    ".txt": read_text_document,
    ".text": read_text_document,
    ".md": read_markdown_document,
    ".markdown": read_markdown_document,
    ".html": read_html_document,
    ".htm": read_html_document,
}


def supported_suffixes() -> list[str]:
    return sorted(READERS)


HTML_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode(data: bytes, path: Path) -> str:
    """UTF-8, or for a saved web page the charset its ``<meta>`` declares."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        declared = HTML_CHARSET.search(data[:4096])
        if path.suffix.lower() in (".html", ".htm") and declared is not None:
            try:
                return data.decode(declared.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass
        raise InputError(f"{path}: not UTF-8 text (byte {error.start})") from None


def read_document(path: Path, source_name: str | None = None) -> Document:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
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
    text = decode(data, path)  # no newline translation: offsets need the exact text
    if not text.strip():
        raise InputError(f"{path}: the file is empty")
    return reader(text, source_name or path.name, path.stem)
