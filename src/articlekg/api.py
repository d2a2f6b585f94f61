"""The public Python API: build, validate, export, query, load.

Example::

    from pathlib import Path
    from articlekg import api

    report = api.build([Path("seeds/article.txt")], Path("exports"))
    result = api.query("effects", [Path("exports/article.ttl")])
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from articlekg.errors import InputError, ValidationFailed
from articlekg.namespaces import DEFAULT_BASE_IRI

# Each function imports the stages it runs when it runs: a query or a load never pays for
# the extraction pipeline, spaCy, pySHACL or trafilatura (tests/test_imports.py pins it).
if TYPE_CHECKING:
    import networkx as nx

    from articlekg.audit import AuditReport
    from articlekg.batch import build
    from articlekg.export import ArticleGraph
    from articlekg.pipeline import BuildReport, BuiltArticle
    from articlekg.results import QueryResult
    from articlekg.store import LoadedGraph
    from articlekg.validate import ValidationReport

_FROM_PIPELINE = frozenset({"BuildReport", "BuiltArticle"})

__all__ = [
    "BuildReport",
    "BuiltArticle",
    "audit",
    "build",
    "build_article",
    "build_text",
    "export",
    "load",
    "query",
    "to_networkx",
    "validate",
    "view",
]


def __getattr__(name: str) -> Any:
    """``build`` (the batch's), ``BuildReport`` and ``BuiltArticle`` (the pipeline's), imported
    on first use."""
    if name == "build":
        from articlekg import batch

        return batch.build
    if name in _FROM_PIPELINE:
        from articlekg import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def build_article(
    path: Path, base_iri: str = DEFAULT_BASE_IRI, input_format: str = "auto"
) -> ArticleGraph:
    """Build one article into its checked graph, writing nothing.

    ``input_format``: ``auto`` (by suffix; plain text sniffed for Markdown), ``text``,
    ``markdown`` or ``html``.
    """
    from articlekg.pipeline import build_document
    from articlekg.read import read_document

    return build_document(read_document(path, input_format=input_format), base_iri).graph


def build_text(
    text: str,
    name: str = "article.txt",
    base_iri: str = DEFAULT_BASE_IRI,
    input_format: str = "auto",
) -> BuiltArticle:
    """Build an article given as a string (plain text, or Markdown that offsets point into)."""
    from articlekg.pipeline import build_document
    from articlekg.read import choose_reader

    suffix = Path(name).suffix or ".txt"
    document = choose_reader(text, suffix, input_format)(text, name, Path(name).stem)
    return build_document(document, base_iri)


def export(article: ArticleGraph, outdir: Path, formats: Sequence[str] | None = None) -> list[Path]:
    from articlekg.export import EXPORTERS, get_exporter

    exporters = [get_exporter(name) for name in formats] if formats else list(EXPORTERS)
    written: list[Path] = []
    for exporter in exporters:
        written.extend(exporter.write(article, outdir))
    return written


def audit(
    inputs: Sequence[Path],
    *,
    include: Sequence[str] = (),
    input_format: str = "auto",
    lexicons: Sequence[Path] = (),
    max_bytes: int | None = None,
) -> list[AuditReport]:
    """Audit each article's topical map against its text (see :mod:`articlekg.audit`).

    ``inputs`` are article files or folders, as for :func:`build` (and refused above
    ``max_bytes`` the same way; None: build's default); nothing is written.
    ``articlekg.audit_report.render_text`` and ``render_json`` format the reports.
    """
    from articlekg.audit import audit_article
    from articlekg.pipeline import build_document, collect_inputs
    from articlekg.read import DEFAULT_MAX_BYTES, check_size, read_document
    from articlekg.vocabularies import lexicon_with

    lexicon = lexicon_with(lexicons)
    found = collect_inputs(inputs, include)
    for path, _ in found:
        check_size(path, DEFAULT_MAX_BYTES if max_bytes is None else max_bytes)
    return [
        audit_article(
            build_document(read_document(path, name, input_format), lexicon=lexicon, check=False)
        )
        for path, name in found
    ]


def validate(path: Path) -> ValidationReport:
    """Check an RDF file against the shapes; raise ValidationFailed when it does not conform."""
    from articlekg.validate import validate_file

    report = validate_file(path)
    if not report.conforms:
        raise ValidationFailed(
            f"{path}: does not conform to the shapes ({len(report.violations)} violations)",
            list(report.violations),
        )
    return report


def to_networkx(article_or_corpus: ArticleGraph | Sequence[ArticleGraph]) -> nx.MultiDiGraph:
    """The property graph (the GraphML export's nodes, edges and attributes) in networkx.

    Give one article, or several for a corpus in which a node they share is one node.
    """
    from articlekg.export.nxgraph import to_networkx as project_to_networkx

    return project_to_networkx(article_or_corpus)


def view(graphs: Sequence[Path], output: Path, *, title: str | None = None) -> Path:
    """Write one self-contained HTML page drawing the graph of RDF exports (one article or
    a corpus); it needs no network to open. Returns the path written."""
    from articlekg.view import write_view

    return write_view(list(graphs), output, title=title)


# -- query and store (SPARQL) ------------------------------------------------------------


def query(
    query: str,
    graphs: Sequence[Path] = (),
    *,
    store: Path | None = None,
    ontology: bool = True,
    timeout: float | None = None,
    labels: bool = False,
) -> QueryResult:
    """Run a SPARQL query: a NAME of ``ontology/queries``, a ``.rq`` file or the text itself.

    Over ``graphs`` (RDF files, the ontology loaded beside them unless ``ontology=False``)
    or, with ``store``, over the embedded store. Returns a ``SelectResult`` (``.variables``,
    ``.rows``), an ``AskResult`` or a ``GraphResult``; ``articlekg.results.render`` turns
    any of them into a table, CSV, TSV, JSON, XML or Turtle. Queries that would reach the
    network (SERVICE, FROM a graph not held, updates) raise ``UnsafeQueryError``.
    The project's prefixes (``akg:``, ``concept:``, ``schema:`` …) need no PREFIX line.
    ``labels=True`` also looks up each IRI's label, which the table shows.
    """
    from articlekg.query import query_files, query_store, resolve_query

    text = resolve_query(query).text
    if store is not None:
        if graphs:
            raise InputError("give graph files or a store, not both")
        return query_store(store, text, timeout=timeout, labels=labels)
    return query_files(list(graphs), text, ontology=ontology, timeout=timeout, labels=labels)


def load(graphs: Sequence[Path], store: Path, *, ontology: bool = True) -> list[LoadedGraph]:
    """Load RDF exports into the embedded store in ``store`` (created if missing).

    Each article goes into its own named graph, replacing what that graph held; the
    ontology into a graph of its own. If any file does not parse, nothing is loaded.
    """
    from articlekg.store import ArticleStore

    with ArticleStore(store) as opened:
        return opened.load(list(graphs), ontology=ontology)
