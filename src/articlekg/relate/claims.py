"""Which sentences can state a claim, and what kind of claim: a study's result, an
evidence summary or a general statement, with how long an effect lasted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from articlekg.document import BlockKind, Span
from articlekg.facts import Duration
from articlekg.quantities import Quantity
from articlekg.relate.cues import (
    AIM_LABEL,
    DURATION,
    EVIDENCE_SUMMARY,
    STUDY_CONTEXT,
    STUDY_HEADING,
    TIME_UNITS,
)
from articlekg.relate.frames import effect_rules
from articlekg.relate.view import ArticleView

if TYPE_CHECKING:
    from spacy.tokens import Token

AIM_SLOTS = frozenset({"purpose"})
"""A structured abstract's aim states what was asked, not what was found."""
RESULT_SLOTS = frozenset({"results", "conclusions", "evidence"})


def structural_spans(view: ArticleView) -> set[Span]:
    """Spans that name topical-map topics, contexts or attributes: labels, not claims."""
    spans: set[Span] = set()
    for section in view.facts.topical_sections:
        spans.update(span for _, span in section.topics)
    for context in view.facts.contexts:
        spans.update(context.evidence)
    return spans


def claim_sentences(view: ArticleView) -> list[int]:
    """Sentences that can state a claim: not headings, table rows, topical-map labels,
    questions, or a structured abstract's aim ("Objective: To evaluate the efficacy of X
    for decreasing Y")."""
    structural = structural_spans(view)
    kinds = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.LABEL_VALUE)
    return [
        i
        for i, s in enumerate(view.sentences)
        if view.block_of(i).kind in kinds
        and not states_an_aim(view, i)
        and not view.sentence_text(i).rstrip().endswith("?")  # a question asserts nothing
        and not (
            view.block_of(i).kind is BlockKind.LIST_ITEM
            and any(span.overlaps(s.span) for span in structural)
        )
    ]


def states_an_aim(view: ArticleView, index: int) -> bool:
    block = view.block_of(index)
    label = view.document.slice(block.label) if block.label is not None else ""
    return bool(AIM_LABEL.fullmatch(label)) or bool(view.slots(index) & AIM_SLOTS)


def duration_of(view: ArticleView, index: int, trigger: Token | None = None) -> Duration | None:
    """How long an effect lasted, when the clause of its effect word says so ("..., and
    the effects on X were sustained for 16 to 18 hours" is about X, not the clause before)."""
    span = view.sentences[index].span
    cue = DURATION.search(view.text, span.start, span.end)
    if cue is None:
        return None
    if trigger is not None:
        cue_token = view.parsed.token_at(index, cue.start())
        if (
            cue_token is not None
            and clause_of(cue_token) != clause_of(trigger)
            and not _refers_back(clause_of(cue_token))
        ):
            return None
    quantity: Quantity | None = next(
        (q for q in view.quantities(index) if q.start >= cue.end() and q.unit in TIME_UNITS), None
    )
    if quantity is None:
        return None
    return Duration(
        quantity.low,
        quantity.high if quantity.high is not None else quantity.low,
        quantity.unit or "",
    )


def _refers_back(verb: Token) -> bool:
    """'..., and the relief lasted 5 days': a clause whose subject is the effect itself."""
    rules = effect_rules()
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            lemma = child.lemma_.lower()
            return any(rules.polarity(e, lemma) for e in ("nouns", "effect_nouns"))
    return False


def clause_of(token: Token) -> Token:
    """The verb heading the clause a token stands in (coordinated clauses apart)."""
    for _ in range(len(token.doc)):
        if token.dep_ in ("ROOT", "conj") and token.pos_ in ("VERB", "AUX"):
            return token
        if token.head == token:
            return token
        token = token.head
    return token


def in_study(view: ArticleView, index: int) -> bool:
    """Whether the sentence reports the article's (first) study."""
    if not view.facts.studies:
        return False
    first = min(view.facts.studies[0].evidence).start
    span = view.sentences[index].span
    if span.start < first:
        return False
    whole = _whole(view, first)
    if len(view.facts.studies) == 1 and view.facts.studies[0].title and whole:
        return True  # an article about one named study reports it throughout
    if view.slots(index) & RESULT_SLOTS and view.facts.studies[0].title and whole:
        return True  # its results and conclusions, unless the study is one section's topic
    block = view.block_of(index)
    if block.kind is BlockKind.LIST_ITEM:
        lead = next(
            (
                i
                for i in range(index - 1, -1, -1)
                if view.block_of(i).kind is not BlockKind.LIST_ITEM
            ),
            None,
        )
        if lead is not None and STUDY_CONTEXT.search(view.sentence_text(lead)):
            return True
    return bool(
        STUDY_CONTEXT.search(view.sentence_text(index))
        or STUDY_HEADING.search(view.heading_of(index))
    )


def _whole(view: ArticleView, offset: int) -> bool:
    """Whether a study first named at ``offset`` is the whole article's subject: named
    before any section heading, not inside one section ("Research Study Overview") of an
    article about something broader."""
    block = next((b for b in view.document.blocks if b.span.start <= offset < b.span.end), None)
    return block is None or block.heading is None


def claim_type(view: ArticleView, index: int, study: bool) -> str:
    if study:
        return "studyResult"
    summary = EVIDENCE_SUMMARY.search(view.sentence_text(index)) or EVIDENCE_SUMMARY.search(
        view.heading_of(index)
    )
    return "evidenceSummary" if summary else "generalClaim"
