"""What keeps ``push`` from hanging or leaking: one deadline per request, scrubbed messages.

A socket timeout bounds each read, so a server that sends a byte just before every
timeout could hold a request for ever; here every connection a request opens is watched
by a timer that shuts it down when the request's total time is up, whatever the request
is doing then (resolving, handshaking, sending the body, reading the answer).

A password may come back from a server in many spellings (echoed, in a Basic token, in a
URL, percent-encoded); every message is scrubbed of all of them.
"""

from __future__ import annotations

import base64
import contextlib
import html
import http.client
import json
import re
import socket
import threading
import time
import urllib.request
from collections.abc import Callable
from typing import Any
from urllib.parse import quote, quote_plus

from articlekg.errors import RemoteError

SCRUBBED = "***"
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/?#@\s]*@")


class Deadline:
    """A request's total time: connections it opened are shut down when it is over."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.expired = False
        self._lock = threading.Lock()
        self._watched: list[socket.socket] = []
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()
        with self._lock:
            watched, self._watched = self._watched, []
        for sock in watched:
            sock.close()

    def remaining(self) -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            raise self.error()
        return left

    def error(self) -> RemoteError:
        return RemoteError(f"no complete answer within {self.seconds:g} s (--timeout)")

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            watched = list(self._watched)
        for sock in watched:
            _shut(sock)

    def connect(
        self, address: tuple[str, int], timeout: Any = None, source_address: Any = None
    ) -> socket.socket:
        """``socket.create_connection`` whose connection this deadline may cut."""
        sock = socket.create_connection(address, min(self.remaining(), 3600), source_address)
        # A duplicate descriptor: shutting it down ends the connection even after TLS has
        # wrapped (and detached) the original socket object.
        watch = sock.dup()
        with self._lock:
            self._watched.append(watch)
            expired = self.expired
        if expired:
            _shut(watch)
        return sock


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


def _connection(base: type[http.client.HTTPConnection], deadline: Deadline) -> Callable[..., Any]:
    def make(*args: Any, **kwargs: Any) -> http.client.HTTPConnection:
        connection = base(*args, **kwargs)
        connection._create_connection = deadline.connect  # type: ignore[attr-defined]
        return connection

    return make


class DeadlineHTTPHandler(urllib.request.HTTPHandler):
    deadline: Deadline | None = None

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        if self.deadline is None:
            return super().http_open(req)
        return self.do_open(_connection(http.client.HTTPConnection, self.deadline), req)


class DeadlineHTTPSHandler(urllib.request.HTTPSHandler):
    deadline: Deadline | None = None

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        if self.deadline is None:
            return super().https_open(req)
        return self.do_open(
            _connection(http.client.HTTPSConnection, self.deadline),
            req,
            context=getattr(self, "_context", None),
        )


def secret_spellings(user: str | None, secret: str | None) -> list[str]:
    """The ways ``secret`` may appear in a server's answer, longest first."""
    if not secret:
        return []
    spellings = {secret, html.escape(secret), json.dumps(secret)[1:-1]}
    spellings |= {quote(secret, safe=""), quote(secret), quote_plus(secret)}
    for raw in (f"{user or ''}:{secret}", secret):
        for encode in (base64.b64encode, base64.urlsafe_b64encode):
            token = encode(raw.encode("utf-8")).decode("ascii")
            spellings |= {token, token.rstrip("=")}
    return sorted(spellings, key=len, reverse=True)


def scrub(text: str, user: str | None, secret: str | None) -> str:
    """``text`` without the password in any spelling, nor credentials inside URLs."""
    text = _USERINFO.sub(lambda m: m.group(1) + SCRUBBED + "@", text)
    spellings = secret_spellings(user, secret)
    if not spellings:
        return text
    # Ignoring case also catches %2f for %2F; hiding a look-alike of the secret is harmless.
    pattern = re.compile("|".join(map(re.escape, spellings)), re.IGNORECASE)
    return pattern.sub(SCRUBBED, text)
