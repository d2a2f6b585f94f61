"""The assemble stage: facts become one RDF graph, every node with its evidence.

No blank nodes: a node's IRI comes from the article and its content (see :mod:`iris`).
A fact with qualifiers is a node of its own (Finding, Statistic, MechanismClaim,
ConditionRelation, TopicalSection); condition links are also stated directly.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from articlekg.document import Document, Span
from articlekg.facts import EntityRef, Facts, Finding, normal_label
from articlekg.iris import check_base, checked, digest, slug
from articlekg.lexicon import Lexicon
from articlekg.vocab import AKG, ENTITY_CLASSES, PREFIXES, SCHEMA


def decimal(value: float) -> Literal:
    number = Decimal(repr(value)).normalize()
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    return Literal(number, datatype=XSD.decimal)


def integer(value: int) -> Literal:
    return Literal(int(value), datatype=XSD.integer)


@dataclass
class Assembler:
    document: Document
    facts: Facts
    lexicon: Lexicon
    base: str

    def __post_init__(self) -> None:
        self.graph = Graph()
        for prefix, namespace in PREFIXES.items():
            self.graph.bind(prefix, namespace)
        self.article = checked(f"{self.base}article/{slug(self.document.stem)}")
        self.graph.bind("doc", f"{self.article}/")
        self._evidence: dict[Span, URIRef] = {}
        self._quotes: Counter[str] = Counter()
        self._sections: dict[int, URIRef] = {}
        self._by_text: dict[str, list[int]] | None = None

    # naming ------------------------------------------------------------------------------
    def node(self, kind: str, *content: object) -> URIRef:
        return checked(f"{self.article}/{kind}/{digest(*content)}")

    def entity(self, ref: EntityRef) -> URIRef:
        if ref.concept:
            return checked(ref.concept)
        return checked(f"{self.base}entity/{slug(normal_label(ref.label))}")

    def study_iri(self, key: str) -> URIRef:
        study = next(s for s in self.facts.studies if s.key == key)
        if study.title:
            # One IRI across articles where title, journal and year agree.
            identity = digest(
                normal_label(study.title), study.journal and study.journal.key, study.year
            )
            return checked(
                f"{self.base}study/{slug(normal_label(study.title))[:48]}-{identity[:8]}"
            )
        return self.node("study", key)

    # evidence ----------------------------------------------------------------------------
    def evidence(self, subject: URIRef, span: Span) -> None:
        node = self._evidence.get(span)
        if node is None:
            quote = self.document.text[span.start : span.end]
            # The same quote twice in an article gets a second IRI; counting earlier copies,
            # not offsets, keeps IRIs stable when text is added elsewhere.
            occurrence = self._quotes[quote]
            self._quotes[quote] += 1
            node = self.node("evidence", quote, occurrence)
            self._evidence[span] = node
            g = self.graph
            g.add((node, RDF.type, AKG.Evidence))
            g.add((node, AKG.quote, Literal(quote)))
            g.add((node, AKG.startOffset, integer(span.start)))
            g.add((node, AKG.endOffset, integer(span.end)))
            g.add((node, AKG.inArticle, self.article))
            section = self.section_of(span)
            if section is not None:
                g.add((node, AKG.inSection, section))
        self.graph.add((subject, AKG.hasEvidence, node))

    def _blocks_by_text(self) -> dict[str, list[int]]:
        """Indices of the blocks of each text, so a heading's earlier copies are counted
        without rereading every block before it."""
        if self._by_text is None:
            self._by_text = {}
            for i, block in enumerate(self.document.blocks):
                self._by_text.setdefault(self.document.slice(block.span), []).append(i)
        return self._by_text

    def section_of(self, span: Span) -> URIRef | None:
        block = self.document.block_at(span.start)
        if block is None or block.heading is None:
            return None
        index = block.heading
        if index not in self._sections:
            heading = self.document.blocks[index]
            title = self.document.slice(heading.span)
            earlier = bisect.bisect_left(self._blocks_by_text()[title], index)
            node = self.node("section", title, earlier)
            self._sections[index] = node
            g = self.graph
            g.add((node, RDF.type, AKG.Section))
            g.add((node, RDFS.label, Literal(title)))
            g.add((node, AKG.startOffset, integer(heading.span.start)))
            g.add((node, AKG.endOffset, integer(heading.span.end)))
            g.add((node, AKG.inArticle, self.article))
            g.add((self.article, AKG.hasSection, node))
        return self._sections[index]

    # building ----------------------------------------------------------------------------
    def build(self) -> Graph:
        self.add_article()
        self.add_entities()
        self.add_studies()
        self.add_findings()
        self.add_statistics()
        self.add_mechanisms()
        self.add_condition_relations()
        self.add_recommendations()
        self.add_contexts()
        self.add_attributes()
        self.add_topical_sections()
        return self.graph

    def add_article(self) -> None:
        g, doc, meta = self.graph, self.document, self.document.metadata
        g.add((self.article, RDF.type, AKG.Article))
        g.add((self.article, RDFS.label, Literal(meta.title or doc.stem)))
        g.add((self.article, AKG.sourceFile, Literal(doc.source_name)))
        g.add((self.article, AKG.mediaType, Literal(doc.media_type)))
        if doc.media_type != "text/plain":
            g.add((self.article, AKG.sourceText, Literal(doc.text)))
        if meta.date_published:
            g.add(
                (
                    self.article,
                    SCHEMA.datePublished,
                    Literal(meta.date_published, datatype=XSD.date),
                )
            )
        if meta.date_modified:
            g.add(
                (self.article, SCHEMA.dateModified, Literal(meta.date_modified, datatype=XSD.date))
            )
        for author in meta.authors:
            g.add((self.article, SCHEMA.author, Literal(author)))
        if meta.url:
            g.add((self.article, SCHEMA.url, Literal(meta.url, datatype=XSD.anyURI)))
        if meta.publisher:
            publisher = self.entity(EntityRef(meta.publisher))
            g.add((self.article, SCHEMA.publisher, publisher))
            if meta.publisher_span is None:
                g.add((publisher, RDF.type, AKG.Organization))
                g.add((publisher, RDFS.label, Literal(meta.publisher)))
        for ref, role, _ in self.facts.central:
            node = self.entity(ref)
            g.add(
                (
                    self.article,
                    AKG.centralEntity if role == "central" else AKG.supportingEntity,
                    node,
                )
            )

    def add_entities(self) -> None:
        g = self.graph
        for key in sorted(self.facts.entities):
            ref, kinds, spans = self.facts.entities[key]
            classes = kinds & ENTITY_CLASSES
            if not classes or not spans:
                continue
            if len(classes) > 1:
                classes = classes - {"Entity"}  # a specific class says all "Entity" would
            node = self.entity(ref)
            for kind in sorted(classes):
                g.add((node, RDF.type, AKG[kind]))
            g.add((node, RDFS.label, Literal(ref.label)))
            if ref.concept:
                g.add(
                    (
                        node,
                        SKOS.prefLabel,
                        Literal(self.lexicon.concepts[ref.concept].pref_label, lang="en"),
                    )
                )
            for alias in self.aliases(ref, spans):
                g.add((node, SKOS.altLabel, Literal(alias, lang="en")))
            for span in spans:
                self.evidence(node, span)
            if classes - {"StudyDesign"}:
                g.add((self.article, AKG.mentions, node))

    def aliases(self, ref: EntityRef, spans: list[Span]) -> list[str]:
        """How this article words an entity where its label (and for a lexicon concept,
        the lexicon) words it otherwise."""
        labels = {ref.label.lower()}
        if ref.concept:
            known = self.lexicon.concepts[ref.concept]
            labels |= {known.pref_label.lower(), *(a.lower() for a in known.alt_labels)}
        found = {" ".join(self.document.text[s.start : s.end].split()) for s in spans}
        return sorted(a for a in found if a.lower() not in labels)

    def typed(self, ref: EntityRef, kind: str) -> URIRef:
        """An entity used by a fact: make sure it carries the class the fact gives it."""
        node = self.entity(ref)
        self.graph.add((node, RDF.type, AKG[kind]))
        if (node, RDFS.label, None) not in self.graph:
            self.graph.add((node, RDFS.label, Literal(ref.label)))
        return node

    def add_studies(self) -> None:
        g = self.graph
        for study in self.facts.studies:
            node = self.study_iri(study.key)
            g.add((node, RDF.type, AKG.Study))
            g.add((node, RDFS.label, Literal(study.label)))
            g.add((self.article, AKG.reportsStudy, node))
            g.add((self.article, AKG.mentions, node))
            if study.title:
                g.add((node, AKG.title, Literal(study.title)))
            if study.design:
                g.add((node, AKG.design, self.typed(study.design, "StudyDesign")))
            if study.journal:
                g.add((node, AKG.publishedIn, self.typed(study.journal, "Periodical")))
            for name, value in (
                ("year", study.year),
                ("sampleSize", study.sample_size),
                ("minAge", study.min_age),
                ("maxAge", study.max_age),
            ):
                if value is not None:
                    g.add((node, AKG[name], integer(value)))
            if study.location:
                g.add((node, AKG.location, Literal(study.location)))
            for span in study.evidence:
                self.evidence(node, span)
            for outcome, _ in study.measures:
                g.add((node, AKG.measures, self.typed(outcome, "Outcome")))
            for arm in study.arms:
                arm_node = checked(f"{node}/arm/{slug(arm.label)}")
                g.add((arm_node, RDF.type, AKG.StudyArm))
                g.add((arm_node, RDFS.label, Literal(arm.label)))
                g.add((node, AKG.hasArm, arm_node))
                g.add((arm_node, AKG.armOf, node))
                g.add((self.article, AKG.mentions, arm_node))
                if arm.role:
                    g.add((arm_node, AKG.armRole, Literal(arm.role)))
                if arm.intervention:
                    g.add((arm_node, AKG.receives, self.typed(arm.intervention, "Intervention")))
                if arm.sessions is not None:
                    g.add((arm_node, AKG.sessions, integer(arm.sessions)))
                if arm.session_minutes is not None:
                    g.add((arm_node, AKG.sessionMinutes, decimal(arm.session_minutes)))
                if arm.size is not None:
                    g.add((arm_node, AKG.armSize, integer(arm.size)))
                for span in arm.evidence or study.evidence[:1]:
                    self.evidence(arm_node, span)

    def add_findings(self) -> None:
        merged: dict[tuple[str, str, str], Finding] = {}
        for finding in self.facts.findings:
            known = merged.get(finding.key)
            if known is None:
                merged[finding.key] = Finding(
                    **{**finding.__dict__, "evidence": list(finding.evidence)}
                )
                continue
            known.evidence.extend(s for s in finding.evidence if s not in known.evidence)
            known.significant = (
                known.significant if known.significant is not None else finding.significant
            )
            known.duration = known.duration or finding.duration
            known.study = known.study or finding.study
            known.hedged = known.hedged and finding.hedged
            known.effect_size = (
                known.effect_size if known.effect_size is not None else finding.effect_size
            )
            if known.claim_type != "studyResult":
                known.claim_type = finding.claim_type
        g = self.graph
        for key in sorted(merged):
            finding = merged[key]
            node = self.node("finding", *key)
            g.add((node, RDF.type, AKG.Finding))
            g.add(
                (
                    node,
                    RDFS.label,
                    Literal(
                        f"{finding.intervention.label} {finding.effect} {finding.outcome.label}"
                    ),
                )
            )
            g.add((node, AKG.intervention, self.typed(finding.intervention, "Intervention")))
            g.add((node, AKG.outcome, self.typed(finding.outcome, "Outcome")))
            g.add((node, AKG.effect, AKG[finding.effect]))
            g.add((node, AKG.claimType, Literal(finding.claim_type)))
            g.add((node, AKG.hedged, Literal(finding.hedged)))
            g.add((node, AKG.negated, Literal(finding.negated)))
            if finding.significant is not None:
                g.add((node, AKG.significant, Literal(finding.significant)))
            if finding.duration is not None:
                g.add((node, AKG.durationMin, decimal(finding.duration.low)))
                g.add((node, AKG.durationMax, decimal(finding.duration.high)))
                g.add((node, AKG.durationUnit, AKG[finding.duration.unit]))
            if finding.study is not None:
                g.add((node, AKG.fromStudy, self.study_iri(finding.study)))
            if finding.effect_size is not None:
                g.add((node, AKG.effectSize, decimal(finding.effect_size)))
            for span in finding.evidence:
                self.evidence(node, span)

    def add_statistics(self) -> None:
        g = self.graph
        for stat in self.facts.statistics:
            node = self.node(
                "statistic",
                stat.subject.key,
                stat.measure,
                stat.low,
                stat.high,
                stat.unit,
                stat.population and stat.population.key,
            )
            g.add((node, RDF.type, AKG.Statistic))
            g.add((node, RDFS.label, Literal(f"{stat.measure} of {stat.subject.label}")))
            g.add((node, AKG.statisticOf, self.entity(stat.subject)))
            g.add((node, AKG.measure, AKG[stat.measure]))
            if stat.low is not None:
                g.add((node, AKG.minValue, decimal(stat.low)))
            if stat.high is not None:
                g.add((node, AKG.maxValue, decimal(stat.high)))
            if stat.unit:
                g.add((node, AKG.unit, AKG[stat.unit]))
            if stat.population is not None:
                g.add((node, AKG.population, self.typed(stat.population, "Population")))
            if stat.scale_max is not None:
                g.add((node, AKG.scaleMax, decimal(stat.scale_max)))
            for span in stat.evidence:
                self.evidence(node, span)

    def add_mechanisms(self) -> None:
        g = self.graph
        for claim in self.facts.mechanisms:
            node = self.node(
                "mechanism",
                claim.intervention.key,
                claim.mechanism.key,
                claim.outcome and claim.outcome.key,
            )
            g.add((node, RDF.type, AKG.MechanismClaim))
            g.add(
                (
                    node,
                    RDFS.label,
                    Literal(f"{claim.intervention.label} via {claim.mechanism.label}"),
                )
            )
            g.add((node, AKG.intervention, self.typed(claim.intervention, "Intervention")))
            g.add((node, AKG.mechanism, self.typed(claim.mechanism, "Mechanism")))
            if claim.outcome is not None:
                g.add((node, AKG.outcome, self.typed(claim.outcome, "Outcome")))
            for span in claim.evidence:
                self.evidence(node, span)

    def add_condition_relations(self) -> None:
        g = self.graph
        for relation in self.facts.condition_relations:
            condition, related = self.entity(relation.condition), self.entity(relation.related)
            node = self.node(
                "relation", relation.condition.key, relation.relation, relation.related.key
            )
            g.add((node, RDF.type, AKG.ConditionRelation))
            g.add(
                (
                    node,
                    RDFS.label,
                    Literal(
                        f"{relation.condition.label} {relation.relation} {relation.related.label}"
                    ),
                )
            )
            g.add((node, AKG.condition, condition))
            g.add((node, AKG.relation, AKG[relation.relation]))
            g.add((node, AKG.related, related))
            g.add((condition, AKG[relation.relation], related))
            for span in relation.evidence:
                self.evidence(node, span)

    def add_recommendations(self) -> None:
        g = self.graph
        for advice in self.facts.recommendations:
            node = self.entity(EntityRef(advice.text))
            g.add((node, AKG.recommendationKind, Literal(advice.kind)))
            if advice.concerns is not None:
                g.add((node, AKG.concerns, self.entity(advice.concerns)))
            for span in advice.evidence:
                self.evidence(node, span)

    def add_contexts(self) -> None:
        g = self.graph
        for context in self.facts.contexts:
            node = self.typed(context.context, "Context")
            if context.scope:
                g.add((node, AKG.scope, Literal(context.scope)))
            if context.of is not None:
                g.add((node, AKG.contextOf, self.entity(context.of)))
            for span in context.evidence:
                self.evidence(node, span)

    def add_attributes(self) -> None:
        g = self.graph
        for attribute in self.facts.attributes:
            node = self.typed(attribute.attribute, "Attribute")
            if attribute.link is not None:
                g.add((node, AKG.contextualLink, self.typed(attribute.link, "Topic")))
            if attribute.of is not None:
                g.add((node, AKG.attributeOf, self.entity(attribute.of)))
            if attribute.note:
                g.add((node, AKG.attributeNote, Literal(attribute.note)))
            for span in attribute.evidence:
                self.evidence(node, span)

    def add_topical_sections(self) -> None:
        g = self.graph
        for section in self.facts.topical_sections:
            node = self.node(
                "topical-section",
                section.kind,
                section.intent,
                *[ref.key for ref, _ in section.topics],
            )
            g.add((node, RDF.type, AKG.TopicalSection))
            g.add(
                (
                    node,
                    RDFS.label,
                    Literal(
                        " ".join(
                            p for p in (section.kind or "", "section:", section.intent or "") if p
                        ).strip()
                    ),
                )
            )
            g.add((node, AKG.inArticle, self.article))
            g.add((self.article, AKG.hasTopicalSection, node))
            if section.kind:
                g.add((node, AKG.sectionKind, Literal(section.kind)))
            if section.intent:
                g.add((node, AKG.searchIntent, Literal(section.intent)))
            for ref, _ in section.topics:
                g.add((node, AKG.hasTopic, self.typed(ref, "Topic")))
            for span in section.evidence:
                self.evidence(node, span)


def assemble(document: Document, facts: Facts, lexicon: Lexicon, base_iri: str) -> Graph:
    return Assembler(document, facts, lexicon, check_base(base_iri)).build()


def graph_name(stem: str, base_iri: str) -> URIRef:
    return checked(f"{check_base(base_iri)}graph/{slug(stem)}")
