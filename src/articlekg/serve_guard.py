"""What keeps the endpoint standing: bounded threads, deadlines, the Host check, safe logs.

- A fixed set of handler threads takes connections from a bounded queue; when the queue
  is full the connection is answered ``503`` at once instead of waiting unseen. The
  listen backlog is large enough for a burst of clients to reach that answer.
- Reading a request's line and headers, and then its body, each has a total deadline (not
  a per-read timeout that a client sending a byte at a time could stretch forever).
- The ``Host`` header must name the bound address (or a name given with
  ``--allow-host``): a page whose DNS name is rebound to 127.0.0.1 cannot read the store.
- Log lines never carry raw control characters from a request.
"""

from __future__ import annotations

import io
import ipaddress
import logging
import queue
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterable
from http.server import HTTPServer
from socketserver import BaseRequestHandler
from typing import Any

LOG = logging.getLogger("articlekg.serve")
HEADER_SECONDS = 10.0
"""Time a client has to send its request line and headers (and, idle, between requests)."""
BODY_SECONDS = 30.0
"""Time a client has to send the body once the headers are in."""
WRITE_SECONDS = 30.0
"""Time a client has to take each part of an answer."""
HANDLER_THREADS = 16
WAITING_CONNECTIONS = 64
BACKLOG = 256
BUSY_MESSAGE = "the endpoint is busy; try again shortly\n"
_BUSY_RESPONSE = (
    "HTTP/1.1 503 Service Unavailable\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    f"Content-Length: {len(BUSY_MESSAGE)}\r\n"
    "Retry-After: 1\r\n"
    "Connection: close\r\n\r\n" + BUSY_MESSAGE
).encode("ascii")


def printable(text: str) -> str:
    """``text`` with every non-printable character (and the backslash) as an escape."""
    out = []
    for char in text:
        if char.isprintable() and char != "\\":
            out.append(char)
        elif char == "\\":
            out.append("\\\\")
        else:
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
    return "".join(out)


class DeadlineReader(io.RawIOBase):
    """A socket's input, each read bounded by what is left of one overall deadline."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.deadline: float | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.deadline is not None:
            remaining = self.deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("the client took too long to send its request")
            self.sock.settimeout(remaining)
        return self.sock.recv_into(buffer)


def _address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


class HostCheck:
    """Which ``Host`` header values the endpoint answers."""

    def __init__(self, bound: str, extra: Iterable[str] = ()) -> None:
        self.bound = _address(bound)
        self.bound_name = bound.lower().rstrip(".")
        self.extra = {name.lower().rstrip(".") for name in extra}

    @staticmethod
    def host_part(header: str) -> str:
        header = header.strip().lower()
        if header.startswith("["):
            return header[: header.find("]") + 1] if "]" in header else header
        name, colon, port = header.rpartition(":")
        return name if colon and port.isdigit() else header

    def allows(self, header: str | None) -> bool:
        if header is None:
            return False
        host = self.host_part(header).rstrip(".")
        if host in self.extra or host == self.bound_name:
            return True
        address = _address(host)
        if self.bound is None or self.bound.is_unspecified:
            # Bound to a name or to every address: any literal address is ours; DNS
            # rebinding needs a name, and the only names taken are localhost and --allow-host.
            return address is not None or host == "localhost"
        if self.bound.is_loopback:
            return host == "localhost" or (address is not None and address.is_loopback)
        return address == self.bound


class BoundedThreadServer(HTTPServer):
    """An HTTP server with a fixed pool of handler threads and a bounded wait queue."""

    request_queue_size = BACKLOG
    daemon_threads = True

    def __init__(
        self,
        address: tuple[str, int],
        handler: type[BaseRequestHandler],
        *,
        threads: int = HANDLER_THREADS,
        waiting: int = WAITING_CONNECTIONS,
    ) -> None:
        super().__init__(address, handler)
        self.closers: list[Callable[[], None]] = []
        """Called once the server is closed (e.g. to stop query workers)."""
        self._waiting: queue.Queue[tuple[socket.socket, Any] | None] = queue.Queue(waiting)
        self._refusals: queue.Queue[socket.socket | None] = queue.Queue(BACKLOG)
        self._threads = [
            threading.Thread(target=self._work, daemon=True, name=f"articlekg-http-{n}")
            for n in range(threads)
        ]
        self._threads.append(threading.Thread(target=self._refuse, daemon=True))
        for thread in self._threads:
            thread.start()

    def process_request(self, request: Any, client_address: Any) -> None:
        try:
            self._waiting.put_nowait((request, client_address))
        except queue.Full:
            try:
                self._refusals.put_nowait(request)
            except queue.Full:
                self.shutdown_request(request)

    def _work(self) -> None:
        while True:
            item = self._waiting.get()
            if item is None:
                return
            request, client_address = item
            try:
                self.finish_request(request, client_address)
            except Exception:
                self.handle_error(request, client_address)
            finally:
                self.shutdown_request(request)

    def _refuse(self) -> None:
        """Answer 503 to connections the queue has no room for, off the accept loop."""
        while True:
            request = self._refusals.get()
            if request is None:
                return
            try:
                # Read what the client sent first: closing with unread data would reset
                # the connection, and the client would see an error instead of the 503.
                request.settimeout(0.2)
                request.recv(65536)
                request.sendall(_BUSY_RESPONSE)
            except OSError:
                pass
            finally:
                self.shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        error = sys.exc_info()[1]
        LOG.warning("%s: %s", printable(str(client_address)), printable(repr(error)))

    def server_close(self) -> None:
        super().server_close()
        for _ in self._threads[:-1]:
            try:
                self._waiting.put_nowait(None)
            except queue.Full:
                break
        self._refusals.put(None)
        for close in self.closers:
            close()
