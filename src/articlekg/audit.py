"""The topical-map audit: what an article declares against what its text supports.

A semantic-SEO page declares a central entity, attributes, contexts and the topics of its
core and outer sections. The audit measures the article's domain graph (entities and the
facts that link them, networkx PageRank and degree; the article node, its sections and the
map's own declaring edges left out) and asks of each declared item whether facts of the
text support it (N facts), the text merely names it outside the map (mentioned), or only
the map names it (absent); and which entities the text says most about the map leaves out.
An article without a map gets its inferred central and supporting entities and the ranked
entities with their scores. The rules are data (``ontology/rules/audit.json``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache

import networkx as nx
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from articlekg.document import Span
from articlekg.facts import EntityRef
from articlekg.lexicon import fold, tokens
from articlekg.pipeline import BuiltArticle
from articlekg.resources import ontology_dir
from articlekg.segment import segment
from articlekg.vocab import AKG


@dataclass(frozen=True)
class AuditRules:
    node_classes: frozenset[URIRef]
    candidates: frozenset[URIRef]
    facts: frozenset[URIRef]
    skipped: frozenset[URIRef]
    stopwords: frozenset[str]
    left_out: int
    inferred: int


@cache
def audit_rules() -> AuditRules:
    data = json.loads((ontology_dir() / "rules" / "audit.json").read_text(encoding="utf-8"))
    return AuditRules(
        node_classes=frozenset(AKG[c] for c in data["node_classes"]),
        candidates=frozenset(AKG[c] for c in data["candidates"]),
        facts=frozenset(AKG[c] for c in data["facts"]),
        skipped=frozenset(AKG[p] for p in [*data["structural"], *data["declarations"]]),
        stopwords=frozenset(data["stopwords"]),
        left_out=int(data["left_out"]),
        inferred=int(data["inferred"]),
    )


@dataclass(frozen=True)
class RankedEntity:
    iri: str
    label: str
    pagerank: float
    degree: int
    """Edges in the domain graph."""
    facts: int
    """Facts of the text that link to it."""
    mentions: int
    """Quotes that name it outside the map's own lines."""


@dataclass(frozen=True)
class ItemSupport:
    kind: str
    """``attribute``, ``contextual link``, ``context``, ``core topic``, ``outer topic`` or
    ``supporting entity``."""
    label: str
    status: str
    """``supported`` (by ``facts`` facts), ``mentioned`` (named outside the map) or ``absent``."""
    facts: int
    quotes: tuple[str, ...] = ()
    """The quote of each supporting fact, or of the first mention, in text order (at most 3)."""


@dataclass
class AuditReport:
    article: str
    has_map: bool
    declared_central: str | None
    measured_central: RankedEntity | None
    declared_central_rank: int | None
    """1 when the declared central entity is also the measured one."""
    items: list[ItemSupport] = field(default_factory=list)
    left_out: list[RankedEntity] = field(default_factory=list)
    inferred: list[tuple[str, str, RankedEntity | None]] = field(default_factory=list)
    """For an article without a map: (role, label, its ranking) of each inferred entity."""
    ranking: list[RankedEntity] = field(default_factory=list)

    @property
    def central_agrees(self) -> bool:
        return self.declared_central_rank == 1


def _label(graph: Graph, node: URIRef) -> str:
    value = graph.value(node, RDFS.label) or graph.value(node, SKOS.prefLabel)
    return str(value) if value is not None else str(node)


def domain_graph(graph: Graph, rules: AuditRules) -> nx.MultiGraph:
    """Entities and facts, joined by every object property but the structural and declaring
    ones; undirected, one edge per triple."""
    kinds: dict[URIRef, set[URIRef]] = {}
    for node, cls in graph.subject_objects(RDF.type):
        if cls in rules.node_classes and isinstance(node, URIRef) and isinstance(cls, URIRef):
            kinds.setdefault(node, set()).add(cls)
    domain: nx.MultiGraph = nx.MultiGraph()
    for node in sorted(kinds, key=str):
        domain.add_node(str(node), classes=sorted(str(c) for c in kinds[node]))
    for s, p, o in sorted(graph.triples((None, None, None))):
        if s in kinds and o in kinds and p not in rules.skipped and p != RDF.type and s != o:
            domain.add_edge(str(s), str(o), predicate=str(p))
    return domain


def rank(
    graph: Graph, domain: nx.MultiGraph, rules: AuditRules, mentions: dict[str, int]
) -> list[RankedEntity]:
    """Candidate entities by the number of facts that link to them (their degree towards
    facts in the domain graph), then PageRank over its connected part, then how often the
    text names them (``mentions``), then label.

    Facts come first because in a graph of a few dozen facts PageRank rewards the
    neighbourhood of a fact more than the number of facts: a condition named by two
    statistics and a relation can outscore the therapy six findings are about.

    An entity no fact links to gets PageRank 0: over isolated nodes PageRank only spreads
    the damping mass evenly, which would rank a name the text drops once above an entity
    one fact is about.
    """
    simple = nx.Graph()
    for a, b in domain.edges():
        weight = simple.get_edge_data(a, b, {}).get("weight", 0)
        simple.add_edge(a, b, weight=weight + 1)
    scores = nx.pagerank(simple, weight="weight") if simple.number_of_edges() else {}
    fact_classes = {str(f) for f in rules.facts}
    candidate_classes = {str(c) for c in rules.candidates}
    fact_nodes = {n for n, data in domain.nodes(data=True) if set(data["classes"]) & fact_classes}
    ranked = []
    for node, data in domain.nodes(data=True):
        if not set(data["classes"]) & candidate_classes:
            continue
        ranked.append(
            RankedEntity(
                iri=node,
                label=_label(graph, URIRef(node)),
                pagerank=round(scores.get(node, 0.0), 4),
                degree=int(domain.degree(node)),
                facts=len(set(domain.neighbors(node)) & fact_nodes),
                mentions=mentions.get(node, 0),
            )
        )
    return sorted(
        ranked, key=lambda r: (-r.facts, -r.pagerank, -r.mentions, r.label.lower(), r.iri)
    )


class _Auditor:
    def __init__(self, built: BuiltArticle, rules: AuditRules) -> None:
        self.built = built
        self.rules = rules
        self.graph = built.graph.graph
        self.domain = domain_graph(self.graph, rules)
        self.declarations = self.declaration_spans()
        self.quotes = self.undeclared_quotes()
        mentions = {node: len(quotes) for node, quotes in self.quotes.items()}
        self.ranking = rank(self.graph, self.domain, rules, mentions)
        fact_classes = {str(f) for f in rules.facts}
        self.fact_quotes = {
            node: quotes
            for node, quotes in self.quotes.items()
            if set(self.domain.nodes[node]["classes"]) & fact_classes
        }
        document = built.document
        self.sentences = [
            (s.span, document.slice(s.span)) for s in segment(document) if not self.declared(s.span)
        ]

    def declaration_spans(self) -> list[Span]:
        facts = self.built.facts
        spans = [s for _, _, s in facts.central if s is not None]
        for attribute in facts.attributes:
            spans.extend(attribute.evidence)
        for context in facts.contexts:
            if context.scope or context.of is not None:
                spans.extend(context.evidence)
        for section in facts.topical_sections:
            spans.extend(section.evidence)
            spans.extend(span for _, span in section.topics)
        return spans

    def declared(self, span: Span) -> bool:
        return any(span.overlaps(d) for d in self.declarations)

    def undeclared_quotes(self) -> dict[str, list[tuple[Span, str]]]:
        """Each domain node's quotes that lie outside the map's own lines."""
        g = self.graph
        found: dict[str, list[tuple[Span, str]]] = {}
        for node in self.domain.nodes:
            for evidence in g.objects(URIRef(node), AKG.hasEvidence):
                start, end = g.value(evidence, AKG.startOffset), g.value(evidence, AKG.endOffset)
                quote = g.value(evidence, AKG.quote)
                if isinstance(start, Literal) and isinstance(end, Literal) and quote is not None:
                    span = Span(int(start), int(end))
                    if not self.declared(span):
                        found.setdefault(node, []).append((span, str(quote)))
        return found

    def words(self, text: str) -> frozenset[str]:
        return frozenset(
            fold(t) for t, _, _ in tokens(text) if t.lower() not in self.rules.stopwords
        )

    def labels(self, ref: EntityRef) -> list[frozenset[str]]:
        names = {ref.label}
        node = self.node_of(ref)
        if node is not None:
            names |= {
                str(o) for p in (RDFS.label, SKOS.prefLabel) for o in self.graph.objects(node, p)
            }
        return [w for w in {self.words(n) for n in names} if w]

    def node_of(self, ref: EntityRef) -> URIRef | None:
        if ref.concept:
            return URIRef(ref.concept)
        wanted = self.words(ref.label)
        for node in self.domain.nodes:
            if self.words(_label(self.graph, URIRef(node))) == wanted:
                return URIRef(node)
        return None

    def support(self, kind: str, ref: EntityRef) -> ItemSupport:
        node = self.node_of(ref)
        labels = self.labels(ref)
        supporting: list[tuple[Span, str]] = []
        for fact, quotes in sorted(self.fact_quotes.items()):
            linked = node is not None and self.domain.has_edge(fact, str(node))
            matching = [
                (span, quote)
                for span, quote in quotes
                if any(words <= self.words(quote) for words in labels)
            ]
            if linked or matching:
                supporting.append(min(matching or quotes))
        if supporting:
            first = tuple(quote for _, quote in sorted(supporting)[:3])
            return ItemSupport(kind, ref.label, "supported", len(supporting), first)
        for _, text in self.sentences:
            if any(words <= self.words(text) for words in labels):
                return ItemSupport(kind, ref.label, "mentioned", 0, (text,))
        return ItemSupport(kind, ref.label, "absent", 0)

    def items(self) -> list[ItemSupport]:
        facts = self.built.facts
        wanted: list[tuple[str, EntityRef]] = []
        wanted += [("supporting entity", r) for r, role, _ in facts.central if role != "central"]
        for attribute in facts.attributes:
            wanted.append(("attribute", attribute.attribute))
            if attribute.link is not None:
                wanted.append(("contextual link", attribute.link))
        wanted += [("context", c.context) for c in facts.contexts]
        for section in facts.topical_sections:
            kind = f"{section.kind} topic" if section.kind in ("core", "outer") else "topic"
            wanted += [(kind, ref) for ref, _ in section.topics]
        seen: set[tuple[str, str]] = set()
        found = []
        for kind, ref in wanted:
            if (kind, ref.key) not in seen:
                seen.add((kind, ref.key))
                found.append(self.support(kind, ref))
        return found

    def report(self) -> AuditReport:
        facts = self.built.facts
        has_map = bool(facts.topical_sections or facts.attributes)
        central = next((ref for ref, role, _ in facts.central if role == "central"), None)
        central_node = self.node_of(central) if central is not None else None
        ranks = {r.iri: i + 1 for i, r in enumerate(self.ranking)}
        report = AuditReport(
            article=self.built.document.source_name,
            has_map=has_map,
            declared_central=central.label if central is not None and has_map else None,
            measured_central=self.ranking[0] if self.ranking else None,
            declared_central_rank=ranks.get(str(central_node))
            if central_node is not None
            else None,
            ranking=self.ranking,
        )
        if has_map:
            report.items = self.items()
            refs = self.declared_refs()
            declared = {str(n) for n in (self.node_of(r) for r in refs) if n}
            declared_words = [w for r in refs for w in self.labels(r)]
            report.left_out = [
                r
                for r in self.ranking
                if r.facts
                and r.iri not in declared
                # "pain" is not left out by a map that declares "pain reduction"
                and not any(self.words(r.label) <= words for words in declared_words)
            ][: self.rules.left_out]
        else:
            by_iri = {r.iri: r for r in self.ranking}
            for ref, role, _ in facts.central:
                node = self.node_of(ref)
                report.inferred.append((role, ref.label, by_iri.get(str(node)) if node else None))
        return report

    def declared_refs(self) -> list[EntityRef]:
        facts = self.built.facts
        refs = [ref for ref, _, _ in facts.central]
        for attribute in facts.attributes:
            refs += [r for r in (attribute.attribute, attribute.link) if r is not None]
        refs += [c.context for c in facts.contexts]
        refs += [ref for section in facts.topical_sections for ref, _ in section.topics]
        return refs


def audit_article(built: BuiltArticle) -> AuditReport:
    """The audit of one built article (see the module's docstring)."""
    return _Auditor(built, audit_rules()).report()
