"""The read-only SPARQL 1.1 Protocol endpoint, started and stopped in the test."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from click.testing import CliRunner
from rdflib import Graph
from SPARQLWrapper import JSON, SPARQLWrapper

from articlekg.errors import InputError
from articlekg.serve import ServeConfig, endpoint_url, make_server, negotiate
from articlekg.store import ArticleStore
from sparql_servers import DATA, Listener, articlekg_serve, json_cell

FINDINGS = (DATA / "queries" / "findings.rq").read_text()
AKG = "https://w3id.org/articlekg/ontology#"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("serve") / "store"
    with ArticleStore(folder) as store:
        store.load([DATA / "alpha.ttl", DATA / "beta.trig"])
    return folder


def start(config: ServeConfig) -> Iterator[str]:
    server = make_server(config)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield endpoint_url(server)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


@pytest.fixture(scope="module")
def endpoint(store_dir: Path) -> Iterator[str]:
    yield from start(ServeConfig(store=store_dir, port=0))


def call(
    url: str,
    *,
    method: str = "GET",
    params: dict[str, str] | None = None,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], bytes]:
    target = f"{url}?{urlencode(params)}" if params else url
    request = urllib.request.Request(target, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def rows(body: bytes) -> list[tuple[object, ...]]:
    document = json.loads(body)
    names = document["head"]["vars"]
    return sorted(
        (tuple(json_cell(b.get(n)) for n in names) for b in document["results"]["bindings"]),
        key=repr,
    )


def test_get_answers_in_sparql_json_by_default(endpoint: str) -> None:
    status, headers, body = call(endpoint, params={"query": FINDINGS})
    assert status == 200
    assert headers["Content-Type"].startswith("application/sparql-results+json")
    assert len(rows(body)) == 2
    assert "Access-Control-Allow-Origin" not in headers


def test_post_as_form_and_as_sparql_query_give_the_same_rows(endpoint: str) -> None:
    _, _, by_get = call(endpoint, params={"query": FINDINGS})
    _, _, by_form = call(
        endpoint,
        method="POST",
        body=urlencode({"query": FINDINGS}).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    status, _, direct = call(
        endpoint,
        method="POST",
        body=FINDINGS.encode(),
        headers={"Content-Type": "application/sparql-query"},
    )
    assert status == 200
    assert rows(by_get) == rows(by_form) == rows(direct)


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
        ("*/*", "application/sparql-results+json"),
    ],
)
def test_content_negotiation_for_rows(endpoint: str, accept: str, media: str) -> None:
    status, headers, body = call(endpoint, params={"query": FINDINGS}, headers={"Accept": accept})
    assert status == 200
    assert headers["Content-Type"].split(";")[0] == media
    text = body.decode()
    if media == "text/csv":
        assert text.splitlines()[0] == (
            "intervention,effect,outcome,significant,durationMin,durationMax,durationUnit"
        )
    elif media == "application/sparql-results+xml":
        assert len(ET.fromstring(text).findall(".//{*}result")) == 2


def test_construct_is_turtle_or_ntriples(endpoint: str) -> None:
    query = f"CONSTRUCT {{ ?f a <{AKG}Finding> }} WHERE {{ ?f a <{AKG}Finding> }}"
    _, headers, body = call(endpoint, params={"query": query})
    assert headers["Content-Type"].startswith("text/turtle")
    assert len(Graph().parse(data=body.decode(), format="turtle")) == 2
    _, headers, body = call(
        endpoint, params={"query": query}, headers={"Accept": "application/n-triples"}
    )
    assert headers["Content-Type"].startswith("application/n-triples")
    assert len(body.decode().splitlines()) == 2


def test_unacceptable_types_get_406(endpoint: str) -> None:
    status, _, body = call(endpoint, params={"query": FINDINGS}, headers={"Accept": "image/png"})
    assert status == 406
    assert b"text/csv" in body


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"params": {"update": "DROP ALL"}},
        {
            "method": "POST",
            "body": b"update=DROP+ALL",
            "headers": {"Content-Type": "application/x-www-form-urlencoded"},
        },
        {
            "method": "POST",
            "body": b"DROP ALL",
            "headers": {"Content-Type": "application/sparql-update"},
        },
        {"params": {"query": "CLEAR DEFAULT"}},
    ],
)
def test_updates_are_refused(endpoint: str, store_dir: Path, request_kwargs: dict) -> None:  # type: ignore[type-arg]
    status, _, body = call(endpoint, **request_kwargs)
    assert status == 403
    assert b"updates" in body and b"refused" in body
    with ArticleStore(store_dir, read_only=True) as store:
        assert store.triple_count() > 100


def test_other_methods_are_not_allowed(endpoint: str) -> None:
    status, headers, _ = call(endpoint, method="PUT", body=b"<a> <b> <c> .")
    assert status == 405
    assert headers["Allow"] == "GET, POST"
    assert call(endpoint, method="OPTIONS")[0] == 405


def test_bad_and_unsafe_queries_are_400_with_the_reason(endpoint: str) -> None:
    status, _, body = call(endpoint, params={"query": "SELECT ?x WHERE { ?x"})
    assert status == 400 and b"does not parse" in body
    service = "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"
    status, _, body = call(endpoint, params={"query": service})
    assert status == 400 and b"SERVICE" in body
    status, _, body = call(endpoint)
    assert status == 400 and b"exactly one query" in body
    status, _, _ = call(endpoint.replace("/sparql", "/elsewhere"), params={"query": FINDINGS})
    assert status == 404


def test_protocol_dataset_parameters(endpoint: str) -> None:
    query = f"SELECT ?a WHERE {{ ?a a <{AKG}Article> }}"
    beta = "https://w3id.org/articlekg/id/graph/beta"
    _, _, body = call(endpoint, params={"query": query, "default-graph-uri": beta})
    assert rows(body) == [("https://w3id.org/articlekg/id/article/beta",)]
    status, _, body = call(
        endpoint, params={"query": query, "default-graph-uri": "http://127.0.0.1:9/g"}
    )
    assert status == 400 and b"not in the store" in body


def test_sparqlwrapper_works_against_it(endpoint: str) -> None:
    client = SPARQLWrapper(endpoint)
    client.setQuery(FINDINGS)
    client.setReturnFormat(JSON)
    document = client.query().convert()
    assert len(document["results"]["bindings"]) == 2  # type: ignore[index]
    client.setReturnFormat("xml")
    assert len(client.query().convert().getElementsByTagName("result")) == 2  # type: ignore[union-attr]


def test_cors_only_when_asked(store_dir: Path) -> None:
    for url in start(ServeConfig(store=store_dir, port=0, cors_origin="https://yasgui.example")):
        _, headers, _ = call(url, params={"query": "ASK {}"})
        assert headers["Access-Control-Allow-Origin"] == "https://yasgui.example"
        status, headers, _ = call(url, method="OPTIONS")
        assert status == 204
        assert "POST" in headers["Access-Control-Allow-Methods"]


def test_a_timeout_bounds_each_query(store_dir: Path) -> None:
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    for url in start(ServeConfig(store=store_dir, port=0, timeout=1)):
        status, _, body = call(url, params={"query": runaway})
        assert status == 503 and b"stopped after 1 s" in body
        assert call(url, params={"query": "ASK { ?s ?p ?o }"})[0] == 200


def test_only_loopback_unless_explicitly_allowed(store_dir: Path) -> None:
    with pytest.raises(InputError, match="--allow-remote"):
        make_server(ServeConfig(store=store_dir, host="0.0.0.0", port=0))
    server = make_server(ServeConfig(store=store_dir, host="0.0.0.0", port=0, allow_remote=True))
    server.server_close()


def test_a_load_made_while_serving_is_seen(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    with ArticleStore(folder) as store:
        store.load([DATA / "alpha.ttl"])
    query = f"SELECT ?a WHERE {{ ?a a <{AKG}Article> }}"
    for url in start(ServeConfig(store=folder, port=0)):
        assert len(rows(call(url, params={"query": query})[2])) == 1
        with ArticleStore(folder) as store:  # the endpoint holds no lock
            store.load([DATA / "beta.trig"])
        assert len(rows(call(url, params={"query": query})[2])) == 2


def test_negotiate_honours_quality_and_order() -> None:
    types = {"text/csv": "csv", "application/sparql-results+json": "json"}
    assert negotiate(None, types, "json") == "json"
    assert negotiate("text/csv;q=0.9, application/sparql-results+json;q=0.8", types, "json") == (
        "csv"
    )
    assert negotiate("text/*", types, "json") == "csv"
    assert negotiate("image/png, */*;q=0.1", types, "json") == "json"


def test_service_through_the_endpoint_makes_no_connection(endpoint: str) -> None:
    counting = Listener()
    try:
        query = f"SELECT * WHERE {{ SERVICE <{counting.url}> {{ ?s ?p ?o }} }}"
        for method in ("GET", "POST"):
            if method == "GET":
                status, _, body = call(endpoint, params={"query": query})
            else:
                status, _, body = call(
                    endpoint,
                    method="POST",
                    body=query.encode(),
                    headers={"Content-Type": "application/sparql-query"},
                )
            assert status == 400 and b"SERVICE" in body and b"refused" in body
        assert counting.connections() == 0
    finally:
        counting.sock.close()


def test_cli_serve_refuses_a_public_address_without_the_flag(store_dir: Path) -> None:
    from articlekg.cli import main

    result = CliRunner().invoke(
        main, ["serve", "--store", str(store_dir), "--host", "0.0.0.0", "--port", "0"]
    )
    assert result.exit_code == 2
    assert "--allow-remote" in result.output


def test_cli_serve_answers_over_http(store_dir: Path, tmp_path: Path) -> None:
    with articlekg_serve(store_dir, tmp_path) as served:
        names, rows = served.select(FINDINGS)
    assert names[0] == "intervention" and len(rows) == 2
    log = (tmp_path / "serve.log").read_text()
    assert "read-only at http://127.0.0.1:" in log and "GET /sparql?query=" in log
