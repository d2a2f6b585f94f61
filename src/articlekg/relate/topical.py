"""Semantic-SEO structure: central and supporting entity, attributes, core/outer sections,
search intent and contexts.

These come from the shape of the page ("Central Entity: X" or "Central Entity — X"
headings, an attribute table, "Core Section (Search Intent: ...)" followed by a list), and
from the genre's fixed phrases ("macro context of X", "expressed as X {a, b, c}").
"""

from __future__ import annotations

import re
from collections import Counter

from articlekg.document import BlockKind, Span
from articlekg.facts import AttributeFact, ContextFact, EntityRef, TopicalSection
from articlekg.relate.view import ArticleView

ROLE_HEADING = re.compile(
    r"(?P<role>central|supporting|supportive)\s+entit(?:y|ies)\s*(?::|[—–-])\s*(?P<name>.+)", re.I
)
SECTION_HEADING = re.compile(r"(?P<kind>core|outer)\s+section\b(?P<rest>.*)", re.I)
INTENT = re.compile(r"(?:search|user)\s+intent\s*(?::|[—–-])\s*(?P<intent>[^)]+?)\s*\)?\s*$", re.I)
SCOPED_CONTEXT = re.compile(
    r"\b(?P<scope>macro|micro)[- ]?contexts?\s+(?:of|is|was|would be)\s+(?:the\s+)?"
    r"(?P<name>[^,;.]+?)(?=\s+and\s+(?:the\s+)?(?:macro|micro)|[,;.]|$)",
    re.I,
)
EAV = re.compile(
    r"(?:expressed|defined|modeled|modelled|represented)\s+as\s+(?P<entity>[A-Z][\w\- ]+?)\s*"
    r"\{(?P<attributes>[^}]+)\}"
)
CENTRAL_IN_PROSE = re.compile(r"\bcentral entity\b", re.I)
SEARCH_INTENT_PROSE = re.compile(
    r"central search intent\b[^“\"]*?(?:as|is|was)\s+[“\"](?P<intent>[^”\"]+?)[.,]?[”\"]", re.I
)
SOURCE_CONTEXT_PROSE = re.compile(
    r"source context\s+(?:identified|defined|described|established)\s+[^;.]*?\bas\s+(?:an?\s+)?"
    r"(?P<context>[^;.]+)",
    re.I,
)
CONTEXT_LIST_LEAD = re.compile(r"\bcontexts?\b", re.I)


def relate_topical(view: ArticleView) -> None:
    document = view.document
    central: EntityRef | None = None
    for index, block in enumerate(document.blocks):
        content = document.slice(block.span)
        if block.kind is BlockKind.HEADING or block.kind is BlockKind.LABEL_VALUE:
            role = ROLE_HEADING.fullmatch(content)
            if role is not None:
                name_span = Span(block.span.start + role.start("name"), block.span.end)
                kind = "central" if role.group("role").lower() == "central" else "supporting"
                ref = view.add_span(name_span, "Entity")
                view.facts.central.append((ref, kind, view.trimmed(name_span)))
                if kind == "central":
                    central = ref
                continue
            section = SECTION_HEADING.match(content)
            if section is not None and block.kind is BlockKind.HEADING:
                _topical_section(view, index, section.group("kind").lower(), content)
        if block.kind is BlockKind.TABLE_ROW and block.header_row:
            _attribute_table(view, index, central)
    for index in range(len(view.sentences)):
        _prose_patterns(view, index)
    _context_lists(view, central)


def _topical_section(view: ArticleView, block_index: int, kind: str, content: str) -> None:
    block = view.document.blocks[block_index]
    intent_match = INTENT.search(content)
    section = TopicalSection(
        evidence=[block.span],
        kind=kind,
        intent=intent_match.group("intent").strip() if intent_match else None,
    )
    for item in view.list_after(block_index):
        span = view.trimmed(view.document.blocks[item].span)
        ref = view.add_span(span, "Topic")
        section.topics.append((ref, span))
    view.facts.topical_sections.append(section)


def _attribute_table(view: ArticleView, header_index: int, central: EntityRef | None) -> None:
    document = view.document
    header = document.blocks[header_index]
    names = [document.slice(c) for c in header.cells]
    if not names or "attribute" not in names[0].lower():
        return
    for row_index in range(header_index + 1, len(document.blocks)):
        row = document.blocks[row_index]
        if row.kind is BlockKind.META:
            continue
        if row.kind is not BlockKind.TABLE_ROW:
            break
        if not row.cells or row.cells[0].start == row.cells[0].end:
            continue
        attribute = view.add_span(row.cells[0], "Attribute")
        filled = len(row.cells) > 1 and row.cells[1].end > row.cells[1].start
        link = view.add_span(row.cells[1], "Topic") if filled else None
        notes = [
            f"{names[k]}: {document.slice(cell)}"
            for k, cell in enumerate(row.cells)
            if 2 <= k < len(names) and cell.end > cell.start
        ]
        view.facts.attributes.append(
            AttributeFact(
                attribute=attribute,
                evidence=[row.span],
                link=link,
                of=central,
                note="; ".join(notes) or None,
            )
        )


def _prose_patterns(view: ArticleView, index: int) -> None:
    sentence = view.sentences[index].span
    text = view.text
    for match in SCOPED_CONTEXT.finditer(text, sentence.start, sentence.end):
        span = Span(match.start("name"), match.end("name"))
        ref = view.add_span(span, "Context")
        view.facts.contexts.append(ContextFact(ref, [sentence], scope=match.group("scope").lower()))
    for match in EAV.finditer(text, sentence.start, sentence.end):
        entity = view.add_span(Span(match.start("entity"), match.end("entity")), "Entity")
        if CENTRAL_IN_PROSE.search(text, sentence.start, match.start()):
            view.facts.central.append(
                (entity, "central", view.trimmed(Span(match.start("entity"), match.end("entity"))))
            )
        position = match.start("attributes")
        for piece in match.group("attributes").split(","):
            start = position + len(piece) - len(piece.lstrip())
            span = Span(start, start + len(piece.strip()))
            position += len(piece) + 1
            if span.end > span.start:
                attribute = view.add_span(span, "Attribute")
                view.facts.attributes.append(AttributeFact(attribute, [sentence], of=entity))
    intent = SEARCH_INTENT_PROSE.search(text, sentence.start, sentence.end)
    if intent is not None:
        view.facts.topical_sections.append(
            TopicalSection(evidence=[sentence], intent=intent.group("intent").strip())
        )
    source = SOURCE_CONTEXT_PROSE.search(text, sentence.start, sentence.end)
    if source is not None:
        ref = view.add_span(Span(source.start("context"), source.end("context")), "Context")
        view.facts.contexts.append(ContextFact(ref, [sentence]))


def _context_lists(view: ArticleView, central: EntityRef | None) -> None:
    """List items introduced by a sentence that announces contexts ("... contexts including:")."""
    document = view.document
    for index, block in enumerate(document.blocks):
        content = document.slice(block.span).rstrip()
        if block.kind is BlockKind.LIST_ITEM or not content.endswith(":"):
            continue
        if not CONTEXT_LIST_LEAD.search(content):
            continue
        for item in view.list_after(index):
            span = view.trimmed(document.blocks[item].span)
            ref = view.add_span(span, "Context")
            view.facts.contexts.append(ContextFact(ref, [span], of=central))


FINDING_WEIGHT = 3
TITLE_WEIGHT = 2
MIN_SUPPORTING_MENTIONS = 2


def salience(view: ArticleView, category: str) -> list[str]:
    """Concepts of a category, most salient first: mentions, title mentions and findings."""
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for mention in view.recognised.mentions:
        if mention.category != category:
            continue
        title = view.block_of(mention.sentence).kind is BlockKind.TITLE
        counts[mention.concept] += TITLE_WEIGHT if title else 1
        first_seen.setdefault(mention.concept, mention.span.start)
    if category == "Intervention":
        for finding in view.facts.findings:
            concept = finding.intervention.concept
            if concept is not None and concept in counts:
                counts[concept] += FINDING_WEIGHT
    if category == "Condition":
        subjects = [s.subject for s in view.facts.statistics] + [
            r.condition for r in view.facts.condition_relations
        ]
        for subject in subjects:
            if subject.concept is not None and subject.concept in counts:
                counts[subject.concept] += FINDING_WEIGHT
    return sorted(counts, key=lambda iri: (-counts[iri], first_seen[iri]))


def infer_about(view: ArticleView) -> None:
    """Without a topical map, the article is about its most salient intervention and the
    condition it names most (when it names one more than once)."""
    facts = view.facts
    if any(role == "central" for _, role, _ in facts.central):
        return
    interventions = salience(view, "Intervention")
    if not interventions:
        return
    concept = view.lexicon.concepts[interventions[0]]
    facts.central.append((EntityRef(concept.pref_label, concept.iri), "central", None))
    conditions = salience(view, "Condition")
    mentions = Counter(m.concept for m in view.recognised.mentions)
    if conditions and mentions[conditions[0]] >= MIN_SUPPORTING_MENTIONS:
        condition = view.lexicon.concepts[conditions[0]]
        facts.central.append((EntityRef(condition.pref_label, condition.iri), "supporting", None))
