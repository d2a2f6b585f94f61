"""Lexicon lookups: folding of case, hyphens and plurals; abbreviations only with capitals;
labels written in the plural kept as written. A tiny inline lexicon keeps these tests
independent of the real lexicon's contents.
"""

from __future__ import annotations

import pytest
from rdflib import Graph

from articlekg.lexicon import Lexicon, build_lexicon, fold, is_abbreviation, singular

TTL = """
@prefix akg: <https://w3id.org/articlekg/ontology#> .
@prefix c: <https://example.org/concept/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
c:massage a skos:Concept ; akg:category akg:Intervention ;
    skos:prefLabel "massage therapy"@en ; skos:altLabel "massage"@en ; akg:abbreviation "MT" ;
    skos:broader c:manual .
c:manual a skos:Concept ; akg:category akg:Intervention ; skos:prefLabel "manual therapy"@en .
c:stage a skos:Concept ; akg:category akg:Condition ; skos:prefLabel "advanced stage cancer"@en .
c:pain-journal a skos:Concept ; akg:category akg:Periodical ; skos:prefLabel "PAIN"@en .
c:pain a skos:Concept ; akg:category akg:Outcome ; skos:prefLabel "pain"@en .
c:mets a skos:Concept ; akg:category akg:Condition ;
    skos:prefLabel "bone metastasis"@en ; skos:altLabel "secondaries"@en .
c:anxiety a skos:Concept ; akg:category akg:Outcome ; skos:prefLabel "anxiety"@en .
c:qol a skos:Concept ; akg:category akg:Outcome ; skos:prefLabel "quality of life"@en .
c:uncategorised a skos:Concept ; skos:prefLabel "orphan"@en .
"""


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return build_lexicon(Graph().parse(data=TTL, format="turtle"))


def iri_of(lexicon: Lexicon, text: str) -> str | None:
    concept = lexicon.lookup(text)
    return concept.iri.rsplit("/", 1)[-1] if concept else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("massage therapy", "massage"),
        ("Massage Therapy", "massage"),
        ("massage therapies", "massage"),
        ("massage-therapy", "massage"),
        ("Massages", "massage"),
        ("advanced-stage cancers", "stage"),
        ("Quality of Life", "qol"),
        ("anxieties", "anxiety"),
        ("MT", "massage"),
        ("PAIN", "pain-journal"),
        ("pain", "pain"),
        ("Pain", "pain"),
        ("Secondaries", "mets"),
        ("secondaries", "mets"),
    ],
)
def test_lookup_folds_case_hyphens_and_plurals(lexicon: Lexicon, text: str, expected: str) -> None:
    assert iri_of(lexicon, text) == expected


@pytest.mark.parametrize("text", ["mt", "Mt", "secondary", "massage therapy session", "orphan"])
def test_lookup_refuses_what_the_labels_do_not_say(lexicon: Lexicon, text: str) -> None:
    assert iri_of(lexicon, text) is None


def test_concepts_carry_category_labels_and_broader(lexicon: Lexicon) -> None:
    concept = lexicon.concept("https://example.org/concept/massage")
    assert concept.category == "Intervention"
    assert concept.pref_label == "massage therapy"
    assert concept.alt_labels == ("MT", "massage")
    assert concept.broader == ("https://example.org/concept/manual",)
    assert "https://example.org/concept/uncategorised" not in lexicon.concepts
    assert lexicon.longest == 3


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("therapies", "therapy"),
        ("sessions", "session"),
        ("stresses", "stress"),
        ("patches", "patch"),
        ("stress", "stress"),
        ("nausea", "nausea"),
        ("status", "status"),
        ("metastasis", "metastasis"),
        ("gas", "gas"),
    ],
)
def test_singular(token: str, expected: str) -> None:
    assert singular(token) == expected


def test_fold_lowers_and_straightens_apostrophes() -> None:
    assert fold("Hodgkin’s") == fold("hodgkin's")


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("MT", True),
        ("NSCLC", True),
        ("HbA1c", True),
        ("PAIN", True),
        ("pain", False),
        ("Reiki", False),
        ("massage therapy", False),
    ],
)
def test_is_abbreviation(label: str, expected: bool) -> None:
    assert is_abbreviation(label) is expected
