"""RDF files as the store and the file-based commands read them: formats by suffix, strict
parsing with file and line in every refusal, the named graph a triples-only export belongs
in, and whether two parses hold the same graph.

Graph names: a TriG or N-Quads export names its graphs itself; a triples-only export
(Turtle, N-Triples, JSON-LD) goes into ``<base>graph/<stem>`` for the article it
describes (``<base>article/<stem>``), or, if it describes no single article, into
``<default base>graph/<file stem>``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from articlekg.errors import InputError
from articlekg.namespaces import AKG_IRI, DEFAULT_BASE_IRI
from articlekg.resources import ontology_dir
from articlekg.safety import check_jsonld

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".turtle": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
}
_GRAPH_SAFE = re.compile(r"[^A-Za-z0-9._~-]+")


@dataclass(frozen=True)
class ParsedFile:
    """One input file, parsed; its triples grouped by the named graph they belong in."""

    path: Path
    graphs: dict[str, list[ox.Triple]]


def rdf_format(path: Path) -> ox.RdfFormat:
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise InputError(f"{path}: unknown RDF file type (expected one of {known})") from None


def article_graph_name(triples: Iterable[ox.Triple], path: Path) -> str:
    """The named graph of the single article these triples describe."""
    articles = sorted(
        t.subject.value
        for t in triples
        if t.predicate.value == RDF_TYPE
        and isinstance(t.subject, ox.NamedNode)
        and isinstance(t.object, ox.NamedNode)
        and t.object.value == AKG_IRI + "Article"
    )
    return graph_name_for(articles, path)


def graph_name_for(articles: Sequence[str], path: Path) -> str:
    """The graph of a file's triples without a graph, given the articles they type."""
    if len(articles) == 1 and "/article/" in articles[0]:
        base, _, stem = articles[0].rpartition("/article/")
        if stem and "/" not in stem:
            return f"{base}/graph/{stem}"
    slug = _GRAPH_SAFE.sub("-", path.stem).strip("-") or "graph"
    return f"{DEFAULT_BASE_IRI}graph/{slug}"


def parse_quads(path: Path) -> Iterator[ox.Quad]:
    """One file's quads as the strict parser reads them, refused with file and line when
    it is not valid RDF. Lazy: a large file is never held."""
    fmt = rdf_format(path)
    try:
        with path.open("rb"):
            pass  # Python's message for a file that cannot be opened, not the parser's
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
    try:
        if fmt == ox.RdfFormat.JSON_LD:
            data = path.read_bytes()
            check_jsonld(data, str(path))
            yield from ox.parse(data, format=fmt, rename_blank_nodes=True)
        else:
            yield from ox.parse(path=str(path), format=fmt, rename_blank_nodes=True)
    except SyntaxError as error:
        line = f" line {error.lineno}:" if error.lineno else ""
        raise InputError(f"{path}:{line} not valid {fmt.name}: {error.msg}") from None
    except (ValueError, OSError) as error:
        raise InputError(f"{path}: not valid {fmt.name}: {error}") from None


def read_rdf(path: Path) -> ParsedFile:
    """Parse one export, refusing it with file and line when it is not valid RDF."""
    quads = list(parse_quads(path))
    graphs: dict[str, list[ox.Triple]] = {}
    default = [q.triple for q in quads if isinstance(q.graph_name, ox.DefaultGraph)]
    if default:
        graphs[article_graph_name(default, path)] = default
    for quad in quads:
        if isinstance(quad.graph_name, ox.DefaultGraph):
            continue
        if not isinstance(quad.graph_name, ox.NamedNode):
            raise InputError(f"{path}: a graph named by a blank node cannot be stored")
        graphs.setdefault(quad.graph_name.value, []).append(quad.triple)
    if not graphs:
        raise InputError(f"{path}: holds no triples")
    return ParsedFile(path=path, graphs=graphs)


def ontology_files() -> list[Path]:
    return sorted(ontology_dir().rglob("*.ttl"))


def read_ontology() -> list[ox.Triple]:
    triples: list[ox.Triple] = []
    for path in ontology_files():
        triples.extend(t for graph in read_rdf(path).graphs.values() for t in graph)
    return triples


def same_triples(first: Sequence[ox.Triple], second: Sequence[ox.Triple]) -> bool:
    """Whether two parses hold the same graph (its blank nodes, renamed by each parse, are
    compared by canonical labelling)."""
    if len(set(first)) != len(set(second)):
        return False
    if set(first) == set(second):
        return True
    if not any(_has_blank_node(t) for t in [*first, *second]):
        return False
    return _canonical(first) == _canonical(second)


def _has_blank_node(triple: ox.Triple) -> bool:
    return isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode)


def _canonical(triples: Sequence[ox.Triple]) -> set[ox.Quad]:
    dataset = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return set(dataset)
