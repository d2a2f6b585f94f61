"""Sorted runs of lines on disk: merging them, sorting more lines than memory should hold,
and keys whose byte order is the order Python gives the strings they encode.

The corpus files are assembled from per-article parts with these, so the memory a corpus
build needs does not grow with the number of articles: only one line per run (and one
bounded chunk while sorting) is held at a time.
"""

from __future__ import annotations

import heapq
import itertools
import operator
import sys
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import BinaryIO

MERGE_FAN_IN = 64
"""Runs merged at once: bounds the files open at a time, whatever the corpus size."""
SORT_CHUNK_BYTES = 4 * 2**20
"""Memory an :class:`ExternalSort`'s lines may take before it writes them out as one sorted
run: their bytes and each line's object and list slot, which for the short lines of node
ends are most of it."""
_LINE_OVERHEAD = sys.getsizeof(b"") + 8
KEY_END = b"\x00"
"""Ends each key in a line: below every byte :func:`sort_key` writes, so a string sorts
before the strings it is a prefix of, as in Python."""
_ESCAPE = 0x01
_LOWEST_PLAIN = 0x0B  # above "\n", so a key never ends a line


def sort_key(text: str) -> bytes:
    """``text`` as bytes that sort (bytewise) as ``text`` sorts among strings, with no
    ``KEY_END`` and no line break in them.

    UTF-8 keeps code point order; the few characters below ``_LOWEST_PLAIN`` (the line
    break, ``KEY_END`` and the escape itself) become the escape byte and one byte above
    them, which keeps their order among themselves and before every other character.
    Surrogates, which no export can write anyway, are kept rather than refused here.
    """
    encoded = text.encode("utf-8", "surrogatepass")
    if min(encoded, default=_LOWEST_PLAIN) >= _LOWEST_PLAIN:
        return encoded
    escaped = bytearray()
    for byte in encoded:
        if byte < _LOWEST_PLAIN:
            escaped += bytes((_ESCAPE, byte + 0x20))
        else:
            escaped.append(byte)
    return bytes(escaped)


def merge_sorted_runs(runs: list[Path], target: Path, scratch: Path) -> None:
    """Merge files of sorted lines into ``target`` (bytewise order, i.e. code point order).

    At most :data:`MERGE_FAN_IN` files are open at once: larger sets are merged in rounds
    through intermediate runs in ``scratch``.
    """
    round_number = 0
    while len(runs) > MERGE_FAN_IN:
        merged: list[Path] = []
        for start in range(0, len(runs), MERGE_FAN_IN):
            run = scratch / f"merge-{round_number}-{start}.run"
            _merge_files(runs[start : start + MERGE_FAN_IN], run)
            merged.append(run)
        for used in runs:
            if used.name.startswith("merge-"):
                used.unlink()
        runs = merged
        round_number += 1
    _merge_files(runs, target)
    for used in runs:
        if used.name.startswith("merge-"):
            used.unlink()


def _merge_files(runs: list[Path], target: Path) -> None:
    with ExitStack() as stack, target.open("wb") as out:
        readers: list[BinaryIO] = [stack.enter_context(run.open("rb")) for run in runs]
        out.writelines(heapq.merge(*readers))


class ExternalSort:
    """Collects lines (each ending in ``\\n``) and writes them to one file in bytewise
    order, holding lines of at most about :data:`SORT_CHUNK_BYTES` at a time."""

    def __init__(self, scratch: Path, name: str) -> None:
        self._scratch = scratch
        self._name = name
        self._chunk: list[bytes] = []
        self._chunk_bytes = 0
        self._runs: list[Path] = []

    def add(self, line: bytes) -> None:
        self._chunk.append(line)
        self._chunk_bytes += len(line) + _LINE_OVERHEAD
        if self._chunk_bytes >= SORT_CHUNK_BYTES:
            self._flush()

    def _flush(self) -> None:
        run = self._scratch / f"{self._name}-{len(self._runs):06d}.run"
        self._chunk.sort()
        with run.open("wb") as out:
            out.writelines(self._chunk)
        self._runs.append(run)
        self._chunk, self._chunk_bytes = [], 0

    def finish(self, target: Path) -> Path:
        if self._chunk or not self._runs:
            self._flush()
        merge_sorted_runs(self._runs, target, self._scratch)
        for run in self._runs:
            run.unlink()
        self._runs = []
        return target


def grouped(lines: Iterable[bytes]) -> Iterator[tuple[bytes, Iterator[bytes]]]:
    """Consecutive lines with the same key (what precedes the first ``KEY_END``), each
    group as the key and an iterator over the rest of its lines (line breaks removed).

    A group is read as it is consumed, so one key shared by many lines is never held at
    once; as with :func:`itertools.groupby`, a group must be read before the next is asked
    for.
    """
    split = (line.rstrip(b"\n").split(KEY_END, 1) for line in lines)
    for key, group in itertools.groupby(split, key=operator.itemgetter(0)):
        yield key, (rest for _, rest in group)
