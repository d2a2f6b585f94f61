"""A load too large for one transaction is streamed from its files: checked first, never
held, with the same graphs and the same refusals as a small one."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pyoxigraph as ox
import pytest

from articlekg import store_write
from articlekg.rdf_files import parse_quads
from articlekg.store import ArticleStore
from articlekg.store_stream import GraphDigest, survey

EX = "https://example.org/"


def digest_of(text: str) -> GraphDigest:
    digest = GraphDigest()
    for quad in ox.parse(text.encode(), format=ox.RdfFormat.N_QUADS):
        digest.add(quad)
    return digest


def test_a_digest_ignores_order_and_sees_a_changed_triple() -> None:
    first = f'<{EX}a> <{EX}p> <{EX}b> .\n<{EX}a> <{EX}p> "two" .\n'
    reordered = "".join(reversed(first.splitlines(keepends=True)))
    changed = first.replace('"two"', '"three"')
    assert digest_of(first).same_as(digest_of(reordered))
    assert not digest_of(first).same_as(digest_of(changed))
    # Every parse names blank nodes anew: such graphs are compared in full instead.
    blank = f"_:x <{EX}p> <{EX}b> .\n"
    assert not digest_of(blank).same_as(digest_of(blank))


def test_a_file_repeating_a_triple_holds_the_same_graph(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_write, "ATOMIC_LIMIT", 0)
    graph = f"<{EX}graph/g>"
    once = tmp_path / "once.nq"
    one = '"1"^^<http://www.w3.org/2001/XMLSchema#integer>'
    once.write_text(f"<{EX}a> <{EX}p> <{EX}b> {graph} .\n<{EX}a> <{EX}q> {one} {graph} .\n")
    twice = tmp_path / "twice.trig"
    twice.write_text(f"{graph} {{ <{EX}a> <{EX}p> <{EX}b> . <{EX}a> <{EX}p> <{EX}b> . "
                     f"<{EX}a> <{EX}q> 1 }}\n")  # fmt: skip
    with ArticleStore(tmp_path / "s") as store:
        loaded = store.load([twice, once], ontology=False)
        assert [(g.name, g.triples, g.source) for g in loaded] == [(f"{EX}graph/g", 2, str(twice))]
        assert store.triple_count(f"{EX}graph/g") == store.triple_count() - 2 == 2


def test_a_survey_names_the_graph_of_triples_without_one(tmp_path: Path) -> None:
    path = tmp_path / "some file.ttl"
    path.write_text(
        "@prefix akg: <https://w3id.org/articlekg/ontology#> .\n"
        f"<{EX}kg/article/stem> a akg:Article .\n"
    )
    surveyed = survey(path, parse_quads(path), lambda articles: f"named after {articles}")
    assert surveyed.default_graph == f"named after {[EX + 'kg/article/stem']}"
    assert surveyed.triples == 1


def test_a_streamed_load_does_not_hold_the_corpus(tmp_path: Path) -> None:
    """Python's heap stays small while 60,000 quads go in: held as parsed objects, as
    loads did before streaming, they took 38 MB at the peak."""
    corpus = tmp_path / "corpus.nq"
    with corpus.open("w") as out:
        for article in range(60):
            graph = f"<{EX}graph/a{article}>"
            for n in range(1000):
                out.write(f'<{EX}n{article}-{n}> <{EX}p> "value {n}" {graph} .\n')
    with ArticleStore(tmp_path / "s") as store:
        tracemalloc.start()
        try:
            loaded = store.load([corpus], ontology=False)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert len(loaded) == 60 and {g.triples for g in loaded} == {1000}
        assert store.triple_count() == 120_000  # each triple in its graph and in the merge
    assert peak < 2 * 2**20, f"{peak / 2**20:.1f} MiB"
