"""What a study measured.

From its aim ("to compare X to Y on pain intensity, mood status and sleep quality", "the
effects of X on A", "for decreasing pain and improving quality of life", "to measure
improvement in A"), from a measures section ("Measurements:", "Outcome measures",
"Measurement Instruments", "Variables"), from outcome sentences ("The primary outcome was
the BFI score at 24 weeks", "Anxiety and fatigue were recorded"), from what people reported
("patients reported the level of their pain"), and from every outcome its findings report.
A measured thing need not be in the lexicon: it is an Outcome named in the article's words,
without determiners, bracketed scale names and time points. Word lists:
``ontology/rules/measures.json``.
"""

from __future__ import annotations

import re
from functools import cache

from articlekg.document import BlockKind, Span
from articlekg.facts import EntityRef, Study
from articlekg.relate.measure_items import (
    clause_verb,
    list_items,
    measurable,
    named,
    outcome_spans,
)
from articlekg.relate.studies import is_citation
from articlekg.relate.view import ArticleView
from articlekg.relate.wording import phrase_regex, rule_table, words_pattern

# Conclusions stay: an aim restated there ("we evaluated whether ...") still names a measure.
NOT_HERE = frozenset({"background", "references", "citation", "advice"})
MEASURES = "measures"
AIM_SLOTS = frozenset({"purpose", "title"})


class Measured:
    """What the main study measured so far, one entry per entity."""

    def __init__(self, view: ArticleView, study: Study) -> None:
        self.view = view
        self.study = study
        self.seen = {ref.key for ref, _ in study.measures}

    def add(self, index: int, span: Span, label: str, evidence: Span) -> None:
        ref = self.view.add(outcome_ref(self.view, index, span, label), "Outcome", span)
        if ref.key not in self.seen:
            self.seen.add(ref.key)
            self.study.measures.append((ref, evidence))

    def add_items(self, index: int, items: list[Span]) -> bool:
        evidence = self.view.sentences[index].span
        spans = [s for item in items for s in outcome_spans(self.view, index, item)]
        for span, label in named(self.view, spans):
            self.add(index, span, label, evidence)
        return bool(spans)

    def add_list(self, index: int, start: int) -> bool:
        return self.add_items(index, list_items(self.view, index, start))


def relate_measures(view: ArticleView) -> None:
    """What the main study measured: its aim, measures section and outcome sentences."""
    if not view.facts.studies:
        return
    study = view.facts.studies[0]
    measured = Measured(view, study)
    for index in range(len(view.sentences)):
        span = view.sentences[index].span
        if view.slots(index) & NOT_HERE or is_citation(view, index):
            continue
        if any(span in other.evidence for other in view.facts.studies if other is not study):
            continue
        if MEASURES in view.slots(index):
            _section(view, index, measured)
        _outcome_sentence(view, index, measured)
        _measured_subjects(view, index, measured)
        _reported(view, index, measured)
        _effects_on(view, index, measured)
        if _is_aim(view, index):
            _aim(view, index, measured)


def outcome_ref(view: ArticleView, index: int, span: Span, text: str) -> EntityRef:
    """The lexicon's concept when the phrase (labelled ``text``) names one, give or take
    score and measure words ("mean anxiety scores" is anxiety, "nausea severity" nausea);
    else the article's words."""
    score = phrase_regex("measures", "score_words")
    heads = phrase_regex("measures", "measure_heads")
    bare = re.sub(r"\s+", " ", heads.sub(" ", score.sub(" ", text))).strip()
    for candidate in (text, bare):
        concept = view.lexicon.lookup(candidate) if candidate else None
        if concept is not None and concept.category not in ("Intervention", "StudyDesign"):
            return EntityRef(concept.pref_label, concept.iri)
    inside = view.mentions_between(index, span.start, span.end, "Outcome", "Condition")
    if len(inside) == 1:
        said = view.text[inside[0].span.start : inside[0].span.end]
        if bare.lower() == said.lower():
            return view.ref(inside[0])
    return EntityRef(text)


def _section(view: ArticleView, index: int, measured: Measured) -> None:
    """A measures section: a "Measurements:" line's value, or what a measures heading
    covers: a "Thing: instrument" line names the thing; else the outcome sentences in it,
    else the line itself as a list of what was measured."""
    block = view.block_of(index)
    span = view.sentences[index].span
    names_measures = MEASURES in view.sections.names[view.sentences[index].block]
    if block.kind is BlockKind.HEADING:
        return
    if block.label is not None and not names_measures and block.span.start == span.start:
        measured.add_items(index, [view.trimmed(block.label)])
        return
    start = span.start
    if block.value is not None and block.value.overlaps(span):
        start = max(start, block.value.start)
    if _outcome_sentence(view, index, measured) or _measured_subjects(view, index, measured):
        return
    if _measured_objects(view, index, measured):
        return
    if not any(clause_verb(t) for t in view.parsed.doc(index)):
        measured.add_list(index, start)  # a list, not a sentence: "Pain, mood, sleep"


def _measured_objects(view: ArticleView, index: int, measured: Measured) -> bool:
    """ "The BPI was used to assess pain intensity", "We recorded anxiety and sleep": the
    object of a measuring verb, in a measures section."""
    verbs = set(rule_table("measures")["measure_verbs"])
    found = False
    for token in view.parsed.doc(index):
        if token.lower_ not in verbs or token.pos_ != "VERB":
            continue
        objects = [c for c in token.children if c.dep_ == "dobj"]
        if objects:
            start = view.parsed.span_of(index, objects[0].left_edge).start
            found = measured.add_list(index, start) or found
    return found


@cache
def _outcome_pattern() -> re.Pattern[str]:
    table = rule_table("measures")
    ranks = words_pattern(table["outcome_ranks"])
    nouns = words_pattern(table["outcome_nouns"])
    return re.compile(
        rf"\b(?:(?:{ranks})\s+)?(?:{nouns})\s+(?:was|were|is|are|included|includes|comprised|"
        r"consisted\s+of|will\s+be)\s+",
        re.I,
    )


def _outcome_sentence(view: ArticleView, index: int, measured: Measured) -> bool:
    """ "The primary outcome was the BFI score at 24 weeks", "Outcomes included A and B";
    not "Outcomes were obtained at baseline" (a verb, not a list, follows)."""
    span = view.sentences[index].span
    match = _outcome_pattern().search(view.text, span.start, span.end)
    if match is None:
        return False
    token = view.parsed.token_at(index, match.end())
    if token is not None and token.tag_ in ("VBN", "VBG", "RB", "IN"):
        return False
    measured.add_list(index, match.end())
    return True


def _measured_subjects(view: ArticleView, index: int, measured: Measured) -> bool:
    """ "Pain and fatigue were assessed with ...": the subject of a passive measuring verb."""
    verbs = set(rule_table("measures")["measure_verbs"])
    doc = view.parsed.doc(index)
    found = False
    for token in doc:
        if token.lower_ not in verbs or token.tag_ != "VBN":
            continue
        if not any(c.dep_ == "auxpass" for c in token.children):
            continue
        subjects = [c for c in token.children if c.dep_ == "nsubjpass"]
        if not subjects:
            continue
        first = view.parsed.span_of(index, subjects[0].left_edge).start
        auxiliary = next(c for c in token.children if c.dep_ == "auxpass")
        verb = view.parsed.span_of(index, auxiliary).start
        found = measured.add_items(index, list_items(view, index, first, end=verb)) or found
    return found


@cache
def _reported_pattern() -> re.Pattern[str]:
    table = rule_table("measures")
    verbs = words_pattern(table["report_verbs"])
    heads = words_pattern(table["measure_heads"])
    return re.compile(
        rf"\b(?:{verbs})\s+(?:(?:the|their|his|her|its)\s+)?"
        rf"(?:(?:{heads})\s+of\s+(?:(?:the|their|his|her)\s+)?)",
        re.I,
    )


def _reported(view: ArticleView, index: int, measured: Measured) -> None:
    """ "Patients reported the level of their anxiety", "rated the severity of pain"."""
    span = view.sentences[index].span
    for match in _reported_pattern().finditer(view.text, span.start, span.end):
        measured.add_list(index, match.end())


@cache
def _effects_pattern() -> re.Pattern[str]:
    nouns = words_pattern(rule_table("measures")["effect_nouns"])
    return re.compile(rf"\b(?:{nouns})\s+of\s+[^,;.]+?\s+(?:on|upon)\s+", re.I)


def _effects_on(view: ArticleView, index: int, measured: Measured) -> None:
    """ "Effects of massage on pain, mood status, relaxation, and sleep in ..."."""
    span = view.sentences[index].span
    for match in _effects_pattern().finditer(view.text, span.start, span.end):
        measured.add_list(index, match.end())


def _is_aim(view: ArticleView, index: int) -> bool:
    if view.slots(index) & AIM_SLOTS or view.block_of(index).kind is BlockKind.TITLE:
        return True
    span = view.sentences[index].span
    return bool(phrase_regex("measures", "aim_words").search(view.text, span.start, span.end))


@cache
def _aim_pattern() -> re.Pattern[str]:
    table = rule_table("measures")
    verbs = words_pattern(table["effect_verbs"] + table["measure_verbs"])
    change = words_pattern(table["change_words"])
    return re.compile(
        rf"(?P<compare>\bcompar\w*\s+[^,;.]+?\s+(?:on|upon)\s+)|\bin\s+terms\s+of\s+"
        rf"|\bwith\s+respect\s+to\s+|(?P<verb>\b(?:{verbs}))\s+"
        rf"(?:(?:the\s+)?(?:{change})\s+(?:in|of)\s+)?",
        re.I,
    )


def _aim(view: ArticleView, index: int, measured: Measured) -> None:
    """An aim names what the study looks at: after "on" in a comparison or "in terms of"
    ("to compare X to Y on A, B and C"), and the objects of verbs of effect or measuring
    ("for decreasing A and improving B", "whether X reduces A", "to measure improvement in
    A")."""
    span = view.sentences[index].span
    for match in _aim_pattern().finditer(view.text, span.start, span.end):
        if match.group("verb"):
            token = view.parsed.token_at(index, match.start("verb"))
            if token is None or token.pos_ not in ("VERB", "AUX"):
                continue  # "a control condition", "the measure of"
        measured.add_list(index, match.end())


def measured_outcomes(view: ArticleView) -> None:
    """A study measured every outcome it reports a finding on, when the outcome is named by
    a noun phrase (not "respectively", "between the groups" or "benefits")."""
    for study in view.facts.studies:
        known = {ref.key for ref, _ in study.measures}
        for finding in view.facts.findings:
            if finding.outcome.concept is None and not measurable(finding.outcome.label):
                continue
            if finding.study == study.key and finding.outcome.key not in known:
                known.add(finding.outcome.key)
                study.measures.append((finding.outcome, finding.evidence[0]))
