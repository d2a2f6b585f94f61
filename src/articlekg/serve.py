"""A read-only SPARQL 1.1 Protocol endpoint over the embedded store.

``GET /sparql?query=…``, ``POST`` as a form or as ``application/sparql-query``; results
negotiated from ``Accept`` (SPARQL JSON, XML, CSV, TSV; Turtle or N-Triples for graphs).
Updates are refused with 403. It binds 127.0.0.1 unless another address is asked for
explicitly, and sends CORS headers only when an origin is configured.

The store is opened read-only for each request, so a ``load`` made while the endpoint
runs is seen by the next query and the endpoint never blocks a writer. Queries run in a
pool of worker processes (:mod:`articlekg.serve_pool`) so that one past its time limit,
or whose client has left, is stopped; :mod:`articlekg.serve_guard` bounds the threads,
the time a client may take, and the ``Host`` names answered.
"""

from __future__ import annotations

import io
import ipaddress
import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from socket import AF_INET6
from urllib.parse import parse_qs, urlsplit

from articlekg.errors import (
    ArticleKGError,
    InputError,
    QueryError,
    QueryTimeout,
    UnsafeQueryError,
)
from articlekg.negotiate import (
    GRAPH_TYPES,
    MEDIA_TYPES,
    RESULT_TYPES,
    HTTPProblemError,
    negotiate,
)
from articlekg.query import run_checked_on_store
from articlekg.results import GraphResult, QueryResult, render
from articlekg.safety import check_query
from articlekg.serve_guard import (
    BODY_SECONDS,
    HANDLER_THREADS,
    HEADER_SECONDS,
    WRITE_SECONDS,
    BoundedThreadServer,
    DeadlineReader,
    HostCheck,
    printable,
)
from articlekg.serve_pool import BusyError, ClientGoneError, QueryPool, default_size
from articlekg.store import ArticleStore

LOG = logging.getLogger("articlekg.serve")
PATHS = ("/sparql", "/query")
HEALTH_PATH = "/health"
DEFAULT_TIMEOUT = 5.0
FREE_THREADS = 4
"""Handler threads never taken by queries, so that /health and refusals stay quick."""
MAX_BODY = 1 << 20
READ_ONLY = "updates are refused: the endpoint is read-only"
BUSY = "the endpoint is busy; try again shortly"


@dataclass(frozen=True)
class ServeConfig:
    store: Path
    host: str = "127.0.0.1"
    port: int = 7878
    allow_remote: bool = False
    """Binding to anything but a loopback address needs this set explicitly."""
    cors_origin: str | None = None
    timeout: float | None = DEFAULT_TIMEOUT
    """Seconds a query may run; ``None`` (or 0) for no limit."""
    allow_hosts: tuple[str, ...] = ()
    """Host names answered besides the bound address (and localhost on loopback)."""
    workers: int = 0
    """Query worker processes; 0 picks one per core, at most four."""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def execute(
    store_dir: str, text: str, default_graphs: Sequence[str], named_graphs: Sequence[str]
) -> QueryResult:
    """Check and run one query on a freshly opened read-only store."""
    with ArticleStore(Path(store_dir), read_only=True) as store:
        checked = check_query(text, store.graph_names())
        return run_checked_on_store(store, checked, default_graphs, named_graphs)


class Handler(BaseHTTPRequestHandler):
    server_version = "articlekg"
    sys_version = ""
    config: ServeConfig
    pool: QueryPool
    hosts: HostCheck
    admission: threading.BoundedSemaphore
    """Queries running or waiting for a worker; beyond it a query is refused at once, so
    that threads stay free for cheap requests such as /health."""
    reader: DeadlineReader

    def setup(self) -> None:
        super().setup()
        self.reader = DeadlineReader(self.connection)
        self.rfile = io.BufferedReader(self.reader)

    def handle_one_request(self) -> None:
        self.reader.deadline = time.monotonic() + HEADER_SECONDS
        super().handle_one_request()

    def handle(self) -> None:
        try:
            super().handle()
        except (ConnectionError, TimeoutError) as error:
            self.log_message("connection ended: %s", error)

    def log_message(self, format: str, *args: object) -> None:
        # The library never prints: requests go to logging, the CLI decides what to show.
        LOG.info("%s %s", self.address_string(), printable(format % args))

    # -- responses ---------------------------------------------------------------
    def _send(self, status: HTTPStatus, body: bytes, media_type: str) -> None:
        self.connection.settimeout(WRITE_SECONDS)
        self.send_response(status)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        if self.config.cors_origin:
            self.send_header("Access-Control-Allow-Origin", self.config.cors_origin)
            self.send_header("Vary", "Origin")
        if status == HTTPStatus.SERVICE_UNAVAILABLE:
            self.send_header("Retry-After", "1")
        if status == HTTPStatus.METHOD_NOT_ALLOWED:
            self.send_header(
                "Allow", "GET, POST" + (", OPTIONS" if self.config.cors_origin else "")
            )
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _problem(self, problem: HTTPProblemError) -> None:
        body = (problem.message + "\n").encode("utf-8")
        self._send(problem.status, body, "text/plain; charset=utf-8")

    # -- request parsing ---------------------------------------------------------
    def _body(self) -> bytes:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            raise HTTPProblemError(HTTPStatus.BAD_REQUEST, "bad Content-Length") from None
        if length > MAX_BODY:
            raise HTTPProblemError(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "the request body is too large"
            )
        if length <= 0:
            return b""
        self.reader.deadline = time.monotonic() + BODY_SECONDS
        try:
            body = self.rfile.read(length)
        except TimeoutError:
            self.close_connection = True
            raise HTTPProblemError(
                HTTPStatus.REQUEST_TIMEOUT, "the request body did not arrive in time"
            ) from None
        if len(body) < length:
            raise ClientGoneError
        return body

    def _params(self) -> dict[str, list[str]]:
        url = urlsplit(self.path)
        if url.path == HEALTH_PATH and self.command in ("GET", "HEAD"):
            raise HTTPProblemError(HTTPStatus.OK, "ok")
        if url.path not in PATHS:
            if url.path == "/" and self.command in ("GET", "HEAD") and not url.query:
                raise HTTPProblemError(HTTPStatus.OK, "articlekg SPARQL endpoint: query at /sparql")
            raise HTTPProblemError(HTTPStatus.NOT_FOUND, "not found; the endpoint is /sparql")
        params = parse_qs(url.query, keep_blank_values=True)
        if self.command != "POST":
            return params
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        body = self._body()
        if media == "application/x-www-form-urlencoded":
            try:
                form = parse_qs(body.decode("utf-8"), keep_blank_values=True)
            except UnicodeDecodeError:
                raise HTTPProblemError(HTTPStatus.BAD_REQUEST, "the form is not UTF-8") from None
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
            return params
        if media == "application/sparql-update":
            raise HTTPProblemError(HTTPStatus.FORBIDDEN, READ_ONLY)
        if media == "application/sparql-query":
            if "query" in params:
                raise HTTPProblemError(
                    HTTPStatus.BAD_REQUEST, "give the query in the body or the URL"
                )
            try:
                params["query"] = [body.decode("utf-8")]
            except UnicodeDecodeError:
                raise HTTPProblemError(HTTPStatus.BAD_REQUEST, "the query is not UTF-8") from None
            return params
        raise HTTPProblemError(
            HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
            "POST a form (application/x-www-form-urlencoded) or application/sparql-query",
        )

    def _answer(self) -> None:
        params = self._params()
        if "update" in params or "using-graph-uri" in params:
            raise HTTPProblemError(HTTPStatus.FORBIDDEN, READ_ONLY)
        queries = params.get("query", [])
        if len(queries) != 1:
            raise HTTPProblemError(HTTPStatus.BAD_REQUEST, "give exactly one query parameter")
        args = (
            str(self.config.store),
            queries[0],
            params.get("default-graph-uri", []),
            params.get("named-graph-uri", []),
        )
        if not self.admission.acquire(blocking=False):
            raise HTTPProblemError(HTTPStatus.SERVICE_UNAVAILABLE, BUSY)
        try:
            result = self.pool.run(execute, args, self.config.timeout, self.connection)
        except BusyError:
            raise HTTPProblemError(HTTPStatus.SERVICE_UNAVAILABLE, BUSY) from None
        except QueryTimeout as error:
            raise HTTPProblemError(HTTPStatus.SERVICE_UNAVAILABLE, error.message) from None
        except UnsafeQueryError as error:
            status = HTTPStatus.BAD_REQUEST
            if "updates" in error.message:
                status = HTTPStatus.FORBIDDEN
            raise HTTPProblemError(status, error.message) from None
        except QueryError as error:
            raise HTTPProblemError(HTTPStatus.BAD_REQUEST, error.message) from None
        except ArticleKGError as error:
            raise HTTPProblemError(HTTPStatus.INTERNAL_SERVER_ERROR, error.message) from None
        finally:
            self.admission.release()
        accept = self.headers.get("Accept")
        if isinstance(result, GraphResult):
            fmt = negotiate(accept, GRAPH_TYPES, "turtle")
        else:
            fmt = negotiate(accept, RESULT_TYPES, "json")
        body = render(result, fmt).encode("utf-8")
        self._send(HTTPStatus.OK, body, f"{MEDIA_TYPES[fmt]}; charset=utf-8")

    def _host_allowed(self) -> bool:
        host = self.headers.get("Host")
        if host is None and self.request_version == "HTTP/1.0":
            return True
        if self.hosts.allows(host):
            return True
        shown = "no Host header" if host is None else f"Host {host!r} is not served"
        self._problem(
            HTTPProblemError(
                HTTPStatus.MISDIRECTED_REQUEST,
                f"{shown}; start the endpoint with --allow-host NAME to answer that name",
            )
        )
        return False

    def _handle(self) -> None:
        if not self._host_allowed():
            return
        try:
            self._answer()
        except HTTPProblemError as problem:
            self._problem(problem)
        except ClientGoneError:
            self.close_connection = True
            self.log_message('"%s" abandoned by the client', self.requestline)
        except ConnectionError:
            raise
        except Exception:
            LOG.exception("internal error")
            self._problem(HTTPProblemError(HTTPStatus.INTERNAL_SERVER_ERROR, "internal error"))

    def do_GET(self) -> None:
        self._handle()

    def do_HEAD(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def _not_allowed(self) -> None:
        self._problem(HTTPProblemError(HTTPStatus.METHOD_NOT_ALLOWED, "the endpoint is read-only"))

    def do_PUT(self) -> None:
        self._not_allowed()

    def do_DELETE(self) -> None:
        self._not_allowed()

    def do_PATCH(self) -> None:
        self._not_allowed()

    def do_OPTIONS(self) -> None:
        if not self._host_allowed():
            return
        if not self.config.cors_origin:
            self._not_allowed()
            return
        self.send_response(HTTPStatus.NO_CONTENT)
        self.send_header("Access-Control-Allow-Origin", self.config.cors_origin)
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Vary", "Origin")
        self.send_header("Content-Length", "0")
        self.end_headers()


class IPv6Server(BoundedThreadServer):
    address_family = AF_INET6


def make_server(config: ServeConfig) -> BoundedThreadServer:
    """A bound, not yet serving, endpoint (port 0 picks a free port)."""
    if not is_loopback(config.host) and not config.allow_remote:
        raise InputError(
            f"refusing to listen on {config.host}: only loopback addresses unless "
            "binding elsewhere is asked for explicitly (--allow-remote)"
        )
    # Opening once up front turns a wrong folder into an error now, not on each request.
    ArticleStore(config.store, read_only=True).close()
    workers = config.workers or default_size()
    pool = QueryPool(workers)
    handler_attributes = {
        "config": replace(config, timeout=config.timeout or None),
        "pool": pool,
        "hosts": HostCheck(config.host, config.allow_hosts),
        "admission": threading.BoundedSemaphore(max(workers, HANDLER_THREADS - FREE_THREADS)),
    }
    handler = type("ConfiguredHandler", (Handler,), handler_attributes)
    server_class: type[BoundedThreadServer] = BoundedThreadServer
    if ":" in config.host:
        server_class = IPv6Server
    try:
        server = server_class((config.host, config.port), handler)
    except OSError as error:
        pool.close()
        raise InputError(f"cannot listen on {config.host}:{config.port}: {error}") from None
    server.closers.append(pool.close)
    return server


def endpoint_url(server: HTTPServer) -> str:
    host, port = server.server_address[:2]
    shown = f"[{host!s}]" if ":" in str(host) else str(host)
    return f"http://{shown}:{port}{PATHS[0]}"
