"""Corpus builds in worker processes and on Dask give the bytes a one-process build gives;
a failing article, wherever it runs, leaves the output folder as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from articlekg import api
from articlekg.cli import main
from articlekg.staging import staging_prefix

ARTICLES = {
    "reflexology.txt": (
        "Reflexology for Chemotherapy Fatigue\n"
        "A randomized clinical trial published in Supportive Care in Cancer (2020) enrolled "
        "60 patients aged 30–70.\n"
        "Reflexology significantly reduced fatigue compared with usual care.\n"
    ),
    "massage.txt": (
        "Massage for cancer pain\n\n"
        "Massage therapy reduced pain and anxiety in patients with advanced cancer.\n"
    ),
    "run-on.txt": "Massage for pain\n" + "massage eased pain and anxiety in patients, " * 60,
    "yoga.md": (
        "# Yoga and sleep\n\nIn a study of 410 survivors, yoga improved sleep quality and "
        "reduced fatigue. Massage therapy also reduced anxiety.\n"
    ),
}


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("articles")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def contents(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def one_process(articles: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("jobs1") / "out"
    seen: list[tuple[str, int, int]] = []
    report = api.build(
        [articles], out, jobs=1, progress=lambda a, d, t: seen.append((a.stem, d, t))
    )
    assert seen == [("massage", 1, 4), ("reflexology", 2, 4), ("run-on", 3, 4), ("yoga", 4, 4)]
    assert [a.stem for a in report.articles] == ["massage", "reflexology", "run-on", "yoga"]
    (run_on,) = [a for a in report.articles if a.stem == "run-on"]
    assert run_on.warnings[0].startswith("a sentence of 2639 characters")
    assert report.written[-8:] == [
        out / "corpus.trig",
        out / "corpus.nq",
        out / "corpus.merge-log.json",
        out / "corpus.graphml",
        out / "corpus.gexf",
        out / "corpus.neo4j" / "nodes.csv",
        out / "corpus.neo4j" / "relationships.csv",
        out / "corpus.neo4j" / "load.cypher",
    ]
    assert sorted(report.written) == sorted(out / name for name in contents(out))
    assert report.written[0] == out / "massage.ttl" and report.written[-1] == out / (
        "corpus.neo4j/load.cypher"
    )
    assert report.triples == sum(a.triples for a in report.articles) > 0
    assert "Built 4 articles" in report.summary()
    return contents(out)


def test_worker_processes_give_the_same_bytes(
    articles: Path, one_process: dict[str, bytes], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    api.build([articles], tmp_path / "out", jobs=2)
    warned = [r.getMessage() for r in caplog.records if r.name == "articlekg"]
    assert warned == [
        "run-on.txt: a sentence of 2639 characters at offset 17 is read in pieces of at most 2000"
    ]
    built = contents(tmp_path / "out")
    assert sorted(built) == sorted(one_process)
    assert [name for name in built if built[name] != one_process[name]] == []
    assert "corpus.nq" in built and len(built) > 3 * 9


def test_a_dask_cluster_gives_the_same_bytes(
    articles: Path, one_process: dict[str, bytes], tmp_path: Path
) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        api.build(
            [articles], tmp_path / "out", executor="dask", scheduler=cluster.scheduler_address
        )
    built = contents(tmp_path / "out")
    assert sorted(built) == sorted(one_process)
    assert [name for name in built if built[name] != one_process[name]] == []


def test_the_cli_lists_files_only_when_asked(articles: Path, tmp_path: Path) -> None:
    quiet = CliRunner().invoke(
        main, ["build", str(articles / "massage.txt"), "-o", str(tmp_path / "q"), "--quiet"]
    )
    assert quiet.exit_code == 0, quiet.output
    assert quiet.output == ""
    verbose = CliRunner().invoke(
        main,
        ["build", str(articles / "massage.txt"), "-o", str(tmp_path / "v"), "-v", "-f", "turtle"],
    )
    assert verbose.exit_code == 0, verbose.output
    assert verbose.stdout == f"{tmp_path / 'v' / 'massage.ttl'}\n"
    assert verbose.stderr.startswith("Built 1 article into ")
    assert " triples; entities: " in verbose.stderr


BROKEN = {
    "\x00": "Yoga for sleep\nYoga reduced fatigue\x00 in adults with cancer.\n",
    "\x0b": "Tai chi\nTai chi reduced \x0b pain in adults.\n",
}


@pytest.mark.parametrize(("bad", "jobs"), [("\x00", "1"), ("\x0b", "2")])
def test_a_failing_article_among_good_ones_changes_nothing(
    articles: Path, tmp_path: Path, bad: str, jobs: str
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for source in articles.iterdir():
        (folder / source.name).write_bytes(source.read_bytes())
    (folder / "broken.txt").write_text(BROKEN[bad], encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "massage.ttl").write_text("an older build\n")
    (out / "notes.txt").write_text("the user's own file\n")
    (out / "old.neo4j").mkdir()
    (out / "old.neo4j" / "nodes.csv").write_text("id:ID\n")
    before = contents(out)
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(out), "--jobs", jobs])
    assert result.exit_code == 5, result.output
    message = result.stderr.strip().splitlines()
    assert len(message) == 1, result.stderr
    assert message[0].startswith("articlekg: broken.txt: ")
    assert f"U+{ord(bad):04X}" in message[0]
    assert "Traceback" not in result.output
    assert contents(out) == before
    assert list(tmp_path.glob(f"{staging_prefix(out)}*")) == []


@pytest.mark.parametrize("under", [False, True])
def test_an_output_path_that_is_a_file_is_one_line(
    articles: Path, tmp_path: Path, under: bool
) -> None:
    afile = tmp_path / "exports"
    afile.write_text("not a folder")
    target = afile / "out" if under else afile
    result = CliRunner().invoke(main, ["build", str(articles / "massage.txt"), "-o", str(target)])
    assert result.exit_code == 5
    assert len(result.stderr.strip().splitlines()) == 1
    assert "is a file" in result.stderr or "not a folder" in result.stderr
    assert "Traceback" not in result.output
    assert afile.read_text() == "not a folder"


def test_scheduler_needs_the_dask_executor(articles: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["build", str(articles), "-o", str(tmp_path / "o"), "--scheduler", "tcp://127.0.0.1:1"],
    )
    assert result.exit_code == 2
    assert "--scheduler needs --executor dask" in result.stderr
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize(
    ("raised", "exit_code", "line"),
    [
        (
            KeyError("label"),
            70,
            "articlekg: reflexology.txt: articlekg failed on this article (KeyError: "
            "'label'); nothing was written. This is a bug in articlekg: please report it "
            "with the article",
        ),
        (MemoryError(), 1, "articlekg: reflexology.txt: out of memory; nothing was written"),
    ],
    ids=["bug", "memory"],
)
def test_an_unexpected_error_on_one_article_is_one_line_naming_it(
    articles: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    raised: BaseException,
    exit_code: int,
    line: str,
) -> None:
    from articlekg import worker

    real = worker._build_outputs

    def failing(task: worker.ArticleTask) -> worker.ArticleOutputs:
        if task.name == "reflexology.txt":
            raise raised
        return real(task)

    monkeypatch.setattr(worker, "_build_outputs", failing)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(articles), "-o", str(out), "--jobs", "1"])
    assert result.exit_code == exit_code, result.output
    assert result.stderr.strip().splitlines() == [line]
    assert not out.exists()
    assert list(tmp_path.glob(f"{staging_prefix(out)}*")) == []


def test_the_bug_error_crosses_a_process_boundary() -> None:
    import pickle

    from articlekg.errors import InternalError

    again = pickle.loads(pickle.dumps(InternalError("x.txt: failed")))
    assert (type(again), again.message, again.exit_code) == (InternalError, "x.txt: failed", 70)
