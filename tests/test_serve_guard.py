"""The endpoint under hostile and careless clients: time limits, departures, DNS rebinding,
slow or partial requests, control bytes in request lines, and 200 clients at once.
Every server here is started on 127.0.0.1 on a free port and stopped by the test."""

from __future__ import annotations

import http.client
import logging
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

import pytest

import articlekg.serve as serve_module
from articlekg.serve import ServeConfig, make_server
from articlekg.serve_guard import BoundedThreadServer, HostCheck, printable
from articlekg.store import ArticleStore
from sparql_servers import DATA, articlekg_serve, free_port, venv_tool

FINDINGS = (DATA / "queries" / "findings.rq").read_text()
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o }"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("guard") / "store"
    with ArticleStore(folder) as store:
        store.load([DATA / "alpha.ttl", DATA / "beta.trig"])
    return folder


@contextmanager
def serving(config: ServeConfig) -> Iterator[BoundedThreadServer]:
    server = make_server(config)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def port_of(server: BoundedThreadServer) -> int:
    return int(server.server_address[1])


def request(
    port: int, path: str, *, headers: dict[str, str] | None = None, timeout: float = 30
) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def query_path(text: str) -> str:
    return "/sparql?" + urlencode({"query": text})


def raw_exchange(port: int, data: bytes, wait: float = 10) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as sock:
        sock.sendall(data)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
        return b"".join(chunks)


def test_host_check_takes_the_bound_address_localhost_and_allowed_names() -> None:
    loopback = HostCheck("127.0.0.1", ["Endpoint.Example"])
    assert loopback.allows("127.0.0.1:7878") and loopback.allows("localhost:7878")
    assert loopback.allows("[::1]:7878") and loopback.allows("endpoint.example.")
    assert not loopback.allows("attacker.example:7878")
    assert not loopback.allows("127.0.0.1.attacker.example")
    assert not loopback.allows(None)
    public = HostCheck("192.0.2.7")
    assert public.allows("192.0.2.7:80") and not public.allows("localhost")
    anywhere = HostCheck("0.0.0.0")
    assert anywhere.allows("198.51.100.1") and not anywhere.allows("rebound.example")


def test_a_rebound_dns_name_is_refused_unless_allowed(store_dir: Path) -> None:
    config = ServeConfig(store=store_dir, port=0, allow_hosts=("kg.example",))
    with serving(config) as server:
        port = port_of(server)
        status, body = request(port, query_path("ASK {}"), headers={"Host": f"evil.example:{port}"})
        assert status == 421 and b"--allow-host" in body
        assert request(port, query_path("ASK {}"), headers={"Host": f"kg.example:{port}"})[0] == 200
        assert request(port, query_path("ASK {}"))[0] == 200  # Host: 127.0.0.1:port


def test_the_default_time_limit_stops_a_runaway_query(store_dir: Path) -> None:
    assert ServeConfig(store=store_dir).timeout == serve_module.DEFAULT_TIMEOUT
    with serving(ServeConfig(store=store_dir, port=0, timeout=1, workers=1)) as server:
        started = time.monotonic()
        status, body = request(port_of(server), query_path(RUNAWAY))
        assert status == 503 and b"stopped after 1 s" in body
        assert time.monotonic() - started < 10
        # The one worker was replaced: the next query is answered.
        assert request(port_of(server), query_path("ASK { ?s ?p ?o }"))[0] == 200


def test_a_query_is_stopped_when_its_client_leaves(store_dir: Path) -> None:
    with serving(ServeConfig(store=store_dir, port=0, timeout=None, workers=1)) as server:
        pool = server.RequestHandlerClass.pool  # type: ignore[attr-defined]
        (first,) = pool._all
        sock = socket.create_connection(("127.0.0.1", port_of(server)))
        sock.sendall(f"GET {query_path(RUNAWAY)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        time.sleep(1)
        assert first.process.is_alive()
        sock.close()
        first.process.join(10)
        assert not first.process.is_alive(), "the worker still runs the abandoned query"
        assert request(port_of(server), query_path("ASK { ?s ?p ?o }"))[0] == 200


def test_slow_headers_and_partial_bodies_are_cut_off_without_a_traceback(
    store_dir: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(serve_module, "HEADER_SECONDS", 1.0)
    monkeypatch.setattr(serve_module, "BODY_SECONDS", 1.0)
    caplog.set_level(logging.INFO, logger="articlekg.serve")
    with serving(ServeConfig(store=store_dir, port=0)) as server:
        port = port_of(server)
        # A client dripping its headers a byte at a time is cut off at the deadline.
        started = time.monotonic()
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            try:
                for byte in b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x":
                    sock.sendall(bytes([byte]))
                    time.sleep(0.2)
            except OSError:
                pass
            assert sock.recv(100) == b""
        assert time.monotonic() - started < 6
        # A body shorter than its Content-Length: 408 after the deadline.
        head = (
            b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/sparql-query\r\nContent-Length: 100\r\n\r\nASK"
        )
        answer = raw_exchange(port, head)
        assert answer.startswith(b"HTTP/1.0 408") or answer.startswith(b"HTTP/1.1 408")
        # A client that leaves mid-body.
        with socket.create_connection(("127.0.0.1", port)) as sock:
            sock.sendall(head)
        time.sleep(0.5)
        assert request(port, query_path("ASK {}"))[0] == 200
    assert not [record for record in caplog.records if record.exc_info]
    assert not any("Traceback" in record.getMessage() for record in caplog.records)


def test_log_lines_carry_no_control_bytes(
    store_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="articlekg.serve")
    with serving(ServeConfig(store=store_dir, port=0)) as server:
        line = b"GET /\x1b[2J\x07\x85evil HTTP/1.1\r\n"
        raw_exchange(port_of(server), line + b"Host: 127.0.0.1\r\n\r\n")
    lines = [record.getMessage() for record in caplog.records]
    assert any("\\x1b[2J\\x07\\x85evil" in line for line in lines)
    assert all(ch.isprintable() for line in lines for ch in line)
    assert printable("a\nb\\c\u2028") == "a\\x0ab\\\\c\\u2028"


def test_two_hundred_concurrent_queries_are_answered_or_refused_and_health_stays_up(
    store_dir: Path,
) -> None:
    clients = 200
    with serving(ServeConfig(store=store_dir, port=0)) as server:
        port = port_of(server)
        stop = threading.Event()
        health: list[tuple[int, float]] = []

        def watch_health() -> None:
            while not stop.is_set():
                started = time.monotonic()
                status, _ = request(port, "/health", timeout=20)
                health.append((status, time.monotonic() - started))
                time.sleep(0.1)

        def one_query(_: int) -> int:
            return request(port, query_path(FINDINGS), timeout=60)[0]

        watcher = threading.Thread(target=watch_health)
        watcher.start()
        started = time.monotonic()
        try:
            with ThreadPoolExecutor(clients) as executor:
                statuses = list(executor.map(one_query, range(clients)))
        finally:
            stop.set()
            watcher.join(30)
        elapsed = time.monotonic() - started
    assert len(statuses) == clients
    assert set(statuses) <= {200, 503}, sorted(set(statuses))
    assert statuses.count(200) >= 1
    assert health and all(status == 200 for status, _ in health), health
    assert max(seconds for _, seconds in health) < 10
    assert elapsed < 120


def test_bounded_queries_reuse_one_worker_and_replace_it_after_a_timeout(store_dir: Path) -> None:
    from articlekg.errors import QueryTimeout
    from articlekg.query import query_store
    from articlekg.results import AskResult
    from articlekg.serve_pool import shared_pool

    assert query_store(store_dir, "ASK { ?s ?p ?o }", timeout=30) == AskResult(True)
    (worker,) = shared_pool()._all
    assert query_store(store_dir, "ASK { ?s ?p ?o }", timeout=30) == AskResult(True)
    assert shared_pool()._all == {worker}, "a second query started a new process"
    with pytest.raises(QueryTimeout):
        query_store(store_dir, RUNAWAY, timeout=1)
    assert not worker.process.is_alive()
    assert query_store(store_dir, "ASK { ?s ?p ?o }", timeout=30) == AskResult(True)


def test_cli_serve_stops_a_runaway_query_by_default_and_logs_no_traceback(
    store_dir: Path, tmp_path: Path
) -> None:
    with articlekg_serve(store_dir, tmp_path, "--timeout", "1") as served:
        port = int(served.query_url.split(":")[2].split("/")[0])
        status, body = request(port, query_path(RUNAWAY))
        assert status == 503 and b"stopped after 1 s" in body
        status, _ = request(port, query_path("ASK {}"), headers={"Host": "evil.example"})
        assert status == 421
        assert request(port, "/health")[0] == 200
    log = (tmp_path / "serve.log").read_text()
    assert "Traceback" not in log and '"GET /health HTTP/1.1" 200' in log


def children(pid: int) -> set[int]:
    """Processes whose parent is ``pid`` (Linux /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def test_killing_the_server_mid_query_leaves_no_worker_running(
    store_dir: Path, tmp_path: Path
) -> None:
    port = free_port()
    command = [venv_tool("articlekg"), "serve", "--store", str(store_dir), "--port", str(port)]
    with (tmp_path / "serve.log").open("w") as log:
        server = subprocess.Popen([*command, "--timeout", "0"], stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        client = socket.create_connection(("127.0.0.1", port))
        client.sendall(f"GET {query_path(RUNAWAY)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        time.sleep(1)
        helpers = {pid for forkserver in children(server.pid) for pid in children(forkserver)}
        helpers |= children(server.pid)
        assert helpers, "no worker processes found"
    finally:
        server.kill()
        server.wait(10)
    deadline = time.monotonic() + 15
    while any(map(running, helpers)) and time.monotonic() < deadline:
        time.sleep(0.2)
    client.close()
    assert not [pid for pid in helpers if running(pid)]


def running(pid: int) -> bool:
    """Whether ``pid`` still runs (a zombie waiting to be reaped does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"
