"""push against a server that drips its answer, and secrets echoed back in every spelling.
Each server binds 127.0.0.1 on a free port and is stopped by the test that started it."""

from __future__ import annotations

import base64
import html
import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote, quote_plus

import pytest

from articlekg.errors import InputError, RemoteError
from articlekg.push import push
from articlekg.push_guard import scrub, secret_spellings
from sparql_servers import DATA

SECRET = "s3cr3t Pa55/+=&\u00e9"


@contextmanager
def raw_server(answer: bytes, *, drip_seconds: float = 0.0) -> Iterator[str]:
    """A server that reads a request head and sends ``answer``, a byte at a time if asked."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            with connection:
                connection.settimeout(5)
                try:
                    received = b""
                    while b"\r\n\r\n" not in received:
                        received += connection.recv(65536)
                    for index in range(len(answer)):
                        if stop.is_set():
                            return
                        connection.sendall(answer[index : index + 1] if drip_seconds else answer)
                        if not drip_seconds:
                            break
                        time.sleep(drip_seconds)
                except OSError:
                    continue

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/store"
    finally:
        stop.set()
        thread.join(10)
        listener.close()


def test_a_dripping_server_cannot_stretch_the_timeout() -> None:
    answer = b"HTTP/1.1 201 Created\r\nContent-Length: 0\r\nX-Padding: " + b"x" * 200 + b"\r\n\r\n"
    with raw_server(answer, drip_seconds=0.3) as url:
        started = time.monotonic()
        with pytest.raises(RemoteError, match=r"no complete answer within 1\.5 s"):
            push([DATA / "alpha.ttl"], url, timeout=1.5)
        elapsed = time.monotonic() - started
    # Each byte comes well within the timeout; only a total deadline stops this early.
    assert elapsed < 5, f"took {elapsed:.1f} s"


def test_a_prompt_server_is_unaffected_by_the_deadline() -> None:
    answer = b"HTTP/1.1 201 Created\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    with raw_server(answer) as url:
        pushed = push([DATA / "alpha.ttl"], url, ontology=False, timeout=5)
    assert [graph.status for graph in pushed] == [201]


def test_a_garbled_answer_is_a_one_line_error() -> None:
    garbled = raw_server(b"SPDY/9 what\r\n\r\n")
    with garbled as url, pytest.raises(RemoteError, match="cannot reach"):
        push([DATA / "alpha.ttl"], url, ontology=False, timeout=5)


SPELLINGS = [
    SECRET,
    quote(SECRET, safe=""),
    quote(SECRET, safe="").lower(),
    quote(SECRET),
    quote_plus(SECRET),
    base64.b64encode(f"writer:{SECRET}".encode()).decode(),
    base64.b64encode(f"writer:{SECRET}".encode()).decode().rstrip("="),
    base64.urlsafe_b64encode(f"writer:{SECRET}".encode()).decode(),
    base64.b64encode(SECRET.encode()).decode(),
    html.escape(SECRET),
    json.dumps(SECRET)[1:-1],
]


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_every_spelling_of_the_secret_is_scrubbed(spelling: str) -> None:
    message = f"HTTP 500: you sent [{spelling}] (again: {spelling})"
    scrubbed = scrub(message, "writer", SECRET)
    assert spelling not in scrubbed and scrubbed.count("***") == 2
    assert scrubbed.startswith("HTTP 500: you sent [")


def test_credentials_inside_urls_are_scrubbed_even_unknown_ones() -> None:
    message = "redirected to 'https://writer:hunter2@other.example/store?x=1'"
    assert scrub(message, None, None) == "redirected to 'https://***@other.example/store?x=1'"
    assert secret_spellings("writer", "") == []


def test_a_server_echoing_the_secret_percent_encoded_is_scrubbed() -> None:
    echo = f"bad password {quote(SECRET, safe='')} for writer:{quote_plus(SECRET)}".encode()
    answer = b"HTTP/1.1 403 Forbidden\r\nContent-Length: %d\r\n\r\n%s" % (len(echo), echo)
    with raw_server(answer) as url, pytest.raises(RemoteError) as caught:
        push([DATA / "alpha.ttl"], url, user="writer", password=SECRET, timeout=5)
    message = caught.value.message
    assert "HTTP 403" in message and "bad password ***" in message
    assert not any(spelling in message for spelling in SPELLINGS)


def test_a_refused_endpoint_url_does_not_repeat_its_credentials() -> None:
    with pytest.raises(InputError) as caught:
        push([DATA / "alpha.ttl"], f"ftp://writer:{quote(SECRET, safe='')}@127.0.0.1/store")
    assert "***@127.0.0.1" in caught.value.message
    assert not any(spelling in caught.value.message for spelling in SPELLINGS)
