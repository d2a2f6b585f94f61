"""A topical map stated in prose.

A slot phrase of the map ("macro context", "source context", "central search intent", in
the words ``sections.json`` lists) followed by what it is: "its macro context is X", "the
macro-context of X", "Source Context identified the brand's purpose as X", "the Central
Search Intent was formalized as “X”", "micro context: X". Also an entity "expressed as X
{a, b, c}" (entity-attribute-value notation) and list items announced as contexts ("...
ties together these contexts:").
"""

from __future__ import annotations

import re
from functools import cache

from articlekg.document import BlockKind, Span
from articlekg.facts import AttributeFact, ContextFact, EntityRef, TopicalSection
from articlekg.relate.view import ArticleView
from articlekg.relate.wording import rule_table, words_pattern

SCOPES = {"macro-context": "macro", "micro-context": "micro", "source-context": None}
PROSE_SLOTS = (*SCOPES, "search-intent")
MAX_GAP_WORDS = 8
EAV = re.compile(
    r"(?:expressed|defined|modeled|modelled|represented)\s+as\s+(?P<entity>[A-Z][\w\- ]+?)\s*"
    r"\{(?P<attributes>[^}]+)\}"
)
CENTRAL_IN_PROSE = re.compile(r"\bcentral entity\b", re.I)


@cache
def _slot_phrase() -> re.Pattern[str]:
    slots = rule_table("sections")["slots"]
    alternatives = []
    for slot in PROSE_SLOTS:
        name = slot.replace("-", "_")
        # in prose a one-word heading phrase ("intent") says too little to be the map's
        phrases = [p for p in slots[slot] if len(p.split()) > 1 or "context" in p]
        alternatives.append(rf"(?P<{name}>{words_pattern(phrases)})")
    qualifiers = words_pattern(rule_table("topical")["intent_qualifiers"])
    return re.compile(rf"\b(?:(?:{qualifiers})\s+)?(?:{'|'.join(alternatives)})s?\b", re.I)


@cache
def _predicate() -> re.Pattern[str]:
    verbs = words_pattern(rule_table("topical")["predicates"])
    return re.compile(rf"\s+(?:{verbs})\s+(?!\w+ed\b)", re.I)


def relate_topical_prose(view: ArticleView, central: EntityRef | None) -> None:
    for index in range(len(view.sentences)):
        block = view.block_of(index)
        if block.kind in (BlockKind.HEADING, BlockKind.TITLE) or block.label is not None:
            continue  # labels and headings are the map's structure, read in topical.py
        _stated(view, index)
        _eav(view, index)
    _context_lists(view, central)


def _stated(view: ArticleView, index: int) -> None:
    """What a slot phrase is said to be: ": X", "is X", "... as X", "of X"."""
    sentence = view.sentences[index].span
    text = view.text
    for match in _slot_phrase().finditer(text, sentence.start, sentence.end):
        slot = next(s for s in PROSE_SLOTS if match.group(s.replace("-", "_")))
        start = _value_start(text, match.end(), sentence.end, slot)
        if start is None:
            continue
        value = _value(view, start, sentence.end)
        if value is None:
            continue
        if slot == "search-intent":
            said = view.text[value.start : value.end]
            view.facts.topical_sections.append(TopicalSection(evidence=[sentence], intent=said))
            continue
        ref = view.add_span(value, "Context")
        view.facts.contexts.append(ContextFact(ref, [sentence], scope=SCOPES[slot]))


def _value_start(text: str, at: int, end: int, slot: str) -> int | None:
    rest = text[at:end]
    colon = re.match(r"\s*(?::|\s[—–]\s)\s*", rest)
    if colon is not None:
        return at + colon.end()
    copula = _predicate().match(rest)
    if copula is not None:
        return at + copula.end()
    called = re.match(rf"(?:\s+[^\s,;.:]+){{0,{MAX_GAP_WORDS}}}?\s+as\s+", rest)
    if called is not None:
        return at + called.end()
    of = re.match(r"\s+of\s+", rest)
    if of is not None and slot != "search-intent":
        return at + of.end()
    return None


def _value(view: ArticleView, start: int, end: int) -> Span | None:
    """A value runs to a quote's end, or to the clause's end, or to "and" before another
    slot phrase ("macro-context of X and micro-context of Y")."""
    text = view.text
    quoted = re.match(r"(?:an?\s+)?[“\"](?P<inner>[^”\"]+?)[.,]?[”\"]", text[start:end])
    if quoted is not None:
        return view.trimmed(Span(start + quoted.start("inner"), start + quoted.end("inner")))
    stop = re.search(r"[,;.:]\s|[,;.:]$|\s[—–]\s|\)", text[start:end])
    stop_at = start + stop.start() if stop else end
    another = _slot_phrase().search(text, start, stop_at)
    if another is not None:
        joined = re.search(r"\s+and\s+(?:the\s+|its\s+|a\s+)?$", text[start : another.start()])
        stop_at = start + joined.start() if joined else another.start()
    span = view.trimmed(Span(start, stop_at))
    lead = re.match(r"(?:an?|the)\s+", text[span.start : span.end], re.I)
    if lead is not None:
        span = Span(span.start + lead.end(), span.end)
    return span if span.end > span.start else None


def _eav(view: ArticleView, index: int) -> None:
    """ "... was expressed as Weight-Care Program {evaluation, nutrition, tracking}"."""
    sentence = view.sentences[index].span
    text = view.text
    for match in EAV.finditer(text, sentence.start, sentence.end):
        entity_span = Span(match.start("entity"), match.end("entity"))
        entity = view.add_span(entity_span, "Entity")
        if CENTRAL_IN_PROSE.search(text, sentence.start, match.start()):
            view.facts.central.append((entity, "central", view.trimmed(entity_span)))
        position = match.start("attributes")
        for piece in match.group("attributes").split(","):
            start = position + len(piece) - len(piece.lstrip())
            span = Span(start, start + len(piece.strip()))
            position += len(piece) + 1
            if span.end > span.start:
                attribute = view.add_span(span, "Attribute")
                view.facts.attributes.append(AttributeFact(attribute, [sentence], of=entity))


@cache
def _context_lead() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{words_pattern(rule_table('topical')['context_nouns'])})\b", re.I)


def _context_lists(view: ArticleView, central: EntityRef | None) -> None:
    """List items introduced by a line that announces contexts ("... contexts including:");
    a lead that names one scope only ("macro contexts:") gives it to the items."""
    document = view.document
    for index, block in enumerate(document.blocks):
        content = document.slice(block.span).rstrip()
        if block.kind is BlockKind.LIST_ITEM or not content.endswith(":"):
            continue
        if not _context_lead().search(content):
            continue
        scopes = {s for s in ("macro", "micro") if re.search(rf"\b{s}\b", content, re.I)}
        scope = next(iter(scopes)) if len(scopes) == 1 else None
        for item in view.list_after(index):
            span = view.trimmed(document.blocks[item].span)
            ref = view.add_span(span, "Context")
            view.facts.contexts.append(ContextFact(ref, [span], scope=scope, of=central))
