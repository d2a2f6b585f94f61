"""Deliberately broken graphs: their violation lists are recorded and must stay exactly so.

The expectations in ``tests/data/validate-suite.json`` were recorded with the validator as
it was before the shapes graph was prepared once per process, so any change to how
validation runs (engine, options, caching) must give the very same lines. Re-record only
when the shapes themselves change on purpose:
``.venv/bin/python tests/test_validate_suite.py --record``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef

from articlekg.validate import ValidationReport, _shapes_for_pyshacl, load_shapes, validate_graph
from articlekg.vocab import AKG, CONCEPT
from test_validate import ART, ARTICLE, ENT, well_formed

REPO = Path(__file__).resolve().parents[1]
SEED_TTL = REPO / "exports" / "massage-metastatic-bone-pain.ttl"
EXPECTED = REPO / "tests" / "data" / "validate-suite.json"

Breakage = Callable[[Graph], None]


def seed_graph() -> Graph:
    return Graph().parse(data=SEED_TTL.read_text(encoding="utf-8"), format="turtle")


def _first(graph: Graph, kind: URIRef) -> URIRef:
    nodes = sorted(n for n in graph.subjects(RDF.type, kind) if isinstance(n, URIRef))
    return nodes[0]


def _evidence_of(graph: Graph, node: URIRef) -> URIRef:
    found = sorted(e for e in graph.objects(node, AKG.hasEvidence) if isinstance(e, URIRef))
    return found[0]


# --- breakages of the real seed graph ---------------------------------------------------


def seed_entity_without_evidence(graph: Graph) -> None:
    graph.remove((_first(graph, AKG.Intervention), AKG.hasEvidence, None))


def seed_offset_as_string(graph: Graph) -> None:
    evidence = _first(graph, AKG.Evidence)
    start = graph.value(evidence, AKG.startOffset)
    graph.set((evidence, AKG.startOffset, Literal(str(start))))


def seed_sample_size_decimal(graph: Graph) -> None:
    graph.set((_first(graph, AKG.Study), AKG.sampleSize, Literal(Decimal("12.5"))))


def seed_quote_not_matching(graph: Graph) -> None:
    # A plain-text article's graph omits its source text; a web page's carries it, and
    # then every quote is checked against it: all but the altered one match.
    source = (REPO / "seeds" / SEED_TTL.with_suffix(".txt").name).read_text(encoding="utf-8")
    graph.add((article_of(graph), AKG.sourceText, Literal(source)))
    evidence = _evidence_of(graph, _first(graph, AKG.Finding))
    quote = str(graph.value(evidence, AKG.quote))
    graph.set((evidence, AKG.quote, Literal(quote.upper() + " (altered)")))


def seed_missing_type(graph: Graph) -> None:
    # The finding's intervention loses its class: every reference to it breaks sh:class.
    intervention = graph.value(_first(graph, AKG.Finding), AKG.intervention)
    graph.remove((intervention, RDF.type, None))


def seed_blank_node(graph: Graph) -> None:
    graph.add((_first(graph, AKG.Finding), AKG.comparator, BNode()))


def seed_evidence_without_article(graph: Graph) -> None:
    evidence = _first(graph, AKG.Evidence)
    graph.remove((evidence, AKG.inArticle, None))
    graph.remove((evidence, AKG.endOffset, None))


def seed_effect_unknown(graph: Graph) -> None:
    graph.set((_first(graph, AKG.Finding), AKG.effect, AKG.cures))


def seed_many_at_once(graph: Graph) -> None:
    for breakage in (seed_entity_without_evidence, seed_quote_not_matching, seed_missing_type):
        breakage(graph)
    graph.remove((article_of(graph), AKG.sourceFile, None))
    graph.set((_first(graph, AKG.Statistic), AKG.unit, AKG.furlong))


def article_of(graph: Graph) -> URIRef:
    return _first(graph, AKG.Article)


# --- breakages of the small hand-made graph ----------------------------------------------


def small_wrong_datatypes(graph: Graph) -> None:
    graph.set((ART["finding/1"], AKG.durationMin, Literal(16.0)))
    graph.set((ART["finding/1"], AKG.significant, Literal("yes")))
    graph.set((ENT["kutner-2008"], AKG.year, Literal("2008", datatype=XSD.gYear)))
    graph.set((CONCEPT["cortisol"], RDFS.label, Literal(7)))


def small_missing_parts(graph: Graph) -> None:
    graph.remove((ART["finding/1"], AKG.outcome, None))
    graph.remove((ART["statistic/1"], AKG.minValue, None))
    graph.remove((ART["statistic/1"], AKG.maxValue, None))
    graph.remove((ENT["patients"], AKG.hasEvidence, None))
    graph.remove((ART["evidence/advice"], AKG.quote, None))


def small_enumerations_and_ranges(graph: Graph) -> None:
    graph.set((ART["arm/massage"], AKG.armRole, Literal("placebo")))
    graph.set((ART["finding/1"], AKG.intervention, CONCEPT["pain"]))
    graph.set((ART["topical/core"], AKG.sectionKind, Literal("inner")))
    graph.add((ARTICLE, AKG.mentions, CONCEPT["nothing"]))


def small_offsets(graph: Graph) -> None:
    graph.set((ART["evidence/advice"], AKG.startOffset, Literal(-1)))
    graph.set((ART["evidence/stat"], AKG.endOffset, Literal("x", datatype=XSD.integer)))
    graph.set((ART["evidence/mech"], AKG.quote, Literal("Massage may work")))


SUITE: dict[str, tuple[Callable[[], Graph], Breakage | None]] = {
    "seed-as-built": (seed_graph, None),
    "seed-entity-without-evidence": (seed_graph, seed_entity_without_evidence),
    "seed-offset-as-string": (seed_graph, seed_offset_as_string),
    "seed-sample-size-decimal": (seed_graph, seed_sample_size_decimal),
    "seed-quote-not-matching": (seed_graph, seed_quote_not_matching),
    "seed-missing-type": (seed_graph, seed_missing_type),
    "seed-blank-node": (seed_graph, seed_blank_node),
    "seed-evidence-without-article": (seed_graph, seed_evidence_without_article),
    "seed-effect-unknown": (seed_graph, seed_effect_unknown),
    "seed-many-at-once": (seed_graph, seed_many_at_once),
    "small-wrong-datatypes": (well_formed, small_wrong_datatypes),
    "small-missing-parts": (well_formed, small_missing_parts),
    "small-enumerations-and-ranges": (well_formed, small_enumerations_and_ranges),
    "small-offsets": (well_formed, small_offsets),
}


def outcome(report: ValidationReport) -> dict[str, object]:
    return {
        "conforms": report.conforms,
        "triples": report.triples,
        "violations": [
            {
                "line": str(v),
                "focus": v.focus,
                "path": v.path,
                "value": v.value,
                "severity": v.severity,
                "source_shape": v.source_shape,
            }
            for v in report.violations
        ],
    }


def run_case(name: str) -> dict[str, object]:
    make, breakage = SUITE[name]
    graph = make()
    if breakage is not None:
        breakage(graph)
    return outcome(validate_graph(graph))


@pytest.fixture(scope="module")
def expected() -> dict[str, dict[str, object]]:
    loaded: dict[str, dict[str, object]] = json.loads(EXPECTED.read_text(encoding="utf-8"))
    return loaded


def test_the_suite_and_its_record_name_the_same_cases(expected: dict[str, object]) -> None:
    assert sorted(expected) == sorted(SUITE)


@pytest.mark.parametrize("name", sorted(SUITE))
def test_violations_are_exactly_as_recorded(name: str, expected: dict[str, object]) -> None:
    assert run_case(name) == expected[name]


def test_every_broken_case_is_caught(expected: dict[str, dict[str, object]]) -> None:
    broken = {name: case for name, case in expected.items() if name != "seed-as-built"}
    assert all(not case["conforms"] and case["violations"] for case in broken.values())
    assert expected["seed-as-built"]["conforms"] is True


def test_a_graph_validated_twice_gives_the_same_report() -> None:
    # The shapes are prepared once per process: a second article must see them unchanged.
    first = run_case("small-offsets")
    prepared = set(_shapes_for_pyshacl())
    assert run_case("small-offsets") == first
    assert set(_shapes_for_pyshacl()) == prepared
    assert set(load_shapes()) < prepared  # pySHACL's additions stay out of the parsed shapes


def record() -> None:
    cases = {name: run_case(name) for name in sorted(SUITE)}
    EXPECTED.write_text(json.dumps(cases, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] == ["--record"]:
        record()
