"""Graphs and external readers shared by the export tests (imported as a module by them).

``sample_graph`` follows the pipeline's vocabulary; ``hostile_graph`` carries what breaks
exporters: markup characters, control characters, emoji, a 100 kB literal, integers
beyond 2^53 and 2^63, missing and empty values, parallel edges with different predicates.
The external tools are required: a missing one fails the test with an install hint.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef

from articlekg.export.registry import ArticleGraph
from articlekg.vocab import AKG, CONCEPT, DEFAULT_BASE_IRI, SCHEMA

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
NODE_DIR = REPO / "tests" / "node"
B = DEFAULT_BASE_IRI
ART = URIRef(f"{B}article/sample")
INSTALL_HINT = "run scripts/install-test-tools (make setup-test) to install it"


def _id(kind: str, key: str) -> URIRef:
    return URIRef(f"{ART}/{kind}/{key}")


def sample_graph() -> Graph:
    """A small article graph in the pipeline's vocabulary, every kind of node once."""
    g = Graph()
    massage, pain, bone = CONCEPT.massage, CONCEPT["bone-pain"], CONCEPT["bone-metastases"]
    rct, cancer = CONCEPT.rct, URIRef(f"{B}entity/cancer")
    study, arm, finding = _id("study", "s1"), _id("arm", "a1"), _id("finding", "f1")
    stat, relation, rec = _id("statistic", "st1"), _id("relation", "r1"), _id("advice", "k1")
    section, topical, topic = _id("section", "h1"), _id("topical", "t1"), CONCEPT["pain-relief"]
    ev1, ev2, ev3 = _id("evidence", "e1"), _id("evidence", "e2"), _id("evidence", "e3")
    ev4 = _id("evidence", "e4")
    triples: list[tuple[URIRef, URIRef, URIRef | Literal]] = [
        (ART, RDF.type, AKG.Article),
        (ART, RDFS.label, Literal("Massage for metastatic bone pain")),
        (ART, AKG.sourceFile, Literal("sample.txt")),
        (ART, SCHEMA.datePublished, Literal("2024-03-01", datatype=XSD.date)),
        (ART, SCHEMA.author, Literal("A. Writer")),
        (ART, AKG.centralEntity, massage),
        (ART, AKG.mentions, pain),
        (ART, AKG.mentions, bone),
        (ART, AKG.reportsStudy, study),
        (ART, AKG.hasSection, section),
        (ART, AKG.hasTopicalSection, topical),
        (section, RDF.type, AKG.Section),
        (section, RDFS.label, Literal("What the study found")),
        (section, AKG.startOffset, Literal(0)),
        (section, AKG.endOffset, Literal(120)),
        (section, AKG.headingLevel, Literal(2)),
        (section, AKG.inArticle, ART),
        (massage, RDF.type, AKG.Intervention),
        (massage, RDFS.label, Literal("massage")),
        (massage, SKOS.prefLabel, Literal("massage", lang="en")),
        (massage, SKOS.altLabel, Literal("massage therapy", lang="en")),
        (massage, SKOS.altLabel, Literal("therapeutic massage", lang="en")),
        (pain, RDF.type, AKG.Outcome),
        (pain, RDF.type, AKG.Condition),
        (pain, RDFS.label, Literal("bone pain")),
        (bone, RDF.type, AKG.Condition),
        (bone, RDFS.label, Literal("bone metastases")),
        (bone, AKG.causedBy, cancer),
        (cancer, RDF.type, AKG.Condition),
        (cancer, RDFS.label, Literal("cancer")),
        (rct, RDF.type, AKG.StudyDesign),
        (rct, RDFS.label, Literal("randomised controlled trial")),
        (rct, SKOS.notation, Literal("RCT")),
        (study, RDF.type, AKG.Study),
        (study, RDFS.label, Literal("Trial of massage in 72 patients")),
        (study, AKG.design, rct),
        (study, AKG.sampleSize, Literal(72)),
        (study, AKG.year, Literal(2019)),
        (study, AKG.hasArm, arm),
        (study, AKG.measures, pain),
        (study, AKG.hasEvidence, ev1),
        (arm, RDF.type, AKG.StudyArm),
        (arm, RDFS.label, Literal("massage arm")),
        (arm, AKG.armRole, Literal("intervention")),
        (arm, AKG.receives, massage),
        (arm, AKG.sessionMinutes, Literal("30.0", datatype=XSD.decimal)),
        (arm, AKG.armOf, study),
        (finding, RDF.type, AKG.Finding),
        (finding, RDFS.label, Literal("massage reduces bone pain")),
        (finding, AKG.intervention, massage),
        (finding, AKG.outcome, pain),
        (finding, AKG.effect, AKG.reduces),
        (finding, AKG.significant, Literal(True)),
        (finding, AKG.fromStudy, study),
        (finding, AKG.claimType, Literal("studyResult")),
        (finding, AKG.hasEvidence, ev1),
        (finding, AKG.hasEvidence, ev4),
        (stat, RDF.type, AKG.Statistic),
        (stat, RDFS.label, Literal("prevalence of bone pain")),
        (stat, AKG.statisticOf, pain),
        (stat, AKG.measure, AKG.prevalence),
        (stat, AKG.minValue, Literal("60", datatype=XSD.decimal)),
        (stat, AKG.maxValue, Literal("84.5", datatype=XSD.decimal)),
        (stat, AKG.unit, AKG.percent),
        (stat, AKG.hasEvidence, ev2),
        (relation, RDF.type, AKG.ConditionRelation),
        (relation, RDFS.label, Literal("bone metastases caused by cancer")),
        (relation, AKG.condition, bone),
        (relation, AKG.relation, AKG.causedBy),
        (relation, AKG.related, cancer),
        (relation, AKG.hasEvidence, ev3),
        (rec, RDF.type, AKG.Recommendation),
        (rec, RDFS.label, Literal("ask your care team before a massage")),
        (rec, AKG.recommendationKind, Literal("precaution")),
        (rec, AKG.concerns, massage),
        (topical, RDF.type, AKG.TopicalSection),
        (topical, RDFS.label, Literal("Pain relief")),
        (topical, AKG.sectionKind, Literal("core")),
        (topical, AKG.hasTopic, topic),
        (topical, AKG.inArticle, ART),
        (topic, RDF.type, AKG.Topic),
        (topic, RDFS.label, Literal("pain relief")),
        (AKG.percent, RDF.type, AKG.Unit),
        (AKG.percent, RDFS.label, Literal("percent")),
    ]
    for ev, start, end, quote in [
        (ev1, 10, 52, "Massage reduced pain in 72 patients (RCT)."),
        (ev2, 60, 95, "Between 60% and 84.5% have bone pain."),
        (ev3, 100, 118, "caused by cancer"),
        (ev4, 200, 230, "Pain scores fell after massage."),
    ]:
        triples += [
            (ev, RDF.type, AKG.Evidence),
            (ev, AKG.quote, Literal(quote)),
            (ev, AKG.startOffset, Literal(start)),
            (ev, AKG.endOffset, Literal(end)),
            (ev, AKG.inSection, section),
            (ev, AKG.inArticle, ART),
        ]
    for triple in triples:
        g.add(triple)
    return g


CONTROL_TEXT = "bell\x07 and vertical tab\x0b and unit separator\x1f"
BIG_TEXT = ("0123456789 <&>\"' " * 6000)[:100_000]
HOSTILE_TEXT = (
    "Fish & chips <b>\"quoted\"</b> it's 'fine' \\\" back\\slash \U0001f600 \u00e9\r\nend\t."
)
ABOVE_2_53 = 2**53 + 1
ABOVE_2_63 = 2**63 + 7


def hostile_graph(control: bool = True) -> Graph:
    """Everything that breaks naive exporters; without ``control``, only what XML can carry."""
    g = Graph()
    weird = URIRef(f"{B}entity/caf\u00e9-'quote'-&amp")
    plain = URIRef(f"{B}entity/plain")
    bare = URIRef(f"{B}entity/bare")
    fact = _id("finding", "hostile")
    ev = _id("evidence", "hostile")
    triples: list[tuple[URIRef, URIRef, URIRef | Literal]] = [
        (ART, RDF.type, AKG.Article),
        (ART, RDFS.label, Literal(HOSTILE_TEXT)),
        (ART, AKG.sourceText, Literal(BIG_TEXT)),
        (ART, AKG.mentions, weird),
        (ART, AKG.centralEntity, weird),
        (ART, AKG.supportingEntity, weird),
        (ART, AKG.mentions, plain),
        (weird, RDF.type, AKG.Intervention),
        (weird, RDFS.label, Literal("caf\u00e9 <&> \U0001f9d8", lang="fr")),
        (weird, AKG.sampleSize, Literal(ABOVE_2_53)),
        (weird, AKG.year, Literal(ABOVE_2_63)),
        (weird, AKG.effectSize, Literal("0.12345678901234567890123", datatype=XSD.decimal)),
        (weird, AKG.pValue, Literal("NaN", datatype=XSD.double)),
        (weird, AKG.scaleMax, Literal("INF", datatype=XSD.double)),
        (plain, RDF.type, AKG.Outcome),
        (plain, AKG.attributeNote, Literal("")),
        (plain, AKG.location, Literal("   ")),
        (bare, RDFS.comment, Literal("a subject with no type and no label")),
        (ART, AKG.mentions, bare),
        (fact, RDF.type, AKG.Finding),
        (fact, AKG.intervention, weird),
        (fact, AKG.outcome, plain),
        (fact, AKG.comparator, weird),
        (fact, AKG.hedged, Literal(False)),
        (fact, AKG.hasEvidence, ev),
        (ev, RDF.type, AKG.Evidence),
        (ev, AKG.quote, Literal(HOSTILE_TEXT)),
        (ev, AKG.startOffset, Literal(0)),
        (ev, AKG.endOffset, Literal(len(HOSTILE_TEXT))),
    ]
    if control:
        triples.append((plain, RDFS.label, Literal(CONTROL_TEXT)))
    else:
        triples.append((plain, RDFS.label, Literal("plain outcome")))
    for triple in triples:
        g.add(triple)
    return g


SEED_STEM = "massage-metastatic-bone-pain"
SEED_EXPORT = REPO / "exports" / f"{SEED_STEM}.ttl"


@functools.lru_cache(maxsize=1)
def _seed_triples() -> tuple[tuple[URIRef, URIRef, URIRef | Literal], ...]:
    if SEED_EXPORT.is_file():
        graph = Graph().parse(SEED_EXPORT, format="turtle")
    else:
        # Until exports/ holds the seed, build it with the pipeline (shapes not enforced:
        # these tests are about exporting whatever graph the pipeline makes).
        from articlekg.pipeline import build_document
        from articlekg.read import read_document

        source = REPO / "seeds" / f"{SEED_STEM}.txt"
        graph = build_document(read_document(source, source.name), check=False).graph.graph
    assert len(graph) > 100, "the seed graph is unexpectedly small"
    return tuple(sorted(graph, key=lambda t: tuple(map(str, t))))  # type: ignore[arg-type]


def seed_graph() -> Graph:
    """The seed article's graph: from exports/ once it is there, else from the pipeline."""
    graph = Graph()
    for triple in _seed_triples():
        graph.add(triple)
    return graph


def article(graph: Graph, stem: str = "sample") -> ArticleGraph:
    return ArticleGraph(graph=graph, name=URIRef(f"{B}graph/{stem}"), stem=stem)


def require(tool: str) -> str:
    path = shutil.which(tool)
    assert path, f"{tool} is not installed; {INSTALL_HINT}"
    return path


def run(args: list[str], timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout, check=False)


def rapper_count(path: Path, syntax: str) -> int:
    """Statements rapper parsed (it exits non-zero on bad syntax)."""
    result = run([require("rapper"), "-i", syntax, "-c", str(path)])
    assert result.returncode == 0, f"rapper rejected {path.name}: {result.stderr}"
    found = re.search(r"returned (\d+) (triples|statements)", result.stderr)
    assert found, f"no count in rapper's output: {result.stderr}"
    return int(found.group(1))


def jena_validate(*paths: Path) -> None:
    """Apache Jena's ``riot --validate`` through ../shared/tools/jena.sh, all files at once."""
    script = SHARED / "tools" / "jena.sh"
    assert script.is_file(), f"{script} is missing: CI needs shared/ beside the clone"
    require("java")
    assert Path("/usr/share/java/jena-core.jar").is_file(), f"Jena is not installed; {INSTALL_HINT}"
    result = run(["bash", str(script), "riotcmd.riot", "--validate", *map(str, paths)])
    output = result.stdout + result.stderr
    assert result.returncode == 0 and "ERROR" not in output, f"riot --validate failed:\n{output}"


def xmllint_relaxng(path: Path) -> None:
    schema = SHARED / "schemas" / "gexf" / "1.3" / "gexf.rng"
    assert schema.is_file(), f"{schema} is missing: CI needs shared/ beside the clone"
    result = run([require("xmllint"), "--noout", "--relaxng", str(schema), str(path)])
    assert result.returncode == 0, f"{path.name} fails the GEXF 1.3 schema:\n{result.stderr}"


def graphology_read(fmt: str, path: Path) -> dict[str, Any]:
    """What graphology-graphml / graphology-gexf (Gephi Lite's parsers) read from ``path``."""
    node = require("node")
    assert (NODE_DIR / "node_modules" / "graphology").is_dir(), (
        f"npm packages missing in {NODE_DIR}; {INSTALL_HINT}"
    )
    result = run([node, str(NODE_DIR / "read-graph.mjs"), fmt, str(path)])
    assert result.returncode == 0, f"graphology could not read {path.name}:\n{result.stderr}"
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_sample_graph_uses_iris_only_and_every_kind() -> None:
    g = sample_graph()
    types = set(g.objects(None, RDF.type))
    for cls in (
        AKG.Article,
        AKG.Finding,
        AKG.Statistic,
        AKG.Study,
        AKG.StudyArm,
        AKG.ConditionRelation,
        AKG.Recommendation,
        AKG.TopicalSection,
        AKG.Evidence,
    ):
        assert cls in types
    assert all(isinstance(term, URIRef | Literal) for triple in g for term in triple)


def test_hostile_graph_carries_each_hazard() -> None:
    g = hostile_graph()
    texts = [str(o) for o in g.objects() if isinstance(o, Literal)]
    assert any(len(t) == 100_000 for t in texts)
    assert any("\x07" in t for t in texts) and any("\U0001f600" in t for t in texts)
    assert any(t == str(ABOVE_2_53) for t in texts) and any(t == "" for t in texts)
    assert "\x07" not in "".join(str(o) for o in hostile_graph(control=False).objects())
