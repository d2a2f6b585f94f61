"""The corpus as one property graph: ``corpus.graphml``, ``corpus.gexf`` and ``corpus.neo4j/``.

A node several articles share (a lexicon concept, a study, an entity with the same
normalised label) has one IRI in every article, so it appears once here. Its evidence is
the evidence of every article that mentions it: the first quote (by article stem, then
offset) stays in the plain ``evidence*`` columns, with ``evidenceArticle`` naming its
article, and every further quote is an object in ``otherEvidence`` whose ``article`` names
its article. ``articles`` (a JSON list of stems) and ``articleCount`` say where a node or
edge comes from. Other attributes agree between articles in practice (they come from the
lexicon or the IRI); where they differ, the first article by stem wins.

Per-article evidence lives in one column per field rather than in a column per article
(``evidence_<stem>``): the GraphML and GEXF key lists and the Neo4j CSV header would
otherwise grow with the corpus, one mostly empty column per article.

Articles are consumed one at a time (:meth:`CorpusGraph.add`) and only their projection is
kept, on disk as sorted runs, never their RDF graph, so a build that streams articles from
worker processes can hand the projections over (:meth:`CorpusGraph.add_projection`). The
files are merged from those runs and written as they are read (see
:mod:`articlekg.export.corpus_stream`), so memory does not grow with the corpus. The
result does not depend on the order articles arrive in.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from articlekg.atomic import writing_text
from articlekg.export.corpus_merge import EVIDENCE_ARTICLE, EVIDENCE_COLUMNS, OTHER_EVIDENCE
from articlekg.export.corpus_stream import MergedGraph, ProjectionParts
from articlekg.export.gexf import write_gexf
from articlekg.export.graphml import write_graphml
from articlekg.export.neo4j import write_neo4j
from articlekg.export.projection import PropertyGraph, project_article
from articlekg.export.registry import ArticleGraph

STEM = "corpus"
FORMATS = ("graphml", "gexf", "neo4j")
"""The per-article formats that also get a corpus file (``-f`` picks among them)."""
__all__ = [
    "EVIDENCE_ARTICLE",
    "EVIDENCE_COLUMNS",
    "FORMATS",
    "OTHER_EVIDENCE",
    "STEM",
    "CorpusGraph",
    "corpus_property_graph",
    "write_corpus_graphs",
    "write_merged_graph",
    "write_property_graph",
]


class CorpusGraph:
    """Merges articles' property graphs, shared nodes and edges (same id) once.

    The projections wait on disk in a temporary folder of its own, removed with it.
    """

    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="articlekg-corpus-")
        self._parts = ProjectionParts(Path(self._folder.name))

    def add(self, article: ArticleGraph) -> None:
        self.add_projection(article.stem, project_article(article))

    def add_projection(self, stem: str, pg: PropertyGraph) -> None:
        self._parts.add(stem, pg)

    def merged(self) -> MergedGraph:
        """The corpus graph merged on disk, to write with :func:`write_merged_graph`."""
        return self._parts.merge()

    def property_graph(self) -> PropertyGraph:
        """The corpus graph in memory."""
        return self.merged().property_graph()

    def write(self, outdir: Path, formats: Sequence[str] = FORMATS) -> list[Path]:
        """The corpus property graphs in ``outdir``, streamed from disk."""
        return write_merged_graph(self.merged(), outdir, formats)


def corpus_property_graph(articles: Iterable[ArticleGraph]) -> PropertyGraph:
    """The corpus's property graph, reading ``articles`` one at a time."""
    corpus = CorpusGraph()
    for article in articles:
        corpus.add(article)
    return corpus.property_graph()


def write_property_graph(
    pg: PropertyGraph, outdir: Path, formats: Sequence[str] = FORMATS, stem: str = STEM
) -> list[Path]:
    """``<stem>.graphml``, ``<stem>.gexf`` and ``<stem>.neo4j/``, as ``formats`` asks."""
    merged = MergedGraph.in_memory(pg)
    return write_merged_graph(merged, outdir, formats, stem)


def write_merged_graph(
    merged: MergedGraph, outdir: Path, formats: Sequence[str] = FORMATS, stem: str = STEM
) -> list[Path]:
    """Like :func:`write_property_graph`, each file written as its rows are read."""
    written = []
    if "graphml" in formats:
        path = outdir / f"{stem}.graphml"
        with writing_text(path) as out:
            write_graphml(out, merged.node_keys, merged.edge_keys, merged.nodes(), merged.edges())
        written.append(path)
    if "gexf" in formats:
        path = outdir / f"{stem}.gexf"
        nodes, edges = merged.node_count, merged.edge_count
        description = f"articlekg corpus graph ({nodes} nodes, {edges} edges)"
        with writing_text(path) as out:
            write_gexf(
                out,
                description,
                merged.node_keys,
                merged.edge_keys,
                (nodes, merged.nodes()),
                (edges, merged.edges()),
            )
        written.append(path)
    if "neo4j" in formats:
        folder = outdir / f"{stem}.neo4j"
        written += write_neo4j(
            folder, merged.node_keys, merged.edge_keys, merged.nodes(), merged.edges()
        )
    return written


def write_corpus_graphs(
    articles: Iterable[ArticleGraph], outdir: Path, formats: Sequence[str] = FORMATS
) -> list[Path]:
    """Merge ``articles`` (read one at a time) and write the corpus property graphs."""
    wanted = [name for name in formats if name in FORMATS]
    if not wanted:
        return []
    corpus = CorpusGraph()
    for article in articles:
        corpus.add(article)
    return corpus.write(outdir, wanted)
