"""`api.to_networkx`: the property graph in networkx is what the GraphML export holds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import URIRef

from articlekg import api
from articlekg.export import get_exporter
from articlekg.export.corpus_graphs import write_corpus_graphs
from articlekg.export.registry import ArticleGraph
from articlekg.view import read_graphs
from test_export_samples import article, hostile_graph, sample_graph

ROOT = Path(__file__).resolve().parents[1]
SEED = "massage-metastatic-bone-pain"


def contents(graph: Any) -> tuple[dict[str, Any], list[tuple[str, str, str, dict[str, Any]]]]:
    nodes = dict(graph.nodes(data=True))
    edges = sorted(
        ((s, t, k, d) for s, t, k, d in graph.edges(keys=True, data=True)), key=lambda e: e[2]
    )
    return nodes, edges


def graphml_read_back(articles: ArticleGraph, folder: Path) -> Any:
    (path,) = get_exporter("graphml").write(articles, folder)
    return nx.read_graphml(path, force_multigraph=True)


def test_seed_equals_its_graphml_export_read_by_networkx() -> None:
    graph = read_graphs([ROOT / "exports" / f"{SEED}.ttl"])
    name = URIRef(f"https://w3id.org/articlekg/id/graph/{SEED}")
    ours = api.to_networkx(ArticleGraph(graph, name, SEED))
    exported = nx.read_graphml(ROOT / "exports" / f"{SEED}.graphml", force_multigraph=True)
    assert isinstance(ours, nx.MultiDiGraph) and exported.is_directed()
    assert contents(ours) == contents(exported)
    assert ours.number_of_edges() == exported.number_of_edges() > 100


def test_hostile_graph_keeps_every_typed_attribute(tmp_path: Path) -> None:
    sample = article(hostile_graph(control=False), "hostile")
    assert contents(api.to_networkx(sample)) == contents(graphml_read_back(sample, tmp_path))


def test_a_corpus_equals_its_corpus_graphml(tmp_path: Path) -> None:
    first = article(sample_graph(), "first")
    second = article(hostile_graph(control=False), "second")
    corpus = api.to_networkx([first, second])
    (path,) = write_corpus_graphs([first, second], tmp_path, ["graphml"])
    assert contents(corpus) == contents(nx.read_graphml(path, force_multigraph=True))
    one, other = api.to_networkx(first), api.to_networkx(second)
    shared = set(one) & set(other)
    assert shared, "the two samples share a concept"
    assert set(corpus) == set(one) | set(other), "a shared node is one node"


def test_the_readme_example_runs(capsys: Any, monkeypatch: Any) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### networkx: `api.to_networkx`", 1)[1]
    example = section.split("```python\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(ROOT)
    exec(compile(example, "README.md", "exec"), {})
    central, components = capsys.readouterr().out.splitlines()
    assert central.startswith("['massage therapy'")
    assert components.endswith("nodes") and "components; the largest has" in components
