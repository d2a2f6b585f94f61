"""A folder of articles becomes one dataset in which a shared concept has one IRI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Dataset, URIRef
from rdflib.namespace import RDF, RDFS

from articlekg.facts import normal_label
from articlekg.vocab import AKG, CONCEPT
from conftest import DevCorpus

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "dev"
MASSAGE = URIRef(f"{CONCEPT}massage-therapy")


@pytest.fixture(scope="module")
def corpus(dev_corpus: DevCorpus) -> Path:
    return dev_corpus.out


def test_corpus_has_one_named_graph_per_article(corpus: Path) -> None:
    dataset = Dataset()
    dataset.parse(corpus / "corpus.trig", format="trig")
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    articles = {p.stem for p in corpus.glob("*.ttl")}
    assert len(articles) == len(list(DEV.glob("*.txt")))
    assert {f"https://w3id.org/articlekg/id/graph/{stem}" for stem in articles} <= names


def test_massage_therapy_has_one_iri_in_every_article_that_names_it(corpus: Path) -> None:
    dataset = Dataset()
    dataset.parse(corpus / "corpus.nq", format="nquads")
    holders = {
        str(g.identifier).rsplit("/", 1)[-1]
        for g in dataset.graphs()
        if (MASSAGE, RDF.type, AKG.Intervention) in g
    }
    assert {
        "01-pubmed-kutner2008-massage-simple-touch",
        "02-amta-back-massage-chemotherapy",
    } <= holders


SHARED_KINDS = {
    AKG[name]
    for name in (
        "Intervention",
        "Condition",
        "Outcome",
        "Mechanism",
        "Population",
        "Periodical",
        "Organization",
        "Recommendation",
        "Context",
        "Attribute",
        "Topic",
    )
}


def test_no_two_entities_share_a_normalised_label_and_a_class(corpus: Path) -> None:
    """Domain entities resolve across articles; facts and study arms stay per article."""
    dataset = Dataset()
    dataset.parse(corpus / "corpus.trig", format="trig")
    seen: dict[tuple[str, str], set[str]] = {}
    for graph in dataset.graphs():
        for entity, cls in graph.subject_objects(RDF.type):
            if cls not in SHARED_KINDS:
                continue
            for label in graph.objects(entity, RDFS.label):
                seen.setdefault((normal_label(str(label)), str(cls)), set()).add(str(entity))
    clashes = {key: iris for key, iris in seen.items() if len(iris) > 1}
    assert clashes == {}


def test_merge_log_says_what_was_joined_and_why(corpus: Path) -> None:
    log = json.loads((corpus / "corpus.merge-log.json").read_text(encoding="utf-8"))
    by_iri = {entry["iri"]: entry for entry in log}
    massage = by_iri[str(MASSAGE)]
    assert massage["reason"] == "same lexicon concept"
    assert len(massage["articles"]) >= 2
    assert log == sorted(log, key=lambda e: e["iri"])
    assert all(len(entry["articles"]) >= 2 for entry in log)


def test_an_article_named_corpus_is_refused_before_anything_is_built(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from articlekg.cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("corpus.txt", "other.txt"):
        (folder / name).write_text("Massage\n\nMassage therapy reduced pain.\n")
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.output.startswith("articlekg: an article named 'corpus' would be overwritten")
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()
