"""The embedded store: Oxigraph on disk, one named graph per article, the ontology beside them.

Every input is parsed completely (by Oxigraph's strict parsers, which never fetch
anything) before the store is touched, so a file that does not parse leaves the store
exactly as it was. A load of up to :data:`~articlekg.store_write.ATOMIC_LIMIT` triples,
ontology included, is one transaction, so reloading an article swaps its graph in one
step; a larger one is streamed from its files into Oxigraph's bulk loader
(:mod:`articlekg.store_stream`).

Files are read as :mod:`articlekg.rdf_files` reads them, which also says which named
graph a triples-only export goes into. The ontology (every ``.ttl`` under ``ontology/``)
lives in :data:`ONTOLOGY_GRAPH`. Queries see the merge of all graphs as their default
(each triple once, however many articles hold it).

A folder build writes each article's graph twice (its own export and ``corpus.trig``), so
a graph named by several files of one load is loaded once when they hold the same
triples; when they differ, the load names both files and writes nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from types import TracebackType

import pyoxigraph as ox

from articlekg import store_write
from articlekg.errors import InputError, StoreError, UnsafeQueryError
from articlekg.rdf_files import (
    graph_name_for,
    parse_quads,
    read_ontology,
    read_rdf,
    same_triples,
)
from articlekg.safety import CheckedQuery
from articlekg.store_stream import SurveyedFile, graph_quads, survey, with_merge
from articlekg.store_write import (
    PartialWriteError,
    has_merged_default,
    replace_graphs,
    replace_streamed,
)

ONTOLOGY_GRAPH = "https://w3id.org/articlekg/ontology"


@dataclass(frozen=True)
class LoadedGraph:
    name: str
    triples: int
    source: str


# Files RocksDB (Oxigraph's storage) writes into every store folder it creates.
STORE_MARKERS = ("CURRENT", "IDENTITY")


def refuse_foreign_folder(path: Path) -> None:
    """Refuse to create a store among a folder's other files, which it would mix with its own."""
    if not path.is_dir() or all((path / marker).is_file() for marker in STORE_MARKERS):
        return
    if next(path.iterdir(), None) is not None:
        raise StoreError(
            f"{path}: this folder holds other files and is not an articlekg store; "
            "give an empty or new folder"
        )


def _graph_of(surveyed: SurveyedFile, name: str) -> list[ox.Triple]:
    """One graph of a checked file, read again in full (to compare it with another's)."""
    quads = graph_quads(parse_quads(surveyed.path), surveyed.default_graph, {name})
    return [quad.triple for quad in quads]


def _same_graph(first: SurveyedFile, other: SurveyedFile, name: str) -> bool:
    if first.graphs[name].same_as(other.graphs[name]):
        return True
    return same_triples(_graph_of(first, name), _graph_of(other, name))


def _owned_by_file(owners: dict[str, SurveyedFile]) -> dict[Path, list[str]]:
    """The graphs each file is the first to give (a graph given twice is read once)."""
    owned: dict[Path, list[str]] = {}
    for name, owner in owners.items():
        owned.setdefault(owner.path, []).append(name)
    return owned


class _GraphNames(Collection[str]):
    def __init__(self, store: ArticleStore) -> None:
        self._store = store
        self._names: frozenset[str] | None = None

    def _listed(self) -> frozenset[str]:
        if self._names is None:
            self._names = frozenset(self._store.graphs())
        return self._names

    def __contains__(self, name: object) -> bool:
        return name in self._listed()

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._listed()))

    def __len__(self) -> int:
        return len(self._listed())


class ArticleStore:
    """An Oxigraph store in a folder. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        if read_only and not path.is_dir():
            raise StoreError(f"{path}: no store there (load something into it first)")
        try:
            if read_only:
                self._store: ox.Store | None = ox.Store.read_only(str(path))
            else:
                refuse_foreign_folder(path)
                path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(path))
        except OSError as error:
            hint = ""
            if "lock" in str(error).lower():
                hint = " (another process holds it open for writing)"
            raise StoreError(f"{path}: cannot open the store{hint}: {error}") from None

    @property
    def store(self) -> ox.Store:
        if self._store is None:
            raise StoreError(f"{self.path}: the store is closed")
        return self._store

    def close(self) -> None:
        if self._store is not None and not self.read_only:
            self._store.flush()
        self._store = None

    def __enter__(self) -> ArticleStore:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode))

    def graph_names(self) -> Collection[str]:
        """The graph names, listed only if asked: most queries name no graph, and listing
        a graph per article costs about 11 ms a query at 1,000 articles."""
        return _GraphNames(self)

    def triple_count(self, graph: str | None = None) -> int:
        name = ox.NamedNode(graph) if graph is not None else None
        return sum(1 for _ in self.store.quads_for_pattern(None, None, None, name))

    def load(self, paths: Sequence[Path], *, ontology: bool = True) -> list[LoadedGraph]:
        """Load exports, each article into its own graph, replacing what it had.

        All files are checked first; if any fails, or two files hold different triples
        under one graph name, nothing is written. The merged default graph follows (see
        :mod:`articlekg.store_write`). A load above ``ATOMIC_LIMIT`` triples is streamed
        from the files into Oxigraph's bulk loader (:mod:`articlekg.store_stream`).
        """
        if self.read_only:
            raise StoreError(f"{self.path}: the store is open read-only")
        surveyed = [
            survey(path, parse_quads(path), partial(graph_name_for, path=path)) for path in paths
        ]
        owners: dict[str, SurveyedFile] = {}
        for checked in surveyed:
            for name in checked.graphs:
                if name == ONTOLOGY_GRAPH:
                    raise InputError(
                        f"{checked.path}: the graph <{name}> is reserved for the ontology"
                    )
                first = owners.setdefault(name, checked)
                if first is not checked and not _same_graph(first, checked, name):
                    raise InputError(
                        f"graph <{name}> differs between {first.path} and {checked.path}; "
                        "load one of them, or rebuild both from the same article"
                    )
        ontology_triples = read_ontology() if ontology else []
        size = sum(owner.graphs[name].count for name, owner in owners.items())
        try:
            if size + len(ontology_triples) <= store_write.ATOMIC_LIMIT:
                loaded = self._replace_in_memory(owners, ontology_triples)
            else:
                loaded = self._replace_streamed(owners, ontology_triples)
            self.store.flush()
        except PartialWriteError as error:
            raise StoreError(
                f"{self.path}: the bulk load failed part-way ({error}); "
                "load the same files again to repair the graphs it replaces"
            ) from None
        except (SyntaxError, OSError, ValueError) as error:
            raise StoreError(f"{self.path}: the load failed and was rolled back: {error}") from None
        return sorted(loaded, key=lambda graph: graph.name)

    def _replace_in_memory(
        self, owners: dict[str, SurveyedFile], ontology: list[ox.Triple]
    ) -> list[LoadedGraph]:
        graphs: dict[str, list[ox.Triple]] = {}
        for path in dict.fromkeys(owner.path for owner in owners.values()):
            for name, triples in read_rdf(path).graphs.items():
                if owners[name].path == path:
                    graphs[name] = triples
        sources = {name: str(owner.path) for name, owner in owners.items()}
        if ontology:
            graphs[ONTOLOGY_GRAPH] = ontology
            sources[ONTOLOGY_GRAPH] = "ontology"
        if not graphs:
            return []
        replace_graphs(self.store, graphs)
        return [
            LoadedGraph(name=name, triples=len(set(triples)), source=sources[name])
            for name, triples in graphs.items()
        ]

    def _replace_streamed(
        self, owners: dict[str, SurveyedFile], ontology: list[ox.Triple]
    ) -> list[LoadedGraph]:
        names = list(owners)
        sources = {name: str(owner.path) for name, owner in owners.items()}
        if ontology:
            names.append(ONTOLOGY_GRAPH)
            sources[ONTOLOGY_GRAPH] = "ontology"

        def quads() -> Iterator[ox.Quad]:
            for path, owned in _owned_by_file(owners).items():
                default = owners[owned[0]].default_graph
                yield from graph_quads(parse_quads(path), default, set(owned))
            graph = ox.NamedNode(ONTOLOGY_GRAPH)
            yield from (ox.Quad(t.subject, t.predicate, t.object, graph) for t in ontology)

        replace_streamed(self.store, names, with_merge(quads()))
        counts = self._counts(names)
        return [
            LoadedGraph(name=name, triples=counts.get(name, 0), source=sources[name])
            for name in names
        ]

    def _counts(self, names: Sequence[str]) -> dict[str, int]:
        """Triples in each graph, as stored (a triple a file repeats counts once)."""
        values = " ".join(f"<{name}>" for name in names)
        rows = self.store.query(
            f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} "
            "GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
        )
        counts: dict[str, int] = {}
        for row in rows:  # type: ignore[union-attr]
            graph, count = row["g"], row["n"]
            if isinstance(graph, ox.NamedNode) and isinstance(count, ox.Literal):
                counts[graph.value] = int(count.value)
        return counts

    def query(
        self,
        checked: CheckedQuery,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> object:
        """Run an already checked query (raw pyoxigraph result).

        Without a dataset the default graph is the union of all graphs. ``default_graphs``
        and ``named_graphs`` (the SPARQL protocol's ``default-graph-uri`` and
        ``named-graph-uri``) override the query's own FROM clauses, as the protocol says.
        """
        asked = [*(default_graphs or ()), *(named_graphs or ())]
        known = set(self.graphs()) if asked else set()  # listing 1,000 graphs costs 20 ms
        for name in asked:
            if name not in known:
                raise UnsafeQueryError(f"the graph <{name}> is not in the store")
        options: dict[str, object] = {"prefixes": dict(checked.prefixes)}
        if default_graphs or named_graphs:
            options["default_graph"] = [ox.NamedNode(g) for g in default_graphs or ()]
            options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs or ()]
        else:
            # Oxigraph ignores FROM when asked for the union, so the union only without it;
            # and its union repeats shared triples, so only for stores without the merge.
            options["use_default_graph_as_union"] = not checked.dataset and not (
                has_merged_default(self.store)
            )
        try:
            return self.store.query(checked.text, **options)  # type: ignore[arg-type]
        except SyntaxError as error:
            raise StoreError(f"the store cannot run this query: {error}") from None
        except OSError as error:
            raise StoreError(f"{self.path}: the query failed: {error}") from None


def loadable_exports(paths: Iterable[Path]) -> list[Path]:
    """One RDF file per article out of a build's outputs (the same graph in several
    formats would only be loaded over itself); Turtle preferred."""
    preference = [".ttl", ".nt", ".trig", ".nq", ".jsonld"]
    chosen: dict[Path, Path] = {}
    for path in paths:
        suffix = path.suffix.lower()
        # schema.org page markup (--format schemaorg) is for web pages, not a store: its
        # context is schema.org's remote one, which loading refuses to fetch.
        if suffix not in preference or path.name.lower().endswith(".schema.jsonld"):
            continue
        key = path.with_suffix("")
        current = chosen.get(key)
        if current is None or preference.index(suffix) < preference.index(current.suffix):
            chosen[key] = path
    return sorted(chosen.values())
