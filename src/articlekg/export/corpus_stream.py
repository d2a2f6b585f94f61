"""The corpus property graph merged from per-article parts on disk, one node or edge at a
time, so its memory does not grow with the number of articles.

Each article's projection becomes two sorted runs (:meth:`ProjectionParts.add`): its nodes
and its edges, one JSON line each, keyed by id. Merging (:meth:`ProjectionParts.merge`):

1. the edge runs are merged by id and each id's lines become one corpus edge
   (:func:`~articlekg.export.corpus_merge.merged_edge`), sorted on disk into the order
   the exports write edges in; the endpoints of edges that count towards node sizes are
   sorted on disk too;
2. the node runs are merged by id, which is the order nodes are written in; each id's
   lines become one corpus node, its degree counted off the sorted endpoints as both
   streams advance.

Column types are tallied along the way (:class:`~articlekg.export.corpus_merge.ColumnTally`)
and applied as :class:`MergedGraph` reads the merged files back, so the writers see typed
nodes and edges with known keys and counts before the first row. What stays in memory is
per distinct name, not per article or node: column tallies, list-column names, the
corpus's predicate IRIs, and the article stems (to refuse a stem added twice). One id's
lines come in stem order and are folded in as they are read
(:class:`~articlekg.export.corpus_merge.Folded`), so a node that every article holds costs
about its merged row, not every article's record of it.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import URIRef

from articlekg.errors import ExportError
from articlekg.export.attributes import name_predicates
from articlekg.export.corpus_merge import (
    ColumnTally,
    converted,
    edge_folder,
    edge_order,
    is_counted,
    merged_edge,
    merged_node,
    node_folder,
)
from articlekg.export.projection import Edge, Key, Node, PropertyGraph
from articlekg.runs import KEY_END, ExternalSort, grouped, merge_sorted_runs, sort_key

NODES = ".nodes"
EDGES = ".edges"


def _line(key: bytes, record: list[object]) -> bytes:
    # ASCII JSON: no line break, no KEY_END, and lone surrogates survive the round trip.
    return key + KEY_END + json.dumps(record).encode("ascii") + b"\n"


def _article_line(item_id: str, stem: str, record: list[object]) -> bytes:
    # Keyed by id, then by stem: one id's records come in the stem order merging folds in.
    return _line(sort_key(item_id) + KEY_END + sort_key(stem), record)


def _record(rest: bytes) -> list[Any]:
    """The JSON record of an article line, after its id (and the stem key that follows)."""
    return json.loads(rest.split(KEY_END, 1)[1])  # type: ignore[no-any-return]


@dataclass(frozen=True)
class MergedGraph:
    """A property graph whose keys and counts are known and whose nodes and edges can be
    read, as often as a writer asks, without holding them all: from the merged files on
    disk, or from a :class:`PropertyGraph` already in memory (:meth:`in_memory`)."""

    node_keys: list[Key]
    edge_keys: list[Key]
    node_count: int
    edge_count: int
    read_nodes: Callable[[], Iterator[Node]]
    read_edges: Callable[[], Iterator[Edge]]

    def nodes(self) -> Iterator[Node]:
        return self.read_nodes()

    def edges(self) -> Iterator[Edge]:
        return self.read_edges()

    @classmethod
    def in_memory(cls, pg: PropertyGraph) -> MergedGraph:
        return cls(
            pg.node_keys,
            pg.edge_keys,
            len(pg.nodes),
            len(pg.edges),
            lambda: iter(pg.nodes),
            lambda: iter(pg.edges),
        )

    def property_graph(self) -> PropertyGraph:
        """The whole graph in memory, for library users who want one object."""
        return PropertyGraph(list(self.nodes()), list(self.edges()), self.node_keys, self.edge_keys)


def _read_nodes(path: Path, node_keys: list[Key]) -> Iterator[Node]:
    keys = {key.name: key for key in node_keys}
    with path.open("rb") as lines:
        for line in lines:
            node_id, types, attributes = json.loads(line)
            yield Node(node_id, tuple(types), converted(attributes, keys))


def _read_edges(path: Path, edge_keys: list[Key]) -> Iterator[Edge]:
    keys = {key.name: key for key in edge_keys}
    with path.open("rb") as lines:
        for line in lines:
            # The line starts with its sort key; the record follows the last KEY_END.
            record = json.loads(line.rsplit(KEY_END, 1)[1])
            edge_id, source, target, rel_type, attributes = record
            yield Edge(edge_id, source, target, rel_type, converted(attributes, keys))


class ProjectionParts:
    """Articles' projections as sorted runs in ``folder`` (which must exist)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._stems: set[str] = set()
        self._runs = 0
        self._list_columns: dict[str, set[str]] = {NODES: set(), EDGES: set()}
        self._predicates: set[str] = set()

    def add(self, stem: str, pg: PropertyGraph) -> None:
        if stem in self._stems:
            raise ExportError(f"the corpus already holds an article named {stem!r}")
        self._stems.add(stem)
        node_lists = sorted(k.name for k in pg.node_keys if k.is_list)
        edge_lists = sorted(k.name for k in pg.edge_keys if k.is_list)
        self._list_columns[NODES].update(node_lists)
        self._list_columns[EDGES].update(edge_lists)
        self._predicates.update(str(e.attributes["iri"]) for e in pg.edges if "iri" in e.attributes)
        nodes = [
            _article_line(
                node.id, stem, [stem, node.id, list(node.types), node.attributes, node_lists]
            )
            for node in pg.nodes
        ]
        edges = [
            _article_line(
                edge.id,
                stem,
                [stem, edge.id, edge.source, edge.target, edge.type, edge.attributes, edge_lists],
            )
            for edge in pg.edges
        ]
        run = self._runs
        self._runs += 1
        for suffix, lines in ((NODES, nodes), (EDGES, edges)):
            lines.sort()
            (self.folder / f"{run:09d}{suffix}").write_bytes(b"".join(lines))

    def _run_files(self, suffix: str) -> list[Path]:
        return [self.folder / f"{run:09d}{suffix}" for run in range(self._runs)]

    def merge(self) -> MergedGraph:
        """Merge every article's runs into the corpus graph (files ``merged.*``)."""
        if not self._stems:
            raise ExportError("a corpus export needs at least one article")
        edges_file, ends_file, edge_keys, edge_count = self._merge_edges()
        nodes_file, node_keys, node_count = self._merge_nodes(ends_file)
        ends_file.unlink()
        return MergedGraph(
            node_keys,
            edge_keys,
            node_count,
            edge_count,
            functools.partial(_read_nodes, nodes_file, node_keys),
            functools.partial(_read_edges, edges_file, edge_keys),
        )

    def _merge_edges(self) -> tuple[Path, Path, list[Key], int]:
        list_columns = frozenset(self._list_columns[EDGES])
        type_names = name_predicates({URIRef(p) for p in self._predicates}, frozenset())
        by_id = self.folder / "merged-by-id.edges"
        merge_sorted_runs(self._run_files(EDGES), by_id, self.folder)
        in_order = ExternalSort(self.folder, "edges")
        ends = ExternalSort(self.folder, "ends")
        tally = ColumnTally(list_columns)
        count = 0
        with by_id.open("rb") as lines:
            for _key, records in grouped(lines):
                folded = edge_folder(list_columns)
                first_ends = ("", "")
                for record in records:
                    stem, edge_id, source, target, rel_type, attributes, lists = _record(record)
                    folded.add(stem, (rel_type,), attributes, frozenset(lists))
                    if len(folded.stems) == 1:
                        # Ends agree wherever ids are content-derived; else the first article's.
                        first_ends = (source, target)
                edge = merged_edge(edge_id, folded, first_ends, type_names)
                tally.add(edge.attributes)
                count += 1
                order = KEY_END.join(sort_key(part) for part in edge_order(edge))
                record_out: list[object] = [
                    edge.id,
                    edge.source,
                    edge.target,
                    edge.type,
                    edge.attributes,
                ]
                in_order.add(_line(order, record_out))
                if is_counted(edge):
                    # KEY_END keeps a key before the keys it is a prefix of.
                    ends.add(sort_key(edge.source) + KEY_END + b"\n")
                    ends.add(sort_key(edge.target) + KEY_END + b"\n")
        by_id.unlink()
        edges_file = in_order.finish(self.folder / "merged.edges")
        return edges_file, ends.finish(self.folder / "merged.ends"), tally.keys(), count

    def _merge_nodes(self, ends_file: Path) -> tuple[Path, list[Key], int]:
        list_columns = frozenset(self._list_columns[NODES])
        by_id = self.folder / "merged-by-id.nodes"
        merge_sorted_runs(self._run_files(NODES), by_id, self.folder)
        nodes_file = self.folder / "merged.nodes"
        tally = ColumnTally(list_columns)
        count = 0
        with by_id.open("rb") as lines, ends_file.open("rb") as ends, nodes_file.open("wb") as out:
            degrees = _Degrees(ends)
            for key, records in grouped(lines):
                folded = node_folder(list_columns)
                for record in records:
                    stem, node_id, types, attributes, lists = _record(record)
                    folded.add(stem, tuple(types), attributes, frozenset(lists))
                node = merged_node(node_id, folded, degrees.of(key))
                tally.add(node.attributes)
                count += 1
                out.write(json.dumps([node.id, node.types, node.attributes]).encode("ascii"))
                out.write(b"\n")
        by_id.unlink()
        return nodes_file, tally.keys(), count


class _Degrees:
    """Degrees read off sorted endpoint keys, for node keys asked in ascending order."""

    def __init__(self, ends: Iterator[bytes]) -> None:
        self._ends = ends
        self._next = self._read()

    def _read(self) -> bytes | None:
        line = next(self._ends, None)
        return None if line is None else line.removesuffix(b"\n").removesuffix(KEY_END)

    def of(self, key: bytes) -> int:
        # Endpoints that are not nodes (an edge to an id no article has as a node) are
        # passed over, as the in-memory merge ignored them.
        while self._next is not None and self._next < key:
            self._next = self._read()
        degree = 0
        while self._next == key:
            degree += 1
            self._next = self._read()
        return degree
