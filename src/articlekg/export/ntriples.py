"""N-Triples and N-Quads: one statement a line, lines sorted, so that diffs are readable."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rdflib import Graph

from articlekg.atomic import write_text
from articlekg.errors import ExportError
from articlekg.export.registry import ArticleGraph
from articlekg.export.terms import check_iri, checked_triples, nt_term


def _lines(graph: Graph, graph_name: str | None) -> list[str]:
    suffix = f" <{graph_name}> ." if graph_name is not None else " ."
    return [f"{nt_term(s)} {nt_term(p)} {nt_term(o)}{suffix}" for s, p, o in checked_triples(graph)]


def ntriples_text(graph: Graph) -> str:
    return "".join(line + "\n" for line in sorted(_lines(graph, None)))


def nquads_text(articles: Sequence[ArticleGraph]) -> str:
    """Every article's triples as quads in the graph its ``name`` names, lines sorted."""
    lines: list[str] = []
    seen: set[str] = set()
    for article in articles:
        graph_name = str(article.name)
        check_iri(graph_name, f"graph name of {article.stem!r}")
        if graph_name in seen:
            raise ExportError(f"two articles share the graph name <{graph_name}>")
        seen.add(graph_name)
        lines.extend(_lines(article.graph, graph_name))
    return "".join(line + "\n" for line in sorted(lines))


class NTriplesExporter:
    name = "ntriples"
    description = "N-Triples (.nt), one triple a line, sorted"

    def write(self, article: ArticleGraph, outdir: Path) -> list[Path]:
        return [write_text(outdir / f"{article.stem}.nt", ntriples_text(article.graph))]


class NQuadsExporter:
    name = "nquads"
    description = "N-Quads (.nq), the article's triples in its named graph, sorted"

    def write(self, article: ArticleGraph, outdir: Path) -> list[Path]:
        return [write_text(outdir / f"{article.stem}.nq", nquads_text([article]))]
