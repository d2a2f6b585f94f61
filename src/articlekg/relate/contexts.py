"""Contexts: the settings and frames an article states.

A context is where the article places what it reports: a setting section ("Setting:
Inpatient and outpatient"), a place of care ("in four UK cancer centres and a hospice",
"hospitals and cancer support groups offer ..."), a field it frames things in ("in
palliative care"). A lexicon term of kind Context that merely appears (inside a journal's
name, a cited title, what an arm received, "enrolled in hospice") is not one. The topical
map's own contexts (macro, micro, source) come from :mod:`articlekg.relate.topical`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from articlekg.document import BlockKind, Span
from articlekg.facts import ContextFact, EntityRef
from articlekg.recognise import Mention
from articlekg.relate.studies import is_citation
from articlekg.relate.view import ArticleView
from articlekg.relate.wording import noun_phrase, only_section_words, rule_table, trimmed_span
from articlekg.sections import slot_table

if TYPE_CHECKING:
    from spacy.tokens import Token

SETTING = "setting"
NOT_HERE = frozenset({"references", "citation"})
CLIMB = frozenset({"compound", "nmod", "amod", "conj", "appos"})
MAX_CLIMB = 8
FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def relate_contexts(view: ArticleView, mentions: list[Mention]) -> None:
    """Contexts from setting sections, from lexicon Context terms the article places
    something in, and from places of care; ``mentions`` are the lexicon's Context terms."""
    covered: set[int] = set()
    for block_index in range(len(view.document.blocks)):
        span = _setting_content(view, block_index)
        if span is None:
            continue
        covered.update(view.sentences_of_block(block_index))
        _setting(view, span, mentions)
    arm_spans = _arm_spans(view)
    for mention in mentions:
        if mention.sentence in covered or _excluded(view, mention.sentence, mention.span):
            continue
        if any(mention.span.overlaps(s) for s in arm_spans):
            continue
        head = _head_within(view, mention.sentence, mention.span)
        if head is not None and _framed(head):
            _add(view, view.add_mention(mention), view.sentences[mention.sentence].span)
    for index in range(len(view.sentences)):
        if index in covered or _excluded(view, index, view.sentences[index].span):
            continue
        for token in view.parsed.doc(index):
            if _is_place(token) and _affiliation(token):
                # "a professor at X University": where someone works, an organization
                span = noun_phrase(view, index, token, keep_of=True)
                view.add_span(span, "Organization")
            elif _is_place(token) and _framed(token):
                _place(view, index, token, mentions)


def _setting_content(view: ArticleView, block_index: int) -> Span | None:
    """The text a setting section states: a "Setting:" line's value, or a block under a
    heading that names the setting (and nothing but section words)."""
    document = view.document
    block = document.blocks[block_index]
    sections = view.sections
    if SETTING in sections.names[block_index]:
        if block.kind is BlockKind.HEADING or not block.value or block.label is None:
            return None
        return block.value if only_section_words(document.slice(block.label)) else None
    if block_index > 0 and _setting_line(view, block_index - 1):
        # "Setting" on a line of its own and the setting on the next, whichever of the two
        # the reader took for a heading
        return block.span if _short(view, block.span) else None
    heading = sections.heading[block_index]
    if SETTING not in sections.within[block_index] or block.kind is BlockKind.HEADING:
        return None
    if heading is None or SETTING not in sections.names[heading]:
        return None
    named = document.blocks[heading]
    label = named.label if named.label is not None else named.span
    return (block.value or block.span) if only_section_words(document.slice(label)) else None


def _setting_line(view: ArticleView, index: int) -> bool:
    """A line that says "Setting" and nothing else, heading or not."""
    block = view.document.blocks[index]
    if block.kind not in (BlockKind.HEADING, BlockKind.PARAGRAPH) or block.value is not None:
        return False
    text = view.document.slice(block.span).strip().rstrip(":")
    return SETTING in slot_table().slots(text) and only_section_words(text)


def _short(view: ArticleView, span: Span) -> bool:
    return len(view.text[span.start : span.end].split()) <= int(
        rule_table("contexts")["short_setting_words"]
    )


def _setting(view: ArticleView, span: Span, mentions: list[Mention]) -> None:
    """A short setting is one context as written; a longer one gives the places it names."""
    span = view.trimmed(span)
    text = view.text[span.start : span.end]
    index = view.sentence_index(span)
    tokens = list(view.parsed.tokens_within(index, span))
    short = len(text.split()) <= int(rule_table("contexts")["short_setting_words"])
    if short and not any(t.tag_ in FINITE for t in tokens):
        _add(view, view.add_span(trimmed_span(view, span), "Context"), span)
        return
    for mention in mentions:
        if span.contains(mention.span):
            _add(view, view.add_mention(mention), view.sentences[mention.sentence].span)
    for token in tokens:
        if _is_place(token):
            _place(view, index, token, mentions)


def _place(view: ArticleView, index: int, token: Token, mentions: list[Mention]) -> None:
    """A place of care as a context: the lexicon's concept when one names it, else the
    article's words."""
    head = view.parsed.span_of(index, token)
    if any(m.span.contains(head) for m in mentions if m.sentence == index):
        known = next(m for m in mentions if m.sentence == index and m.span.contains(head))
        ref = view.add_mention(known)
    else:
        ref = view.add_span(noun_phrase(view, index, token, keep_of=False), "Context")
    _add(view, ref, view.sentences[index].span)


def _add(view: ArticleView, ref: EntityRef, span: Span) -> None:
    for fact in view.facts.contexts:
        if fact.context.key == ref.key and fact.scope is None:
            # A set beside the list: a context named in every paragraph made each new
            # mention a scan of all earlier ones.
            seen = view.memo(("context evidence", id(fact)), set[Span])
            if len(seen) != len(fact.evidence):
                seen.clear()
                seen.update(fact.evidence)
            if span not in seen:
                fact.evidence.append(span)
                seen.add(span)
            return
    view.facts.contexts.append(ContextFact(ref, [span]))


def _is_place(token: Token) -> bool:
    """A noun that names a place of care, alone or with the words before it ("support
    group", "care home")."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    words = [token.lemma_.lower()]
    child = token
    for _ in range(2):
        before = [c for c in child.lefts if c.dep_ == "compound" and c.i == child.i - 1]
        if not before:
            break
        child = before[0]
        words.insert(0, child.lemma_.lower())
    places = {p.lower() for p in rule_table("contexts")["place_nouns"]}
    return any(" ".join(words[k:]) in places for k in range(len(words)))


def _affiliation(token: Token) -> bool:
    """Whether the place follows a person's role ("dean of research at X", "scientists at
    X"): where the person works."""
    roles = set(rule_table("contexts")["affiliation_heads"])
    if token.dep_ != "pobj" or token.head.lower_ not in ("at", "of", "from", "in"):
        return False
    holder = token.head.head
    for _ in range(3):
        if holder.lemma_.lower() in roles or holder.lower_ in roles:
            return True
        if holder.dep_ not in ("pobj", "prep", "conj", "appos") or holder.head == holder:
            return False
        holder = holder.head
    return False


def _framed(token: Token) -> bool:
    """Whether the article places something in the phrase headed by ``token``: the object
    of a frame preposition (through compounds, coordinations and "of" phrases), what
    someone is part of, or the subject of a verb of offering."""
    table = rule_table("contexts")
    frames = set(table["frame_prepositions"])
    status = set(table["status_verbs"])
    offers = set(table["offer_verbs"])
    members = set(table["member_nouns"])
    current = token
    for _ in range(MAX_CLIMB):
        dep = current.dep_
        if dep == "pobj":
            preposition = current.head
            if preposition.lower_ in frames:
                return preposition.head.lemma_.lower() not in status
            if preposition.lower_ != "of":
                return False
            current = preposition.head
            if current.lemma_.lower() in members:
                return True  # "part of a palliative care team", "a member of staff in ..."
        elif dep == "nsubj":
            return current.head.lemma_.lower() in offers
        elif dep in CLIMB and current.head != current:
            current = current.head
        else:
            return False
    return False


def _head_within(view: ArticleView, index: int, span: Span) -> Token | None:
    """The token of ``span`` that the rest of it hangs from (its syntactic head)."""
    inside = list(view.parsed.tokens_within(index, span))
    for token in inside:
        if token.head not in inside or token.head == token:
            return token
    return None


def _excluded(view: ArticleView, index: int, span: Span) -> bool:
    """Words of a cited work (a citation line, a quoted title, a journal's name) or of a
    reference list place nothing."""
    if view.slots(index) & NOT_HERE or is_citation(view, index):
        return True
    if any(m.span.overlaps(span) for m in view.mentions(index, "Periodical")):
        return True
    sentence = view.sentences[index].span
    before = view.text[sentence.start : span.start]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _arm_spans(view: ArticleView) -> list[Span]:
    """Where the text names what a study's arms received: such words are no setting."""
    spans: list[Span] = []
    for study in view.facts.studies:
        for arm in study.arms:
            if arm.intervention is not None:
                known = view.facts.entities.get(arm.intervention.key)
                spans.extend(known[2] if known else [])
    return spans
