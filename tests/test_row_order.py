"""Ordered queries are sorted after the engine runs: by SPARQL's order, ties by the whole
row, the same from files and from the store; the store runs them without the clause only
where cutting it cannot change the rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery

from articlekg.query import for_the_store, query_files, query_store
from articlekg.results import SelectResult, Term, TermKind
from articlekg.row_order import order_keys, ordered_rows, without_final_order_by
from articlekg.safety import check_query
from articlekg.store import ArticleStore

XSD = "http://www.w3.org/2001/XMLSchema#"
DATA = """@prefix ex: <http://example.org/> .
ex:a ex:n 10 ; ex:name "beta" .
ex:b ex:n 9.5 ; ex:name "alpha" .
ex:c ex:n "2"^^<http://www.w3.org/2001/XMLSchema#double> ; ex:name "alpha" .
ex:d ex:name "Alpha" .
ex:e ex:n 10 ; ex:name "alpha"@en .
"""


def keys(query: str) -> tuple[tuple[str, bool], ...]:
    return order_keys(translateQuery(parseQuery(query)).algebra)


def iri(name: str) -> Term:
    return Term(TermKind.URI, f"http://example.org/{name}")


def number(value: str, kind: str = "integer") -> Term:
    return Term(TermKind.LITERAL, value, XSD + kind)


def test_only_a_final_order_by_of_projected_variables_is_taken() -> None:
    assert keys("SELECT ?a ?b WHERE { ?a ?p ?b } ORDER BY ?b DESC(?a)") == (
        ("b", False),
        ("a", True),
    )
    assert keys("SELECT DISTINCT ?a WHERE { ?a ?p ?b } ORDER BY ASC(?a)") == (("a", False),)
    # A LIMIT needs the order inside the engine; an expression or a variable not in the
    # rows cannot be sorted on here.
    assert keys("SELECT ?a WHERE { ?a ?p ?b } ORDER BY ?a LIMIT 2") == ()
    assert keys("SELECT ?a WHERE { ?a ?p ?b } ORDER BY STR(?a)") == ()
    assert keys("SELECT ?a WHERE { ?a ?p ?b } ORDER BY ?b") == ()
    assert keys("SELECT ?a WHERE { { SELECT ?a WHERE { ?a ?p ?b } ORDER BY ?a } }") == ()
    assert keys("ASK { ?a ?p ?b }") == ()


def test_the_clause_is_cut_only_when_nothing_else_follows_the_last_brace() -> None:
    body = "SELECT ?a WHERE { ?a ?p ?b }"
    assert without_final_order_by(body + "\nORDER BY ?a DESC( ?b ) # last\n") == body + "\n"
    assert without_final_order_by(body + " order by $a") == body + "\n"
    assert without_final_order_by(body + " ORDER BY ?a LIMIT 3") is None
    assert without_final_order_by(body + " ORDER BY ?a VALUES ?a { 1 }") is None
    assert without_final_order_by(body + " ORDER BY STR(?a)") is None
    assert without_final_order_by(body) is None


def test_sparql_order_numbers_by_value_unbound_first_descending_and_ties() -> None:
    rows = [
        (iri("a"), number("10")),
        (iri("b"), number("9.5", "decimal")),
        (iri("c"), number("2", "double")),
        (iri("d"), None),
        (iri("f"), Term(TermKind.LITERAL, "x")),
        (iri("e"), number("10")),
        (Term(TermKind.BNODE, "z"), number("10")),
    ]
    up = ordered_rows(rows, ("s", "n"), [("n", False)])
    assert [row[0].value[-1] if row[0] else "" for row in up] == list("dcbzaef")
    down = ordered_rows(rows, ("s", "n"), [("n", True), ("s", False)])
    # Ties on ?n in descending order keep ?s ascending: blank node, then IRIs.
    assert [row[0].value[-1] if row[0] else "" for row in down] == list("fzaebcd")


def test_an_ordered_query_gives_the_same_rows_in_the_same_order_from_files_and_store(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data.ttl"
    data.write_text(DATA, encoding="utf-8")
    store = tmp_path / "store"
    with ArticleStore(store) as opened:
        opened.load([data])
    text = (
        "PREFIX ex: <http://example.org/> SELECT ?s ?n ?name WHERE { ?s ex:name ?name "
        "OPTIONAL { ?s ex:n ?n } } ORDER BY DESC(?n) ?name"
    )
    on_files = query_files([data], text, ontology=False)
    in_store = query_store(store, text)
    assert isinstance(on_files, SelectResult) and isinstance(in_store, SelectResult)
    # (The engines write the double 2 differently, so the subjects are compared.)
    subjects = [[row[0] for row in result.rows] for result in (on_files, in_store)]
    assert subjects[0] == subjects[1]
    # 10, 10, 9.5, 2, unbound; the tie on 10 by ?name: "alpha"@en before "beta".
    assert [s.value[-1] for s in subjects[0] if s is not None] == ["e", "a", "b", "c", "d"]
    assert "ORDER BY" not in for_the_store(check_query(text)).text


@pytest.mark.parametrize("name", ["effects", "topical-map", "provenance"])
def test_the_shipped_queries_run_unordered_in_the_store(name: str) -> None:
    from articlekg.resources import queries_dir

    checked = check_query((queries_dir() / f"{name}.rq").read_text(encoding="utf-8"))
    assert checked.order_keys
    assert "ORDER BY" not in for_the_store(checked).text
