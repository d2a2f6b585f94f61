"""Queries and loads never reach the network: refused before any engine sees them."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from articlekg.errors import InputError, QueryError, UnsafeQueryError
from articlekg.query import query_files, query_store
from articlekg.safety import check_jsonld, check_query
from articlekg.store import ArticleStore
from sparql_servers import DATA, Listener


@pytest.fixture
def listener() -> Iterator[Listener]:
    counting = Listener()
    try:
        yield counting
    finally:
        counting.sock.close()


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "store"
    with ArticleStore(folder) as store:
        store.load([DATA / "alpha.ttl", DATA / "beta.trig"])
    return folder


def test_the_listener_does_count_a_connection(listener: Listener) -> None:
    # Without this, "no connection" below could mean a listener that sees nothing.
    with socket.create_connection(("127.0.0.1", listener.port), timeout=2):
        pass
    assert listener.connections() == 1


SERVICE_QUERIES = [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ SERVICE SILENT <{url}> {{ ?s ?p ?x }} }} }}",
    "SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ service <{url}> {{ ?s ?p ?o }} }} }}",
    "SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
    "ASK {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
]


@pytest.mark.parametrize("template", SERVICE_QUERIES)
def test_service_is_refused_by_files_and_store_without_connecting(
    template: str, listener: Listener, store_dir: Path
) -> None:
    text = template.format(url=listener.url)
    with pytest.raises(UnsafeQueryError, match="SERVICE"):
        query_files([DATA / "alpha.ttl"], text)
    with pytest.raises(UnsafeQueryError, match="SERVICE"):
        query_store(store_dir, text)
    with pytest.raises(UnsafeQueryError, match="SERVICE"):
        query_store(store_dir, text, timeout=30)
    assert listener.connections() == 0


def test_the_word_service_in_a_string_or_name_is_not_a_service() -> None:
    text = 'SELECT ?service WHERE { ?service ?p "health service" } # a SERVICE comment'
    assert check_query(text).form == "SELECT"


@pytest.mark.parametrize(
    "clause", ["FROM <{url}g>", "FROM NAMED <{url}g>", "FROM <file:///etc/passwd>"]
)
def test_from_a_graph_not_in_the_dataset_is_refused(
    clause: str, listener: Listener, store_dir: Path
) -> None:
    refused = clause.format(url=listener.url)
    text = f"SELECT * {refused} WHERE {{ ?s ?p ?o }}"
    # The message names the clause and the graph actually refused.
    with pytest.raises(UnsafeQueryError, match=re.escape(f"{refused} is refused")):
        query_files([DATA / "alpha.ttl"], text)
    with pytest.raises(UnsafeQueryError, match=re.escape(f"{refused} is refused")):
        query_store(store_dir, text)
    assert listener.connections() == 0


@pytest.mark.parametrize(
    "update",
    [
        "LOAD <{url}data.ttl>",
        "LOAD <{url}data.ttl> INTO GRAPH <https://example.org/g>",
        "INSERT DATA {{ <https://example.org/a> <https://example.org/b> 1 }}",
        "DROP ALL",
        "CLEAR DEFAULT",
    ],
)
def test_updates_are_refused(update: str, listener: Listener, store_dir: Path) -> None:
    text = update.format(url=listener.url)
    with pytest.raises(UnsafeQueryError, match="updates"):
        check_query(text)
    with pytest.raises(UnsafeQueryError, match="updates"):
        query_store(store_dir, text)
    assert listener.connections() == 0
    with ArticleStore(store_dir, read_only=True) as store:
        assert "https://w3id.org/articlekg/id/graph/alpha" in store.graphs()


def test_what_cannot_be_parsed_is_refused_with_where() -> None:
    with pytest.raises(QueryError, match=r"does not parse \(line 2"):
        check_query("PREFIX ex: <https://example.org/>\nSELECT ?x WHERE { ?x ex:p }")
    with pytest.raises(QueryError, match="empty"):
        check_query("  \n")


@pytest.mark.parametrize(
    "document",
    [
        '{{"@context": "{url}ctx.jsonld", "@id": "https://example.org/a"}}',
        '{{"@context": ["{url}ctx.jsonld", {{"x": "https://example.org/x"}}]}}',
        '{{"@context": {{"@import": "{url}ctx.jsonld"}}, "@id": "https://example.org/a"}}',
        '{{"@graph": [{{"@context": "{url}c", "@id": "https://example.org/a"}}]}}',
        '{{"@context": {{"p": {{"@id": "https://example.org/p", "@context": "{url}c"}}}}}}',
    ],
)
def test_remote_jsonld_contexts_are_refused_before_parsing(
    document: str, listener: Listener, tmp_path: Path
) -> None:
    path = tmp_path / "remote.jsonld"
    path.write_text(document.format(url=listener.url))
    with pytest.raises(UnsafeQueryError, match="context"):
        check_jsonld(path.read_bytes(), str(path))
    with ArticleStore(tmp_path / "store") as store, pytest.raises(UnsafeQueryError):
        store.load([path])
    with pytest.raises(UnsafeQueryError):
        query_files([path], "ASK { ?s ?p ?o }")
    assert listener.connections() == 0


def test_an_inline_jsonld_context_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "inline.jsonld"
    path.write_text(
        '{"@context": {"label": "http://www.w3.org/2000/01/rdf-schema#label"},'
        ' "@id": "https://example.org/a", "label": "A"}'
    )
    check_jsonld(path.read_bytes(), str(path))
    with ArticleStore(tmp_path / "store") as store:
        loaded = store.load([path], ontology=False)
    assert [(g.name, g.triples) for g in loaded] == [
        ("https://w3id.org/articlekg/id/graph/inline", 1)
    ]


def test_invalid_json_is_an_input_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonld"
    path.write_text('{"@id": "https://example.org/a",\n "x": [}')
    with pytest.raises(InputError, match=r"broken\.jsonld: line 2"):
        check_jsonld(path.read_bytes(), str(path))


def test_owl_imports_are_never_followed(listener: Listener, tmp_path: Path) -> None:
    path = tmp_path / "imports.ttl"
    path.write_text(
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        f"<https://example.org/onto> a owl:Ontology ; owl:imports <{listener.url}other.ttl> .\n"
    )
    with ArticleStore(tmp_path / "store") as store:
        store.load([path])
    result = query_files([path], "ASK { ?o <http://www.w3.org/2002/07/owl#imports> ?i }")
    assert result.value is True  # type: ignore[union-attr]
    assert listener.connections() == 0


def test_from_named_a_graph_in_the_dataset_is_kept_as_named() -> None:
    held = {"https://example.org/g", "https://example.org/d"}
    text = "SELECT * FROM NAMED <https://example.org/g> FROM <https://example.org/d> WHERE {}"
    assert check_query(text, held).dataset == (
        ("named", "https://example.org/g"),
        ("default", "https://example.org/d"),
    )
