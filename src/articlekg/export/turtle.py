"""Turtle: the primary export, read by every triple store."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from articlekg.atomic import write_text
from articlekg.export.registry import ArticleGraph


def turtle_text(graph: Graph) -> str:
    # rdflib sorts subjects and predicates in Turtle, so without blank nodes this is stable.
    return graph.serialize(format="turtle")


class TurtleExporter:
    name = "turtle"
    description = "Turtle (.ttl)"

    def write(self, article: ArticleGraph, outdir: Path) -> list[Path]:
        return [write_text(outdir / f"{article.stem}.ttl", turtle_text(article.graph))]
