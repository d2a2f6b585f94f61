"""How an intervention is said to work: "X relief through Y", "calm X via Y and Z"."""

from __future__ import annotations

import re

from articlekg.document import Span
from articlekg.facts import EntityRef, MechanismClaim
from articlekg.relate.cues import MECHANISM_CUE
from articlekg.relate.effects import claim_sentences, triggers_in
from articlekg.relate.subjects import heading_subject
from articlekg.relate.view import ArticleView, split_items

MECHANISM_END = re.compile(r"[.;:]|\s[—–]\s|\s(?:which|that|while|but)\s")
RELEASE = re.compile(
    r"\b(?:release[sd]?|releasing|stimulat\w+|activat\w+|modulat\w+|correct(?:s|ed|ing)?|"
    r"restor(?:e|es|ed|ing)|balanc(?:e|es|ed|ing)|unblock\w*)\b",
    re.I,
)


def relate_mechanisms(view: ArticleView, fallback: EntityRef | None) -> None:
    for index in claim_sentences(view):
        span = view.sentences[index].span
        cue = MECHANISM_CUE.search(view.text, span.start, span.end)
        mechanism_mentions = view.mentions(index, "Mechanism")
        if cue is None and not (mechanism_mentions and RELEASE.search(view.sentence_text(index))):
            continue
        verb = cue or RELEASE.search(view.text, span.start, span.end)
        intervention = _intervention(view, index, fallback, verb.start() if verb else span.end)
        if intervention is None:
            continue
        outcome = _outcome(view, index, span.start, cue.start() if cue else span.end)
        if cue is not None and not _effect_just_before(view, index, cue.start()):
            # "access the study via the following sources", "modeled through EAV notation":
            # a mechanism explains an effect named right before it.
            continue
        if cue is not None:
            end_match = MECHANISM_END.search(view.text, cue.end(), span.end)
            zone = Span(cue.end(), end_match.start() if end_match else span.end)
            mechanisms = _mechanisms_in(view, index, zone)
        else:
            mechanisms = [view.add_mention(m) for m in mechanism_mentions]
        for mechanism in mechanisms:
            view.facts.mechanisms.append(MechanismClaim(intervention, mechanism, [span], outcome))


EFFECT_REACH = 4
"""Words between an effect ("calm nausea", "pain relief") and its "via"/"through"."""


def _effect_just_before(view: ArticleView, index: int, cue_start: int) -> bool:
    span = view.sentences[index].span
    words = list(re.finditer(r"\S+", view.text[span.start : cue_start]))[-EFFECT_REACH:]
    if not words:
        return False
    reach = Span(span.start + words[0].start(), cue_start)
    return bool(triggers_in(view, reach)) or bool(
        view.mentions_between(index, reach.start, reach.end, "Outcome", "Condition")
    )


def _intervention(
    view: ArticleView, index: int, fallback: EntityRef | None, before: int
) -> EntityRef | None:
    """The intervention named closest before the mechanism, else the first one named."""
    found = view.mentions(index, "Intervention")
    preceding = [m for m in found if m.span.end <= before]
    if preceding:
        return view.ref(preceding[-1])
    if found:
        return view.ref(found[0])
    return heading_subject(view, index) or fallback


def _outcome(view: ArticleView, index: int, start: int, end: int) -> EntityRef | None:
    outcomes = view.mentions_between(index, start, end, "Outcome", "Condition")
    if outcomes:
        return view.add_mention(outcomes[-1], "Outcome")
    return None


def _mechanisms_in(view: ArticleView, index: int, zone: Span) -> list[EntityRef]:
    refs: list[EntityRef] = []
    for item in split_items(view.text, zone):
        phrase = view.text[item.start : item.end]
        if not phrase.strip() or (triggers_in(view, item) and len(phrase.split()) == 1):
            continue
        inside = view.mentions_between(index, item.start, item.end, "Mechanism")
        if (
            inside
            and (inside[0].span.start - item.start) <= 1
            and inside[0].span.end >= item.end - 1
        ):
            refs.append(view.add_mention(inside[0]))
        elif len(phrase.split()) <= 7:
            refs.append(view.add_span(item, "Mechanism"))
    return refs
