"""All-or-nothing outputs, piece by piece: the staging folder, its commit, stale folders,
signals, and the corpus parts merged without holding every article."""

from __future__ import annotations

import json
import os
import signal
import tracemalloc
from pathlib import Path

import pytest

from articlekg import runs as sorted_runs
from articlekg.corpus import CorpusParts, merge_sorted_runs
from articlekg.errors import BuildInterrupted, OutputError
from articlekg.interrupts import InterruptGuard
from articlekg.staging import (
    COMMIT_MARKER,
    StagingFolder,
    check_output_folder,
    remove_stale_staging,
    staging_prefix,
)


def snapshot(folder: Path) -> dict[str, bytes | None]:
    return {
        str(p.relative_to(folder)): (None if p.is_dir() else p.read_bytes())
        for p in sorted(folder.rglob("*"))
    }


def beside(outdir: Path) -> list[str]:
    return sorted(p.name for p in outdir.parent.glob(f"{staging_prefix(outdir)}*"))


def test_an_output_path_that_is_a_file_or_under_one_is_refused(tmp_path: Path) -> None:
    afile = tmp_path / "a.txt"
    afile.write_text("x")
    with pytest.raises(OutputError, match="exists and is not a folder"):
        check_output_folder(afile)
    with pytest.raises(OutputError, match=r"cannot be created, .*a\.txt is a file"):
        check_output_folder(afile / "sub" / "out")
    check_output_folder(tmp_path / "new" / "out")  # a folder to be made is fine


def test_commit_replaces_what_it_wrote_and_keeps_the_rest(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "a.neo4j").mkdir(parents=True)
    (out / "a.ttl").write_text("old")
    (out / "a.neo4j" / "nodes.csv").write_text("old nodes")
    (out / "notes.txt").write_text("the user's")
    with StagingFolder(out) as staging:
        staging.write("a.ttl", b"new")
        staging.write("a.neo4j/nodes.csv", b"new nodes")
        assert snapshot(out)["a.ttl"] == b"old"  # nothing moves before the commit
        staging.commit()
    assert snapshot(out) == {
        "a.neo4j": None,
        "a.neo4j/nodes.csv": b"new nodes",
        "a.ttl": b"new",
        "notes.txt": b"the user's",
    }
    assert beside(out) == []


def test_a_discarded_build_leaves_no_trace_not_even_the_folders_it_made(tmp_path: Path) -> None:
    out = tmp_path / "deep" / "er" / "out"
    with StagingFolder(out) as staging:
        staging.write("a.ttl", b"new")
        assert len(beside(out)) == 1
    assert not (tmp_path / "deep").exists()


def test_dot_stages_beside_the_folder_not_in_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "out").mkdir()
    monkeypatch.chdir(tmp_path / "out")
    with StagingFolder(Path()) as staging:
        assert staging.root.parent == tmp_path
        assert staging.root.name.startswith(".out.articlekg-staging-")
        staging.write("a.ttl", b"new")
        staging.commit()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert (tmp_path / "out" / "a.ttl").read_bytes() == b"new"


def test_a_clash_with_a_folder_is_refused_before_anything_moves(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "b.ttl").mkdir(parents=True)
    (out / "a.ttl").write_text("old")
    before = snapshot(out)
    with StagingFolder(out) as staging:
        staging.write("a.ttl", b"new")
        staging.write("b.ttl", b"new")
        with pytest.raises(OutputError, match="is a folder"):
            staging.commit()
    assert snapshot(out) == before


def test_a_staging_folder_in_use_is_kept_and_a_dead_ones_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    dead = tmp_path / f"{staging_prefix(out)}999999-dead"
    (dead / "files").mkdir(parents=True)
    (dead / "files" / "a.ttl").write_text("half")
    other = tmp_path / ".other.articlekg-staging-1-x"  # another output folder's
    other.mkdir()
    with StagingFolder(out) as live:
        assert not dead.exists()
        assert remove_stale_staging(out) == []  # the live one holds its lock
        assert live.root.exists()
    assert other.exists()
    assert not (out / "a.ttl").exists()


def test_a_commit_cut_short_is_finished_by_the_next_build(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.ttl").write_text("new")  # moved before the kill
    (out / "b.ttl").write_text("old")
    cut = tmp_path / f"{staging_prefix(out)}999999-cut"
    (cut / "files").mkdir(parents=True)
    (cut / "files" / "b.ttl").write_text("new")
    (cut / COMMIT_MARKER).touch()
    assert remove_stale_staging(out) == [cut]
    assert snapshot(out) == {"a.ttl": b"new", "b.ttl": b"new"}
    assert not cut.exists()


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_becomes_an_error_with_the_shells_exit_code(signum: int, code: int) -> None:
    before = signal.getsignal(signum)
    with pytest.raises(BuildInterrupted) as caught, InterruptGuard():
        os.kill(os.getpid(), signum)
        for _ in range(10**6):  # the handler runs between bytecodes
            pass
    assert caught.value.exit_code == code
    assert "left as it was" in caught.value.message
    assert signal.getsignal(signum) == before


def test_a_library_that_catches_every_exception_does_not_swallow_the_signal() -> None:
    swallowed = []
    with pytest.raises(BuildInterrupted, match="SIGTERM"), InterruptGuard():
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            for _ in range(10**6):
                pass
        except Exception as error:  # as a YAML loader in the model's code does
            swallowed.append(error)
    assert swallowed == []


def test_a_signal_during_the_commit_waits_for_the_end_of_the_build() -> None:
    done = []
    with pytest.raises(BuildInterrupted, match="after the output was written") as caught:  # noqa: SIM117
        with InterruptGuard() as guard:
            guard.hold()
            os.kill(os.getpid(), signal.SIGTERM)
            for _ in range(10**5):
                pass
            done.append("committed and cleaned up")
    assert done == ["committed and cleaned up"]
    assert caught.value.exit_code == 143


def test_merge_of_sorted_runs_in_rounds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sorted_runs, "MERGE_FAN_IN", 2)
    lines = [f'<s{n:03d}> <p> "é{n % 7}" <g{n % 5}> .\n'.encode() for n in range(40)]
    runs = []
    for k in range(5):
        run = tmp_path / f"{k}.nq"
        run.write_bytes(b"".join(sorted(lines[k::5])))
        runs.append(run)
    merge_sorted_runs(runs, tmp_path / "all.nq", tmp_path)
    assert (tmp_path / "all.nq").read_bytes() == b"".join(sorted(lines))
    assert not list(tmp_path.glob("merge-*"))


def test_the_merge_log_is_spelt_as_json_dumps_would(tmp_path: Path) -> None:
    parts = CorpusParts(tmp_path)
    base = "https://example.org/"
    entities = {
        0: [("https://example.org/x/only-here", ["Outcome"], "alone")],
        1: [
            ("https://w3id.org/articlekg/concept/massage", ["Intervention"], "massage"),
            ("https://example.org/x/pain", ["Outcome"], None),
        ],
        2: [
            ("https://w3id.org/articlekg/concept/massage", ["Intervention"], "Massage ✋"),
            ("https://example.org/x/pain", ["Condition"], "pain"),
        ],
    }
    for index, rows in entities.items():
        stem = f"a{index}"
        lines = sorted(
            f"{iri}\t{index:09d}\t{json.dumps([stem, types, label], ensure_ascii=False)}\n"
            for iri, types, label in rows
        )
        parts.add(index, stem, f"{base}graph/{stem}", b"", b"", [], "".join(lines).encode())
    parts.write_merge_log(tmp_path / "log.json", base)
    expected = [
        {
            "iri": "https://example.org/x/pain",
            "label": "pain",
            "types": ["Condition", "Outcome"],
            "articles": ["a1", "a2"],
            "reason": "same normalised label",
        },
        {
            "iri": "https://w3id.org/articlekg/concept/massage",
            "label": "massage",
            "types": ["Intervention"],
            "articles": ["a1", "a2"],
            "reason": "same lexicon concept",
        },
    ]
    written = (tmp_path / "log.json").read_text(encoding="utf-8")
    assert written == json.dumps(expected, indent=1, ensure_ascii=False) + "\n"
    lonely = CorpusParts(tmp_path / "lonely")
    (tmp_path / "lonely").mkdir()
    lonely.add(0, "a0", f"{base}graph/a0", b"", b"", [], b"")
    lonely.write_merge_log(tmp_path / "empty.json", base)
    assert (tmp_path / "empty.json").read_text() == json.dumps([], indent=1) + "\n"


def test_corpus_outputs_can_reread_each_article_graph_from_its_part(tmp_path: Path) -> None:
    from rdflib import Graph, Literal, URIRef

    from articlekg.export import ArticleGraph
    from articlekg.export.ntriples import nquads_text

    parts = CorpusParts(tmp_path)
    graphs = {}
    for index, stem in enumerate(["b", "a"]):
        graph = Graph()
        graph.add(
            (URIRef(f"https://example.org/{stem}"), URIRef("https://example.org/p"), Literal("é\n"))
        )
        name = URIRef(f"https://example.org/graph/{stem}")
        graphs[stem] = graph
        quads = nquads_text([ArticleGraph(graph, name, stem)]).encode()
        parts.add(index, stem, str(name), quads, b"", [], b"")
    reread = list(parts.article_graphs())
    assert [article.stem for article in reread] == ["a", "b"]
    for article in reread:
        assert str(article.name) == f"https://example.org/graph/{article.stem}"
        assert set(article.graph) == set(graphs[article.stem])


@pytest.mark.parametrize("exists", [False, True])
def test_a_commit_holds_file_names_at_most_never_a_path_each(tmp_path: Path, exists: bool) -> None:
    out = tmp_path / "out"
    if exists:
        out.mkdir()
        (out / "notes.txt").write_text("the user's")
    count = 5000
    with StagingFolder(out) as staging:
        for index in range(count):
            staging.write(f"article-{index:05d}.ttl", b"")
        staging.write("corpus.neo4j/nodes.csv", b"")
        tracemalloc.start()
        try:
            staging.commit()
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert len(list(out.iterdir())) == count + 1 + exists
    # A sorted list of Path objects, as before, costs over 800 bytes a file.
    assert peak / count < (400 if exists else 10), peak / count
