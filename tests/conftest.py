"""Fixtures several test files share: the seed and the dev articles, built once per session.

The dev articles are ../shared/eval/dev/NN-name.txt, found the way ../shared/eval/score-all
finds them (every NN-name.gold.json with its text beside it). ``dev_corpus`` builds them as
one folder with every format and ``--store``, through the command line a user types;
``built_dev`` builds them in-process for tests that need the documents and facts.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

if TYPE_CHECKING:
    from articlekg.pipeline import BuiltArticle

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "dev"
SEED = ROOT / "seeds" / "massage-metastatic-bone-pain.txt"


def dev_sources() -> list[Path]:
    golds = sorted(DEV.glob("*.gold.json"))
    return [DEV / f"{gold.name.removesuffix('.gold.json')}.txt" for gold in golds]


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

    sources = dev_sources()
    assert len(sources) == 25, f"expected the 25 dev articles in {DEV} (CI puts shared/ there)"
    folder = tmp_path_factory.mktemp("dev-articles")
    for source in sources:
        shutil.copyfile(source, folder / source.name)
    work = tmp_path_factory.mktemp("dev-corpus")
    out, store = work / "out", work / "kg.db"
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(out), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return DevCorpus(sources, out, store, result.output)


@pytest.fixture(scope="session")
def built_seed() -> BuiltArticle:
    from articlekg.pipeline import build_document
    from articlekg.read import read_document

    return build_document(read_document(SEED))


@pytest.fixture(scope="session")
def built_dev() -> list[BuiltArticle]:
    """The 25 dev articles, built and checked against the shapes."""
    from articlekg.pipeline import build_document
    from articlekg.read import read_document

    sources = dev_sources()
    assert len(sources) == 25, f"expected the 25 dev articles in {DEV} (CI puts shared/ there)"
    return [build_document(read_document(source)) for source in sources]
