"""Helping people name queries: the list of named queries, near misses, argument order.

A named query's description is the first comment line of its ``.rq`` file, so the list
and the file cannot disagree.
"""

from __future__ import annotations

import difflib
import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from articlekg.errors import InputError
from articlekg.rdf_files import FORMATS
from articlekg.resources import queries_dir


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str


def description(path: Path) -> str:
    """The first line of the comment a ``.rq`` file opens with ('' if none)."""
    for line in path.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            return stripped.lstrip("#").strip()
        if stripped:
            break
    return ""


def named_queries() -> list[NamedQuery]:
    folder = queries_dir()
    paths = sorted(folder.glob("*.rq")) if folder.is_dir() else []
    return [NamedQuery(path.stem, description(path)) for path in paths]


def closest(name: str, names: Sequence[str]) -> str | None:
    matches = difflib.get_close_matches(name.lower(), list(names), n=1, cutoff=0.6)
    return matches[0] if matches else None


def _is_graph_file(argument: str) -> bool:
    return Path(argument).suffix.lower() in FORMATS


def check_argument_order(graphs: Sequence[str], query: str, names: Sequence[str]) -> None:
    """Refuse ``query NAME FILE`` (the query comes last) with a message that says so."""
    if not _is_graph_file(query):
        return
    misplaced = next((g for g in graphs if not _is_graph_file(g)), None)
    if misplaced is not None:
        files = [g for g in graphs if g != misplaced] + [query]
        command = " ".join(shlex.quote(a) for a in ["articlekg", "query", *files, misplaced])
        raise InputError(
            f"the query comes after the graph files, as in: {command} "
            f"({query} is a graph file, {misplaced!r} is not)"
        )
    hint = f" (e.g. {names[0]})" if names else ""
    raise InputError(
        f"{query} is a graph file, and no query follows it: give a query NAME, a .rq file "
        f"or SPARQL text last{hint}; `articlekg query --list` lists the named queries"
    )
