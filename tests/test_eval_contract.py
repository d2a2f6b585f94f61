"""The competency-question contract, scored by the shared scorer as CI sees it.

Needs ../shared beside the repository (CI clones it there); without it these tests fail,
they do not skip.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from articlekg import api
from conftest import DevCorpus

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
DEV = SHARED / "eval" / "dev"
SEED = ROOT / "seeds" / "massage-metastatic-bone-pain.txt"
FLOORS = ROOT / "tests" / "data" / "dev-floors.json"


def score(graph: Path, gold: Path, source: Path | None = None) -> dict[str, object]:
    assert SCORER.is_file(), f"the shared scorer is missing: {SCORER}"
    command = [
        sys.executable,
        str(SCORER),
        "--graph",
        str(graph),
        "--queries",
        str(ROOT / "ontology" / "queries"),
        "--ontology",
        str(ROOT / "ontology"),
        "--gold",
        str(gold),
        "--json",
    ]
    if source is not None:
        command += ["--source", str(source)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.stderr == "", done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


@pytest.fixture(scope="module")
def dev_builds(dev_corpus: DevCorpus) -> dict[str, Path]:
    """Each dev article's Turtle, from the session's one build of the dev folder."""
    return {p.stem: dev_corpus.out / f"{p.stem}.ttl" for p in dev_corpus.sources}


def test_seed_scores_at_least_095_with_exact_quotes(tmp_path: Path) -> None:
    api.build([SEED], tmp_path, formats=["turtle"])
    result = score(tmp_path / f"{SEED.stem}.ttl", SHARED / "eval" / "seed" / "gold.json", SEED)
    assert result["provenance_ok"] is True
    assert float(result["f1"]) >= 0.95  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def dev_scores(dev_builds: dict[str, Path]) -> dict[str, dict[str, object]]:
    return {
        stem: score(graph, DEV / f"{stem}.gold.json", DEV / f"{stem}.txt")
        for stem, graph in dev_builds.items()
    }


def test_every_dev_article_builds_conforms_and_quotes_exactly(
    dev_builds: dict[str, Path], dev_scores: dict[str, dict[str, object]]
) -> None:
    # api.build validates every article before writing: a Turtle file means it conformed.
    assert all(graph.is_file() for graph in dev_builds.values()), dev_builds
    wrong = [stem for stem, result in dev_scores.items() if result["provenance_ok"] is not True]
    assert not wrong, wrong


def test_no_dev_article_falls_below_its_floor(dev_scores: dict[str, dict[str, object]]) -> None:
    """Floors are each article's score when last raised, less 0.05 (tests/data/dev-floors.json).

    The goals themselves are measured by ../shared/eval/score-all and reported, not asserted.
    """
    floors: dict[str, float] = json.loads(FLOORS.read_text(encoding="utf-8"))["floors"]
    assert set(floors) == set(dev_scores), "a dev article without a floor, or a floor without one"
    below = {}
    for stem, result in dev_scores.items():
        f1 = float(result["f1"])  # type: ignore[arg-type]
        if f1 < floors[stem]:
            below[stem] = (round(f1, 3), floors[stem])
    assert not below, below
