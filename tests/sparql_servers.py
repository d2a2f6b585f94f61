"""Starting and stopping SPARQL servers for tests, and comparing rows across engines.

Every server binds 127.0.0.1 on a free port, lives in a temporary folder and is stopped
by the fixture that started it. A server that cannot be found makes the test FAIL with
the reason: these tests never pass without having run.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from urllib.parse import urlencode

import pytest

from articlekg.results import SelectResult, Term, TermKind

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "sparql"
SEED_EXPORT = REPO / "exports" / "massage-metastatic-bone-pain.ttl"
XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC = {
    XSD + name
    for name in [
        "integer",
        "decimal",
        "double",
        "float",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedInt",
        "unsignedLong",
    ]
}

Cell = str | Decimal | bool | None
NormalRow = tuple[Cell, ...]


class Listener:
    """A TCP listener on 127.0.0.1 that counts the connections made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.setblocking(False)
        self.port: int = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/"

    def connections(self, wait: float = 0.5) -> int:
        count = 0
        while select.select([self.sock], [], [], wait)[0]:
            connection, _ = self.sock.accept()
            connection.close()
            count += 1
            wait = 0.1
        return count


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def venv_tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: run `pip install -e '.[test]'`")
    return found


def wait_for_http(url: str, process: subprocess.Popen[bytes], log: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server exited with {process.returncode}: {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=10):
                return
        except urllib.error.HTTPError:
            return  # it answers, even if not with 200
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"server did not answer {url} within {seconds} s: {log.read_text()[-2000:]}")


@contextmanager
def running(command: Sequence[str], probe: str, log: Path, seconds: float = 60) -> Iterator[None]:
    with log.open("wb") as out:
        process = subprocess.Popen(
            list(command), stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        wait_for_http(probe, process, log, seconds)
        yield
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


@dataclass(frozen=True)
class Endpoint:
    query_url: str
    default_graphs: tuple[str, ...] = ()
    """Sent as default-graph-uri (Virtuoso's own default graph holds its system data)."""

    def select(self, query: str) -> tuple[tuple[str, ...], list[NormalRow]]:
        params = [("query", query)] + [("default-graph-uri", g) for g in self.default_graphs]
        request = urllib.request.Request(
            f"{self.query_url}?{urlencode(params)}",
            headers={"Accept": "application/sparql-results+json"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            document = json.loads(response.read())
        names = tuple(document["head"]["vars"])
        rows = [
            tuple(json_cell(binding.get(name)) for name in names)
            for binding in document["results"]["bindings"]
        ]
        return names, sort_rows(rows)


@contextmanager
def oxigraph_server(workdir: Path) -> Iterator[tuple[str, Endpoint]]:
    """The Oxigraph server (PyPI `oxigraph`) with a union default graph: (store URL, endpoint)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [
        venv_tool("oxigraph"),
        "serve",
        "--location",
        str(workdir / "oxigraph"),
        "--bind",
        f"127.0.0.1:{port}",
        "--union-default-graph",
    ]
    with running(command, f"{base}/query?query=ASK%7B%7D", workdir / "oxigraph.log"):
        yield f"{base}/store", Endpoint(f"{base}/query")


VIRTUOSO_INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
CheckpointInterval = 0
DirsAllowed = ., {d}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
ServerThreads = 4
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


@contextmanager
def virtuoso_server(workdir: Path) -> Iterator[tuple[str, str]]:
    """Debian's Virtuoso in a throwaway database: (Graph Store URL, SPARQL URL).

    Writes go to the Digest-protected /sparql-graph-crud-auth as dba/dba (a fresh
    database's default account, in a folder deleted after the test).
    """
    binary = shutil.which("virtuoso-t")
    if binary is None:
        pytest.fail(
            "Virtuoso is not installed (Debian package virtuoso-opensource): "
            "run scripts/install-test-tools"
        )
    folder = workdir / "virtuoso"
    folder.mkdir()
    http, sql = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(d=folder, sql=sql, http=http))
    base = f"http://127.0.0.1:{http}"
    command = [binary, "+foreground", "+configfile", str(ini)]
    with running(command, f"{base}/sparql?query=ASK%7B%7D", folder / "console.log", 120):
        yield f"{base}/sparql-graph-crud-auth", f"{base}/sparql"


@contextmanager
def articlekg_serve(store: Path, workdir: Path, *extra: str) -> Iterator[Endpoint]:
    """`articlekg serve` as a user runs it, in its own process."""
    port = free_port()
    command = [venv_tool("articlekg"), "serve", "--store", str(store), "--port", str(port), *extra]
    base = f"http://127.0.0.1:{port}"
    with running(command, f"{base}/sparql?query=ASK%7B%7D", workdir / "serve.log"):
        yield Endpoint(f"{base}/sparql")


def cell(kind: str, value: str, datatype: str | None) -> Cell:
    if kind == "bnode":
        return "_:"  # labels differ between engines; only that it is a blank node matters
    if kind == "uri":
        return value
    if datatype in NUMERIC:
        try:
            return Decimal(value).normalize()
        except InvalidOperation:
            return value
    if datatype == XSD + "boolean":
        return value in ("true", "1")
    return value


def json_cell(binding: dict[str, str] | None) -> Cell:
    if binding is None:
        return None
    kind = "literal" if binding["type"] == "typed-literal" else binding["type"]
    return cell(kind, binding["value"], binding.get("datatype"))


def term_cell(term: Term | None) -> Cell:
    if term is None:
        return None
    return cell(
        str(term.kind) if term.kind is not TermKind.LITERAL else "literal",
        term.value,
        term.datatype,
    )


def sort_rows(rows: list[NormalRow]) -> list[NormalRow]:
    return sorted(rows, key=lambda row: [(type(c).__name__, str(c)) for c in row])


def normal(result: object) -> tuple[tuple[str, ...], list[NormalRow]]:
    assert isinstance(result, SelectResult), f"expected SELECT rows, got {result!r}"
    rows = [tuple(term_cell(t) for t in row) for row in result.rows]
    return result.variables, sort_rows(rows)
