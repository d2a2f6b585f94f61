"""An installed wheel works outside the repository: ontology, shapes, lexicon and queries
travel inside it as package data."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_carries_the_ontology_and_builds_outside_the_repository(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path / "dist"),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next((tmp_path / "dist").glob("articlekg-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for required in (
        "articlekg/ontology/articlekg.ttl",
        "articlekg/ontology/shapes.ttl",
        "articlekg/ontology/queries/effects.rq",
        "articlekg/ontology/lexicon/interventions.ttl",
        # `articlekg view` inlines these: the drawing libraries and their licences.
        "articlekg/view_assets/graph-libraries.min.js",
        "articlekg/view_assets/LICENSE.sigma",
        "articlekg/view_assets/page.js",
    ):
        assert required in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    article = elsewhere / "article.txt"
    article.write_bytes((ROOT / "seeds" / "massage-metastatic-bone-pain.txt").read_bytes())
    # Only the unpacked wheel on the path, run from a folder that is not the repository.
    env = {**os.environ, "PYTHONPATH": str(site)}
    code = (
        "import articlekg.resources as r, articlekg.cli as c;"
        "print(r.ontology_dir());"
        "c.main(['build', 'article.txt', '-o', 'out', '-f', 'turtle'])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == str(site / "articlekg" / "ontology")
    assert (elsewhere / "out" / "article.ttl").stat().st_size > 10_000
