"""What the relate stage finds, before it becomes RDF.

Entities are referred to by :class:`EntityRef`: a lexicon concept (same IRI in every
article) or a label found in the text. Every fact carries the spans of text that state it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from articlekg.document import Span


def normal_label(text: str) -> str:
    """Case-, hyphen- and space-folded label: the identity of an entity found in text."""
    text = text.replace("’", "'").replace("–", "-").replace("—", "-")
    text = re.sub(r"[\s\-_/]+", " ", text.lower()).strip(" .,:;")
    return re.sub(r"^(?:the|a|an) ", "", text)


@dataclass(frozen=True, order=True)
class EntityRef:
    label: str
    concept: str | None = None

    @property
    def key(self) -> str:
        return self.concept or "label:" + normal_label(self.label)


@dataclass(frozen=True)
class Duration:
    low: float
    high: float
    unit: str


@dataclass
class Finding:
    intervention: EntityRef
    effect: str
    outcome: EntityRef
    evidence: list[Span]
    significant: bool | None = None
    hedged: bool = False
    negated: bool = False
    duration: Duration | None = None
    study: str | None = None
    """Key of the :class:`Study` that reports it."""
    claim_type: str = "generalClaim"
    effect_size: float | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.intervention.key, self.effect, self.outcome.key)


@dataclass
class Arm:
    label: str
    evidence: list[Span]
    role: str | None = None
    intervention: EntityRef | None = None
    sessions: int | None = None
    session_minutes: float | None = None
    size: int | None = None


@dataclass
class Study:
    key: str
    evidence: list[Span]
    title: str | None = None
    description: str | None = None
    design: EntityRef | None = None
    journal: EntityRef | None = None
    year: int | None = None
    sample_size: int | None = None
    min_age: int | None = None
    max_age: int | None = None
    location: str | None = None
    arms: list[Arm] = field(default_factory=list)
    measures: list[tuple[EntityRef, Span]] = field(default_factory=list)
    population: EntityRef | None = None
    doi: str | None = None
    pmid: str | None = None
    noun: str | None = None
    """How the text refers to it ("trial", "review"): two different nouns are two studies."""

    @property
    def label(self) -> str:
        return self.title or self.description or self.key


@dataclass
class Statistic:
    subject: EntityRef
    measure: str
    evidence: list[Span]
    low: float | None
    high: float | None
    unit: str | None = None
    population: EntityRef | None = None
    scale_max: float | None = None


@dataclass
class MechanismClaim:
    intervention: EntityRef
    mechanism: EntityRef
    evidence: list[Span]
    outcome: EntityRef | None = None


@dataclass
class ConditionRelation:
    condition: EntityRef
    relation: str
    """Local name of the relation property, e.g. ``causedBy``."""
    related: EntityRef
    evidence: list[Span]


@dataclass
class Recommendation:
    text: str
    kind: str
    evidence: list[Span]
    concerns: EntityRef | None = None


@dataclass
class ContextFact:
    context: EntityRef
    evidence: list[Span]
    scope: str | None = None
    of: EntityRef | None = None


@dataclass
class AttributeFact:
    attribute: EntityRef
    evidence: list[Span]
    link: EntityRef | None = None
    of: EntityRef | None = None
    note: str | None = None


@dataclass
class TopicalSection:
    evidence: list[Span]
    kind: str | None = None
    intent: str | None = None
    topics: list[tuple[EntityRef, Span]] = field(default_factory=list)


@dataclass
class Facts:
    """Everything the relate stage found in one article."""

    entities: dict[str, tuple[EntityRef, set[str], list[Span]]] = field(default_factory=dict)
    """Entity key -> (reference, class local names, spans where the text names it)."""
    findings: list[Finding] = field(default_factory=list)
    studies: list[Study] = field(default_factory=list)
    statistics: list[Statistic] = field(default_factory=list)
    mechanisms: list[MechanismClaim] = field(default_factory=list)
    condition_relations: list[ConditionRelation] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    contexts: list[ContextFact] = field(default_factory=list)
    attributes: list[AttributeFact] = field(default_factory=list)
    topical_sections: list[TopicalSection] = field(default_factory=list)
    central: list[tuple[EntityRef, str, Span | None]] = field(default_factory=list)
    """(entity, "central" | "supporting", where the text says so)."""

    _spans_seen: dict[str, set[Span]] = field(default_factory=dict, repr=False, compare=False)
    """The spans of each entity as a set: asking the list grew with every mention."""

    def add_entity(self, ref: EntityRef, kind: str, span: Span | None = None) -> EntityRef:
        known = self.entities.get(ref.key)
        if known is None:
            known = (ref, set(), [])
            self.entities[ref.key] = known
        known[1].add(kind)
        if span is not None:
            seen = self._spans_seen.get(ref.key)
            if seen is None or len(seen) != len(known[2]):
                seen = self._spans_seen[ref.key] = set(known[2])
            if span not in seen:
                known[2].append(span)
                seen.add(span)
        return known[0]
