"""The RDF exports parse, in rdflib, Oxigraph, rapper and Jena, to the graph that was given."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic, to_isomorphic

from articlekg.errors import ExportError
from articlekg.export import EXPORTERS, format_names, get_exporter, write_corpus
from articlekg.export.jsonld import jsonld_document
from articlekg.export.ntriples import ntriples_text
from articlekg.export.turtle import turtle_text
from articlekg.vocab import AKG
from test_export_samples import (
    REPO,
    article,
    hostile_graph,
    jena_validate,
    rapper_count,
    sample_graph,
    seed_graph,
)

RDF_FILES = {
    "turtle": ".ttl",
    "ntriples": ".nt",
    "jsonld": ".jsonld",
    "trig": ".trig",
    "nquads": ".nq",
}
OX_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
}
RAPPER_SYNTAX = {".ttl": "turtle", ".nt": "ntriples", ".trig": "trig", ".nq": "nquads"}
GRAPHS = {"sample": sample_graph, "hostile": hostile_graph, "seed": seed_graph}


def write_rdf(graph: Graph, outdir: Path) -> dict[str, Path]:
    art = article(graph)
    return {name: get_exporter(name).write(art, outdir)[0] for name in RDF_FILES}


def rdflib_read(path: Path, name: str) -> Graph:
    if path.suffix in (".trig", ".nq"):
        dataset = Dataset()
        dataset.parse(path, format="trig" if path.suffix == ".trig" else "nquads")
        names = {g.identifier for g in dataset.graphs() if len(g)}
        assert names == {URIRef(name)}, f"{path.name}: named graphs {names}"
        return Graph() + dataset.graph(URIRef(name))
    fmt = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld"}[path.suffix]
    return Graph().parse(path, format=fmt)


def ox_terms(term: ox.NamedNode | ox.Literal | ox.BlankNode) -> URIRef | Literal:
    assert not isinstance(term, ox.BlankNode), "a blank node appeared in an export"
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype == ox.NamedNode("http://www.w3.org/2001/XMLSchema#string"):
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def oxigraph_read(path: Path, name: str) -> Graph:
    graph = Graph()
    for quad in ox.parse(path=str(path), format=OX_FORMATS[path.suffix]):
        if path.suffix in (".trig", ".nq"):
            assert quad.graph_name == ox.NamedNode(name), f"{path.name}: {quad.graph_name}"
        graph.add((ox_terms(quad.subject), ox_terms(quad.predicate), ox_terms(quad.object)))
    return graph


@pytest.mark.parametrize("graph_name", sorted(GRAPHS))
def test_every_rdf_format_reads_back_isomorphic_in_rdflib(graph_name: str, tmp_path: Path) -> None:
    graph = GRAPHS[graph_name]()
    art = article(graph)
    for path in write_rdf(graph, tmp_path).values():
        back = rdflib_read(path, str(art.name))
        assert len(back) == len(graph), path.name
        assert isomorphic(back, graph), f"{path.name} does not read back as the same graph"


@pytest.mark.parametrize("graph_name", sorted(GRAPHS))
def test_every_rdf_format_passes_oxigraph_with_the_same_triples(
    graph_name: str, tmp_path: Path
) -> None:
    graph = GRAPHS[graph_name]()
    art = article(graph)
    for path in write_rdf(graph, tmp_path).values():
        back = oxigraph_read(path, str(art.name))
        # Oxigraph lower-cases language tags; compare on that footing.
        expected = {
            (
                s,
                p,
                Literal(o, lang=o.language.lower()) if isinstance(o, Literal) and o.language else o,
            )
            for s, p, o in graph
        }
        assert set(back) == expected, f"{path.name} reads back differently in Oxigraph"


@pytest.mark.parametrize("graph_name", sorted(GRAPHS))
def test_rapper_counts_every_triple(graph_name: str, tmp_path: Path) -> None:
    graph = GRAPHS[graph_name]()
    for path in write_rdf(graph, tmp_path).values():
        if path.suffix in RAPPER_SYNTAX:
            assert rapper_count(path, RAPPER_SYNTAX[path.suffix]) == len(graph), path.name


def test_jena_riot_validates_turtle_ntriples_trig_and_nquads(tmp_path: Path) -> None:
    paths = []
    for graph_name, build in sorted(GRAPHS.items()):
        written = write_rdf(build(), tmp_path / graph_name)
        paths += [p for p in written.values() if p.suffix in RAPPER_SYNTAX]
    jena_validate(*paths)


def test_jena_rejects_what_it_should_so_the_check_is_real(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text('<http://a/b c> <http://a/p> "x" .\n', encoding="utf-8")
    with pytest.raises(AssertionError, match="riot --validate failed"):
        jena_validate(bad)


def test_ntriples_lines_are_sorted_and_one_triple_each() -> None:
    text = ntriples_text(sample_graph())
    lines = text.splitlines()
    assert lines == sorted(lines) and len(lines) == len(sample_graph())
    assert all(line.endswith(" .") for line in lines)


def test_control_characters_are_escaped_not_written_raw() -> None:
    text = ntriples_text(hostile_graph()) + turtle_text(hostile_graph())
    assert "\\u0007" in text and "\x07" not in text


def test_jsonld_context_names_terms_readably_and_keeps_big_numbers_exact() -> None:
    doc = jsonld_document(hostile_graph())
    context = doc["@context"]
    assert context["sampleSize"] == {"@id": "akg:sampleSize", "@type": "xsd:integer"}
    assert context["mentions"] == {"@id": "akg:mentions", "@type": "@id"}
    weird = next(n for n in doc["@graph"] if "sampleSize" in n)
    assert weird["sampleSize"] == str(2**53 + 1), "numbers travel as exact lexical strings"
    sample = jsonld_document(sample_graph())
    assert sample["@context"]["datePublished"] == {
        "@id": "schema:datePublished",
        "@type": "xsd:date",
    }
    article_node = next(n for n in sample["@graph"] if n.get("@type") == "Article")
    assert article_node["author"] == "A. Writer"


def test_trig_and_nquads_name_the_graph_with_the_article_iri(tmp_path: Path) -> None:
    written = write_rdf(sample_graph(), tmp_path)
    trig = written["trig"].read_text(encoding="utf-8")
    assert "<https://w3id.org/articlekg/id/graph/sample> {" in trig
    assert "_:" not in trig and "_:" not in written["nquads"].read_text(encoding="utf-8")


def test_corpus_keeps_each_article_in_its_own_named_graph(tmp_path: Path) -> None:
    one, two = article(sample_graph(), "one"), article(hostile_graph(), "two")
    paths = write_corpus([two, one], tmp_path, stem="corpus")
    assert [p.name for p in paths] == ["corpus.trig", "corpus.nq"]
    for path in paths:
        dataset = Dataset()
        dataset.parse(path, format="trig" if path.suffix == ".trig" else "nquads")
        for art in (one, two):
            assert isomorphic(Graph() + dataset.graph(art.name), art.graph), path.name
        quads = list(ox.parse(path=str(path), format=OX_FORMATS[path.suffix]))
        assert len(quads) == len(one.graph) + len(two.graph)
        assert rapper_count(path, RAPPER_SYNTAX[path.suffix]) == len(quads)
    jena_validate(*paths)


def test_corpus_refuses_two_articles_with_one_graph_name(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="share the graph name"):
        write_corpus([article(sample_graph()), article(hostile_graph())], tmp_path)


def test_blank_nodes_and_invalid_iris_are_refused_with_a_clear_error(tmp_path: Path) -> None:
    with_blank = sample_graph()
    with_blank.add((BNode(), AKG.quote, Literal("x")))
    bad_iri = sample_graph()
    bad_iri.add((URIRef("https://w3id.org/articlekg/id/a b"), AKG.quote, Literal("x")))
    for graph, message in ((with_blank, "blank nodes"), (bad_iri, "not a valid absolute IRI")):
        for exporter in EXPORTERS:
            with pytest.raises(ExportError, match=message):
                exporter.write(article(graph), tmp_path)


def test_ill_typed_literals_are_refused_by_every_exporter(tmp_path: Path) -> None:
    graph = sample_graph()
    graph.add(
        (
            URIRef("https://w3id.org/articlekg/id/x"),
            AKG.year,
            Literal("twenty", datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer")),
        )
    )
    for exporter in EXPORTERS:
        with pytest.raises(ExportError, match=r"'twenty' is not a valid <.*#integer> value"):
            exporter.write(article(graph), tmp_path)


def test_format_choices_come_from_the_registry() -> None:
    assert format_names() == [e.name for e in EXPORTERS]
    assert {"turtle", "ntriples", "jsonld", "trig", "nquads", "graphml", "gexf", "neo4j"} <= set(
        format_names()
    )
    with pytest.raises(ExportError, match="choose from"):
        get_exporter("rdfxml")


def _all_bytes(outdir: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(outdir)): p.read_bytes() for p in sorted(outdir.rglob("*")) if p.is_file()
    }


WRITE_ALL = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from test_export_samples import article, hostile_graph, sample_graph, seed_graph
from articlekg.export import EXPORTERS
out = Path(sys.argv[1])
graphs = (("sample", sample_graph), ("hostile", lambda: hostile_graph(False)), ("seed", seed_graph))
for name, build in graphs:
    for exporter in EXPORTERS:
        exporter.write(article(build(), name), out)
"""


def test_every_format_is_byte_identical_across_runs_and_hash_seeds(tmp_path: Path) -> None:
    outputs = []
    for seed in ("0", "1", "12345"):
        outdir = tmp_path / f"seed{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-c", WRITE_ALL, str(outdir), str(REPO / "tests")],
            check=True,
            env=env,
            timeout=300,
        )
        outputs.append(_all_bytes(outdir))
    assert len(outputs[0]) >= 3 * (len(EXPORTERS) + 2)
    assert outputs[0] == outputs[1] == outputs[2]
    assert not any(name.endswith(".tmp") for name in outputs[0])


def test_isomorphism_is_not_vacuous() -> None:
    changed = sample_graph()
    changed.add((URIRef("https://w3id.org/articlekg/id/x"), AKG.quote, Literal("extra")))
    assert to_isomorphic(changed) != to_isomorphic(sample_graph())


def test_oxigraph_cli_loads_the_dataset_files_into_their_named_graph(tmp_path: Path) -> None:
    """What docs/export-targets.md tells Oxigraph users to run, run here."""
    oxigraph = Path(sys.executable).with_name("oxigraph")
    assert oxigraph.is_file(), "the oxigraph CLI is missing: pip install -e '.[test]'"
    graph = sample_graph()
    art = article(graph)
    written = write_rdf(graph, tmp_path / "files")
    for fmt in ("trig", "nquads"):
        store_dir = tmp_path / f"store-{fmt}"
        load = subprocess.run(
            [str(oxigraph), "load", "--location", str(store_dir), "--file", str(written[fmt])],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert load.returncode == 0, load.stderr
        store = ox.Store.read_only(str(store_dir))
        count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{art.name}> {{ ?s ?p ?o }} }}"
        rows = list(store.query(count))
        assert int(rows[0]["n"].value) == len(graph), fmt
        default_count = list(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))
        assert int(default_count[0]["n"].value) == 0, "nothing lands in the default graph"
