"""Same input, same bytes: across runs, hash seeds, and against the committed exports/."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "massage-metastatic-bone-pain.txt"


def build_with_seed(hash_seed: str, out: Path) -> dict[str, bytes]:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    subprocess.run(
        [sys.executable, "-m", "articlekg", "build", str(SEED), "-o", str(out)],
        check=True,
        env=env,
        capture_output=True,
    )
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_two_builds_under_different_hash_seeds_are_byte_identical(tmp_path: Path) -> None:
    first = build_with_seed("1", tmp_path / "a")
    second = build_with_seed("4242", tmp_path / "b")
    assert sorted(first) == sorted(second)
    assert len(first) >= 10
    different = [name for name in first if first[name] != second[name]]
    assert different == []


def test_committed_exports_are_what_the_seed_builds_today(tmp_path: Path) -> None:
    built = build_with_seed("0", tmp_path / "fresh")
    committed = {
        str(p.relative_to(ROOT / "exports")): p.read_bytes()
        for p in sorted((ROOT / "exports").rglob("*"))
        if p.is_file()
    }
    assert sorted(built) == sorted(committed)
    stale = [name for name in built if built[name] != committed[name]]
    assert stale == [], "run 'make exports' and commit exports/"


def test_no_timestamps_but_the_sources_own(tmp_path: Path) -> None:
    built = build_with_seed("0", tmp_path / "fresh")
    text = b"".join(built.values()).decode("utf-8")
    assert "2025-11-15" in text  # the article's own date
    for year in ("2026", "2027"):
        assert year not in text
