"""Where the per-article step runs: in this process, in worker processes, or on Dask.

Each executor is a context manager whose ``run`` maps :func:`articlekg.worker.build_outputs`
over tasks and yields the outputs as articles finish (not in input order). Only a few
articles are in flight at a time, so memory does not grow with the number of articles.
Leaving the ``with`` block on an error or an interrupt stops the workers at once.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType
from typing import Any, Protocol

from articlekg.errors import ArticleKGError, InputError, RemoteError, SetupError
from articlekg.worker import ArticleOutputs, ArticleTask, build_outputs

EXECUTORS = ("local", "dask")


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


class Executor(Protocol):
    def __enter__(self) -> Executor: ...

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None: ...

    def run(self, tasks: Iterable[ArticleTask]) -> Iterator[ArticleOutputs]: ...


class InlineExecutor:
    """One article after another in this process: ``--jobs 1`` and single articles."""

    def __enter__(self) -> InlineExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def run(self, tasks: Iterable[ArticleTask]) -> Iterator[ArticleOutputs]:
        for task in tasks:
            yield build_outputs(task)


def _quiet_worker() -> None:
    # Ctrl-C reaches the whole process group: the parent alone decides to stop, and stops
    # the workers itself; SIGTERM (how it stops them) must end a worker at once.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


class ProcessExecutor:
    """``--jobs N``: N worker processes on this machine."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> ProcessExecutor:
        # forkserver: workers fork from a clean server process that has imported the
        # pipeline once, not from this process and whatever threads it runs.
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        if "forkserver" in methods:
            context.set_forkserver_preload(["articlekg.worker"])
        self._pool = ProcessPoolExecutor(self.jobs, mp_context=context, initializer=_quiet_worker)
        return self

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if kind is not None:
            # Stop now: an interrupted or failed build must not wait for running articles.
            # (The executor has no public way to stop its workers before Python 3.14.)
            for process in list(getattr(pool, "_processes", {}).values()):
                process.terminate()
        pool.shutdown(wait=True, cancel_futures=True)

    def run(self, tasks: Iterable[ArticleTask]) -> Iterator[ArticleOutputs]:
        assert self._pool is not None, "use ProcessExecutor in a with block"
        pending = iter(tasks)
        running = {
            self._pool.submit(build_outputs, task)
            for task in itertools.islice(pending, 2 * self.jobs)
        }
        while running:
            done, running = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                try:
                    outputs = future.result()
                except BrokenProcessPool:
                    raise ArticleKGError(
                        "a worker process died (killed, or out of memory?); nothing was written"
                    ) from None
                following = next(pending, None)
                if following is not None:
                    running.add(self._pool.submit(build_outputs, following))
                yield outputs


class DaskExecutor:
    """``--executor dask``: a Dask cluster at ``scheduler``, or a local one of ``jobs``
    worker processes. Workers must have articlekg installed and see the input files at
    the same paths; outputs come back to this process, which alone writes."""

    def __init__(self, scheduler: str | None, jobs: int) -> None:
        self.scheduler = scheduler
        self.jobs = jobs
        self._client: Any = None
        self._cluster: Any = None

    def __enter__(self) -> DaskExecutor:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise SetupError(
                "the dask executor needs Dask: pip install 'articlekg[dask]'"
            ) from None
        try:
            if self.scheduler is None:
                self._cluster = LocalCluster(
                    n_workers=self.jobs,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=None,
                )
                self._client = Client(self._cluster)
            else:
                self._client = Client(self.scheduler, timeout=30)
        except (OSError, TimeoutError, ValueError) as error:
            self.__exit__(type(error))
            where = self.scheduler or "a local cluster"
            raise RemoteError(f"cannot reach the Dask scheduler at {where}: {error}") from None
        return self

    def __exit__(self, kind: type[BaseException] | None = None, *rest: object) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def run(self, tasks: Iterable[ArticleTask]) -> Iterator[ArticleOutputs]:
        from distributed import as_completed

        client = self._client
        pending = iter(tasks)
        window = 2 * max(sum(client.nthreads().values()), 1)
        finished = as_completed(
            [client.submit(build_outputs, t, pure=False) for t in itertools.islice(pending, window)]
        )
        for future in finished:
            outputs: ArticleOutputs = future.result()
            future.release()
            following = next(pending, None)
            if following is not None:
                finished.add(client.submit(build_outputs, following, pure=False))
            yield outputs


def make_executor(kind: str, jobs: int | None, scheduler: str | None, articles: int) -> Executor:
    """The executor ``--executor``/``--jobs``/``--scheduler`` ask for, for ``articles``."""
    if kind not in EXECUTORS:
        raise InputError(f"unknown executor {kind!r}; choose from {', '.join(EXECUTORS)}")
    if jobs is not None and jobs < 1:
        raise InputError(f"--jobs must be at least 1, not {jobs}")
    if scheduler is not None and kind != "dask":
        raise InputError("--scheduler needs --executor dask")
    workers = min(jobs or available_cores(), max(articles, 1))
    if kind == "dask":
        return DaskExecutor(scheduler, workers)
    if workers == 1:
        return InlineExecutor()
    return ProcessExecutor(workers)
