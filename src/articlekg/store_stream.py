"""Large loads streamed from the files into Oxigraph's bulk loader, never held in memory.

A load above :data:`~articlekg.store_write.ATOMIC_LIMIT` triples reads each file twice.
The first read checks it (Oxigraph's strict parser, as every load) and keeps, for each
graph it holds, only a count and a digest; the second read hands the quads to the bulk
loader as they come, each into its graph and into the merged default graph. So memory
stays the bulk loader's own, whatever the size of the corpus: holding a 1,000-article
``corpus.nq`` as Python objects took 3.2 GB.

The digests answer the one question that needs two files at once: when two files name
the same graph (a build's article export and its ``corpus.trig``), do they hold the same
triples? Equal digests say yes. Unequal ones (a file repeating a triple, blank nodes,
which every parse names anew) fall back to comparing those two graphs in full.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from articlekg.errors import InputError
from articlekg.namespaces import AKG_IRI

_MASK = (1 << 64) - 1
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
ARTICLE = ox.NamedNode(AKG_IRI + "Article")


@dataclass
class GraphDigest:
    """What the first read keeps of one graph of one file."""

    count: int = 0
    total: int = 0
    """The sum of the triples' hashes (mod 2**64): the same for any order."""
    mixed: int = 0
    """Their exclusive or: a second, independent check."""
    blank: bool = False

    def add(self, quad: ox.Quad) -> None:
        digest = hash((quad.subject, quad.predicate, quad.object))
        self.count += 1
        self.total = (self.total + digest) & _MASK
        self.mixed ^= digest
        if isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode):
            self.blank = True

    def merge(self, other: GraphDigest) -> None:
        """Fold in the digest of more triples of the same graph."""
        self.count += other.count
        self.total = (self.total + other.total) & _MASK
        self.mixed ^= other.mixed
        self.blank = self.blank or other.blank

    def same_as(self, other: GraphDigest) -> bool:
        """True only when both surely hold the same triples; False: compare them in full."""
        mine = (self.count, self.total, self.mixed)
        return (
            not self.blank and not other.blank and mine == (other.count, other.total, other.mixed)
        )


@dataclass
class SurveyedFile:
    """One checked input file: its graphs (in the order they first appear) and digests."""

    path: Path
    default_graph: str | None = None
    """The graph its triples without a graph go into (see ``article_graph_name``)."""
    graphs: dict[str, GraphDigest] = field(default_factory=dict)

    @property
    def triples(self) -> int:
        return sum(digest.count for digest in self.graphs.values())


def survey(
    path: Path, quads: Iterable[ox.Quad], name_default_graph: Callable[[list[str]], str]
) -> SurveyedFile:
    """Read one file's quads once, keeping a digest of each graph. ``name_default_graph``
    names the graph of its triples without one, given the articles those triples type."""
    named: dict[ox.NamedNode, GraphDigest] = {}
    default = GraphDigest()
    articles: list[str] = []
    for quad in quads:
        graph = quad.graph_name
        if isinstance(graph, ox.DefaultGraph):
            default.add(quad)
            if (
                quad.predicate == RDF_TYPE
                and quad.object == ARTICLE
                and isinstance(quad.subject, ox.NamedNode)
            ):
                articles.append(quad.subject.value)
        elif isinstance(graph, ox.NamedNode):
            digest = named.get(graph)
            if digest is None:
                digest = named[graph] = GraphDigest()
            digest.add(quad)
        else:
            raise InputError(f"{path}: a graph named by a blank node cannot be stored")
    surveyed = SurveyedFile(path)
    if default.count:
        surveyed.default_graph = name_default_graph(sorted(articles))
        surveyed.graphs[surveyed.default_graph] = default
    for node, digest in named.items():
        surveyed.graphs.setdefault(node.value, GraphDigest()).merge(digest)
    if not surveyed.graphs:
        raise InputError(f"{path}: holds no triples")
    return surveyed


def graph_quads(
    quads: Iterable[ox.Quad], default_graph: str | None, wanted: set[str]
) -> Iterator[ox.Quad]:
    """The quads of the ``wanted`` graphs, those without a graph put into ``default_graph``."""
    default_node = ox.NamedNode(default_graph) if default_graph is not None else None
    wanted_nodes = {ox.NamedNode(name) for name in wanted}
    for quad in quads:
        graph = quad.graph_name
        if isinstance(graph, ox.DefaultGraph):
            if default_node is not None and default_node in wanted_nodes:
                yield ox.Quad(quad.subject, quad.predicate, quad.object, default_node)
        elif graph in wanted_nodes:
            yield quad


def with_merge(quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
    """Each quad, then its triple in the default graph (the merge; the bulk loader keeps
    one copy of a triple however many graphs give it). From one quad, so a blank node is
    one node in its graph and in the merge."""
    for quad in quads:
        yield quad
        yield ox.Quad(quad.subject, quad.predicate, quad.object)
