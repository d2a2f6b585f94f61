"""The project's prefixes are predeclared for query text: on files, in the store, at serve."""

from __future__ import annotations

import json
import re
import threading
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import pytest

from articlekg.prefixes import QUERY_PREFIXES
from articlekg.query import query_files, query_store
from articlekg.resources import ontology_dir
from articlekg.serve import ServeConfig, endpoint_url, make_server
from articlekg.store import ArticleStore
from articlekg.vocab import PREFIXES
from sparql_servers import DATA, normal

FILES = [DATA / "alpha.ttl", DATA / "beta.trig"]
UNDECLARED = "SELECT ?label WHERE { ?s a akg:Study ; rdfs:label ?label }"
CONCEPT = "SELECT ?o WHERE { concept:massage skos:prefLabel|rdfs:label ?o } ORDER BY ?o"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("prefixes") / "store"
    with ArticleStore(folder) as store:
        store.load(FILES)
    return folder


def test_every_prefix_the_ontology_declares_is_predeclared() -> None:
    declared = {}
    for path in sorted(ontology_dir().rglob("*.ttl")):
        for prefix, iri in re.findall(r"@prefix\s+(\w*):\s*<([^>]+)>", path.read_text()):
            declared[prefix] = iri
    assert declared, "the ontology declares no prefix: the test would prove nothing"
    assert {p: QUERY_PREFIXES.get(p) for p in declared} == declared
    assert PREFIXES.items() <= QUERY_PREFIXES.items()


@pytest.mark.parametrize("text", [UNDECLARED, CONCEPT], ids=["akg", "concept"])
def test_undeclared_project_prefixes_work_on_files_and_in_the_store(
    text: str, store_dir: Path
) -> None:
    on_files = normal(query_files(FILES, text))
    assert on_files[1], "no rows: the query proves nothing"
    assert normal(query_store(store_dir, text)) == on_files


def test_a_query_keeps_its_own_meaning_for_a_prefix(store_dir: Path) -> None:
    text = "PREFIX akg: <https://example.org/nothing#> ASK { ?s a akg:Study }"
    assert query_files(FILES, text).value is False  # type: ignore[union-attr]
    assert query_store(store_dir, text).value is False  # type: ignore[union-attr]


def test_serve_predeclares_them_too(store_dir: Path) -> None:
    server = make_server(ServeConfig(store=store_dir, port=0))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"{endpoint_url(server)}?{urlencode({'query': UNDECLARED})}"
        request = urllib.request.Request(url, headers={"Accept": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            document = json.loads(response.read())
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)
    labels = [b["label"]["value"] for b in document["results"]["bindings"]]
    assert labels == [row[0] for row in normal(query_files(FILES, UNDECLARED))[1]]
    assert labels
