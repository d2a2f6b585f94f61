"""Bad inputs and bad options through the command line: one row per case.

Every row runs one command in a fresh workspace and checks its exit code, that the last
line on standard error is the one-line message (``articlekg: …``, or click's ``Error: …``
for a malformed command line), that no traceback escaped, and that the workspace (the output
folder, the files given, the store's quads) is exactly as it was.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from articlekg.cli import main
from articlekg.store import ArticleStore
from sparql_servers import DATA

ARTICLE = (
    "Reflexology for Chemotherapy Fatigue\n"
    "A randomized clinical trial enrolled 60 patients aged 30–70.\n"
    "Reflexology significantly reduced fatigue compared with usual care.\n"
)
DEEP = 10_000


def make_workspace(root: Path) -> None:
    """Every file the rows name, good and bad."""
    files: dict[str, str | bytes] = {
        "article.txt": ARTICLE,
        "out/previous.ttl": "# a previous build's file\n",
        "empty.txt": " \n\n",
        "latin1.txt": "Caf\xe9 au lait reduced fatigue.\n".encode("latin-1"),
        "article.pdf": ARTICLE,
        "notes/readme.rst": "not an article\n",
        "twins/a/x.txt": ARTICLE,
        "twins/b/x.md": ARTICLE,
        "deep.html": "<html><body><article><p>Massage eased pain in every patient we saw.</p>"
        + "<div>" * DEEP
        + "<p>The innermost paragraph.</p>"
        + "</div>" * DEEP
        + "</article></body></html>",
        "deep-list.md": "# Title\n\nText.\n\n"
        + "".join("  " * depth + f"- level {depth}\n" for depth in range(40)),
        "deep-quote.md": "# Title\n\nText.\n\n" + "> " * 40 + "quoted\n",
        "deep-fragment.md": "# Title\n\nText.\n\n<div>" + "<div>" * DEEP + "x" + "</div>" * DEEP,
        "entity.html": '<!DOCTYPE html [<!ENTITY a "aaaa">]><html><body><p>&a;</p></body></html>',
        "script-only.html": "<html><body><script>var a = 1;</script></body></html>",
        "nul.txt": ARTICLE.replace("fatigue compared", "fatigue\x00 compared"),
        "a-file": "a file where a folder is expected\n",
        "graph.ttl": (DATA / "alpha.ttl").read_text(encoding="utf-8"),
        "broken.ttl": "<https://example.org/a> <https://example.org/b> .\n",
        "graph.xyz": "not RDF\n",
        "unlabelled.ttl": "@prefix akg: <https://w3id.org/articlekg/ontology#> .\n"
        "<https://w3id.org/articlekg/id/x> a akg:Intervention .\n",
        "deep.jsonld": '{"@graph": [' + "[" * DEEP + "]" * DEEP + "]}",
        "deep-object.jsonld": '{"@graph": ' + '{"a": ' * 500 + "1" + "}" * 500 + "}",
        "remote.jsonld": '{"@context": "https://example.org/context.jsonld", "@id": "x"}',
        "mine/notes.txt": "the user's own file\n",
    }
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    with ArticleStore(root / "store.db") as store:
        store.load([root / "graph.ttl"], ontology=False)


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every folder (None) and file (its bytes) under ``root``; the store by its quads,
    since opening RocksDB rewrites its own log files."""
    store = root / "store.db"
    found: dict[str, bytes | None] = {}
    for path in sorted(root.rglob("*")):
        if path == store or store in path.parents:
            continue
        found[path.relative_to(root).as_posix()] = path.read_bytes() if path.is_file() else None
    with ArticleStore(store, read_only=True) as opened:
        quads = sorted(str(q) for q in opened.store.quads_for_pattern(None, None, None))
    found["store.db (quads)"] = "\n".join(quads).encode()
    return found


@dataclass(frozen=True)
class Case:
    name: str
    args: tuple[str, ...]
    """The command line; ``{ws}`` stands for the workspace folder."""
    exit_code: int
    message: str
    """Words the one-line message must hold."""
    xfail: str | None = None


def case(name: str, command: str, exit_code: int, message: str, xfail: str | None = None) -> Case:
    return Case(name, tuple(shlex.split(command)), exit_code, message, xfail)


CASES = [
    # -- build: the read stage --------------------------------------------------------------
    case("missing file", "build {ws}/nope.txt -o {ws}/out", 2, "no such file"),
    case("unsupported suffix", "build {ws}/article.pdf -o {ws}/out", 2, "unsupported input"),
    case("empty file", "build {ws}/empty.txt -o {ws}/out", 2, "the file is empty"),
    case("not UTF-8", "build {ws}/latin1.txt -o {ws}/out", 2, "not UTF-8"),
    case("folder without articles", "build {ws}/notes -o {ws}/out", 2, "no article files"),
    case("two articles, one name", "build {ws}/twins -o {ws}/out", 2, "same name as"),
    case(
        "larger than --max-bytes",
        "build {ws}/article.txt -o {ws}/out --max-bytes 100",
        2,
        "more than the 100 bytes",
    ),
    case("HTML nested 10,000 deep", "build {ws}/deep.html -o {ws}/out", 2, "nested too deep"),
    case("Markdown lists nested 40 deep", "build {ws}/deep-list.md -o {ws}/out", 2, "nested"),
    case("Markdown quotes nested 40 deep", "build {ws}/deep-quote.md -o {ws}/out", 2, "nested"),
    case(
        "HTML in Markdown nested 10,000 deep",
        "build {ws}/deep-fragment.md -o {ws}/out",
        2,
        "nested too deep",
    ),
    case("HTML declaring entities", "build {ws}/entity.html -o {ws}/out", 2, "declares entities"),
    case("HTML without text", "build {ws}/script-only.html -o {ws}/out", 2, "no article text"),
    # -- build: writing ---------------------------------------------------------------------
    case(
        "NUL in the text (GraphML cannot carry it)",
        "build {ws}/nul.txt -o {ws}/out",
        5,
        "U+0000",
    ),
    case(
        "-o names a file",
        "build {ws}/article.txt -o {ws}/a-file -f turtle",
        5,
        "a-file",
    ),
    case(
        "-o under a file",
        "build {ws}/article.txt -o {ws}/a-file/out -f turtle",
        5,
        "a-file",
    ),
    # -- build: options ---------------------------------------------------------------------
    case("unknown --format", "build {ws}/article.txt -o {ws}/out -f pdf", 2, "--format"),
    case(
        "unknown --input-format",
        "build {ws}/article.txt -o {ws}/out --input-format rtf",
        2,
        "--input-format",
    ),
    case("negative --max-bytes", "build {ws}/article.txt -o {ws}/out --max-bytes -1", 2, "-1"),
    case("no inputs", "build -o {ws}/out", 2, "INPUTS"),
    case("no -o", "build {ws}/article.txt", 2, "--output"),
    # -- validate ---------------------------------------------------------------------------
    case("does not conform", "validate {ws}/unlabelled.ttl", 3, "does not conform"),
    case("not RDF", "validate {ws}/broken.ttl", 2, "does not parse"),
    case("unknown RDF suffix", "validate {ws}/graph.xyz", 2, "unknown RDF file type"),
    case("missing graph", "validate {ws}/nope.ttl", 2, "no such file"),
    case("JSON-LD arrays 10,000 deep", "validate {ws}/deep.jsonld", 2, "nested deeper"),
    case("JSON-LD objects 500 deep", "validate {ws}/deep-object.jsonld", 2, "nested deeper"),
    case("remote JSON-LD context", "validate {ws}/remote.jsonld", 4, "fetched from elsewhere"),
    # -- query ------------------------------------------------------------------------------
    case("unknown query name", "query {ws}/graph.ttl no-such-query", 4, "no query named"),
    case("malformed SPARQL", "query {ws}/graph.ttl 'SELECT ?s WHERE { ?s'", 4, "does not parse"),
    case(
        "SERVICE",
        "query {ws}/graph.ttl 'SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }'",
        4,
        "SERVICE",
    ),
    case("an update", "query {ws}/graph.ttl 'DROP ALL'", 4, "updates"),
    case(
        "FROM NAMED a graph not held",
        "query {ws}/graph.ttl 'SELECT * FROM NAMED <https://example.org/g> WHERE { ?s ?p ?o }'",
        4,
        "FROM NAMED <https://example.org/g> is refused",
    ),
    case(
        "FROM NAMED not held, in the store",
        "query --store {ws}/store.db 'SELECT * FROM NAMED <https://example.org/g> WHERE {}'",
        4,
        "FROM NAMED <https://example.org/g> is refused",
    ),
    case("query deep JSON-LD", "query {ws}/deep.jsonld effects", 2, "nested deeper"),
    case(
        "graphs and --store",
        "query {ws}/graph.ttl effects --store {ws}/store.db",
        2,
        "not both",
    ),
    case("neither graphs nor --store", "query effects", 2, "give graph files"),
    case("--store that is no store", "query --store {ws}/nostore effects", 6, "no store there"),
    case("--timeout 0", "query {ws}/graph.ttl effects --timeout 0", 2, "--timeout"),
    case("-o names a folder", "query {ws}/graph.ttl effects -o {ws}/out", 2, "directory"),
    # -- load -------------------------------------------------------------------------------
    case("load deep JSON-LD", "load {ws}/deep.jsonld --store {ws}/store.db", 2, "nested deeper"),
    case("load a broken file", "load {ws}/broken.ttl --store {ws}/store.db", 2, "not valid"),
    case(
        "load into a folder of other files",
        "load {ws}/graph.ttl --store {ws}/mine",
        6,
        "not an articlekg store",
    ),
    case("load --store a file", "load {ws}/graph.ttl --store {ws}/a-file", 2, "is a file"),
    # -- serve and push: refusals that come before any socket is used -----------------------
    case(
        "serve on a public address",
        "serve --store {ws}/store.db --host 0.0.0.0",
        2,
        "--allow-remote",
    ),
    case("serve no store", "serve --store {ws}/nostore", 6, "no store there"),
    case(
        "push with an unset password variable",
        "push {ws}/graph.ttl --endpoint http://127.0.0.1:9/store --user u "
        "--password-env ARTICLEKG_TEST_UNSET",
        2,
        "ARTICLEKG_TEST_UNSET",
    ),
    case(
        "push to a closed port",
        "push {ws}/graph.ttl --endpoint http://127.0.0.1:9/store --no-ontology --timeout 5",
        7,
        "cannot reach",
    ),
    case(
        "push a broken file",
        "push {ws}/broken.ttl --endpoint http://127.0.0.1:9/store",
        2,
        "broken.ttl",
    ),
]


def params() -> list[object]:
    return [
        pytest.param(
            c,
            id=c.name,
            marks=[pytest.mark.xfail(strict=True, reason=c.xfail)] if c.xfail else [],
        )
        for c in CASES
    ]


@pytest.mark.parametrize("bad", params())
def test_bad_input_is_one_line_and_changes_nothing(
    bad: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = tmp_path / "ws"
    make_workspace(workspace)
    monkeypatch.delenv("ARTICLEKG_TEST_UNSET", raising=False)
    before = snapshot(workspace)
    args = [arg.replace("{ws}", str(workspace)) for arg in bad.args]
    result = CliRunner().invoke(main, args)
    # An exception other than SystemExit is what a user would see as a traceback.
    assert isinstance(result.exception, SystemExit) or result.exception is None, (
        f"{bad.name}: {result.exception!r}"
    )
    assert "Traceback" not in result.output
    assert result.exit_code == bad.exit_code, result.stderr
    last = result.stderr.rstrip("\n").split("\n")[-1]
    assert last.startswith(("articlekg: ", "Error: ")), result.stderr
    assert bad.message in last, last
    if last.startswith("articlekg: "):
        # Only violations (exit 3) come on lines of their own before the message.
        others = result.stderr.rstrip("\n").split("\n")[:-1]
        assert all(line.startswith("  ") for line in others) and (
            not others or bad.exit_code == 3
        ), result.stderr
    assert snapshot(workspace) == before


def test_the_command_line_default_of_max_bytes_is_the_librarys() -> None:
    from articlekg.read import DEFAULT_MAX_BYTES

    build = main.commands["build"]
    (option,) = [p for p in build.params if p.name == "max_bytes"]
    assert option.default == DEFAULT_MAX_BYTES


def test_a_run_of_text_without_sentence_ends_builds_with_a_warning(tmp_path: Path) -> None:
    article = tmp_path / "run-on.txt"
    article.write_text(
        "Massage for pain\n" + "massage eased pain and anxiety in patients, " * 60 + "\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["build", str(article), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("articlekg: warning: a sentence of 2639 characters")
    assert (tmp_path / "out" / "run-on.ttl").is_file()
