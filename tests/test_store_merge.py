"""The store's merged default graph: shared triples count once, in step with every load.

Corpora here are copies of the seed export under other article names: each copy has its
own article, sections and evidence but shares every concept, entity and study node, the
case that made Oxigraph's union (a bag) repeat rows k^p times.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from articlekg import query as query_module
from articlekg import store_write
from articlekg.query import query_files, query_store
from articlekg.resources import queries_dir
from articlekg.store import ONTOLOGY_GRAPH, ArticleStore
from articlekg.store_write import has_merged_default
from sparql_servers import SEED_EXPORT, normal

STEM = "massage-metastatic-bone-pain"
ID = "https://w3id.org/articlekg/id/"
EX = "https://example.org/"


def copies(count: int) -> str:
    """N-Quads of ``count`` copies of the seed, each in its own graph."""
    seed = SEED_EXPORT.with_suffix(".nq").read_text(encoding="utf-8")
    return "".join(
        seed.replace(f"/id/article/{STEM}", f"/id/article/copy-{i}").replace(
            f"/id/graph/{STEM}", f"/id/graph/copy-{i}"
        )
        for i in range(count)
    )


@pytest.fixture(scope="module", autouse=True)
def parse_the_corpus_once() -> Iterator[None]:
    """The rdflib dataset of the corpus file is built once, not once per query."""
    original = query_module.files_dataset
    cached = functools.lru_cache(maxsize=4)(
        lambda paths, ontology: original(list(paths), ontology=ontology)
    )
    query_module.files_dataset = lambda paths, *, ontology=True: cached(tuple(paths), ontology)  # type: ignore[assignment]
    yield
    query_module.files_dataset = original  # type: ignore[assignment]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("merge")
    path = folder / "corpus.nq"
    path.write_text(copies(3), encoding="utf-8")
    with ArticleStore(folder / "store") as store:
        store.load([path])
    return path, folder / "store"


@pytest.mark.parametrize("name", sorted(p.stem for p in queries_dir().glob("*.rq")))
def test_competency_queries_give_the_file_rows_in_the_store(
    name: str, corpus: tuple[Path, Path]
) -> None:
    path, store = corpus
    text = (queries_dir() / f"{name}.rq").read_text()
    on_file = normal(query_files([path], text))
    assert normal(query_store(store, text)) == on_file


def test_a_triple_shared_by_every_article_matches_once(corpus: tuple[Path, Path]) -> None:
    path, store = corpus
    # No DISTINCT: in Oxigraph's union the label of a shared concept came once per article,
    # and a join of two such patterns 3 x 3 times.
    text = (
        "SELECT ?label ?type WHERE { ?c rdfs:label ?label ; a ?type . "
        "FILTER(?c = <https://w3id.org/articlekg/concept/advanced-cancer>) }"
    )
    text = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> " + text
    rows = normal(query_store(store, text))[1]
    assert rows == normal(query_files([path], text))[1]
    assert len(rows) == len(set(rows)) == 3  # akg:Condition, schema:MedicalCondition, skos:Concept


def graph_file(folder: Path, name: str, body: str) -> Path:
    path = folder / f"{name}.trig"
    path.write_text(f"<{ID}graph/{name}> {{\n{body}\n}}\n", encoding="utf-8")
    return path


def merged(folder: Path) -> set[str]:
    with ArticleStore(folder, read_only=True) as store:
        return {
            str(q.triple)
            for q in store.store.quads_for_pattern(None, None, None, ox.DefaultGraph())
            if str(q.subject).startswith(f"<{EX}")  # not the ontology's
        }


SHARED = f"<{EX}s> <{EX}p> <{EX}shared>"


@pytest.mark.parametrize("limit", [store_write.ATOMIC_LIMIT, 0], ids=["transaction", "bulk"])
def test_the_merge_follows_reloads(
    tmp_path: Path, limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_write, "ATOMIC_LIMIT", limit)
    folder = tmp_path / "store"
    a = graph_file(tmp_path, "a", f"{SHARED} . <{EX}s> <{EX}p> <{EX}only-a> .")
    b = graph_file(tmp_path, "b", f"{SHARED} .")
    with ArticleStore(folder) as store:
        store.load([a, b], ontology=False)
    assert merged(folder) == {SHARED, f"<{EX}s> <{EX}p> <{EX}only-a>"}
    # A drops both triples: the one only it held leaves the merge, the shared one stays.
    a = graph_file(tmp_path, "a", f"<{EX}s> <{EX}p> <{EX}new-a> .")
    with ArticleStore(folder) as store:
        store.load([a], ontology=False)
    assert merged(folder) == {SHARED, f"<{EX}s> <{EX}p> <{EX}new-a>"}
    b = graph_file(tmp_path, "b", f"<{EX}t> <{EX}p> <{EX}o> .")
    with ArticleStore(folder) as store:
        store.load([b], ontology=True)
    assert merged(folder) == {f"<{EX}s> <{EX}p> <{EX}new-a>", f"<{EX}t> <{EX}p> <{EX}o>"}
    assert normal(query_store(folder, "SELECT ?o WHERE { ?s ?p ?o FILTER(isIRI(?o)) "
                              f"FILTER(STRSTARTS(STR(?o), '{EX}')) }}"))[1] == [
        (f"{EX}new-a",), (f"{EX}o",)
    ]  # fmt: skip


@pytest.mark.parametrize("limit", [store_write.ATOMIC_LIMIT, 0], ids=["transaction", "bulk"])
def test_a_blank_node_is_one_node_in_its_graph_and_in_the_merge(
    tmp_path: Path, limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_write, "ATOMIC_LIMIT", limit)
    path = graph_file(tmp_path, "a", f"_:x <{EX}p> <{EX}o> . _:x <{EX}q> 1 .")
    with ArticleStore(tmp_path / "store") as store:
        store.load([path], ontology=False)
    text = f"ASK {{ GRAPH ?g {{ ?x <{EX}p> <{EX}o> }} ?x <{EX}q> 1 }}"
    assert query_store(tmp_path / "store", text).value is True  # type: ignore[union-attr]


def test_a_store_from_before_the_merge_is_queried_and_then_merged(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    old = ox.Store(str(folder))
    for graph in ("a", "b"):
        old.add(ox.Quad(ox.NamedNode(EX + "s"), ox.NamedNode(EX + "p"), ox.NamedNode(EX + "o"),
                        ox.NamedNode(f"{ID}graph/{graph}")))  # fmt: skip
    old.flush()
    del old
    text = f"SELECT ?o WHERE {{ <{EX}s> <{EX}p> ?o }}"
    assert len(normal(query_store(folder, text))[1]) == 2  # the old union, repeats and all
    c = graph_file(tmp_path, "c", f"<{EX}s> <{EX}p> <{EX}other> .")
    with ArticleStore(folder) as store:
        store.load([c], ontology=False)
        assert has_merged_default(store.store)
        assert ONTOLOGY_GRAPH not in store.graphs()
    assert normal(query_store(folder, text))[1] == [(EX + "o",), (EX + "other",)]
