"""schema.org markup for the article's own web page: ``<stem>.schema.jsonld``.

A JSON-LD document a publisher pastes into the page (``<script type="application/ld+json">``):
the page typed by kind (``MedicalWebPage``, ``NewsArticle``, ``MedicalScholarlyArticle``),
its headline, dates, authors and publisher, ``about`` its central entity, ``mentions`` of the
therapies, drugs, conditions, symptoms, studies, organisations and journals it names, and
a ``citation`` for each study named with its journal and year. Lexicon identifiers become
``code`` (a MeSH ``MedicalCode``) and ``sameAs``. The context is schema.org's own, which
types ``datePublished`` as a Date; numbers are JSON numbers. Only schema.org terms are
used, each on a type in its domain (tests/test_export_schemaorg.py checks that against the
vocabulary itself).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from articlekg.atomic import write_text
from articlekg.export.registry import ArticleGraph
from articlekg.export.terms import checked_triples
from articlekg.schema_types import (
    SchemaRules,
    article_kind,
    best_type,
    entity_schema_types,
    schema_rules,
    study_type,
    the_article,
)
from articlekg.vocab import AKG, SCHEMA

Json = dict[str, Any]


def _label(graph: Graph, node: URIRef) -> str:
    for predicate in (RDFS.label, SKOS.prefLabel, AKG.title):
        value = graph.value(node, predicate)
        if value is not None:
            return str(value)
    return str(node).rsplit("/", 1)[-1]


def _sorted_objects(graph: Graph, node: URIRef, predicate: URIRef) -> list[URIRef]:
    return sorted((o for o in graph.objects(node, predicate) if isinstance(o, URIRef)), key=str)


class _Markup:
    def __init__(self, graph: Graph, rules: SchemaRules) -> None:
        self.graph = graph
        self.rules = rules
        self.article = the_article(graph)

    def schema_type(self, node: URIRef) -> str | None:
        declared = {
            str(t)[len(str(SCHEMA)) :]
            for t in self.graph.objects(node, RDF.type)
            if isinstance(t, URIRef) and t in SCHEMA and t != SCHEMA.MedicalCode
        }
        types = declared or entity_schema_types(self.graph, node, None, self.rules)
        return best_type(types, self.rules) if types else None

    def entity(self, node: URIRef, kind: str) -> Json:
        g = self.graph
        item: Json = {"@type": kind, "@id": str(node), "name": _label(g, node)}
        if kind in self.rules.medical_types:
            codes = []
            for code in _sorted_objects(g, node, SCHEMA.code):
                value, system = g.value(code, SCHEMA.codeValue), g.value(code, SCHEMA.codingSystem)
                if value is not None and system is not None:
                    codes.append(
                        {
                            "@type": "MedicalCode",
                            "codeValue": str(value),
                            "codingSystem": str(system),
                        }
                    )
            if codes:
                item["code"] = codes[0] if len(codes) == 1 else codes
        same = [str(o) for o in _sorted_objects(g, node, SKOS.exactMatch)]
        if same:
            item["sameAs"] = same[0] if len(same) == 1 else same
        if kind in ("MedicalTrial", "MedicalStudy", "MedicalObservationalStudy"):
            item.update(self.study_details(node, kind))
        return item

    def study_details(self, study: URIRef, kind: str) -> Json:
        g = self.graph
        details: Json = {}
        subjects = {
            o for arm in _sorted_objects(g, study, AKG.hasArm) for o in g.objects(arm, AKG.receives)
        }
        outcomes: set[URIRef] = set(_sorted_objects(g, study, AKG.measures))
        for finding in g.subjects(AKG.fromStudy, study):
            subjects.update(g.objects(finding, AKG.intervention))
            outcomes.update(o for o in g.objects(finding, AKG.outcome) if isinstance(o, URIRef))
        medical = [
            {"@id": str(s)}
            for s in sorted(subjects, key=str)
            if isinstance(s, URIRef) and self.schema_type(s) in self.rules.medical_types
        ]
        if medical:
            details["studySubject"] = medical
        conditions = [
            {"@id": str(o)}
            for o in sorted(outcomes, key=str)
            if self.schema_type(o) in ("MedicalCondition", "MedicalSignOrSymptom")
        ]
        if conditions:
            details["healthCondition"] = conditions
        location = g.value(study, AKG.location)
        if location is not None:
            details["studyLocation"] = {"@type": "AdministrativeArea", "name": str(location)}
        # Design members are schema.org enumeration values: referenced by their IRIs.
        members = [{"@id": str(SCHEMA[m])} for m in study_type(g, study, self.rules)[1]]
        if members:
            key = "trialDesign" if kind == "MedicalTrial" else "studyDesign"
            details[key] = members[0] if len(members) == 1 else members
        return details

    def citation(self, study: URIRef) -> Json | None:
        g = self.graph
        journal, year = g.value(study, AKG.publishedIn), g.value(study, AKG.year)
        if not isinstance(journal, URIRef) or year is None:
            return None
        cited: Json = {"@type": "ScholarlyArticle"}
        title = g.value(study, AKG.title)
        if title is not None:
            cited["headline"] = str(title)
        cited["isPartOf"] = {"@id": str(journal)}
        cited["datePublished"] = str(year)
        cited["about"] = {"@id": str(study)}
        return cited

    def document(self) -> Json:
        g, article = self.graph, self.article
        page: Json = {
            "@context": "https://schema.org",
            "@type": article_kind(g, article, self.rules),
        }
        title = str(g.value(article, RDFS.label) or "")
        source = str(g.value(article, AKG.sourceFile) or "")
        if title and title != Path(source).stem:  # the file name stands in for a missing title
            page["headline"] = title
        for predicate in (SCHEMA.datePublished, SCHEMA.dateModified):
            value = g.value(article, predicate)
            if isinstance(value, Literal) and value.datatype in (XSD.date, XSD.dateTime):
                page[predicate[len(str(SCHEMA)) :]] = str(value)
        url = g.value(article, SCHEMA.url)
        if url is not None:
            page["url"] = str(url)
        authors = sorted(str(a) for a in g.objects(article, SCHEMA.author))
        if authors:
            people = [{"@type": "Person", "name": a} for a in authors]
            page["author"] = people[0] if len(people) == 1 else people
        publisher = g.value(article, SCHEMA.publisher)
        if isinstance(publisher, URIRef):
            page["publisher"] = {
                "@type": "Organization",
                "@id": str(publisher),
                "name": _label(g, publisher),
            }

        central = _sorted_objects(g, article, AKG.centralEntity)
        about = [self.entity(node, self.schema_type(node) or "Thing") for node in central]
        if about:
            page["about"] = about[0] if len(about) == 1 else about
        citations = [
            cited
            for s in _sorted_objects(g, article, AKG.reportsStudy)
            if (cited := self.citation(s))
        ]
        mentions = self.mentions(page, set(central), publisher, citations)
        if mentions:
            page["mentions"] = mentions
        if citations:
            page["citation"] = citations
        return page

    def mentions(
        self, page: Json, central: set[URIRef], publisher: object, citations: list[Json]
    ) -> list[Json]:
        """Every mentioned entity of a listed type, and every node another one points to."""
        wanted = {
            node
            for node in _sorted_objects(self.graph, self.article, AKG.mentions)
            if self.schema_type(node) in self.rules.mentioned_types
        }
        items: list[Json] = []
        defined = {str(node) for node in central}
        if isinstance(publisher, URIRef):
            defined.add(str(publisher))
        pending = sorted(wanted - central - {publisher}, key=str)
        while pending:
            for node in pending:
                items.append(self.entity(node, self.schema_type(node) or "Thing"))
                defined.add(str(node))
            referenced = _references([page, *items, *citations]) - defined
            pending = sorted((URIRef(iri) for iri in referenced), key=str)
        return sorted(items, key=lambda item: (item["@type"], item["name"].lower(), item["@id"]))


def _references(items: list[Any]) -> set[str]:
    """The IRIs that ``{"@id": ...}`` node references point to, anywhere in ``items``."""
    found: set[str] = set()
    stack: list[Any] = list(items)
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if set(item) == {"@id"} and item["@id"] not in SCHEMA:
                found.add(item["@id"])
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def schemaorg_document(graph: Graph) -> Json:
    # The same gate as every exporter: blank nodes, invalid IRIs, ill-typed literals.
    checked_triples(graph)
    return _Markup(graph, schema_rules()).document()


def schemaorg_text(graph: Graph) -> str:
    # Keys in a fixed, readable order: @context and @type first, then schema.org terms.
    return json.dumps(schemaorg_document(graph), ensure_ascii=False, indent=2) + "\n"


class SchemaOrgExporter:
    name = "schemaorg"
    description = "schema.org markup (.schema.jsonld) to paste into the article's web page"

    def write(self, article: ArticleGraph, outdir: Path) -> list[Path]:
        return [write_text(outdir / f"{article.stem}.schema.jsonld", schemaorg_text(article.graph))]
