"""Arms of a study from the layouts articles use: an aim or a comparison, random allocation,
a list of groups with their sizes, a single-arm study, counted people in prose, named groups;
sessions and minutes from counts, frequencies and lengths. Every text here is written for
the tests.
"""

from __future__ import annotations

import pytest

from articlekg.facts import Arm, EntityRef, Study
from articlekg.pipeline import extract
from articlekg.read.text import read_text_document
from articlekg.relate.sessions import Sessions, read_sessions

Row = tuple[str | None, str | None, int | None, int | None, float | None]


def study_of(text: str) -> Study:
    studies = extract(read_text_document(text, "article.txt", "article")).studies
    assert studies, "the test text must introduce a study"
    return studies[0]


def name(ref: EntityRef | None) -> str | None:
    if ref is None:
        return None
    return ref.concept.rsplit("/", 1)[-1] if ref.concept else ref.label


def row(arm: Arm) -> Row:
    return (name(arm.intervention), arm.role, arm.size, arm.sessions, arm.session_minutes)


def rows(study: Study) -> set[Row]:
    return {row(a) for a in study.arms}


INTRO = "Touch Therapy Trial\nA randomized trial published in 2019 enrolled 84 adults.\n"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The nurses set out to compare reflexology with a quiet rest control condition on "
            "fatigue and sleep in adults with lymphoma.",
            {("reflexology", "intervention"), ("quiet rest control", "control")},
        ),
        (
            "This trial aimed to compare guided imagery to usual care on anxiety before surgery.",
            {("guided-imagery", "intervention"), ("usual-care", "control")},
        ),
        (
            "The team compared aromatherapy against a placebo inhalation among 60 women.",
            {("aromatherapy", "intervention"), ("placebo inhalation", "control")},
        ),
        (
            "In this pilot, tai chi was compared with aerobic exercise in older survivors.",
            {("tai-chi", "intervention"), ("aerobic-exercise", None)},
        ),
    ],
)
def test_arms_from_an_aim_or_a_comparison(
    sentence: str, expected: set[tuple[str, str | None]]
) -> None:
    study = study_of(INTRO + sentence + "\n")
    assert {(name(a.intervention), a.role) for a in study.arms} == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Sixty adults were allocated randomly to a course of reflexology or usual hospital "
            "care alone.",
            {("reflexology", "intervention"), ("usual hospital care", "control")},
        ),
        (
            "Patients were randomised to either an eight-week mindfulness programme or a "
            "wait-list control.",
            {("mindfulness", "intervention"), ("wait-list-control", "control")},
        ),
        (
            "Participants were assigned at random to guided imagery or standard care for 6 weeks.",
            {("guided-imagery", "intervention"), ("standard-care", "control")},
        ),
    ],
)
def test_arms_from_random_allocation(sentence: str, expected: set[tuple[str, str]]) -> None:
    study = study_of(INTRO + sentence + "\n")
    assert {(name(a.intervention), a.role) for a in study.arms} == expected


def test_a_list_of_groups_each_with_its_size_in_a_sentence() -> None:
    study = study_of(
        INTRO + "Women were randomized into three groups: reflexology (n = 32), "
        "foot massage (n = 30) and usual care (n = 31).\n"
    )
    assert {(name(a.intervention), a.role, a.size) for a in study.arms} == {
        ("reflexology", "intervention", 32),
        ("foot-massage", "intervention", 30),
        ("usual-care", "control", 31),
    }


def test_a_list_of_groups_each_with_its_size_as_list_items() -> None:
    study = study_of(
        INTRO + "Groups compared\n"
        "- Reiki (n = 25): six 40-minute sessions over three weeks\n"
        "- Sham Reiki (n = 24): six 40-minute sessions with an untrained actor\n"
        "- Rest (n = 26): lying quietly for 40 minutes\n"
    )
    assert {(a.role, a.size, a.sessions) for a in study.arms} == {
        ("intervention", 25, 6),
        ("control", 24, 6),
        ("intervention", 26, None),
    }
    assert {name(a.intervention) for a in study.arms} >= {"reiki"}


def test_named_groups_with_sizes_in_prose() -> None:
    study = study_of(
        INTRO + "The acupressure arm (n = 40), the sham arm (n = 38) and the usual care arm "
        "(n = 41) were followed for six weeks.\n"
    )
    assert {(a.role, a.size) for a in study.arms} == {
        ("intervention", 40),
        ("control", 38),
        ("control", 41),
    }


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        (
            "Patients received reflexology, hand massage or aromatherapy according to "
            "preference. Sessions lasted 20 minutes.",
            20,
        ),
        (
            "All participants received acupressure, breathing exercises or music. Each session "
            "lasted 15 minutes.",
            15,
        ),
        (
            "Residents practised chair yoga, tai chi or walking in pairs. Classes lasted about "
            "45 minutes.",
            45,
        ),
    ],
)
def test_a_single_arm_study_where_people_received_one_of_several(text: str, minutes: int) -> None:
    study = study_of(
        "Comfort Study\nA single-arm pilot study enrolled 30 patients.\n" + text + "\n"
    )
    assert len(study.arms) == 3
    assert {a.role for a in study.arms} == {"intervention"}
    assert {a.session_minutes for a in study.arms} == {minutes}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Forty women received foot reflexology during labour, and 42 women received "
            "standard midwifery care.",
            {("reflexology", "intervention", 40), ("standard midwifery care", "control", 42)},
        ),
        (
            "In the trial, 25 patients underwent acupuncture. Another 24 patients received sham "
            "acupuncture.",
            {("acupuncture", "intervention", 25), ("sham-acupuncture", "control", 24)},
        ),
        (
            "Sixty adults practised tai chi while 58 adults attended health education classes.",
            {("tai-chi", "intervention", 60)},
        ),
    ],
)
def test_counted_people_who_received_something(
    text: str, expected: set[tuple[str, str, int]]
) -> None:
    study = study_of(INTRO + text + "\n")
    assert {(name(a.intervention), a.role, a.size) for a in study.arms} >= expected


def test_people_set_against_each_other_are_arms_without_sizes() -> None:
    study = study_of(
        "Review Summary\nA systematic review published in 2020 pooled nine trials.\n"
        "Pain halved in 40 of 100 people receiving real acupressure, compared with 22 of 100 "
        "people given ‘dummy’ acupressure.\n"
    )
    assert {(name(a.intervention), a.role, a.size) for a in study.arms} == {
        ("acupressure", "intervention", None),
        ("‘dummy’ acupressure", "control", None),
    }


def test_a_named_group_is_the_same_arm_when_named_shorter() -> None:
    study = study_of(
        INTRO + "Patients were randomized to a Tai Chi Qigong group or a health education group.\n"
        "Fatigue fell more in the qigong group than in the education group.\n"
    )
    assert sorted(a.label for a in study.arms) == [
        "Tai Chi Qigong group",
        "health education group",
    ]


def test_arms_of_another_study_or_of_the_background_are_not_this_studys() -> None:
    study = study_of(
        "Music and Anxiety\n"
        "A randomized trial published in 2018 enrolled 50 adults.\n"
        "Background\n"
        "Earlier work compared music with silence in dental patients.\n"
    )
    assert study.arms == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("three 50-minute classes a week for six weeks", Sessions(18, 50.0)),
        ("once weekly for 10 weeks", Sessions(10, None)),
        ("daily for 14 days, 30 minutes each", Sessions(14, 30.0)),
        ("twice a day for one week", Sessions(14, None)),
        ("eight 40-minute sessions over 4 weeks", Sessions(8, 40.0)),
        ("sessions lasted 25 minutes", Sessions(None, 25.0)),
        ("a course of at least eight sessions is advised", Sessions(None, None)),
    ],
)
def test_sessions_from_counts_frequencies_and_lengths(text: str, expected: Sessions) -> None:
    assert read_sessions(text) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "A pilot trial (n=40) suggested that the effects of group yoga were comparable to "
            "those of one-to-one yoga.",
            {"group yoga", "one-to-one yoga"},
        ),
        (
            "One study (n=52) found the effect of reflexology is superior to that of foot massage.",
            {"reflexology", "foot massage"},
        ),
        (
            "A small trial (n=30) reported that effects of music therapy appeared to be "
            "equivalent to those of guided imagery.",
            {"music therapy", "guided imagery"},
        ),
    ],
)
def test_compared_effects_are_arms_without_roles(sentence: str, expected: set[str]) -> None:
    study = study_of("Evidence Digest\n" + sentence + "\n")
    assert {a.intervention.label for a in study.arms if a.intervention} == expected
    assert {a.role for a in study.arms} == {None}


@pytest.mark.parametrize(
    ("sentence", "control"),
    [
        (
            "The intervention group had reflexology while the control group received no "
            "reflexology.",
            "no reflexology",
        ),
        (
            "The treatment group got weekly yoga, and the comparison group received no yoga.",
            "no yoga",
        ),
        (
            "The active arm received acupressure; the control arm received no acupressure.",
            "no acupressure",
        ),
    ],
)
def test_a_control_group_that_received_nothing(sentence: str, control: str) -> None:
    study = study_of(INTRO + sentence + "\n")
    controls = [a for a in study.arms if a.role == "control"]
    assert [a.intervention.label for a in controls if a.intervention] == [control]


@pytest.mark.parametrize(
    "sentence",
    [
        "Participants were randomly assigned to receive either gentle yoga or usual care.",
        "Adults were randomised to undergo either gentle yoga or usual care.",
        "Patients were allocated to practise gentle yoga or usual care.",
    ],
)
def test_allocated_to_receive_one_of_two(sentence: str) -> None:
    study = study_of(INTRO + sentence + "\n")
    assert {a.role for a in study.arms} == {"intervention", "control"}
    assert {name(a.intervention) for a in study.arms} >= {"usual-care"}


@pytest.mark.parametrize(
    "sentence",
    [
        "All patients received standard antiemetic prophylaxis with ondansetron.",
        "Both groups received dexamethasone before each cycle.",
        "Each participant received a printed leaflet.",
    ],
)
def test_what_everyone_received_is_no_arm(sentence: str) -> None:
    study = study_of(INTRO + sentence + "\n")
    assert study.arms == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Participants in the intervention arm received eight 40-minute sessions of "
            "reflexology over four weeks.",
            ("reflexology", 8, 40.0),
        ),
        (
            "The treatment group attended twelve weekly classes of tai chi at a community hall.",
            ("tai-chi", 12, None),
        ),
        (
            "The experimental group completed six 30-minute sessions of guided imagery.",
            ("guided-imagery", 6, 30.0),
        ),
    ],
)
def test_a_named_group_that_received_sessions_of_something(
    sentence: str, expected: tuple[str, int, float | None]
) -> None:
    (arm,) = study_of(INTRO + sentence + "\n").arms
    assert (name(arm.intervention), arm.sessions, arm.session_minutes) == expected
    assert arm.role == "intervention"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Interventions: Reflexology (n = 30) or usual care (n = 30).",
            {("reflexology", "intervention", 30), ("usual-care", "control", 30)},
        ),
        (
            "Intervention: Weekly hand massage versus a quiet conversation.",
            {("hand-massage", "intervention", None), ("quiet conversation", None, None)},
        ),
        (
            "Interventions: Ten acupressure sessions or sham acupressure at non-points.",
            {("acupressure", "intervention", None), ("sham acupressure", "control", None)},
        ),
    ],
)
def test_an_intervention_line_that_lists_alternatives(
    line: str, expected: set[tuple[str, str | None, int | None]]
) -> None:
    study = study_of(
        "Touch for Fatigue: a Pilot Trial\nDesign: Randomized pilot trial.\n"
        f"Participants: 60 adults with fatigue.\n{line}\nResults: Fatigue fell.\n"
    )
    assert {(name(a.intervention), a.role, a.size) for a in study.arms} == expected


@pytest.mark.parametrize(
    ("text", "intervention", "control"),
    [
        (
            "Trial Notes\nReflexology (RF) is popular with patients. The aim of this "
            "randomized trial was to compare the efficacy of RF to a usual care control "
            "condition on fatigue in 80 women.",
            "reflexology",
            "usual-care",
        ),
        (
            "Trial Notes\nAcupuncture (AC) is widely offered. This randomised trial compared "
            "AC with sham acupuncture for hot flushes in 120 women.",
            "acupuncture",
            "sham acupuncture",
        ),
        (
            "Trial Notes\nMassage therapy (MT) may ease pain. We ran a randomized trial to "
            "compare the benefits of MT with usual care in older adults.",
            "massage-therapy",
            "usual-care",
        ),
    ],
)
def test_an_arm_named_by_a_defined_short_form(text: str, intervention: str, control: str) -> None:
    arms = {(name(a.intervention), a.role) for a in study_of(text).arms}
    assert (intervention, "intervention") in arms
    assert any(role == "control" for _, role in arms), arms


@pytest.mark.parametrize(
    ("text", "intervention", "other"),
    [
        (
            "Reflexology compared with usual care produced larger reductions in fatigue.",
            "reflexology",
            "usual-care",
        ),
        (
            "Acupuncture, compared with sham needling, gave better relief of hot flushes.",
            "acupuncture",
            "sham-acupuncture",
        ),
        (
            "Tai chi compared to brisk walking led to greater gains in balance.",
            "tai-chi",
            "brisk walking",
        ),
    ],
)
def test_arms_from_a_participle_comparison(text: str, intervention: str, other: str) -> None:
    arms = study_of("A Randomized Trial\n" + text + "\n").arms
    assert [(name(a.intervention), a.role) for a in arms][:1] == [(intervention, "intervention")]
    assert other in {name(a.intervention) for a in arms}


def test_sessions_of_one_arm_are_not_the_comparators() -> None:
    arms = study_of(
        "A Randomized Trial\nSix sessions of weekly group yoga compared with usual care "
        "gave better sleep.\n"
    ).arms
    sessions = {name(a.intervention): a.sessions for a in arms}
    assert sessions == {"weekly group yoga": 6, "usual-care": None}


@pytest.mark.parametrize(
    "sentence",
    [
        "Patients were randomized into three main groups: yoga (n = 40), stretching (n = 41), "
        "or usual care (n = 39).",
        "Women were assigned to two separate groups: massage (n = 30) or rest (n = 30).",
        "Adults joined one of three parallel arms: tai chi (n = 50), walking (n = 50) or "
        "usual care (n = 50).",
    ],
)
def test_a_count_of_groups_is_no_group(sentence: str) -> None:
    arms = study_of("A Randomized Trial\n" + sentence + "\n").arms
    assert all(a.size is not None for a in arms), [(a.label, a.size) for a in arms]


@pytest.mark.parametrize(
    ("sentence", "sizes"),
    [
        (
            "Adults were randomized to three arms: yoga (n = 40), lay counselling (n = 41) or "
            "usual care (n = 39).",
            [40, 41, 39],
        ),
        (
            "Participants were randomized into three groups: reiki (n = 30), lay support "
            "(n = 31), or standard care (n = 29).",
            [30, 31, 29],
        ),
        (
            "Women were randomized to three arms: massage (n = 20), quiet rest (n = 21), or "
            "usual care (n = 22).",
            [20, 21, 22],
        ),
    ],
)
def test_a_sized_list_runs_to_its_last_size(sentence: str, sizes: list[int]) -> None:
    arms = study_of("A Randomized Trial\n" + sentence + "\n").arms
    assert [a.size for a in arms] == sizes
