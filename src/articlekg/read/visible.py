"""What a line of Markdown shows a reader, with the offset of every shown character.

Plain-text files that carry Markdown keep their markup in the text the tool reads (offsets
must point into the file), so a reader that wants to know whether ``**Design:** RCT`` is a
label line, or where ``[Calm Lungs Trust](https://…)`` names a publisher, reads the visible
characters and maps what it finds back to the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from articlekg.document import Span

INLINE = re.compile(
    r"(?P<escape>\\[!-/:-@\[-`{-~])"
    r"|(?P<image>!\[[^\]\n]*\]\([^)\n]*\))"
    r"|(?P<link>\[(?P<link_text>[^\]\n]+)\](?:\([^)\n]*\)|\[[^\]\n]*\]))"
    r"|(?P<autolink><(?P<url>(?:https?|mailto):[^>\s]+)>)"
    r"|(?P<tag><!--.*?-->|</?[A-Za-z][^>\n]*>)"
    r"|(?P<delimiter>\*+|_+|~~|`+)",
    re.DOTALL,
)


@dataclass(frozen=True)
class Visible:
    text: str
    positions: tuple[int, ...]
    """Offset in the original text of each visible character."""

    def span(self, start: int, end: int) -> Span:
        """The original text from visible character ``start`` to ``end`` (exclusive)."""
        if start >= end:
            at = self.positions[start] if start < len(self.positions) else 0
            return Span(at, at)
        return Span(self.positions[start], self.positions[end - 1] + 1)

    def trimmed(self) -> Span | None:
        """The original span from the first to the last visible non-space character."""
        stripped = self.text.strip()
        if not stripped:
            return None
        start = len(self.text) - len(self.text.lstrip())
        return self.span(start, start + len(stripped))


def visible(text: str, span: Span) -> Visible:
    chars: list[str] = []
    positions: list[int] = []
    _collect(text, span.start, span.end, chars, positions)
    return Visible("".join(chars), tuple(positions))


def _collect(text: str, start: int, end: int, chars: list[str], positions: list[int]) -> None:
    position = start
    for match in INLINE.finditer(text, start, end):
        for offset in range(position, match.start()):
            chars.append(text[offset])
            positions.append(offset)
        position = match.end()
        if match.group("escape"):
            chars.append(text[match.start() + 1])
            positions.append(match.start() + 1)
        elif match.group("link"):
            _collect(text, match.start("link_text"), match.end("link_text"), chars, positions)
        elif match.group("autolink"):
            for offset in range(match.start("url"), match.end("url")):
                chars.append(text[offset])
                positions.append(offset)
        elif match.group("delimiter") and _literal(text, match.start(), match.end(), start, end):
            for offset in range(match.start(), match.end()):
                chars.append(text[offset])
                positions.append(offset)
        # images and tags show nothing; emphasis and code delimiters are markup
    for offset in range(position, end):
        chars.append(text[offset])
        positions.append(offset)


def _literal(text: str, start: int, end: int, lower: int, upper: int) -> bool:
    """Whether a run of ``*`` or ``_`` is a character, not emphasis: "3 * 4", "snake_case"."""
    before = text[start - 1] if start > lower else " "
    after = text[end] if end < upper else " "
    if text[start] == "_":
        return before.isalnum() and after.isalnum()
    if text[start] == "*":
        return before.isspace() and after.isspace()
    return False
