"""Corpora: several articles in one dataset, the same concept under one IRI.

Entity resolution happens when IRIs are minted (see :mod:`articlekg.assemble`): a lexicon
concept has its lexicon IRI in every article, an entity found in text is named by its
normalised label, and a study by its title, journal and year. So joining articles is a
union of named graphs; this module writes that dataset, a merge log that says which
nodes several articles share and why, and the corpus's property graphs, in which a shared
node appears once with every article's evidence (see :mod:`articlekg.export.corpus_graphs`).

It works from per-article parts on disk (see :mod:`articlekg.worker`), never from every
graph at once: the N-Quads are a merge of per-article sorted runs, the TriG a
concatenation of per-article blocks, the merge log a merge of per-article entity lines.
The property graphs too: each article's projection is kept as sorted runs of nodes and
edges, merged by id and written as they are read (see
:mod:`articlekg.export.corpus_stream`), and only when a property-graph format is asked for.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from articlekg.errors import ExportError, InputError
from articlekg.export import ArticleGraph
from articlekg.export.corpus_graphs import FORMATS as CORPUS_GRAPH_FORMATS
from articlekg.export.corpus_graphs import STEM as CORPUS_STEM
from articlekg.export.corpus_graphs import write_merged_graph
from articlekg.export.corpus_stream import ProjectionParts
from articlekg.export.projection import PropertyGraph
from articlekg.runs import merge_sorted_runs as merge_sorted_runs
from articlekg.vocab import CONCEPT

MERGE_LOG = "corpus.merge-log.json"
CORPUS_NQUADS = "corpus.nq"
CORPUS_TRIG = "corpus.trig"


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


def check_stems(stems: Iterable[str]) -> None:
    """Refuse an article whose exports the corpus files would overwrite."""
    if CORPUS_STEM in stems:
        raise InputError(
            f"an article named {CORPUS_STEM!r} would be overwritten by the corpus exports "
            f"({CORPUS_STEM}.trig, {CORPUS_STEM}.graphml, ...); rename it"
        )


def corpus_graph_formats(formats: Iterable[str]) -> tuple[str, ...]:
    """The property-graph formats among ``formats`` that also get a corpus file."""
    return tuple(name for name in formats if name in CORPUS_GRAPH_FORMATS)


@dataclass
class CorpusParts:
    """Per-article pieces kept in a folder until the corpus files are assembled."""

    folder: Path
    graph_names: dict[int, str] = field(default_factory=dict)
    stems: dict[int, str] = field(default_factory=dict)
    prefixes: dict[str, str] = field(default_factory=dict)
    graph_formats: tuple[str, ...] = ()
    """The property-graph formats the corpus is written in (projections are kept for them)."""
    _names: set[str] = field(default_factory=set)
    _projections: ProjectionParts | None = None

    @property
    def projections(self) -> ProjectionParts:
        """The articles' projections, as sorted runs in a folder of their own."""
        if self._projections is None:
            folder = self.folder / "property-graph"
            folder.mkdir(exist_ok=True)
            self._projections = ProjectionParts(folder)
        return self._projections

    def add(
        self,
        index: int,
        stem: str,
        graph_name: str,
        nquads: bytes,
        trig_section: bytes,
        prefixes: Iterable[tuple[str, str]],
        entities: bytes,
        projection: PropertyGraph | None = None,
    ) -> None:
        if graph_name in self._names:
            raise ExportError(f"two articles share the graph name <{graph_name}>")
        self._names.add(graph_name)
        self.graph_names[index] = graph_name
        self.stems[index] = stem
        self.prefixes.update(prefixes)
        for suffix, data in ((".nq", nquads), (".trig", trig_section), (".entities", entities)):
            self._part(index, suffix).write_bytes(data)
        if self.graph_formats:
            if projection is None:
                raise ExportError(f"{stem}: no property graph for the corpus exports")
            self.projections.add(stem, projection)

    def _part(self, index: int, suffix: str) -> Path:
        return self.folder / f"{index:09d}{suffix}"

    def by_graph_name(self) -> list[int]:
        return sorted(self.graph_names, key=lambda index: self.graph_names[index])

    def article_graphs(self) -> Iterator[ArticleGraph]:
        """Each article's graph re-read from its part, one at a time, by stem.

        For corpus outputs that need graphs (property graphs): only one is held at a time.
        """
        for index in sorted(self.stems, key=lambda i: self.stems[i]):
            name = self.graph_names[index]
            # Every line ends in this article's graph name: without it, N-Triples.
            quad_end = f" <{name}> .".encode()
            with self._part(index, ".nq").open("rb") as quads:
                triples = b"".join(
                    line.removesuffix(b"\n").removesuffix(quad_end) + b" .\n" for line in quads
                )
            graph = Graph().parse(data=triples.decode("utf-8"), format="nt")
            yield ArticleGraph(graph, URIRef(name), self.stems[index])

    def write_nquads(self, target: Path) -> None:
        runs = [self._part(index, ".nq") for index in sorted(self.stems)]
        merge_sorted_runs(runs, target, self.folder)

    def write_trig(self, target: Path) -> None:
        with target.open("wb") as out:
            declarations = [
                f"@prefix {prefix}: <{self.prefixes[prefix]}> ." for prefix in sorted(self.prefixes)
            ]
            separator = b""
            if declarations:
                out.write("\n".join(declarations).encode("utf-8"))
                separator = b"\n\n"
            for index in self.by_graph_name():
                out.write(separator)
                out.write(self._part(index, ".trig").read_bytes())
                separator = b"\n\n"
            out.write(b"\n")

    def write_merge_log(self, target: Path, base_iri: str) -> None:
        merged = self.folder / "entities.merged"
        runs = [self._part(index, ".entities") for index in sorted(self.stems)]
        merge_sorted_runs(runs, merged, self.folder)
        with merged.open("rb") as lines, target.open("wb") as out:
            count = 0
            for merge in merges(lines, base_iri):
                entry = json.dumps(merge.as_json(), indent=1, ensure_ascii=False)
                # As json.dumps(list, indent=1) spells each item: one level deeper.
                out.write((b"[\n " if count == 0 else b",\n ") + _indent(entry).encode("utf-8"))
                count += 1
            out.write(b"\n]\n" if count else b"[]\n")
        merged.unlink()


def _indent(text: str) -> str:
    return text.replace("\n", "\n ")


def merges(lines: Iterable[bytes], base_iri: str) -> Iterator[Merge]:
    """Nodes several articles share, from merge-log lines sorted by IRI then input order."""
    group: list[tuple[str, list[str], str | None]] = []
    current: str | None = None
    for line in lines:
        iri, _index, record = line.decode("utf-8").rstrip("\n").split("\t", 2)
        if iri != current:
            if current is not None:
                found = _merge(current, group, base_iri)
                if found is not None:
                    yield found
            current, group = iri, []
        stem, types, label = json.loads(record)
        group.append((stem, types, label))
    if current is not None:
        found = _merge(current, group, base_iri)
        if found is not None:
            yield found


def _merge(iri: str, group: list[tuple[str, list[str], str | None]], base_iri: str) -> Merge | None:
    stems = sorted({stem for stem, _, _ in group})
    if len(stems) < 2:
        return None
    # The label the first article (in input order) that labels the node gives it.
    label = next((label for _, _, label in group if label is not None), iri)
    types = tuple(sorted({t for _, kinds, _ in group for t in kinds}))
    return Merge(iri, label, types, tuple(stems), reason_for(iri, base_iri))


def write_corpus_outputs(parts: CorpusParts, folder: Path, base_iri: str) -> list[str]:
    """Every corpus-level file, assembled in ``folder`` from the per-article parts; returns
    their names.

    The one place corpus outputs are made. One that needs whole graphs takes
    ``parts.article_graphs()``: each article re-read from its part, one at a time.
    """
    parts.write_trig(folder / CORPUS_TRIG)
    parts.write_nquads(folder / CORPUS_NQUADS)
    parts.write_merge_log(folder / MERGE_LOG, base_iri)
    names = [CORPUS_TRIG, CORPUS_NQUADS, MERGE_LOG]
    if parts.graph_formats:
        merged = parts.projections.merge()
        for path in write_merged_graph(merged, folder, parts.graph_formats):
            names.append(path.relative_to(folder).as_posix())
    return names
