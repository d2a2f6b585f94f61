"""The ontology and the shapes: they parse, declare the whole vocabulary and agree."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pyshacl
import pytest
from rdflib import OWL, RDF, RDFS, SKOS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic

from articlekg.resources import ontology_dir
from articlekg.validate import load_ontology, load_shapes
from articlekg.vocab import AKG

SH = Namespace("http://www.w3.org/ns/shacl#")
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
UNIT = Namespace("http://qudt.org/vocab/unit/")
ONTOLOGY_IRI = URIRef("https://w3id.org/articlekg/ontology")

DOMAIN_CLASSES = [
    "Intervention", "Condition", "Outcome", "Mechanism", "Study", "StudyArm", "Population",
    "Periodical", "Organization", "Recommendation", "Context", "Attribute", "Topic",
]  # fmt: skip
OTHER_CLASSES = [
    "Entity", "StudyDesign", "Article", "Section", "Evidence", "Fact", "Finding", "Statistic",
    "MechanismClaim", "ConditionRelation", "TopicalSection", "Effect", "Measure", "Unit",
]  # fmt: skip
EFFECTS = ["reduces", "improves", "increases", "worsens", "noEffect"]
MEASURES = [
    "prevalence", "incidence", "severity", "count", "proportion", "effectSize", "score",
    "rate", "change",
]  # fmt: skip
UNITS = {
    "percent": UNIT.PERCENT, "hour": UNIT.HR, "minute": UNIT.MIN, "day": UNIT.DAY,
    "week": UNIT.WK, "month": UNIT.MO, "year": UNIT.YR, "point": None, "person": None,
    "session": None, "milligramPerDay": None,
}  # fmt: skip
RELATIONS = [
    "causedBy", "commonIn", "associatedWith", "increasesRiskOf", "symptomOf", "complicationOf",
]  # fmt: skip

# Every property of the vocabulary with its range; None where the domain is deliberately open.
RANGES: dict[str, URIRef] = {
    "hasEvidence": AKG.Evidence, "quote": XSD.string, "startOffset": XSD.integer,
    "endOffset": XSD.integer, "inSection": AKG.Section, "inArticle": AKG.Article,
    "sourceFile": XSD.string, "mediaType": XSD.string, "sourceText": XSD.string,
    "centralEntity": AKG.Entity, "supportingEntity": AKG.Entity,
    "reportsStudy": AKG.Study, "hasSection": AKG.Section,
    "hasTopicalSection": AKG.TopicalSection, "headingLevel": XSD.integer,
    "intervention": AKG.Intervention, "outcome": AKG.Outcome, "effect": AKG.Effect,
    "comparator": AKG.Intervention, "significant": XSD.boolean, "hedged": XSD.boolean,
    "negated": XSD.boolean, "durationMin": XSD.decimal, "durationMax": XSD.decimal,
    "durationUnit": AKG.Unit, "fromStudy": AKG.Study, "claimType": XSD.string,
    "effectSize": XSD.decimal, "pValue": XSD.string, "title": XSD.string,
    "design": AKG.StudyDesign, "publishedIn": AKG.Periodical, "year": XSD.integer,
    "sampleSize": XSD.integer, "minAge": XSD.integer, "maxAge": XSD.integer,
    "location": XSD.string, "hasArm": AKG.StudyArm, "measures": AKG.Outcome,
    "population": AKG.Population, "doi": XSD.string, "pmid": XSD.string,
    "armRole": XSD.string, "receives": AKG.Intervention, "sessions": XSD.integer,
    "sessionMinutes": XSD.decimal, "armSize": XSD.integer, "armOf": AKG.Study,
    "statisticOf": AKG.Entity, "measure": AKG.Measure, "minValue": XSD.decimal,
    "maxValue": XSD.decimal, "unit": AKG.Unit, "scaleMax": XSD.decimal,
    "mechanism": AKG.Mechanism, "condition": AKG.Entity, "relation": OWL.ObjectProperty,
    "related": AKG.Entity, "conditionLink": AKG.Entity,
    **{name: AKG.Entity for name in RELATIONS},
    "recommendationKind": XSD.string, "concerns": AKG.Entity, "scope": XSD.string,
    "contextOf": AKG.Entity, "attributeOf": AKG.Entity, "contextualLink": AKG.Topic,
    "attributeNote": XSD.string, "sectionKind": XSD.string, "searchIntent": XSD.string,
    "hasTopic": AKG.Topic, "category": OWL.Class, "abbreviation": RDFS.Literal,
}  # fmt: skip
OPEN_DOMAIN = {"hasEvidence"}
UNION_RANGES = {"mentions": {AKG.Entity, AKG.StudyDesign}}


@pytest.fixture(scope="module")
def onto() -> Graph:
    return load_ontology()


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


def english(graph: Graph, node: URIRef, predicate: URIRef) -> list[str]:
    return [str(v) for v in graph.objects(node, predicate) if isinstance(v, Literal)]


def words(local_name: str) -> str:
    split = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local_name)
    return split[0] + split[1:].lower()


# --- the ontology -------------------------------------------------------------------------


def test_ontology_header(onto: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    version = onto.value(ONTOLOGY_IRI, OWL.versionIRI)
    assert isinstance(version, URIRef) and str(version).startswith(str(ONTOLOGY_IRI) + "/")
    assert not list(onto.triples((None, OWL.imports, None)))


@pytest.mark.parametrize("name", DOMAIN_CLASSES + OTHER_CLASSES)
def test_class_is_declared_with_label_and_comment(onto: Graph, name: str) -> None:
    cls = AKG[name]
    assert (cls, RDF.type, OWL.Class) in onto
    assert english(onto, cls, RDFS.label) == [words(name)]
    assert english(onto, cls, RDFS.comment), f"{name} has no rdfs:comment"


@pytest.mark.parametrize("name", DOMAIN_CLASSES)
def test_domain_classes_are_entities(onto: Graph, name: str) -> None:
    assert (AKG[name], RDFS.subClassOf, AKG.Entity) in onto


def test_schema_org_prov_and_skos_alignment(onto: Graph) -> None:
    expected = {
        AKG.Condition: SCHEMA.MedicalCondition,
        AKG.Study: SCHEMA.MedicalStudy,
        AKG.Periodical: SCHEMA.Periodical,
        AKG.Organization: SCHEMA.Organization,
        AKG.Article: SCHEMA.Article,
        AKG.Recommendation: SCHEMA.MedicalGuidelineRecommendation,
        AKG.Population: SCHEMA.PeopleAudience,
        AKG.Evidence: PROV.Entity,
        AKG.StudyDesign: SKOS.Concept,
    }
    for cls, parent in expected.items():
        assert (cls, RDFS.subClassOf, parent) in onto, cls
    assert (AKG.hasEvidence, RDFS.subPropertyOf, PROV.wasDerivedFrom) in onto
    assert (AKG.abbreviation, RDFS.subPropertyOf, SKOS.altLabel) in onto
    # Design concepts are shared lexicon terms, not entities that need evidence.
    assert (AKG.StudyDesign, RDFS.subClassOf, AKG.Entity) not in onto


def test_every_class_in_the_ontology_has_label_and_comment(onto: Graph) -> None:
    for cls in onto.subjects(RDF.type, OWL.Class):
        if isinstance(cls, BNode):
            continue  # anonymous union and enumeration classes
        assert english(onto, cls, RDFS.label), cls
        assert english(onto, cls, RDFS.comment), cls


@pytest.mark.parametrize("name", sorted(RANGES) + sorted(UNION_RANGES))
def test_property_is_declared_with_domain_and_range(onto: Graph, name: str) -> None:
    prop = AKG[name]
    kinds = set(onto.objects(prop, RDF.type))
    assert kinds & {OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}, name
    assert english(onto, prop, RDFS.label), name
    assert english(onto, prop, RDFS.comment), name
    ranges = list(onto.objects(prop, RDFS.range))
    assert len(ranges) == 1, (name, ranges)
    if name in UNION_RANGES:
        assert set(onto.items(onto.value(ranges[0], OWL.unionOf))) == UNION_RANGES[name]
    else:
        assert ranges == [RANGES[name]]
    domains = list(onto.objects(prop, RDFS.domain))
    assert len(domains) == (0 if name in OPEN_DOMAIN else 1), (name, domains)
    literal_range = RANGES.get(name) in (XSD.string, XSD.integer, XSD.decimal, XSD.boolean)
    if literal_range:
        assert OWL.DatatypeProperty in kinds, name
    elif name != "abbreviation":
        assert OWL.ObjectProperty in kinds, name


def test_shared_properties_have_union_domains(onto: Graph) -> None:
    def union(prop: URIRef) -> set[URIRef]:
        domain = onto.value(prop, RDFS.domain)
        members = onto.value(domain, OWL.unionOf)
        return set(onto.items(members))

    assert union(AKG.intervention) == {AKG.Finding, AKG.MechanismClaim}
    assert union(AKG.population) == {AKG.Study, AKG.Statistic}
    assert union(AKG.inArticle) == {AKG.Evidence, AKG.Section, AKG.TopicalSection}
    assert union(AKG.startOffset) == {AKG.Evidence, AKG.Section}


def test_every_akg_term_in_the_ontology_is_described(onto: Graph) -> None:
    subjects = {s for s in onto.subjects() if isinstance(s, URIRef) and s.startswith(AKG)}
    for term in subjects:
        assert english(onto, term, RDFS.label), term
        assert english(onto, term, RDFS.comment) or english(onto, term, SKOS.definition), term


def test_relation_properties_are_condition_links(onto: Graph) -> None:
    for name in RELATIONS:
        assert (AKG[name], RDFS.subPropertyOf, AKG.conditionLink) in onto


def test_effects_are_a_closed_enumeration(onto: Graph) -> None:
    members = set(onto.subjects(RDF.type, AKG.Effect))
    assert members == {AKG[n] for n in EFFECTS}
    one_of = onto.value(onto.value(AKG.Effect, OWL.equivalentClass), OWL.oneOf)
    assert set(onto.items(one_of)) == members
    assert english(onto, AKG.noEffect, RDFS.label) == ["no effect"]


def test_measures(onto: Graph) -> None:
    assert set(onto.subjects(RDF.type, AKG.Measure)) == {AKG[n] for n in MEASURES}
    for name in MEASURES:
        assert (AKG[name], RDF.type, OWL.NamedIndividual) in onto
        assert english(onto, AKG[name], RDFS.label) == [words(name).lower()]


def test_units_match_qudt(onto: Graph) -> None:
    assert set(onto.subjects(RDF.type, AKG.Unit)) == {AKG[n] for n in UNITS}
    for name, qudt in UNITS.items():
        matches = list(onto.objects(AKG[name], SKOS.exactMatch))
        assert matches == ([qudt] if qudt is not None else []), name


def test_mesh_datatype(onto: Graph) -> None:
    assert (AKG.MeSH, RDF.type, RDFS.Datatype) in onto
    restriction = onto.value(AKG.MeSH, OWL.equivalentClass)
    assert onto.value(restriction, OWL.onDatatype) == XSD.string


def test_ontology_holds_no_article_facts() -> None:
    # The scorer loads every .ttl under ontology/ beside an article: nothing here may look
    # like something an article said.
    graph = Graph()
    for path in sorted(ontology_dir().glob("*.ttl")):
        graph.parse(data=path.read_text(encoding="utf-8"), format="turtle")
    for predicate in (AKG.hasEvidence, AKG.quote, AKG.inArticle, AKG.intervention, AKG.effect):
        assert not list(graph.triples((None, predicate, None))), predicate
    entity_classes = set(graph.transitive_subjects(RDFS.subClassOf, AKG.Entity))
    for cls in entity_classes:
        assert not list(graph.subjects(RDF.type, cls)), cls


# --- the shapes ---------------------------------------------------------------------------


def _shape_terms(shapes: Graph) -> tuple[set[URIRef], set[URIRef], set[URIRef]]:
    properties: set[URIRef] = set()
    classes: set[URIRef] = set()
    individuals: set[URIRef] = set()
    for predicate in (SH.path, SH.lessThan, SH.lessThanOrEquals, SH.targetSubjectsOf,
                      SH.targetObjectsOf):  # fmt: skip
        properties.update(o for o in shapes.objects(None, predicate) if isinstance(o, URIRef))
    for predicate in (SH["class"], SH.targetClass):
        classes.update(o for o in shapes.objects(None, predicate) if isinstance(o, URIRef))
    for members in shapes.objects(None, SH["in"]):
        individuals.update(i for i in shapes.items(members) if isinstance(i, URIRef))
    for query in shapes.objects(None, SH.select):
        for iri in re.findall(r"<(https://w3id\.org/articlekg/ontology#\w+)>", str(query)):
            properties.add(URIRef(iri))
    return properties, classes, individuals


def test_every_term_used_in_shapes_is_declared(onto: Graph, shapes: Graph) -> None:
    properties, classes, individuals = _shape_terms(shapes)
    assert AKG.outcome in properties and AKG.Finding in classes and AKG.reduces in individuals
    for prop in properties:
        if prop.startswith(AKG):
            kinds = set(onto.objects(prop, RDF.type))
            assert kinds & {OWL.ObjectProperty, OWL.DatatypeProperty}, prop
    for cls in classes:
        if cls.startswith(AKG):
            assert (cls, RDF.type, OWL.Class) in onto, cls
    for individual in individuals:
        assert (individual, RDF.type, OWL.NamedIndividual) in onto or (
            individual,
            RDF.type,
            OWL.ObjectProperty,
        ) in onto, individual


def test_every_vocabulary_class_has_a_shape(shapes: Graph) -> None:
    targeted = set(shapes.objects(None, SH.targetClass))
    for name in ["Entity", "Evidence", "Article", "Section", "Finding", "Statistic",
                 "MechanismClaim", "ConditionRelation", "TopicalSection", "Study", "StudyArm",
                 "Recommendation", "Context", "Attribute"]:  # fmt: skip
        assert AKG[name] in targeted, name


def test_every_shape_is_named_and_has_a_message(shapes: Graph) -> None:
    shape_nodes = set(shapes.subjects(RDF.type, SH.NodeShape))
    shape_nodes |= set(shapes.subjects(RDF.type, SH.PropertyShape))
    shape_nodes |= set(shapes.subjects(RDF.type, SH.SPARQLConstraint))
    assert len(shape_nodes) > 50
    for shape in shape_nodes:
        assert isinstance(shape, URIRef), shape
        messages = english(shapes, shape, SH.message)
        assert len(messages) == 1, shape
        assert messages[0][0].isupper() or messages[0].startswith("akg:"), shape
        assert messages[0].endswith("."), shape
    # Every sh:property points to a named, typed property shape.
    for target in shapes.objects(None, SH.property):
        assert (target, RDF.type, SH.PropertyShape) in shapes, target


def test_shapes_graph_is_valid_shacl(shapes: Graph) -> None:
    # meta_shacl checks the shapes graph against the SHACL-for-SHACL shapes first. pySHACL
    # adds triples to the shapes graph it is given, so it gets a copy, not the cached graph
    # every later validation in this process shares.
    private = Graph()
    private += shapes
    conforms, _graph, text = pyshacl.validate(
        Graph(), shacl_graph=private, ont_graph=load_ontology(), meta_shacl=True
    )
    assert conforms, text


# --- independent parser -------------------------------------------------------------------


@pytest.mark.parametrize("name", ["articlekg.ttl", "shapes.ttl"])
def test_rapper_parses_the_same_triples(name: str) -> None:
    rapper = shutil.which("rapper")
    assert rapper, "rapper is missing: run scripts/install-test-tools (raptor2-utils)"
    path = Path(ontology_dir()) / name
    done = subprocess.run(
        [rapper, "-i", "turtle", "-o", "ntriples", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    found = re.search(r"returned (\d+) triples", done.stderr)
    assert found, done.stderr
    theirs = Graph().parse(data=done.stdout, format="nt")
    ours = Graph().parse(data=path.read_text(encoding="utf-8"), format="turtle")
    # The same count also means no triple is stated twice in the file.
    assert int(found.group(1)) == len(ours)
    assert isomorphic(theirs, ours)


@pytest.mark.parametrize("name", ["articlekg.ttl", "shapes.ttl"])
def test_oxigraph_strict_parser_reads_the_same_triples(name: str) -> None:
    path = Path(ontology_dir()) / name
    data = path.read_bytes()
    count = sum(1 for _ in ox.parse(data, format=ox.RdfFormat.TURTLE))
    assert count == len(Graph().parse(data=data.decode("utf-8"), format="turtle"))
