"""The corpus as one property graph: ``corpus.graphml``, ``corpus.gexf`` and ``corpus.neo4j/``.

A node several articles share (a lexicon concept, a study, an entity with the same
normalised label) has one IRI in every article, so it appears once here. Its evidence is
the evidence of every article that mentions it: the first quote (by article stem, then
offset) stays in the plain ``evidence*`` columns, with ``evidenceArticle`` naming its
article, and every further quote is an object in ``otherEvidence`` whose ``article`` names
its article. ``articles`` (a JSON list of stems) and ``articleCount`` say where a node or
edge comes from. Other attributes agree between articles in practice (they come from the
lexicon or the IRI); where they differ, the first article by stem wins.

Per-article evidence lives in one column per field rather than in a column per article
(``evidence_<stem>``): the GraphML and GEXF key lists and the Neo4j CSV header would
otherwise grow with the corpus, one mostly empty column per article.

Articles are consumed one at a time (:meth:`CorpusGraph.add`) and only their projection is
kept, never their RDF graph, so a build that streams articles from worker processes can
hand the projections over (:meth:`CorpusGraph.add_projection`). The result does not depend
on the order articles arrive in.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef

from articlekg.atomic import write_text
from articlekg.errors import ExportError
from articlekg.export.attributes import AttrType, Value, name_predicates
from articlekg.export.gexf import gexf_text
from articlekg.export.graphml import graphml_text
from articlekg.export.neo4j import (
    NODES_FILE,
    RELATIONSHIPS_FILE,
    SCRIPT_FILE,
    load_cypher,
    nodes_csv,
    relationships_csv,
)
from articlekg.export.projection import Edge, Key, Node, PropertyGraph, project_article
from articlekg.export.registry import ArticleGraph
from articlekg.export.style import colour_for, primary_type, size_for
from articlekg.export.xmltext import lexical

STEM = "corpus"
FORMATS = ("graphml", "gexf", "neo4j")
"""The per-article formats that also get a corpus file (``-f`` picks among them)."""
EVIDENCE_COLUMNS = ("evidenceIri", "evidenceQuote", "evidenceStart", "evidenceEnd")
OTHER_EVIDENCE = "otherEvidence"
EVIDENCE_ARTICLE = "evidenceArticle"
# Recomputed from the whole corpus rather than taken from one article.
_DERIVED_NODE = frozenset({"type", "labels", "color", "size"})

EvidenceItem = dict[str, Value]


@dataclass
class _Seen:
    """What the articles that hold one node (or edge) said about it, by article stem."""

    attributes: dict[str, dict[str, Value]] = field(default_factory=dict)
    types: dict[str, tuple[str, ...]] = field(default_factory=dict)
    lists: dict[str, frozenset[str]] = field(default_factory=dict)
    """The columns that hold JSON lists in each article's projection."""


class CorpusGraph:
    """Merges articles' property graphs, shared nodes and edges (same id) once."""

    def __init__(self) -> None:
        self._nodes: dict[str, _Seen] = defaultdict(_Seen)
        self._edges: dict[str, _Seen] = defaultdict(_Seen)
        self._ends: dict[str, tuple[str, str]] = {}
        self._list_columns: dict[str, set[str]] = {"node": set(), "edge": set()}
        self._stems: set[str] = set()

    def add(self, article: ArticleGraph) -> None:
        self.add_projection(article.stem, project_article(article))

    def add_projection(self, stem: str, pg: PropertyGraph) -> None:
        if stem in self._stems:
            raise ExportError(f"the corpus already holds an article named {stem!r}")
        self._stems.add(stem)
        node_lists = frozenset(k.name for k in pg.node_keys if k.is_list)
        edge_lists = frozenset(k.name for k in pg.edge_keys if k.is_list)
        self._list_columns["node"].update(node_lists)
        self._list_columns["edge"].update(edge_lists)
        for node in pg.nodes:
            seen = self._nodes[node.id]
            seen.attributes[stem] = node.attributes
            seen.types[stem] = node.types
            seen.lists[stem] = node_lists
        for edge in pg.edges:
            seen = self._edges[edge.id]
            seen.attributes[stem] = edge.attributes
            seen.types[stem] = (edge.type,)
            seen.lists[stem] = edge_lists
            self._ends[edge.id] = (edge.source, edge.target)

    def property_graph(self) -> PropertyGraph:
        if not self._stems:
            raise ExportError("a corpus export needs at least one article")
        edges = self._merged_edges()
        # Sizes from the domain graph, as in one article's projection: structural edges
        # (to the article, to sections) are not counted.
        degree: dict[str, int] = defaultdict(int)
        for edge in edges:
            if edge.attributes.get("structural") is not True:
                degree[edge.source] += 1
                degree[edge.target] += 1
        nodes = [self._merged_node(node_id, degree[node_id]) for node_id in sorted(self._nodes)]
        node_keys = _typed_columns([n.attributes for n in nodes], self._list_columns["node"])
        edge_keys = _typed_columns([e.attributes for e in edges], self._list_columns["edge"])
        return PropertyGraph(nodes, edges, node_keys, edge_keys)

    def _merged_node(self, node_id: str, degree: int) -> Node:
        seen = self._nodes[node_id]
        names = sorted({name for types in seen.types.values() for name in types})
        primary = primary_type(names or ["Resource"])
        types = (primary, *[name for name in names if name != primary])
        attributes = _merged_attributes(seen, _DERIVED_NODE, self._list_columns["node"])
        attributes.update(
            type=primary,
            labels="".join(f":{name}" for name in types),
            color=colour_for(primary),
            size=size_for(degree),
        )
        return Node(node_id, types, dict(sorted(attributes.items())))

    def _merged_edges(self) -> list[Edge]:
        # Relationship types named over the whole corpus, so one name means one predicate.
        predicates = {
            str(attrs["iri"])
            for seen in self._edges.values()
            for attrs in seen.attributes.values()
            if "iri" in attrs
        }
        type_names = name_predicates({URIRef(p) for p in predicates}, frozenset())
        edges = []
        for edge_id, seen in self._edges.items():
            first = seen.attributes[min(seen.attributes)]
            iri = first.get("iri")
            rel_type = (
                type_names[URIRef(str(iri))] if iri is not None else seen.types[min(seen.types)][0]
            )
            attributes = _merged_attributes(seen, frozenset(), self._list_columns["edge"])
            attributes["label"] = rel_type
            source, target = self._ends[edge_id]
            edges.append(Edge(edge_id, source, target, rel_type, dict(sorted(attributes.items()))))
        return sorted(
            edges, key=lambda e: (e.source, str(e.attributes.get("iri", "")), e.target, e.id)
        )


def _merged_attributes(
    seen: _Seen, derived: frozenset[str], list_columns: set[str]
) -> dict[str, Value]:
    """First article's value wins; a single value where other articles have a list of them
    becomes a one-item list, so a column is a list everywhere or nowhere."""
    stems = sorted(seen.attributes)
    merged: dict[str, Value] = {}
    for stem in stems:
        for name, value in seen.attributes[stem].items():
            if name in derived or name in EVIDENCE_COLUMNS or name == OTHER_EVIDENCE:
                continue
            if name in list_columns and name not in seen.lists[stem]:
                single = value if isinstance(value, str) else lexical(value)
                value = json.dumps([single], ensure_ascii=False)
            merged.setdefault(name, value)
    evidence = [item for stem in stems for item in _evidence_items(stem, seen.attributes[stem])]
    evidence.sort(key=_evidence_order)
    if evidence:
        first, *rest = evidence
        merged[EVIDENCE_ARTICLE] = first.pop("article")
        merged.update(first)
        if rest:
            merged[OTHER_EVIDENCE] = json.dumps(rest, ensure_ascii=False, sort_keys=True)
    merged["articles"] = json.dumps(stems, ensure_ascii=False)
    merged["articleCount"] = len(stems)
    return merged


def _evidence_items(stem: str, attributes: dict[str, Value]) -> list[EvidenceItem]:
    """One article's evidence for a node or edge: its plain columns and ``otherEvidence``."""
    items: list[EvidenceItem] = []
    plain = {name: attributes[name] for name in EVIDENCE_COLUMNS if name in attributes}
    if plain:
        items.append(plain)
    other = attributes.get(OTHER_EVIDENCE)
    if isinstance(other, str):
        items.extend(json.loads(other))
    return [{"article": stem, **item} for item in items]


def _evidence_order(item: EvidenceItem) -> tuple[str, int, str]:
    start = item.get("evidenceStart")
    offset = start if isinstance(start, int) and not isinstance(start, bool) else -1
    return str(item["article"]), offset, str(item.get("evidenceIri", ""))


def _column_type(values: Sequence[Value]) -> AttrType:
    if all(isinstance(v, bool) for v in values):
        return "boolean"
    if any(isinstance(v, (bool, str)) for v in values):
        return "string"
    if all(isinstance(v, int) for v in values):
        return "long"
    return "double"


def _typed_columns(rows: Sequence[dict[str, Value]], list_columns: set[str]) -> list[Key]:
    """Column types over the whole corpus, values converted in place: a column typed
    differently by two articles falls back as the projection's does (long and double to
    double, anything else to string), and a column that is a list in any article is a list
    (JSON text) everywhere."""
    columns: dict[str, list[Value]] = defaultdict(list)
    for row in rows:
        for name, value in row.items():
            columns[name].append(value)
    keys = {}
    for name, values in columns.items():
        is_list = name in list_columns
        keys[name] = Key(name, "string" if is_list else _column_type(values), is_list)
    for row in rows:
        for name, value in row.items():
            row[name] = _converted(value, keys[name])
    return [keys[name] for name in sorted(keys)]


def _converted(value: Value, key: Key) -> Value:
    if key.type == "string":
        return value if isinstance(value, str) else lexical(value)
    if key.type == "double" and not isinstance(value, float):
        return float(value)
    return value


def corpus_property_graph(articles: Iterable[ArticleGraph]) -> PropertyGraph:
    """The corpus's property graph, reading ``articles`` one at a time."""
    corpus = CorpusGraph()
    for article in articles:
        corpus.add(article)
    return corpus.property_graph()


def write_property_graph(
    pg: PropertyGraph, outdir: Path, formats: Sequence[str] = FORMATS, stem: str = STEM
) -> list[Path]:
    """``<stem>.graphml``, ``<stem>.gexf`` and ``<stem>.neo4j/``, as ``formats`` asks."""
    written = []
    if "graphml" in formats:
        written.append(write_text(outdir / f"{stem}.graphml", graphml_text(pg)))
    if "gexf" in formats:
        description = f"articlekg corpus graph ({len(pg.nodes)} nodes, {len(pg.edges)} edges)"
        written.append(write_text(outdir / f"{stem}.gexf", gexf_text(pg, description)))
    if "neo4j" in formats:
        folder_name = f"{stem}.neo4j"
        folder = outdir / folder_name
        written += [
            write_text(folder / NODES_FILE, nodes_csv(pg)),
            write_text(folder / RELATIONSHIPS_FILE, relationships_csv(pg)),
            write_text(folder / SCRIPT_FILE, load_cypher(pg, folder_name)),
        ]
    return written


def write_corpus_graphs(
    articles: Iterable[ArticleGraph], outdir: Path, formats: Sequence[str] = FORMATS
) -> list[Path]:
    """Merge ``articles`` (read one at a time) and write the corpus property graphs."""
    wanted = [name for name in formats if name in FORMATS]
    if not wanted:
        return []
    return write_property_graph(corpus_property_graph(articles), outdir, wanted)
