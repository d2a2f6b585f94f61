"""The corpus's property graphs: each shared node once with every article's evidence, read
by graphology (Gephi Lite's parsers), igraph and networkx; the corpus Cypher loaded twice
into FalkorDB, the second time after an article changed, duplicates no relationship."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import igraph
import networkx as nx
import pytest
from rdflib import Graph, URIRef

from articlekg import api
from articlekg.errors import ExportError
from articlekg.export.corpus_graphs import CorpusGraph, write_property_graph
from articlekg.export.projection import project
from articlekg.export.registry import ArticleGraph
from articlekg.export.style import size_for
from conftest import DevCorpus
from falkordb_server import falkordb_server, run_script
from test_export_samples import graphology_read, xmllint_relaxng

GRAPH = "https://w3id.org/articlekg/id/graph/"


@pytest.fixture(scope="module")
def articles(dev_corpus: DevCorpus) -> list[ArticleGraph]:
    """The dev articles' graphs, read back from their Turtle."""
    return [
        ArticleGraph(
            Graph().parse(dev_corpus.out / f"{s.stem}.ttl"), URIRef(GRAPH + s.stem), s.stem
        )
        for s in dev_corpus.sources
    ]


@pytest.fixture(scope="module")
def projections(articles: list[ArticleGraph]) -> dict[str, Any]:
    """Each article's own projection, by stem."""
    return {a.stem: project(a.graph) for a in articles}


@pytest.fixture(scope="module")
def merge_log(dev_corpus: DevCorpus) -> dict[str, list[str]]:
    log = json.loads((dev_corpus.out / "corpus.merge-log.json").read_text(encoding="utf-8"))
    return {entry["iri"]: entry["articles"] for entry in log}


def evidence_of(attributes: dict[str, Any]) -> list[tuple[str, str]]:
    """(article, evidence IRI) of every quote a corpus node or edge carries."""
    found = []
    if "evidenceIri" in attributes:
        found.append((attributes["evidenceArticle"], attributes["evidenceIri"]))
    for item in json.loads(attributes.get("otherEvidence", "[]")):
        found.append((item["article"], item["evidenceIri"]))
    return found


def own_evidence(attributes: dict[str, Any]) -> list[str]:
    found = [attributes["evidenceIri"]] if "evidenceIri" in attributes else []
    return found + [i["evidenceIri"] for i in json.loads(attributes.get("otherEvidence", "[]"))]


def test_a_folder_build_writes_the_corpus_property_graphs(dev_corpus: DevCorpus) -> None:
    out = dev_corpus.out
    for name in ("corpus.graphml", "corpus.gexf", "corpus.neo4j/nodes.csv"):
        assert (out / name).is_file(), name
    assert {p.name for p in (out / "corpus.neo4j").iterdir()} == {
        "nodes.csv",
        "relationships.csv",
        "load.cypher",
    }


def test_networkx_reads_each_shared_node_once_with_every_articles_evidence(
    dev_corpus: DevCorpus, projections: dict[str, Any], merge_log: dict[str, list[str]]
) -> None:
    back = nx.read_graphml(dev_corpus.out / "corpus.graphml", force_multigraph=True)
    holders: dict[str, list[str]] = {}
    for stem, pg in projections.items():
        for node in pg.nodes:
            holders.setdefault(node.id, []).append(stem)
    assert sorted(back.nodes) == sorted(holders), "every article's nodes, each once"
    shared = {node for node, stems in holders.items() if len(stems) > 1}
    assert len(shared) >= 20 and set(merge_log) <= shared
    for node in shared:
        data = back.nodes[node]
        assert json.loads(data["articles"]) == sorted(holders[node])
        assert data["articleCount"] == len(holders[node])
        expected = sorted(
            (stem, iri)
            for stem in holders[node]
            for iri in own_evidence(
                next(n for n in projections[stem].nodes if n.id == node).attributes
            )
        )
        assert sorted(evidence_of(data)) == expected, node
    edges = Counter(key for _, _, key in back.edges(keys=True))
    assert all(count == 1 for count in edges.values()), "edge ids are unique"
    assert len(edges) == len({e.id for pg in projections.values() for e in pg.edges})


def test_gexf_validates_and_networkx_reads_the_same_graph(dev_corpus: DevCorpus) -> None:
    path = dev_corpus.out / "corpus.gexf"
    xmllint_relaxng(path)
    graphml = nx.read_graphml(dev_corpus.out / "corpus.graphml", force_multigraph=True)
    gexf = nx.read_gexf(path, version="1.3")
    assert sorted(gexf.nodes) == sorted(graphml.nodes)
    assert gexf.number_of_edges() == graphml.number_of_edges()


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphology_reads_each_shared_node_once(
    fmt: str, dev_corpus: DevCorpus, merge_log: dict[str, list[str]]
) -> None:
    back = graphology_read(fmt, dev_corpus.out / f"corpus.{fmt}")
    graphml = nx.read_graphml(dev_corpus.out / "corpus.graphml", force_multigraph=True)
    assert back["type"] == "directed" and back["multi"]
    assert back["order"] == graphml.number_of_nodes() == len(back["nodes"])
    assert back["size"] == graphml.number_of_edges()
    for iri, stems in merge_log.items():
        assert json.loads(back["nodes"][iri]["articles"]) == stems


def test_igraph_reads_each_shared_node_once(
    dev_corpus: DevCorpus, merge_log: dict[str, list[str]]
) -> None:
    back = igraph.Graph.Read_GraphML(str(dev_corpus.out / "corpus.graphml"))
    ids = Counter(back.vs["id"])
    assert all(count == 1 for count in ids.values())
    assert set(merge_log) <= set(ids)
    for vertex in back.vs.select(id_in=set(merge_log)):
        assert json.loads(vertex["articles"]) == merge_log[vertex["id"]]


def test_the_merge_does_not_depend_on_the_order_articles_arrive_in(
    dev_corpus: DevCorpus, projections: dict[str, Any], tmp_path: Path
) -> None:
    backwards = CorpusGraph()
    for stem in sorted(projections, reverse=True):
        backwards.add_projection(stem, projections[stem])
    write_property_graph(backwards.property_graph(), tmp_path)
    for name in ("corpus.graphml", "corpus.gexf", "corpus.neo4j/relationships.csv"):
        assert (tmp_path / name).read_bytes() == (dev_corpus.out / name).read_bytes(), name


def relationship_ids(graph: Any) -> Counter[str]:
    rows = graph.query("MATCH ()-[r]->() RETURN r.id").result_set
    return Counter(str(row[0]) for row in rows)


def csv_ids(path: Path, column: str) -> set[str]:
    import csv

    with path.open(encoding="utf-8", newline="") as handle:
        return {row[column] for row in csv.DictReader(handle)}


def test_the_corpus_cypher_loads_twice_into_falkordb_without_duplicating(
    dev_corpus: DevCorpus, articles: list[ArticleGraph], tmp_path: Path
) -> None:
    imports = tmp_path / "import"
    folder = imports / "corpus.neo4j"
    shutil.copytree(dev_corpus.out / "corpus.neo4j", folder)
    first_rels = csv_ids(folder / "relationships.csv", "id")
    first_nodes = csv_ids(folder / "nodes.csv", "id:ID")

    # Edit one article: its text gains a sentence, so it gains facts and edges.
    source = dev_corpus.sources[0]
    text = source.read_text(encoding="utf-8")
    edited = api.build_text(
        text + "\n\nMassage therapy reduced anxiety in 40 patients with cancer.\n", source.name
    ).graph
    corpus = CorpusGraph()
    for article in articles:
        corpus.add(edited if article.stem == edited.stem else article)
    second = tmp_path / "second"
    write_property_graph(corpus.property_graph(), second, formats=["neo4j"])
    second_rels = csv_ids(second / "corpus.neo4j" / "relationships.csv", "id")
    second_nodes = csv_ids(second / "corpus.neo4j" / "nodes.csv", "id:ID")
    assert second_rels - first_rels, "the edit added relationships"
    assert len(first_rels & second_rels) > 0.9 * len(first_rels), "and kept the others' ids"

    with falkordb_server(tmp_path, imports) as client:
        graph = client.select_graph("articlekg")
        run_script(graph, (folder / "load.cypher").read_text(encoding="utf-8"))
        loaded = relationship_ids(graph)
        assert set(loaded) == first_rels and max(loaded.values()) == 1
        nodes = graph.query("MATCH (n:Resource) RETURN count(n)").result_set[0][0]
        assert nodes == len(first_nodes)

        shutil.rmtree(folder)
        shutil.copytree(second / "corpus.neo4j", folder)
        run_script(graph, (folder / "load.cypher").read_text(encoding="utf-8"))
        loaded = relationship_ids(graph)
        # MERGE keeps what the edit dropped and adds what it brought; nothing twice.
        assert set(loaded) == first_rels | second_rels
        assert max(loaded.values()) == 1, [i for i, n in loaded.items() if n > 1][:5]
        nodes = graph.query("MATCH (n:Resource) RETURN count(n)").result_set[0][0]
        assert nodes == len(first_nodes | second_nodes)
        massage = graph.query(
            "MATCH (n:Resource {id: $id}) RETURN n.articleCount, n.articles",
            {"id": "https://w3id.org/articlekg/concept/massage-therapy"},
        ).result_set[0]
        assert massage[0] == len(json.loads(massage[1])) >= 2


def test_the_readme_gives_the_neo4j_admin_command_for_the_corpus() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "--nodes=import/corpus.neo4j/nodes.csv" in readme
    assert "--relationships=import/corpus.neo4j/relationships.csv" in readme


def _pg(stem: str, evidence: list[tuple[int, str]], alt: list[str], year: float | int) -> Any:
    from articlekg.export.projection import Edge, Key, Node, PropertyGraph

    first, *rest = evidence
    node = {
        "iri": "c:x",
        "label": "x",
        "type": "Intervention",
        "year": year,
        "altLabel": json.dumps(alt) if len(alt) > 1 else alt[0],
        "evidenceIri": f"{stem}/ev/{first[0]}",
        "evidenceQuote": first[1],
        "evidenceStart": first[0],
    }
    if rest:
        node["otherEvidence"] = json.dumps(
            [
                {"evidenceIri": f"{stem}/ev/{s}", "evidenceQuote": q, "evidenceStart": s}
                for s, q in rest
            ]
        )
    own = {"iri": f"a:{stem}", "label": stem, "type": "Article", "year": year}
    keys = [
        Key(name, "long" if name == "year" and isinstance(year, int) else "string", False)
        for name in node
    ]
    keys = [Key("altLabel", "string", len(alt) > 1) if k.name == "altLabel" else k for k in keys]
    edge = Edge(
        "e1" + stem,
        f"a:{stem}",
        "c:x",
        "mentions",
        {"iri": "p:mentions", "label": "mentions", "structural": True},
    )
    return PropertyGraph(
        [Node("c:x", ("Intervention",), node), Node(f"a:{stem}", ("Article",), own)],
        [edge],
        keys,
        [
            Key("iri", "string", False),
            Key("label", "string", False),
            Key("structural", "boolean", False),
        ],
    )


def test_a_shared_node_keeps_every_articles_evidence_each_naming_its_article() -> None:
    corpus = CorpusGraph()
    corpus.add_projection("b", _pg("b", [(5, "x helps")], ["X"], 2020.5))
    corpus.add_projection("a", _pg("a", [(9, "x works"), (2, "x")], ["X", "ex"], 2019))
    pg = corpus.property_graph()
    assert [n.id for n in pg.nodes] == ["a:a", "a:b", "c:x"]
    x = pg.nodes[2].attributes
    assert (x["evidenceArticle"], x["evidenceStart"], x["evidenceQuote"]) == ("a", 2, "x")
    others = json.loads(str(x["otherEvidence"]))
    assert [(o["article"], o["evidenceStart"]) for o in others] == [("a", 9), ("b", 5)]
    assert (x["articles"], x["articleCount"]) == ('["a", "b"]', 2)
    assert x["size"] == size_for(0), "structural edges do not count towards the size"
    keys = {k.name: k for k in pg.node_keys}
    assert keys["year"].type == "double" and x["year"] == 2019.0, "long and double give double"
    assert keys["altLabel"].is_list and x["altLabel"] == '["X", "ex"]'
    b_only = CorpusGraph()
    b_only.add_projection("b", _pg("b", [(5, "x helps")], ["X"], 2020.5))
    b_only.add_projection("c", _pg("c", [(1, "x")], ["Y", "Z"], 2020.5))
    x = b_only.property_graph().nodes[2].attributes
    assert x["altLabel"] == '["X"]', "a single value becomes a list where others have lists"
    with pytest.raises(ExportError, match="already holds"):
        corpus.add_projection("a", _pg("a", [(1, "x")], ["X"], 1))
