"""The assemble stage: one RDF graph without blank nodes, every IRI valid, every quote equal
to its slice of the text, IRIs that do not move when unrelated text is added, the same
Turtle bytes on every run, and a graph the shapes accept.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from articlekg.api import build_text
from articlekg.assemble import assemble
from articlekg.document import Document
from articlekg.errors import IRIError
from articlekg.export.turtle import turtle_text
from articlekg.lexicon import default_lexicon
from articlekg.pipeline import extract
from articlekg.read.text import read_text_document
from articlekg.vocab import AKG, CONCEPT, DEFAULT_BASE_IRI, SCHEMA

FIXTURE = Path(__file__).parent / "fixtures" / "texts" / "yoga-trial-news.txt"
BASE = "https://example.org/kg/"
XSD_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")
XSD_DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")
FACT_CLASSES = (
    AKG.Finding,
    AKG.Statistic,
    AKG.MechanismClaim,
    AKG.ConditionRelation,
    AKG.Study,
    AKG.StudyArm,
    AKG.Recommendation,
)


def source() -> str:
    return FIXTURE.read_text(encoding="utf-8")


def read(text: str) -> Document:
    return read_text_document(text, "yoga-trial-news.txt", "yoga-trial-news")


def graph_of(text: str, base: str = BASE) -> Graph:
    document = read(text)
    return assemble(document, extract(document), default_lexicon(), base)


def iris(graph: Graph) -> set[str]:
    return {str(term) for triple in graph for term in triple if isinstance(term, URIRef)}


def test_no_blank_nodes() -> None:
    graph = graph_of(source())
    assert len(graph) > 100
    assert not [t for t in graph if any(isinstance(term, BNode) for term in t)]


def test_every_iri_is_valid_and_instances_live_under_the_base() -> None:
    graph = graph_of(source())
    for iri in iris(graph):
        pyoxigraph.NamedNode(iri)  # raises on anything Oxigraph would refuse
        assert iri.startswith(("https://", "http://")), iri
    minted = {s for s in graph.subjects() if isinstance(s, URIRef)}
    for subject in minted:
        assert str(subject).startswith((BASE, str(CONCEPT))), subject


def test_lexicon_concepts_keep_their_own_iris() -> None:
    graph = graph_of(source())
    yoga = CONCEPT["yoga"]
    assert (yoga, RDF.type, AKG.Intervention) in graph
    uses = set(graph.subjects(AKG.intervention, yoga))
    kinds = {graph.value(node, RDF.type) for node in uses}
    assert kinds == {AKG.Finding, AKG.MechanismClaim}
    assert (None, AKG.receives, yoga) in graph


def test_quotes_equal_their_slices_of_the_text() -> None:
    text = source()
    graph = graph_of(text)
    evidence = set(graph.subjects(RDF.type, AKG.Evidence))
    assert len(evidence) > 20
    for node in evidence:
        quote = graph.value(node, AKG.quote)
        start = graph.value(node, AKG.startOffset)
        end = graph.value(node, AKG.endOffset)
        assert (
            isinstance(quote, Literal) and isinstance(start, Literal) and isinstance(end, Literal)
        )
        assert start.datatype == XSD_INTEGER and end.datatype == XSD_INTEGER
        assert text[start.toPython() : end.toPython()] == str(quote)


def test_every_fact_has_evidence() -> None:
    graph = graph_of(source())
    for cls in FACT_CLASSES:
        nodes = set(graph.subjects(RDF.type, cls))
        assert nodes, f"no {cls} in the graph"
        for node in nodes:
            assert graph.value(node, AKG.hasEvidence) is not None, node


def test_a_finding_node_carries_its_qualifiers() -> None:
    graph = graph_of(source())
    (finding,) = [
        f
        for f in graph.subjects(AKG.outcome, CONCEPT["fatigue"])
        if (f, AKG.effect, AKG.reduces) in graph
    ]
    assert graph.value(finding, AKG.significant) == Literal(True)
    assert graph.value(finding, AKG.negated) == Literal(False)
    assert graph.value(finding, AKG.durationMin) == Literal("16", datatype=XSD_DECIMAL)
    assert graph.value(finding, AKG.durationMax) == Literal("18", datatype=XSD_DECIMAL)
    assert graph.value(finding, AKG.durationUnit) == AKG.hour
    study = graph.value(finding, AKG.fromStudy)
    assert (study, RDF.type, AKG.Study) in graph
    assert graph.value(study, AKG.sampleSize) == Literal(96, datatype=XSD_INTEGER)


def test_iris_do_not_move_when_unrelated_text_is_appended() -> None:
    text = source()
    longer = text + "Editor's note: the photograph in this story was replaced on 5 February.\n"
    before, after = iris(graph_of(text)), iris(graph_of(longer))
    assert before <= after
    assert after - before == set()


def test_iris_do_not_move_when_a_sentence_is_added_to_the_last_section() -> None:
    text = source()
    marker = "It is advisable to choose"
    longer = text.replace(marker, "Classes run on weekday mornings. " + marker)
    assert longer != text
    assert iris(graph_of(text)) == iris(graph_of(longer))


def test_same_article_gives_the_same_turtle_twice() -> None:
    assert turtle_text(graph_of(source())) == turtle_text(graph_of(source()))


def test_turtle_bytes_do_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from articlekg.assemble import assemble\n"
        "from articlekg.export.turtle import turtle_text\n"
        "from articlekg.lexicon import default_lexicon\n"
        "from articlekg.pipeline import extract\n"
        "from articlekg.read.text import read_text_document\n"
        "text = Path(sys.argv[1]).read_text(encoding='utf-8')\n"
        "doc = read_text_document(text, 'yoga-trial-news.txt', 'yoga-trial-news')\n"
        "graph = assemble(doc, extract(doc), default_lexicon(), sys.argv[2])\n"
        "Path(sys.argv[3]).write_text(turtle_text(graph), encoding='utf-8')\n"
    )
    outputs = []
    for seed in ("0", "1", "4242"):
        out = tmp_path / f"seed-{seed}.ttl"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-c", script, str(FIXTURE), BASE, str(out)],
            check=True,
            env=env,
            timeout=120,
        )
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]
    assert b"akg:Finding" in outputs[0]


def test_the_base_iri_names_the_article() -> None:
    graph = graph_of(source(), DEFAULT_BASE_IRI)
    (article,) = graph.subjects(RDF.type, AKG.Article)
    assert str(article) == f"{DEFAULT_BASE_IRI}article/yoga-trial-news"
    assert graph.value(article, AKG.sourceFile) == Literal("yoga-trial-news.txt")


@pytest.mark.parametrize("base", ["https://example.org/kg", "not an iri/", "relative/path/"])
def test_a_bad_base_iri_is_refused(base: str) -> None:
    with pytest.raises(IRIError):
        graph_of(source(), base)


def test_the_assembled_graph_conforms_to_the_shapes() -> None:
    # build_text checks the graph against the shapes and raises ValidationFailed otherwise.
    built = build_text(source(), "yoga-trial-news.txt")
    graph = built.graph.graph
    assert (None, RDF.type, AKG.Finding) in graph
    assert str(built.graph.name) == f"{DEFAULT_BASE_IRI}graph/yoga-trial-news"


def test_article_metadata_and_the_publisher_with_its_evidence() -> None:
    text = source()
    graph = graph_of(text)
    (article,) = graph.subjects(RDF.type, AKG.Article)
    assert graph.value(article, SCHEMA.dateModified) == Literal(
        "2025-02-04", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date")
    )
    assert str(graph.value(article, RDFS.label)) == text.splitlines()[1]
    publisher = graph.value(article, SCHEMA.publisher)
    assert (publisher, RDF.type, AKG.Organization) in graph
    evidence = graph.value(publisher, AKG.hasEvidence)
    assert str(graph.value(evidence, AKG.quote)) == "Riverbank Wellness News"
