"""Turtle and TriG, written in a fixed order so that the same graph gives the same bytes.

rdflib's TriG names a plain Graph with a blank node (which rapper rejects) and its
TriG/JSON-LD/N-Triples orders change with PYTHONHASHSEED, so both are spelled here from
the checked triples: subjects sorted by IRI, ``a`` first, predicates and objects sorted.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rdflib import Graph

from articlekg.atomic import write_text
from articlekg.errors import ExportError
from articlekg.export.registry import ArticleGraph
from articlekg.export.terms import PrefixedNames, check_iri, checked_triples, turtle_blocks


def turtle_text(graph: Graph) -> str:
    names = PrefixedNames()
    blocks = turtle_blocks(checked_triples(graph), names)
    header = "\n".join(names.declarations())
    return (header + "\n\n" if header else "") + "\n\n".join(blocks) + ("\n" if blocks else "")


def trig_text(articles: Sequence[ArticleGraph]) -> str:
    """One TriG document, each article's triples in the graph its ``name`` names."""
    names = PrefixedNames()
    seen: set[str] = set()
    sections: list[str] = []
    for article in sorted(articles, key=lambda a: str(a.name)):
        graph_name = str(article.name)
        if graph_name in seen:
            raise ExportError(f"two articles share the graph name <{graph_name}>")
        seen.add(graph_name)
        sections.append(trig_section(article, names))
    parts = ["\n".join(names.declarations())] if names.used else []
    return "\n\n".join([*parts, *sections]) + "\n"


def trig_section(article: ArticleGraph, names: PrefixedNames) -> str:
    """The article's ``<name> { ... }`` block; the prefixes it uses are added to ``names``.

    A corpus TriG is the declarations of every prefix used, then these blocks in graph
    name order, so it can be written one article at a time.
    """
    graph_name = str(article.name)
    check_iri(graph_name, f"graph name of {article.stem!r}")
    blocks = turtle_blocks(checked_triples(article.graph), names, "    ")
    body = "\n\n".join(blocks)
    return f"<{graph_name}> {{\n{body}\n}}" if blocks else f"<{graph_name}> {{\n}}"


class TurtleExporter:
    name = "turtle"
    description = "Turtle (.ttl): the primary export, read by every triple store"

    def write(self, article: ArticleGraph, outdir: Path) -> list[Path]:
        return [write_text(outdir / f"{article.stem}.ttl", turtle_text(article.graph))]


class TrigExporter:
    name = "trig"
    description = "TriG (.trig): the triples inside the article's named graph"

    def write(self, article: ArticleGraph, outdir: Path) -> list[Path]:
        return [write_text(outdir / f"{article.stem}.trig", trig_text([article]))]
