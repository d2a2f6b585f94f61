"""What a study measured: from its aim, a measures section, outcome sentences and what
people reported; measured things named in the article's words when the lexicon does not
know them. Every text here is written for the tests.
"""

from __future__ import annotations

import pytest

from articlekg.facts import EntityRef, Facts
from articlekg.pipeline import extract
from articlekg.read.markdown import read_markdown_document
from articlekg.read.text import read_text_document
from articlekg.relate.measure_items import measurable

INTRO = "Calm Study\nA randomized trial published in 2021 enrolled 64 adults.\n"


def facts_of(text: str) -> Facts:
    return extract(read_text_document(text, "article.txt", "article"))


def name(ref: EntityRef) -> str:
    return ref.concept.rsplit("/", 1)[-1] if ref.concept else ref.label


def measured(facts: Facts) -> list[str]:
    (study,) = facts.studies
    return [name(ref) for ref, _ in study.measures]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The nurses set out to compare reiki with a sham reiki condition on anxiety, heart "
            "rate variability, and perceived stress in 50 ward staff.",
            ["anxiety", "heart-rate-variability", "stress"],
        ),
        (
            "This trial aimed to compare music with silence on pain intensity and sleep quality "
            "among older adults.",
            ["pain", "sleep-quality"],
        ),
        (
            "Objective: To examine the effects of aromatherapy on nausea severity, appetite, and "
            "fatigue in children receiving chemotherapy.",
            ["nausea", "appetite", "fatigue"],
        ),
        (
            "We evaluated whether tai chi lowers the frequency of falls in frail older people.",
            ["falls"],
        ),
        (
            "The goal was to measure improvement in hand function after weekly sessions.",
            ["hand function"],
        ),
    ],
)
def test_what_an_aim_names(sentence: str, expected: list[str]) -> None:
    assert measured(facts_of(INTRO + sentence + "\n")) == expected


def test_a_measurement_instruments_section_of_label_lines() -> None:
    document = read_markdown_document(
        "# Yoga for sleep\n\nA randomized trial published in 2020 enrolled 90 adults.\n\n"
        "## Measurement Instruments\n\n"
        "- Anxiety: State-Trait Anxiety Inventory\n"
        "- Sleep quality: Pittsburgh Sleep Quality Index\n"
        "- Fear of falling: Falls Efficacy Scale\n",
        "article.md",
        "article",
    )
    assert measured(extract(document)) == ["anxiety", "sleep-quality", "Fear of falling"]


def test_a_variables_section_of_sentences() -> None:
    facts = facts_of(
        INTRO + "Variables\n"
        "Pain was measured with a visual analogue scale. "
        "The Brief Fatigue Inventory was used to assess fatigue.\n"
    )
    assert measured(facts) == ["pain", "fatigue"]


def test_an_outcome_measures_line_in_the_articles_words() -> None:
    facts = facts_of(INTRO + "Outcome measures: grip strength, walking speed and balance.\n")
    assert measured(facts) == ["muscle-strength", "walking speed", "balance"]
    (study,) = facts.studies
    walking = next(ref for ref, _ in study.measures if ref.label == "walking speed")
    assert "Outcome" in facts.entities[walking.key][1]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Each evening, patients reported the level of their breathlessness on a scale.",
            ["dyspnoea"],
        ),
        ("Women rated the severity of hot flushes every day.", ["hot-flush"]),
        (
            "Children reported the intensity of nausea and vomiting after each cycle.",
            ["nausea", "vomiting"],
        ),
    ],
)
def test_what_people_reported_the_level_of(sentence: str, expected: list[str]) -> None:
    assert measured(facts_of(INTRO + sentence + "\n")) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The primary outcome was the Hospital Anxiety and Depression Scale (HADS) score at "
            "8 weeks.",
            ["hospital-anxiety-and-depression-scale"],
        ),
        (
            "Secondary outcomes were fatigue, sleep quality (PSQI) and health-related quality "
            "of life at 12 weeks.",
            ["fatigue", "sleep-quality", "health-related-quality-of-life"],
        ),
        (
            "The main outcome was the Oswestry disability score after six months.",
            ["Oswestry disability score"],
        ),
    ],
)
def test_primary_and_secondary_outcome_sentences(sentence: str, expected: list[str]) -> None:
    assert measured(facts_of(INTRO + sentence + "\n")) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "All outcomes were obtained at baseline and at 12 weeks.",
        "The study aimed to examine the effects of yoga on women with breast cancer.",
        "Future trials should compare reiki with usual care.",
    ],
)
def test_no_measure_where_none_is_named(sentence: str) -> None:
    assert measured(facts_of(INTRO + sentence + "\n")) == []


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("grip strength", True),
        ("use of rescue medication", True),
        ("Oswestry disability score", True),
        ("respectively", False),
        ("between the two arms", False),
        ("the efficacy of reiki", False),
        ("patients with lymphoma", False),
        ("benefits", False),
    ],
)
def test_what_can_be_a_measured_thing(phrase: str, expected: bool) -> None:
    assert measurable(phrase) is expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Study: Acupressure reduces vomiting associated with pregnancy", ["vomiting"]),
        ("Trial: Yoga reduces fatigue linked to radiotherapy", ["fatigue"]),
        ("Study: Massage reduces anxiety related to surgery", ["anxiety"]),
    ],
)
def test_a_participle_opens_a_qualifier_not_a_name(title: str, expected: list[str]) -> None:
    facts = facts_of(title + "\nA randomized trial published in 2021 enrolled 64 adults.\n")
    assert measured(facts) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Nurses set out to compare reiki with rest on fatigue and sleep quality in 50 "
            "adults, according to a report from the hospital.",
            ["fatigue", "sleep-quality"],
        ),
        (
            "The team examined the effects of yoga on anxiety and mood. Comparisons were made "
            "with an analysis of variance.",
            ["anxiety", "mood"],
        ),
        (
            "The trial looked at the effects of tai chi on balance. Future trials with larger "
            "sample sizes are needed.",
            ["balance"],
        ),
    ],
)
def test_words_of_method_are_not_measured(sentence: str, expected: list[str]) -> None:
    assert measured(facts_of(INTRO + sentence + "\n")) == expected
