"""The command line through click's CliRunner: what users type, what they see, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from articlekg.cli import main
from articlekg.vocab import AKG

SMALL = (
    "Last Updated on March 3, 2024 by Example Health News\n"
    "Reflexology for Chemotherapy Fatigue\n"
    "A randomized clinical trial titled “Reflexology for fatigue during chemotherapy”, "
    "published in Supportive Care in Cancer (2020), enrolled 60 patients aged 30–70.\n"
    "Reflexology significantly reduced fatigue compared with usual care.\n"
)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "reflexology.txt"
    path.write_text(SMALL, encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_build_writes_turtle_that_names_the_finding(article: Path, tmp_path: Path) -> None:
    code, out, err = run("build", str(article), "-o", str(tmp_path / "out"), "-f", "turtle", "-v")
    assert code == 0, err
    ttl = tmp_path / "out" / "reflexology.ttl"
    assert out.strip() == str(ttl)
    graph = Graph().parse(ttl)
    findings = list(graph.subjects(AKG.effect, AKG.reduces))
    assert len(findings) == 1
    assert (findings[0], AKG.significant, None) in graph


def test_build_every_format_by_default(article: Path, tmp_path: Path) -> None:
    code, out, err = run("build", str(article), "-o", str(tmp_path / "out"), "--verbose")
    assert code == 0, err
    written = {Path(line).name for line in out.split()}
    for suffix in (".ttl", ".nt", ".jsonld", ".trig", ".nq", ".graphml", ".gexf"):
        assert f"reflexology{suffix}" in written
    assert (tmp_path / "out" / "reflexology.neo4j" / "load.cypher").is_file()


def test_base_iri_names_the_article(article: Path, tmp_path: Path) -> None:
    code, _, err = run(
        "build",
        str(article),
        "-o",
        str(tmp_path),
        "-f",
        "turtle",
        "--base-iri",
        "https://example.org/kg/",
    )
    assert code == 0, err
    graph = Graph().parse(tmp_path / "reflexology.ttl")
    articles = list(graph.subjects(None, AKG.Article))
    assert [str(a) for a in articles] == ["https://example.org/kg/article/reflexology"]


@pytest.mark.parametrize(
    ("make_input", "message"),
    [
        (lambda d: d / "missing.txt", "no such file or folder"),
        (lambda d: (d / "empty.txt", (d / "empty.txt").write_text("  \n"))[0], "the file is empty"),
        (lambda d: (d / "a.pdf", (d / "a.pdf").write_bytes(b"%PDF"))[0], "unsupported input kind"),
        (lambda d: (d / "bad.txt", (d / "bad.txt").write_bytes(b"\xff\xfe\x00x"))[0], "not UTF-8"),
    ],
)
def test_bad_input_is_one_line_and_nonzero(
    tmp_path: Path, make_input: object, message: str
) -> None:
    path = make_input(tmp_path)  # type: ignore[operator]
    code, _, err = run("build", str(path), "-o", str(tmp_path / "out"))
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_bad_base_iri_is_refused(article: Path, tmp_path: Path) -> None:
    code, _, err = run("build", str(article), "-o", str(tmp_path), "--base-iri", "not an iri/")
    assert code != 0
    assert "IRI" in err
    assert "Traceback" not in err


def test_one_bad_file_in_a_folder_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(SMALL, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    code, _, err = run("build", str(folder), "-o", str(tmp_path / "out"))
    assert code == 2
    assert "empty.txt" in err
    assert not (tmp_path / "out").exists()


def test_validate_accepts_a_built_graph_and_rejects_a_broken_one(
    article: Path, tmp_path: Path
) -> None:
    run("build", str(article), "-o", str(tmp_path), "-f", "turtle")
    ttl = tmp_path / "reflexology.ttl"
    code, out, _ = run("validate", str(ttl))
    assert code == 0
    assert "conforms" in out
    graph = Graph().parse(ttl)
    finding = next(graph.subjects(AKG.effect, AKG.reduces))
    graph.remove((finding, AKG.outcome, None))
    broken = tmp_path / "broken.ttl"
    graph.serialize(broken, format="turtle")
    code, _, err = run("validate", str(broken))
    assert code == 3
    assert "akg:outcome" in err
    assert "Reflexology significantly reduced fatigue" in err


def test_query_prints_a_table_of_a_named_query(article: Path, tmp_path: Path) -> None:
    run("build", str(article), "-o", str(tmp_path), "-f", "turtle")
    code, out, err = run("query", str(tmp_path / "reflexology.ttl"), "studies", "--format", "csv")
    assert code == 0, err
    header, *rows = out.strip().splitlines()
    assert header.startswith("study,design,journal,year,sampleSize")
    assert len(rows) == 1
    assert ",2020,60,30,70," in rows[0]


def test_unknown_query_name_is_an_error(article: Path, tmp_path: Path) -> None:
    run("build", str(article), "-o", str(tmp_path), "-f", "turtle")
    code, _, err = run("query", str(tmp_path / "reflexology.ttl"), "no-such-query")
    assert code == 4
    assert "Traceback" not in err


def test_python_dash_m_runs_the_cli() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "articlekg", "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert "build" in done.stdout


def test_exports_are_as_readable_as_other_files(article: Path, tmp_path: Path) -> None:
    import os

    run("build", str(article), "-o", str(tmp_path), "-f", "turtle")
    mode = (tmp_path / "reflexology.ttl").stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o666 & ~umask
