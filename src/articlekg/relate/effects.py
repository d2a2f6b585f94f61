"""Reported effects: intervention, effect, outcome, with significance, hedging, negation,
duration and the study that reports them.

Each effect word ("reduce", "improvement in", "fewer", "no significant difference in")
governs the outcomes that follow it up to the next effect word or the end of its clause;
"X reduction" / "X relief" puts the outcome first. A sentence ending in ":" hands its last
effect word to the list items after it. The subject is the first intervention named before
the effect word (not one after "compared with"), an arm ("the yoga group", "both groups"),
or, failing those, what the section or the article is about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from articlekg.document import BlockKind, Span
from articlekg.facts import Duration, EntityRef, Finding
from articlekg.quantities import Quantity
from articlekg.relate.cues import (
    AIM_LABEL,
    ANAPHOR_AT_START,
    ANAPHORA,
    CLAUSE_END,
    COMPOUND,
    DISCOVERING,
    DURATION,
    EFFECT_SIZE,
    EVIDENCE_SUMMARY,
    GENERIC_OUTCOME_CUE,
    HEDGE,
    MAX_DISCOVERED_WORDS,
    MECHANISM_CUE,
    NOMINAL,
    NOT_SIGNIFICANT,
    NOUN_EFFECTS,
    RELATIVE,
    SIGNIFICANT,
    STOP_PHRASES,
    STUDY_CONTEXT,
    STUDY_HEADING,
    TIME_UNITS,
    TRIGGER,
    TRIGGERS,
)
from articlekg.relate.subjects import clause_subjects, fallback_subjects, sentence_subjects
from articlekg.relate.view import ArticleView, masked, split_items


@dataclass
class Trigger:
    start: int
    end: int
    effect: str


def triggers_in(view: ArticleView, span: Span) -> list[Trigger]:
    found = []
    for match in TRIGGER.finditer(view.text, span.start, span.end):
        if RELATIVE.search(view.text[span.start : match.start()]):
            continue  # "..., which increases your risk of X": a condition link, not an effect
        if any(
            m.span.start <= match.start() and match.end() <= m.span.end
            for m in view.mentions(view.sentence_index(span), "Outcome", "Condition", "Mechanism")
        ):
            continue  # inside a lexicon term: see compound_findings
        effect = next(TRIGGERS[int(k[1:])][1] for k, v in match.groupdict().items() if v)
        found.append(Trigger(match.start(), match.end(), effect))
    return found


def structural_spans(view: ArticleView) -> set[Span]:
    """Spans that name topical-map topics, contexts or attributes: labels, not claims."""
    spans: set[Span] = set()
    for section in view.facts.topical_sections:
        spans.update(span for _, span in section.topics)
    for context in view.facts.contexts:
        spans.update(context.evidence)
    return spans


def claim_sentences(view: ArticleView) -> list[int]:
    """Sentences that can state a claim: not headings, table rows, topical-map labels, or a
    structured abstract's aim ("Objective: To evaluate the efficacy of X for decreasing Y")."""
    structural = structural_spans(view)
    kinds = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.LABEL_VALUE)
    return [
        i
        for i, s in enumerate(view.sentences)
        if view.block_of(i).kind in kinds
        and not _states_an_aim(view, i)
        and not any(
            span.overlaps(s.span) and view.block_of(i).kind is BlockKind.LIST_ITEM
            for span in structural
        )
    ]


def _states_an_aim(view: ArticleView, index: int) -> bool:
    block = view.block_of(index)
    label = view.document.slice(block.label) if block.label is not None else ""
    return bool(AIM_LABEL.fullmatch(label))


def relate_effects(view: ArticleView, main_intervention: EntityRef | None) -> None:
    claimable = set(claim_sentences(view))
    carried: Trigger | None = None
    carried_subjects: list[EntityRef] = []
    previous_subjects: list[EntityRef] = []
    previous_in_study = False
    for index, sentence in enumerate(view.sentences):
        if index not in claimable:
            carried = None
            continue
        block = view.block_of(index)
        span = sentence.span
        triggers = _outside_mechanisms(view, triggers_in(view, span), span)
        compounds = compound_findings(view, index)
        subjects_here = sentence_subjects(view, index, triggers[0].start if triggers else span.end)
        if block.kind is not BlockKind.LIST_ITEM:
            carried = None
        if not triggers and not compounds and carried is not None:
            # "... and improvements in:" followed by "- Mood stability"
            _emit(
                view,
                index,
                [carried],
                span,
                carried_subjects,
                main_intervention,
                item=True,
                in_study=_in_study(view, index),
            )
            continue
        if not triggers and not compounds:
            previous_subjects = subjects_here or previous_subjects
            continue
        subjects = subjects_here
        # "They reported ...": the subjects, and the study, of the sentence before.
        pronoun = not subjects and bool(
            re.match(r"\s*(?:they|it|its)\b", view.sentence_text(index), re.I)
        )
        if pronoun:
            subjects = view.last_subjects or previous_subjects
        view.last_subjects = []
        in_study = _in_study(view, index) or (pronoun and previous_in_study)
        _emit(
            view,
            index,
            triggers,
            span,
            subjects,
            main_intervention,
            item=block.kind is BlockKind.LIST_ITEM,
            in_study=in_study,
        )
        previous_in_study = in_study
        if triggers and view.sentence_text(index).rstrip().endswith(":"):
            carried = triggers[-1]
            carried_subjects = subjects
        previous_subjects = subjects or previous_subjects


def _outside_mechanisms(view: ArticleView, triggers: list[Trigger], span: Span) -> list[Trigger]:
    """'via reduced cortisol': an effect word inside a mechanism clause is part of its name."""
    cue = MECHANISM_CUE.search(view.text, span.start, span.end)
    return [t for t in triggers if cue is None or t.start < cue.start()]


def _emit(
    view: ArticleView,
    index: int,
    triggers: list[Trigger],
    span: Span,
    subjects: list[EntityRef],
    main: EntityRef | None,
    item: bool,
    in_study: bool,
) -> None:
    text = view.text
    sentence_text = text[span.start : span.end]
    if not subjects:
        subjects = fallback_subjects(view, index, main)
    if not subjects:
        return
    hedged = bool(HEDGE.search(sentence_text))
    significant: bool | None = None
    if NOT_SIGNIFICANT.search(sentence_text):
        significant = False
    elif SIGNIFICANT.search(sentence_text):
        significant = True
    duration = _duration(view, index, span)
    summary = EVIDENCE_SUMMARY.search(sentence_text) or EVIDENCE_SUMMARY.search(
        view.heading_of(index)
    )
    claim = "studyResult" if in_study else ("evidenceSummary" if summary else "generalClaim")
    zones = _zones(view, index, triggers, span, item) if triggers else []
    found_here: list[EntityRef] = []
    named: list[tuple[Trigger, list[tuple[Span, EntityRef]]]] = []
    for trigger, zone in zones:
        discovering = trigger.effect == "noEffect" or bool(
            DISCOVERING.search(view.text[trigger.start : trigger.end])
        )
        named.append((trigger, _outcomes(view, index, zone, discovering)))
    named += [(trigger, [(base, ref)]) for trigger, base, ref in compound_findings(view, index)]
    for trigger, outcomes in sorted(named, key=lambda pair: pair[0].start):
        who = clause_subjects(view, index, trigger.start) or subjects
        view.last_subjects = who
        for outcome_span, found in outcomes:
            outcome = found
            if outcome.concept is None and outcome.label.lower() in ANAPHORA:
                if not found_here:
                    continue
                # "decreased their use of X, whereas ... increased their use"
                outcome = found_here[-1]
            found_here.append(outcome)
            if any(outcome.key == s.key for s in who):
                continue
            size = EFFECT_SIZE.search(text, outcome_span.end, min(span.end, outcome_span.end + 40))
            for subject in who:
                view.add(outcome, "Outcome", outcome_span)
                finding = Finding(
                    intervention=subject,
                    effect=trigger.effect,
                    outcome=outcome,
                    evidence=[span],
                    significant=False if trigger.effect == "noEffect" else significant,
                    hedged=hedged,
                    negated=trigger.effect == "noEffect",
                    duration=duration,
                    study=view.facts.studies[0].key if in_study and view.facts.studies else None,
                    claim_type=claim,
                    effect_size=float(size.group("value")) if size else None,
                )
                view.facts.findings.append(finding)


def _zones(
    view: ArticleView, index: int, triggers: list[Trigger], span: Span, item: bool
) -> list[tuple[Trigger, Span]]:
    text = view.text
    zones: list[tuple[Trigger, Span]] = []
    for k, trigger in enumerate(triggers):
        limit = triggers[k + 1].start if k + 1 < len(triggers) else span.end
        mechanism = MECHANISM_CUE.search(text, trigger.end, limit)
        if mechanism:
            limit = mechanism.start()
        if NOMINAL.match(text[trigger.start : trigger.end]) and _outcome_just_before(
            view, index, trigger
        ):
            # "Pain relief through ...", "pain reduction, mood elevation": the outcome first.
            mention = _outcome_just_before(view, index, trigger)
            assert mention is not None
            zones.append((trigger, mention))
            continue
        if NOMINAL.match(text[trigger.start : trigger.end]) and item and trigger.start > span.start:
            zones.append((trigger, Span(span.start, trigger.start)))
            continue
        end = CLAUSE_END.search(masked(text, trigger.end, limit))
        stop = trigger.end + end.start() if end else limit
        zones.append((trigger, Span(trigger.end, max(trigger.end, stop))))
    if item and triggers and all(zone.start == zone.end for _, zone in zones):
        zones = [(triggers[-1], span)]
    if item and not any(t.start >= span.start for t in triggers):
        zones = [(triggers[-1], Span(span.start, _item_end(view, span)))]
    return zones


def _outcome_just_before(view: ArticleView, index: int, trigger: Trigger) -> Span | None:
    for mention in view.mentions(index, "Outcome", "Condition"):
        if 0 <= trigger.start - mention.span.end <= 1:
            return mention.span
    return None


def _in_parentheses(text: str, start: int, position: int) -> bool:
    before = text[start:position]
    return before.count("(") > before.count(")")


def _item_end(view: ArticleView, span: Span) -> int:
    match = re.search(r"\s*\(|\s+[—–]\s|:", view.text[span.start : span.end])
    return span.start + match.start() if match else span.end


def compound_findings(view: ArticleView, index: int) -> list[tuple[Trigger, Span, EntityRef]]:
    """'Pain relief', 'fatigue reduction': a lexicon term that is an outcome plus an effect
    noun states an effect on the outcome the lexicon knows by the first words."""
    found = []
    for mention in view.mentions(index, "Outcome", "Condition"):
        surface = view.text[mention.span.start : mention.span.end]
        compound = COMPOUND.fullmatch(surface)
        if compound is None:
            continue
        base = view.lexicon.lookup(compound.group("base"))
        if base is None or base.iri == mention.concept:
            continue
        noun_start = mention.span.start + compound.start("noun")
        effect = NOUN_EFFECTS[compound.group("noun").lower()]
        base_span = Span(mention.span.start, mention.span.start + compound.end("base"))
        found.append(
            (
                Trigger(noun_start, mention.span.end, effect),
                base_span,
                EntityRef(base.pref_label, base.iri),
            )
        )
    return found


def _outcomes(
    view: ArticleView, index: int, zone: Span, discovering: bool
) -> list[tuple[Span, EntityRef]]:
    """Outcomes named in a zone; phrases outside the lexicon only after nominal effect words
    ("reduction in X", "fewer X", "no difference in X"), where they are reliably outcomes."""
    found: list[tuple[Span, EntityRef]] = []
    text = view.text
    other = re.search(r"\bother\s", text[zone.start : zone.end])
    if other is not None:
        zone = Span(zone.start, zone.start + other.start())  # "pain and other symptoms"
    mentions = [
        m
        for m in view.mentions_between(index, zone.start, zone.end, "Outcome", "Condition")
        if not text[max(0, m.span.start - 6) : m.span.start].lower().endswith("other ")
        and not GENERIC_OUTCOME_CUE.match(text, m.span.end)
        and not _in_parentheses(text, zone.start, m.span.start)
    ]
    if mentions:
        return [(m.span, view.ref(m)) for m in mentions]
    anaphor = ANAPHOR_AT_START.match(text, zone.start, zone.end)
    if anaphor is not None:
        # "... increased their use": resolved to the outcome named before it in _emit
        return [(Span(anaphor.start(1), anaphor.end(1)), EntityRef(anaphor.group(1)))]
    if not discovering:
        return []
    for item in split_items(text, zone):
        phrase = text[item.start : item.end]
        words = phrase.split()
        if not words or len(words) > MAX_DISCOVERED_WORDS or any(c.isdigit() for c in phrase):
            continue
        if view.mentions_between(index, item.start, item.end, "Intervention", "Mechanism"):
            continue
        cleaned = re.sub(
            r"^(?:the|their|its|a|an|in|of|levels? of|severity of|number of)\s+",
            "",
            phrase,
            flags=re.I,
        )
        if not cleaned or cleaned.lower() in STOP_PHRASES:
            continue
        start = item.end - len(cleaned)
        found.append((Span(start, item.end), view.ref_for_span(Span(start, item.end))))
    return found


def _duration(view: ArticleView, index: int, span: Span) -> Duration | None:
    cue = DURATION.search(view.text, span.start, span.end)
    if cue is None:
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


def _in_study(view: ArticleView, index: int) -> bool:
    if not view.facts.studies:
        return False
    first = min(view.facts.studies[0].evidence).start
    span = view.sentences[index].span
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
            return span.start >= first
    return span.start >= first and bool(
        STUDY_CONTEXT.search(view.sentence_text(index))
        or STUDY_HEADING.search(view.heading_of(index))
    )
