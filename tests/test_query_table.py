"""Query output that reads well: labels, the terminal's width, the list of named queries,
near misses and arguments in the wrong order."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from articlekg.query import query_files, query_store
from articlekg.query_args import named_queries
from articlekg.results import SelectResult, Term, TermKind, render
from articlekg.store import ArticleStore
from articlekg.table import ELLIPSIS, table
from sparql_servers import DATA, SEED_EXPORT

FILES = [DATA / "alpha.ttl", DATA / "beta.trig"]
CONCEPT = "https://w3id.org/articlekg/concept/"
FINDINGS = "SELECT ?i ?o ?e WHERE { ?f akg:intervention ?i ; akg:outcome ?o ; akg:effect ?e }"


def cli(*args: str) -> tuple[int, str]:
    from articlekg.cli import main

    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("table") / "store"
    with ArticleStore(folder) as store:
        store.load(FILES)
    return folder


def test_the_table_shows_labels_and_the_store_finds_the_same(store_dir: Path) -> None:
    on_files = query_files(FILES, FINDINGS, labels=True)
    in_store = query_store(store_dir, FINDINGS, labels=True)
    assert isinstance(on_files, SelectResult) and isinstance(in_store, SelectResult)
    labels = dict(on_files.labels)
    # English or untagged before another language: "pain", not "douleur".
    assert labels[CONCEPT + "pain"] == "pain" and labels[CONCEPT + "massage"] == "massage"
    assert in_store.labels == on_files.labels
    text = render(on_files)
    assert "| pain" in text and "concept:pain" not in text
    assert "reduces" in text  # an ontology term by its label too


def test_iris_and_machine_formats_keep_iris() -> None:
    code, labelled = cli("query", *map(str, FILES), FINDINGS)
    assert code == 0, labelled
    assert "massage" in labelled and "concept:massage" not in labelled
    code, iris = cli("query", *map(str, FILES), FINDINGS, "--iris")
    assert code == 0 and "concept:massage" in iris
    code, csv = cli("query", *map(str, FILES), FINDINGS, "-f", "csv")
    assert code == 0 and f"{CONCEPT}massage" in csv


def long_result() -> SelectResult:
    quote = "word " * 60
    rows = tuple(
        (
            Term(TermKind.LITERAL, f"row {i}"),
            Term(TermKind.LITERAL, quote + str(i)),
            Term(TermKind.URI, f"https://example.org/a/very/long/iri/number/{i}" * 2),
        )
        for i in range(3)
    )
    return SelectResult(("n", "quote", "iri"), rows)


@pytest.mark.parametrize("width", [40, 80, 120])
def test_the_table_fits_the_width(width: int) -> None:
    lines = table(long_result(), width=width).splitlines()
    assert max(len(line) for line in lines) <= width
    assert lines[2].startswith("row 0 | word word")  # the short column keeps its width
    assert ELLIPSIS in lines[2]


def test_without_a_width_nothing_is_cut() -> None:
    text = table(long_result())
    assert ELLIPSIS not in text and ("word " * 60).strip() in text


def test_recommendations_print_the_advice() -> None:
    code, output = cli("query", str(SEED_EXPORT), "recommendations")
    assert code == 0, output
    header = output.splitlines()[0]
    assert "?advice" in header and "?kind" in header
    assert "Avoid applying pressure to metastatic areas" in output
    assert "precaution" in output


def test_list_names_every_query_with_its_description() -> None:
    named = named_queries()
    assert len(named) >= 14
    assert all(q.description for q in named), [q.name for q in named if not q.description]
    code, output = cli("query", "--list")
    assert code == 0
    lines = output.splitlines()
    assert [line.split()[0] for line in lines] == [q.name for q in named]
    effects = next(line for line in lines if line.startswith("effects "))
    assert "Reported effects of interventions" in effects


def test_a_misspelled_name_gets_the_closest() -> None:
    code, output = cli("query", str(SEED_EXPORT), "efects")
    assert code == 4
    assert "did you mean 'effects'?" in output and "Traceback" not in output


def test_a_query_before_the_files_is_explained() -> None:
    code, output = cli("query", "effects", str(SEED_EXPORT))
    assert code == 2
    assert "the query comes after the graph files" in output
    assert f"articlekg query {SEED_EXPORT} effects" in output
    code, output = cli("query", str(SEED_EXPORT))
    assert code == 2 and "no query follows it" in output
    code, output = cli("query")
    assert code == 2 and "--list" in output
