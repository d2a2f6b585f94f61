"""User vocabularies (``build --lexicon FILE``): added to the built-in lexicon, checked on
load, and their identifiers exported like the built-in ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from articlekg.assemble import graph_name
from articlekg.cli import main
from articlekg.errors import InputError
from articlekg.export.projection import project
from articlekg.lexicon import default_lexicon
from articlekg.pipeline import build_document
from articlekg.read import read_document
from articlekg.vocab import AKG, DEFAULT_BASE_IRI, SCHEMA
from articlekg.vocabularies import lexicon_with

FIXTURES = Path(__file__).parent / "fixtures"
VOCABULARY = FIXTURES / "vocabulary" / "sound-therapy.ttl"
TEXT = FIXTURES / "texts" / "sound-bath.txt"
EX = "https://example.org/sound/"
HEADER = (
    "@prefix akg: <https://w3id.org/articlekg/ontology#> .\n"
    "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
    "@prefix ex: <https://example.org/v/> .\n"
    "ex:s a skos:ConceptScheme .\n"
)


@pytest.fixture(scope="module")
def built() -> Graph:
    return build_document(read_document(TEXT), lexicon=lexicon_with([VOCABULARY])).graph.graph


def test_the_user_concepts_are_recognised_with_their_own_iris(built: Graph) -> None:
    sound_bath, tinnitus = URIRef(f"{EX}sound-bath"), URIRef(f"{EX}tinnitus")
    assert (sound_bath, RDF.type, AKG.Intervention) in built
    assert (tinnitus, RDF.type, AKG.Condition) in built
    assert (sound_bath, RDF.type, SCHEMA.MedicalTherapy) in built
    # An alternative label of the user's concept leads to it too.
    quotes = {
        str(q)
        for e in built.objects(tinnitus, AKG.hasEvidence)
        for q in built.objects(e, AKG.quote)
    }
    assert any("ringing in the ears" in q for q in quotes), quotes


def test_the_built_in_lexicon_still_works_beside_it(built: Graph) -> None:
    sleep = URIRef("https://w3id.org/articlekg/concept/sleep-quality")
    assert (sleep, RDF.type, AKG.Outcome) in built


def test_identifiers_of_user_concepts_are_exported(built: Graph) -> None:
    tinnitus, bowl = URIRef(f"{EX}tinnitus"), URIRef(f"{EX}singing-bowl")
    mesh = Literal("D014012", datatype=AKG.MeSH)
    assert (tinnitus, SKOS.notation, mesh) in built
    assert (tinnitus, SKOS.exactMatch, URIRef("http://id.nlm.nih.gov/mesh/D014012")) in built
    code = built.value(tinnitus, SCHEMA.code)
    assert built.value(code, SCHEMA.codeValue) == Literal("D014012")
    assert built.value(code, SCHEMA.codingSystem) == Literal("MeSH")
    # A scheme articlekg does not know keeps its notation, without a MeSH code.
    assert (bowl, SKOS.notation, Literal("SB-01", datatype=URIRef(f"{EX}Catalogue"))) in built
    assert built.value(bowl, SCHEMA.code) is None
    sound_bath = URIRef(f"{EX}sound-bath")
    other = URIRef("https://example.org/other-vocabulary/sound-bathing")
    assert (sound_bath, SKOS.exactMatch, other) in built


def test_identifiers_reach_the_property_graph(built: Graph) -> None:
    nodes = {node.id: node.attributes for node in project(built).nodes}
    tinnitus = nodes[f"{EX}tinnitus"]
    assert tinnitus["notation"] == "D014012"
    assert tinnitus["exactMatch"] == "http://id.nlm.nih.gov/mesh/D014012"
    # The MedicalCode is a value, not a node of its own.
    assert not any(types == ("MedicalCode",) for types in (n.types for n in project(built).nodes))


def test_adding_a_vocabulary_leaves_built_in_labels_where_they_were(tmp_path: Path) -> None:
    clash = tmp_path / "clash.ttl"
    clash.write_text(
        HEADER + "ex:m a skos:Concept ; skos:inScheme ex:s ; akg:category akg:Condition ;\n"
        '    skos:prefLabel "massage"@en ; skos:altLabel "knot pain"@en .\n',
        encoding="utf-8",
    )
    merged = lexicon_with([clash])
    assert merged.lookup("massage") == default_lexicon().lookup("massage")
    assert merged.lookup("massage") is not None
    found = merged.lookup("knot pain")
    assert found is not None and found.iri == "https://example.org/v/m"


def _write(tmp_path: Path, body: str, name: str = "vocab.ttl") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


MALFORMED = {
    "not turtle": ("this is not turtle at all <<<", "not a Turtle vocabulary"),
    "no concepts": (HEADER, "no skos:Concept"),
    "no prefLabel": (
        HEADER + "ex:a a skos:Concept ; skos:inScheme ex:s ; akg:category akg:Condition .\n",
        "needs exactly one skos:prefLabel",
    ),
    "unknown scheme": (
        HEADER + "ex:a a skos:Concept ; skos:inScheme ex:elsewhere ; akg:category akg:Condition ;"
        ' skos:prefLabel "a"@en .\n',
        "unknown scheme <https://example.org/v/elsewhere>",
    ),
    "no scheme": (
        HEADER + 'ex:a a skos:Concept ; akg:category akg:Condition ; skos:prefLabel "a"@en .\n',
        "is in no skos:ConceptScheme",
    ),
    "unknown type": (
        HEADER + "ex:a a skos:Concept ; skos:inScheme ex:s ; akg:category akg:Therapy ;"
        ' skos:prefLabel "a"@en .\n',
        "unknown type akg:Therapy",
    ),
    "no type": (
        HEADER + 'ex:a a skos:Concept ; skos:inScheme ex:s ; skos:prefLabel "a"@en .\n',
        "needs one akg:category",
    ),
    "bad MeSH id": (
        HEADER + "ex:a a skos:Concept ; skos:inScheme ex:s ; akg:category akg:Condition ;"
        ' skos:prefLabel "a"@en ; skos:notation "12345"^^akg:MeSH .\n',
        "is not a MeSH descriptor id",
    ),
    "built-in IRI": (
        HEADER + "<https://w3id.org/articlekg/concept/pain> a skos:Concept ; skos:inScheme ex:s ;"
        ' akg:category akg:Condition ; skos:prefLabel "a"@en .\n',
        "already in the built-in lexicon",
    ),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_a_malformed_vocabulary_is_refused_with_one_line(tmp_path: Path, case: str) -> None:
    body, expected = MALFORMED[case]
    path = _write(tmp_path, body)
    with pytest.raises(InputError) as caught:
        lexicon_with([path])
    assert expected in caught.value.message
    assert str(path) in caught.value.message
    assert "\n" not in caught.value.message


def test_cli_refuses_a_malformed_vocabulary_before_writing_anything(tmp_path: Path) -> None:
    body, _ = MALFORMED["no prefLabel"]
    vocabulary = _write(tmp_path, body)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["build", str(TEXT), "-o", str(out), "--lexicon", str(vocabulary)]
    )
    assert result.exit_code == 2
    assert result.output.strip().startswith("articlekg: ")
    assert "skos:prefLabel" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not out.exists()


def test_cli_builds_with_a_vocabulary_and_exports_its_codes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        ["build", str(TEXT), "-o", str(out), "-f", "schemaorg", "--lexicon", str(VOCABULARY)],
    )
    assert result.exit_code == 0, result.output
    markup = json.loads((out / "sound-bath.schema.jsonld").read_text(encoding="utf-8"))
    tinnitus = next(m for m in markup.get("mentions", []) if m["@id"] == f"{EX}tinnitus")
    assert tinnitus["code"]["codeValue"] == "D014012"


def test_worker_processes_build_with_the_vocabulary(tmp_path: Path) -> None:
    # Workers read the vocabulary themselves (the task carries its path): a folder build
    # with two workers must find the user's concept as the in-process build does.
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "first.txt").write_text(TEXT.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "second.txt").write_text(TEXT.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    command = ["build", str(folder), "-o", str(out), "-f", "nquads", "--jobs", "2", "-q"]
    result = CliRunner().invoke(main, [*command, "--lexicon", str(VOCABULARY)])
    assert result.exit_code == 0, result.output
    corpus = (out / "corpus.nq").read_text(encoding="utf-8").splitlines()
    for stem in ("first", "second"):
        graph = graph_name(stem, DEFAULT_BASE_IRI)
        assert f"<{EX}tinnitus> <{RDF.type}> <{AKG.Condition}> <{graph}> ." in corpus
