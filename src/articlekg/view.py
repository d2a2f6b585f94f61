"""`articlekg view`: one self-contained HTML page that draws an article's or a corpus's graph.

The page draws the property-graph projection (the nodes, edges, types and colours of the
GraphML and GEXF exports) with graphology and sigma.js, vendored in ``view_assets/`` with
their licences and inlined, so the file opens without a network. Its input is RDF exports
(Turtle, N-Triples, TriG, N-Quads, JSON-LD): one article's, or many, whose shared nodes
(same IRI) become one. The layout is ForceAtlas2 run in the page from start positions
derived from each node's IRI, so the same input gives the same bytes and the same picture.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from importlib.resources import files
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, Graph, Literal

from articlekg.atomic import write_text
from articlekg.errors import InputError
from articlekg.export.projection import Node, PropertyGraph, project
from articlekg.export.style import STRUCTURAL_TYPES, TYPE_ORDER, colour_for
from articlekg.export.xmltext import lexical
from articlekg.rdf_files import read_rdf
from articlekg.results import from_oxigraph, to_rdflib
from articlekg.vocab import AKG

_ASSETS = files("articlekg") / "view_assets"
_MARKER = re.compile(r"@@([A-Z]+)@@")
_NAME_ATTRIBUTES = ("otherLabels", "prefLabel", "altLabel", "hiddenLabel")
_IDENTIFIER_ATTRIBUTES = ("exactMatch", "closeMatch", "sameAs", "code", "identifier", "notation")
# Shown elsewhere in the panel (or only drawing hints), not in its attribute table.
_PANEL_HIDDEN = frozenset(
    {"iri", "label", "type", "labels", "color", "size", "otherEvidence"}
    | {"evidenceIri", "evidenceQuote", "evidenceStart", "evidenceEnd"}
    | set(_NAME_ATTRIBUTES)
    | set(_IDENTIFIER_ATTRIBUTES)
)


@dataclass(frozen=True)
class Quote:
    quote: str
    start: int
    end: int
    article: str
    section: str


def layout_iterations(order: int) -> int:
    """Enough ForceAtlas2 passes to settle a graph of ``order`` nodes in a second or two."""
    return 400 if order < 500 else 200


def read_graphs(paths: Sequence[Path]) -> Graph:
    """The union of the RDF exports ``paths`` (every named graph of TriG and N-Quads)."""
    if not paths:
        raise InputError("give the RDF exports to draw (e.g. exports/*.ttl)")
    for path in paths:
        if path.is_dir():
            raise InputError(f"{path}: is a folder; give the exports in it (e.g. {path}/*.ttl)")
    union = Graph()
    for path in paths:
        for triples in read_rdf(path).graphs.values():
            for triple in triples:
                terms = [from_oxigraph(term) for term in triple]
                if all(term is not None for term in terms):
                    s, p, o = (to_rdflib(term) for term in terms if term is not None)
                    union.add((s, p, o))
    return union


def _int(term: object) -> int | None:
    try:
        return int(str(term)) if isinstance(term, Literal) else None
    except ValueError:
        return None


def _quotes(graph: Graph) -> dict[str, Quote]:
    """Every evidence node's quote, offsets, article and section heading."""
    found: dict[str, Quote] = {}
    for evidence in graph.subjects(RDF.type, AKG.Evidence):
        quote, start, end = (
            graph.value(evidence, p) for p in (AKG.quote, AKG.startOffset, AKG.endOffset)
        )
        first, last = _int(start), _int(end)
        if quote is None or first is None or last is None:
            continue
        article = graph.value(evidence, AKG.inArticle)
        section = graph.value(evidence, AKG.inSection)
        heading = graph.value(section, RDFS.label) if section is not None else None
        found[str(evidence)] = Quote(
            str(quote), first, last, str(article or ""), str(heading) if heading else ""
        )
    return found


def _sentences(quotes: dict[str, Quote]) -> dict[str, tuple[str, int]]:
    """For each quote, the sentence it stands in, and where that sentence starts.

    A mention's quote ("massage") lies inside the quote of a fact stated by the sentence
    around it, so the longest quote of the same article that spans it and agrees with it
    on the text is its sentence; a quote that no other spans is a sentence of its own.
    """
    by_article: dict[str, list[Quote]] = {}
    for quote in quotes.values():
        by_article.setdefault(quote.article, []).append(quote)
    sentences: dict[str, tuple[str, int]] = {}
    for iri, quote in quotes.items():
        around = [
            other
            for other in by_article[quote.article]
            if other.start <= quote.start
            and other.end >= quote.end
            and other.quote[quote.start - other.start : quote.end - other.start] == quote.quote
        ]
        best = max(around, key=lambda other: (other.end - other.start, -other.start, other.quote))
        sentences[iri] = (best.quote, best.start)
    return sentences


def _evidence_iris(node: Node) -> list[str]:
    iris = [str(node.attributes["evidenceIri"])] if "evidenceIri" in node.attributes else []
    if "otherEvidence" in node.attributes:
        iris += [
            str(item["evidenceIri"]) for item in json.loads(str(node.attributes["otherEvidence"]))
        ]
    return iris


def _names(node: Node, attribute: str) -> list[str]:
    if attribute not in node.attributes:
        return []
    value = str(node.attributes[attribute])
    try:
        parsed = json.loads(value)
    except ValueError:
        return [value]
    return [str(item) for item in parsed] if isinstance(parsed, list) else [value]


def _quote_json(
    quote: Quote, sentence: tuple[str, int], article_labels: dict[str, str]
) -> dict[str, str | int]:
    return {
        "quote": quote.quote,
        "start": quote.start,
        "end": quote.end,
        "article": quote.article,
        "articleLabel": article_labels.get(quote.article, quote.article),
        "section": quote.section,
        "sentence": sentence[0],
        "sentenceStart": sentence[1],
    }


def start_position(node_id: str) -> tuple[float, float]:
    """A start position for the layout from the node's IRI: the same every time."""
    digest = hashlib.sha256(node_id.encode("utf-8")).digest()
    return (
        round(int.from_bytes(digest[:4], "big") / 2**32 * 1000 - 500, 3),
        round(int.from_bytes(digest[4:8], "big") / 2**32 * 1000 - 500, 3),
    )


def page_data(graph: Graph, title: str) -> dict[str, Any]:
    """What the page draws: the projection's nodes and edges, each node with its quotes."""
    pg: PropertyGraph = project(graph)
    quotes = _quotes(graph)
    sentences = _sentences(quotes)
    article_labels = {
        node.id: str(node.attributes["label"]) for node in pg.nodes if node.types[0] == "Article"
    }
    nodes = []
    counts: dict[str, int] = {}
    for node in pg.nodes:
        counts[node.types[0]] = counts.get(node.types[0], 0) + 1
        node_quotes = [
            _quote_json(quotes[iri], sentences[iri], article_labels)
            for iri in sorted(
                (iri for iri in _evidence_iris(node) if iri in quotes),
                key=lambda iri: (
                    article_labels.get(quotes[iri].article, ""),
                    quotes[iri].start,
                    quotes[iri].quote,
                ),
            )
        ]
        x, y = start_position(node.id)
        nodes.append(
            {
                "id": node.id,
                "label": str(node.attributes["label"]),
                "type": node.types[0],
                "types": list(node.types),
                "color": str(node.attributes["color"]),
                "size": node.attributes["size"],
                "x": x,
                "y": y,
                "otherLabels": [n for a in _NAME_ATTRIBUTES for n in _names(node, a)],
                "identifiers": [node.id]
                + [i for a in _IDENTIFIER_ATTRIBUTES for i in _names(node, a)],
                "attributes": [
                    [name, lexical(value)]
                    for name, value in node.attributes.items()
                    if name not in _PANEL_HIDDEN
                ],
                "quotes": node_quotes,
            }
        )
    rank = {name: index for index, name in enumerate(TYPE_ORDER)}
    types = [
        {"name": name, "color": colour_for(name), "count": counts[name]}
        for name in sorted(counts, key=lambda name: (rank.get(name, len(rank)), name))
    ]
    edges = [
        {
            "id": edge.id,
            "source": edge.source,
            "target": edge.target,
            "type": edge.type,
            "structural": bool(edge.attributes.get("structural", False)),
        }
        for edge in pg.edges
    ]
    return {
        "title": title,
        "types": types,
        "structuralTypes": sorted(STRUCTURAL_TYPES),
        "layoutIterations": layout_iterations(len(nodes)),
        "nodes": nodes,
        "edges": edges,
    }


def _script_json(data: dict[str, Any]) -> str:
    """JSON that cannot end its <script> element or open a comment, whatever the text."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(raw, escaped)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _asset(name: str) -> str:
    return (_ASSETS / name).read_text(encoding="utf-8")


def view_html(graph: Graph, title: str | None = None) -> str:
    """The page for ``graph``; the same graph gives the same bytes."""
    data = page_data(graph, "")
    articles = [t for t in data["types"] if t["name"] == "Article"]
    article_count = articles[0]["count"] if articles else 0
    if title is None:
        labels = [n["label"] for n in data["nodes"] if n["type"] == "Article"]
        title = labels[0] if len(labels) == 1 else f"{article_count} articles"
    data["title"] = title
    contents = {
        "TITLE": escape(title),
        "STYLE": _asset("page.css"),
        "DATA": _script_json(data),
        "LIBRARIES": _asset("graph-libraries.min.js").strip(),
        "PAGE": _asset("page.js"),
    }
    # Split once, so that no inserted text (an article's, say) is searched for a marker.
    pieces = _MARKER.split(_asset("page.html"))
    return "".join(contents[piece] if index % 2 else piece for index, piece in enumerate(pieces))


def write_view(paths: Sequence[Path], output: Path, title: str | None = None) -> Path:
    if output.is_dir():
        raise InputError(f"{output}: is a folder; give the HTML file to write (-o graph.html)")
    return write_text(output, view_html(read_graphs(paths), title))
