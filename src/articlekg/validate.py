"""The validate stage (stub: the ontology helper replaces this with pySHACL checks)."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str | None
    value: str | None
    message: str
    severity: str
    source_shape: str | None
    quote: str | None


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)


def validate_graph(graph: Graph) -> ValidationReport:
    return ValidationReport(conforms=True)
