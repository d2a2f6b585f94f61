"""A folder build in the embedded store: ``build FOLDER --store`` and ``load`` of what it
wrote work in either order, from the per-article files, the corpus file or both, and
every competency query gives the same rows on the store as on ``corpus.trig``."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import RDFS, Dataset, Graph, Literal, URIRef

from articlekg import api
from articlekg.cli import main
from articlekg.query import _rdflib_result, files_dataset, query_names, resolve_query, settled
from articlekg.rdf_files import read_rdf
from articlekg.results import SelectResult
from articlekg.safety import check_query
from articlekg.store import ONTOLOGY_GRAPH, ArticleStore, loadable_exports
from conftest import DevCorpus

GRAPH = "https://w3id.org/articlekg/id/graph/"


def quads(store: Path) -> set[str]:
    """The articles' quads (the ontology's blank nodes are renamed by every load; the
    merged default graph is derived from the named graphs)."""
    with ArticleStore(store, read_only=True) as opened:
        return {
            str(q)
            for q in opened.store.quads_for_pattern(None, None, None)
            if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value != ONTOLOGY_GRAPH
        }


def edited_copy(dev_corpus: DevCorpus, folder: Path) -> Path:
    """The first article's Turtle with one triple fewer and an ``rdfs:comment "edited"``."""
    stem = dev_corpus.sources[0].stem
    graph = Graph().parse(dev_corpus.out / f"{stem}.ttl")
    graph.remove(sorted(graph)[0])
    graph.add(
        (URIRef(f"https://w3id.org/articlekg/id/article/{stem}"), RDFS.comment, Literal("edited"))
    )
    path = folder / f"{stem}.ttl"
    graph.serialize(path, format="turtle")
    return path


def load(paths: list[Path], store: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["load", *map(str, paths), "--store", str(store)])
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def built_quads(dev_corpus: DevCorpus) -> set[str]:
    return quads(dev_corpus.store)


def test_build_folder_with_store_loads_every_article_once(
    dev_corpus: DevCorpus, built_quads: set[str]
) -> None:
    with ArticleStore(dev_corpus.store, read_only=True) as store:
        graphs = store.graphs()
        counts = {name: store.triple_count(name) for name in graphs}
    stems = [source.stem for source in dev_corpus.sources]
    assert graphs == sorted([*(GRAPH + stem for stem in stems), ONTOLOGY_GRAPH])
    for stem in stems:
        own = read_rdf(dev_corpus.out / f"{stem}.ttl").graphs
        assert list(own) == [GRAPH + stem]
        assert counts[GRAPH + stem] == len(set(own[GRAPH + stem])) > 0, stem
    assert dev_corpus.output.count(" triples into ") == len(stems) + 1
    assert len(built_quads) == sum(counts.values()) - counts[ONTOLOGY_GRAPH]


@pytest.mark.parametrize(
    "choice",
    ["every .trig (the corpus and each article's)", "the corpus file", "each article's .ttl"],
)
def test_load_of_a_folder_build_fills_the_store_as_build_does(
    choice: str, dev_corpus: DevCorpus, built_quads: set[str], tmp_path: Path
) -> None:
    out = dev_corpus.out
    paths = {
        "every .trig (the corpus and each article's)": sorted(out.glob("*.trig")),
        "the corpus file": [out / "corpus.trig"],
        "each article's .ttl": sorted(out.glob("*.ttl")),
    }[choice]
    code, output = load(paths, tmp_path / "kg.db")
    assert code == 0, output
    assert quads(tmp_path / "kg.db") == built_quads


def test_either_order_and_reloading_an_article_replaces_it(
    dev_corpus: DevCorpus, built_quads: set[str], tmp_path: Path
) -> None:
    store = tmp_path / "kg.db"
    assert load([dev_corpus.out / "corpus.trig"], store)[0] == 0
    # What `build --store` loads, into a store that already holds the corpus.
    written = sorted(p for p in dev_corpus.out.rglob("*") if p.is_file())
    api.load(loadable_exports(written), store)
    assert quads(store) == built_quads

    stem = dev_corpus.sources[0].stem
    assert load([edited_copy(dev_corpus, tmp_path)], store)[0] == 0
    with ArticleStore(store, read_only=True) as opened:
        comments = opened.store.quads_for_pattern(
            None, ox.NamedNode(str(RDFS.comment)), ox.Literal("edited")
        )
        comments = [q for q in comments if isinstance(q.graph_name, ox.NamedNode)]
        assert [q.graph_name.value for q in comments] == [GRAPH + stem]
    changed = quads(store) ^ built_quads
    assert changed and all(f"<{GRAPH}{stem}>" in quad for quad in changed)


def test_an_article_whose_two_files_differ_is_refused_naming_both(
    dev_corpus: DevCorpus, tmp_path: Path
) -> None:
    edited = edited_copy(dev_corpus, tmp_path)
    corpus = dev_corpus.out / "corpus.trig"
    code, output = load([corpus, edited], tmp_path / "kg.db")
    assert code == 2
    lines = output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("articlekg: graph <"), output
    assert str(corpus) in lines[0] and str(edited) in lines[0] and "differs" in lines[0]
    assert not (tmp_path / "kg.db").exists() or quads(tmp_path / "kg.db") == set()


@pytest.fixture(scope="module")
def corpus_dataset(dev_corpus: DevCorpus) -> Dataset:
    """``corpus.trig`` as ``articlekg query out/corpus.trig NAME`` reads it, parsed once."""
    return files_dataset([dev_corpus.out / "corpus.trig"])


@pytest.mark.parametrize("name", query_names())
def test_every_competency_query_gives_the_same_rows_on_the_store_and_corpus_trig(
    name: str, dev_corpus: DevCorpus, corpus_dataset: Dataset
) -> None:
    on_store = api.query(name, store=dev_corpus.store)
    # run_on_files's steps, without parsing corpus.trig again for each query.
    names = {str(g.identifier) for g in corpus_dataset.graphs() if len(g)}
    checked = check_query(resolve_query(name).text, names)
    on_file = settled(_rdflib_result(corpus_dataset.query(checked.text)), checked)
    assert isinstance(on_store, SelectResult) and isinstance(on_file, SelectResult)
    assert on_store.variables == on_file.variables
    assert sorted(map(repr, on_store.rows)) == sorted(map(repr, on_file.rows))
    assert on_store.rows or name in EMPTY_ON_DEV, f"{name} finds nothing in 25 articles"


EMPTY_ON_DEV: frozenset[str] = frozenset()
"""Queries allowed no rows on the dev set (none: every question has answers there)."""
