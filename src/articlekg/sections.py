"""The sections stage: which part of an article each block belongs to, as a slot.

Every heading, ``Label:`` line and bold label names a section; its words choose slots
("Sample Characteristics", "Participants" and "Who took part" all name ``participants``)
from the table in ``ontology/rules/sections.json``. Rules ask for a slot, never for a
heading's spelling. A heading's slots hold until the next heading of the same or a higher
level; a ``Label: value`` line's slots hold for that line (and add to its heading's).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from articlekg.document import BlockKind, Document
from articlekg.lexicon import fold, tokens
from articlekg.resources import ontology_dir

WILDCARD = "*"
MAX_WILDCARD_WORDS = 3
JOINING_WORDS = frozenset({"and", "&", "of", "the", "or"})


@dataclass(frozen=True)
class SlotTable:
    phrases: tuple[tuple[tuple[str, ...], str], ...]
    """(folded words, slot), longest phrases first."""
    max_heading_words: int

    def slots(self, heading: str) -> frozenset[str]:
        """The slots a heading names: each phrase it contains, unless a longer phrase that
        was found covers the same words ("source context" is not "source")."""
        words = [fold(t) for t, _, _ in tokens(heading)]
        if not words or len(words) > self.max_heading_words:
            return frozenset()
        found: list[tuple[int, int, str]] = []
        for phrase, slot in self.phrases:
            for start in range(len(words)):
                end = _match(phrase, words, start)
                if end is not None:
                    found.append((start, end, slot))
        kept = {
            slot
            for start, end, slot in found
            if not any(s <= start and end <= e and (e - s) > (end - start) for s, e, _ in found)
        }
        return frozenset(kept)

    def names_only_slots(self, heading: str) -> bool:
        """Whether every word of ``heading`` belongs to a phrase of the table ("Abstract",
        "Patients and Methods"): a section's name, not a title of its own."""
        words = [fold(t) for t, _, _ in tokens(heading)]
        if not words or len(words) > self.max_heading_words:
            return False
        covered = [False] * len(words)
        for phrase, _ in self.phrases:
            for start in range(len(words)):
                end = _match(phrase, words, start)
                if end is not None:
                    covered[start:end] = [True] * (end - start)
        return all(covered[i] or words[i] in JOINING_WORDS for i in range(len(words)))


def _match(phrase: tuple[str, ...], words: list[str], start: int) -> int | None:
    """End of ``phrase`` matched at ``words[start:]``, or None."""
    if not phrase:
        return start
    head, rest = phrase[0], phrase[1:]
    if head == WILDCARD:
        for skip in range(1, MAX_WILDCARD_WORDS + 1):
            if start + skip <= len(words):
                end = _match(rest, words, start + skip)
                if end is not None:
                    return end
        return None
    if start < len(words) and words[start] == head:
        return _match(rest, words, start + 1)
    return None


@cache
def slot_table() -> SlotTable:
    data = json.loads((ontology_dir() / "rules" / "sections.json").read_text(encoding="utf-8"))
    phrases = {
        (
            tuple(WILDCARD if w == WILDCARD else fold(w) for w in _words(phrase)),
            slot,
        )
        for slot, listed in data["slots"].items()
        for phrase in listed
    }
    ordered = sorted(phrases, key=lambda p: (-len(p[0]), p[1], p[0]))
    return SlotTable(tuple(ordered), int(data["max_heading_words"]))


def _words(phrase: str) -> list[str]:
    words: list[str] = []
    for piece in phrase.replace(WILDCARD, f" {WILDCARD} ").split():
        words.extend([WILDCARD] if piece == WILDCARD else [t for t, _, _ in tokens(piece)])
    return words


@dataclass(frozen=True)
class Sections:
    """Slots per block of a document (same indices as :attr:`Document.blocks`)."""

    names: tuple[frozenset[str], ...]
    """The slots the block itself names (a heading, a label)."""
    within: tuple[frozenset[str], ...]
    """The slots the block falls under: its heading's, plus its own label's."""
    heading: tuple[int | None, ...]
    """The block that names the section the block falls under."""

    def slots_of(self, block: int) -> frozenset[str]:
        return self.within[block]

    def blocks_in(self, slot: str) -> list[int]:
        return [i for i, slots in enumerate(self.within) if slot in slots]


def find_sections(document: Document, table: SlotTable | None = None) -> Sections:
    table = table or slot_table()
    names: list[frozenset[str]] = []
    within: list[frozenset[str]] = []
    headings: list[int | None] = []
    # Open headings by level: a heading closes those of its level and deeper.
    open_headings: list[tuple[int, int, frozenset[str]]] = []
    for index, block in enumerate(document.blocks):
        own: frozenset[str] = frozenset()
        if block.kind is BlockKind.TITLE:
            own = frozenset({"title"})
            open_headings = []
        elif block.kind is BlockKind.HEADING:
            label = block.label if block.label is not None else block.span
            own = table.slots(document.slice(label))
            level = block.level or 1
            open_headings = [h for h in open_headings if h[0] < level]
            open_headings.append((level, index, own))
        elif block.label is not None:
            own = table.slots(document.slice(block.label))
        inherited = open_headings[-1][2] if open_headings else frozenset()
        if block.kind is BlockKind.HEADING:
            parents = open_headings[:-1]
            inherited = parents[-1][2] if parents else frozenset()
        names.append(own)
        within.append(own | inherited)
        headings.append(
            index
            if own and block.kind is not BlockKind.TITLE
            else (open_headings[-1][1] if open_headings else None)
        )
    return Sections(tuple(names), tuple(within), tuple(headings))
