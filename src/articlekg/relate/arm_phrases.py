"""What a phrase that names an arm says, and the book of arms found so far.

The arm rules find phrases that name what an arm received ("a course of aromatherapy
massage", "usual supportive care alone", "a Baduanjin exercise group (n = 45)");
:func:`phrase_arm` reads one: the size in "(n = N)", the group's name, what was received
(what is added in "usual care plus yoga"), and whether it is a control. :class:`ArmBook`
keeps one arm per thing received, however often the text names it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from articlekg.document import Span
from articlekg.facts import Arm, EntityRef, normal_label
from articlekg.quantities import NUM
from articlekg.relate.view import ArticleView
from articlekg.relate.wording import (
    phrase_ref,
    phrase_regex,
    rule_table,
    trimmed_span,
    words_pattern,
)

SIZE = re.compile(r"\(\s*n\s*=\s*(?P<n>\d[\d,]*)\s*\)", re.I)


@dataclass(frozen=True)
class PhraseArm:
    intervention: EntityRef | None
    role: str | None
    size: int | None
    name: str | None
    where: Span | None = None
    """Where the text names what the arm received."""


class ArmBook:
    """The arms found so far for one study, one per thing received."""

    def __init__(self, view: ArticleView) -> None:
        self.view = view
        self.arms: list[Arm] = []

    def find(
        self, name: str | None, intervention: EntityRef | None, role: str | None
    ) -> Arm | None:
        if intervention is not None:
            same = next((a for a in self.arms if a.intervention == intervention), None)
            if same is not None:
                return same
        if name is not None:
            wanted = normal_label(name)
            for arm in self.arms:
                known = normal_label(re.sub(r"\s+group$", "", arm.label, flags=re.I))
                fits = arm.intervention is None or intervention is None
                # "the exercise group" is the "Baduanjin exercise group" named before
                if fits and (
                    known == wanted or known.endswith(" " + wanted) or wanted.endswith(" " + known)
                ):
                    return arm
        if role is not None:
            open_arm = [
                a
                for a in self.arms
                if a.role == role and a.intervention is None and _fills(a, intervention)
            ]
            if open_arm and (intervention is not None or name is None or role_only(name)):
                return open_arm[0]
            if name is not None and role_only(name):
                same_role = [a for a in self.arms if a.role == role]
                if len(same_role) == 1:
                    return same_role[0]
        return None

    def add(
        self,
        *,
        name: str | None,
        intervention: EntityRef | None,
        role: str | None,
        size: int | None,
        span: Span,
        where: Span | None = None,
        noun: str = "group",
    ) -> Arm:
        """The arm the text names (a new one, or one found before), with what it received
        recorded as an intervention named at ``where``."""
        if intervention is not None:
            intervention = self.view.add(intervention, "Intervention", where)
        arm = self.find(name, intervention, role)
        if arm is None:
            if name is not None:
                label = f"{name} {noun}"
            elif intervention is not None:
                label = f"{arm_name(intervention.label)} {noun}"
            else:
                label = f"{role or 'study'} {noun}"
            arm = Arm(label=label, evidence=[])
            self.arms.append(arm)
        if span not in arm.evidence:
            arm.evidence.append(span)
        arm.intervention = arm.intervention or intervention
        arm.role = arm.role or role
        arm.size = arm.size or size
        return arm


def _fills(arm: Arm, intervention: EntityRef | None) -> bool:
    """Whether ``intervention`` can be what an arm named only by its role received: anything
    for "the control group", something sham for "the sham group"."""
    named = normal_label(re.sub(r"\s+(?:group|arm)$", "", arm.label, flags=re.I))
    generic = set(rule_table("arms")["generic_arm_names"]) | {"control", "controls", "comparison"}
    if intervention is None or named in generic:
        return True
    return set(named.split()) <= set(normal_label(intervention.label).split())


def role_only(name: str) -> bool:
    """ "the intervention group", "the control arm": a name that says a role, not a treatment."""
    table = rule_table("arms")
    return normal_label(name) in {*table["generic_arm_names"], *table["control_arm_names"]}


def is_control(text: str) -> bool:
    """Words of a control arm ("sham", "usual care", "no massage"), unless the arm adds
    something to them ("usual care plus yoga")."""
    if phrase_regex("arms", "add_on_after").search(text):
        return False
    if phrase_regex("arms", "add_on_before").search(text):
        return False
    return bool(
        phrase_regex("arms", "control_words").search(text)
        or _usual_care().search(text)
        or re.match(r"\s*no\s+\w", text, re.I)
    )


@cache
def _usual_care() -> re.Pattern[str]:
    """ "usual hospital care", "standard midwifery care": the care people get anyway."""
    table = rule_table("arms")
    adjectives = words_pattern(table["usual_adjectives"])
    nouns = words_pattern(table["care_nouns"])
    return re.compile(rf"\b(?:{adjectives})\s+(?:[\w-]+\s+){{0,2}}?(?:{nouns})\b", re.I)


GENERIC_TAIL = re.compile(
    r"(?:\s+(?:intervention|program|programme|therapy|treatment|sessions?|practice|course))+$",
    re.I,
)


def arm_name(wording: str) -> str:
    """An arm is called after what it received, as the text words it, without generic tails:
    'a 4-week yoga intervention' -> 'yoga group', 'tai chi' -> 'tai chi group'."""
    return GENERIC_TAIL.sub("", wording.lower()) or wording.lower()


@cache
def _timing() -> re.Pattern[str]:
    return re.compile(
        rf"^(?:{NUM}[\s-]*(?:week|day|month|minute|session)s?|weekly|daily|twice[\s-]weekly)\s+",
        re.I,
    )


def phrase_arm(view: ArticleView, index: int, span: Span) -> PhraseArm:
    """What an arm phrase says: its size, name, what was received and whether it controls."""
    text = view.text[span.start : span.end]
    size_match = SIZE.search(text)
    size = int(size_match.group("n").replace(",", "")) if size_match else None
    if size_match is not None:
        span = Span(span.start, span.start + size_match.start())
    span = _strip_words(view, span)
    if span.end <= span.start:
        return PhraseArm(None, None, size, None)
    body = view.text[span.start : span.end]
    name = None
    nouns = rule_table("arms")["arm_nouns"]
    tail = re.search(rf"\s+(?:{words_pattern(nouns)})$", body, re.I)
    if tail is not None:
        name = body[: tail.start()]
        span = Span(span.start, span.start + tail.start())
        body = name
    role = "control" if is_control(body) else None
    added = _added(view, span)
    if added is not None:
        span, role = trimmed_span(view, added), "intervention"
    if name is not None and role_only(name):
        return PhraseArm(None, role or "intervention", size, name)
    received = _received(view, index, span)
    if received is None:
        return PhraseArm(None, role, size, name)
    return PhraseArm(received[0], role, size, name, received[1])


def _added(view: ArticleView, span: Span) -> Span | None:
    """What an arm adds: "usual care plus yoga" -> "yoga"; "yoga added to usual care" -> "yoga"."""
    text = view.text[span.start : span.end]
    after = phrase_regex("arms", "add_on_after").search(text)
    if after is not None:
        return view.trimmed(Span(span.start + after.end(), span.end))
    before = phrase_regex("arms", "add_on_before").search(text)
    if before is not None:
        return view.trimmed(Span(span.start, span.start + before.start()))
    return None


def _strip_words(view: ArticleView, span: Span) -> Span:
    """Without determiners, containers ("a course of") and trailing "alone" or "only"."""
    table = rule_table("arms")
    span = trimmed_span(view, span)
    text = view.text[span.start : span.end]
    lead = re.match(rf"(?:(?:{words_pattern(table['container_nouns'])})\s+)+", text, re.I)
    start = span.start + (lead.end() if lead else 0)
    trail = re.search(rf"(?:\s+(?:{words_pattern(table['trailing_words'])}))+$", text, re.I)
    end = span.start + trail.start() if trail and trail.start() > start - span.start else span.end
    if end <= start:
        return span
    return trimmed_span(view, Span(start, end))


def _received(view: ArticleView, index: int, span: Span) -> tuple[EntityRef, Span] | None:
    """The lexicon's intervention when the phrase names just it (give or take a timing or a
    generic tail: "a 4-week yoga programme"); else the phrase in the article's words. Not
    recorded yet: only an arm that is kept records what it received."""
    text = view.text[span.start : span.end]
    inside = view.mentions_between(index, span.start, span.end, "Intervention")
    if not text.strip() or not (re.search(r"[A-Za-z]{3}", text) or inside):
        return None  # too short to name anything, unless it is a defined short form ("MT")
    core = GENERIC_TAIL.sub("", _timing().sub("", text)).strip()
    for mention in inside:
        said = view.text[mention.span.start : mention.span.end]
        bare = GENERIC_TAIL.sub("", said).strip()
        if normal_label(bare) == normal_label(core) or normal_label(said) == normal_label(text):
            return view.ref(mention), mention.span
    if re.match(r"\s*no\s", text, re.I) or not inside:
        return phrase_ref(view, span), span
    named = view.text[inside[0].span.start : inside[0].span.end]
    if len(inside) == 1 and len(core.split()) <= len(named.split()) + 1 and _plain_modifier(core):
        return view.ref(inside[0]), inside[0].span
    return phrase_ref(view, span), span


def _plain_modifier(core: str) -> bool:
    """ "true acupuncture", "real massage": a modifier that does not change what was given."""
    first = core.split()[0].lower() if core.split() else ""
    return first in set(rule_table("arms")["plain_modifiers"])
