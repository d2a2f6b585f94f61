"""A throwaway copy of the project in which the README's commands run as a user types them.

Layout (``tmp/articlekg`` is the working directory of every command)::

    tmp/shared -> ../shared        the eval scripts the Development section runs
    tmp/articlekg/.venv -> the virtual environment running the tests
    tmp/articlekg/{ontology,scripts,bench} -> the project's own
    tmp/articlekg/seeds/           a copy; exports/ is made by the README's own build line
    tmp/articlekg/articles/         a small .txt article and a small .md one
    tmp/articlekg/page.txt, my-terms.ttl, huge.txt   the build lines' other inputs

A line is split into words by bash itself (quotes, globs against the workspace), so
``--include '*.txt'`` reaches the program as ``*.txt`` and ``exports/*.trig`` as the files.
``articlekg`` lines run in-process through the click command the ``.venv/bin/articlekg``
entry point calls: each new process would load the language model again (~7 s), which
the tests pay once this way. Other programs run as processes with ``.venv/bin`` first on
PATH, as after ``source .venv/bin/activate``.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
import sys
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar
from unittest import mock

import pytest
from click.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FIXTURES = Path(__file__).parent / "fixtures"
STEM = "massage-metastatic-bone-pain"
VENV_BIN = Path(sys.prefix) / "bin"
T = TypeVar("T")


def made_inputs(root: Path) -> None:
    """The files the README's build lines name: articles/, page.txt, my-terms.ttl, huge.txt."""
    articles = root / "articles"
    articles.mkdir()
    shutil.copyfile(FIXTURES / "kinds" / "ginger-evidence.txt", articles / "ginger-evidence.txt")
    # A Markdown file, so that `--include '*.txt'` leaves something out.
    shutil.copyfile(FIXTURES / "kinds" / "reflexology-abstract.txt", articles / "reflexology.md")
    shutil.copyfile(FIXTURES / "texts" / "sound-bath.txt", root / "page.txt")
    shutil.copyfile(FIXTURES / "vocabulary" / "sound-therapy.ttl", root / "my-terms.ttl")
    # Over the 5 MB default of --max-bytes; the padding is blanks, so it reads quickly.
    text = (root / "page.txt").read_text(encoding="utf-8")
    (root / "huge.txt").write_text(text + "\n" + " " * 5_000_001 + "\n", encoding="utf-8")


class Workspace:
    def __init__(self, base: Path) -> None:
        assert (REPO / "exports" / f"{STEM}.ttl").is_file(), "exports/ is missing: make exports"
        (base / "shared").symlink_to(SHARED, target_is_directory=True)
        self.root = base / "articlekg"
        self.root.mkdir()
        (self.root / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
        for name in ("ontology", "scripts", "bench"):
            (self.root / name).symlink_to(REPO / name, target_is_directory=True)
        shutil.copytree(REPO / "seeds", self.root / "seeds")
        made_inputs(self.root)
        self.stack = contextlib.ExitStack()
        # A build's default --jobs is one per core; each worker process would load the
        # language model again (~7 s of CPU). One "core" keeps the default in-process, with
        # the model loaded once; an explicit --jobs still starts workers (the bytes are the
        # same either way: tests/test_build_parallel.py).
        self.stack.enter_context(mock.patch("articlekg.executors.available_cores", lambda: 1))
        self.resources: dict[str, Any] = {}
        self.env = {**os.environ, "PATH": f"{self.root / '.venv' / 'bin'}:{os.environ['PATH']}"}

    @property
    def exports(self) -> Path:
        return self.root / "exports"

    def close(self) -> None:
        self.stack.close()

    def resource(
        self, name: str, start: Callable[[Workspace], contextlib.AbstractContextManager[T]]
    ) -> T:
        """A server or client several commands share: started on first use, stopped with
        the workspace."""
        if name not in self.resources:
            self.resources[name] = self.stack.enter_context(start(self))
        value: T = self.resources[name]
        return value

    def words(self, line: str, cwd: Path | None = None) -> list[str]:
        """The argv bash makes of ``line`` in ``cwd`` (the workspace by default): one simple
        command, so a pipe, a redirection or a command substitution fails here instead of
        running somewhere unseen."""
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        operators = [t for t in lexer if t and set(t) <= set("();<>|&")]
        assert not operators and "$(" not in line and "`" not in line, (
            f"{line}: not one simple command; give it its own runner"
        )
        result = subprocess.run(
            ["bash", "-c", f"printf '%s\\0' {line}"],
            cwd=cwd or self.root,
            capture_output=True,
            check=True,
        )
        return result.stdout.decode().split("\0")[:-1]

    @contextlib.contextmanager
    def inside(self, folder: Path | None = None) -> Iterator[None]:
        before = Path.cwd()
        os.chdir(folder or self.root)
        try:
            yield
        finally:
            os.chdir(before)

    def articlekg(self, args: list[str], expect: int = 0) -> str:
        """``articlekg ARGS`` in-process, in the workspace; its standard output."""
        from articlekg.cli import main

        with self.inside():
            result = CliRunner().invoke(main, args)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            detail = "".join(traceback.format_exception(result.exception))
            pytest.fail(f"articlekg {' '.join(args)} raised:\n{detail}")
        assert result.exit_code == expect, f"articlekg {' '.join(args)}: {result.output}"
        return result.stdout if expect == 0 else result.output

    def process(
        self, argv: list[str], cwd: Path | None = None, timeout: float = 120
    ) -> subprocess.CompletedProcess[str]:
        folder = cwd or self.root
        if "/" in argv[0]:
            found = folder / argv[0]
            program = str(found) if found.is_file() else None
        else:
            program = shutil.which(argv[0], path=self.env["PATH"])
        if program is None:
            pytest.fail(f"{argv[0]} is not installed (see scripts/install-test-tools)")
        result = subprocess.run(
            [program, *argv[1:]],
            cwd=folder,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        assert result.returncode == 0, f"{' '.join(argv)} exited {result.returncode}:\n" + (
            result.stdout[-2000:] + result.stderr[-2000:]
        )
        return result

    def run(self, line: str, cwd: Path | None = None) -> str:
        """Run one README line as typed; what it printed."""
        argv = self.words(line, cwd)
        if argv[0] == "articlekg" and cwd is None:
            return self.articlekg(argv[1:])
        return self.process(argv, cwd).stdout
