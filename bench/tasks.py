"""Work timed inside a fresh interpreter: ``python -m bench.tasks TASK ARG...``.

Each task imports what it needs first, then times only the work, and prints one JSON
line: CPU and wall seconds of the work, the process's peak resident memory (imports
included) and how many items (quads, articles, rows) it handled. A fresh interpreter per
task, so that one task's memory or caches never flatter another's.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench.measure import in_process_peak_mib, now

Task = Callable[[list[str]], dict[str, float]]


def _timed(work: Callable[[], int]) -> dict[str, float]:
    cpu0, wall0 = now()
    items = work()
    cpu1, wall1 = now()
    return {"cpu": cpu1 - cpu0, "wall": wall1 - wall0, "items": items}


def parse_rdflib(args: list[str]) -> dict[str, float]:
    from rdflib import Dataset

    def work() -> int:
        dataset = Dataset()
        dataset.parse(args[0], format="nquads")
        return sum(1 for _ in dataset.quads((None, None, None, None)))

    return _timed(work)


def parse_oxigraph(args: list[str]) -> dict[str, float]:
    import pyoxigraph as ox

    return _timed(lambda: sum(1 for _ in ox.parse(path=args[0], format=ox.RdfFormat.N_QUADS)))


def bulk_load_oxigraph(args: list[str]) -> dict[str, float]:
    """Oxigraph's own bulk loader, corpus N-Quads as they are into a new store: the
    ceiling for ``load``, which also parses and checks every file first and writes each
    triple twice (its article's graph and the merged default graph)."""
    import pyoxigraph as ox

    with tempfile.TemporaryDirectory() as folder:

        def work() -> int:
            store = ox.Store(folder)
            store.bulk_load(path=args[0], format=ox.RdfFormat.N_QUADS)
            store.flush()
            return len(store)

        return _timed(work)


def _sample(folder: str, count: str) -> list[Path]:
    articles = sorted(p for p in Path(folder).glob("*.ttl") if not p.name.startswith("corpus"))
    return articles[: int(count)]


def validate(args: list[str]) -> dict[str, float]:
    """Validate the first K article graphs of a build (parsing them is not timed)."""
    from rdflib import Graph

    from articlekg.validate import validate_graph

    graphs = [Graph().parse(p, format="turtle") for p in _sample(args[0], args[1])]

    def work() -> int:
        for graph in graphs:
            if not validate_graph(graph).conforms:
                raise SystemExit("a built article does not conform")
        return len(graphs)

    return _timed(work)


def export(args: list[str]) -> dict[str, float]:
    """Write the first K article graphs of a build in one format (or ``all``)."""
    from rdflib import Graph

    from articlekg.assemble import graph_name
    from articlekg.export import EXPORTERS, ArticleGraph, get_exporter
    from articlekg.vocab import DEFAULT_BASE_IRI

    fmt, folder, count = args
    exporters = list(EXPORTERS) if fmt == "all" else [get_exporter(fmt)]
    articles = [
        ArticleGraph(
            Graph().parse(p, format="turtle"), graph_name(p.stem, DEFAULT_BASE_IRI), p.stem
        )
        for p in _sample(folder, count)
    ]

    def work() -> int:
        with tempfile.TemporaryDirectory() as out:
            for article in articles:
                for exporter in exporters:
                    exporter.write(article, Path(out))
        return len(articles)

    return _timed(work)


def query(args: list[str]) -> dict[str, float]:
    """A named query on the store, in-process: median of R runs after one warm-up."""
    from articlekg import api
    from articlekg.results import SelectResult

    store, name, repeat = Path(args[0]), args[1], int(args[2])

    def rows() -> int:
        result = api.query(name, store=store)
        return len(result.rows) if isinstance(result, SelectResult) else 1

    rows()
    runs = [_timed(rows) for _ in range(repeat)]
    return {
        "cpu": statistics.median(r["cpu"] for r in runs),
        "wall": statistics.median(r["wall"] for r in runs),
        "items": runs[0]["items"],
    }


TASKS: dict[str, Task] = {
    "parse-rdflib": parse_rdflib,
    "parse-oxigraph": parse_oxigraph,
    "bulk-load-oxigraph": bulk_load_oxigraph,
    "validate": validate,
    "export": export,
    "query": query,
}


if __name__ == "__main__":
    figures = TASKS[sys.argv[1]](sys.argv[2:])
    figures["peak_mib"] = in_process_peak_mib()
    print(json.dumps(figures))
