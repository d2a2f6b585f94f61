"""Pushing exports to a SPARQL 1.1 Graph Store Protocol endpoint, one named graph each.

Each article's graph (named as the store names it, see :mod:`articlekg.store`) is sent
with ``PUT <endpoint>?graph=<name>``, which replaces that graph on the server; the
ontology goes into its own graph too, so queries work there as they do locally. All
files are parsed before anything is sent.

Credentials are offered only when the server asks (Basic or Digest, learnt from a HEAD
before the first PUT), never sent to another host (redirects are not followed), and never
appear in a message: any error text is scrubbed of the password, in every spelling,
before it is raised. ``timeout`` bounds each request as a whole (see
:mod:`articlekg.push_guard`).
"""

from __future__ import annotations

import base64
import http.client
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import Message
from http import HTTPStatus
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pyoxigraph as ox

from articlekg.errors import ArticleKGError, InputError, RemoteError
from articlekg.push_guard import Deadline, DeadlineHTTPHandler, DeadlineHTTPSHandler, scrub
from articlekg.rdf_files import read_ontology, read_rdf
from articlekg.store import ONTOLOGY_GRAPH

HINTS: dict[int, str] = {
    HTTPStatus.UNAUTHORIZED: "the endpoint wants (other) credentials: --user and --password-env",
    HTTPStatus.FORBIDDEN: "the account may not write graphs there",
    HTTPStatus.NOT_FOUND: "no Graph Store at that URL (e.g. Oxigraph: /store, Fuseki: /DS/data)",
    HTTPStatus.METHOD_NOT_ALLOWED: "that URL does not accept PUT; is it a read-only endpoint?",
    HTTPStatus.UNSUPPORTED_MEDIA_TYPE: "the endpoint does not take Turtle",
}


@dataclass(frozen=True)
class PushedGraph:
    name: str
    triples: int
    source: str
    status: int


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        # Following a redirect could hand the credentials to another host.
        return None


def check_endpoint(endpoint: str) -> str:
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"the endpoint must be an http(s) URL, not {endpoint!r}")
    if parts.username is not None or parts.password is not None:
        raise InputError("put no credentials in the endpoint URL: use --user and --password-env")
    if parts.fragment:
        raise InputError("the endpoint URL may not have a #fragment")
    return endpoint


def graph_url(endpoint: str, graph: str) -> str:
    separator = "&" if urlsplit(endpoint).query else "?"
    return f"{endpoint}{separator}{urlencode({'graph': graph})}"


def _body(triples: Sequence[ox.Triple]) -> bytes:
    # N-Triples is Turtle too; sorted so the same export always sends the same bytes.
    lines = sorted({f"{triple} ." for triple in triples})
    return "".join(line + "\n" for line in lines).encode("utf-8")


class _Credentials:
    """Answers the endpoint's challenge (Digest preferred, else Basic) before each PUT.

    The challenge is learnt from a bodiless HEAD first, because some servers (Virtuoso)
    answer 401 without reading a large body and close the connection, so the usual
    send-then-retry would fail with a broken pipe. Nothing is sent unless asked for.
    """

    def __init__(self, endpoint: str, user: str, password: str) -> None:
        self.user, self.password = user, password
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        manager.add_password(None, endpoint, user, password)
        self.digest = urllib.request.HTTPDigestAuthHandler(manager)
        self.scheme: str | None = None
        self.challenge: dict[str, str] = {}

    def learn(self, headers: Message) -> bool:
        offers: dict[str, dict[str, str]] = {}
        for value in headers.get_all("WWW-Authenticate") or []:
            scheme, _, rest = value.strip().partition(" ")
            items = urllib.request.parse_http_list(rest)
            offers[scheme.lower()] = urllib.request.parse_keqv_list(
                [item for item in items if "=" in item]
            )
        for scheme in ("digest", "basic"):
            if scheme in offers:
                self.scheme, self.challenge = scheme, offers[scheme]
                return True
        return False

    def probe(self, opener: urllib.request.OpenerDirector, url: str, deadline: Deadline) -> None:
        request = urllib.request.Request(url, method="HEAD")
        try:
            with opener.open(request, timeout=deadline.remaining()):
                pass
        except urllib.error.HTTPError as error:
            if error.code == HTTPStatus.UNAUTHORIZED:
                self.learn(error.headers)

    def header(self, request: urllib.request.Request) -> str | None:
        if self.scheme == "basic":
            token = base64.b64encode(f"{self.user}:{self.password}".encode()).decode()
            return f"Basic {token}"
        if self.scheme == "digest":
            value = self.digest.get_authorization(request, self.challenge)
            return f"Digest {value}" if value else None
        return None


def _put(
    opener: urllib.request.OpenerDirector,
    url: str,
    body: bytes,
    deadline: Deadline,
    credentials: _Credentials | None,
) -> int:
    for attempt in range(2):
        request = urllib.request.Request(
            url, data=body, method="PUT", headers={"Content-Type": "text/turtle; charset=utf-8"}
        )
        authorization = credentials.header(request) if credentials else None
        if authorization:
            request.add_unredirected_header("Authorization", authorization)
        try:
            with opener.open(request, timeout=deadline.remaining()) as response:
                status: int = response.status
                return status
        except urllib.error.HTTPError as error:
            # A stale nonce or a first challenge: answer it once, then give up.
            retry = error.code == HTTPStatus.UNAUTHORIZED and attempt == 0
            if not (retry and credentials is not None and credentials.learn(error.headers)):
                raise
    raise AssertionError("unreachable")


def _http_error(error: urllib.error.HTTPError, endpoint: str, graph: str) -> str:
    try:
        detail = error.read(300).decode("utf-8", "replace")
    except (OSError, http.client.HTTPException):
        detail = ""
    detail = " ".join(detail.split())
    message = f"{endpoint}: HTTP {error.code} {error.reason} for graph <{graph}>"
    if 300 <= error.code < 400:
        message += f"; redirected to {error.headers.get('Location')!r}: give that URL instead"
    hint = HINTS.get(error.code)
    if hint:
        message += f" ({hint})"
    if detail:
        message += f": {detail[:200]}"
    return message


def push(
    paths: Sequence[Path],
    endpoint: str,
    *,
    user: str | None = None,
    password: str | None = None,
    ontology: bool = True,
    timeout: float = 60.0,
) -> list[PushedGraph]:
    """PUT each file's graph(s), and the ontology's, to a Graph Store endpoint."""
    try:
        return _push(paths, endpoint, user, password, ontology, timeout)
    except ArticleKGError as error:
        raise type(error)(scrub(error.message, user, password)) from None


_NETWORK_ERRORS = (urllib.error.URLError, OSError, http.client.HTTPException)


def _unreachable(endpoint: str, error: Exception, deadline: Deadline) -> RemoteError:
    if deadline.expired:
        return deadline.error()
    return RemoteError(f"cannot reach {endpoint}: {getattr(error, 'reason', error)}")


def _push(
    paths: Sequence[Path],
    endpoint: str,
    user: str | None,
    password: str | None,
    ontology: bool,
    timeout: float,
) -> list[PushedGraph]:
    check_endpoint(endpoint)
    if password is not None and user is None:
        raise InputError("a password needs a --user")
    planned: dict[str, tuple[list[ox.Triple], str]] = {}
    for path in paths:
        for name, triples in read_rdf(path).graphs.items():
            if name in planned:
                raise InputError(f"{path}: graph <{name}> is also in {planned[name][1]}")
            planned[name] = (triples, str(path))
    if ontology:
        planned[ONTOLOGY_GRAPH] = (read_ontology(), "ontology")
    handlers = (DeadlineHTTPHandler(), DeadlineHTTPSHandler())
    opener = urllib.request.build_opener(_NoRedirect(), *handlers)
    credentials = _Credentials(endpoint, user, password or "") if user is not None else None
    if credentials is not None and planned:
        with Deadline(timeout) as deadline:
            handlers[0].deadline = handlers[1].deadline = deadline
            try:
                credentials.probe(opener, graph_url(endpoint, next(iter(planned))), deadline)
            except _NETWORK_ERRORS as error:
                raise _unreachable(endpoint, error, deadline) from None
    pushed: list[PushedGraph] = []
    for name, (triples, source) in planned.items():
        body = _body(triples)
        with Deadline(timeout) as deadline:
            handlers[0].deadline = handlers[1].deadline = deadline
            try:
                status = _put(opener, graph_url(endpoint, name), body, deadline, credentials)
            except urllib.error.HTTPError as error:
                if deadline.expired:
                    raise deadline.error() from None
                raise RemoteError(_http_error(error, endpoint, name)) from None
            except _NETWORK_ERRORS as error:
                raise _unreachable(endpoint, error, deadline) from None
        pushed.append(PushedGraph(name, body.count(b"\n"), source, status))
    return pushed
