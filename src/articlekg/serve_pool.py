"""Query worker processes that can be stopped mid-query, started once and reused.

Neither pyoxigraph nor rdflib can interrupt a running query, so a query that must be
bounded runs in another process, which is killed (and replaced) when its time is up or
when the client that asked has gone. The workers are forked from a ``forkserver`` that
imported the query code once, so a worker starts in milliseconds without importing
anything again, and forking from that single-threaded server is safe even when the
caller holds threads (an HTTP server, Oxigraph's own).
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import multiprocessing.forkserver
import os
import queue
import select
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from typing import Any

from articlekg.errors import ArticleKGError, QueryError, QueryTimeout
from articlekg.results import QueryResult

PRELOAD = ("articlekg.query", "articlekg.serve", "articlekg.query_warmup")
"""What the endpoint's forkserver imports (and warms up) once, so that no worker does it
again. A one-off bounded query (``query --timeout``) preloads only :data:`LIGHT_PRELOAD`:
a shipped query on the store needs no rdflib, and that process should not load it."""
LIGHT_PRELOAD = ("articlekg.query",)
_PR_SET_PDEATHSIG = 1
_POLL = 0.25
"""How often a waiting caller looks whether its client is still there (seconds)."""


class ClientGoneError(Exception):
    """The client closed its connection before the answer was ready."""


class BusyError(Exception):
    """No worker became free in time."""


def _context(preload: tuple[str, ...]) -> BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        # Takes effect when the process's forkserver starts, i.e. for its first pool.
        context.set_forkserver_preload(list(preload))
        return context
    return multiprocessing.get_context("spawn")


def _die_with_parent() -> None:
    """Be killed when the forkserver ends, and let it end with the server, so that a server
    killed mid-query leaves no worker running that query on.

    The forkserver ends when every copy of its "alive" pipe is closed; each child it forks
    inherits one (to start processes of its own), which would keep it alive as long as a
    worker runs. Workers start nothing, so they close theirs.
    """
    server = getattr(multiprocessing.forkserver, "_forkserver", None)
    alive = getattr(server, "_forkserver_alive_fd", None)
    if isinstance(alive, int):
        with contextlib.suppress(OSError):
            os.close(alive)
        server._forkserver_alive_fd = None  # type: ignore[union-attr]
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def _serve(connection: Connection) -> None:
    """A worker's loop: run each (function, args) it is sent and send back the outcome."""
    # Ctrl-C reaches the whole process group; the parent decides, and stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    while True:
        try:
            function, args = connection.recv()
        except (EOFError, OSError):
            return
        try:
            outcome: tuple[str, object] = ("ok", function(*args))
        except ArticleKGError as error:
            outcome = ("error", error)
        except RecursionError:
            outcome = ("error", QueryError("the query or its data is nested too deeply"))
        except Exception as error:
            outcome = ("error", QueryError(f"the query failed: {error}"))
        try:
            connection.send(outcome)
        except Exception as error:  # e.g. a result that cannot be pickled
            connection.send(("error", QueryError(f"the answer cannot be sent back: {error}")))


class _Worker:
    def __init__(self, context: BaseContext) -> None:
        here, there = context.Pipe(duplex=True)
        self.process: BaseProcess = context.Process(  # type: ignore[attr-defined]
            target=_serve, args=(there,), daemon=True, name="articlekg-query"
        )
        self.process.start()
        there.close()
        self.connection = here

    def stop(self) -> None:
        self.connection.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)


def client_gone(client: socket.socket) -> bool:
    """Whether the peer closed ``client`` (data waiting to be read is not a departure)."""
    try:
        if not select.select([client], [], [], 0)[0]:
            return False
        return client.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
    except (BlockingIOError, InterruptedError, TimeoutError):
        return False
    except OSError:
        return True


class QueryPool:
    """``size`` worker processes; each runs one query at a time."""

    def __init__(self, size: int, preload: tuple[str, ...] = PRELOAD) -> None:
        if size < 1:
            raise ValueError("a pool needs at least one worker")
        self._context = _context(preload)
        self._lock = threading.Lock()
        self._closed = False
        self._idle: queue.SimpleQueue[_Worker] = queue.SimpleQueue()
        self._all: set[_Worker] = set()
        for _ in range(size):
            self._add()

    def _add(self) -> None:
        worker = _Worker(self._context)
        with self._lock:
            if self._closed:
                worker.stop()
                return
            self._all.add(worker)
        self._idle.put(worker)

    def _replace(self, worker: _Worker) -> None:
        worker.stop()
        with self._lock:
            self._all.discard(worker)
        self._add()

    def _take(self, deadline: float | None, client: socket.socket | None) -> _Worker:
        while True:
            wait_for = _POLL if deadline is None else min(_POLL, deadline - time.monotonic())
            if wait_for <= 0:
                raise BusyError("every query worker stayed busy")
            try:
                return self._idle.get(timeout=wait_for)
            except queue.Empty:
                if client is not None and client_gone(client):
                    raise ClientGoneError from None

    def run(
        self,
        function: Callable[..., QueryResult],
        args: tuple[Any, ...],
        timeout: float | None,
        client: socket.socket | None = None,
    ) -> QueryResult:
        """``function(*args)`` in a worker; stopped after ``timeout`` s or when ``client``
        closes its connection (the worker is then killed and replaced)."""
        started = time.monotonic()
        deadline = None if timeout is None else started + timeout
        worker = self._take(deadline, client)
        try:
            worker.connection.send((function, args))
        except (OSError, ValueError):
            self._replace(worker)
            raise QueryError("a query worker was lost; try again") from None
        watched: list[Any] = [worker.connection] + ([client] if client is not None else [])
        while True:
            remaining = None if deadline is None else deadline - time.monotonic()
            if remaining is not None and remaining <= 0:
                self._replace(worker)
                raise QueryTimeout(f"the query was stopped after {timeout:g} s (--timeout)")
            ready = wait(watched, remaining)
            if worker.connection in ready:
                break
            if client is not None and client in ready and client_gone(client):
                self._replace(worker)
                raise ClientGoneError
            if client is not None and client in ready:
                watched = [worker.connection]  # pipelined data, not a departure
        try:
            status, payload = worker.connection.recv()
        except (EOFError, OSError):
            self._replace(worker)
            raise QueryError("the query process ended without an answer") from None
        self._idle.put(worker)
        if status == "error":
            raise payload
        result: QueryResult = payload
        return result

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers, self._all = self._all, set()
        for worker in workers:
            worker.stop()

    def __enter__(self) -> QueryPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def default_size() -> int:
    return max(1, min(4, os.cpu_count() or 1))


_shared: QueryPool | None = None
_shared_lock = threading.Lock()


def shared_pool() -> QueryPool:
    """One worker kept for the process's bounded queries (``query --timeout``)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = QueryPool(1, LIGHT_PRELOAD)
        return _shared
