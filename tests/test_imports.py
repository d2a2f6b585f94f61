"""Layering and start-up: the library never imports the CLI layer, only cli.py imports
click, and the light commands do not load what only a build needs.

The layering is checked on the source (each module's import statements); start-up in a
fresh interpreter, in the way click's own tests/test_imports.py checks what importing click
pulls in.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from articlekg import api
from articlekg.export import format_names
from articlekg.formats import EXPORT_FORMATS, INPUT_FORMATS, RESULT_FORMATS

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "articlekg"
SEED_TRIG = REPO / "exports" / "massage-metastatic-bone-pain.trig"

BUILD_ONLY = (
    "articlekg.pipeline",
    "articlekg.relate",
    "articlekg.parse",
    "articlekg.recognise",
    "articlekg.assemble",
    "articlekg.validate",
    "articlekg.export",
    "articlekg.read",
    "pyshacl",
    "trafilatura",
    "spacy",
    "thinc",
    "medspacy",
    "networkx",
)
"""What only building or validating needs: the extraction pipeline, the NLP model,
pySHACL, the web-page reader and the property-graph exporters."""

LIGHT = (*BUILD_ONLY, "rdflib", "pyparsing")
"""Neither --help nor a shipped query on the store needs rdflib at all."""


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def library_modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p.name not in ("cli.py", "__main__.py"))


def test_only_cli_imports_click() -> None:
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in library_modules()
        if any(m == "click" or m.startswith("click.") for m in imported_modules(p))
    ]
    assert offenders == []


def test_library_does_not_import_cli() -> None:
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in library_modules()
        if any(m.startswith("articlekg.cli") for m in imported_modules(p))
    ]
    assert offenders == []


def test_pipeline_stages_do_not_import_exporters_or_stores() -> None:
    """read → sections → segment → parse → recognise → relate → assemble know nothing of
    what comes after."""
    stages = [
        "read",
        "sections.py",
        "segment.py",
        "language.py",
        "parse.py",
        "quantities.py",
        "lexicon.py",
        "recognise.py",
        "relate",
        "facts.py",
        "assemble.py",
    ]
    later = (
        "articlekg.export",
        "articlekg.store",
        "articlekg.rdf_files",
        "articlekg.serve",
        "articlekg.push",
        "articlekg.query",
        "articlekg.pipeline",
        "articlekg.api",
    )
    offenders = []
    for stage in stages:
        target = PACKAGE / stage
        files = sorted(target.rglob("*.py")) if target.is_dir() else [target]
        for path in files:
            bad = sorted(m for m in imported_modules(path) if m.startswith(later))
            if bad:
                offenders.append((str(path.relative_to(PACKAGE)), bad))
    assert offenders == []


def test_library_never_prints() -> None:
    offenders = []
    for path in library_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "print":
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert offenders == []


def test_importing_the_api_does_not_load_click() -> None:
    code = "import sys, articlekg.api; print('click' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_starting_the_command_line_does_not_load_the_language_stack() -> None:
    """spaCy, thinc and medspaCy load when an article is read, not for --help or a query."""
    code = (
        "import sys, articlekg.cli, articlekg.api;"
        "print(sorted(m for m in ('spacy', 'thinc', 'medspacy') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


# --- start-up: what each light command loads ----------------------------------------------

_RUN_AND_LIST = """
import json, sys
from articlekg.cli import main
try:
    main(sys.argv[1:])
except SystemExit as done:
    code = done.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def run_cli(*args: str) -> tuple[int, str, list[str]]:
    """Run the command line in a fresh interpreter; its exit code, output and modules."""
    done = subprocess.run(
        [sys.executable, "-c", _RUN_AND_LIST, *args], capture_output=True, text=True, check=True
    )
    *printed, last = done.stdout.rstrip("\n").split("\n")
    report = json.loads(last)
    return report["code"], "\n".join(printed), report["modules"]


def loaded(modules: list[str], forbidden: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == f or m.startswith(f + ".") for f in forbidden))


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("startup") / "store"
    api.load([SEED_TRIG], store)
    return store


def test_help_loads_neither_the_pipeline_nor_rdflib() -> None:
    code, output, modules = run_cli("--help")
    assert code == 0
    assert "Commands:" in output and "build" in output
    assert loaded(modules, LIGHT) == []


def test_a_command_s_help_keeps_its_choices_without_loading_them() -> None:
    code, output, modules = run_cli("build", "--help")
    assert code == 0
    assert "graphml-strict" in output and "markdown" in output
    assert loaded(modules, LIGHT) == []


def test_a_shipped_query_on_the_store_loads_neither_the_pipeline_nor_rdflib(
    small_store: Path,
) -> None:
    code, output, modules = run_cli("query", "--store", str(small_store), "effects")
    assert code == 0
    assert "?effect" in output and "reduces" in output and "rows)" in output  # by label
    assert loaded(modules, LIGHT) == []


def test_any_query_text_loads_the_sparql_checker_but_not_the_pipeline(small_store: Path) -> None:
    text = "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?type }"
    code, output, modules = run_cli("query", "--store", str(small_store), text, "-f", "csv")
    assert code == 0
    assert output.splitlines()[0] == "n"
    assert "rdflib.plugins.sparql.parser" in modules  # the safety check parsed it
    assert loaded(modules, BUILD_ONLY) == []


def test_a_query_with_a_timeout_starts_a_light_process(small_store: Path) -> None:
    """The worker process imports the command line again: it must stay as light.

    ``-X importtime`` is passed on to the spawned worker, so stderr lists every module
    either process imported."""
    command = ["query", "--store", str(small_store), "--timeout", "60", "effects"]
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "articlekg", *command],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "rows)" in done.stdout
    imported = [line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()]
    assert imported.count("articlekg.query") == 2, "expected the worker's imports too"
    assert loaded(imported, LIGHT) == []


def test_serving_a_query_does_not_load_the_pipeline(small_store: Path) -> None:
    code = f"""
import json, sys, threading, urllib.parse, urllib.request
from pathlib import Path
import articlekg.cli
from articlekg.serve import ServeConfig, endpoint_url, make_server
server = make_server(ServeConfig(store=Path({str(small_store)!r}), port=0))
threading.Thread(target=server.serve_forever, daemon=True).start()
query = urllib.parse.urlencode({{"query": "SELECT ?s WHERE {{ ?s a ?t }} LIMIT 1"}})
with urllib.request.urlopen(endpoint_url(server) + "?" + query) as response:
    status = response.status
server.shutdown()
print(json.dumps({{"status": status, "modules": sorted(sys.modules)}}))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    report = json.loads(done.stdout)
    assert report["status"] == 200
    assert loaded(report["modules"], BUILD_ONLY) == []


def test_the_option_choices_are_the_stages_own() -> None:
    from articlekg.read import FORMAT_READERS
    from articlekg.results import FORMATS

    assert list(EXPORT_FORMATS) == format_names()
    assert set(INPUT_FORMATS) == {"auto", *FORMAT_READERS}
    assert RESULT_FORMATS == FORMATS
