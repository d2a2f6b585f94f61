"""`articlekg view`: a self-contained page that draws the property graph, checked in
headless Chromium (Debian's package, driven by playwright-core from tests/node) for one
article and for the 25-article dev corpus."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from articlekg import api
from articlekg.cli import main
from articlekg.export.projection import PropertyGraph, project
from articlekg.export.style import STRUCTURAL_TYPES
from articlekg.view import page_data, read_graphs, view_html
from articlekg.vocab import AKG
from conftest import DevCorpus

ROOT = Path(__file__).resolve().parents[1]
SEED_TTL = ROOT / "exports" / "massage-metastatic-bone-pain.ttl"
SEED_GRAPHML = ROOT / "exports" / "massage-metastatic-bone-pain.graphml"
NODE_DIR = ROOT / "tests" / "node"
CHROMIUM = Path("/usr/bin/chromium")
# Where the screenshots go: a temporary folder, or (to refresh the README's pictures)
# the folder this variable names, e.g. ARTICLEKG_SCREENSHOTS=docs.
SCREENSHOTS = os.environ.get("ARTICLEKG_SCREENSHOTS")


@pytest.fixture(scope="module")
def corpus_exports(dev_corpus: DevCorpus) -> list[Path]:
    """The dev articles' Turtle exports, from the folder build the session shares."""
    exports = sorted(p for p in dev_corpus.out.glob("*.ttl") if p.stem[:2].isdigit())
    assert len(exports) == 25, f"expected the 25 dev articles' exports in {dev_corpus.out}"
    return exports


def embedded_data(html: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S)
    assert found, "the page carries its graph as JSON"
    data: dict[str, Any] = json.loads(found.group(1))
    return data


def test_page_is_one_file_that_needs_no_network() -> None:
    html = view_html(read_graphs([SEED_TTL]))
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", html)
    assert "sigma" in html.lower() and "forceatlas2" in html.lower()
    assert html == view_html(read_graphs([SEED_TTL])), "same input, same bytes"
    data = embedded_data(html)
    assert data["title"] == "massage-metastatic-bone-pain"
    assert len(data["nodes"]) == nx.read_graphml(SEED_GRAPHML).number_of_nodes()


def test_text_cannot_break_out_of_the_page() -> None:
    graph = Graph()
    article = URIRef("https://w3id.org/articlekg/id/article/x")
    hostile = URIRef("https://w3id.org/articlekg/id/entity/x")
    label = "</script><script>alert(1)</script> <!-- & \u2028"
    graph.add((article, RDF.type, AKG.Article))
    graph.add((hostile, RDF.type, AKG.Intervention))
    graph.add((hostile, RDFS.label, Literal(label)))
    html = view_html(graph, title="<b>@@DATA@@</b>")
    assert "<script>alert" not in html
    assert "<title>&lt;b&gt;@@DATA@@&lt;/b&gt;</title>" in html
    data = embedded_data(html)
    assert label in {node["label"] for node in data["nodes"]}
    assert data["title"] == "<b>@@DATA@@</b>"


def test_every_quote_is_highlighted_inside_its_sentence() -> None:
    data = page_data(read_graphs([SEED_TTL]), "seed")
    quotes = [quote for node in data["nodes"] for quote in node["quotes"]]
    assert quotes
    for quote in quotes:
        at = quote["start"] - quote["sentenceStart"]
        assert quote["sentence"][at : at + len(quote["quote"])] == quote["quote"]
        assert quote["end"] - quote["start"] == len(quote["quote"])
        assert quote["articleLabel"] == "massage-metastatic-bone-pain"
    within = [q for q in quotes if len(q["sentence"]) > len(q["quote"])]
    assert within, "a mention's quote is shown in the sentence around it"
    massage = next(n for n in data["nodes"] if n["id"].endswith("/concept/massage-therapy"))
    assert massage["types"][0] == "Intervention"
    assert massage["id"] in massage["identifiers"]
    assert len(massage["quotes"]) > 1, "every quote, not only the first"


def test_view_command_writes_the_page_and_refuses_bad_output(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["view", str(SEED_TTL), "-o", str(tmp_path / "g.html")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "g.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    result = runner.invoke(main, ["view", str(SEED_TTL), "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output.strip().startswith("articlekg:") and "folder" in result.output
    result = runner.invoke(main, ["view", str(SEED_TTL.parent), "-o", str(tmp_path / "c.html")])
    assert result.exit_code == 2 and "*.ttl" in result.output
    bad = tmp_path / "bad.ttl"
    bad.write_text("not turtle", encoding="utf-8")
    result = runner.invoke(main, ["view", str(bad), "-o", str(tmp_path / "b.html")])
    assert result.exit_code == 2
    assert not (tmp_path / "b.html").exists()


def domain_counts(pg: PropertyGraph) -> dict[str, int]:
    return {
        "nodes": sum(node.types[0] not in STRUCTURAL_TYPES for node in pg.nodes),
        "edges": sum(not edge.attributes["structural"] for edge in pg.edges),
    }


def open_in_chromium(page: Path, node: str, screenshot: Path) -> dict[str, Any]:
    assert CHROMIUM.exists(), "scripts/install-test-tools installs Debian's chromium"
    assert (NODE_DIR / "node_modules" / "playwright-core").is_dir(), (
        "run scripts/install-test-tools"
    )
    node_binary = shutil.which("node")
    assert node_binary, "scripts/install-test-tools installs nodejs"
    done = subprocess.run(
        [node_binary, "view-page.mjs", str(page), node, str(screenshot)],
        cwd=NODE_DIR,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def clicked_node(pg: PropertyGraph) -> str:
    """A finding with a quote, the most connected one: the node the test clicks."""
    findings = [n for n in pg.nodes if n.types[0] == "Finding" and "evidenceQuote" in n.attributes]
    return max(findings, key=lambda n: (float(n.attributes["size"]), n.id)).id


@pytest.mark.parametrize("which", ["seed", "corpus"])
def test_page_draws_the_whole_graph_in_chromium(
    which: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    exports = [SEED_TTL] if which == "seed" else request.getfixturevalue("corpus_exports")
    page = api.view(exports, tmp_path / f"{which}.html")
    pg = project(read_graphs(exports))
    node = clicked_node(pg)
    shots = Path(SCREENSHOTS).resolve() if SCREENSHOTS else tmp_path
    screenshot = shots / f"view-{which}.png"
    report = open_in_chromium(page, node, screenshot)

    assert report["errors"] == []
    assert report["requests"] == [], "the page reaches for nothing outside itself"
    assert report["drawnAll"] == {"nodes": len(pg.nodes), "edges": len(pg.edges)}
    assert report["drawnDomain"] == domain_counts(pg), "structural edges are filtered away"
    hidden = sum(n.types[0] == report["hiddenType"] for n in pg.nodes)
    assert report["drawnWithoutType"]["nodes"] == domain_counts(pg)["nodes"] - hidden > 0

    quote = next(n for n in pg.nodes if n.id == node).attributes["evidenceQuote"]
    assert report["panelNode"] == node, "the click landed on the node"
    assert quote in report["panelText"]
    assert quote in report["marked"]
    assert any(quote in sentence for sentence in report["sentences"])
    assert node in report["searchResults"]
    neighbours = sorted(
        e.target if e.source == node else e.source
        for e in pg.edges
        if node in (e.source, e.target) and not e.attributes["structural"]
    )
    assert sorted(report["links"]) == neighbours and neighbours
    for picture in (screenshot, screenshot.with_name(f"view-{which}-panel.png")):
        assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert picture.stat().st_size > 20_000, "the screenshot shows a drawing"
    if which == "corpus":
        articles = sum(n.types[0] == "Article" for n in pg.nodes)
        assert articles == 25


def test_vendored_libraries_carry_their_licences_and_documented_versions() -> None:
    assets = ROOT / "src" / "articlekg" / "view_assets"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    versions = dict(
        line.split() for line in (assets / "VERSIONS").read_text(encoding="utf-8").splitlines()
    )
    assert {"graphology", "sigma", "graphology-layout-forceatlas2"} <= set(versions)
    for package, version in versions.items():
        licence = (assets / f"LICENSE.{package}").read_text(encoding="utf-8")
        assert "Permission is hereby granted" in licence, package
        assert version in readme, f"README names {package} {version}"
    script = (ROOT / "scripts" / "build-view-assets").read_text(encoding="utf-8")
    for package in ("graphology", "sigma", "graphology-layout-forceatlas2"):
        assert f'"{package}": "{versions[package]}"' in script
