"""The embedded store: graphs per article, replacement on reload, refusal of bad files."""

from __future__ import annotations

import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph

from articlekg import store_write
from articlekg.errors import InputError, QueryTimeout, StoreError
from articlekg.query import query_store
from articlekg.rdf_files import ontology_files
from articlekg.results import AskResult
from articlekg.store import ONTOLOGY_GRAPH, ArticleStore, loadable_exports
from sparql_servers import DATA, SEED_EXPORT, normal

ALPHA = "https://w3id.org/articlekg/id/graph/alpha"
BETA = "https://w3id.org/articlekg/id/graph/beta"


@pytest.fixture(params=["transaction", "streamed"])
def writes(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each load as one transaction, and streamed into the bulk loader (a large load)."""
    if request.param == "streamed":
        monkeypatch.setattr(store_write, "ATOMIC_LIMIT", 0)
    return str(request.param)


def quads(folder: Path) -> set[str]:
    with ArticleStore(folder, read_only=True) as store:
        return {str(q) for q in store.store.quads_for_pattern(None, None, None)}


def test_each_article_gets_its_own_graph_and_the_ontology_its_own(
    tmp_path: Path, writes: str
) -> None:
    with ArticleStore(tmp_path / "s") as store:
        loaded = store.load([DATA / "alpha.ttl", DATA / "beta.trig"])
        assert store.graphs() == sorted([ALPHA, BETA, ONTOLOGY_GRAPH])
        assert store.triple_count(ALPHA) == len(Graph().parse(DATA / "alpha.ttl"))
        beta = Dataset().parse(DATA / "beta.trig")
        assert store.triple_count(BETA) == len(beta)
        ontology = sum(len(Graph().parse(p)) for p in ontology_files())
        assert store.triple_count(ONTOLOGY_GRAPH) == ontology > 100
    assert {(g.name, g.source) for g in loaded} == {
        (ALPHA, str(DATA / "alpha.ttl")),
        (BETA, str(DATA / "beta.trig")),
        (ONTOLOGY_GRAPH, "ontology"),
    }


def test_graph_name_follows_the_article_and_its_base_iri(tmp_path: Path) -> None:
    path = tmp_path / "whatever-name.nt"
    path.write_text(
        "<https://example.org/kg/article/my-stem> "
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        "<https://w3id.org/articlekg/ontology#Article> .\n"
    )
    with ArticleStore(tmp_path / "s") as store:
        store.load([path], ontology=False)
        assert store.graphs() == ["https://example.org/kg/graph/my-stem"]


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".trig", ".nq", ".jsonld"])
def test_every_export_format_loads_into_the_same_graph(tmp_path: Path, suffix: str) -> None:
    graph = Graph().parse(DATA / "alpha.ttl")
    fmt = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld"}.get(suffix)
    path = tmp_path / f"alpha{suffix}"
    if fmt is not None:
        graph.serialize(path, format=fmt)
    else:
        dataset = Dataset()
        named = dataset.graph(ALPHA)  # type: ignore[arg-type]
        for triple in graph:
            named.add(triple)
        dataset.serialize(path, format="trig" if suffix == ".trig" else "nquads")
    with ArticleStore(tmp_path / "s") as store:
        store.load([path], ontology=False)
        assert store.graphs() == [ALPHA]
        assert store.triple_count(ALPHA) == len(graph) == 25  # counted by hand in alpha.ttl


def test_reloading_an_article_replaces_its_graph(tmp_path: Path, writes: str) -> None:
    changed = tmp_path / "alpha.ttl"
    changed.write_text(
        (DATA / "alpha.ttl").read_text().replace('rdfs:label "massage"', 'rdfs:label "touch"')
    )
    folder = tmp_path / "s"
    with ArticleStore(folder) as store:
        store.load([DATA / "alpha.ttl", DATA / "beta.trig"])
        before_beta = store.triple_count(BETA)
        store.load([changed])
        store.load([changed])  # twice: no duplicates
        assert store.triple_count(ALPHA) == len(Graph().parse(changed))
        assert store.triple_count(BETA) == before_beta
    labels = normal(
        query_store(
            folder,
            f"SELECT ?l WHERE {{ GRAPH <{ALPHA}> {{ <https://w3id.org/articlekg/concept/massage> "
            "<http://www.w3.org/2000/01/rdf-schema#label> ?l } }",
        )
    )
    assert labels == (("l",), [("touch",)])


def test_a_file_that_does_not_parse_is_refused_with_file_and_line(
    tmp_path: Path, writes: str
) -> None:
    folder = tmp_path / "s"
    with ArticleStore(folder) as store:
        store.load([DATA / "alpha.ttl"])
    before = quads(folder)
    broken = tmp_path / "broken.ttl"
    lines = (DATA / "beta.trig").read_text().splitlines()
    broken.write_text(
        "@prefix ex: <https://example.org/> .\n"
        "ex:a ex:b ex:c .\n"
        "ex:a ex:b ex:d\n"  # missing dot
        "ex:e ex:f .\n"
    )
    assert lines  # beta exists to be loaded alongside the broken file
    with ArticleStore(folder) as store, pytest.raises(InputError) as caught:
        store.load([DATA / "beta.trig", broken])
    assert "broken.ttl" in caught.value.message
    assert "line 4" in caught.value.message
    assert quads(folder) == before  # beta was not half-loaded either


def test_unknown_file_types_and_empty_files_are_refused(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("hello")
    (tmp_path / "empty.ttl").write_text("# nothing\n")
    with ArticleStore(tmp_path / "s") as store:
        with pytest.raises(InputError, match="unknown RDF file type"):
            store.load([tmp_path / "a.txt"])
        with pytest.raises(InputError, match="no triples"):
            store.load([tmp_path / "empty.ttl"])
        with pytest.raises(InputError, match="cannot read"):
            store.load([tmp_path / "missing.ttl"])


def test_the_same_graph_from_two_files_is_loaded_once(tmp_path: Path, writes: str) -> None:
    copy = tmp_path / "alpha.nt"
    Graph().parse(DATA / "alpha.ttl").serialize(copy, format="nt")
    with ArticleStore(tmp_path / "s") as store:
        loaded = store.load([DATA / "alpha.ttl", copy], ontology=False)
        assert [(g.name, g.triples, g.source) for g in loaded] == [
            (ALPHA, 25, str(DATA / "alpha.ttl"))
        ]
        assert store.triple_count(ALPHA) == 25


def test_blank_nodes_do_not_make_the_same_graph_differ(tmp_path: Path, writes: str) -> None:
    dataset = tmp_path / "both.trig"
    dataset.write_text("@prefix ex: <https://example.org/> .\n<urn:g> { ex:a ex:p [ ex:q 1 ] }\n")
    with ArticleStore(tmp_path / "s") as store:
        loaded = store.load([dataset, dataset], ontology=False)
        assert [(g.name, g.triples) for g in loaded] == [("urn:g", 2)]


def test_two_files_with_different_triples_for_one_graph_are_refused(
    tmp_path: Path, writes: str
) -> None:
    changed = tmp_path / "alpha.nt"
    graph = Graph().parse(DATA / "alpha.ttl")
    graph.remove((next(iter(graph.subjects())), None, None))
    graph.serialize(changed, format="nt")
    folder = tmp_path / "s"
    with ArticleStore(folder) as store:
        with pytest.raises(InputError) as refused:
            store.load([DATA / "alpha.ttl", changed])
        assert store.graphs() == [], "nothing is loaded"
    message = refused.value.message
    assert "\n" not in message and f"<{ALPHA}> differs" in message
    assert str(DATA / "alpha.ttl") in message and str(changed) in message


def test_queries_see_the_union_and_from_narrows_to_a_graph(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    with ArticleStore(folder) as store:
        store.load([DATA / "alpha.ttl", DATA / "beta.trig"])
    text = "SELECT ?a WHERE { ?a a <https://w3id.org/articlekg/ontology#Article> }"
    assert normal(query_store(folder, text))[1] == [
        ("https://w3id.org/articlekg/id/article/alpha",),
        ("https://w3id.org/articlekg/id/article/beta",),
    ]
    narrowed = text.replace("WHERE", f"FROM <{BETA}> WHERE")
    assert normal(query_store(folder, narrowed))[1] == [
        ("https://w3id.org/articlekg/id/article/beta",)
    ]
    ask = query_store(folder, "ASK { ?c <http://www.w3.org/2000/01/rdf-schema#subClassOf> ?d }")
    assert ask == AskResult(True)


def test_a_timeout_stops_a_runaway_query(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    with ArticleStore(folder) as store:
        store.load([DATA / "alpha.ttl"])
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="stopped after 1 s"):
        query_store(folder, runaway, timeout=1)
    assert time.monotonic() - started < 10
    quick = query_store(folder, "ASK { ?s ?p ?o }", timeout=30)
    assert quick == AskResult(True)


def test_a_missing_store_is_an_error_not_an_empty_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store there"):
        query_store(tmp_path / "nowhere", "ASK { ?s ?p ?o }")


def test_a_store_held_by_another_writer_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    holder = ox.Store(str(folder))
    try:
        with pytest.raises(StoreError, match="cannot open the store"):
            ArticleStore(folder)
    finally:
        del holder


def test_one_export_per_article_is_chosen_from_a_build() -> None:
    written = [Path("o/a.nt"), Path("o/a.ttl"), Path("o/a.graphml"), Path("o/b.jsonld")]
    written.append(Path("o/a.schema.jsonld"))  # page markup, not a graph for a store
    assert loadable_exports(written) == [Path("o/a.ttl"), Path("o/b.jsonld")]


def test_the_seed_export_loads(tmp_path: Path) -> None:
    assert SEED_EXPORT.is_file(), f"the seed export {SEED_EXPORT} is missing: run `make exports`"
    exports = sorted(p for p in SEED_EXPORT.parent.iterdir() if p.stem == SEED_EXPORT.stem)
    for path in loadable_exports(exports) + [e for e in exports if e.suffix in (".nt", ".jsonld")]:
        folder = tmp_path / path.suffix.lstrip(".")
        with ArticleStore(folder) as store:
            store.load([path])
            articles = [g for g in store.graphs() if g != ONTOLOGY_GRAPH]
            assert articles == ["https://w3id.org/articlekg/id/graph/massage-metastatic-bone-pain"]
            assert store.triple_count(articles[0]) == len(Graph().parse(SEED_EXPORT))


def test_cli_build_with_store_loads_what_it_built(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from articlekg.cli import main

    article = tmp_path / "short-massage-note.txt"
    article.write_text(
        "Massage for cancer pain\n\n"
        "Massage therapy reduced pain in patients with advanced cancer.\n"
    )
    folder = tmp_path / "store"
    result = CliRunner().invoke(
        main, ["build", str(article), "-o", str(tmp_path / "out"), "--store", str(folder)]
    )
    assert result.exit_code == 0, result.output
    graph = "https://w3id.org/articlekg/id/graph/short-massage-note"
    assert f"{graph}: " in result.output
    with ArticleStore(folder, read_only=True) as store:
        assert store.graphs() == sorted([graph, ONTOLOGY_GRAPH])
        built = Graph().parse(tmp_path / "out" / "short-massage-note.ttl")
        assert store.triple_count(graph) == len(built) > 0


def test_a_folder_of_other_files_is_refused_and_left_untouched(tmp_path: Path) -> None:
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine\n", encoding="utf-8")
    with pytest.raises(StoreError, match="not an articlekg store"):
        ArticleStore(folder)
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


def test_an_empty_folder_and_an_existing_store_are_accepted(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    with ArticleStore(empty) as store:
        store.load([DATA / "alpha.ttl"], ontology=False)
    with ArticleStore(empty) as store:
        assert store.graphs() == [ALPHA]
