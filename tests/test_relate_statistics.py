"""Numeric claims: prevalence with its population, severity on a scale with bounds, and counts
from fact sheets and reports.
"""

from __future__ import annotations

from articlekg.facts import EntityRef, Facts, Statistic
from articlekg.pipeline import extract
from articlekg.read.text import read_text_document

Row = tuple[str | None, str, float | None, float | None, str | None, str | None, float | None]


def facts_of(text: str) -> Facts:
    return extract(read_text_document(text, "article.txt", "article"))


def name(ref: EntityRef | None) -> str | None:
    if ref is None:
        return None
    return ref.concept.rsplit("/", 1)[-1] if ref.concept else ref.label


def row(stat: Statistic) -> Row:
    return (
        name(stat.subject),
        stat.measure,
        stat.low,
        stat.high,
        stat.unit,
        name(stat.population),
        stat.scale_max,
    )


def test_prevalence_with_a_range_and_its_population() -> None:
    text = (
        "Understanding Bone Pain\n"
        "Studies show that approximately 34% to 45% of patients with metastases will develop "
        "bone pain.\n"
        "Between 60% and 80% of people receiving chemotherapy experience nausea.\n"
    )
    facts = facts_of(text)
    assert [row(s) for s in facts.statistics] == [
        ("metastatic-bone-pain", "prevalence", 34, 45, "percent", "patients with metastases", None),
        ("nausea", "prevalence", 60, 80, "percent", "people receiving chemotherapy", None),
    ]
    first = facts.statistics[0]
    assert [text[s.start : s.end] for s in first.evidence] == [
        "Studies show that approximately 34% to 45% of patients with metastases will develop "
        "bone pain."
    ]
    population = first.population
    assert population is not None
    assert "Population" in facts.entities[population.key][1]


def test_a_single_percentage_has_equal_bounds() -> None:
    facts = facts_of("Fatigue Facts\nFatigue is reported by 70% of patients.\n")
    # A share of a population that reports a condition is its prevalence.
    assert [row(s) for s in facts.statistics] == [
        ("fatigue", "prevalence", 70, 70, "percent", "patients", None)
    ]


def test_a_percentage_with_nothing_to_count_is_no_statistic() -> None:
    facts = facts_of("Clinic News\nAbout 30% of the budget went to staff.\n")
    assert facts.statistics == []


def test_severity_on_a_scale() -> None:
    facts = facts_of("Pain Facts\nPain severity was rated 7/10 on average.\n")
    assert [row(s) for s in facts.statistics] == [("pain", "severity", 7, 7, None, None, 10)]


def test_a_severity_bound_keeps_only_its_lower_end() -> None:
    text = (
        "Supporting Entity: Chemotherapy-induced nausea\n"
        "- Appears in 40–70% of patients receiving chemotherapy\n"
        "- Severity often rated >6/10 by patients\n"
    )
    facts = facts_of(text)
    rows = [row(s) for s in facts.statistics]
    (subject,) = {r[0] for r in rows}
    assert subject is not None
    assert rows == [
        (subject, "prevalence", 40, 70, "percent", "patients receiving chemotherapy", None),
        (subject, "severity", 6, None, None, None, 10),
    ]
    assert facts.statistics[0].subject.concept is not None  # the heading names a lexicon term


def test_counts_from_a_fact_sheet_and_a_report() -> None:
    text = (
        "Campaign Snapshot\n"
        "Channel: Organic search\n"
        "Result: 4,000 clicks per month\n"
        "Duration: 6 months\n"
        "The page recorded 0 conversions, fewer than 500 impressions in its first week.\n"
    )
    facts = facts_of(text)
    assert [row(s) for s in facts.statistics] == [
        ("clicks", "count", 4000, 4000, None, None, None),
        ("conversions", "count", 0, 0, None, None, None),
        ("impressions", "count", None, 500, None, None, None),
    ]


def test_counts_of_people_are_not_outcome_counts() -> None:
    facts = facts_of("Clinic News\nThe clinic recorded 250 patients and 40 complaints in 2023.\n")
    assert [row(s) for s in facts.statistics] == [("complaints", "count", 40, 40, None, None, None)]
