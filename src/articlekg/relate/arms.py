"""The arms of a study: what each received, its role, sessions, minutes and size.

Arms come from label lines ("Acupuncture Group (n=48): four 30-minute sessions ..."), from
prose ("the intervention group received a back massage"), from random assignment ("assigned
to usual care or usual care plus yoga") and from a record titled "X versus Y".
"""

from __future__ import annotations

import re

from articlekg.document import BlockKind, Span
from articlekg.facts import Arm, EntityRef, normal_label
from articlekg.quantities import NUM, number_value
from articlekg.relate.view import ArticleView

ARM = re.compile(
    r"^(?P<name>[\w\- ]+?)\s+(?:group|arm)\b(?:\s*\(\s*n\s*=\s*(?P<size>\d+)\s*\))?", re.I
)
PROSE_ARM = re.compile(r"\b(?:the|an?)\s+(?P<name>[\w-]+)\s+(?:group|arm)\b", re.I)
RECEIVED = re.compile(
    r"\b(?:received|receives|engaged in|underwent|was given|were given|got|attended)\s+"
    r"(?P<what>.+?)(?=\s+(?:without|with|using|from|during|while|for|at|in|on)\b|[,.;:]|$)",
    re.I,
)
ASSIGNED = re.compile(
    r"\b(?:randomly\s+)?(?:assigned|randomi[sz]ed|allocated)\s+to\s+(?P<a>.+?)\s+or\s+(?P<b>.+?)"
    r"(?=\s+(?:called|named)\b|[,.;]|$)",
    re.I,
)
VERSUS = re.compile(
    r"^(?P<a>.+?)\s+(?:versus|vs\.?|compared with)\s+(?P<b>.+?)(?=\s+(?:to|for|in)\b|[:,.]|$)", re.I
)
CONTROL_WORDS = re.compile(
    r"\b(?:control|sham|placebo|usual care|standard care|wait[- ]?list|"
    r"no (?:massage|treatment|intervention))\b",
    re.I,
)
SESSIONS = re.compile(
    rf"\b(?P<n>{NUM})\s+(?:(?P<minutes>\d+)-minute\s+)?(?:[\w-]+\s+){{0,3}}?sessions\b"
    r"(?:\s+per\s+week\s+for\s+(?P<weeks>\w+)\s+weeks)?",
    re.I,
)


def relate_arms(view: ArticleView) -> None:
    """The arms of the article's main study, from label lines, prose and its title."""
    if not view.facts.studies:
        return
    study = view.facts.studies[0]
    document = view.document
    arms: dict[str, Arm] = {}
    for index in range(len(view.sentences)):
        block = view.block_of(index)
        text = view.sentence_text(index)
        span = view.sentences[index].span
        if block.label is not None and block.span.start == span.start:
            arm_match = ARM.match(document.slice(block.label))
            if arm_match:
                value = block.value or block.span
                arm = arms.setdefault(
                    normal_label(arm_match.group("name")),
                    Arm(label=f"{arm_match.group('name')} group", evidence=[]),
                )
                arm.evidence.append(span)
                if arm_match.group("size"):
                    arm.size = int(arm_match.group("size"))
                name_ref = view.lexicon.lookup(arm_match.group("name"))
                within = [m for m in view.mentions(index, "Intervention") if value.contains(m.span)]
                if name_ref is not None and name_ref.category == "Intervention":
                    arm.intervention = view.add(
                        EntityRef(name_ref.pref_label, name_ref.iri),
                        "Intervention",
                        Span(block.label.start, block.label.start + len(arm_match.group("name"))),
                    )
                elif within:
                    arm.intervention = view.add_mention(within[0])
                else:
                    received = RECEIVED.search(document.slice(value))
                    if received:
                        what = Span(
                            value.start + received.start("what"), value.start + received.end("what")
                        )
                        arm.intervention = view.add_span(what, "Intervention")
                _sessions(document.slice(value), arm)
                arm.role = (
                    "control"
                    if CONTROL_WORDS.search(
                        document.slice(block.label) + " " + document.slice(value)
                    )
                    else "intervention"
                )
                continue
        for match in PROSE_ARM.finditer(text):
            name = match.group("name")
            if name.lower() in ("two", "both", "each", "three", "study", "treatment"):
                continue
            arm = arms.setdefault(normal_label(name), Arm(label=f"{name} group", evidence=[]))
            if span not in arm.evidence:
                arm.evidence.append(span)
            after = text[match.end() :]
            received = (
                RECEIVED.match(after.lstrip())
                if after.lstrip().startswith(("received", "receives", "engaged", "underwent"))
                else None
            )
            if received and re.match(rf"\s*{NUM}\b", received.group("what"), re.I):
                _sessions(received.group("what"), arm)
            elif received and arm.intervention is None:
                offset = span.start + match.end() + (len(after) - len(after.lstrip()))
                what = Span(offset + received.start("what"), offset + received.end("what"))
                inside = [m for m in view.mentions(index, "Intervention") if what.contains(m.span)]
                negative = view.text[what.start : what.end].lower().startswith("no ")
                arm.intervention = (
                    view.add_mention(inside[0])
                    if inside and not negative
                    else view.add_span(what, "Intervention")
                )
            if arm.intervention is None:
                concept = view.lexicon.lookup(name)
                if concept is not None and concept.category == "Intervention":
                    arm.intervention = view.add(
                        EntityRef(concept.pref_label, concept.iri),
                        "Intervention",
                        Span(span.start + match.start("name"), span.start + match.end("name")),
                    )
            arm.role = arm.role or ("control" if CONTROL_WORDS.search(name) else "intervention")
        _assigned(view, index, arms)
    _versus(view, arms)
    for index in range(len(view.sentences)):
        _study_sessions(view.sentence_text(index), arms)
    study.arms = merge_arms(
        sorted(arms.values(), key=lambda a: min(a.evidence).start if a.evidence else 0)
    )


COMPARED = re.compile(
    r"\beffects? of (?P<a>[^,;]+?)\s+(?:may be|might be|were|was|are|is|appear(?:ed)? to be)\s+"
    r"(?:similar|comparable|equivalent|superior|inferior|better|worse|different)\s+"
    r"(?:to|than|from)\s+(?:those|that)?\s*(?:of\s+)?(?P<b>[^,;.]+)",
    re.I,
)


ARM_SIZE = re.compile(r"\s*\(\s*n\s*=\s*(?P<n>\d+)\s*\)")


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
                    Arm(label=f"{ref.label} group", evidence=[sentence.span], intervention=ref)
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


def _assigned(view: ArticleView, index: int, arms: dict[str, Arm]) -> None:
    text = view.sentence_text(index)
    span = view.sentences[index].span
    match = ASSIGNED.search(text)
    if match is None:
        return
    for group in ("a", "b"):
        part = Span(span.start + match.start(group), span.start + match.end(group))
        inside = view.mentions_between(index, part.start, part.end, "Intervention")
        if not inside:
            continue
        other = "b" if group == "a" else "a"
        other_text = match.group(other).lower()
        chosen = [
            m for m in inside if view.text[m.span.start : m.span.end].lower() not in other_text
        ]
        # "usual care or usual care plus yoga": the second arm is what it adds.
        mention = (chosen or inside)[-1]
        ref = view.add_mention(mention)
        wording = view.text[mention.span.start : mention.span.end]
        role = "control" if CONTROL_WORDS.search(wording) else "intervention"
        target = next((a for a in arms.values() if a.role == role and a.intervention is None), None)
        if target is None:
            target = next((a for a in arms.values() if a.intervention == ref), None)
        if target is None:
            name = "control" if role == "control" else arm_name(wording)
            target = arms.setdefault(normal_label(name), Arm(label=f"{name} group", evidence=[]))
        target.intervention = target.intervention or ref
        target.role = target.role or role
        size = ARM_SIZE.match(view.text, mention.span.end, part.end + 20)
        if size is not None and target.size is None:
            target.size = int(size.group("n"))
        target.evidence.append(span)


def _versus(view: ArticleView, arms: dict[str, Arm]) -> None:
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
            if any(a.intervention == ref for a in arms.values()):
                continue
            target = next(
                (a for a in arms.values() if a.role == role and a.intervention is None), None
            )
            if target is None:
                name = short_name(view, ref) if role == "intervention" else "control"
                target = arms.setdefault(
                    normal_label(role), Arm(label=f"{name} group", evidence=[])
                )
            target.intervention, target.role = ref, role
            target.evidence.append(span)


GENERIC_TAIL = re.compile(
    r"(?:\s+(?:intervention|program|programme|therapy|treatment|sessions?|practice))+$", re.I
)


def arm_name(wording: str) -> str:
    """An arm is called after what it received, as the text words it, without generic tails:
    'a 4-week yoga intervention' -> 'yoga group', 'tai chi' -> 'tai chi group'."""
    return GENERIC_TAIL.sub("", wording.lower()) or wording.lower()


def short_name(view: ArticleView, ref: EntityRef) -> str:
    """The shortest everyday name of an intervention ("massage" for massage therapy)."""
    if ref.concept is None:
        return ref.label
    concept = view.lexicon.concepts[ref.concept]
    names = [concept.pref_label, *[a for a in concept.alt_labels if a.islower()]]
    return min(names, key=lambda n: (len(n), n))


def _sessions(text: str, arm: Arm) -> None:
    match = SESSIONS.search(text)
    if match is None:
        return
    count = int(number_value(match.group("n")))
    weeks = match.group("weeks")
    if weeks:
        count *= int(number_value(weeks))
    arm.sessions = arm.sessions or count
    if match.group("minutes"):
        arm.session_minutes = arm.session_minutes or float(match.group("minutes"))


def _study_sessions(text: str, arms: dict[str, Arm]) -> None:
    """'Six 30-minute massage or simple-touch sessions' applies to every arm it names."""
    match = SESSIONS.search(text)
    if match is None:
        return
    for arm in arms.values():
        if arm.sessions is None and (arm.role == "intervention" or " or " in match.group()):
            _sessions(match.group(), arm)
