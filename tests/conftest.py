"""Fixtures shared by several test files: the seed and the dev articles, built once per session.

The dev articles are ../shared/eval/dev/NN-name.txt, found the way ../shared/eval/score-all
finds them (every NN-name.gold.json with its text beside it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from articlekg.pipeline import BuiltArticle, build_document
from articlekg.read import read_document

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "dev"
SEED = ROOT / "seeds" / "massage-metastatic-bone-pain.txt"


def dev_sources() -> list[Path]:
    golds = sorted(DEV.glob("*.gold.json"))
    return [DEV / f"{gold.name.removesuffix('.gold.json')}.txt" for gold in golds]


@pytest.fixture(scope="session")
def built_seed() -> BuiltArticle:
    return build_document(read_document(SEED))


@pytest.fixture(scope="session")
def built_dev() -> list[BuiltArticle]:
    """The 25 dev articles, built and checked against the shapes."""
    sources = dev_sources()
    assert len(sources) == 25, f"expected the 25 dev articles in {DEV} (CI puts shared/ there)"
    return [build_document(read_document(source)) for source in sources]
