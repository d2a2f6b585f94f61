"""The committed exports/ agree with each other: every format carries the seed's Turtle graph.

(The other export tests run every reader over the seed graph; these check the files users
download, so a stale or hand-edited file in exports/ fails here with its name.)
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from articlekg.export import EXPORTERS
from articlekg.export.neo4j import COMMON_LABEL
from articlekg.export.projection import project
from articlekg.export.registry import ArticleGraph
from articlekg.vocab import DEFAULT_BASE_IRI
from test_export_neo4j import read_admin_csv
from test_export_samples import REPO, SEED_EXPORT, SEED_STEM, seed_graph

EXPORTS = REPO / "exports"
GRAPH_NAME = URIRef(f"{DEFAULT_BASE_IRI}graph/{SEED_STEM}")


def test_exports_folder_holds_every_format() -> None:
    assert SEED_EXPORT.is_file(), "exports/ lacks the seed's Turtle: run 'make exports'"
    suffixes = [
        ".ttl",
        ".nt",
        ".jsonld",
        ".trig",
        ".nq",
        ".graphml",
        ".strict.graphml",
        ".gexf",
        ".neo4j",
        ".schema.jsonld",
    ]
    missing = [s for s in suffixes if not (EXPORTS / f"{SEED_STEM}{s}").exists()]
    assert not missing, f"exports/ lacks {missing}: run 'make exports'"


def test_every_committed_rdf_file_carries_the_seed_graph() -> None:
    seed = seed_graph()
    for suffix, fmt in ((".nt", "nt"), (".jsonld", "json-ld")):
        other = Graph().parse(EXPORTS / f"{SEED_STEM}{suffix}", format=fmt)
        assert isomorphic(other, seed), suffix
    for suffix, fmt in ((".trig", "trig"), (".nq", "nquads")):
        dataset = Dataset()
        dataset.parse(EXPORTS / f"{SEED_STEM}{suffix}", format=fmt)
        assert isomorphic(Graph() + dataset.graph(GRAPH_NAME), seed), suffix


def test_committed_property_graph_files_equal_the_projection_of_the_seed() -> None:
    pg = project(seed_graph())
    nodes = {node.id: node.attributes for node in pg.nodes}
    edges = {edge.id: (edge.source, edge.target, edge.attributes) for edge in pg.edges}
    for name in (f"{SEED_STEM}.graphml", f"{SEED_STEM}.strict.graphml"):
        back = nx.read_graphml(EXPORTS / name, force_multigraph=True)
        assert dict(back.nodes(data=True)) == nodes, name
        assert {k: (s, t, d) for s, t, k, d in back.edges(keys=True, data=True)} == edges, name
    gexf = nx.read_gexf(EXPORTS / f"{SEED_STEM}.gexf", version="1.3")
    assert set(gexf.nodes) == set(nodes) and gexf.number_of_edges() == len(edges)
    folder = EXPORTS / f"{SEED_STEM}.neo4j"
    csv_nodes = {
        n["ID"]: (set(n["LABEL"]), n["props"]) for n in read_admin_csv(folder / "nodes.csv")
    }
    assert csv_nodes == {
        n.id: ({*n.types, COMMON_LABEL}, {**n.attributes, "id": n.id}) for n in pg.nodes
    }
    assert len(read_admin_csv(folder / "relationships.csv")) == len(edges)


def test_committed_files_are_what_the_exporters_write_today(tmp_path: Path) -> None:
    article = ArticleGraph(graph=seed_graph(), name=GRAPH_NAME, stem=SEED_STEM)
    for exporter in EXPORTERS:
        for path in exporter.write(article, tmp_path):
            relative = path.relative_to(tmp_path)
            assert (EXPORTS / relative).read_bytes() == path.read_bytes(), (
                f"exports/{relative} differs from what the exporters write: run 'make exports'"
            )
