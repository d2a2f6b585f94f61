"""All-or-nothing output sets: a build writes into a staging folder and commits at the end.

The staging folder sits beside the output folder (same filesystem, so that committing is
a rename), named ``.OUT.articlekg-staging-PID-RANDOM``. It holds ``files/``, the future
content of the output folder, and ``parts/``, per-article pieces the corpus files are
assembled from. Its owner holds an advisory lock on it for as long as it lives, so a
later build can tell a folder left by a killed build (lock free) from one still in use
and remove it. Committing renames every staged file over its target; a ``committing``
marker written first lets the next build finish a commit that SIGKILL cut short rather
than leave a mix of old and new files.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

from articlekg.errors import OutputError

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: fall back to the pid in the name
    fcntl = None  # type: ignore[assignment]

STAGING_TAG = ".articlekg-staging-"
COMMIT_MARKER = "committing"


def staging_prefix(outdir: Path) -> str:
    # Resolved, so that `-o .` or a symbolic link stages beside the real folder.
    return f".{outdir.resolve().name}{STAGING_TAG}"


def check_output_folder(outdir: Path) -> None:
    """Refuse, before any work, an output path that names a file or lies under one."""
    if outdir.exists() and not outdir.is_dir():
        raise OutputError(f"{outdir}: exists and is not a folder")
    for ancestor in outdir.absolute().parents:
        if ancestor.exists():
            if not ancestor.is_dir():
                raise OutputError(f"{outdir}: cannot be created, {ancestor} is a file")
            break


class StagingFolder:
    """One build's staging folder; a context manager that removes it on the way out."""

    def __init__(self, outdir: Path) -> None:
        self.outdir = outdir
        self.target = outdir.resolve()
        self._created_parents: list[Path] = []
        self._lock_fd: int | None = None
        self.root = self._create()
        self.files = self.root / "files"
        self.parts = self.root / "parts"
        self.files.mkdir()
        self.parts.mkdir()

    def _create(self) -> Path:
        check_output_folder(self.outdir)
        parent = self.target.parent
        missing = [p for p in [parent, *parent.parents] if not p.exists()]
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise OutputError(f"{self.outdir}: cannot create it ({error.strerror})") from None
        self._created_parents = missing
        remove_stale_staging(self.outdir)
        name = f"{staging_prefix(self.outdir)}{os.getpid()}-{secrets.token_hex(4)}"
        root = parent / name
        try:
            root.mkdir()
        except OSError as error:
            self._remove_created_parents()
            raise OutputError(
                f"{self.outdir}: cannot write beside it in {parent} ({error.strerror})"
            ) from None
        self._lock_fd = _lock(root, blocking=True)
        return root

    def __enter__(self) -> StagingFolder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()

    def write(self, relative: str, data: bytes) -> None:
        target = self.files / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    def commit(self) -> None:
        """Move every staged file into the output folder."""
        # One commit at a time beside the same folder, so concurrent builds do not interleave.
        with _locked(self.root.parent):
            if not self.target.exists():
                (self.root / COMMIT_MARKER).touch()
                # Nothing to keep or clash with: the whole folder appears at once.
                self.files.rename(self.target)
            else:
                self._refuse_clashes()
                (self.root / COMMIT_MARKER).touch()
                _move_tree(self.files, self.target)
        self._created_parents = []

    def _refuse_clashes(self) -> None:
        if not os.access(self.target, os.W_OK | os.X_OK):
            raise OutputError(f"{self.outdir}: not writable")
        target = str(self.target)
        for relative in _relative_files(str(self.files)):
            if os.path.isdir(os.path.join(target, relative)):
                raise OutputError(
                    f"{self.target / relative}: is a folder; cannot replace it with a file"
                )
            ancestor = os.path.dirname(relative)
            while ancestor:
                path = os.path.join(target, ancestor)
                if os.path.lexists(path) and not os.path.isdir(path):
                    raise OutputError(f"{self.outdir / ancestor}: is a file, not a folder")
                ancestor = os.path.dirname(ancestor)

    def discard(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None
        self._remove_created_parents()

    def _remove_created_parents(self) -> None:
        for folder in self._created_parents:  # deepest first
            with contextlib.suppress(OSError):
                folder.rmdir()
        self._created_parents = []


def _sorted_entries(folder: str) -> Iterator[tuple[str, bool]]:
    """A folder's entry names in sorted order, each with whether it is a folder to descend
    (a link to one is not).

    Names joined as strings, not ``Path`` objects: a corpus's output folder holds about ten
    files an article, and a sorted list of paths cost the main process over 800 bytes a
    file (about 100 MB at 10,000 articles); ``pathlib`` also interns every name it parses.
    """
    for name in sorted(os.listdir(folder)):
        yield name, stat.S_ISDIR(os.lstat(os.path.join(folder, name)).st_mode)


def _relative_files(folder: str, prefix: str = "") -> Iterator[str]:
    """The files under ``folder`` as relative names with ``/``, in path order."""
    for name, is_folder in _sorted_entries(folder):
        if is_folder:
            yield from _relative_files(os.path.join(folder, name), f"{prefix}{name}/")
        else:
            yield prefix + name


def _move_tree(source: Path | str, target: Path | str) -> None:
    for name, is_folder in _sorted_entries(str(source)):
        destination = os.path.join(target, name)
        if is_folder:
            os.makedirs(destination, exist_ok=True)
            _move_tree(os.path.join(source, name), destination)
        else:
            os.replace(os.path.join(source, name), destination)


def _lock(folder: Path, blocking: bool) -> int | None:
    """An exclusive lock on ``folder``, held until the returned descriptor is closed."""
    if fcntl is None:  # pragma: no cover
        return None
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
    except OSError:
        os.close(fd)
        return None
    return fd


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    fd = _lock(folder, blocking=True)
    try:
        yield
    finally:
        if fd is not None:
            os.close(fd)


def _pid_is_gone(folder: Path) -> bool:  # pragma: no cover - used where flock is missing
    pid = folder.name.rsplit(STAGING_TAG, 1)[-1].split("-", 1)[0]
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return True
    except PermissionError:
        return False
    return False


def remove_stale_staging(outdir: Path) -> list[Path]:
    """Remove what killed builds left beside ``outdir``, finishing a commit they began.

    A staging folder is stale when no process holds its lock (its owner died, however).
    """
    outdir = outdir.resolve()
    parent = outdir.parent
    if not parent.is_dir():
        return []
    removed = []
    with _locked(parent):
        for folder in sorted(parent.glob(f"{staging_prefix(outdir)}*")):
            if not folder.is_dir() or folder.is_symlink():
                continue
            fd = _lock(folder, blocking=False)
            if fd is None and (fcntl is not None or not _pid_is_gone(folder)):
                continue
            try:
                if (folder / COMMIT_MARKER).exists() and (folder / "files").is_dir():
                    outdir.mkdir(exist_ok=True)
                    _move_tree(folder / "files", outdir)
                shutil.rmtree(folder, ignore_errors=True)
            finally:
                if fd is not None:
                    os.close(fd)
            removed.append(folder)
    return removed
