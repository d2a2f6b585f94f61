"""The namespaces and default IRIs every stage agrees on.

The ontology itself (classes, properties, definitions) is Turtle in ``ontology/``; this
module only names the namespaces so that code does not spell IRIs by hand.
"""

from __future__ import annotations

from rdflib import Namespace

AKG = Namespace("https://w3id.org/articlekg/ontology#")
"""Classes, properties and enumerations of the articlekg ontology."""

CONCEPT = Namespace("https://w3id.org/articlekg/concept/")
"""Lexicon concepts: the same IRI in every article."""

DEFAULT_BASE_IRI = "https://w3id.org/articlekg/id/"
"""Namespace of document-specific and discovered nodes unless ``--base-iri`` says otherwise."""

SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
QUDT_UNIT = Namespace("http://qudt.org/vocab/unit/")

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

PREFIXES: dict[str, str] = {
    "akg": str(AKG),
    "concept": str(CONCEPT),
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "unit": str(QUDT_UNIT),
}
