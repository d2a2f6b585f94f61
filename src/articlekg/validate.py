"""The validate stage: checks a graph against the SHACL shapes with the ontology mixed in.

pySHACL runs without inference on purpose: RDFS inference turns every property range into
an implicit type and so hides the very ``sh:class`` violations we want to see. The
ontology is still passed as ``ont_graph`` because its ``rdfs:subClassOf`` triples are what
make ``sh:targetClass akg:Entity`` reach an ``akg:Intervention`` and its enumeration
individuals are what ``sh:class akg:Unit`` checks against.

Violations come back as data (:class:`Violation`), each able to say itself in one line
that names the node, the property, the problem and the quote the node was read from.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pyoxigraph as ox
import pyshacl
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from articlekg.errors import InputError
from articlekg.resources import ontology_dir
from articlekg.safety import check_jsonld
from articlekg.vocab import AKG, PREFIXES

SH = Namespace("http://www.w3.org/ns/shacl#")
SHAPES = Namespace("https://w3id.org/articlekg/shapes#")

ONTOLOGY_FILE = "articlekg.ttl"
SHAPES_FILE = "shapes.ttl"

QUOTE_LIMIT = 160
"""Longest quote shown in a violation's line; longer ones are cut with an ellipsis."""

NO_BLANK_NODES = SHAPES["NoBlankNodes"]
"""Source "shape" of the blank-node check, which SHACL Core cannot express (no target
selects every node of a graph), so this module does it beside pySHACL."""

# Parsers by file suffix: Oxigraph's strict one as the gate (it refuses the invalid IRIs
# rdflib lets through and names the line of any error), then rdflib's for pySHACL.
RDF_FORMATS: dict[str, tuple[ox.RdfFormat, str]] = {
    ".ttl": (ox.RdfFormat.TURTLE, "turtle"),
    ".turtle": (ox.RdfFormat.TURTLE, "turtle"),
    ".nt": (ox.RdfFormat.N_TRIPLES, "nt"),
    ".ntriples": (ox.RdfFormat.N_TRIPLES, "nt"),
    ".nq": (ox.RdfFormat.N_QUADS, "nquads"),
    ".trig": (ox.RdfFormat.TRIG, "trig"),
    ".jsonld": (ox.RdfFormat.JSON_LD, "json-ld"),
    ".json": (ox.RdfFormat.JSON_LD, "json-ld"),
}
# Dataset formats are read into a Dataset and merged: the shapes apply to an article's
# triples whichever named graph holds them.
DATASET_FORMATS = frozenset({"nquads", "trig"})

_EXTRA_PREFIXES: dict[str, str] = {
    "akgsh": str(SHAPES),
    "sh": str(SH),
    "rdf": str(RDF),
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": str(XSD),
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
}


@dataclass(frozen=True)
class Violation:
    """One validation result as data.

    ``focus``, ``path`` and ``source_shape`` are full IRIs; ``value`` is an IRI or, for a
    literal, its N-Triples form so that the datatype shows. The ``*_short`` fields hold
    the same with IRIs shortened by the graph's prefixes, for people.
    """

    focus: str
    path: str | None
    value: str | None
    message: str
    severity: str
    source_shape: str | None
    quote: str | None
    focus_short: str | None = None
    path_short: str | None = None
    value_short: str | None = None

    def __str__(self) -> str:
        line = self.focus_short or self.focus
        path = self.path_short or self.path
        if path:
            line += f" {path}"
        line += f": {self.message}"
        value = self.value_short or self.value
        if value is not None:
            line += f" (value {value})"
        if self.quote:
            line += f' — "{self.quote}"'
        return line

    def sort_key(self) -> tuple[str, str, str, str, str]:
        return (
            self.focus,
            self.path or "",
            self.source_shape or "",
            self.value or "",
            self.message,
        )


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    triples: int = 0

    def lines(self) -> list[str]:
        return [str(violation) for violation in self.violations]


@cache
def load_ontology() -> Graph:
    """The OWL ontology, parsed once. Callers must not modify the returned graph."""
    return _parse_packaged(ONTOLOGY_FILE)


@cache
def load_shapes() -> Graph:
    """The SHACL shapes, parsed once. Callers must not modify the returned graph."""
    return _parse_packaged(SHAPES_FILE)


def _parse_packaged(name: str) -> Graph:
    path = ontology_dir() / name
    graph = Graph()
    # Parse from text, not from a path or IRI, so that nothing can be fetched.
    graph.parse(data=path.read_text(encoding="utf-8"), format="turtle")
    return graph


def validate_graph(graph: Graph) -> ValidationReport:
    """Check ``graph`` against the shapes; the graph itself is not modified."""
    conforms, results, _text = pyshacl.validate(
        graph,
        shacl_graph=_shapes_for_pyshacl(),
        ont_graph=load_ontology(),
        inference="none",
        allow_warnings=True,
        abort_on_first=False,
        advanced=False,
        meta_shacl=False,
        js=False,
        do_owl_imports=False,
    )
    names = _Names(graph)
    found = {_violation(results, result, graph, names) for result in _results(results)}
    found.update(_blank_node_violations(graph, names))
    violations = sorted(found, key=Violation.sort_key)
    blocking = any(v.severity == "Violation" for v in violations)
    return ValidationReport(
        conforms=bool(conforms) and not blocking,
        violations=violations,
        triples=len(graph),
    )


@cache
def _shapes_for_pyshacl() -> Graph:
    """The shapes graph every article is checked against, prepared once per process.

    pySHACL adds two system triples (owl:Class and owl:DatatypeProperty as subclasses of
    rdfs:Class and rdf:Property) to the shapes graph it is given. They go into this private
    copy on the first article, so that :func:`load_shapes` stays as parsed; adding them
    again for later articles changes nothing, so no article needs a copy of its own.
    """
    return _copy(load_shapes())


def _copy(graph: Graph) -> Graph:
    copy = Graph()
    for prefix, namespace in graph.namespaces():
        copy.bind(prefix, namespace)
    for triple in graph:
        copy.add(triple)
    return copy


def validate_file(path: Path) -> ValidationReport:
    """Parse an RDF file (by suffix) and validate it."""
    return validate_graph(parse_rdf_file(path))


def parse_rdf_file(path: Path) -> Graph:
    """Read Turtle, N-Triples, N-Quads, TriG or JSON-LD into one graph, without network.

    Raises :class:`InputError` with a one-line message naming the file (and the line,
    where the parser says) when the file is missing, of an unknown kind, does not parse or
    holds no triples, and :class:`UnsafeQueryError` when a JSON-LD document names a
    remote context.
    """
    formats = RDF_FORMATS.get(path.suffix.lower())
    if formats is None:
        known = ", ".join(sorted(RDF_FORMATS))
        raise InputError(f"{path}: unknown RDF file type {path.suffix!r} (expected {known})")
    strict, fmt = formats
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    if strict == ox.RdfFormat.JSON_LD:
        check_jsonld(data, str(path))
    try:
        # Oxigraph never fetches anything; the JSON-LD check above already ran.
        for _quad in ox.parse(data, format=strict):
            pass
    except SyntaxError as error:
        where = f" line {error.lineno}:" if error.lineno else ""
        raise InputError(f"{path}:{where} does not parse as {fmt} ({error.msg})") from None
    except (ValueError, OSError) as error:
        raise InputError(f"{path}: does not parse as {fmt} ({error})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from None
    graph = _parse_text(path, text, fmt)
    if len(graph) == 0:
        raise InputError(f"{path}: holds no triples")
    return graph


def _parse_text(path: Path, text: str, fmt: str) -> Graph:
    try:
        if fmt in DATASET_FORMATS:
            dataset = Dataset()
            dataset.parse(data=text, format=fmt)
            graph = Graph()
            for prefix, namespace in dataset.namespaces():
                graph.bind(prefix, namespace, override=False)
            for subject, predicate, obj, _context in dataset.quads():
                graph.add((subject, predicate, obj))
            return graph
        return Graph().parse(data=text, format=fmt)
    except Exception as error:  # rdflib's parsers raise many kinds; all mean "bad file"
        detail = " ".join(str(error).split()) or type(error).__name__
        raise InputError(f"{path}: does not parse as {fmt} ({detail})") from None


class _Names:
    """Shortens IRIs with the longest matching prefix of the graph or the project."""

    def __init__(self, graph: Graph) -> None:
        table: dict[str, str] = {}
        for prefix, namespace in [*PREFIXES.items(), *_EXTRA_PREFIXES.items()]:
            table.setdefault(namespace, prefix)
        # Instance IRIs share the base IRI the article was built with (``<base>article/<stem>``
        # names the article); pipelines rarely bind a prefix for it, so name it "id".
        for article in sorted(str(a) for a in graph.subjects(RDF.type, AKG.Article)):
            base, found, stem = article.rpartition("/article/")
            if found and stem and "/" not in stem:
                table.setdefault(base + "/", "id")
        # The graph's own prefixes win, sorted so that a namespace bound twice is stable.
        for prefix, namespace in sorted((p, str(n)) for p, n in graph.namespaces()):
            table[namespace] = prefix
        self._namespaces = sorted(table.items(), key=lambda item: (-len(item[0]), item[1]))

    def iri(self, iri: str) -> str:
        for namespace, prefix in self._namespaces:
            if iri.startswith(namespace) and len(iri) > len(namespace):
                return f"{prefix}:{iri[len(namespace) :]}"
        return f"<{iri}>"

    def node(self, node: Node) -> str:
        if isinstance(node, URIRef):
            return self.iri(str(node))
        if isinstance(node, Literal):
            text = json.dumps(str(node), ensure_ascii=False)
            if node.language:
                return f"{text}@{node.language}"
            if node.datatype is not None and node.datatype != XSD.string:
                return f"{text}^^{self.iri(str(node.datatype))}"
            return text
        return "[]"


def _full(node: Node) -> str:
    if isinstance(node, URIRef):
        return str(node)
    if isinstance(node, Literal):
        return node.n3()
    return "[]"  # a blank node's label differs on every parse: never show it


def _results(results: Graph) -> list[Node]:
    return list(results.subjects(RDF.type, SH.ValidationResult))


def _one(results: Graph, subject: Node, predicate: URIRef) -> Node | None:
    values = sorted(results.objects(subject, predicate), key=_full)
    return values[0] if values else None


def _violation(results: Graph, result: Node, data: Graph, names: _Names) -> Violation:
    focus = _one(results, result, SH.focusNode)
    path = _one(results, result, SH.resultPath)
    value = _one(results, result, SH.value)
    message = _one(results, result, SH.resultMessage)
    severity = _one(results, result, SH.resultSeverity)
    shape = _one(results, result, SH.sourceShape)
    if value is not None and value == focus:
        value = None  # node-level results repeat the focus node as the value
    path_text = _path_text(results, path, names) if path is not None else None
    return Violation(
        focus=_full(focus) if focus is not None else "[]",
        path=(str(path) if isinstance(path, URIRef) else path_text),
        value=_full(value) if value is not None else None,
        message=str(message) if message is not None else "does not conform",
        severity=names.iri(str(severity)).removeprefix("sh:") if severity else "Violation",
        source_shape=str(shape) if isinstance(shape, URIRef) else None,
        quote=_quote(data, focus, value),
        focus_short=names.node(focus) if focus is not None else None,
        path_short=path_text,
        value_short=names.node(value) if value is not None else None,
    )


def _path_text(results: Graph, path: Node, names: _Names) -> str:
    if isinstance(path, URIRef):
        return names.iri(str(path))
    inverse = _one(results, path, SH.inversePath)
    if inverse is not None:
        return "^" + _path_text(results, inverse, names)
    return "[path]"


def _quote(data: Graph, focus: Node | None, value: Node | None = None) -> str | None:
    """The focus node's own quote if it is evidence, else its first evidence's quote.

    Failing both, the value's own quote: the quote check reports the article as focus and
    the offending evidence as value.
    """
    if focus is None:
        return None
    candidates = [focus, *sorted(data.objects(focus, AKG.hasEvidence), key=_full)]
    if isinstance(value, URIRef):
        candidates.append(value)
    for candidate in candidates:
        quotes = sorted(str(q) for q in data.objects(candidate, AKG.quote))
        if quotes:
            return _one_line(quotes[0])
    return None


def _one_line(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > QUOTE_LIMIT:
        return text[: QUOTE_LIMIT - 1].rstrip() + "…"
    return text


def _blank_node_violations(graph: Graph, names: _Names) -> set[Violation]:
    """One violation per (IRI subject or blank, predicate) that touches a blank node."""
    found: set[Violation] = set()
    for subject, predicate, obj in graph:
        if not isinstance(subject, BNode) and not isinstance(obj, BNode):
            continue
        focus = subject if isinstance(subject, URIRef) else None
        found.add(
            Violation(
                focus=str(focus) if focus is not None else "[]",
                path=str(predicate),
                value=None,
                message="Blank nodes are not allowed in an articlekg graph: mint an IRI.",
                severity="Violation",
                source_shape=str(NO_BLANK_NODES),
                quote=_quote(graph, focus),
                focus_short=names.node(focus) if focus is not None else "[]",
                path_short=names.iri(str(predicate)),
            )
        )
    return found
