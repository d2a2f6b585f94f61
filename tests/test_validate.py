"""The validate stage: a well-formed graph conforms; each kind of breakage is named readably."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, XSD, BNode, Dataset, Graph, Literal, Namespace, URIRef

from articlekg.errors import InputError, UnsafeQueryError
from articlekg.validate import (
    ValidationReport,
    Violation,
    load_ontology,
    load_shapes,
    validate_file,
    validate_graph,
)
from articlekg.vocab import AKG, CONCEPT, DEFAULT_BASE_IRI

BASE = Namespace(DEFAULT_BASE_IRI)
ART = Namespace(DEFAULT_BASE_IRI + "article/demo/")
ENT = Namespace(DEFAULT_BASE_IRI + "entity/")
SCHEMA = Namespace("https://schema.org/")

ARTICLE = BASE["article/demo"]
TEXT = (
    "Massage therapy reduced pain for 16 to 18 hours in a randomized trial of 72 adults "
    "(Kutner, 2008). Bone pain is caused by metastases and is common in advanced cancer. "
    "About 34% to 45% of patients develop bone pain. Massage may work via reduced cortisol. "
    "Patients should consult their oncologist first."
)


def _evidence(graph: Graph, name: str, quote: str) -> URIRef:
    node = ART["evidence/" + name]
    start = TEXT.index(quote)
    graph.add((node, RDF.type, AKG.Evidence))
    graph.add((node, AKG.quote, Literal(quote)))
    graph.add((node, AKG.startOffset, Literal(start)))
    graph.add((node, AKG.endOffset, Literal(start + len(quote))))
    graph.add((node, AKG.inArticle, ARTICLE))
    graph.add((node, AKG.inSection, ART["section/body"]))
    return node


def _entity(graph: Graph, node: URIRef, label: str, kind: URIRef, evidence: URIRef) -> URIRef:
    graph.add((node, RDF.type, kind))
    graph.add((node, RDFS.label, Literal(label, lang="en")))
    graph.add((node, AKG.hasEvidence, evidence))
    return node


def well_formed() -> Graph:
    """A small article graph with one node of every kind, built the way the pipeline does."""
    g = Graph()
    g.bind("akg", AKG)
    g.bind("art", ART)
    g.bind("ent", ENT)
    g.bind("concept", CONCEPT)
    g.add((ARTICLE, RDF.type, AKG.Article))
    g.add((ARTICLE, RDFS.label, Literal("Massage and bone pain")))
    g.add((ARTICLE, AKG.sourceFile, Literal("demo.txt")))
    g.add((ARTICLE, AKG.mediaType, Literal("text/plain")))
    g.add((ARTICLE, AKG.sourceText, Literal(TEXT)))
    g.add((ARTICLE, SCHEMA.datePublished, Literal("2025-11-15", datatype=XSD.date)))
    g.add((ARTICLE, SCHEMA.url, Literal("https://example.org/a", datatype=XSD.anyURI)))
    section = ART["section/body"]
    g.add((section, RDF.type, AKG.Section))
    g.add((section, RDFS.label, Literal("Body")))
    g.add((section, AKG.startOffset, Literal(0)))
    g.add((section, AKG.endOffset, Literal(len(TEXT))))
    g.add((section, AKG.headingLevel, Literal(1)))
    g.add((section, AKG.inArticle, ARTICLE))
    g.add((ARTICLE, AKG.hasSection, section))

    e_effect = _evidence(g, "effect", "Massage therapy reduced pain for 16 to 18 hours")
    e_trial = _evidence(g, "trial", "a randomized trial of 72 adults (Kutner, 2008)")
    e_cause = _evidence(g, "cause", "Bone pain is caused by metastases")
    e_common = _evidence(g, "common", "common in advanced cancer")
    e_stat = _evidence(g, "stat", "About 34% to 45% of patients develop bone pain")
    e_mech = _evidence(g, "mech", "Massage may work via reduced cortisol")
    e_advice = _evidence(g, "advice", "Patients should consult their oncologist first")

    massage = _entity(g, CONCEPT["massage-therapy"], "massage therapy", AKG.Intervention, e_effect)
    pain = _entity(g, CONCEPT["pain"], "pain", AKG.Outcome, e_effect)
    bone_pain = _entity(g, CONCEPT["bone-pain"], "bone pain", AKG.Condition, e_cause)
    metastases = _entity(g, CONCEPT["metastases"], "metastases", AKG.Condition, e_cause)
    cancer = _entity(g, CONCEPT["advanced-cancer"], "advanced cancer", AKG.Condition, e_common)
    cortisol = _entity(g, CONCEPT["cortisol"], "reduced cortisol", AKG.Mechanism, e_mech)
    patients = _entity(g, ENT["patients"], "patients", AKG.Population, e_stat)
    study = _entity(g, ENT["kutner-2008"], "Kutner 2008", AKG.Study, e_trial)
    arm = _entity(g, ART["arm/massage"], "massage arm", AKG.StudyArm, e_trial)
    advice = _entity(g, ART["advice/consult"], "consult oncologist", AKG.Recommendation, e_advice)
    context = _entity(g, CONCEPT["palliative-care"], "palliative care", AKG.Context, e_effect)
    topic = _entity(g, ENT["bone-pain-relief"], "bone pain relief", AKG.Topic, e_effect)
    attribute = _entity(g, ENT["benefits"], "benefits", AKG.Attribute, e_effect)
    _entity(g, CONCEPT["pain"], "pain", AKG.Condition, e_cause)  # several classes are fine

    rct = CONCEPT["randomized-controlled-trial"]
    g.add((rct, RDF.type, AKG.StudyDesign))
    g.add((rct, RDFS.label, Literal("randomized controlled trial", lang="en")))
    g.add((study, AKG.design, rct))
    g.add((study, AKG.year, Literal(2008)))
    g.add((study, AKG.sampleSize, Literal(72)))
    g.add((study, AKG.minAge, Literal(27)))
    g.add((study, AKG.maxAge, Literal(81)))
    g.add((study, AKG.hasArm, arm))
    g.add((study, AKG.measures, pain))
    g.add((study, AKG.population, patients))
    g.add((study, AKG.pmid, Literal("18794551")))
    g.add((arm, AKG.armOf, study))
    g.add((arm, AKG.armRole, Literal("intervention")))
    g.add((arm, AKG.receives, massage))
    g.add((arm, AKG.sessions, Literal(6)))
    g.add((arm, AKG.sessionMinutes, Literal(Decimal("30"))))
    g.add((arm, AKG.armSize, Literal(36)))

    finding = ART["finding/1"]
    g.add((finding, RDF.type, AKG.Finding))
    g.add((finding, AKG.intervention, massage))
    g.add((finding, AKG.outcome, pain))
    g.add((finding, AKG.effect, AKG.reduces))
    g.add((finding, AKG.significant, Literal(True)))
    g.add((finding, AKG.durationMin, Literal(16)))
    g.add((finding, AKG.durationMax, Literal(Decimal("18"))))
    g.add((finding, AKG.durationUnit, AKG.hour))
    g.add((finding, AKG.fromStudy, study))
    g.add((finding, AKG.claimType, Literal("studyResult", datatype=XSD.string)))
    g.add((finding, AKG.hasEvidence, e_effect))

    stat = ART["statistic/1"]
    g.add((stat, RDF.type, AKG.Statistic))
    g.add((stat, AKG.statisticOf, bone_pain))
    g.add((stat, AKG.measure, AKG.prevalence))
    g.add((stat, AKG.minValue, Literal(Decimal("34"))))
    g.add((stat, AKG.maxValue, Literal(Decimal("45"))))
    g.add((stat, AKG.unit, AKG.percent))
    g.add((stat, AKG.population, patients))
    g.add((stat, AKG.hasEvidence, e_stat))

    claim = ART["mechanism/1"]
    g.add((claim, RDF.type, AKG.MechanismClaim))
    g.add((claim, AKG.intervention, massage))
    g.add((claim, AKG.mechanism, cortisol))
    g.add((claim, AKG.hasEvidence, e_mech))

    relation = ART["relation/1"]
    g.add((relation, RDF.type, AKG.ConditionRelation))
    g.add((relation, AKG.condition, bone_pain))
    g.add((relation, AKG.relation, AKG.causedBy))
    g.add((relation, AKG.related, metastases))
    g.add((relation, AKG.hasEvidence, e_cause))
    g.add((bone_pain, AKG.causedBy, metastases))
    g.add((bone_pain, AKG.commonIn, cancer))

    g.add((advice, AKG.recommendationKind, Literal("precaution")))
    g.add((advice, AKG.concerns, massage))
    g.add((context, AKG.scope, Literal("macro")))
    g.add((context, AKG.contextOf, massage))
    g.add((attribute, AKG.attributeOf, massage))
    g.add((attribute, AKG.contextualLink, topic))

    topical = ART["topical/core"]
    g.add((topical, RDF.type, AKG.TopicalSection))
    g.add((topical, AKG.sectionKind, Literal("core")))
    g.add((topical, AKG.searchIntent, Literal("does massage help bone pain")))
    g.add((topical, AKG.hasTopic, topic))
    g.add((topical, AKG.inArticle, ARTICLE))
    g.add((topical, AKG.hasEvidence, e_effect))

    g.add((ARTICLE, AKG.centralEntity, massage))
    g.add((ARTICLE, AKG.mentions, pain))
    g.add((ARTICLE, AKG.reportsStudy, study))
    g.add((ARTICLE, AKG.hasTopicalSection, topical))
    return g


def only(report: ValidationReport) -> Violation:
    assert not report.conforms
    assert len(report.violations) == 1, report.lines()
    return report.violations[0]


# --- the well-formed graph ----------------------------------------------------------------


def test_well_formed_graph_conforms() -> None:
    graph = well_formed()
    report = validate_graph(graph)
    assert report.violations == [], report.lines()
    assert report.conforms
    assert report.triples == len(graph)


def test_validation_modifies_neither_the_graph_nor_the_cached_shapes() -> None:
    graph = well_formed()
    before = set(graph)
    shapes, ontology = set(load_shapes()), set(load_ontology())
    validate_graph(graph)
    assert set(graph) == before
    assert set(load_shapes()) == shapes
    assert set(load_ontology()) == ontology


# --- broken graphs ------------------------------------------------------------------------


def test_finding_without_outcome_names_focus_path_and_quote() -> None:
    graph = well_formed()
    graph.remove((ART["finding/1"], AKG.outcome, None))
    violation = only(validate_graph(graph))
    assert violation.focus == str(ART["finding/1"])
    assert violation.path == str(AKG.outcome)
    assert violation.source_shape == "https://w3id.org/articlekg/shapes#Finding-outcome"
    assert violation.severity == "Violation"
    assert violation.quote == "Massage therapy reduced pain for 16 to 18 hours"
    line = str(violation)
    assert line.startswith("art:finding/1 akg:outcome: A finding names exactly one akg:outcome")
    assert line.endswith(' — "Massage therapy reduced pain for 16 to 18 hours"')
    assert "\n" not in line


def test_evidence_with_start_not_before_end() -> None:
    graph = well_formed()
    evidence = ART["evidence/advice"]
    graph.set((evidence, AKG.startOffset, Literal(len(TEXT))))
    report = validate_graph(graph)
    assert not report.conforms
    shapes = {v.source_shape for v in report.violations if v.focus == str(evidence)}
    assert "https://w3id.org/articlekg/shapes#Evidence-start" in shapes
    start = next(v for v in report.violations if v.source_shape.endswith("#Evidence-start"))
    assert start.path == str(AKG.startOffset)
    assert "smaller than its akg:endOffset" in start.message
    assert start.quote == "Patients should consult their oncologist first"
    assert f"(value {len(TEXT)})" in str(start) or f'"{len(TEXT)}"' in str(start)


def test_evidence_with_equal_offsets_fails_too() -> None:
    graph = well_formed()
    evidence = ART["evidence/advice"]
    end = next(graph.objects(evidence, AKG.endOffset))
    graph.set((evidence, AKG.startOffset, end))
    report = validate_graph(graph)
    assert any(v.source_shape.endswith("#Evidence-start") for v in report.violations)


def test_non_integer_offset() -> None:
    graph = well_formed()
    evidence = ART["evidence/advice"]
    graph.set((evidence, AKG.endOffset, Literal("12.5", datatype=XSD.decimal)))
    report = validate_graph(graph)
    end = [v for v in report.violations if v.path == str(AKG.endOffset)]
    assert len(end) == 1, report.lines()
    assert end[0].focus == str(evidence)
    assert end[0].value == '"12.5"^^<http://www.w3.org/2001/XMLSchema#decimal>'
    assert '(value "12.5"^^xsd:decimal)' in str(end[0])


def test_ill_typed_integer_offset() -> None:
    graph = well_formed()
    evidence = ART["evidence/advice"]
    graph.set((evidence, AKG.startOffset, Literal("twelve", datatype=XSD.integer)))
    report = validate_graph(graph)
    assert any(
        v.path == str(AKG.startOffset) and v.focus == str(evidence) for v in report.violations
    ), report.lines()


def test_negative_offset() -> None:
    graph = well_formed()
    graph.set((ART["evidence/advice"], AKG.startOffset, Literal(-1)))
    # Only the offset check fires: the quote check leaves bad offsets alone.
    violation = only(validate_graph(graph))
    assert violation.source_shape == "https://w3id.org/articlekg/shapes#Evidence-start"


def test_evidence_needs_exactly_one_quote_and_article() -> None:
    graph = well_formed()
    evidence = ART["evidence/advice"]
    graph.remove((evidence, AKG.inArticle, None))
    graph.add((evidence, AKG.quote, Literal("Patients")))
    report = validate_graph(graph)
    paths = {v.path for v in report.violations if v.focus == str(evidence)}
    assert str(AKG.inArticle) in paths
    assert str(AKG.quote) in paths


def test_quote_must_be_the_slice_of_the_source_text() -> None:
    graph = well_formed()
    evidence = ART["evidence/advice"]
    graph.set((evidence, AKG.quote, Literal("Patients should consult their doctor first")))
    violation = only(validate_graph(graph))
    assert violation.source_shape == "https://w3id.org/articlekg/shapes#ArticleQuotes"
    assert violation.focus == str(ARTICLE)
    assert violation.value == str(evidence)
    assert violation.quote == "Patients should consult their doctor first"
    assert str(violation) == (
        "id:article/demo: An evidence's akg:quote must equal its article's akg:sourceText from "
        "akg:startOffset to akg:endOffset. (value art:evidence/advice) — "
        '"Patients should consult their doctor first"'
    )


def test_quote_check_counts_code_points() -> None:
    # An astral character is one code point (two UTF-16 units): offsets after it still match.
    graph = well_formed()
    text = "\U0001f600 " + TEXT
    graph.set((ARTICLE, AKG.sourceText, Literal(text)))
    for evidence in graph.subjects(RDF.type, AKG.Evidence):
        for prop in (AKG.startOffset, AKG.endOffset):
            offset = graph.value(evidence, prop)
            assert isinstance(offset, Literal)
            graph.set((evidence, prop, Literal(offset.toPython() + 2)))
    assert validate_graph(graph).conforms


def test_entity_without_label() -> None:
    graph = well_formed()
    graph.remove((CONCEPT["cortisol"], RDFS.label, None))
    violation = only(validate_graph(graph))
    assert violation.focus == str(CONCEPT["cortisol"])
    assert violation.path == str(RDFS.label)
    assert violation.quote == "Massage may work via reduced cortisol"
    assert str(violation).startswith("concept:cortisol rdfs:label: An entity needs")


def test_entity_label_must_be_a_string() -> None:
    graph = well_formed()
    graph.set((CONCEPT["cortisol"], RDFS.label, Literal(7)))
    violation = only(validate_graph(graph))
    assert violation.path == str(RDFS.label)
    assert violation.value_short == '"7"^^xsd:integer'


def test_entity_without_evidence() -> None:
    graph = well_formed()
    graph.remove((ENT["patients"], AKG.hasEvidence, None))
    violation = only(validate_graph(graph))
    assert violation.focus == str(ENT["patients"])
    assert violation.path == str(AKG.hasEvidence)
    assert violation.quote is None
    assert str(violation).startswith("ent:patients akg:hasEvidence: ")
    assert "—" not in str(violation)


def test_article_may_mention_a_study_design_but_not_an_untyped_node() -> None:
    graph = well_formed()
    graph.add((ARTICLE, AKG.mentions, CONCEPT["randomized-controlled-trial"]))
    assert validate_graph(graph).conforms
    graph.add((ARTICLE, AKG.mentions, CONCEPT["nothing"]))
    violation = only(validate_graph(graph))
    assert (violation.path, violation.value) == (str(AKG.mentions), str(CONCEPT["nothing"]))


def test_instance_iris_are_shortened_by_the_base_iri_without_a_bound_prefix() -> None:
    graph = Graph()
    for triple in well_formed():
        graph.add(triple)  # a fresh graph: none of the test's prefixes are bound
    graph.remove((ART["finding/1"], AKG.outcome, None))
    violation = only(validate_graph(graph))
    assert violation.focus_short == "id:article/demo/finding/1"
    assert violation.focus == str(ART["finding/1"])


def test_arm_role_placebo() -> None:
    graph = well_formed()
    graph.set((ART["arm/massage"], AKG.armRole, Literal("placebo")))
    violation = only(validate_graph(graph))
    assert violation.path == str(AKG.armRole)
    assert violation.value == '"placebo"'
    assert str(violation) == (
        'art:arm/massage akg:armRole: A study arm has at most one akg:armRole: "intervention" '
        'or "control". (value "placebo") — "a randomized trial of 72 adults (Kutner, 2008)"'
    )


def test_arm_role_typed_as_xsd_string_is_accepted() -> None:
    graph = well_formed()
    graph.set((ART["arm/massage"], AKG.armRole, Literal("control", datatype=XSD.string)))
    assert validate_graph(graph).conforms


@pytest.mark.parametrize(
    ("node", "prop", "value"),
    [
        (CONCEPT["palliative-care"], AKG.scope, "global"),
        (ART["topical/core"], AKG.sectionKind, "inner"),
        (ART["advice/consult"], AKG.recommendationKind, "warning"),
        (ART["finding/1"], AKG.claimType, "rumour"),
    ],
)
def test_string_enumerations(node: URIRef, prop: URIRef, value: str) -> None:
    graph = well_formed()
    graph.set((node, prop, Literal(value)))
    violation = only(validate_graph(graph))
    assert (violation.focus, violation.path, violation.value) == (
        str(node),
        str(prop),
        f'"{value}"',
    )


def test_effect_outside_the_enumeration() -> None:
    graph = well_formed()
    graph.set((ART["finding/1"], AKG.effect, AKG.helps))
    violation = only(validate_graph(graph))
    assert violation.path == str(AKG.effect)
    assert violation.value_short == "akg:helps"


def test_range_class_violation_is_not_hidden_by_inference() -> None:
    # akg:intervention's range is akg:Intervention; RDFS inference would make pain one.
    graph = well_formed()
    graph.set((ART["finding/1"], AKG.intervention, CONCEPT["pain"]))
    violation = only(validate_graph(graph))
    assert violation.path == str(AKG.intervention)
    assert violation.value == str(CONCEPT["pain"])


def test_statistic_without_values() -> None:
    graph = well_formed()
    graph.remove((ART["statistic/1"], AKG.minValue, None))
    graph.remove((ART["statistic/1"], AKG.maxValue, None))
    violation = only(validate_graph(graph))
    assert violation.focus == str(ART["statistic/1"])
    assert violation.path is None
    assert violation.value is None
    assert str(violation).startswith("art:statistic/1: A statistic needs a value")


def test_statistic_lower_bound_alone_conforms() -> None:
    graph = well_formed()
    graph.remove((ART["statistic/1"], AKG.maxValue, None))
    assert validate_graph(graph).conforms


def test_statistic_min_above_max() -> None:
    graph = well_formed()
    graph.set((ART["statistic/1"], AKG.minValue, Literal(Decimal("50"))))
    violation = only(validate_graph(graph))
    assert violation.path == str(AKG.minValue)


def test_double_is_not_a_decimal() -> None:
    graph = well_formed()
    graph.set((ART["finding/1"], AKG.durationMin, Literal(16.0)))
    violation = only(validate_graph(graph))
    assert violation.path == str(AKG.durationMin)
    assert violation.value_short == '"16.0"^^xsd:double'


def test_boolean_must_be_xsd_boolean() -> None:
    graph = well_formed()
    graph.set((ART["finding/1"], AKG.significant, Literal("yes")))
    violation = only(validate_graph(graph))
    assert violation.path == str(AKG.significant)


@pytest.mark.parametrize(
    ("prop", "value"),
    [
        (AKG.sampleSize, Literal(-3)),
        (AKG.sampleSize, Literal("72")),
        (AKG.year, Literal(72)),
        (AKG.minAge, Literal(Decimal("27.5"))),
    ],
)
def test_study_numbers(prop: URIRef, value: Literal) -> None:
    graph = well_formed()
    graph.set((ENT["kutner-2008"], prop, value))
    violation = only(validate_graph(graph))
    assert violation.path == str(prop)
    assert violation.quote == "a randomized trial of 72 adults (Kutner, 2008)"


def test_article_needs_exactly_one_source_file() -> None:
    graph = well_formed()
    graph.add((ARTICLE, AKG.sourceFile, Literal("other.txt")))
    violation = only(validate_graph(graph))
    assert violation.path == str(AKG.sourceFile)
    graph.remove((ARTICLE, AKG.sourceFile, None))
    violation = only(validate_graph(graph))
    assert violation.path == str(AKG.sourceFile)


def test_article_source_file_is_relative() -> None:
    graph = well_formed()
    graph.set((ARTICLE, AKG.sourceFile, Literal("/home/me/demo.txt")))
    violation = only(validate_graph(graph))
    assert violation.path == str(AKG.sourceFile)


def test_blank_nodes_are_refused() -> None:
    graph = well_formed()
    node = BNode()
    graph.add((ART["finding/1"], AKG.comparator, node))
    report = validate_graph(graph)
    assert not report.conforms
    blank = [v for v in report.violations if v.message.startswith("Blank nodes")]
    assert [(v.focus, v.path) for v in blank] == [(str(ART["finding/1"]), str(AKG.comparator))]
    assert "_:" not in "\n".join(report.lines())


# --- determinism --------------------------------------------------------------------------


def broken() -> Graph:
    graph = well_formed()
    graph.remove((ART["finding/1"], AKG.outcome, None))
    graph.set((ART["arm/massage"], AKG.armRole, Literal("placebo")))
    graph.remove((CONCEPT["cortisol"], RDFS.label, None))
    graph.set((ART["evidence/advice"], AKG.endOffset, Literal("x", datatype=XSD.integer)))
    graph.set((ART["statistic/1"], AKG.unit, AKG.furlong))
    return graph


def test_violations_are_sorted() -> None:
    report = validate_graph(broken())
    assert len(report.violations) >= 5
    keys = [v.sort_key() for v in report.violations]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)


def test_same_lines_under_any_hash_seed(tmp_path: Path) -> None:
    path = tmp_path / "broken.ttl"
    path.write_text(broken().serialize(format="turtle"), encoding="utf-8")
    script = (
        "import sys; from pathlib import Path; from articlekg.validate import validate_file;"
        "print('\\n'.join(validate_file(Path(sys.argv[1])).lines()))"
    )
    outputs = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", script, str(path)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
    assert "akg:armRole" in outputs.pop()


# --- files --------------------------------------------------------------------------------


def test_validate_turtle_file(tmp_path: Path) -> None:
    path = tmp_path / "demo.ttl"
    path.write_text(well_formed().serialize(format="turtle"), encoding="utf-8")
    report = validate_file(path)
    assert report.conforms
    assert report.triples == len(well_formed())


def test_validate_ntriples_and_jsonld_files(tmp_path: Path) -> None:
    graph = well_formed()
    nt = tmp_path / "demo.nt"
    nt.write_text(graph.serialize(format="nt"), encoding="utf-8")
    jsonld = tmp_path / "demo.jsonld"
    jsonld.write_text(graph.serialize(format="json-ld"), encoding="utf-8")
    assert validate_file(nt).conforms
    assert validate_file(jsonld).conforms


def test_validate_trig_merges_named_graphs(tmp_path: Path) -> None:
    dataset = Dataset()
    named = dataset.graph(BASE["graph/demo"])
    for triple in well_formed():
        named.add(triple)
    dataset.remove((ART["finding/1"], AKG.outcome, None, BASE["graph/demo"]))
    path = tmp_path / "demo.trig"
    path.write_text(dataset.serialize(format="trig"), encoding="utf-8")
    violation = only(validate_file(path))
    assert violation.path == str(AKG.outcome)


def test_turtle_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.ttl"
    path.write_text('@prefix a: <urn:a#> .\na:x a:p a:y .\na:x a:p "open .\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        validate_file(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: line 3: does not parse as turtle")
    assert "\n" not in message


def test_ntriples_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.nt"
    path.write_text("<urn:a> <urn:b> <urn:c> .\n\n<urn:a> <urn:b> oops .\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.nt: line 3: does not parse as nt"):
        validate_file(path)


def test_remote_jsonld_context_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "remote.jsonld"
    document = {"@context": "http://127.0.0.1:9/context.jsonld", "@id": "urn:x", "name": "x"}
    path.write_text(json.dumps(document), encoding="utf-8")
    audit: list[str] = []

    def guard(event: str, args: object) -> None:
        if event == "socket.connect":
            audit.append(event)

    sys.addaudithook(guard)
    with pytest.raises(UnsafeQueryError, match="would be fetched from elsewhere"):
        validate_file(path)
    assert audit == []


def test_nested_and_imported_contexts_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "nested.jsonld"
    document = {
        "@context": {"@import": "https://example.org/ctx"},
        "@id": "urn:x",
        "urn:p": {"@context": ["https://example.org/other"], "@id": "urn:y"},
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(UnsafeQueryError, match=r"example\.org/ctx"):
        validate_file(path)


def test_bad_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonld"
    path.write_text('{\n  "@id": "urn:x",\n  oops\n}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.jsonld: line 3: not valid JSON"):
        validate_file(path)


def test_invalid_iri_that_rdflib_would_accept_is_refused(tmp_path: Path) -> None:
    # rdflib's Turtle parser reads a tab inside an IRI; the strict gate names the line.
    path = tmp_path / "tab.ttl"
    path.write_text("<urn:a> <urn:b> <urn:c> .\n<urn:a\tb> <urn:b> <urn:c> .\n", encoding="utf-8")
    assert len(Graph().parse(data=path.read_text(encoding="utf-8"), format="turtle")) == 2
    with pytest.raises(InputError, match=r"tab\.ttl: line 2: does not parse as turtle"):
        validate_file(path)


def test_unknown_suffix_missing_file_and_empty_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"unknown RDF file type '\.rdf'"):
        validate_file(tmp_path / "x.rdf")
    with pytest.raises(InputError, match="no such file"):
        validate_file(tmp_path / "missing.ttl")
    empty = tmp_path / "empty.ttl"
    empty.write_text("@prefix a: <urn:a#> .\n", encoding="utf-8")
    with pytest.raises(InputError, match="holds no triples"):
        validate_file(empty)


# --- the committed build of the seed ------------------------------------------------------

EXPORTS = Path(__file__).resolve().parents[1] / "exports"
SEED = "massage-metastatic-bone-pain"


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".nq", ".trig", ".jsonld"])
def test_seed_export_conforms(suffix: str) -> None:
    path = EXPORTS / (SEED + suffix)
    assert path.is_file(), f"{path} is missing: build the seed into exports/ (see README)"
    report = validate_file(path)
    assert report.violations == [], "\n".join(report.lines()[:20])
    assert report.conforms
    # A real article: entities, facts and evidence, not an empty shell that trivially conforms.
    graph = Graph().parse(EXPORTS / (SEED + ".ttl"))
    for cls in (AKG.Finding, AKG.Statistic, AKG.Evidence, AKG.Study, AKG.StudyArm):
        assert (None, RDF.type, cls) in graph, cls
    assert report.triples == len(graph)
