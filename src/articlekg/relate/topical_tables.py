"""Tables of a topical map: an attribute table ("| Attribute | Contextual Link | ... |") or
a map laid out in columns ("| Page | Page type | Search intent | Macro context |", "| Pillar
| Cluster | Intent |"). Each column's header chooses its part from the section words
(``sections.json``) and the genre's column names (``topical.json``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from articlekg.document import BlockKind, Span
from articlekg.facts import AttributeFact, ContextFact, EntityRef, TopicalSection
from articlekg.lexicon import fold, tokens
from articlekg.relate.view import ArticleView
from articlekg.relate.wording import rule_table
from articlekg.sections import slot_table

KINDS = {"core-section": "core", "outer-section": "outer"}
SCOPES = {"macro-context": "macro", "micro-context": "micro", "source-context": None}


@dataclass
class Columns:
    attribute: int | None = None
    link: int | None = None
    topic: int | None = None
    kind: int | None = None
    intent: int | None = None
    contexts: dict[int, str | None] = field(default_factory=dict)
    kind_topics: dict[int, str] = field(default_factory=dict)
    """Columns named after a kind ("Pillar", "Cluster") whose cells are its topics."""


def _words(text: str) -> str:
    return " ".join(fold(t) for t, _, _ in tokens(text))


def columns_of(names: list[str]) -> Columns:
    table = rule_table("topical")
    topic_words = {_words(w) for w in table["topic_columns"]}
    kind_words = {_words(w) for w in table["kind_columns"]}
    link_words = {_words(w) for w in table["link_columns"]}
    found = Columns()
    for k, name in enumerate(names):
        slots = slot_table().slots(name)
        words = _words(name)
        if "attributes" in slots and found.attribute is None:
            found.attribute = k
        elif slots & SCOPES.keys():
            found.contexts[k] = next(SCOPES[s] for s in sorted(slots) if s in SCOPES)
        elif "search-intent" in slots and found.intent is None:
            found.intent = k
        elif words in kind_words and found.kind is None:
            found.kind = k
        elif slots & KINDS.keys():
            found.kind_topics[k] = next(KINDS[s] for s in sorted(slots) if s in KINDS)
        elif words in topic_words and found.topic is None:
            found.topic = k
        elif found.link is None and (words in link_words or words.split()[-1:] == ["link"]):
            found.link = k
    return found


def relate_table(view: ArticleView, header_index: int, central: EntityRef | None) -> bool:
    """Whether the table's columns name parts of a map (and its rows were read)."""
    document = view.document
    header = document.blocks[header_index]
    names = [document.slice(c) for c in header.cells]
    columns = columns_of(names)
    if columns.attribute is not None:
        _attribute_rows(view, header_index, names, columns, central)
        return True
    if columns.kind is not None or columns.intent is not None or columns.kind_topics:
        _map_rows(view, header_index, columns, central)
        return True
    if columns.contexts:
        _map_rows(view, header_index, columns, central)
        return True
    return False


def _rows(view: ArticleView, header_index: int) -> list[int]:
    rows = []
    for index in range(header_index + 1, len(view.document.blocks)):
        row = view.document.blocks[index]
        if row.kind is BlockKind.META:
            continue
        if row.kind is not BlockKind.TABLE_ROW:
            break
        rows.append(index)
    return rows


def _cell(view: ArticleView, index: int, column: int | None) -> Span | None:
    cells = view.document.blocks[index].cells
    if column is None or column >= len(cells) or cells[column].end <= cells[column].start:
        return None
    return cells[column]


def _attribute_rows(
    view: ArticleView,
    header_index: int,
    names: list[str],
    columns: Columns,
    central: EntityRef | None,
) -> None:
    """One attribute per row, its contextual link from the link column (else the column
    after it), other columns as a note ("Priority: High")."""
    assert columns.attribute is not None
    link_column = columns.link if columns.link is not None else columns.attribute + 1
    for index in _rows(view, header_index):
        row = view.document.blocks[index]
        name = _cell(view, index, columns.attribute)
        if name is None:
            continue
        attribute = view.add_span(name, "Attribute")
        link_span = _cell(view, index, link_column)
        link = view.add_span(link_span, "Topic") if link_span is not None else None
        notes = [
            f"{names[k]}: {view.document.slice(cell)}"
            for k, cell in enumerate(row.cells)
            if k not in (columns.attribute, link_column)
            and k < len(names)
            and cell.end > cell.start
        ]
        view.facts.attributes.append(
            AttributeFact(
                attribute, [row.span], link=link, of=central, note="; ".join(notes) or None
            )
        )


def _map_rows(
    view: ArticleView, header_index: int, columns: Columns, central: EntityRef | None
) -> None:
    """One topic per row (or per kind-named column), grouped into sections by kind and
    intent; context columns give contexts of their scope."""
    sections: dict[tuple[str | None, str | None], TopicalSection] = {}
    topic_column = columns.topic if columns.topic is not None else 0
    for index in _rows(view, header_index):
        row = view.document.blocks[index]
        intent_span = _cell(view, index, columns.intent)
        intent = view.document.slice(intent_span) if intent_span else None
        kind_span = _cell(view, index, columns.kind)
        kind = None
        if kind_span is not None:
            slots = slot_table().slots(view.document.slice(kind_span))
            kind = next((KINDS[s] for s in sorted(slots) if s in KINDS), None)
        placed: list[tuple[str | None, int]] = [
            (columns.kind_topics[k], k) for k in sorted(columns.kind_topics)
        ]
        if not placed:
            placed = [(kind, topic_column)]
        for section_kind, column in placed:
            topic = _cell(view, index, column)
            if topic is None:
                continue
            key = (section_kind, intent)
            section = sections.get(key)
            if section is None:
                section = TopicalSection(evidence=[row.span], kind=section_kind, intent=intent)
                sections[key] = section
                view.facts.topical_sections.append(section)
            elif row.span not in section.evidence:
                section.evidence.append(row.span)
            ref = view.add_span(topic, "Topic")
            if all(ref != known for known, _ in section.topics):
                section.topics.append((ref, topic))
        for column, scope in columns.contexts.items():
            cell = _cell(view, index, column)
            if cell is not None:
                context = view.add_span(cell, "Context")
                view.facts.contexts.append(
                    ContextFact(context, [row.span], scope=scope, of=central)
                )
