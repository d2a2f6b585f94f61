"""Numeric claims: how common a condition is, how severe, how many.

"34% to 45% of patients with metastases will develop bone-related pain": a prevalence of
34–45 percent of bone pain in the population "patients with metastases". A list item
under "Supporting Entity: X" ("Appears in 30–50% of late-stage cancer patients") is about
X. "rated >6/10" is a severity with only a lower bound. Counts come from fact-sheet lines
("Result: 4,000 clicks per month") and reports ("recorded 0 clicks, fewer than 500
impressions").
"""

from __future__ import annotations

import re
from functools import cache

from articlekg.document import BlockKind, Span
from articlekg.facts import EntityRef, Statistic
from articlekg.quantities import Quantity
from articlekg.relate.cues import PEOPLE
from articlekg.relate.statistic_clauses import clause_subject, prevalence_verbs
from articlekg.relate.topical import label_value
from articlekg.relate.view import ArticleView
from articlekg.relate.wording import rule_table, words_pattern
from articlekg.sections import slot_table

ENTITY_SLOTS = frozenset({"central-entity", "supporting-entity"})


@cache
def _prevalence_verbs() -> str:
    return words_pattern(prevalence_verbs())


@cache
def _population_after() -> re.Pattern[str]:
    """'of patients with metastases', 'of cancer patients who receive chemotherapy': the
    group a percentage is a share of, ending where its clause's verb begins."""
    return re.compile(
        rf"\s+of\s+(?:(?:all|the)\s+)?(?P<population>(?:[\w-]+\s+){{0,6}}?"
        rf"(?:{PEOPLE}|population|cases|sessions)"
        r"(?:\s+(?:with|who|treated|receiving|undergoing|having|on)\b[^,.;]*?)?"
        r"(?:\s+(?:worldwide|globally|nationally|overall))?)"
        rf"(?=[,.;]|\s+(?:will|who|are|is|at|during|after|and|but|while|whereas)\b|"
        rf"(?:\s+(?:also|often|still|later|eventually|may|can|do|does|did))?"
        rf"\s+(?:{_prevalence_verbs()})|$)",
        re.I,
    )


@cache
def _prevalence_verb() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_prevalence_verbs()})", re.I)


@cache
def _change_amount() -> re.Pattern[str]:
    """'by as much as' right before a percentage: the size of a change."""
    words = words_pattern(rule_table("statistics")["change_amount_words"])
    return re.compile(rf"\bby(?:\s+(?:{words}))?\s*$", re.I)


# "95% CI": a confidence level, not a share of anything
CONFIDENCE = re.compile(r"\s*(?:CI|C\.I\.|confidence interval|credible interval)\b", re.I)
SEVERITY = re.compile(r"\b(?:severity|rated|intensity|score)\b", re.I)
COUNTED_PEOPLE = re.compile(rf"\b{PEOPLE}$")
REPORT_VERB = re.compile(
    r"\b(?:recorded|revealed|found|showed|reached|achieved|generated|had)\b", re.I
)
COUNT_NOUN = re.compile(r"\s*(?P<noun>(?:[a-z][\w-]*\s+){0,2}?[A-Za-z][\w-]*?s)\b")


def relate_statistics(view: ArticleView) -> None:
    for index in range(len(view.sentences)):
        for quantity in view.quantities(index):
            if quantity.unit == "percent":
                _percentage(view, index, quantity)
            elif quantity.scale_max is not None:
                _score(view, index, quantity)
            elif quantity.unit is None and not quantity.from_word:
                _count(view, index, quantity)


def _subject_of_list(view: ArticleView, index: int) -> EntityRef | None:
    """A list item under "Supporting Entity: X" (or any entity heading) is about X."""
    heading = view.block_of(index).heading
    if heading is None:
        return None
    block = view.document.blocks[heading]
    label, value = label_value(view, block)
    if label is None or value is None:
        return None
    if not slot_table().slots(view.text[label.start : label.end]) & ENTITY_SLOTS:
        return None
    return view.ref_for_span(value)


def _percentage(view: ArticleView, index: int, quantity: Quantity) -> None:
    span = view.sentences[index].span
    text = view.text
    if CONFIDENCE.match(text, quantity.end, span.end):
        return
    population_match = _population_after().match(text, quantity.end, span.end)
    if population_match is None and _change_amount().search(text, span.start, quantity.start):
        return  # "cut pain by as much as 30%": how much it changed, not a share of anything
    population = None
    rest_start = quantity.end
    if population_match is not None:
        pop_span = Span(population_match.start("population"), population_match.end("population"))
        population = view.add_span(pop_span, "Population")
        rest_start = population_match.end()
    before = text[span.start : quantity.start]
    subject = None
    after_mentions = [
        m for m in view.mentions_between(index, rest_start, span.end, "Condition", "Outcome")
    ]
    before_mentions = [
        m for m in view.mentions_between(index, span.start, quantity.start, "Condition", "Outcome")
    ]
    verb_after = _prevalence_verb().search(text, rest_start, span.end)
    if after_mentions and verb_after:
        subject = view.add_mention(after_mentions[0], after_mentions[0].category)
    elif view.block_of(index).kind is BlockKind.LIST_ITEM:
        subject = _subject_of_list(view, index)
    if subject is None and before_mentions and _prevalence_verb().search(before):
        subject = view.add_mention(before_mentions[-1])
    if subject is None:
        subject = clause_subject(view, index, quantity)
    if subject is None:
        return
    stated = verb_after or _prevalence_verb().search(before)
    measure = (
        "prevalence"
        if (population is not None and stated) or _subject_of_list(view, index)
        else "proportion"
    )
    view.facts.statistics.append(
        Statistic(
            subject=subject,
            measure=measure,
            evidence=[span],
            # "more than 50%" bounds from below, "up to 90%" from above
            low=None if quantity.bound == "upper" else quantity.low,
            high=None
            if quantity.bound == "lower"
            else quantity.high
            if quantity.high is not None
            else quantity.low,
            unit="percent",
            population=population,
        )
    )


def _score(view: ArticleView, index: int, quantity: Quantity) -> None:
    span = view.sentences[index].span
    if not SEVERITY.search(view.text, span.start, quantity.start):
        return
    subject = _subject_of_list(view, index)
    if subject is None:
        before = view.mentions_between(index, span.start, quantity.start, "Condition", "Outcome")
        subject = view.add_mention(before[-1]) if before else None
    if subject is None:
        return
    low = quantity.low if quantity.bound != "upper" else None
    high = None if quantity.bound == "lower" else quantity.low
    view.facts.statistics.append(
        Statistic(
            subject=subject,
            measure="severity",
            evidence=[span],
            low=low,
            high=high,
            scale_max=quantity.scale_max,
        )
    )


def _count(view: ArticleView, index: int, quantity: Quantity) -> None:
    """Counts stated as results: fact-sheet values and numbers after a reporting verb."""
    span = view.sentences[index].span
    text = view.text
    block = view.block_of(index)
    fact_sheet = (
        block.kind in (BlockKind.LABEL_VALUE, BlockKind.HEADING)
        and block.value is not None
        and (block.value.start == quantity.start)
    )
    reported = REPORT_VERB.search(text, max(span.start, quantity.start - 60), quantity.start)
    listed = reported is not None and not re.search(r"[.;]", text[reported.end() : quantity.start])
    before = text[max(span.start, quantity.start - 25) : quantity.start].lower()
    position = re.search(r"(?P<subject>(?:average|mean|median)\s+[\w-]+)\s*$", before)
    if not (fact_sheet or listed or position):
        return
    if position is not None and quantity.bound:
        start = quantity.start - len(before) + position.start("subject")
        subject = view.add_span(Span(start, start + len(position.group("subject"))), "Entity")
    else:
        noun = COUNT_NOUN.match(text, quantity.end, span.end)
        if noun is None or COUNTED_PEOPLE.search(noun.group("noun")):
            return
        subject = view.add_span(Span(noun.start("noun"), noun.end("noun")), "Entity")
    low = None if quantity.bound == "upper" else quantity.low
    high = None if quantity.bound == "lower" else quantity.low
    view.facts.statistics.append(
        Statistic(subject=subject, measure="count", evidence=[span], low=low, high=high)
    )
