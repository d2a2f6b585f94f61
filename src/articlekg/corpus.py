"""Corpora: several articles in one dataset, the same concept under one IRI.

Entity resolution happens when IRIs are minted (see :mod:`articlekg.assemble`): a lexicon
concept has its lexicon IRI in every article, an entity found in text is named by its
normalised label, and a study by its title, journal and year. So joining articles is a
union of named graphs; this module writes that dataset, a merge log that says which
nodes several articles share and why, and the corpus's property graphs, in which a shared
node appears once with every article's evidence (see :mod:`articlekg.export.corpus_graphs`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import RDF, RDFS

from articlekg.atomic import write_text
from articlekg.errors import InputError
from articlekg.export import ArticleGraph, write_corpus
from articlekg.export.corpus_graphs import FORMATS as CORPUS_GRAPH_FORMATS
from articlekg.export.corpus_graphs import STEM as CORPUS_STEM
from articlekg.export.corpus_graphs import write_corpus_graphs
from articlekg.vocab import AKG, CONCEPT, ENTITY_CLASSES

MERGE_LOG = "corpus.merge-log.json"


@dataclass(frozen=True)
class Merge:
    iri: str
    label: str
    types: tuple[str, ...]
    articles: tuple[str, ...]
    reason: str

    def as_json(self) -> dict[str, object]:
        return {
            "iri": self.iri,
            "label": self.label,
            "types": list(self.types),
            "articles": list(self.articles),
            "reason": self.reason,
        }


def reason_for(iri: str, base_iri: str) -> str:
    if iri.startswith(str(CONCEPT)):
        return "same lexicon concept"
    if iri.startswith(f"{base_iri}study/"):
        return "same study: title, journal and year agree"
    return "same normalised label"


def merges(articles: Iterable[ArticleGraph], base_iri: str) -> list[Merge]:
    seen: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    types: dict[str, set[str]] = {}
    for article in articles:
        graph = article.graph
        for subject, cls in graph.subject_objects(RDF.type):
            local = str(cls).rsplit("#", 1)[-1]
            if (
                not isinstance(subject, URIRef)
                or not str(cls).startswith(str(AKG))
                or (local not in ENTITY_CLASSES)
            ):
                continue
            iri = str(subject)
            stems = seen.setdefault(iri, [])
            if article.stem not in stems:
                stems.append(article.stem)
            types.setdefault(iri, set()).add(local)
            label = graph.value(subject, RDFS.label)
            if label is not None:
                labels.setdefault(iri, str(label))
    return [
        Merge(
            iri,
            labels.get(iri, iri),
            tuple(sorted(types[iri])),
            tuple(sorted(stems)),
            reason_for(iri, base_iri),
        )
        for iri, stems in sorted(seen.items())
        if len(stems) > 1
    ]


def check_stems(stems: Iterable[str]) -> None:
    """Refuse an article whose exports the corpus files would overwrite."""
    if CORPUS_STEM in stems:
        raise InputError(
            f"an article named {CORPUS_STEM!r} would be overwritten by the corpus exports "
            f"({CORPUS_STEM}.trig, {CORPUS_STEM}.graphml, ...); rename it"
        )


def write_corpus_exports(
    articles: Sequence[ArticleGraph],
    outdir: Path,
    base_iri: str,
    formats: Sequence[str] | None = None,
) -> list[Path]:
    """``corpus.trig`` and ``corpus.nq`` (one named graph per article), the merge log and,
    for the property-graph formats among ``formats`` (default: all), the corpus's GraphML,
    GEXF and Neo4j folder."""
    written = write_corpus(sorted(articles, key=lambda a: a.stem), outdir)
    log = [m.as_json() for m in merges(articles, base_iri)]
    written.append(
        write_text(outdir / MERGE_LOG, json.dumps(log, indent=1, ensure_ascii=False) + "\n")
    )
    written.extend(write_corpus_graphs(articles, outdir, formats or CORPUS_GRAPH_FORMATS))
    return written
