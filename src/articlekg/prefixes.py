"""The prefixes every query may use without declaring them.

They are the ones the ontology, the shapes and the lexicon declare (a test keeps this
table and their ``@prefix`` lines in step), so ``?s a akg:Study`` works as written in
the README, on files, in the store and at ``serve``. A query that declares a prefix
itself keeps its own meaning for it.
"""

from __future__ import annotations

# Plain strings, not articlekg.vocab's rdflib namespaces: a store query need not import
# rdflib (a test keeps vocab.PREFIXES among these).
QUERY_PREFIXES: dict[str, str] = {
    "akg": "https://w3id.org/articlekg/ontology#",
    "concept": "https://w3id.org/articlekg/concept/",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "unit": "http://qudt.org/vocab/unit/",
    "akgsh": "https://w3id.org/articlekg/shapes#",
    "place": "https://w3id.org/articlekg/place/",
    "qudt": "http://qudt.org/schema/qudt/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "sh": "http://www.w3.org/ns/shacl#",
}
