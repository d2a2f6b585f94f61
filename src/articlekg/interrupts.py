"""SIGINT and SIGTERM during a build: raise :class:`BuildInterrupted` so that cleanup runs.

Python's default for SIGTERM is to die on the spot, which would leave the staging folder
behind; turning both signals into an exception lets ``finally`` blocks remove it, and the
CLI exit with the shell's usual 128 + signal number. While the output is being committed
a signal is held back until the commit is done, so that it never lands between two
renames.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType
from typing import Any

from articlekg.errors import BuildInterrupted

HANDLED = (signal.SIGINT, signal.SIGTERM)


class InterruptGuard:
    """Installs the handlers for its ``with`` block (main thread only; elsewhere a no-op)."""

    def __init__(self) -> None:
        self._previous: dict[int, Any] = {}
        self._holding = False
        self._pending: int | None = None
        self._raised = False

    def __enter__(self) -> InterruptGuard:
        if threading.current_thread() is threading.main_thread():
            for signum in HANDLED:
                self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        for signum, previous in self._previous.items():
            signal.signal(signum, previous)
        self._previous.clear()

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self._holding or self._raised:
            # A second signal during cleanup must not cut the cleanup short.
            self._pending = self._pending or signum
            return
        self._raised = True
        raise interrupted(signum, "the output folder was left as it was")

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """Hold signals back for the block; raise for one that came once it is done."""
        self._holding = True
        try:
            yield
        finally:
            self._holding = False
        if self._pending is not None and not self._raised:
            self._raised = True
            raise interrupted(self._pending, "after the output was written in full")


def interrupted(signum: int, outcome: str) -> BuildInterrupted:
    name = signal.Signals(signum).name
    return BuildInterrupted(f"interrupted by {name}; {outcome}", 128 + signum)
