"""SIGINT and SIGTERM during a build: raise :class:`BuildInterrupted` so that cleanup runs.

Python's default for SIGTERM is to die on the spot, which would leave the staging folder
behind; turning both signals into an exception lets ``finally`` blocks remove it, and the
CLI exit with the shell's usual 128 + signal number. The exception is a BaseException on
its way out (so that no library's ``except Exception`` catches it) and becomes
:class:`BuildInterrupted` when it leaves the guard. Once the output is being committed
a signal is held back until the build is done, so that it never lands between two
renames, and says that the output was written.
"""

from __future__ import annotations

import signal
import threading
from types import FrameType
from typing import Any

from articlekg.errors import BuildInterrupted

HANDLED = (signal.SIGINT, signal.SIGTERM)


class _Stop(BaseException):
    """What the handler raises: not an Exception (like KeyboardInterrupt), so that the
    libraries' ``except Exception`` clauses (a YAML loader turning any error into "Invalid
    YAML", say) do not swallow or rename it on its way out of the build."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


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

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, *rest: object
    ) -> None:
        for signum, previous in self._previous.items():
            signal.signal(signum, previous)
        self._previous.clear()
        if isinstance(error, _Stop):
            raise interrupted(error.signum, "the output folder was left as it was") from None
        if self._pending is not None and not self._raised and kind is None:
            self._raised = True
            raise interrupted(self._pending, "after the output was written in full")

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self._holding or self._raised:
            # During the commit, or a second signal during cleanup: let it finish.
            self._pending = self._pending or signum
            return
        self._raised = True
        raise _Stop(signum)

    def hold(self) -> None:
        """From now on (the commit), a signal waits until the ``with`` block ends."""
        self._holding = True


def interrupted(signum: int, outcome: str) -> BuildInterrupted:
    name = signal.Signals(signum).name
    return BuildInterrupted(f"interrupted by {name}; {outcome}", 128 + signum)
