"""The project's namespaces and default IRIs as plain strings.

Kept free of rdflib so that code which only needs an IRI (the command line's defaults,
the store, query results) starts without importing it; :mod:`articlekg.vocab` builds
rdflib namespaces from these.
"""

from __future__ import annotations

AKG_IRI = "https://w3id.org/articlekg/ontology#"
CONCEPT_IRI = "https://w3id.org/articlekg/concept/"
SCHEMA_IRI = "https://schema.org/"
PROV_IRI = "http://www.w3.org/ns/prov#"
QUDT_UNIT_IRI = "http://qudt.org/vocab/unit/"

DEFAULT_BASE_IRI = "https://w3id.org/articlekg/id/"
"""Namespace of document-specific and discovered nodes unless ``--base-iri`` says otherwise."""

PREFIXES: dict[str, str] = {
    "akg": AKG_IRI,
    "concept": CONCEPT_IRI,
    "schema": SCHEMA_IRI,
    "prov": PROV_IRI,
    "unit": QUDT_UNIT_IRI,
}
