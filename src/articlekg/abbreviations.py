"""Abbreviations an article defines, "long form (SF)", found the Schwartz–Hearst way.

Part of the recognise stage. Schwartz & Hearst (2003), "A simple algorithm for identifying
abbreviation definitions in biomedical text": the short form is a parenthesised word of 2–10
characters with a letter, the first character a letter or digit; the long form is the
shortest run of at most min(|SF| + 5, 2·|SF|) words before the bracket in which the short
form's characters appear in order, right to left, the first one starting a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from articlekg.document import Span

SHORT_FORM = re.compile(r"\(\s*(?P<sf>[A-Za-z0-9][\w\-'’&/.]{1,9}?)\s*[;,)]")
WORD = re.compile(r"[^\s()]+")


@dataclass(frozen=True)
class Definition:
    short: str
    short_span: Span
    long_span: Span


def _long_form(text: str, short: str) -> int | None:
    """Start (in ``text``) of the long form that ends ``text``, or None."""
    words = list(WORD.finditer(text))
    limit = min(len(short) + 5, 2 * len(short))
    candidate_words = words[-limit:] if words else []
    if not candidate_words:
        return None
    start = candidate_words[0].start()
    region = text[start:]
    s_index = len(short) - 1
    l_index = len(region) - 1
    while s_index >= 0:
        char = short[s_index].lower()
        if not char.isalnum():
            s_index -= 1
            continue
        while l_index >= 0 and (
            region[l_index].lower() != char
            or (s_index == 0 and l_index > 0 and region[l_index - 1].isalnum())
        ):
            l_index -= 1
        if l_index < 0:
            return None
        l_index -= 1
        s_index -= 1
    # Extend to the start of the word the first character fell in.
    position = l_index + 1
    while position > 0 and not region[position - 1].isspace():
        position -= 1
    return start + position


def find_definitions(text: str, start: int, end: int) -> list[Definition]:
    """Definitions stated in ``text[start:end]`` (one sentence)."""
    found: list[Definition] = []
    for match in SHORT_FORM.finditer(text, start, end):
        short = match.group("sf").rstrip(".")
        letters = [c for c in short if c.isalpha()]
        if not letters or not any(c.isupper() for c in letters) or " " in short:
            continue
        before = text[start : match.start()].rstrip()
        long_start = _long_form(before, short)
        if long_start is None:
            continue
        long_span = Span(start + long_start, start + len(before))
        long_text = text[long_span.start : long_span.end]
        if len(long_text) <= len(short) or "(" in long_text:
            continue
        found.append(
            Definition(short, Span(match.start("sf"), match.start("sf") + len(short)), long_span)
        )
    return found
