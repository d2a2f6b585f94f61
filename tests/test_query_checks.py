"""The recorded safety checks of the shipped queries are what checking them gives now."""

from __future__ import annotations

from pathlib import Path

import pytest

from articlekg import checked_queries
from articlekg.checked_queries import RECORD_NAME, checked_before, record_shipped
from articlekg.errors import UnsafeQueryError
from articlekg.resources import queries_dir
from articlekg.safety import check_query, parse_and_check


def test_the_record_matches_the_shipped_queries() -> None:
    recorded = (queries_dir() / RECORD_NAME).read_text(encoding="utf-8")
    assert recorded == record_shipped(), "run scripts/update-query-checks"


@pytest.mark.parametrize("path", sorted(queries_dir().glob("*.rq")), ids=lambda p: p.stem)
def test_a_shipped_query_is_checked_without_parsing_and_as_parsing_would(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert checked_before(text) == parse_and_check(text)
    assert check_query(text) == parse_and_check(text)


def test_any_other_text_is_parsed_and_checked() -> None:
    text = (queries_dir() / "effects.rq").read_text(encoding="utf-8")
    edited = text + "\n# edited\n"
    assert checked_before(edited) is None
    service = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    with pytest.raises(UnsafeQueryError):
        check_query(service)


def test_a_recorded_query_naming_a_graph_is_still_held_to_the_dataset(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "SELECT * FROM <urn:graph:a> WHERE { ?s ?p ?o }"
    entry = {"form": "SELECT", "dataset": [["default", "urn:graph:a"]], "ordered": False}
    monkeypatch.setattr(
        checked_queries, "_recorded", lambda: {checked_queries.text_hash(text): entry}
    )
    assert check_query(text, {"urn:graph:a"}).dataset == (("default", "urn:graph:a"),)
    with pytest.raises(UnsafeQueryError, match="FROM <urn:graph:a> is refused"):
        check_query(text, set())
