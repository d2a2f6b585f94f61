"""The lexicon read by Oxigraph is the very lexicon rdflib's reading of the same Turtle gives."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from articlekg.lexicon import (
    build_lexicon,
    default_lexicon,
    lexicon_from,
    load_lexicon_graph,
    read_statements,
)
from articlekg.resources import lexicon_dir

TTL = """
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix akg: <https://w3id.org/articlekg/ontology#> .
@prefix c: <https://w3id.org/articlekg/concept/> .
c:massage a skos:Concept ; akg:category akg:Intervention ;
    skos:prefLabel "massage"@en ; skos:altLabel "massage therapy"@en, "rubdown" ;
    akg:abbreviation "MT" ; skos:broader c:manual-therapy, c:bodywork .
c:pain a skos:Concept ; akg:category akg:Outcome ; skos:prefLabel "pain" .
c:no-category a skos:Concept ; skos:prefLabel "nothing" .
c:typed-by-text a "http://www.w3.org/2004/02/skos/core#Concept" ;
    akg:category akg:Outcome ; skos:prefLabel "not a concept" .
[] a skos:Concept ; akg:category akg:Outcome ; skos:prefLabel "blank" .
"""


def test_the_shipped_lexicon_is_the_same_read_either_way() -> None:
    assert default_lexicon() == build_lexicon(load_lexicon_graph(lexicon_dir()))


def test_a_small_lexicon_is_the_same_read_either_way(tmp_path: Path) -> None:
    (tmp_path / "demo.ttl").write_text(TTL, encoding="utf-8")
    by_oxigraph = lexicon_from(read_statements(tmp_path))
    by_rdflib = build_lexicon(Graph().parse(data=TTL, format="turtle"))
    assert by_oxigraph == by_rdflib
    assert sorted(by_oxigraph.concepts) == [
        "https://w3id.org/articlekg/concept/massage",
        "https://w3id.org/articlekg/concept/pain",
    ]
    massage = by_oxigraph.concept("https://w3id.org/articlekg/concept/massage")
    assert massage.alt_labels == ("MT", "massage therapy", "rubdown")
    assert massage.broader == (
        "https://w3id.org/articlekg/concept/bodywork",
        "https://w3id.org/articlekg/concept/manual-therapy",
    )
    assert by_oxigraph.lookup("MT") == massage
