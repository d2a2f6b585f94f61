"""The exporter contract: one pivot (an article's RDF graph), one exporter per format.

Every exporter writes atomically (see :mod:`articlekg.atomic`) and deterministically: the
same graph gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from rdflib import Graph, URIRef


@dataclass(frozen=True)
class ArticleGraph:
    """One article's graph, the IRI that names it in a dataset, and its file stem."""

    graph: Graph
    name: URIRef
    stem: str


class Exporter(Protocol):
    name: str
    """What ``--format`` calls it, e.g. ``turtle``."""
    description: str

    def write(self, article: ArticleGraph, outdir: Path) -> list[Path]:
        """Write the article's export(s) into ``outdir``; return the paths written."""
        ...
