"""The recognise stage on an inline lexicon: longest match, plurals, abbreviations written
in capitals, coordinations that share a head, and quantities per sentence.
"""

from __future__ import annotations

import pytest
from rdflib import Graph

from articlekg.document import Document
from articlekg.lexicon import Lexicon, build_lexicon
from articlekg.read.text import read_text_document
from articlekg.recognise import Recognised, recognise
from articlekg.segment import segment

TTL = """
@prefix akg: <https://w3id.org/articlekg/ontology#> .
@prefix c: <https://example.org/c/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
c:pain a skos:Concept ; akg:category akg:Outcome ; skos:prefLabel "pain"@en .
c:bone-pain a skos:Concept ; akg:category akg:Condition ; skos:prefLabel "bone pain"@en .
c:mbp a skos:Concept ; akg:category akg:Condition ; skos:prefLabel "metastatic bone pain"@en .
c:cancer a skos:Concept ; akg:category akg:Condition ; skos:prefLabel "cancer"@en .
c:breast-cancer a skos:Concept ; akg:category akg:Condition ; skos:prefLabel "breast cancer"@en .
c:prostate-cancer a skos:Concept ; akg:category akg:Condition ;
    skos:prefLabel "prostate cancer"@en .
c:lung-cancer a skos:Concept ; akg:category akg:Condition ; skos:prefLabel "lung cancer"@en .
c:massage a skos:Concept ; akg:category akg:Intervention ;
    skos:prefLabel "massage therapy"@en ; skos:altLabel "massage"@en ; akg:abbreviation "MT" .
c:pain-journal a skos:Concept ; akg:category akg:Periodical ; skos:prefLabel "PAIN"@en .
c:mets a skos:Concept ; akg:category akg:Condition ;
    skos:prefLabel "bone metastasis"@en ; skos:altLabel "secondaries"@en .
c:anxiety a skos:Concept ; akg:category akg:Outcome ; skos:prefLabel "anxiety"@en .
c:sleep a skos:Concept ; akg:category akg:Outcome ; skos:prefLabel "sleep quality"@en .
"""


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return build_lexicon(Graph().parse(data=TTL, format="turtle"))


def run(text: str, lexicon: Lexicon) -> tuple[Document, Recognised]:
    document = read_text_document(text, "article.txt", "article")
    return document, recognise(document, segment(document), lexicon)


def found(text: str, lexicon: Lexicon) -> list[tuple[str, str, bool]]:
    document, recognised = run(text, lexicon)
    return [
        (document.slice(m.span), m.concept.rsplit("/", 1)[-1], m.expanded)
        for m in recognised.mentions
    ]


def test_longest_match_wins(lexicon: Lexicon) -> None:
    text = "Metastatic bone pain differs from bone pain and from pain elsewhere."
    assert found(text, lexicon) == [
        ("Metastatic bone pain", "mbp", False),
        ("bone pain", "bone-pain", False),
        ("pain", "pain", False),
    ]


def test_plurals_hyphens_and_case_fold(lexicon: Lexicon) -> None:
    text = "Massages eased anxieties and Sleep-Quality improved."
    assert found(text, lexicon) == [
        ("Massages", "massage", False),
        ("anxieties", "anxiety", False),
        ("Sleep-Quality", "sleep", False),
    ]


def test_abbreviations_match_only_in_capitals(lexicon: Lexicon) -> None:
    text = "MT helped; mt and Mt are other words. Published in PAIN, about pain."
    assert found(text, lexicon) == [
        ("MT", "massage", False),
        ("PAIN", "pain-journal", False),
        ("pain", "pain", False),
    ]


def test_a_lower_case_label_does_not_match_a_word_in_capitals(lexicon: Lexicon) -> None:
    assert found("The CANCER registry.", lexicon) == []


def test_a_plural_label_is_matched_as_written_only(lexicon: Lexicon) -> None:
    assert found("Secondaries in the spine; a secondary outcome.", lexicon) == [
        ("Secondaries", "mets", False),
    ]


def test_coordination_shares_its_head(lexicon: Lexicon) -> None:
    text = "Pain is frequent in breast, prostate, and lung cancers."
    assert found(text, lexicon) == [
        ("Pain", "pain", False),
        ("breast", "breast-cancer", True),
        ("prostate", "prostate-cancer", True),
        ("lung cancers", "lung-cancer", False),
    ]


def test_coordination_needs_a_conjunction_before_the_label(lexicon: Lexicon) -> None:
    text = "Women with breast lung cancer were excluded."
    assert [m[1] for m in found(text, lexicon)] == ["lung-cancer"]


def test_generic_head_after_including_takes_the_noun_before(lexicon: Lexicon) -> None:
    text = "Metastases came from cancers including breast, lung, and prostate types."
    names = found(text, lexicon)
    assert ("cancers", "cancer", False) in names
    expanded = [(t, c) for t, c, e in names if e]
    assert expanded == [
        ("breast", "breast-cancer"),
        ("lung", "lung-cancer"),
        ("prostate", "prostate-cancer"),
    ]


def test_mentions_know_their_sentence_and_category(lexicon: Lexicon) -> None:
    document, recognised = run("Massage Notes\nMassage helped. Anxiety fell.\n", lexicon)
    sentences = segment(document)
    for mention in recognised.mentions:
        assert sentences[mention.sentence].span.contains(mention.span)
    assert [(m.sentence, m.category) for m in recognised.mentions] == [
        (0, "Intervention"),
        (1, "Intervention"),
        (2, "Outcome"),
    ]
    assert [document.slice(m.span) for m in recognised.in_sentence(2)] == ["Anxiety"]


def test_quantities_are_kept_per_sentence(lexicon: Lexicon) -> None:
    document, recognised = run(
        "Results\nPain fell in 34% to 45% of patients. Sessions lasted 45 minutes.\n", lexicon
    )
    assert [[q.text for q in recognised.quantities[i]] for i in range(3)] == [
        [],
        ["34% to 45%"],
        ["45 minutes"],
    ]
    for quantities in recognised.quantities.values():
        for quantity in quantities:
            assert document.text[quantity.start : quantity.end] == quantity.text
