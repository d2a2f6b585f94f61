"""The property-graph projection, and GraphML/GEXF as graphology, igraph and networkx read them."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import igraph
import networkx as nx
import pytest
from rdflib import RDF, Graph, URIRef

from articlekg.errors import ExportError
from articlekg.export import get_exporter
from articlekg.export.gexf import rgb
from articlekg.export.projection import PropertyGraph, project
from articlekg.export.style import size_for
from articlekg.vocab import AKG, SCHEMA
from test_export_samples import (
    ABOVE_2_53,
    article,
    graphology_read,
    hostile_graph,
    sample_graph,
    seed_graph,
    xmllint_relaxng,
)

GRAPHML_TYPES = {"boolean", "int", "long", "float", "double", "string"}
GRAPHS = {
    "sample": sample_graph,
    "hostile": lambda: hostile_graph(control=False),
    "seed": seed_graph,
}
F = "https://w3id.org/articlekg/id/article/sample/finding/f1"
MASSAGE = "https://w3id.org/articlekg/concept/massage"


def export(graph: Graph, fmt: str, outdir: Path) -> Path:
    return get_exporter(fmt).write(article(graph), outdir)[0]


def node_attrs(pg: PropertyGraph) -> dict[str, dict[str, Any]]:
    return {node.id: node.attributes for node in pg.nodes}


def edge_attrs(pg: PropertyGraph) -> dict[str, tuple[str, str, dict[str, Any]]]:
    return {edge.id: (edge.source, edge.target, edge.attributes) for edge in pg.edges}


def test_projection_folds_evidence_into_facts_and_their_edges() -> None:
    pg = project(sample_graph())
    nodes = node_attrs(pg)
    assert not any("Evidence" in node.types for node in pg.nodes)
    finding = nodes[F]
    assert finding["evidenceQuote"] == "Massage reduced pain in 72 patients (RCT)."
    assert (finding["evidenceStart"], finding["evidenceEnd"]) == (10, 52)
    assert finding["effect"] == "akg:reduces", "enumeration values are attributes, not nodes"
    assert finding["significant"] is True
    to_massage = next(e for e in pg.edges if e.source == F and e.target == MASSAGE)
    assert to_massage.type == "intervention"
    assert to_massage.attributes["evidenceQuote"] == finding["evidenceQuote"]
    assert to_massage.attributes["predicate"] == "akg:intervention"
    assert to_massage.attributes["iri"] == "https://w3id.org/articlekg/ontology#intervention"
    assert json.loads(str(finding["otherEvidence"])) == [
        {
            "evidenceEnd": 230,
            "evidenceIri": f"{F.rsplit('/', 2)[0]}/evidence/e4",
            "evidenceQuote": "Pain scores fell after massage.",
            "evidenceStart": 200,
        }
    ]
    caused = next(e for e in pg.edges if e.type == "causedBy")
    assert caused.attributes["evidenceQuote"] == "caused by cancer", "relation edge evidence"


def test_projection_types_labels_colours_and_sizes() -> None:
    pg = project(sample_graph())
    pain = next(n for n in pg.nodes if n.id.endswith("bone-pain"))
    assert pain.types == ("Condition", "Outcome")
    assert pain.attributes["type"] == "Condition"
    assert pain.attributes["labels"] == ":Condition:Outcome"
    assert all(re.fullmatch(r"#[0-9a-f]{6}", str(n.attributes["color"])) for n in pg.nodes)
    primary = {n.id: n.types[0] for n in pg.nodes}
    for e in pg.edges:
        touches_document = {primary[e.source], primary[e.target]} & {"Article", "Section"}
        assert e.attributes["structural"] is bool(touches_document), (e.type, e.source)
    assert any(e.attributes["structural"] for e in pg.edges)
    degree = {n.id: 0 for n in pg.nodes}
    for e in pg.edges:
        if not e.attributes["structural"]:
            degree[e.source] += 1
            degree[e.target] += 1
    by_size = sorted(pg.nodes, key=lambda n: float(n.attributes["size"]))
    assert degree[by_size[-1].id] == max(degree.values()), "size grows with domain degree"
    article = next(n for n in pg.nodes if n.types[0] == "Article")
    assert article.attributes["size"] == size_for(0), "structural edges do not size a node"
    massage = next(n for n in pg.nodes if n.id == MASSAGE)
    assert massage.attributes["altLabel"] == '["massage therapy", "therapeutic massage"]'
    assert not any(n.id.endswith("#percent") for n in pg.nodes)


@pytest.mark.parametrize("graph_name", sorted(GRAPHS))
def test_projection_meets_the_consumer_rules(graph_name: str) -> None:
    pg = project(GRAPHS[graph_name]())
    assert len({e.id for e in pg.edges}) == len(pg.edges), "edge ids are unique"
    assert {k.type for k in pg.node_keys + pg.edge_keys} <= GRAPHML_TYPES
    for item in [n.attributes for n in pg.nodes] + [e.attributes for e in pg.edges]:
        for value in item.values():
            assert value != "" and value is not None
            assert not (isinstance(value, float) and not math.isfinite(value))
            assert not (isinstance(value, int) and abs(value) > 2**53)
    for node in pg.nodes:
        assert {"iri", "label", "type", "labels", "color", "size"} <= set(node.attributes)


def test_hostile_values_keep_their_exact_text() -> None:
    pg = project(hostile_graph(control=False))
    weird = next(n for n in pg.nodes if "caf" in n.id)
    assert weird.attributes["sampleSize"] == str(ABOVE_2_53), "beyond 2^53: a string column"
    assert weird.attributes["effectSize"] == "0.12345678901234567890123"
    assert weird.attributes["pValue"] == "NaN" and weird.attributes["scaleMax"] == "INF"
    plain = next(n for n in pg.nodes if n.id.endswith("/plain"))
    assert "attributeNote" not in plain.attributes, "empty values are left out"
    assert plain.attributes["location"] == "   "
    parallel = [e.type for e in pg.edges if e.target == weird.id and e.source.endswith("/sample")]
    assert sorted(parallel) == ["centralEntity", "mentions", "supportingEntity"]
    bare = next(n for n in pg.nodes if n.id.endswith("/bare"))
    assert bare.attributes["type"] == "Resource" and bare.attributes["label"] == "bare"


@pytest.mark.parametrize("graph_name", sorted(GRAPHS))
@pytest.mark.parametrize("fmt", ["graphml", "graphml-strict"])
def test_graphml_reads_back_in_networkx(graph_name: str, fmt: str, tmp_path: Path) -> None:
    graph = GRAPHS[graph_name]()
    pg = project(graph)
    back = nx.read_graphml(export(graph, fmt, tmp_path), force_multigraph=True)
    assert back.is_directed()
    assert dict(back.nodes(data=True)) == node_attrs(pg)
    # With several edges per pair networkx keys them by their GraphML edge id.
    edges = {key: (s, t, data) for s, t, key, data in back.edges(keys=True, data=True)}
    assert edges == edge_attrs(pg)


def _igraph_value(value: Any) -> Any:
    return float(value) if isinstance(value, int) and not isinstance(value, bool) else value


@pytest.mark.parametrize("graph_name", sorted(GRAPHS))
def test_graphml_reads_back_in_igraph(graph_name: str, tmp_path: Path) -> None:
    graph = GRAPHS[graph_name]()
    pg = project(graph)
    back = igraph.Graph.Read_GraphML(str(export(graph, "graphml", tmp_path)))
    assert back.is_directed()
    assert (back.vcount(), back.ecount()) == (len(pg.nodes), len(pg.edges))
    expected = node_attrs(pg)
    booleans = {k.name for k in pg.node_keys if k.type == "boolean"}
    # igraph 1.0's reader reports "&" inside XML attributes (the node id) as "&#38;"
    # (text content is decoded correctly); the exact IRI is in the "iri" attribute.
    ids = [str(v).replace("&#38;", "&") for v in back.vs["id"]]
    assert sorted(ids) == sorted(expected)
    for vertex, vertex_id in zip(back.vs, ids, strict=True):
        # igraph has no missing values: it fills absent strings with "", numbers with NaN
        # and booleans with False, so those readings stand for "absent".
        attrs = {
            k: v
            for k, v in vertex.attributes().items()
            if k != "id"
            and v != ""
            and not (isinstance(v, float) and math.isnan(v))
            and not (k in booleans and v is False and k not in expected[vertex_id])
        }
        want = {k: _igraph_value(v) for k, v in expected[vertex_id].items()}
        assert attrs == want
    # igraph does not keep GraphML edge ids: match edges by endpoints and type instead.
    got_edges = []
    for edge in back.es:
        attrs = {
            k: v
            for k, v in edge.attributes().items()
            if k != "id" and v not in ("", None) and not (isinstance(v, float) and math.isnan(v))
        }
        got_edges.append((ids[edge.source], ids[edge.target], sorted(attrs.items())))
    want_edges = [
        (e.source, e.target, sorted((k, _igraph_value(v)) for k, v in e.attributes.items()))
        for e in pg.edges
    ]
    assert sorted(got_edges) == sorted(want_edges)


@pytest.mark.parametrize("graph_name", sorted(GRAPHS))
def test_graphml_reads_back_in_graphology(graph_name: str, tmp_path: Path) -> None:
    graph = GRAPHS[graph_name]()
    pg = project(graph)
    back = graphology_read("graphml", export(graph, "graphml", tmp_path))
    assert back["type"] == "directed" and back["order"] == len(pg.nodes)
    assert back["size"] == len(pg.edges)
    assert back["nodes"] == node_attrs(pg)
    assert {k: (e["source"], e["target"], e["attributes"]) for k, e in back["edges"].items()} == (
        edge_attrs(pg)
    )


@pytest.mark.parametrize("graph_name", sorted(GRAPHS))
def test_gexf_validates_and_reads_back_in_graphology(graph_name: str, tmp_path: Path) -> None:
    graph = GRAPHS[graph_name]()
    pg = project(graph)
    path = export(graph, "gexf", tmp_path)
    xmllint_relaxng(path)
    back = graphology_read("gexf", path)
    assert back["type"] == "directed" and back["order"] == len(pg.nodes)
    expected_nodes = {}
    for node in pg.nodes:
        attrs = dict(node.attributes)
        attrs["color"] = "rgb({},{},{})".format(*rgb(str(attrs["color"])))
        expected_nodes[node.id] = attrs
    assert back["nodes"] == expected_nodes
    expected_edges = {
        e.id: (e.source, e.target, {**e.attributes, "kind": e.type}) for e in pg.edges
    }
    assert {k: (e["source"], e["target"], e["attributes"]) for k, e in back["edges"].items()} == (
        expected_edges
    )


@pytest.mark.parametrize("graph_name", sorted(GRAPHS))
def test_gexf_reads_back_in_networkx(graph_name: str, tmp_path: Path) -> None:
    graph = GRAPHS[graph_name]()
    pg = project(graph)
    back = nx.read_gexf(export(graph, "gexf", tmp_path), version="1.3")
    assert back.is_directed() and back.number_of_nodes() == len(pg.nodes)
    assert back.number_of_edges() == len(pg.edges)
    for node in pg.nodes:
        data = dict(back.nodes[node.id])
        viz = data.pop("viz")
        assert viz["size"] == node.attributes["size"]
        assert (viz["color"]["r"], viz["color"]["g"], viz["color"]["b"]) == rgb(
            str(node.attributes["color"])
        )
        expected = {k: v for k, v in node.attributes.items() if k not in ("color", "size")}
        assert data == expected
    for s, t, data in back.edges(data=True):
        source, target, attrs = edge_attrs(pg)[data["id"]]
        assert (s, t) == (source, target)
        assert data["label"] == attrs["label"] and data["predicate"] == attrs["predicate"]


def test_gexf_check_is_real_an_invalid_file_fails_the_schema(tmp_path: Path) -> None:
    path = export(sample_graph(), "gexf", tmp_path)
    path.write_text(path.read_text().replace('version="1.3"', 'version="9"'), encoding="utf-8")
    with pytest.raises(AssertionError, match=r"fails the GEXF 1\.3 schema"):
        xmllint_relaxng(path)


def test_graphml_markup_follows_the_consumer_rules(tmp_path: Path) -> None:
    text = export(sample_graph(), "graphml", tmp_path).read_text(encoding="utf-8")
    strict = export(sample_graph(), "graphml-strict", tmp_path).read_text(encoding="utf-8")
    assert 'edgedefault="directed"' in text and "<default" not in text
    assert '<key id="labels" for="node" attr.name="labels"' in text
    assert '<key id="label" for="node" attr.name="label"' in text
    assert re.search(
        r'<edge id="e[0-9a-f]{16}" source="[^"]+" target="[^"]+" label="intervention">', text
    )
    assert " label=" not in "".join(line for line in strict.splitlines() if "<edge " in line)
    assert set(re.findall(r'attr\.type="(\w+)"', text)) <= GRAPHML_TYPES


@pytest.mark.parametrize("fmt", ["graphml", "graphml-strict", "gexf"])
def test_xml_exports_refuse_control_characters_with_a_clear_error(fmt: str, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"U\+0007 .* cannot be written in XML 1\.0"):
        export(hostile_graph(control=True), fmt, tmp_path)
    assert not list(tmp_path.iterdir()), "nothing half-written is left behind"


def test_carriage_returns_and_tabs_survive_in_xml(tmp_path: Path) -> None:
    pg = project(hostile_graph(control=False))
    quote = next(n for n in pg.nodes if "finding" in n.id).attributes["evidenceQuote"]
    assert "\r\n" in str(quote) and "\t" in str(quote)
    back = graphology_read("gexf", export(hostile_graph(control=False), "gexf", tmp_path))
    finding = next(v for k, v in back["nodes"].items() if "finding" in k)
    assert finding["evidenceQuote"] == quote


def test_seed_projection_carries_findings_with_their_quotes() -> None:
    graph = seed_graph()
    pg = project(graph)
    findings = [n for n in pg.nodes if n.attributes["type"] == "Finding"]
    assert findings and all("evidenceQuote" in n.attributes for n in findings)
    text_nodes = {str(s) for s in graph.subjects()} - {n.id for n in pg.nodes}
    folded = ("/evidence/", "ontology#", "/concept/code/")
    assert all(any(part in iri for part in folded) for iri in text_nodes), (
        "only evidence, enumeration values and medical codes are folded away"
    )
    assert any(e.type == "intervention" and "evidenceQuote" in e.attributes for e in pg.edges)
    assert sum(1 for n in pg.nodes if n.attributes["type"] == "Article") == 1


def test_classes_sharing_a_local_name_get_distinct_identifier_safe_labels() -> None:
    graph = sample_graph()
    art = next(iter(graph.subjects(RDF.type, AKG.Article)))
    graph.add((art, RDF.type, URIRef("http://www.w3.org/ns/prov#Article")))
    graph.add((art, RDF.type, URIRef("https://example.org/classes/odd-name/")))
    # schema.org types mirror akg's for RDF consumers; they are no labels of their own.
    graph.add((art, RDF.type, SCHEMA.Article))
    node = next(n for n in project(graph).nodes if n.id == str(art))
    assert node.types[0] == "Article" and "prov_Article" in node.types
    assert "schema_Article" not in node.types
    assert all(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) for name in node.types)
    assert node.attributes["labels"] == "".join(f":{name}" for name in node.types)


def test_the_projection_is_computed_once_per_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from articlekg.export import projection

    calls: list[Graph] = []

    def counting(graph: Graph) -> PropertyGraph:
        calls.append(graph)
        return project(graph)

    monkeypatch.setattr(projection, "project", counting)
    one = article(sample_graph())
    written = {
        fmt: get_exporter(fmt).write(one, tmp_path / "once")
        for fmt in ("graphml", "graphml-strict", "gexf", "neo4j")
    }
    assert len(calls) == 1
    # Each export equals what an article projected afresh gives.
    for fmt, paths in written.items():
        fresh = get_exporter(fmt).write(article(sample_graph()), tmp_path / "fresh")
        assert [p.read_bytes() for p in paths] == [p.read_bytes() for p in fresh]
    assert len(calls) == 5


def test_a_graph_changed_after_projection_is_projected_again(tmp_path: Path) -> None:
    one = article(sample_graph())
    before = export_text(one, tmp_path / "before")
    one.graph.remove((URIRef(F), None, None))
    after = export_text(one, tmp_path / "after")
    assert F in before and F not in after


def export_text(one: Any, outdir: Path) -> str:
    return get_exporter("graphml").write(one, outdir)[0].read_text(encoding="utf-8")


def test_edge_ids_come_from_content_so_an_edited_article_keeps_the_others() -> None:
    graph = seed_graph()
    before = {(e.source, e.type, e.target): e.id for e in project(graph).edges}
    assert len(set(before.values())) == len(before), "edge ids are unique"
    first_finding = min(s for s in graph.subjects(RDF.type, AKG.Finding))
    for triple in list(graph.triples((first_finding, None, None))):
        graph.remove(triple)
    after = {(e.source, e.type, e.target): e.id for e in project(graph).edges}
    assert len(after) < len(before), "the edit removed edges"
    assert {key: before[key] for key in after} == after
