"""RDF terms as the line- and Turtle-family exports spell them, behind one strict gate.

rdflib lets invalid IRIs, blank nodes and odd literals through to serialization (see the
design notes), so every term is first checked with Oxigraph's constructors, which refuse
what Oxigraph, Jena and rapper would refuse. Spelling is done here rather than by a
library so that the bytes are ours: the same term always gives the same text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib import RDF, XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from articlekg.errors import ExportError
from articlekg.vocab import PREFIXES

Triple = tuple[URIRef, URIRef, URIRef | Literal]

TURTLE_PREFIXES: dict[str, str] = {
    **PREFIXES,
    "rdf": str(RDF),
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": str(XSD),
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
}
"""Prefixes the Turtle family may use; a file declares only those it uses."""

# Deliberately narrower than Turtle's PN_LOCAL: no dots, no escapes, no leading digit, so
# that every reader (rapper's older grammar included) agrees on the prefixed name.
_SAFE_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
_TURTLE_INTEGER = re.compile(r"[+-]?[0-9]+\Z")
_TURTLE_DECIMAL = re.compile(r"[+-]?[0-9]*\.[0-9]+\Z")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f]')


def _escape_char(match: re.Match[str]) -> str:
    char = match.group(0)
    return _ESCAPES.get(char) or f"\\u{ord(char):04X}"


_XSD_SPECIALS = {"nan": "NaN", "inf": "INF", "-inf": "-INF", "+inf": "INF"}


def lexical_form(literal: Literal) -> str:
    """The literal's lexical form, repaired where rdflib's normalisation broke it.

    rdflib turns ``"NaN"^^xsd:double`` into ``nan`` (and ``INF`` into ``inf``), which are
    not valid xsd:double lexical forms and which Jena rejects; write the XSD spelling.
    """
    text = str(literal)
    if literal.datatype in (XSD.double, XSD.float) and text.lower() in _XSD_SPECIALS:
        return _XSD_SPECIALS[text.lower()]
    return text


def quote_string(value: str) -> str:
    """A double-quoted N-Triples/Turtle string; control characters as ``\\uXXXX``."""
    return '"' + _NEEDS_ESCAPE.sub(_escape_char, value) + '"'


def check_iri(iri: str, where: str) -> None:
    try:
        ox.NamedNode(iri)
    except (ValueError, TypeError, UnicodeError) as error:
        raise ExportError(f"{where}: {iri!r} is not a valid absolute IRI ({error})") from None


def check_literal(literal: Literal, where: str) -> None:
    # rdflib keeps ill-typed literals such as "abc"^^xsd:integer; Jena flags them and
    # stores refuse or mangle them, so they stop here with the value named.
    if literal.ill_typed is True:
        raise ExportError(
            f"{where}: {str(literal)[:60]!r} is not a valid <{literal.datatype}> value"
        )
    try:
        if literal.language is not None:
            ox.Literal(str(literal), language=literal.language)
        elif literal.datatype is not None:
            ox.Literal(str(literal), datatype=ox.NamedNode(str(literal.datatype)))
        else:
            ox.Literal(str(literal))
        str(literal).encode("utf-8")
    except (ValueError, TypeError, UnicodeError) as error:
        shown = str(literal)[:60]
        raise ExportError(f"{where}: literal {shown!r} is not valid RDF ({error})") from None


def checked_triples(graph: Graph) -> list[Triple]:
    """Every triple of ``graph``, each term checked; refuses blank nodes and bad IRIs."""
    triples: list[Triple] = []
    for s, p, o in graph:
        where = f"triple <{s}> <{p}>"
        if isinstance(s, BNode) or isinstance(o, BNode):
            raise ExportError(
                f"{where}: blank nodes are not exported (labels change per run and duplicate on "
                "reload); mint an IRI instead"
            )
        if not isinstance(s, URIRef) or not isinstance(p, URIRef):
            raise ExportError(f"{where}: subject and predicate must be IRIs")
        check_iri(str(s), where)
        check_iri(str(p), where)
        if isinstance(o, URIRef):
            check_iri(str(o), where)
        elif isinstance(o, Literal):
            check_literal(o, where)
        else:
            raise ExportError(f"{where}: unsupported object term {type(o).__name__}")
        triples.append((s, p, o))
    return triples


def nt_term(term: Node) -> str:
    """The N-Triples spelling of an IRI or literal."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        text = quote_string(lexical_form(term))
        if term.language is not None:
            return f"{text}@{term.language}"
        if term.datatype is not None and term.datatype != XSD.string:
            return f"{text}^^<{term.datatype}>"
        return text
    raise ExportError(f"cannot spell {term!r} in N-Triples")


def sort_key(term: Node) -> tuple[int, str]:
    """IRIs before literals, then by N-Triples spelling: a total, hash-free order."""
    return (0 if isinstance(term, URIRef) else 1, nt_term(term))


class PrefixedNames:
    """Spells IRIs as prefixed names where that is safe and records the prefixes used."""

    def __init__(self, prefixes: dict[str, str] | None = None) -> None:
        # Longest namespace first, so that a namespace nested in another wins.
        self._prefixes = sorted(
            (prefixes or TURTLE_PREFIXES).items(), key=lambda item: (-len(item[1]), item[0])
        )
        self.used: dict[str, str] = {}

    def iri(self, iri: URIRef) -> str:
        text = str(iri)
        for prefix, namespace in self._prefixes:
            if text.startswith(namespace) and _SAFE_LOCAL.match(text[len(namespace) :]):
                self.used[prefix] = namespace
                return f"{prefix}:{text[len(namespace) :]}"
        return f"<{text}>"

    def object(self, term: URIRef | Literal) -> str:
        if isinstance(term, URIRef):
            return self.iri(term)
        lexical = lexical_form(term)
        if term.language is None and term.datatype is not None:
            if term.datatype == XSD.integer and _TURTLE_INTEGER.match(lexical):
                return lexical
            if term.datatype == XSD.decimal and _TURTLE_DECIMAL.match(lexical):
                return lexical
            if term.datatype == XSD.boolean and lexical in ("true", "false"):
                return lexical
            if term.datatype != XSD.string:
                return f"{quote_string(lexical)}^^{self.iri(term.datatype)}"
        if term.language is not None:
            return f"{quote_string(lexical)}@{term.language}"
        return quote_string(lexical)

    def predicate(self, iri: URIRef) -> str:
        return "a" if iri == RDF.type else self.iri(iri)

    def declarations(self, keyword: str = "@prefix") -> Iterator[str]:
        for prefix in sorted(self.used):
            yield f"{keyword} {prefix}: <{self.used[prefix]}> ."


def turtle_blocks(triples: Iterable[Triple], names: PrefixedNames, indent: str = "") -> list[str]:
    """Subject blocks in Turtle syntax, subjects and predicates sorted, rdf:type first."""
    by_subject: dict[URIRef, dict[URIRef, list[URIRef | Literal]]] = {}
    for s, p, o in triples:
        by_subject.setdefault(s, {}).setdefault(p, []).append(o)
    blocks: list[str] = []
    for subject in sorted(by_subject, key=str):
        predicates = by_subject[subject]
        order = sorted(predicates, key=lambda p: (p != RDF.type, str(p)))
        lines = [f"{indent}{names.iri(subject)}"]
        for index, predicate in enumerate(order):
            objects = ", ".join(
                names.object(o) for o in sorted(predicates[predicate], key=sort_key)
            )
            end = " ." if index == len(order) - 1 else " ;"
            lines.append(f"{indent}    {names.predicate(predicate)} {objects}{end}")
        blocks.append("\n".join(lines))
    return blocks
