"""Measuring a command as a child process: CPU seconds (user + system), wall seconds and
peak resident memory, read from ``resource.RUSAGE_CHILDREN`` so that worker processes a
command starts are counted too."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Run:
    cpu: float
    """User + system CPU seconds of the command and every process it waited for."""
    wall: float
    peak_mib: float
    """Largest resident set of the command or any of its children (ru_maxrss)."""


@dataclass(frozen=True)
class Figure:
    label: str
    runs: tuple[Run, ...]
    items: int = 0
    """Articles, triples or rows the figure is about, for a rate; 0 when none applies."""
    status: str = ""
    """Why there are no runs (stopped at the time limit, failed)."""

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def wall(self) -> float:
        return statistics.median(r.wall for r in self.runs)

    @property
    def peak_mib(self) -> float:
        return max(r.peak_mib for r in self.runs)


def run_once(command: Sequence[str], env: dict[str, str] | None = None) -> Run:
    """Run ``command`` in a fresh process that measures it and reports the figures.

    A fresh measuring process per run, because RUSAGE_CHILDREN's ru_maxrss is the peak
    of every child ever waited for: measured in this process, the peak of a big build
    would stay in the figures of every later, smaller command.
    """
    probe = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
        "wall = time.perf_counter() - start\n"
        "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(done.returncode, usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, *command],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=True,
    )
    code, cpu, wall, maxrss = done.stdout.split()
    if code != "0":
        raise RuntimeError(f"{' '.join(command)} failed with exit code {code}: {done.stderr}")
    return Run(cpu=float(cpu), wall=float(wall), peak_mib=int(maxrss) / 1024)


def measure(
    label: str,
    command: Sequence[str],
    repeat: int = 1,
    items: int = 0,
    env: dict[str, str] | None = None,
) -> Figure:
    return Figure(label, tuple(run_once(command, env) for _ in range(repeat)), items)


def in_process_peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def now() -> tuple[float, float]:
    """(CPU seconds of this process, wall seconds) for timing work done in-process."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime, time.perf_counter()
