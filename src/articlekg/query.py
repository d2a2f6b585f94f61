"""Running SPARQL over exported files (rdflib) or the embedded store (Oxigraph).

A query argument is the NAME of a shipped query (``ontology/queries/NAME.rq``), a path to
a ``.rq`` file, or the query text itself. Every query passes :mod:`articlekg.safety`
before an engine sees it. Files are parsed by the same strict loader as the store, each
article into its own named graph with the ontology beside it, and queried through the
union default graph, so a query gives the same rows on a file as in the store.

pyoxigraph and rdflib cannot be interrupted, so a query with a timeout runs in a
worker process (see :mod:`articlekg.serve_pool`) that is killed when time is up.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from articlekg.errors import ArticleKGError, QueryError, QueryTimeout
from articlekg.labels import labels_in_dataset, labels_in_store, result_iris, with_labels
from articlekg.query_args import closest
from articlekg.rdf_files import read_ontology, read_rdf
from articlekg.resources import queries_dir
from articlekg.results import (
    AskResult,
    GraphResult,
    QueryResult,
    SelectResult,
    Term,
    from_oxigraph,
    from_rdflib,
    to_rdflib,
)
from articlekg.row_order import ordered_rows, without_final_order_by
from articlekg.safety import CheckedQuery, check_query
from articlekg.store import ONTOLOGY_GRAPH, ArticleStore
from articlekg.store_write import has_merged_default

if TYPE_CHECKING:
    from rdflib import Dataset

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


@dataclass(frozen=True)
class ResolvedQuery:
    text: str
    source: str
    """Where the text came from: the query's name, its file, or ``<text>``."""


def query_names() -> list[str]:
    folder = queries_dir()
    return sorted(p.stem for p in folder.glob("*.rq")) if folder.is_dir() else []


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):  # query text too long for a file name, or holding NUL
        return False


def resolve_query(argument: str) -> ResolvedQuery:
    """Turn a NAME, a ``.rq`` path or query text into the query's text."""
    if _NAME.match(argument) and not argument.endswith(".rq"):
        named = queries_dir() / f"{argument}.rq"
        if named.is_file():
            return ResolvedQuery(named.read_text(encoding="utf-8"), argument)
    path = Path(argument)
    if _is_file(path):
        try:
            return ResolvedQuery(path.read_text(encoding="utf-8"), str(path))
        except (OSError, UnicodeDecodeError) as error:
            raise QueryError(f"{path}: cannot read the query: {error}") from None
    if argument.endswith(".rq"):
        raise QueryError(f"{argument}: no such query file")
    if not re.search(r"[\s{]", argument):
        names = query_names()
        guess = closest(argument, names)
        if guess is not None:
            raise QueryError(
                f"no query named {argument!r} and no such file; did you mean {guess!r}? "
                "(`articlekg query --list` lists the named queries)"
            )
        known = ", ".join(names) or "none"
        raise QueryError(f"no query named {argument!r} (known: {known}) and no such file")
    return ResolvedQuery(argument, "<text>")


def _oxigraph_result(raw: object) -> QueryResult:
    if isinstance(raw, ox.QueryBoolean):
        return AskResult(bool(raw))
    if isinstance(raw, ox.QuerySolutions):
        names = tuple(v.value for v in raw.variables)
        return SelectResult(names, _converted_rows(raw))
    if isinstance(raw, ox.QueryTriples):
        triples = []
        for triple in raw:
            terms = (
                from_oxigraph(triple.subject),
                from_oxigraph(triple.predicate),
                from_oxigraph(triple.object),
            )
            triples.append(_complete(terms))
        return GraphResult(tuple(triples))
    raise QueryError(f"unexpected result from the store: {type(raw).__name__}")


def _converted_rows(solutions: ox.QuerySolutions) -> tuple[tuple[Term | None, ...], ...]:
    """Each solution's values in the order of its variables, each distinct term converted
    once: rows of a large result repeat their terms (a 10,000-row result took longer to
    convert, name by name, than to sort)."""
    converted: dict[object, Term | None] = {None: None}
    rows = []
    for solution in solutions:
        row = []
        for node in solution:
            term = converted.get(node)
            if term is None and node is not None:
                term = converted[node] = from_oxigraph(node)
            row.append(term)
        rows.append(tuple(row))
    return tuple(rows)


def _complete(terms: tuple[Term | None, Term | None, Term | None]) -> tuple[Term, Term, Term]:
    s, p, o = terms
    if s is None or p is None or o is None:
        raise QueryError("a graph result has an incomplete triple")
    return s, p, o


def _rdflib_result(raw: Any) -> QueryResult:
    if raw.type == "ASK":
        return AskResult(bool(raw.askAnswer))
    if raw.type == "SELECT":
        names = tuple(str(v) for v in raw.vars)
        rows = tuple(tuple(from_rdflib(row[i]) for i in range(len(names))) for row in raw)
        return SelectResult(names, rows)
    triples = tuple(
        _complete((from_rdflib(s), from_rdflib(p), from_rdflib(o))) for s, p, o in raw.graph
    )
    return GraphResult(triples)


def _row_key(row: tuple[Term | None, ...]) -> tuple[tuple[str, ...], ...]:
    # Unbound first; None never meets a str in a comparison.
    return tuple(
        () if t is None else (str(t.kind), t.value, t.datatype or "", t.lang or "") for t in row
    )


def settled(result: QueryResult, checked: CheckedQuery) -> QueryResult:
    """Rows in a fixed order, so that output does not depend on the engine or on Python's
    hash seed (rdflib's order does): the ORDER BY's when it is ordered here (see
    :mod:`articlekg.row_order`), else a fixed one when the query gives none."""
    if not isinstance(result, SelectResult):
        return result
    if checked.order_keys:
        rows = ordered_rows(result.rows, result.variables, checked.order_keys)
        return SelectResult(result.variables, rows)
    if not checked.ordered:
        return SelectResult(result.variables, tuple(sorted(result.rows, key=_row_key)))
    return result


def for_the_store(checked: CheckedQuery) -> CheckedQuery:
    """The query as the store runs it: without the ORDER BY that :func:`settled` applies."""
    text = without_final_order_by(checked.text) if checked.order_keys else None
    return checked if text is None else replace(checked, text=text)


def files_dataset(paths: Sequence[Path], *, ontology: bool = True) -> Dataset:
    """An rdflib dataset holding the files (and the ontology) as the store would."""
    from rdflib import Dataset, URIRef  # only file queries need rdflib's engine

    dataset = Dataset(default_union=True)
    graphs: dict[str, list[ox.Triple]] = {}
    for path in paths:
        for name, triples in read_rdf(path).graphs.items():
            graphs.setdefault(name, []).extend(triples)
    if ontology:
        graphs.setdefault(ONTOLOGY_GRAPH, []).extend(read_ontology())
    for name, triples in graphs.items():
        graph = dataset.graph(URIRef(name))
        for triple in triples:
            s, p, o = (
                from_oxigraph(triple.subject),
                from_oxigraph(triple.predicate),
                from_oxigraph(triple.object),
            )
            if s is not None and p is not None and o is not None:
                graph.add((to_rdflib(s), to_rdflib(p), to_rdflib(o)))
    return dataset


def _graph_names(dataset: Dataset) -> set[str]:
    return {str(graph.identifier) for graph in dataset.graphs() if len(graph) > 0}


def run_on_files(
    paths: Sequence[str], text: str, ontology: bool = True, labels: bool = False
) -> QueryResult:
    dataset = files_dataset([Path(p) for p in paths], ontology=ontology)
    checked = check_query(text, _graph_names(dataset))
    try:
        raw = dataset.query(checked.text, initNs=dict(checked.prefixes))
    except ArticleKGError:
        raise
    except Exception as error:
        raise QueryError(f"the query failed: {error}") from None
    result = settled(_rdflib_result(raw), checked)
    if labels and isinstance(result, SelectResult):
        return with_labels(result, labels_in_dataset(dataset, result_iris(result)))
    return result


def run_on_store(store_dir: str, text: str, labels: bool = False) -> QueryResult:
    with ArticleStore(Path(store_dir), read_only=True) as store:
        checked = check_query(text, store.graph_names())
        result = settled(_oxigraph_result(store.query(for_the_store(checked))), checked)
        if labels and isinstance(result, SelectResult):
            merged = has_merged_default(store.store)
            found = labels_in_store(store.store, result_iris(result), merged=merged)
            return with_labels(result, found)
        return result


def run_checked_on_store(
    store: ArticleStore,
    checked: CheckedQuery,
    default_graphs: Sequence[str] = (),
    named_graphs: Sequence[str] = (),
) -> QueryResult:
    raw = store.query(for_the_store(checked), default_graphs, named_graphs)
    return settled(_oxigraph_result(raw), checked)


def bounded(
    function: Callable[..., QueryResult], args: tuple[Any, ...], timeout: float | None
) -> QueryResult:
    """Run ``function(*args)``; with a timeout, in a worker process killed when it is over."""
    if timeout is None:
        return function(*args)
    if timeout <= 0:
        raise QueryError("the timeout must be a positive number of seconds")
    # Only a query with a time limit needs the worker pool (and multiprocessing).
    from articlekg.serve_pool import BusyError, shared_pool

    try:
        return shared_pool().run(function, args, timeout)
    except BusyError:
        raise QueryTimeout(f"the query was stopped after {timeout:g} s (--timeout)") from None


def query_files(
    paths: Sequence[Path],
    text: str,
    *,
    ontology: bool = True,
    timeout: float | None = None,
    labels: bool = False,
) -> QueryResult:
    """Run ``text`` over RDF files with rdflib (the ontology loaded beside them).

    ``labels``: also look up the label of every IRI in the rows (for the table)."""
    if not paths:
        raise QueryError("give at least one graph file to query")
    return bounded(run_on_files, ([str(p) for p in paths], text, ontology, labels), timeout)


def query_store(
    store_dir: Path, text: str, *, timeout: float | None = None, labels: bool = False
) -> QueryResult:
    """Run ``text`` over the embedded store's merged default graph."""
    return bounded(run_on_store, (str(store_dir), text, labels), timeout)
