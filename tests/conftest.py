"""Fixtures several test files share.

``dev_corpus`` builds the dev articles (../shared/eval/dev, as ../shared/eval/score-all
finds them) once per test session, as one folder with every format and ``--store``,
through the command line a user types.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "dev"


@dataclass(frozen=True)
class DevCorpus:
    sources: list[Path]
    """The dev articles' text files."""
    out: Path
    """What ``articlekg build FOLDER -o out --store store`` wrote."""
    store: Path
    output: str
    """What the command printed."""


@pytest.fixture(scope="session")
def dev_corpus(tmp_path_factory: pytest.TempPathFactory) -> DevCorpus:
    from articlekg.cli import main

    sources = sorted(DEV.glob("*.txt"))
    assert len(sources) >= 25, f"expected the 25 dev articles in {DEV}"
    folder = tmp_path_factory.mktemp("dev-articles")
    for source in sources:
        shutil.copyfile(source, folder / source.name)
    work = tmp_path_factory.mktemp("dev-corpus")
    out, store = work / "out", work / "kg.db"
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(out), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return DevCorpus(sources, out, store, result.output)
