"""Arms named in running text: allocation lists, comparisons, people who received something.

"allocated randomly to a course of aromatherapy massage or usual supportive care alone",
"randomized into three groups: A (n = 30), B (n = 31) and C (n = 29)", "to compare X to a
social attention control condition", "X was compared with Y", "Forty women received
massage", "Patients received A, B or C". Each rule finds the phrases that name what arms
received and hands them to :func:`articlekg.relate.arm_phrases.phrase_arm`.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from articlekg.document import Span
from articlekg.quantities import NUM
from articlekg.relate.arm_phrases import SIZE, ArmBook, phrase_arm
from articlekg.relate.cues import PEOPLE
from articlekg.relate.measure_items import clause_verb
from articlekg.relate.view import ArticleView, masked
from articlekg.relate.wording import (
    noun_phrase,
    only_section_words,
    phrase_regex,
    rule_table,
    shielded,
    words_pattern,
)
from articlekg.sections import slot_table

if TYPE_CHECKING:
    from spacy.tokens import Token


@cache
def _assign_pattern() -> re.Pattern[str]:
    stems = sorted({re.sub(r"(?:e|y)$", "", v) for v in rule_table("arms")["assign_verbs"]})
    verbs = "|".join(re.escape(s) for s in stems)
    return re.compile(
        rf"\b(?:{verbs})\w*\s+(?:(?:randomly|equally|at\s+random|evenly)\s+)?(?:in)?to\s+"
        r"(?:(?:one\s+of\s+)?(?:two|three|four|five|\d+)\s+(?:\w+\s+)?(?:groups?|arms?)\s*"
        r"(?::|,|—|–)?\s*(?:receiving\s+|of\s+)?)?"
        r"(?:(?:receive|undergo|get|attend|practi[sc]e|take\s+part\s+in)\s+)?(?:either\s+)?",
        re.I,
    )


@cache
def _stop_pattern() -> re.Pattern[str]:
    stops = words_pattern(rule_table("arms")["list_stops"])
    return re.compile(rf"\s+(?:{stops})\b|[.;:]\s|[.;:]$|\s[—–]\s", re.I)


def assigned_lists(view: ArticleView, index: int, book: ArmBook) -> None:
    """ "allocated randomly to a course of aromatherapy massage or usual supportive care
    alone", "randomized into three groups: A (n = 30), B (n = 31) and C (n = 29)"."""
    sentence = view.sentences[index].span
    visible = masked(view.text, sentence.start, sentence.end)
    match = _assign_pattern().search(visible)
    if match is None:
        return
    start = sentence.start + match.end()
    end = list_end(view, index, start)
    for item in _items(view, Span(start, end)):
        found = phrase_arm(view, index, item)
        if found.intervention is None and found.name is None:
            continue
        book.add(
            name=found.name,
            intervention=found.intervention,
            where=found.where,
            role=found.role or "intervention",
            size=found.size,
            span=sentence,
        )


def intervention_lists(view: ArticleView, index: int, book: ArmBook) -> None:
    """ "Interventions: Reflexology (n = 30) or usual care (n = 30)": an intervention line
    that lists alternatives names the arms; the first is the intervention, the others
    controls only when their words say so."""
    block = view.block_of(index)
    sentence = view.sentences[index].span
    if block.label is None or block.value is None or not block.value.overlaps(sentence):
        return
    label = view.text[block.label.start : block.label.end]
    if "intervention" not in slot_table().slots(label) or not only_section_words(label):
        return
    start = max(sentence.start, block.value.start)
    visible = shielded(view, start, sentence.end)
    if not ALTERNATIVES.search(visible) and not SIZE.search(view.text, start, sentence.end):
        return
    if any(c.dep_ in ("nsubj", "nsubjpass") for t in view.parsed.doc(index) for c in t.children):
        return  # a sentence ("Participants were assigned to ..."), read by assigned_lists
    items = _items(view, Span(start, list_end(view, index, start)))
    for k, item in enumerate(items):
        found = phrase_arm(view, index, item)
        if found.intervention is None:
            continue
        book.add(
            name=found.name,
            intervention=found.intervention,
            role=found.role or ("intervention" if k == 0 else None),
            size=found.size,
            span=sentence,
            where=found.where,
        )


ALTERNATIVES = re.compile(r"\s(?:or|versus|vs\.?|compared\s+with)\s", re.I)


def list_end(view: ArticleView, index: int, start: int) -> int:
    """Where a list of arms that begins at ``start`` ends: at a stop word ("for 12 weeks",
    "who", ";"), unless the stop word is inside a name the lexicon knows ("cognitive
    behavioural therapy for insomnia")."""
    sentence = view.sentences[index].span
    visible = shielded(view, start, sentence.end)
    names = view.mentions_between(index, start, sentence.end, "Intervention")
    end = sentence.end
    for stop in _stop_pattern().finditer(visible):
        at = start + stop.start() + len(stop.group()) - len(stop.group().lstrip())
        if not any(m.span.start < at < m.span.end for m in names):
            end = start + stop.start()
            break
    # A list of treatments has no finite verb: one starts the next clause. Items that each
    # end in a size ("X (n = 95), Y (n = 95), or Z (n = 96)") run to the last size, whatever
    # the tagger makes of a word inside them ("lay" in "lay foot manipulation").
    sizes = list(SIZE.finditer(view.text, start, end))
    sized_end = sizes[-1].end() if len(sizes) > 1 else start
    for token in view.parsed.doc(index):
        at = view.parsed.span_of(index, token).start
        if max(start, sized_end) < at < end and clause_verb(token):
            clause = re.search(
                r"[,;]?\s*(?:\b(?:and|but|while|whereas)\s+)?(?:\S+\s+){0,3}$", view.text[start:at]
            )
            return start + (clause.start() if clause else at - start)
    return end


def _items(view: ArticleView, span: Span) -> list[Span]:
    """The items of a list of arms: split at commas and "or" (and at "and" only when no
    "or" joins the list, so "breathing and relaxation exercises or usual care" is two)."""
    visible = shielded(view, span.start, span.end)
    either = re.search(r"\s(?:or|versus|vs\.?)\s", visible)
    joiner = r"\s+(?:or|versus|vs\.?)\s+" if either else r"\s+and\s+"
    separator = re.compile(rf",\s*(?:and\s+|or\s+)?|{joiner}", re.I)
    bounds: list[tuple[int, int]] = []
    last = 0
    for match in separator.finditer(visible):
        bounds.append((last, match.start()))
        last = match.end()
    bounds.append((last, len(visible)))
    return [
        view.trimmed(Span(span.start + a, span.start + b))
        for a, b in bounds
        if visible[a:b].strip()
    ]


@cache
def _compare_pattern() -> re.Pattern[str]:
    stops = words_pattern(rule_table("arms")["list_stops"])
    return re.compile(
        r"\bcompar(?:e|ed|es|ing)\s+(?!with\b|to\b|against\b)(?P<a>.+?)\s+"
        r"(?:to|with|against|versus|vs\.?)\s+"
        rf"(?P<b>.+?)(?=\s+(?:{stops})\b|[,;.]|\s[—–]\s|$)",
        re.I,
    )


@cache
def _passive_compare() -> re.Pattern[str]:
    stops = words_pattern(rule_table("arms")["list_stops"])
    return re.compile(
        r"\b(?:was|were|is|are|being|been)\s+compared\s+(?:to|with|against)\s+"
        rf"(?P<b>.+?)(?=\s+(?:{stops})\b|[,;.]|\s[—–]\s|$)",
        re.I,
    )


def compared_pairs(view: ArticleView, index: int, book: ArmBook) -> None:
    """ "to compare X to a social attention control condition", "compared X with Y", "X was
    compared with Y": X is an intervention arm; Y a control when its words say so."""
    sentence = view.sentences[index].span
    visible = masked(view.text, sentence.start, sentence.end)
    pairs: list[tuple[Span, Span]] = []
    for match in _compare_pattern().finditer(visible):
        pairs.append(
            (
                Span(sentence.start + match.start("a"), sentence.start + match.end("a")),
                Span(sentence.start + match.start("b"), sentence.start + match.end("b")),
            )
        )
    for match in _passive_compare().finditer(visible):
        subject = _passive_subject(view, index, sentence.start + match.start())
        if subject is not None:
            pairs.append(
                (subject, Span(sentence.start + match.start("b"), sentence.start + match.end("b")))
            )
    pairs += [p for p in _participle_pairs(view, index) if p not in pairs]
    for first, second in pairs:
        a = phrase_arm(view, index, first)
        b = phrase_arm(view, index, second)
        named = view.mentions_between(index, first.start, first.end, "Intervention")
        if a.intervention is None or b.intervention is None or not (named or b.role):
            continue
        for found, role in ((a, "intervention"), (b, b.role)):
            book.add(
                name=None,
                intervention=found.intervention,
                role=role,
                size=found.size,
                span=sentence,
                where=found.where,
            )


def _participle_pairs(view: ArticleView, index: int) -> list[tuple[Span, Span]]:
    """'Reflexology compared with usual care produced …', 'Tai chi compared to walking led
    to …': the noun "compared" hangs on, or its subject, against its "with"/"to" object."""
    found = []
    for token in view.parsed.doc(index):
        if token.lower_ != "compared" or any(
            c.dep_ in ("aux", "auxpass", "dobj") for c in token.children
        ):
            continue  # "was compared with", "the team compared X with Y": their own rules
        first: Token | None = next((c for c in token.children if c.dep_ == "nsubj"), None)
        if token.dep_ in ("prep", "acl") and token.head.pos_ in ("NOUN", "PROPN"):
            first = token.head
        others = [
            o
            for c in token.children
            if c.dep_ == "prep" and c.lower_ in ("with", "to", "against")
            for o in c.children
            if o.dep_ == "pobj"
        ]
        if first is not None and others:
            found.append((noun_phrase(view, index, first), noun_phrase(view, index, others[0])))
    return found


def _passive_subject(view: ArticleView, index: int, offset: int) -> Span | None:
    """The subject of "was compared" as the parse finds it."""
    doc = view.parsed.doc(index)
    for token in doc:
        if token.lower_ == "compared" and view.parsed.span_of(index, token).start > offset:
            subjects = [c for c in token.children if c.dep_ == "nsubjpass"]
            if subjects:
                return noun_phrase(view, index, subjects[0], keep_of=False)
            return None
    return None


@cache
def _people_pattern() -> re.Pattern[str]:
    verbs = words_pattern(rule_table("arms")["receive_forms"])
    return re.compile(
        rf"^\s*(?:(?!of\b)[A-Za-z][\w-]*\s+){{0,3}}?{PEOPLE}\s+(?:who\s+)?"
        rf"(?:(?:were|was|had\s+been)\s+)?(?P<verb>{verbs})\s+",
        re.I,
    )


def people_received(view: ArticleView, index: int, book: ArmBook) -> None:
    """ "Forty women received massage", "17 of 100 people given usual care only", "Patients
    received reflexology, hand massage or aromatherapy": what people received is an arm;
    a count before them is its size (not a count "of 100 people")."""
    sentence = view.sentences[index].span
    text = view.text
    compared = phrase_regex("arms", "compare_markers").search(text, sentence.start, sentence.end)
    starts: list[tuple[int, int | None, int]] = []  # (where the list starts, size, verb)
    for quantity in view.quantities(index):
        match = _people_pattern().match(text[quantity.end : sentence.end])
        if match is None:
            continue
        verb = quantity.end + match.start("verb")
        denominator = re.search(r"\bof\s*$", text[sentence.start : quantity.start])
        if compared is None and (denominator or not _main_verb(view, index, verb)):
            continue
        whole = quantity.low == int(quantity.low) and not denominator
        starts.append((quantity.end + match.end(), int(quantity.low) if whole else None, verb))
    if not starts:
        start = _subject_received(view, index)
        if start is not None:
            starts.append((start, None, start))
    for start, size, _ in starts:
        items = [
            i for i in _items(view, Span(start, list_end(view, index, start))) if _thing(view, i)
        ]
        if len(items) == 1 and _everyone(view, index):
            continue  # "All patients received antiemetics": given to every arm, not an arm
        known = [i for i in items if view.mentions_between(index, i.start, i.end, "Intervention")]
        for item in items:
            found = phrase_arm(view, index, item)
            if found.intervention is None:
                continue
            # an item the lexicon does not know counts in a list with one it knows
            listed = bool(known) and len(items) > 1 and len(found.intervention.label.split()) <= 4
            if not (item in known or found.role or listed):
                continue
            book.add(
                name=None,
                intervention=found.intervention,
                where=found.where,
                role=found.role or "intervention",
                size=size if len(items) == 1 else None,
                span=sentence,
                noun=_arm_noun(view, index),
            )


def _arm_noun(view: ArticleView, index: int) -> str:
    """What the text calls its arms ("four arms that received ...": arm), else group."""
    arm_nouns = set(rule_table("arms")["arm_nouns"])
    for token in view.parsed.doc(index):
        if token.dep_ == "relcl" and token.head.lemma_.lower() in arm_nouns:
            return token.head.lemma_.lower()
    return "group"


def _subject_received(view: ArticleView, index: int) -> int | None:
    """Where what was received starts when the sentence says people received it: "Patients
    received A, B or C", "Residents were offered chair yoga or walking"."""
    doc = view.parsed.doc(index)
    verbs = set(rule_table("arms")["receive_verbs"])
    people = re.compile(rf"^{PEOPLE}$", re.I)
    arm_nouns = set(rule_table("arms")["arm_nouns"])
    for root in doc:
        if root.lemma_.lower() not in verbs:
            continue
        if root.dep_ == "relcl" and root.head.lemma_.lower() in arm_nouns:
            pass  # "divided into four arms that received A, B, C or D"
        elif root.dep_ != "ROOT":
            continue
        else:
            subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not subjects or not (
                subjects[0].tag_ in ("NNS", "NNPS") or people.match(subjects[0].text)
            ):
                return None
        after = root.i + 1
        while after < len(doc) and doc[after].lower_ in ("up", "in", "with", "part"):
            after += 1
        if after >= len(doc):
            return None
        return view.parsed.span_of(index, doc[after]).start
    return None


def _everyone(view: ArticleView, index: int) -> bool:
    """The sentence's subject is everyone in the study ("All patients", "Both groups")."""
    text = view.sentence_text(index)
    return bool(re.match(r"\s*(?:(?:in\s+)?addition,?\s+)?(?:all|both|every|each)\b", text, re.I))


def _thing(view: ArticleView, span: Span) -> bool:
    """An item that names a treatment, not people or a count ("and 42 women", "two
    75-minute sessions per week")."""
    text = view.text[span.start : span.end]
    units = words_pattern(rule_table("arms")["dose_units"])
    if re.match(rf"\s*\d+(?:\.\d+)?\s*(?:{units})\s+of\b", text, re.I):
        return True  # "0.5 gram of ginger": a dose is a treatment
    return not re.search(rf"\b{PEOPLE}\b|^\s*{NUM}\b", text, re.I)


def _main_verb(view: ArticleView, index: int, offset: int) -> bool:
    """Whether the verb at ``offset`` is what the sentence (or one of its main clauses) says."""
    token = view.parsed.token_at(index, offset)
    if token is None:
        return False
    return token.dep_ == "ROOT" or (token.dep_ == "conj" and token.head.dep_ == "ROOT")
