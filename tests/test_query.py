"""Running queries on files and in the store; resolving query arguments; result formats."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click import BaseCommand
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef

from articlekg import query as query_module
from articlekg.errors import QueryError
from articlekg.query import query_files, query_names, query_store, resolve_query
from articlekg.results import (
    AskResult,
    GraphResult,
    SelectResult,
    Term,
    TermKind,
    canonical,
    render,
)
from articlekg.store import ArticleStore
from sparql_servers import DATA, normal, venv_tool

FILES = [DATA / "alpha.ttl", DATA / "beta.trig"]
MINI_QUERIES = sorted((DATA / "queries").glob("*.rq"))
AKG = "https://w3id.org/articlekg/ontology#"
CONCEPT = "https://w3id.org/articlekg/concept/"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("query") / "store"
    with ArticleStore(folder) as store:
        store.load(FILES)
    return folder


@pytest.mark.parametrize("path", MINI_QUERIES, ids=lambda p: p.stem)
def test_files_and_store_give_the_same_rows(path: Path, store_dir: Path) -> None:
    text = path.read_text()
    on_files = normal(query_files(FILES, text))
    in_store = normal(query_store(store_dir, text))
    assert on_files == in_store
    assert on_files[1], f"{path.name} returns no rows: it would prove nothing"


def test_the_findings_rows_are_what_the_data_says(store_dir: Path) -> None:
    names, rows = normal(query_store(store_dir, (DATA / "queries" / "findings.rq").read_text()))
    assert names == (
        "intervention", "effect", "outcome", "significant",
        "durationMin", "durationMax", "durationUnit",
    )  # fmt: skip
    assert rows == [
        (CONCEPT + "massage", AKG + "reduces", CONCEPT + "pain", True, 16, 18, AKG + "hour"),
        (CONCEPT + "yoga", AKG + "noEffect", CONCEPT + "pain", False, None, None, None),
    ]


def test_a_query_sees_articles_and_ontology_together(store_dir: Path) -> None:
    _, rows = normal(query_files(FILES, (DATA / "queries" / "labels.rq").read_text()))
    assert (CONCEPT + "pain", "douleur", "Outcome") in rows
    assert (CONCEPT + "yoga", "yoga", "Intervention") in rows


def test_without_the_ontology_classes_are_not_known() -> None:
    result = query_files(FILES, (DATA / "queries" / "labels.rq").read_text(), ontology=False)
    assert normal(result)[1] == []


def test_resolve_a_name_a_file_or_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(query_module, "queries_dir", lambda: DATA / "queries")
    assert query_names() == ["counts", "findings", "labels", "quotes"]
    named = resolve_query("findings")
    assert named.source == "findings"
    assert named.text == (DATA / "queries" / "findings.rq").read_text()
    by_path = resolve_query(str(DATA / "queries" / "labels.rq"))
    assert "rdfs:subClassOf+" in by_path.text
    text = "ASK { ?s ?p ?o }"
    assert resolve_query(text).text == text
    with pytest.raises(QueryError, match=r"no query named 'finding' .* did you mean 'findings'"):
        resolve_query("finding")
    with pytest.raises(QueryError, match=r"no query named 'zzz' \(known: counts, findings"):
        resolve_query("zzz")
    with pytest.raises(QueryError, match="no such query file"):
        resolve_query("missing.rq")


def test_the_shipped_queries_are_found_by_name() -> None:
    names = query_names()
    assert "entities" in names, f"ontology/queries holds {names}: the competency queries"
    assert resolve_query("entities").source == "entities"


def test_ask_and_construct(store_dir: Path) -> None:
    assert query_files(FILES, f"ASK {{ ?s a <{AKG}Study> }}") == AskResult(True)
    assert query_store(store_dir, f"ASK {{ ?s a <{AKG}Mechanism> }}") == AskResult(False)
    construct = (
        f"CONSTRUCT {{ ?i <{AKG}affects> ?o }} WHERE {{ ?f <{AKG}intervention> ?i ; "
        f"<{AKG}outcome> ?o }}"
    )
    for result in (query_files(FILES, construct), query_store(store_dir, construct)):
        assert isinstance(result, GraphResult)
        graph = Graph().parse(data=render(result, "table"), format="turtle")
        assert set(graph) == {
            (URIRef(CONCEPT + "massage"), URIRef(AKG + "affects"), URIRef(CONCEPT + "pain")),
            (URIRef(CONCEPT + "yoga"), URIRef(AKG + "affects"), URIRef(CONCEPT + "pain")),
        }


def test_describe_returns_the_resource(store_dir: Path) -> None:
    result = query_store(store_dir, f"DESCRIBE <{CONCEPT}yoga>")
    graph = Graph().parse(data=render(result), format="turtle")
    assert (URIRef(CONCEPT + "yoga"), None, Literal("yoga")) in graph


SAMPLE = SelectResult(
    ("s", "text", "n"),
    (
        (Term(TermKind.URI, AKG + "Finding"), Term(TermKind.LITERAL, 'say "hi",\nbye'), None),
        (
            Term(TermKind.BNODE, "b1"),
            Term(TermKind.LITERAL, "douleur", lang="fr"),
            Term(TermKind.LITERAL, "3", "http://www.w3.org/2001/XMLSchema#integer"),
        ),
    ),
)


def test_numbers_and_booleans_print_in_one_canonical_form() -> None:
    xsd = "http://www.w3.org/2001/XMLSchema#"
    assert canonical("16.0", xsd + "decimal") == "16"
    assert canonical("0012.3400", xsd + "decimal") == "12.34"
    assert canonical("100.0", xsd + "decimal") == "100"
    assert canonical("-0.0", xsd + "decimal") == "0"
    assert canonical("+07", xsd + "integer") == "7"
    assert canonical("1", xsd + "boolean") == "true"
    assert canonical("12abc", xsd + "integer") == "12abc"  # ill-typed: left as written
    assert canonical("16.0", xsd + "double") == "16.0"


def test_csv_follows_the_sparql_csv_format() -> None:
    text = render(SAMPLE, "csv")
    assert text.startswith("s,text,n\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows == [
        ["s", "text", "n"],
        [AKG + "Finding", 'say "hi",\nbye', ""],
        ["_:b1", "douleur", "3"],
    ]


def test_tsv_writes_terms_in_turtle_syntax() -> None:
    lines = render(SAMPLE, "tsv").splitlines()
    assert lines == [
        "?s\t?text\t?n",
        f'<{AKG}Finding>\t"say \\"hi\\",\\nbye"\t',
        '_:b1\t"douleur"@fr\t"3"^^<http://www.w3.org/2001/XMLSchema#integer>',
    ]


def test_json_follows_the_sparql_json_format() -> None:
    document = json.loads(render(SAMPLE, "json"))
    assert document["head"] == {"vars": ["s", "text", "n"]}
    assert document["results"]["bindings"] == [
        {
            "s": {"type": "uri", "value": AKG + "Finding"},
            "text": {"type": "literal", "value": 'say "hi",\nbye'},
        },
        {
            "s": {"type": "bnode", "value": "b1"},
            "text": {"type": "literal", "value": "douleur", "xml:lang": "fr"},
            "n": {
                "type": "literal",
                "value": "3",
                "datatype": "http://www.w3.org/2001/XMLSchema#integer",
            },
        },
    ]
    assert json.loads(render(AskResult(False), "json")) == {"head": {}, "boolean": False}


def test_xml_follows_the_sparql_xml_format() -> None:
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    root = ET.fromstring(render(SAMPLE, "xml"))
    assert [v.get("name") for v in root.findall("r:head/r:variable", ns)] == ["s", "text", "n"]
    results = root.findall("r:results/r:result", ns)
    assert len(results) == 2
    assert results[0].find("r:binding[@name='text']/r:literal", ns).text == 'say "hi",\nbye'  # type: ignore[union-attr]
    lang = results[1].find("r:binding[@name='text']/r:literal", ns)
    assert lang is not None
    assert lang.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    boolean = ET.fromstring(render(AskResult(True), "xml")).find("r:boolean", ns)
    assert boolean is not None and boolean.text == "true"


def test_the_table_is_for_people() -> None:
    lines = render(SAMPLE, "table").splitlines()
    # Columns as wide as their widest cell: "akg:Finding" and the 14 characters of the
    # quote with its newline shown as \n.
    assert lines[0].split(" | ") == ["?s".ljust(11), "?text".ljust(14), "?n"]
    assert lines[2].startswith('akg:Finding | say "hi",\\nbye |')
    assert lines[-1] == "(2 rows)"
    assert render(AskResult(True), "table") == "true\n"


def test_output_does_not_depend_on_the_engine_or_the_hash_seed(store_dir: Path) -> None:
    # No ORDER BY: rdflib's row order follows Python's string hashing; output must not.
    text = (DATA / "queries" / "labels.rq").read_text()
    assert "ORDER BY" not in text
    command = [venv_tool("articlekg"), "query", *map(str, FILES), text, "-f", "json"]
    outputs = {
        subprocess.run(
            command, capture_output=True, check=True, env={**os.environ, "PYTHONHASHSEED": seed}
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1
    assert outputs == {render(query_store(store_dir, text), "json").encode()}


def test_an_order_by_is_kept() -> None:
    text = (
        "SELECT ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l "
        'FILTER(LANG(?l) = "") } ORDER BY DESC(?l)'
    )
    result = query_files(FILES, text, ontology=False)
    assert isinstance(result, SelectResult)
    labels = [row[0].value for row in result.rows if row[0] is not None]
    assert labels == sorted(labels, reverse=True) and len(labels) > 3


# -- the command line -------------------------------------------------------------------


def cli() -> BaseCommand:
    from articlekg.cli import main

    return main


def test_cli_query_on_files_and_in_the_store(store_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    text = (DATA / "queries" / "findings.rq").read_text()
    on_files = runner.invoke(cli(), ["query", *map(str, FILES), text, "--format", "csv"])
    assert on_files.exit_code == 0, on_files.output
    in_store = runner.invoke(cli(), ["query", "--store", str(store_dir), text, "-f", "csv"])
    assert in_store.exit_code == 0, in_store.output
    assert sorted(on_files.output.splitlines()) == sorted(in_store.output.splitlines())
    assert f"{CONCEPT}massage,{AKG}reduces,{CONCEPT}pain,true,16,18,{AKG}hour" in (
        on_files.output.splitlines()
    )
    out = tmp_path / "rows.json"
    written = runner.invoke(
        cli(), ["query", "--store", str(store_dir), text, "-f", "json", "-o", str(out)]
    )
    assert written.exit_code == 0 and written.output == ""
    assert len(json.loads(out.read_text())["results"]["bindings"]) == 2


def test_cli_refuses_unsafe_queries_with_a_message(store_dir: Path) -> None:
    result = CliRunner().invoke(
        cli(), ["query", "--store", str(store_dir), "SELECT * { SERVICE <http://127.0.0.1:9/> {} }"]
    )
    assert result.exit_code == 4
    assert "SERVICE" in result.output and "refused" in result.output


def test_cli_needs_graphs_or_a_store(store_dir: Path) -> None:
    runner = CliRunner()
    neither = runner.invoke(cli(), ["query", "ASK {}"])
    assert neither.exit_code == 2 and "--store" in neither.output
    both = runner.invoke(cli(), ["query", str(FILES[0]), "ASK {}", "--store", str(store_dir)])
    assert both.exit_code == 2 and "not both" in both.output


def test_cli_load_reports_graphs_and_refuses_a_broken_file(tmp_path: Path) -> None:
    runner = CliRunner()
    folder = tmp_path / "store"
    ok = runner.invoke(cli(), ["load", *map(str, FILES), "--store", str(folder)])
    assert ok.exit_code == 0, ok.output
    assert "https://w3id.org/articlekg/id/graph/alpha: 25 triples" in ok.output
    broken = tmp_path / "broken.nt"
    broken.write_text("<https://example.org/a> <https://example.org/b> .\n")
    refused = runner.invoke(cli(), ["load", str(broken), "--store", str(folder)])
    assert refused.exit_code == 2
    assert "broken.nt: line 1" in refused.output
