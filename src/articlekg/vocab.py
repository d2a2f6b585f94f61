"""The namespaces and default IRIs every stage agrees on.

The ontology itself (classes, properties, definitions) is Turtle in ``ontology/``; this
module only names the namespaces so that code does not spell IRIs by hand.
"""

from __future__ import annotations

from rdflib import Namespace

from articlekg.namespaces import (
    AKG_IRI,
    CONCEPT_IRI,
    DEFAULT_BASE_IRI,
    PREFIXES,
    PROV_IRI,
    QUDT_UNIT_IRI,
    SCHEMA_IRI,
)

AKG = Namespace(AKG_IRI)
"""Classes, properties and enumerations of the articlekg ontology."""

CONCEPT = Namespace(CONCEPT_IRI)
"""Lexicon concepts: the same IRI in every article."""

SCHEMA = Namespace(SCHEMA_IRI)
PROV = Namespace(PROV_IRI)
QUDT_UNIT = Namespace(QUDT_UNIT_IRI)

ENTITY_CLASSES = frozenset(
    {
        "Intervention",
        "Condition",
        "Outcome",
        "Mechanism",
        "Study",
        "StudyArm",
        "Population",
        "Periodical",
        "Organization",
        "Recommendation",
        "Context",
        "Attribute",
        "Topic",
        "StudyDesign",
        "Entity",
    }
)
"""Local names of the classes an entity node may carry (``Entity`` when nothing more is known)."""

__all__ = [
    "AKG",
    "CONCEPT",
    "DEFAULT_BASE_IRI",
    "ENTITY_CLASSES",
    "PREFIXES",
    "PROV",
    "QUDT_UNIT",
    "SCHEMA",
]
