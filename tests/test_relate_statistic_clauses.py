"""What a percentage counts when no condition is named beside it: the subject of the verb
it is the object of, or what a share of people did. Every sentence here is written for the
tests (they replace rules that matched one dev sentence each).
"""

from __future__ import annotations

import pytest

from articlekg.facts import Facts
from articlekg.pipeline import extract
from articlekg.read.text import read_text_document


def facts_of(text: str) -> Facts:
    return extract(read_text_document("Side Effects\n" + text + "\n", "article.txt", "article"))


def rows(facts: Facts) -> list[tuple[str, float | None, float | None]]:
    return [(s.subject.label, s.low, s.high) for s in facts.statistics]


@pytest.mark.parametrize(
    ("sentence", "subject", "value"),
    [
        (
            "Skin redness at the pressure point followed 6% of treatments.",
            "Skin redness at the pressure point",
            6,
        ),
        ("Temporary tingling was noted in 12% of sessions.", "Temporary tingling", 12),
        ("Light-headedness can be expected in roughly 7% of courses.", "Light-headedness", 7),
        ("Brief dizziness occurred in 3% of visits.", "Brief dizziness", 3),
    ],
)
def test_the_subject_of_the_clause_a_percentage_completes(
    sentence: str, subject: str, value: float
) -> None:
    assert rows(facts_of(sentence)) == [(subject, value, value)]


@pytest.mark.parametrize(
    ("sentence", "subject", "value"),
    [
        ("Of those screened, 65% were referred to a dietitian.", "referred to a dietitian", 65),
        ("Nearly 40% of the women stopped treatment early.", "stopped treatment", 40),
        ("About 12% of patients switched to oral medication.", "switched to oral medication", 12),
    ],
)
def test_what_a_share_of_people_did(sentence: str, subject: str, value: float) -> None:
    assert rows(facts_of(sentence)) == [(subject, value, value)]


@pytest.mark.parametrize(
    "sentence",
    [
        "About 30% of the budget went to staff.",
        "The difference between the groups was 12%.",
        "The study found that 40% did better.",
    ],
)
def test_a_percentage_whose_clause_counts_nothing(sentence: str) -> None:
    assert rows(facts_of(sentence)) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Anxiety fell (OR 2.1, 95% CI 1.2 to 3.4).",
        "Pain scores dropped by 1.8 points (90% confidence interval 0.9 to 2.7).",
        "Fatigue improved, 95% C.I. 0.1 to 0.9.",
    ],
)
def test_a_confidence_level_is_no_statistic(sentence: str) -> None:
    assert rows(facts_of(sentence)) == []


@pytest.mark.parametrize(
    ("sentence", "population"),
    [
        ("Psoriasis affects 2 to 4 percent of the population worldwide.", "population worldwide"),
        ("Migraine affects about 15% of the adult population.", "adult population"),
        ("Gout affects 1 to 2 percent of the population and is treatable.", "population"),
    ],
)
def test_a_share_of_a_population_is_a_prevalence(sentence: str, population: str) -> None:
    (statistic,) = facts_of(sentence).statistics
    assert statistic.measure == "prevalence"
    assert statistic.population is not None and statistic.population.label == population


@pytest.mark.parametrize(
    ("sentence", "subject", "population"),
    [
        (
            "Roughly 60% of adults who take opioids complain of constipation.",
            "constipation",
            "adults who take opioids",
        ),
        (
            "Nearly 30% of people with asthma also suffer from eczema.",
            "eczema",
            "people with asthma",
        ),
        (
            "About 15% of children with eczema develop a food allergy.",
            "food allergy",
            "children with eczema",
        ),
        ("Some 20% of patients will later develop lymphoedema.", "lymphoedema", "patients"),
    ],
)
def test_what_a_share_of_people_has_is_a_prevalence(
    sentence: str, subject: str, population: str
) -> None:
    stated = facts_of(sentence).statistics
    assert [(s.subject.label.lower(), s.measure) for s in stated] == [(subject, "prevalence")]
    assert stated[0].population is not None
    assert stated[0].population.label.lower() == population


@pytest.mark.parametrize(
    ("sentence", "condition", "common_in"),
    [
        ("Nearly 30% of people with asthma also suffer from eczema.", "eczema", "asthma"),
        ("About 15% of children with eczema develop a food allergy.", "food allergy", "eczema"),
        ("Around 70% of stroke survivors experience depression.", "depression", "stroke"),
    ],
)
def test_a_prevalence_in_a_group_named_by_a_condition_links_the_two(
    sentence: str, condition: str, common_in: str
) -> None:
    links = facts_of(sentence).condition_relations
    found = {(r.condition.label.lower(), r.relation, r.related.label.lower()) for r in links}
    assert (condition, "commonIn", common_in) in found


@pytest.mark.parametrize(
    "sentence",
    [
        "Daily walks can lower blood pressure by as much as 10%.",
        "The patch cut the need for painkillers by about 25 percent.",
        "Participants in the tai chi group raised their step count by 18%.",
    ],
)
def test_the_size_of_a_change_is_no_share_of_anything(sentence: str) -> None:
    assert facts_of(sentence).statistics == []


def test_a_share_of_people_named_by_a_passive_agent_is_still_counted() -> None:
    stated = facts_of("Itching was reported by about 12% of participants.").statistics
    assert [(s.low, s.measure) for s in stated] == [(12, "prevalence")]
