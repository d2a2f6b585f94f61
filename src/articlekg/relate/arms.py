"""The arms of a study: what each received, its role, sessions, minutes and size.

Arms come from label lines ("Acupuncture Group (n=48): four 30-minute sessions ..."),
from named groups in prose ("the exercise group received ..."), from allocation ("allocated
randomly to X or Y", "randomized into three groups: A (n = 30), B (n = 31) and C (n =
29)"), from an aim or a comparison ("to compare X to a social attention control
condition", "X was compared with Y"), from people who received something ("Forty women
received massage", "people given usual care only") and from a record titled "X versus Y".
The word lists these rules read are data: ``ontology/rules/arms.json``.
"""

from __future__ import annotations

import re
from functools import cache

from articlekg.document import BlockKind, Span
from articlekg.facts import Arm, EntityRef, Study
from articlekg.quantities import NUM
from articlekg.relate.arm_phrases import ArmBook, arm_name, is_control, phrase_arm, role_only
from articlekg.relate.arm_prose import (
    assigned_lists,
    compared_pairs,
    intervention_lists,
    people_received,
)
from articlekg.relate.cues import PEOPLE
from articlekg.relate.sessions import apply_sessions, read_sessions
from articlekg.relate.view import ArticleView
from articlekg.relate.wording import rule_table, words_pattern

NOT_HERE = frozenset({"background", "references", "citation", "conclusions", "advice"})


@cache
def _label_pattern() -> re.Pattern[str]:
    nouns = words_pattern(rule_table("arms")["arm_nouns"])
    return re.compile(
        rf"^(?P<name>[\w\- ]+?)\s+(?:{nouns})\b(?:\s*\(\s*n\s*=\s*(?P<size>\d[\d,]*)\s*\))?", re.I
    )


@cache
def _received_pattern() -> re.Pattern[str]:
    """ "received a back massage", "attended twelve sessions": what a named group received."""
    table = rule_table("arms")
    forms = words_pattern(table["receive_forms"])
    stops = words_pattern(table["what_stops"])
    return re.compile(
        rf"^\s*(?:\(\s*n\s*=\s*\d+\s*\)\s*)?(?:{forms})\s+"
        rf"(?P<what>.+?)(?=\s+(?:{stops})\b|[,.;:]|$)",
        re.I,
    )


def relate_arms(view: ArticleView) -> None:
    """The arms of the article's main study."""
    if not view.facts.studies:
        return
    study = view.facts.studies[0]
    book = ArmBook(view)
    readable = [i for i in range(len(view.sentences)) if _readable(view, study, i)]
    for index in readable:
        if not (_label_line(view, index, book) or _sized_item(view, index, book)):
            _named_groups(view, index, book)
    for index in readable:
        assigned_lists(view, index, book)
        intervention_lists(view, index, book)
    for index in readable:
        compared_pairs(view, index, book)
        people_received(view, index, book)
    _versus(view, book)
    for index in readable:
        _study_sessions(view, index, book)
    study.arms = merge_arms(
        sorted(book.arms, key=lambda a: min(a.evidence).start if a.evidence else 0)
    )


def _readable(view: ArticleView, study: Study, index: int) -> bool:
    """Sentences that may describe the main study's arms: not another study's, not a
    reference list, background or advice."""
    span = view.sentences[index].span
    if view.slots(index) & NOT_HERE:
        return False
    return not any(span in other.evidence for other in view.facts.studies if other is not study)


def _label_line(view: ArticleView, index: int, book: ArmBook) -> bool:
    """ "Acupuncture Group (n=48): four 30-minute sessions of ..." names an arm, its size,
    what it received and its sessions."""
    document = view.document
    block = view.block_of(index)
    span = view.sentences[index].span
    if block.label is None or block.span.start != span.start:
        return False
    match = _label_pattern().match(document.slice(block.label))
    if match is None:
        return False
    name = match.group("name")
    value = block.value or block.span
    label_span = Span(block.label.start, block.label.start + len(name))
    concept = view.lexicon.lookup(name)
    within = [m for m in view.mentions(index, "Intervention") if value.contains(m.span)]
    intervention: EntityRef | None = None
    if concept is not None and concept.category == "Intervention":
        intervention = view.add(
            EntityRef(concept.pref_label, concept.iri), "Intervention", label_span
        )
    elif within:
        intervention = view.add_mention(within[0])
    else:
        received = _received_pattern().search(document.slice(value))
        if received:
            what = Span(value.start + received.start("what"), value.start + received.end("what"))
            intervention = view.add_span(what, "Intervention")
    words = document.slice(block.label) + " " + document.slice(value)
    arm = book.add(
        name=name,
        intervention=intervention,
        role="control" if is_control(words) else "intervention",
        size=int(match.group("size").replace(",", "")) if match.group("size") else None,
        span=span,
    )
    apply_sessions(arm, read_sessions(document.slice(value)))
    return True


SIZED_ITEM = re.compile(
    r"(?P<name>[^():;,.]{2,60}?)\s*\(\s*n\s*=\s*(?P<n>\d[\d,]*)\s*\)\s*[:–—-]?\s*", re.I
)
NOT_AN_ARM = re.compile(
    rf"\b(?:{PEOPLE}|sample|samples|study|studies|trial|trials|total|overall|cohort)\s*$", re.I
)


def _sized_item(view: ArticleView, index: int, book: ArmBook) -> bool:
    """A list item or line that starts "Reflexology (n = 32)": an arm and its size, and the
    sessions the rest of the line gives."""
    block = view.block_of(index)
    span = view.sentences[index].span
    if block.kind not in (BlockKind.LIST_ITEM, BlockKind.LABEL_VALUE, BlockKind.PARAGRAPH):
        return False
    if block.span.start != span.start:
        return False
    match = SIZED_ITEM.match(view.text, span.start, span.end)
    if match is None or NOT_AN_ARM.search(match.group("name")):
        return False
    rest = view.text[match.end() : block.span.end]
    if (
        block.kind is BlockKind.PARAGRAPH
        and rest.strip()
        and not re.search(r"[:–—-]\s*$", match.group())
    ):
        return False  # a sentence that only starts with a sized arm: read as prose
    found = phrase_arm(view, index, Span(match.start("name"), match.end("name")))
    if found.intervention is None and found.name is None:
        return False
    arm = book.add(
        name=found.name,
        intervention=found.intervention,
        where=found.where,
        role=found.role or "intervention",
        size=int(match.group("n").replace(",", "")),
        span=span,
    )
    apply_sessions(arm, read_sessions(view.text[match.end() : block.span.end]))
    return True


def _named_groups(view: ArticleView, index: int, book: ArmBook) -> None:
    """ "The yoga group attended twelve sessions", "a routine care group (n = 45)": a group
    noun with a name before it (its compound and adjective modifiers in the parse)."""
    text = view.text
    span = view.sentences[index].span
    table = rule_table("arms")
    skip = set(table["not_arm_names"])
    nouns = set(table["arm_nouns"])
    for token in view.parsed.doc(index):
        if token.lemma_.lower() not in nouns or token.pos_ != "NOUN" or token.dep_ == "compound":
            continue
        if text[view.parsed.span_of(index, token).end : span.end].startswith("-"):
            continue  # "time-group interactions": the group noun names no group here
        modifiers = [c for c in token.lefts if c.dep_ in ("compound", "amod", "nmod", "npadvmod")]
        if not modifiers or any(c.lower_ in table["all_arms_words"] for c in token.lefts):
            continue  # "both study arms": every arm, not one
        if token.tag_ == "NNS" and any(c.dep_ == "nummod" for c in token.lefts):
            continue  # "three main groups": a count of the arms the sentence goes on to name
        first = min(c.left_edge.i for c in modifiers)
        words = token.doc[first : token.i]
        name = words.text
        if not name or {w.lower_ for w in words} & skip or any(w.like_num for w in words):
            continue
        name_span = view.parsed.span_of_tokens(index, words)
        after_at = view.parsed.span_of(index, token).end
        size = SIZE_AFTER.match(text, after_at, span.end)
        if size is not None:
            after_at = size.end()
        after = text[after_at : span.end]
        received = _received_pattern().match(after)
        role = "control" if is_control(name) else "intervention"
        known = book.find(name, None, role)
        found = None
        counted = SESSIONS_OF.match(text, after_at, span.end) if received else None
        if received and not NUMBER_FIRST.match(received.group("what")):
            what = Span(after_at + received.start("what"), after_at + received.end("what"))
            found = phrase_arm(view, index, what)
        elif counted is not None:
            # "received eight 40-minute sessions of reflexology": what the sessions were of
            end = _what_end(text, counted.end(), span.end)
            found = phrase_arm(view, index, Span(counted.end(), end))
        elif (known is None or known.intervention is None) and not role_only(name):
            found = phrase_arm(view, index, name_span)
        if known is not None and (found is None or found.intervention is None):
            arm = known
            if span not in arm.evidence:
                arm.evidence.append(span)
        else:
            arm = book.add(
                name=name,
                intervention=found.intervention if found else None,
                role=role,
                size=None,
                span=span,
                where=found.where if found else None,
            )
        arm.size = arm.size or (int(size.group("n").replace(",", "")) if size else None)
        if received:
            apply_sessions(arm, read_sessions(after[: received.end()]))


SESSIONS_OF = re.compile(
    rf"\s*\S+\s+{NUM}\s+(?:[\w-]+\s+){{0,3}}?(?:sessions?|classes|treatments?)\s+of\s+", re.I
)


SESSIONS_OF_WHAT = re.compile(
    r"\b(?:sessions?|classes|treatments?)\s+of\s+(?P<what>[^,;.]+?)"
    r"(?=\s+(?:compared|versus|vs\.?|than|or|and|with)\b|[,;.]|$)",
    re.I,
)


def _what_end(text: str, start: int, end: int) -> int:
    stops = words_pattern(rule_table("arms")["what_stops"])
    stop = re.compile(rf"\s+(?:{stops})\b|[,.;:]").search(text, start, end)
    return stop.start() if stop else end


SIZE_AFTER = re.compile(r"\s*\(\s*n\s*=\s*(?P<n>\d[\d,]*)\s*\)", re.I)
NUMBER_FIRST = re.compile(rf"\s*{NUM}\b", re.I)


def _versus(view: ArticleView, book: ArmBook) -> None:
    """A record titled "X versus Y ..." compares X (intervention) with Y (control)."""
    for index in range(len(view.sentences)):
        if view.block_of(index).kind is not BlockKind.TITLE:
            continue
        text = view.sentence_text(index)
        span = view.sentences[index].span
        match = VERSUS.match(text)
        if match is None:
            continue
        for group, role in (("a", "intervention"), ("b", "control")):
            part = Span(span.start + match.start(group), span.start + match.end(group))
            inside = view.mentions_between(index, part.start, part.end, "Intervention")
            if not inside:
                continue
            ref = view.add_mention(inside[0])
            known = book.find(None, ref, None)
            if known is not None:
                known.role = known.role or role  # the title says which side it is on
                continue
            book.add(name=None, intervention=ref, role=role, size=None, span=span)


VERSUS = re.compile(
    r"^(?P<a>.+?)\s+(?:versus|vs\.?|compared with)\s+(?P<b>.+?)(?=\s+(?:to|for|in)\b|[:,.]|$)", re.I
)


def _study_sessions(view: ArticleView, index: int, book: ArmBook) -> None:
    """ "Six 30-minute massage or simple-touch sessions" applies to every arm it names, or to
    the intervention arms; "sessions lasted 20 minutes" to each arm without a length."""
    sessions = read_sessions(view.sentence_text(index))
    if sessions.count is None and sessions.minutes is None:
        return
    text = view.sentence_text(index).lower()
    # "six sessions of yoga compared with usual care": the sessions are of what follows "of"
    of = SESSIONS_OF_WHAT.search(text)
    said = of.group("what") if of is not None else text
    named = [
        arm
        for arm in book.arms
        if arm.intervention is not None and arm.intervention.label.lower() in said
    ]
    for arm in book.arms:
        if named and arm not in named and " or " not in text:
            continue
        if arm.role == "intervention" or " or " in text or len(book.arms) == 1 or arm in named:
            apply_sessions(arm, sessions)


COMPARED = re.compile(
    r"\beffects? of (?P<a>[^,;]+?)\s+(?:may be|might be|were|was|are|is|appear(?:ed)? to be)\s+"
    r"(?:similar|comparable|equivalent|superior|inferior|better|worse|different)\s+"
    r"(?:to|than|from)\s+(?:those|that)?\s*(?:of\s+)?(?P<b>[^,;.]+)",
    re.I,
)


def relate_compared_arms(view: ArticleView) -> None:
    """'effects of X were similar to those of Y': X and Y are arms of the study the sentence
    reports, whichever study that is; their roles are not stated."""
    for index, sentence in enumerate(view.sentences):
        study = next((s for s in view.facts.studies if sentence.span in s.evidence), None)
        if study is None:
            continue
        for match in COMPARED.finditer(view.text, sentence.span.start, sentence.span.end):
            for group in ("a", "b"):
                part = view.trimmed(Span(match.start(group), match.end(group)))
                if not view.mentions_between(index, part.start, part.end, "Intervention"):
                    continue
                ref = view.add_span(part, "Intervention")
                if any(arm.intervention == ref for arm in study.arms):
                    continue
                study.arms.append(
                    Arm(
                        label=f"{arm_name(ref.label)} group",
                        evidence=[sentence.span],
                        intervention=ref,
                    )
                )


def merge_arms(arms: list[Arm]) -> list[Arm]:
    """Arms that receive the same intervention are one arm, however the text named them.

    The name kept is the one a label line gave ("Acupuncture Group (n=60)"), which also
    brings size and sessions; otherwise the first.
    """
    kept: list[Arm] = []
    for arm in arms:
        same = next(
            (k for k in kept if arm.intervention and k.intervention == arm.intervention), None
        )
        if same is None:
            kept.append(arm)
            continue
        first, second = (arm, same) if arm.size is not None and same.size is None else (same, arm)
        first.evidence = sorted({*first.evidence, *second.evidence})
        first.role = first.role or second.role
        first.sessions = first.sessions or second.sessions
        first.session_minutes = first.session_minutes or second.session_minutes
        first.size = first.size or second.size
        kept[kept.index(same)] = first
    return kept
