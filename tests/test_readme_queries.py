"""Every `articlekg query` (and the `load` before it) and the `push` example of the README
run as written, on exports/, in a folder of their own.

The lines are taken from the README's ```sh blocks, split the way a shell splits them
(comments dropped, globs expanded against exports/), and run through click's CliRunner.
The push example goes to the store the README starts beside it, `oxigraph serve`, run
from the README's own line on a free port.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from sparql_servers import REPO, SEED_EXPORT, Endpoint, free_port, running, venv_tool

README = REPO / "README.md"


def sh_lines() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def words(line: str) -> list[str]:
    expanded: list[str] = []
    for word in shlex.split(line, comments=True):
        matches = sorted(str(p) for p in Path().glob(word)) if "*" in word else []
        expanded.extend(matches or [word])
    return expanded


def example(prefix: str) -> list[list[str]]:
    return [words(line) for line in sh_lines() if line.startswith(prefix)]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    assert SEED_EXPORT.is_file(), f"{SEED_EXPORT} is missing: run `make exports`"
    (tmp_path / "exports").symlink_to(REPO / "exports", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(args: list[str]) -> str:
    from articlekg.cli import main

    assert args[0] == "articlekg", args
    result = CliRunner().invoke(main, args[1:])
    assert result.exit_code == 0, f"{shlex.join(args)}: {result.output}"
    return result.output


def test_every_query_example_runs(workdir: Path) -> None:
    queries = [line for line in sh_lines() if line.startswith("articlekg query")]
    assert len(queries) >= 5, queries
    loaded = False
    for line in sh_lines():
        if line.startswith("articlekg load"):
            invoke(words(line))  # the store the --store examples query
            loaded = True
        elif line.startswith("articlekg query"):
            assert loaded or "--store" not in line, f"{line}: no load before it"
            args = words(line)
            output = invoke(args)
            written = next((args[i + 1] for i, a in enumerate(args) if a == "-o"), None)
            text = (workdir / written).read_text() if written else output
            assert text.strip(), f"{line}: printed nothing"
            assert "(0 rows)" not in text, f"{line}: no rows prove nothing"


def test_the_push_example_reaches_the_store_started_beside_it(workdir: Path) -> None:
    [serve] = example("oxigraph serve")
    [push] = example("articlekg push")
    bind = serve[serve.index("--bind") + 1]
    port = str(free_port())
    serve = [venv_tool("oxigraph"), *serve[1:]]
    serve[serve.index("--bind") + 1] = bind.replace(bind.rsplit(":", 1)[1], port)
    push = [word.replace(bind, f"127.0.0.1:{port}") for word in push]
    assert any(f"127.0.0.1:{port}/store" in word for word in push), (push, bind)
    base = f"http://127.0.0.1:{port}"
    with running(serve, f"{base}/query?query=ASK%7B%7D", workdir / "oxigraph.log"):
        output = invoke(push)
        assert "(HTTP 20" in output
        graph = "https://w3id.org/articlekg/id/graph/massage-metastatic-bone-pain"
        _, rows = Endpoint(f"{base}/query").select(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        )
    expected = sum(1 for line in SEED_EXPORT.with_suffix(".nt").open() if line.strip())
    assert rows == [(expected,)]
