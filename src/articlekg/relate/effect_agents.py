"""Who had an effect: the interventions a claim's sentence names as its agent.

The subject of the effect verb, what a purpose or a "by using X" says was used, the
therapy a nominal frame names ("the reduction in pain with massage"), what acts for a
subject that is not itself a therapy ("endorphins, which reduce pain"), or, when the
sentence names no one, the intervention named before the effect word, the sentence before
it, or what the article is about.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from articlekg.facts import EntityRef
from articlekg.relate.agents import (
    Subject,
    acting_through_verb,
    agents_of_subject,
    further_subject,
    intervention_phrases,
    prepositional_agents,
    purpose_agents,
    released_before,
    subject_token,
)
from articlekg.relate.claims import in_study
from articlekg.relate.coordination import misread_subject
from articlekg.relate.frames import Frame, effect_rules
from articlekg.relate.subjects import fallback_subjects, named_before
from articlekg.relate.view import ArticleView
from articlekg.relate.words import role_words

if TYPE_CHECKING:
    from spacy.tokens import Token

REPORTING_SLOTS = frozenset({"results", "conclusions", "evidence", "abstract"})
SUBJECT_FIRST = frozenset({"passive", "intransitive", "predicate", "predicate_degree"})
VERBS = frozenset({"VERB", "AUX"})


def who(
    view: ArticleView,
    index: int,
    frame: Frame,
    main: EntityRef | None,
    affected: frozenset[int] = frozenset(),
) -> tuple[list[EntityRef], Token | None, str | None] | None:
    """The interventions that had the effect, what the sentence says acted for them, and
    the effect when the agent turns it round ("eases tissues that cause pain" reduces pain);
    None when the sentence says something else had it ("stress worsens pain")."""
    trigger = frame.trigger
    named: list[EntityRef] | Subject
    if frame.kind in SUBJECT_FIRST:
        heads = [trigger, trigger.head] if frame.kind.startswith("predicate") else [trigger]
        named = prepositional_agents(view, index, *heads) or Subject.UNSTATED
        if named is Subject.UNSTATED and not (
            in_study(view, index) or view.slots(index) & REPORTING_SLOTS
        ):
            # "The nausea is often worse": with no one named, a state, not a finding.
            named = Subject.OTHER if not named_before(view, index, trigger, affected) else named
        if named is Subject.UNSTATED and any(c.dep_ == "agent" for c in trigger.children):
            return None  # "illness is caused by imbalances": something else acts
    elif frame.kind == "verbless":
        noun_before = trigger.doc[trigger.i - 1]
        named = agents_of_subject(view, index, noun_before)
        if named is Subject.OTHER and (released := released_before(view, index, noun_before)):
            return released, noun_before, None
    elif frame.kind in (
        "active",
        "active_phrasal",
        "active_misread",
        "efficacy",
        "efficacy_clause",
        "phrasal",
        "helped_state",
        "state_object",
        "feeling",
    ) or any(c.dep_ == "nsubj" for c in trigger.children):
        # A verb with a subject of its own, even where the parser took "X reduced pain." for
        # a noun phrase and hung "X" under "reduced".
        purpose = purpose_agents(view, index, trigger)
        if purpose:
            return purpose, None, None
        subject = subject_token(trigger.head if frame.kind == "helped_state" else trigger)
        named = Subject.UNSTATED
        if subject is not None:
            named = agents_of_subject(view, index, subject)
        if subject is not None and named is Subject.UNSTATED and _an_act(subject):
            # "Pressing these points can help X": the therapy, by pressing them.
            fallback = fallback_subjects(view, index, main)
            if fallback:
                return fallback, subject, None
        if named is Subject.OTHER and subject is not None:
            through, acting = acting_through_verb(view, index, subject)
            if through and acting is not None and _undoes(acting) and frame.effect in HARMS:
                # "eases knotted tissues that can cause pain": easing them reduces pain
                return through, subject, "reduces"
            through = through or released_before(view, index, subject)
            if through:
                return through, subject, None
            if (
                subject.head != trigger
                and subject.dep_ in ("nsubj", "nsubjpass")
                and (further := further_subject(subject))
            ):
                # "X can help your muscles relax and improve Y"; not the noun an adjective
                # describes ("develop pain, often severe enough to impair sleep")
                named = agents_of_subject(view, index, further)
        if not isinstance(named, list) and (used := _used(view, index, trigger)):
            return used, None, None  # "People can reduce nausea by using ginger": ginger does
    elif frame.kind == "gerund_misread":
        # "the effects of X in managing pain": what the preposition's noun is of
        preposition = trigger.doc[trigger.i - 1]
        named = _interventions_in(view, index, preposition.head, exclude=preposition)
        named = named or nominal_agents(view, index, frame)
    else:
        named = nominal_agents(view, index, frame)
    if isinstance(named, list):
        return named, None, None
    if named is Subject.OTHER:
        return None
    # "Studies show that people who practise X have lower Y", "... that it is helpful":
    # the intervention the sentence names before the effect word.
    doc = trigger.doc
    if named is Subject.POINTS_BACK:
        affected |= frozenset(range(_pronoun_position(trigger), len(doc)))
    before = named_before(view, index, trigger, affected)
    if before:
        return before, None, None
    if named is Subject.POINTS_BACK and view.last_subjects:
        return view.last_subjects, None, None
    fallback = fallback_subjects(view, index, main)
    return (fallback, None, None) if fallback else None


HARMS = frozenset({"increases", "worsens"})


def _undoes(verb: Token) -> bool:
    return effect_rules().polarity("verbs", verb.lemma_.lower()) == "reduces"


def _an_act(subject: Token) -> bool:
    return subject.dep_ == "csubj" or subject.tag_ == "VBG"


def _used(view: ArticleView, index: int, trigger: Token) -> list[EntityRef]:
    """'by using ginger supplements', 'by taking X': the means that is an intervention."""
    words = role_words()
    for child in trigger.children:
        if child.dep_ != "prep" or child.lower_ != "by":
            continue
        for gerund in (c for c in child.children if c.dep_ == "pcomp"):
            if gerund.lemma_.lower() in words.using_verbs | words.receiving_verbs:
                for target in (c for c in gerund.children if c.dep_ in ("dobj", "obj")):
                    found = intervention_phrases(view, index, target)
                    if found:
                        return found
    return []


def _pronoun_position(trigger: Token) -> int:
    """Where the subject pronoun stands: what it points back to comes before it."""
    subject = subject_token(trigger)
    return subject.i if subject is not None else trigger.i


def nominal_agents(view: ArticleView, index: int, frame: Frame) -> list[EntityRef] | Subject:
    """'the reduction in pain with massage', 'massage-related effects on X', 'X had
    beneficial effects on Y', 'X resulted in improvements in Y'."""
    trigger = frame.trigger
    misread = misread_subject(trigger)
    if misread is not None:
        return agents_of_subject(view, index, misread)
    inside = _interventions_in(view, index, trigger, exclude=frame.object)
    if inside:
        return inside
    governor = trigger
    while governor.dep_ in ("dobj", "pobj", "attr", "prep", "conj", "appos", "npadvmod", "amod"):
        if governor.head == governor:
            break
        governor = governor.head
        if governor.pos_ in VERBS:
            break
    if governor.pos_ not in VERBS:
        return Subject.UNSTATED
    by_preposition = prepositional_agents(view, index, governor)
    if by_preposition:
        return by_preposition
    subject = subject_token(governor)
    if subject is None or subject == trigger:
        return Subject.UNSTATED
    return agents_of_subject(view, index, subject)


def _interventions_in(
    view: ArticleView, index: int, head: Token, exclude: Token
) -> list[EntityRef]:
    skip = {t.i for t in exclude.subtree}
    found: list[EntityRef] = []
    for token in head.subtree:
        if token.i in skip:
            continue
        span = view.parsed.span_of(index, token)
        for mention in view.mentions(index, "Intervention"):
            if not mention.span.overlaps(span):
                continue
            # the phrase the term stands in says what it is: "cold water therapy" is not
            # the lexicon's "water therapy"
            noun = token.head if token.dep_ in ("compound", "amod", "nmod") else token
            named = intervention_phrases(view, index, noun) if noun.i not in skip else []
            for ref in named or [view.ref(mention)]:
                if ref not in found:
                    found.append(ref)
    return found
