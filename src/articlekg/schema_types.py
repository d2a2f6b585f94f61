"""schema.org beside akg: the type each node carries for consumers that know only schema.org.

A post-assembly step: it adds ``rdf:type schema:X`` to every domain node and the article
(so ``?x a schema:MedicalTherapy`` finds a therapy without reasoning over the ontology's
``rdfs:subClassOf``), and the lexicon's identifiers of every concept the article names
(``skos:notation``, ``skos:exactMatch`` and a ``schema:MedicalCode``). What is extracted
does not change: only these triples are added. The mapping is data
(``ontology/rules/schemaorg.json``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from articlekg.errors import ExportError
from articlekg.iris import checked, slug
from articlekg.lexicon import Lexicon, folded_key
from articlekg.resources import ontology_dir
from articlekg.vocab import AKG, CONCEPT, ENTITY_CLASSES, SCHEMA


@dataclass(frozen=True)
class IdentifierScheme:
    coding_system: str
    iri: str
    """Namespace of the scheme's identifiers, or empty when it has none."""


@dataclass(frozen=True)
class SchemaRules:
    classes: dict[str, str]
    concepts: dict[str, dict[str, frozenset[str]]]
    """akg class -> schema type -> lexicon concept IRIs whose narrower concepts take it."""
    type_preference: tuple[str, ...]
    medical_types: frozenset[str]
    mentioned_types: frozenset[str]
    study_types: dict[str, tuple[str, tuple[str, ...]]]
    """Design concept IRI -> (schema study type, design enumeration members)."""
    article_kinds: tuple[tuple[str, str], ...]
    identifier_schemes: dict[str, IdentifierScheme]


@cache
def schema_rules() -> SchemaRules:
    data = json.loads((ontology_dir() / "rules" / "schemaorg.json").read_text(encoding="utf-8"))
    studies: dict[str, tuple[str, tuple[str, ...]]] = {}
    for study_type, designs in data["studies"].items():
        for design, members in designs.items():
            studies[str(CONCEPT[design])] = (study_type, tuple(members))
    return SchemaRules(
        classes=dict(data["classes"]),
        concepts={
            cls: {kind: frozenset(str(CONCEPT[c]) for c in roots) for kind, roots in kinds.items()}
            for cls, kinds in data["concepts"].items()
        },
        type_preference=tuple(data["type_preference"]),
        medical_types=frozenset(data["medical_types"]),
        mentioned_types=frozenset(data["mentioned_types"]),
        study_types=studies,
        article_kinds=tuple((k["type"], k["when"]) for k in data["article_kinds"]),
        identifier_schemes={
            datatype: IdentifierScheme(s["coding_system"], s.get("iri", ""))
            for datatype, s in data["identifier_schemes"].items()
        },
    )


def ancestors(iri: str, lexicon: Lexicon) -> list[str]:
    """The concept and every concept it is narrower than, nearest first."""
    seen: list[str] = []
    frontier = [iri]
    while frontier:
        current = frontier.pop(0)
        if current in seen:
            continue
        seen.append(current)
        known = lexicon.concepts.get(current)
        if known is not None:
            frontier.extend(known.broader)
    return seen


def akg_classes(graph: Graph, node: URIRef) -> list[str]:
    names = (str(t)[len(str(AKG)) :] for t in graph.objects(node, RDF.type))
    return sorted(n for n in names if n in ENTITY_CLASSES)


def entity_schema_types(
    graph: Graph, node: URIRef, lexicon: Lexicon | None, rules: SchemaRules
) -> set[str]:
    """The schema.org types of a domain node, from its akg classes and the lexicon."""
    found: set[str] = set()
    lineage = ancestors(str(node), lexicon) if lexicon is not None else [str(node)]
    for cls in akg_classes(graph, node):
        if cls == "Study":
            found.add(study_type(graph, node, rules)[0])
            continue
        if cls not in rules.classes:
            continue  # study designs are shared lexicon terms, not domain nodes
        narrowed = next(
            (
                kind
                for ancestor in lineage
                for kind, roots in sorted(rules.concepts.get(cls, {}).items())
                if ancestor in roots
            ),
            None,
        )
        found.add(narrowed or rules.classes[cls])
    return found


def study_type(graph: Graph, study: URIRef, rules: SchemaRules) -> tuple[str, tuple[str, ...]]:
    """MedicalTrial, MedicalObservationalStudy or MedicalStudy, and the design members."""
    kinds = [
        rules.study_types[str(d)]
        for d in graph.objects(study, AKG.design)
        if str(d) in rules.study_types
    ]
    if not kinds:
        return "MedicalStudy", ()
    study_kind = min((k for k, _ in kinds), key=preference(rules))
    members = sorted({m for k, ms in kinds if k == study_kind for m in ms})
    return study_kind, tuple(members)


def preference(rules: SchemaRules) -> Callable[[str], tuple[int, str]]:
    """Sort key: the most specific schema.org type first (``type_preference``)."""
    order = {name: i for i, name in enumerate(rules.type_preference)}
    return lambda name: (order.get(name, len(order)), name)


def best_type(types: Iterable[str], rules: SchemaRules) -> str:
    return min(types, key=preference(rules))


def the_article(graph: Graph) -> URIRef:
    articles = sorted(
        (s for s in graph.subjects(RDF.type, AKG.Article) if isinstance(s, URIRef)), key=str
    )
    if not articles:
        raise ExportError("the graph has no akg:Article node, so there is no page to describe")
    return articles[0]


def article_kind(graph: Graph, article: URIRef, rules: SchemaRules) -> str:
    """The page type: the first rule of ``article_kinds`` whose condition holds."""
    # Titles compared by their words: "X: a trial" on the page is "X – a trial" in a record.
    title = folded_key(str(graph.value(article, RDFS.label) or ""))
    studies = list(graph.objects(article, AKG.reportsStudy))
    conditions = {
        "titled as a study it reports": bool(title)
        and any(folded_key(str(t)) == title for s in studies for t in graph.objects(s, AKG.title)),
        "has a topical map": (article, AKG.hasTopicalSection, None) in graph,
        "reports a study": bool(studies),
        "always": True,
    }
    return next(kind for kind, when in rules.article_kinds if conditions[when])


def add_schema_types(graph: Graph, lexicon: Lexicon | None = None) -> None:
    """Give every domain node and the article its schema.org type; add identifiers."""
    rules = schema_rules()
    for article in list(graph.subjects(RDF.type, AKG.Article)):
        if isinstance(article, URIRef):
            graph.add((article, RDF.type, SCHEMA[article_kind(graph, article, rules)]))
    nodes = {
        s
        for cls in ENTITY_CLASSES
        for s in graph.subjects(RDF.type, AKG[cls])
        if isinstance(s, URIRef)
    }
    for node in sorted(nodes, key=str):
        types = entity_schema_types(graph, node, lexicon, rules)
        for name in sorted(types):
            graph.add((node, RDF.type, SCHEMA[name]))
        if lexicon is not None and str(node) in lexicon.concepts:
            add_identifiers(graph, node, lexicon, rules, medical=bool(types & rules.medical_types))


def add_identifiers(
    graph: Graph, node: URIRef, lexicon: Lexicon, rules: SchemaRules, medical: bool
) -> None:
    concept = lexicon.concepts[str(node)]
    for match in concept.exact_matches:
        graph.add((node, SKOS.exactMatch, checked(match)))
    for datatype, code in concept.notations:
        graph.add(
            (node, SKOS.notation, Literal(code, datatype=URIRef(datatype) if datatype else None))
        )
        scheme = rules.identifier_schemes.get(datatype)
        if scheme is None:
            continue
        if scheme.iri:
            graph.add((node, SKOS.exactMatch, checked(scheme.iri + code)))
        if medical:
            # schema:code belongs to medical entities only (its schema.org domain).
            code_node = checked(f"{CONCEPT}code/{slug(scheme.coding_system)}-{slug(code)}")
            graph.add((node, SCHEMA.code, code_node))
            graph.add((code_node, RDF.type, SCHEMA.MedicalCode))
            graph.add((code_node, SCHEMA.codeValue, Literal(code)))
            graph.add((code_node, SCHEMA.codingSystem, Literal(scheme.coding_system)))
