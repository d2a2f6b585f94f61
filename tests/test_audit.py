"""The topical-map audit: declared central entity and map items against the text."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from articlekg.audit import audit_article, audit_rules, domain_graph, rank
from articlekg.audit_report import render_json, render_text
from articlekg.cli import main
from articlekg.pipeline import BuiltArticle
from articlekg.vocab import AKG
from conftest import SEED

B = "https://example.org/a/"


def test_pagerank_follows_facts_not_the_article_or_the_map() -> None:
    g = Graph()
    article, a, b, c = (URIRef(B + n) for n in ("article", "a", "b", "c"))
    g.add((article, RDF.type, AKG.Article))
    for node, label in ((a, "alpha"), (b, "beta"), (c, "gamma")):
        g.add((node, RDF.type, AKG.Intervention))
        g.add((node, RDFS.label, Literal(label)))
        g.add((article, AKG.mentions, node))  # structural: no weight
    for i in range(3):
        finding = URIRef(f"{B}finding/{i}")
        g.add((finding, RDF.type, AKG.Finding))
        g.add((finding, AKG.intervention, a))
        g.add((finding, AKG.outcome, b if i == 0 else a))
    g.add((b, AKG.attributeOf, c))  # a declaration of the map: no weight either
    rules = audit_rules()
    domain = domain_graph(g, rules)
    assert str(article) not in domain
    ranking = rank(g, domain, rules, {str(c): 5})
    assert [r.label for r in ranking] == ["alpha", "beta", "gamma"]
    assert ranking[0].facts == 3 and ranking[1].facts == 1
    # No fact links gamma: PageRank 0 however often the text names it.
    assert ranking[2].pagerank == 0.0 and ranking[2].mentions == 5


def test_seed_declares_and_measures_massage_therapy_as_central(built_seed: BuiltArticle) -> None:
    report = audit_article(built_seed)
    assert report.has_map
    assert report.declared_central == "massage therapy"
    assert report.measured_central is not None
    assert report.measured_central.label == "massage therapy"
    assert report.central_agrees and report.declared_central_rank == 1


def test_seed_flags_every_declared_attribute_and_outer_topic(built_seed: BuiltArticle) -> None:
    report = audit_article(built_seed)
    facts = built_seed.facts
    by_kind: dict[str, dict[str, object]] = {}
    for item in report.items:
        by_kind.setdefault(item.kind, {})[item.label] = item
    attributes = {a.attribute.label for a in facts.attributes}
    outer = {r.label for s in facts.topical_sections if s.kind == "outer" for r, _ in s.topics}
    assert len(attributes) == 5 and len(outer) == 4
    assert attributes == set(by_kind["attribute"])
    assert outer == set(by_kind["outer topic"])
    for item in report.items:
        assert item.status in ("supported", "mentioned", "absent")
        assert (item.facts > 0) == (item.status == "supported")
    relaxation = by_kind["attribute"]["muscle relaxation"]
    assert relaxation.status == "supported" and relaxation.facts >= 2  # type: ignore[attr-defined]
    # Only the map's own list names this topic: the text says nothing more about it.
    communication = by_kind["outer topic"]["Caregiver-patient communication"]
    assert communication.status == "absent"  # type: ignore[attr-defined]
    # What the map leaves out is ranked, and is not one of the declared items.
    assert report.left_out
    assert not {e.label for e in report.left_out} & (attributes | outer | {"massage therapy"})


def test_the_audit_runs_on_every_dev_article(built_dev: list[BuiltArticle]) -> None:
    reports = [audit_article(article) for article in built_dev]
    assert len(reports) == 25
    with_map = [r for r in reports if r.has_map]
    assert {r.article[:2] for r in with_map} >= {"06", "07"}
    for report in with_map:
        assert report.items and report.declared_central
    for report in reports:
        if not report.has_map:
            assert report.inferred, report.article
            assert report.inferred[0][0] == "central", report.article
    text = render_text(reports)
    assert text.count("== ") == 25
    assert len(json.loads(render_json(reports))) == 25


def test_cli_prints_the_table_and_writes_json(tmp_path: Path) -> None:
    out = tmp_path / "audit.json"
    result = CliRunner().invoke(main, ["audit", str(SEED), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "central entity: declared 'massage therapy', measured 'massage therapy'" in result.output
    assert "outer topic" in result.output
    (report,) = json.loads(out.read_text(encoding="utf-8"))
    assert report["declared_central"] == "massage therapy"
    assert report["measured_central"]["label"] == "massage therapy"
    assert report["central_agrees"] is True
    assert {item["status"] for item in report["items"]} <= {"supported", "mentioned", "absent"}


def test_cli_audit_of_a_missing_file_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["audit", str(tmp_path / "none.txt")])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"articlekg: {tmp_path / 'none.txt'}: no such file or folder"
    ]
