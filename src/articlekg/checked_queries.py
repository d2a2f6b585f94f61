"""The shipped queries' safety checks, made once and recorded by the text's hash.

Checking a query parses it with rdflib's SPARQL parser, whose import alone costs several
times what the rest of a query on the store does. The shipped queries
(``ontology/queries/*.rq``) are fixed texts, so their checks are made when they change
(``scripts/update-query-checks``) and recorded in ``ontology/queries/checked.json``: a
query whose text has a recorded hash gets the recorded result without parsing; any other
text, including an edited shipped query, is parsed as before. tests/test_query_checks.py
pins that the record equals a fresh check of every shipped query.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from typing import Any

from articlekg.prefixes import QUERY_PREFIXES
from articlekg.resources import queries_dir
from articlekg.safety import CheckedQuery, parse_and_check

RECORD_NAME = "checked.json"


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@cache
def _recorded() -> dict[str, dict[str, Any]]:
    try:
        loaded: dict[str, dict[str, Any]] = json.loads(
            (queries_dir() / RECORD_NAME).read_text(encoding="utf-8")
        )
    except (FileNotFoundError, ValueError):
        return {}  # no record (or a damaged one): every query is parsed
    return loaded


def checked_before(text: str) -> CheckedQuery | None:
    """The recorded check of ``text`` if it is a shipped query's, else None."""
    entry = _recorded().get(text_hash(text))
    if entry is None:
        return None
    return CheckedQuery(
        text=text,
        form=entry["form"],
        dataset=tuple((kind, iri) for kind, iri in entry["dataset"]),
        ordered=entry["ordered"],
        order_keys=tuple((name, bool(down)) for name, down in entry.get("order_keys", ())),
        prefixes=tuple(sorted(QUERY_PREFIXES.items())),  # what parse_and_check predeclares
    )


def record_shipped() -> str:
    """The record's text for the shipped queries as they are now."""
    entries: dict[str, dict[str, Any]] = {}
    for path in sorted(queries_dir().glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        checked = parse_and_check(text)
        entries[text_hash(text)] = {
            "query": path.stem,
            "form": checked.form,
            "dataset": [list(pair) for pair in checked.dataset],
            "ordered": checked.ordered,
            "order_keys": [list(key) for key in checked.order_keys],
        }
    return json.dumps(entries, indent=1, sort_keys=True) + "\n"
