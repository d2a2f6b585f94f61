"""The per-article step of a build: an article file and options in, its outputs out.

:func:`build_outputs` is a pure function of its :class:`ArticleTask` (and the file it
names): it reads, builds, validates and exports the article and returns every byte, so it
runs the same in this process, in a worker process or on a Dask worker on another
machine. It writes nothing the caller can see; the caller stages what it returns. Besides
the export files it returns the small pieces the corpus files are assembled from, so that
no process has to hold more than one article's graph.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import RDF, RDFS

from articlekg.corpus import corpus_graph_formats
from articlekg.errors import ArticleKGError, InternalError
from articlekg.export import ArticleGraph, get_exporter
from articlekg.export.ntriples import nquads_text
from articlekg.export.projection import PropertyGraph, project_article
from articlekg.export.terms import PrefixedNames
from articlekg.export.turtle import trig_section
from articlekg.lexicon import Lexicon
from articlekg.pipeline import build_checked
from articlekg.read import read_document
from articlekg.vocab import AKG, ENTITY_CLASSES
from articlekg.vocabularies import lexicon_with


@dataclass(frozen=True)
class ArticleTask:
    index: int
    """Position among the build's inputs: ties the outputs to their input order."""
    path: str
    name: str
    """The name evidence gives the article (relative to what the user named)."""
    base_iri: str
    formats: tuple[str, ...]
    input_format: str = "auto"
    corpus: bool = True
    """Whether to return the pieces of the corpus files too."""
    lexicons: tuple[str, ...] = ()
    """SKOS vocabulary files added to the built-in lexicon."""


@dataclass(frozen=True)
class ArticleSummary:
    """What a build reports about one article, without its graph."""

    source: str
    stem: str
    graph_name: str
    triples: int
    entities: tuple[tuple[str, int], ...]
    """(class local name, how many nodes carry it), by class name."""
    findings: int
    warnings: tuple[str, ...]
    """What the build logged as warnings, then SHACL results below Violation severity."""


@dataclass(frozen=True)
class ArticleOutputs:
    index: int
    summary: ArticleSummary
    files: tuple[tuple[str, bytes], ...]
    """Export files as (path relative to the output folder, bytes), in exporter order."""
    nquads: bytes
    """The article's quads, one a line, sorted: a run of the corpus N-Quads merge."""
    trig_section: bytes
    """The article's ``<graph> { ... }`` block of the corpus TriG."""
    prefixes: tuple[tuple[str, str], ...]
    """The prefixes the TriG block uses."""
    entities: bytes
    """Merge-log lines ``IRI \\t index \\t [stem, types, label]``, sorted."""
    projection: PropertyGraph | None = None
    """The article's property graph, when the corpus is written in a property-graph format."""
    logged: tuple[str, ...] = ()
    """Warnings the build logged, for the caller to log again where someone sees them."""


def build_outputs(task: ArticleTask) -> ArticleOutputs:
    try:
        with _collected_warnings() as logged:
            outputs = _build_outputs(task)
    except ArticleKGError as error:
        # In a corpus the message must say which article failed.
        if task.name not in error.message and task.path not in error.message:
            error.message = f"{task.name}: {error.message}"
            error.args = (error.message,)
        raise
    except MemoryError:
        raise ArticleKGError(f"{task.name}: out of memory; nothing was written") from None
    except Exception as error:
        # Not bad input (that is an ArticleKGError) but a bug: still one line, naming the
        # article, rather than a traceback from inside a worker process.
        raise InternalError(
            f"{task.name}: articlekg failed on this article ({_one_line(error)}); nothing "
            "was written. This is a bug in articlekg: please report it with the article"
        ) from error
    summary = replace(outputs.summary, warnings=(*logged, *outputs.summary.warnings))
    return replace(outputs, summary=summary, logged=tuple(logged))


def _one_line(error: Exception) -> str:
    text = " ".join(str(error).split())
    text = text if len(text) <= 200 else text[:199] + "…"
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


class _Collector(logging.Handler):
    def __init__(self, messages: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.messages = messages

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def _collected_warnings() -> Iterator[list[str]]:
    """The library's warnings while one article builds, kept rather than shown.

    A worker process has no one to show them to; they go back with the outputs, and the
    caller logs them again. Here in the caller's process they are taken off its handlers
    for the while, so they are not shown twice.
    """
    messages: list[str] = []
    logger = logging.getLogger("articlekg")
    saved = logger.handlers[:], logger.propagate
    logger.handlers = [_Collector(messages)]
    logger.propagate = False
    try:
        yield messages
    finally:
        logger.handlers, logger.propagate = saved


def _build_outputs(task: ArticleTask) -> ArticleOutputs:
    document = read_document(Path(task.path), task.name, task.input_format)
    built, report = build_checked(document, task.base_iri, _lexicon(task.lexicons))
    article = built.graph
    files = _export(article, task.formats)
    nquads, section, names = b"", "", PrefixedNames()
    if task.corpus:
        own_nquads = dict(files).get(f"{article.stem}.nq") if "nquads" in task.formats else None
        nquads = own_nquads if own_nquads is not None else nquads_text([article]).encode("utf-8")
        section = trig_section(article, names)
    wanted_projection = task.corpus and bool(corpus_graph_formats(task.formats))
    warnings = tuple(
        str(v) for v in (report.violations if report else []) if v.severity != "Violation"
    )
    summary = ArticleSummary(
        source=task.name,
        stem=article.stem,
        graph_name=str(article.name),
        triples=len(article.graph),
        entities=tuple(sorted(_entity_counts(article).items())),
        findings=len(built.facts.findings),
        warnings=warnings,
    )
    return ArticleOutputs(
        index=task.index,
        summary=summary,
        files=files,
        nquads=nquads,
        trig_section=section.encode("utf-8"),
        prefixes=tuple(sorted(names.used.items())),
        entities=_entity_lines(article, task.index).encode("utf-8") if task.corpus else b"",
        projection=project_article(article) if wanted_projection else None,
    )


def _lexicon(paths: tuple[str, ...]) -> Lexicon:
    """The lexicon with the task's vocabularies, made once per process for the same files."""
    if not paths:
        return lexicon_with(())
    # Keyed by content, not path: a vocabulary edited between two builds of a long-lived
    # process (a Dask worker, a library user) is read again.
    return _lexicon_for(tuple((path, _digest(path)) for path in paths))


def _digest(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""  # lexicon_with reports the unreadable file with its own message


@cache
def _lexicon_for(files: tuple[tuple[str, str], ...]) -> Lexicon:
    return lexicon_with([Path(path) for path, _ in files])


def _export(article: ArticleGraph, formats: tuple[str, ...]) -> tuple[tuple[str, bytes], ...]:
    files: list[tuple[str, bytes]] = []
    # Exporters write files; let them, somewhere private, and hand back the bytes.
    with tempfile.TemporaryDirectory(prefix="articlekg-export-") as scratch:
        root = Path(scratch)
        for name in formats:
            for path in get_exporter(name).write(article, root):
                files.append((path.relative_to(root).as_posix(), path.read_bytes()))
    return tuple(files)


def _entity_types(article: ArticleGraph) -> dict[URIRef, set[str]]:
    found: dict[URIRef, set[str]] = {}
    for subject, cls in article.graph.subject_objects(RDF.type):
        local = str(cls).rsplit("#", 1)[-1]
        entity = str(cls).startswith(str(AKG)) and local in ENTITY_CLASSES
        if isinstance(subject, URIRef) and entity:
            found.setdefault(subject, set()).add(local)
    return found


def _entity_counts(article: ArticleGraph) -> Counter[str]:
    return Counter(local for types in _entity_types(article).values() for local in types)


def _entity_lines(article: ArticleGraph, index: int) -> str:
    lines = []
    for subject, types in _entity_types(article).items():
        label = article.graph.value(subject, RDFS.label)
        record = [article.stem, sorted(types), None if label is None else str(label)]
        lines.append(f"{subject}\t{index:09d}\t{json.dumps(record, ensure_ascii=False)}\n")
    # IRIs hold no tab, so sorting the lines sorts them by IRI, then by input position.
    return "".join(sorted(lines))
