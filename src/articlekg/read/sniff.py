"""What a plain-text file holds: plain text, Markdown or a saved web page.

A file's suffix says how it was saved, not what it holds: CMS exports and copied pages are
often ``.txt`` files full of ``##`` headings and ``**Label:**`` lines. Markdown is recognised
by lines that plain prose never writes (an ATX heading, a line opening in bold, a link with
its target, a code fence, a setext underline of ``=``); two such lines are enough, one could
be chance ("# of visits" is not a heading, but one bold line might be an accident of
copying).
"""

from __future__ import annotations

import re
from typing import Literal

Format = Literal["text", "markdown", "html"]

MARKDOWN_LINE = re.compile(
    r"^ {0,3}(?:"
    r"#{1,6}[ \t]+\S"  # ATX heading
    r"|(?:[-*+][ \t]+|\d{1,9}[.)][ \t]+|>[ \t]?)?(?:\*\*|__)\S"  # a line opening in bold
    r"|(?:```|~~~)"  # code fence
    r"|=+[ \t]*$"  # setext underline
    r")"
    r"|!?\[[^\]\n]+\]\((?:https?://|/|#|mailto:)[^)\s]*\)",  # [text](target)
    re.MULTILINE,
)
HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)
MIN_MARKDOWN_LINES = 2


def sniff_format(text: str) -> Format:
    if HTML_START.match(text.lstrip("\ufeff")):
        return "html"
    lines = {text.count("\n", 0, match.start()) for match in MARKDOWN_LINE.finditer(text)}
    return "markdown" if len(lines) >= MIN_MARKDOWN_LINES else "text"
