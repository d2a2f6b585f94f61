"""Names for people: the label of each IRI in a result, looked up where the data is.

A table of IRIs reads badly (``<…/entity/avoid-applying-pressure-to-metastatic-areas>``),
so the table shows each IRI's ``skos:prefLabel`` or ``rdfs:label`` instead. The lookup
runs on the same dataset the query ran on (the files' rdflib dataset, or the store), in
the same process, after the query: the rows themselves keep their IRIs, and the
machine formats (CSV, TSV, JSON, XML) never see a label.

When an IRI has several labels (articles may word a shared node differently) the choice
is fixed: ``skos:prefLabel`` before ``rdfs:label``, English or untagged before other
languages, then the alphabetically first.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pyoxigraph as ox

from articlekg.results import SelectResult, TermKind

if TYPE_CHECKING:
    from rdflib import Dataset

SKOS_PREF_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
LABEL_PREDICATES = (SKOS_PREF_LABEL, RDFS_LABEL)

Candidate = tuple[int, int, str]


def result_iris(result: SelectResult) -> list[str]:
    return sorted({t.value for row in result.rows for t in row if t and t.kind is TermKind.URI})


def _candidate(rank: int, value: str, lang: str | None) -> Candidate:
    return (rank, 0 if lang in (None, "", "en") or lang.startswith("en-") else 1, value)


def _best(candidates: Iterable[Candidate]) -> str | None:
    chosen = min(candidates, default=None)
    if chosen is None:
        return None
    text = " ".join(chosen[2].split())  # one line in a table
    return text or None


def labels_in_dataset(dataset: Dataset, iris: Iterable[str]) -> dict[str, str]:
    """Labels from an rdflib dataset whose default graph is the union of its graphs."""
    from rdflib import Literal as RdfLiteral  # only file queries hold an rdflib dataset
    from rdflib import URIRef

    found: dict[str, str] = {}
    for iri in iris:
        candidates = [
            _candidate(rank, str(label), label.language)
            for rank, predicate in enumerate(LABEL_PREDICATES)
            for label in dataset.objects(URIRef(iri), URIRef(predicate))
            if isinstance(label, RdfLiteral)
        ]
        best = _best(candidates)
        if best is not None:
            found[iri] = best
    return found


def labels_in_store(store: ox.Store, iris: Iterable[str], *, merged: bool) -> dict[str, str]:
    """Labels from the store: its merged default graph, or every graph when it has none."""
    graph = ox.DefaultGraph() if merged else None
    predicates = [ox.NamedNode(p) for p in LABEL_PREDICATES]
    found: dict[str, str] = {}
    for iri in iris:
        try:
            subject = ox.NamedNode(iri)
        except ValueError:
            continue
        candidates = [
            _candidate(rank, quad.object.value, quad.object.language)
            for rank, predicate in enumerate(predicates)
            for quad in store.quads_for_pattern(subject, predicate, None, graph)
            if isinstance(quad.object, ox.Literal)
        ]
        best = _best(candidates)
        if best is not None:
            found[iri] = best
    return found


def with_labels(result: SelectResult, labels: dict[str, str]) -> SelectResult:
    return SelectResult(result.variables, result.rows, tuple(sorted(labels.items())))
