"""Every query gives the same rows everywhere the graph goes.

Baseline: rdflib over the export file (with the ontology). Compared with: the embedded
store, `articlekg serve` over HTTP (its own process), the Oxigraph server and Virtuoso,
both loaded through the Graph Store Protocol with `articlekg.push`. Two cases: a small
graph of the tests' own with hand-written queries, and the seed export with the shipped
competency queries. Rows are compared after normalising (IRIs as strings, numbers as
numbers, booleans as booleans, sorted).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pytest

from articlekg.push import push
from articlekg.query import query_files, query_store
from articlekg.rdf_files import read_rdf
from articlekg.resources import queries_dir
from articlekg.store import ONTOLOGY_GRAPH, ArticleStore
from sparql_servers import (
    DATA,
    SEED_EXPORT,
    Endpoint,
    NormalRow,
    articlekg_serve,
    normal,
    oxigraph_server,
    virtuoso_server,
)

Rows = tuple[tuple[str, ...], list[NormalRow]]
ENGINES = ["store", "articlekg-serve", "oxigraph-server", "virtuoso"]


@dataclass(frozen=True)
class Case:
    name: str
    files: tuple[Path, ...]
    queries: tuple[Path, ...]


CASES = {
    "mini": Case("mini", (DATA / "alpha.ttl", DATA / "beta.trig"),
                 tuple(sorted((DATA / "queries").glob("*.rq")))),
    "seed": Case("seed", (SEED_EXPORT,), tuple(sorted(queries_dir().glob("*.rq")))),
}  # fmt: skip
PARAMS = [
    pytest.param(case, query, engine, id=f"{case.name}-{query.stem}-{engine}")
    for case in CASES.values()
    for query in case.queries
    for engine in ENGINES
]


def test_the_seed_case_has_its_graph_and_queries() -> None:
    assert SEED_EXPORT.is_file(), f"{SEED_EXPORT} is missing: run `make exports`"
    names = {q.stem for q in CASES["seed"].queries}
    assert {"entities", "effects", "studies", "provenance"} <= names, names


def graph_names(case: Case) -> tuple[str, ...]:
    names = {name for path in case.files for name in read_rdf(path).graphs}
    return (*sorted(names), ONTOLOGY_GRAPH)


@pytest.fixture(scope="module")
def engines(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Callable[..., Rows]]]:
    """For each engine, a function (case, query text) -> normalised rows."""
    work = tmp_path_factory.mktemp("servers")
    with ExitStack() as stack:
        loaded: dict[str, bool] = {}
        failed: dict[str, str] = {}
        stores: dict[str, Path] = {}
        serves: dict[str, Endpoint] = {}
        oxigraphs: dict[str, Endpoint] = {}
        virtuoso: list[tuple[str, str]] = []

        def prepare(case: Case) -> None:
            if case.name in failed:
                pytest.fail(f"setting up the {case.name} case failed before: {failed[case.name]}")
            if loaded.get(case.name):
                return
            try:
                setup(case)
            except BaseException as error:
                failed[case.name] = f"{type(error).__name__}: {error}"
                raise
            loaded[case.name] = True

        def setup(case: Case) -> None:
            assert all(p.is_file() for p in case.files), f"missing {case.files}: `make exports`"
            folder = work / case.name
            folder.mkdir()
            stores[case.name] = folder / "store"
            with ArticleStore(stores[case.name]) as store:
                store.load(list(case.files))
            serves[case.name] = stack.enter_context(
                articlekg_serve(stores[case.name], folder, "--quiet")
            )
            store_url, endpoint = stack.enter_context(oxigraph_server(folder))
            push(list(case.files), store_url)
            oxigraphs[case.name] = endpoint
            if not virtuoso:
                virtuoso.append(stack.enter_context(virtuoso_server(work)))
            crud, _ = virtuoso[0]
            push(list(case.files), crud, user="dba", password="dba")

        def run(engine: str, case: Case, text: str) -> Rows:
            prepare(case)
            if engine == "store":
                return normal(query_store(stores[case.name], text))
            if engine == "articlekg-serve":
                return serves[case.name].select(text)
            if engine == "oxigraph-server":
                return oxigraphs[case.name].select(text)
            # Virtuoso's own default graph holds its system data: name the case's graphs.
            return Endpoint(virtuoso[0][1], graph_names(case)).select(text)

        yield {e: (lambda case, text, e=e: run(e, case, text)) for e in ENGINES}


@pytest.mark.parametrize(("case", "query", "engine"), PARAMS)
def test_same_rows_as_rdflib_on_the_file(
    case: Case, query: Path, engine: str, engines: dict[str, Callable[..., Rows]]
) -> None:
    missing = [str(p) for p in case.files if not p.is_file()]
    assert not missing, f"{missing} missing: run `make exports`"
    text = query.read_text()
    expected = normal(query_files(list(case.files), text))
    assert expected[1] or case.name == "seed", f"{query.name} returns nothing: proves nothing"
    names, rows = engines[engine](case, text)
    assert names == expected[0]
    assert rows == expected[1]
