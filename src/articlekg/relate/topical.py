"""Semantic-SEO structure: central and supporting entity, attributes, core/outer sections
(pillar and cluster pages, content groups) with their search intent, and source, macro and
micro contexts.

A map is read however the page lays it out: headings and "Label: value" lines whose words
name a topical-map slot ("Central Entity — X", "Pillar Page: X (Informational)", "Macro
Context: X"), list items under them (a topic each, with its own intent in brackets), and
tables whose columns name the parts ("| Page | Page type | Search intent | Macro context |",
"| Attribute | Contextual Link |"). Rules ask the section model for slots; the genre's own
words (intent types, column names) are data in ``ontology/rules/topical.json``. Prose
("its macro context is X") is read by :mod:`articlekg.relate.topical_prose`.
"""

from __future__ import annotations

import re
from functools import cache

from articlekg.document import Block, BlockKind, Span
from articlekg.facts import AttributeFact, ContextFact, EntityRef, TopicalSection
from articlekg.relate.topical_prose import relate_topical_prose
from articlekg.relate.topical_tables import relate_table
from articlekg.relate.view import ArticleView
from articlekg.relate.wording import rule_table, trimmed_span, words_pattern
from articlekg.sections import slot_table

MAX_LEAD_WORDS = 6
MAX_LINE_WORDS = 15
ROLES = {"central-entity": "central", "supporting-entity": "supporting"}
KINDS = {"core-section": "core", "outer-section": "outer"}
SCOPES = {"macro-context": "macro", "micro-context": "micro", "source-context": None}
# "Label: value" or "Label — value", never split inside brackets ("Core Section (Search
# Intent: X)" is a heading with an intent, not a label)
DASHED = re.compile(r"^(?P<label>[^:—–()]{2,60}?)\s*(?::|\s[—–-]\s)\s*(?P<value>\S.*)$")


def relate_topical(view: ArticleView) -> None:
    central: EntityRef | None = None
    table_read = False
    for index, block in enumerate(view.document.blocks):
        if block.kind is BlockKind.TABLE_ROW and block.header_row:
            table_read = relate_table(view, index, central)
            continue
        if block.kind is BlockKind.TABLE_ROW:
            if table_read or len(block.cells) < 2:
                continue
            # a table of "part | value" rows: "| Central entity | Reflexology |"
            label: Span | None = block.cells[0]
            value: Span | None = block.cells[1]
        else:
            structural = (BlockKind.HEADING, BlockKind.LABEL_VALUE, BlockKind.LIST_ITEM)
            if block.kind not in structural and not _lead_line(view, index):
                continue
            label, value = label_value(view, block)
        slots = slot_table().slots(view.text[label.start : label.end]) if label else frozenset()
        slots = slots or (view.sections.names[index] if block.kind is BlockKind.HEADING else slots)
        role = next((ROLES[s] for s in sorted(slots) if s in ROLES), None)
        if role is not None and value is not None:
            ref = view.add_span(value, "Entity")
            view.facts.central.append((ref, role, view.trimmed(value)))
            central = ref if role == "central" else central
        elif slots & KINDS.keys() or ("topical-map" in slots and value is not None):
            _map_section(view, index, slots, value)
        elif slots & SCOPES.keys() and value is not None:
            scope = next(SCOPES[s] for s in sorted(slots) if s in SCOPES)
            ref = view.add_span(trimmed_span(view, value), "Context")
            view.facts.contexts.append(ContextFact(ref, [block.span], scope=scope, of=central))
        elif slots & SCOPES.keys() and block.kind is BlockKind.HEADING:
            _listed_contexts(view, index, slots, central)
        elif "search-intent" in slots and value is not None:
            intent = view.trimmed(value)
            view.facts.topical_sections.append(
                TopicalSection(evidence=[block.span], intent=view.text[intent.start : intent.end])
            )
        elif "attributes" in slots:
            _listed_attributes(view, index, value, central)
    relate_topical_prose(view, central)


def label_value(view: ArticleView, block: Block) -> tuple[Span | None, Span | None]:
    """A block's label and value: the reader's, else "Label: value" or "Label — value"."""
    if block.label is not None:
        return block.label, block.value
    text = view.text[block.span.start : block.span.end]
    dashed = DASHED.match(text)
    if dashed is None or not slot_table().slots(dashed.group("label")):
        return block.span, None
    start = block.span.start
    return (
        Span(start + dashed.start("label"), start + dashed.end("label")),
        Span(start + dashed.start("value"), start + dashed.end("value")),
    )


@cache
def _intent_pattern() -> re.Pattern[str]:
    sections = rule_table("sections")["slots"]["search-intent"]
    table = rule_table("topical")
    qualifiers = words_pattern(table["intent_qualifiers"])
    types = words_pattern(table["intent_types"])
    return re.compile(
        rf"(?:\b(?:(?:{qualifiers})\s+)?(?:{words_pattern(sections)})\s*(?::|\s[—–-])\s*"
        rf"(?P<stated>[^)(]+?)\s*(?:\)|$))|\b(?P<type>{types})\b(?:\s+intent)?",
        re.I,
    )


def intent_in(text: str) -> str | None:
    """ "(Search Intent: pain relief)", "User Intent: easing nausea", "(Informational)"."""
    match = _intent_pattern().search(text)
    if match is None:
        return None
    return (match.group("stated") or match.group("type")).strip()


def _map_section(view: ArticleView, index: int, slots: frozenset[str], value: Span | None) -> None:
    """A core or outer section (pillar, cluster, content group): its intent, the topic its
    value names (unless the value is the intent) and the list items under it."""
    block = view.document.blocks[index]
    kind = next((KINDS[s] for s in sorted(slots) if s in KINDS), None)
    heading = view.text[block.span.start : block.span.end]
    intent = intent_in(heading)
    topics: list[tuple[str | None, Span]] = []
    # the value names the pillar or cluster page, unless it only states the intent ("User
    # Intent: X"); a content group's value is the group's name, not a topic
    if (
        value is not None
        and kind is not None
        and only_intent(view.text[value.start : value.end]) is None
    ):
        topics.append(_topic(view, value))
    for item in view.list_after(index):
        topics.append(_topic(view, view.document.blocks[item].span))
    groups: dict[str | None, TopicalSection] = {}
    for own, span in topics:
        section = groups.get(own or intent)
        if section is None:
            section = TopicalSection(evidence=[block.span], kind=kind, intent=own or intent)
            groups[own or intent] = section
            view.facts.topical_sections.append(section)
        section.topics.append((view.add_span(span, "Topic"), span))
    if not topics:
        view.facts.topical_sections.append(
            TopicalSection(evidence=[block.span], kind=kind, intent=intent)
        )


def only_intent(text: str) -> str | None:
    """The intent a text states when it states nothing else: "User Intent: X",
    "Informational", "Transactional intent"."""
    match = _intent_pattern().fullmatch(text.strip().strip("()[]").strip())
    if match is None:
        return None
    return (match.group("stated") or match.group("type")).strip()


def _lead_line(view: ArticleView, index: int) -> bool:
    """A short line ending in a colon over a list ("Cluster Pages:") names its part as a
    heading would."""
    block = view.document.blocks[index]
    text = view.text[block.span.start : block.span.end].strip()
    return (
        block.kind is BlockKind.PARAGRAPH
        and text.endswith(":")
        and len(text.split()) <= MAX_LEAD_WORDS
        and bool(view.list_after(index))
    )


def _topic(view: ArticleView, span: Span) -> tuple[str | None, Span]:
    """A topic and the intent it carries in brackets: "Reflexology near me (Transactional)"."""
    text = view.text[span.start : span.end]
    bracket = re.search(r"\s*[(\[](?P<inner>[^()\[\]]+)[)\]]\s*$", text)
    if bracket is not None:
        own = only_intent(bracket.group("inner"))
        if own is not None:
            return own, view.trimmed(Span(span.start, span.start + bracket.start()))
    dashed = re.search(r"\s(?:[—–-]|\|)\s*(?P<rest>[^—–|]+)$", text)
    if dashed is not None and only_intent(dashed.group("rest")) is not None:
        own = only_intent(dashed.group("rest"))
        return own, view.trimmed(Span(span.start, span.start + dashed.start()))
    return None, view.trimmed(span)


def _listed_contexts(
    view: ArticleView, index: int, slots: frozenset[str], central: EntityRef | None
) -> None:
    """A "Macro Context" heading over list items or a short line: each a context of that
    scope."""
    scope = next(SCOPES[s] for s in sorted(slots) if s in SCOPES)
    blocks = view.document.blocks
    under = [
        k
        for k in range(index + 1, len(blocks))
        if blocks[k].heading == index
        and blocks[k].kind in (BlockKind.LIST_ITEM, BlockKind.PARAGRAPH)
        and len(view.text[blocks[k].span.start : blocks[k].span.end].split()) <= MAX_LINE_WORDS
    ]
    for item in under:
        span = trimmed_span(view, blocks[item].span)
        ref = view.add_span(span, "Context")
        view.facts.contexts.append(ContextFact(ref, [span], scope=scope, of=central))


def _listed_attributes(
    view: ArticleView, index: int, value: Span | None, central: EntityRef | None
) -> None:
    """ "Attributes: dosage, timing, safety" or an attributes heading over list items
    ("Dosage — Timing sessions around infusions": the attribute and its contextual link)."""
    block = view.document.blocks[index]
    spans: list[Span] = []
    if value is not None:
        position = value.start
        for piece in view.text[value.start : value.end].split(","):
            spans.append(view.trimmed(Span(position, position + len(piece))))
            position += len(piece) + 1
    spans.extend(view.document.blocks[i].span for i in view.list_after(index))
    for span in spans:
        text = view.text[span.start : span.end]
        dashed = DASHED.match(text)
        name = (
            Span(span.start + dashed.start("label"), span.start + dashed.end("label"))
            if dashed
            else span
        )
        link = (
            Span(span.start + dashed.start("value"), span.start + dashed.end("value"))
            if dashed
            else None
        )
        if name.end <= name.start:
            continue
        attribute = view.add_span(name, "Attribute")
        linked = view.add_span(link, "Topic") if link is not None else None
        view.facts.attributes.append(
            AttributeFact(
                attribute, [span if value is None else block.span], link=linked, of=central
            )
        )
