"""Several articles in one dataset: TriG and N-Quads with one named graph per article, so
a store keeps each article's triples apart and can drop or replace one source."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from articlekg.atomic import write_text
from articlekg.errors import ExportError
from articlekg.export.ntriples import nquads_text
from articlekg.export.registry import ArticleGraph
from articlekg.export.turtle import trig_text

CORPUS_FORMATS = {"trig": (".trig", trig_text), "nquads": (".nq", nquads_text)}


def write_corpus(
    articles: Sequence[ArticleGraph],
    outdir: Path,
    stem: str = "corpus",
    formats: Sequence[str] = ("trig", "nquads"),
) -> list[Path]:
    """Write ``<stem>.trig`` and/or ``<stem>.nq`` holding every article's named graph."""
    if not articles:
        raise ExportError("a corpus export needs at least one article")
    written = []
    for name in formats:
        if name not in CORPUS_FORMATS:
            raise ExportError(
                f"corpus format {name!r} unknown; choose from {', '.join(CORPUS_FORMATS)}"
            )
        suffix, render = CORPUS_FORMATS[name]
        written.append(write_text(outdir / f"{stem}{suffix}", render(articles)))
    return written
