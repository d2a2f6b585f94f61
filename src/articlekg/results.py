"""SPARQL results independent of the engine that produced them, and their serialisations.

rdflib (files), pyoxigraph (the store) and a worker process (queries under a timeout) all
hand back the same plain, picklable values, so that every way of running a query prints
the same bytes: a table for people, and the SPARQL 1.1 result formats (JSON, XML, CSV, TSV)
for programs. Graph results (CONSTRUCT, DESCRIBE) are written as Turtle or N-Triples.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING

import pyoxigraph as ox

from articlekg.errors import QueryError
from articlekg.formats import RESULT_FORMATS
from articlekg.namespaces import PREFIXES

if TYPE_CHECKING:
    from rdflib import BNode, URIRef
    from rdflib import Literal as RdfLiteral
    from rdflib.term import Node

# rdflib is imported where it is needed (file queries, Turtle output), not here: a query
# on the store renders its rows without it.

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
STANDARD_PREFIXES = {
    **PREFIXES,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
}


class TermKind(StrEnum):
    URI = "uri"
    BNODE = "bnode"
    LITERAL = "literal"


@dataclass(frozen=True, order=True)
class Term:
    kind: TermKind
    value: str
    datatype: str | None = None
    """Absent for plain strings and language-tagged strings."""
    lang: str | None = None

    def ntriples(self) -> str:
        if self.kind is TermKind.URI:
            return f"<{self.value}>"
        if self.kind is TermKind.BNODE:
            return f"_:{self.value}"
        text = '"' + _escape_literal(self.value) + '"'
        if self.lang:
            return f"{text}@{self.lang}"
        if self.datatype:
            return f"{text}^^<{self.datatype}>"
        return text


Row = tuple[Term | None, ...]


@dataclass(frozen=True)
class SelectResult:
    variables: tuple[str, ...]
    rows: tuple[Row, ...]
    labels: tuple[tuple[str, str], ...] = ()
    """(IRI, label) for the IRIs in ``rows``, when asked for: the table shows them."""


@dataclass(frozen=True)
class AskResult:
    value: bool


@dataclass(frozen=True)
class GraphResult:
    triples: tuple[tuple[Term, Term, Term], ...]


QueryResult = SelectResult | AskResult | GraphResult

FORMATS = RESULT_FORMATS
GRAPH_FORMATS = ("turtle", "ntriples")


def _escape_literal(value: str) -> str:
    out = value.replace("\\", "\\\\").replace('"', '\\"')
    return out.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")


def canonical(value: str, datatype: str | None) -> str:
    """The canonical form Oxigraph stores integers, decimals and booleans in, so that
    rdflib on a file (which keeps "16.0") prints what the store prints ("16")."""
    try:
        if datatype == XSD + "integer":
            return str(int(value.strip()))
        if datatype == XSD + "decimal":
            number = Decimal(value.strip())
            if not number.is_finite():
                return value
            text = format(number.normalize(), "f")
            return "0" if number.is_zero() else text
    except (ValueError, ArithmeticError):
        return value
    if datatype == XSD + "boolean" and value.strip() in ("1", "0"):
        return "true" if value.strip() == "1" else "false"
    return value


def _literal(value: str, datatype: str | None, lang: str | None) -> Term:
    # RDF 1.1: a plain string is xsd:string; results show it without a datatype.
    if lang or datatype in (XSD_STRING, RDF_LANG_STRING):
        datatype = None
    return Term(TermKind.LITERAL, canonical(value, datatype), datatype, lang or None)


@cache
def _rdflib_terms() -> tuple[type[URIRef], type[BNode], type[RdfLiteral]]:
    from rdflib import BNode, Literal, URIRef

    return URIRef, BNode, Literal


def from_rdflib(node: Node | None) -> Term | None:
    URIRef, BNode, RdfLiteral = _rdflib_terms()  # noqa: N806 - the classes, by their names
    if node is None:
        return None
    if isinstance(node, URIRef):
        return Term(TermKind.URI, str(node))
    if isinstance(node, BNode):
        return Term(TermKind.BNODE, str(node))
    if isinstance(node, RdfLiteral):
        datatype = str(node.datatype) if node.datatype is not None else None
        return _literal(str(node), datatype, node.language)
    raise QueryError(f"unexpected RDF term in a result: {node!r}")


def from_oxigraph(node: object) -> Term | None:
    if node is None:
        return None
    if isinstance(node, ox.NamedNode):
        return Term(TermKind.URI, node.value)
    if isinstance(node, ox.BlankNode):
        return Term(TermKind.BNODE, node.value)
    if isinstance(node, ox.Literal):
        return _literal(node.value, node.datatype.value, node.language)
    raise QueryError(f"unexpected RDF term in a result: {node!r}")


def to_rdflib(term: Term) -> Node:
    URIRef, BNode, RdfLiteral = _rdflib_terms()  # noqa: N806 - the classes, by their names
    if term.kind is TermKind.URI:
        return URIRef(term.value)
    if term.kind is TermKind.BNODE:
        return BNode(term.value)
    datatype = URIRef(term.datatype) if term.datatype else None
    return RdfLiteral(term.value, lang=term.lang, datatype=datatype)


def compact(iri: str) -> str:
    """``akg:Finding`` for people; the full IRI when no known prefix fits."""
    best = ""
    for prefix, namespace in STANDARD_PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(STANDARD_PREFIXES.get(best, "")):
            best = prefix
    if best:
        local = iri[len(STANDARD_PREFIXES[best]) :]
        if local and all(ch.isalnum() or ch in "_-." for ch in local) and local[-1] != ".":
            return f"{best}:{local}"
    return f"<{iri}>"


def _plain(term: Term | None) -> str:
    if term is None:
        return ""
    if term.kind is TermKind.BNODE:
        return f"_:{term.value}"
    return term.value


def _csv(result: SelectResult) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([_plain(term) for term in row])
    return buffer.getvalue()


def _tsv_term(term: Term | None) -> str:
    if term is None:
        return ""
    return term.ntriples()


def _tsv(result: SelectResult) -> str:
    lines = ["\t".join(f"?{name}" for name in result.variables)]
    lines.extend("\t".join(_tsv_term(term) for term in row) for row in result.rows)
    return "\n".join(lines) + "\n"


def _json_term(term: Term) -> dict[str, str]:
    out = {"type": str(term.kind), "value": term.value}
    if term.lang:
        out["xml:lang"] = term.lang
    elif term.datatype:
        out["datatype"] = term.datatype
    return out


def _json(result: SelectResult | AskResult) -> str:
    document: dict[str, object]
    if isinstance(result, AskResult):
        document = {"head": {}, "boolean": result.value}
    else:
        bindings = [
            {
                name: _json_term(term)
                for name, term in zip(result.variables, row, strict=True)
                if term is not None
            }
            for row in result.rows
        ]
        document = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


@cache
def _xml_escapes() -> tuple[Callable[[str], str], Callable[[str], str]]:
    # xml.sax.saxutils imports urllib.request (HTTP, e-mail): only XML output needs it.
    from xml.sax.saxutils import escape, quoteattr

    return escape, quoteattr


def _xml_term(term: Term) -> str:
    escape, quoteattr = _xml_escapes()
    if term.kind is TermKind.URI:
        return f"<uri>{escape(term.value)}</uri>"
    if term.kind is TermKind.BNODE:
        return f"<bnode>{escape(term.value)}</bnode>"
    attrs = ""
    if term.lang:
        attrs = f" xml:lang={quoteattr(term.lang)}"
    elif term.datatype:
        attrs = f" datatype={quoteattr(term.datatype)}"
    return f"<literal{attrs}>{escape(term.value)}</literal>"


def _xml(result: SelectResult | AskResult) -> str:
    _escape, quoteattr = _xml_escapes()
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
    ]
    if isinstance(result, AskResult):
        out += ["  <head/>", f"  <boolean>{'true' if result.value else 'false'}</boolean>"]
    else:
        out.append("  <head>")
        out += [f"    <variable name={quoteattr(name)}/>" for name in result.variables]
        out += ["  </head>", "  <results>"]
        for row in result.rows:
            out.append("    <result>")
            for name, term in zip(result.variables, row, strict=True):
                if term is not None:
                    out.append(f"      <binding name={quoteattr(name)}>{_xml_term(term)}</binding>")
            out.append("    </result>")
        out.append("  </results>")
    out.append("</sparql>")
    return "\n".join(out) + "\n"


def graph_text(result: GraphResult, fmt: str = "turtle") -> str:
    if fmt == "ntriples":
        lines = sorted({" ".join(t.ntriples() for t in triple) + " ." for triple in result.triples})
        return "".join(line + "\n" for line in lines)
    if fmt != "turtle":
        raise QueryError(f"unknown graph format {fmt!r}; choose from {', '.join(GRAPH_FORMATS)}")
    from rdflib import Graph

    graph = Graph(bind_namespaces="none")
    for prefix, namespace in sorted(STANDARD_PREFIXES.items()):
        graph.bind(prefix, namespace)
    for s, p, o in result.triples:
        graph.add((to_rdflib(s), to_rdflib(p), to_rdflib(o)))
    return graph.serialize(format="turtle")


def render(
    result: QueryResult, fmt: str = "table", *, width: int | None = None, iris: bool = False
) -> str:
    """The text of a result in ``fmt``; graph results are Turtle whatever ``fmt`` says,
    except ``ntriples``. The table shows labels (unless ``iris``) and fits ``width``."""
    if isinstance(result, GraphResult):
        return graph_text(result, "ntriples" if fmt == "ntriples" else "turtle")
    if fmt not in FORMATS:
        raise QueryError(f"unknown result format {fmt!r}; choose from {', '.join(FORMATS)}")
    if fmt == "json":
        return _json(result)
    if fmt == "xml":
        return _xml(result)
    if isinstance(result, AskResult):
        return ("true" if result.value else "false") + "\n"
    if fmt == "csv":
        return _csv(result)
    if fmt == "tsv":
        return _tsv(result)
    from articlekg.table import table

    return table(result, width=width, iris=iris)
