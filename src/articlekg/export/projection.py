"""The one property-graph view of an article's RDF graph, shared by GraphML, GEXF and Neo4j.

Nodes are the IRI subjects (entities, studies, arms, facts, topics, sections, the
article...). Evidence is folded into the facts it supports rather than kept as nodes: a
quote backs exactly the statement that cites it, and as nodes the evidence would double
the node count with one-edge leaves that swamp a Gephi layout and turn "what supports this
finding?" into a two-hop query. Each fact, and each edge leaving it, carries
``evidenceQuote``/``evidenceStart``/``evidenceEnd``/``evidenceIri`` (further quotes of the
same fact in ``otherEvidence``, JSON); relation edges
asserted directly between two entities take the evidence of the ConditionRelation that
states them.

Enumeration values (effects, measures, units) and IRIs that are never subjects become
attribute values (``akg:reduces``), not nodes: they are values, and as hubs they would
pull every finding together in a layout. The RDF exports keep everything.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef

from articlekg.export.attributes import (
    RESERVED_NODE,
    AttrType,
    Cell,
    Value,
    cell_text,
    compact_iri,
    convert,
    decide_key,
    list_text,
    local_name,
    name_predicates,
)
from articlekg.export.registry import ArticleGraph
from articlekg.export.style import colour_for, is_structural, primary_type, size_for
from articlekg.export.terms import checked_triples, sort_key
from articlekg.vocab import AKG, SCHEMA

_IGNORED_TYPES = frozenset(
    {
        URIRef("http://www.w3.org/2002/07/owl#NamedIndividual"),
        URIRef("http://www.w3.org/2002/07/owl#Thing"),
        RDFS.Resource,
    }
)
VALUE_CLASSES = frozenset({AKG.Effect, AKG.Measure, AKG.Unit, SCHEMA.MedicalCode})
"""Classes whose individuals become attribute values instead of nodes."""
_EVIDENCE_FIELDS = (
    (AKG.quote, "evidenceQuote"),
    (AKG.startOffset, "evidenceStart"),
    (AKG.endOffset, "evidenceEnd"),
)
_SKIPPED = frozenset({RDF.type, AKG.hasEvidence})

Object = URIRef | Literal
Properties = dict[URIRef, list[Object]]
Evidence = dict[str, Cell]
RawRow = dict[str, list[Cell]]


@dataclass(frozen=True)
class Key:
    """One attribute column: its name, one of the GraphML types, and whether it is a list."""

    name: str
    type: AttrType
    is_list: bool


@dataclass(frozen=True)
class Node:
    id: str
    types: tuple[str, ...]
    """Class local names, the primary type first (Neo4j labels)."""
    attributes: dict[str, Value]


@dataclass(frozen=True)
class Edge:
    id: str
    source: str
    target: str
    type: str
    """Relationship type: the predicate's identifier-safe local name."""
    attributes: dict[str, Value]


@dataclass(frozen=True)
class PropertyGraph:
    nodes: list[Node]
    edges: list[Edge]
    node_keys: list[Key]
    edge_keys: list[Key]


class _Projector:
    def __init__(self, graph: Graph) -> None:
        self.out: dict[URIRef, Properties] = defaultdict(lambda: defaultdict(list))
        for s, p, o in checked_triples(graph):
            self.out[s][p].append(o)
        # The schema.org types that mirror akg's (schema_types.py) are for RDF consumers;
        # here they would double every Neo4j label (:Organization:schema_Organization).
        self.types = {
            s: {
                o
                for o in props.get(RDF.type, [])
                if isinstance(o, URIRef) and (o == SCHEMA.MedicalCode or o not in SCHEMA)
            }
            - _IGNORED_TYPES
            for s, props in self.out.items()
        }
        self.evidence = {s for s, t in self.types.items() if AKG.Evidence in t}
        values = {s for s, t in self.types.items() if t and t <= VALUE_CLASSES}
        not_nodes = self.evidence | values  # once: inside the generator it was per subject
        self.node_iris = sorted((s for s in self.out if s not in not_nodes), key=str)
        self.is_node = set(self.node_iris)

    def objects(self, subject: URIRef, predicate: URIRef) -> list[Object]:
        return sorted(set(self.out[subject].get(predicate, [])), key=sort_key)

    def is_node_object(self, o: Object) -> bool:
        return isinstance(o, URIRef) and o in self.is_node

    def evidence_of(self, subject: URIRef) -> list[Evidence]:
        found = []
        for ev in self.objects(subject, AKG.hasEvidence):
            if isinstance(ev, URIRef) and ev in self.evidence:
                item = {"evidenceIri": str(ev)}
                for predicate, name in _EVIDENCE_FIELDS:
                    objects = self.objects(ev, predicate)
                    if objects:
                        item[name] = _cell(objects[0])
                found.append(item)
        return sorted(found, key=lambda e: (_offset(e.get("evidenceStart")), str(e["evidenceIri"])))

    def relation_evidence(self) -> dict[tuple[URIRef, URIRef, URIRef], list[Evidence]]:
        """Evidence for direct ``A rel B`` edges, from the ConditionRelation stating them."""
        return {
            key: [item for fact in facts for item in self.evidence_of(URIRef(fact))]
            for key, facts in self.relation_facts().items()
        }

    def relation_facts(self) -> dict[tuple[URIRef, URIRef, URIRef], list[str]]:
        """The ConditionRelations stating each direct ``A rel B`` edge."""
        found: dict[tuple[URIRef, URIRef, URIRef], list[str]] = {}
        for fact in self.node_iris:
            if AKG.ConditionRelation not in self.types[fact]:
                continue
            for a in self.objects(fact, AKG.condition):
                for rel in self.objects(fact, AKG.relation):
                    for b in self.objects(fact, AKG.related):
                        if all(isinstance(term, URIRef) for term in (a, rel, b)):
                            key = (URIRef(a), URIRef(rel), URIRef(b))
                            found.setdefault(key, []).append(str(fact))
        return found

    def node_rows(self, attr_names: dict[URIRef, str]) -> dict[URIRef, RawRow]:
        rows: dict[URIRef, RawRow] = {}
        for subject in self.node_iris:
            row: RawRow = {"iri": [str(subject)]}
            labels = self.objects(subject, RDFS.label)
            preferred = self.objects(subject, SKOS.prefLabel)
            if labels:
                row["label"] = [_cell(labels[0])]
                if len(labels) > 1:
                    row["otherLabels"] = [_cell(o) for o in labels[1:]]
            elif preferred:
                row["label"] = [_cell(preferred[0])]
            else:
                row["label"] = [local_name(str(subject)) or str(subject)]
            for predicate, name in sorted(attr_names.items(), key=lambda item: item[1]):
                cells = [
                    _cell(o) for o in self.objects(subject, predicate) if not self.is_node_object(o)
                ]
                if cells:
                    row[name] = cells
            _add_evidence(row, self.evidence_of(subject))
            rows[subject] = row
        return rows

    def edge_rows(self, edge_types: dict[URIRef, str]) -> list[tuple[str, str, URIRef, RawRow]]:
        by_relation = self.relation_evidence()
        rows = []
        for subject in self.node_iris:
            own_evidence = self.evidence_of(subject)
            for predicate in sorted(edge_types, key=str):
                for o in self.objects(subject, predicate):
                    if not (isinstance(o, URIRef) and o in self.is_node):
                        continue
                    row: RawRow = {
                        "label": [edge_types[predicate]],
                        "predicate": [compact_iri(str(predicate))],
                        "iri": [str(predicate)],
                    }
                    _add_evidence(row, by_relation.get((subject, predicate, o), own_evidence))
                    rows.append((str(subject), str(o), predicate, row))
        return rows

    def project(self) -> PropertyGraph:
        literal_predicates: set[URIRef] = set()
        edge_predicates: set[URIRef] = set()
        for subject in self.node_iris:
            for predicate, objects in self.out[subject].items():
                if predicate in _SKIPPED:
                    continue
                if any(self.is_node_object(o) for o in objects):
                    edge_predicates.add(predicate)
                if predicate != RDFS.label and not all(self.is_node_object(o) for o in objects):
                    literal_predicates.add(predicate)
        node_rows = self.node_rows(name_predicates(literal_predicates, RESERVED_NODE))
        edge_types = name_predicates(edge_predicates, frozenset())
        edge_rows = self.edge_rows(edge_types)
        # Class names become Neo4j labels and APOC ":A:B" strings: identifier-safe, and
        # distinct even when two vocabularies share a local name (akg:X wins "X").
        class_names = name_predicates(
            {t for s in self.node_iris for t in self.types[s]}, frozenset()
        )
        node_types: dict[URIRef, tuple[str, ...]] = {}
        for subject, row in node_rows.items():
            names = sorted({class_names[t] for t in self.types[subject]})
            primary = primary_type(names or ["Resource"])
            node_types[subject] = (primary, *[n for n in names if n != primary])
            row["type"] = [primary]
            row["labels"] = ["".join(f":{name}" for name in node_types[subject])]
            row["color"] = [colour_for(primary)]

        degree: dict[str, int] = defaultdict(int)
        for source, target, _, row in edge_rows:
            structural = is_structural(node_types[URIRef(source)][0], node_types[URIRef(target)][0])
            row["structural"] = [Literal(structural)]
            if not structural:
                degree[source] += 1
                degree[target] += 1

        node_keys = _decide_keys(node_rows.values())
        node_keys["size"] = Key("size", "double", False)
        edge_keys = _decide_keys(row for _, _, _, row in edge_rows)
        nodes = []
        for subject, row in node_rows.items():
            attributes = _typed(row, node_keys)
            attributes["size"] = size_for(degree[str(subject)])
            nodes.append(Node(str(subject), node_types[subject], dict(sorted(attributes.items()))))
        facts = self.relation_facts()
        edges = []
        for source, target, predicate, row in edge_rows:
            stating = facts.get((URIRef(source), predicate, URIRef(target)), [])
            edges.append(
                Edge(
                    edge_id(source, str(predicate), target, stating),
                    source,
                    target,
                    edge_types[predicate],
                    _typed(row, edge_keys),
                )
            )
        return PropertyGraph(
            nodes,
            edges,
            [node_keys[name] for name in sorted(node_keys)],
            [edge_keys[name] for name in sorted(edge_keys)],
        )


def project(graph: Graph) -> PropertyGraph:
    """The property graph of ``graph``: sorted, so the same triples give the same graph."""
    return _Projector(graph).project()


_MEMO = "_property_graph"


def project_article(article: ArticleGraph) -> PropertyGraph:
    """The article's property graph, computed once however many exporters ask for it.

    GraphML, strict GraphML, GEXF and Neo4j each need it and it costs as much as writing
    all of them, so it is kept on the article (an ArticleGraph is a finished article: its
    graph is not edited after it is made). The triple count it was computed from is kept
    with it, so that a graph changed anyway is projected again rather than served stale.
    Exporters only read the result.
    """
    cached = article.__dict__.get(_MEMO)
    size = len(article.graph)
    if cached is None or cached[0] != size:
        cached = (size, project(article.graph))
        # ArticleGraph is frozen; the memo is not one of its fields (not compared, hashed
        # or shown) and only ever holds what project() gives for the same graph.
        object.__setattr__(article, _MEMO, cached)
    projected: PropertyGraph = cached[1]
    return projected


def edge_id(source: str, predicate: str, target: str, facts: Iterable[str] = ()) -> str:
    """An id from what the edge says (endpoints, predicate IRI, the facts stating it), not
    from its position: an edited article keeps the ids of the edges it still has, so a
    re-run ``load.cypher`` MERGEs onto them instead of adding copies."""
    text = "\n".join([source, predicate, target, *sorted(facts)])
    return "e" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _offset(cell: Cell | None) -> int:
    try:
        return int(str(cell)) if cell is not None else -1
    except ValueError:
        return -1


def _cell(term: Object) -> Cell:
    return term if isinstance(term, Literal) else compact_iri(str(term))


def _add_evidence(row: RawRow, items: list[Evidence]) -> None:
    """The first evidence (by offset) in plain columns, any further ones as JSON objects.

    Most facts have one quote; keeping it in scalar columns keeps it readable in Gephi's
    data table and typed (offsets as numbers) instead of turning every fact's quote into
    JSON because one fact somewhere has two.
    """
    if not items:
        return
    first, *rest = items
    for name, cell in first.items():
        row[name] = [cell]
    if rest:
        row["otherEvidence"] = [
            json.dumps([_evidence_json(item) for item in rest], ensure_ascii=False, sort_keys=True)
        ]


def _evidence_json(item: Evidence) -> dict[str, str | int]:
    found: dict[str, str | int] = {}
    for name, cell in item.items():
        text = cell_text(cell)
        found[name] = (
            int(text) if name in ("evidenceStart", "evidenceEnd") and text.isdigit() else text
        )
    return found


def _decide_keys(rows: Iterable[RawRow]) -> dict[str, Key]:
    columns: dict[str, list[list[Cell]]] = defaultdict(list)
    for row in rows:
        for name, cells in row.items():
            columns[name].append(cells)
    return {name: Key(name, *decide_key(cells)) for name, cells in columns.items()}


def _typed(row: RawRow, keys: dict[str, Key]) -> dict[str, Value]:
    """Typed values; empty strings are left out (readers turn empty cells into 0 or False)."""
    typed: dict[str, Value] = {}
    for name in sorted(row):
        key = keys[name]
        value = list_text(row[name]) if key.is_list else convert(row[name][0], key.type)
        if value != "":
            typed[name] = value
    return typed
