"""How an intervention is said to work, read from the parse. Phrasings written for these
tests (none from a dev article)."""

from __future__ import annotations

import pytest

from articlekg.facts import EntityRef, Facts
from articlekg.pipeline import extract
from articlekg.read.text import read_text_document


def facts_of(text: str) -> Facts:
    return extract(read_text_document("Notes for Patients\n" + text + "\n", "a.txt", "a"))


def name(ref: EntityRef | None) -> str | None:
    if ref is None:
        return None
    return ref.concept.rsplit("/", 1)[-1] if ref.concept else ref.label.lower()


def claims(facts: Facts) -> set[tuple[str | None, str | None, str | None]]:
    return {(name(m.intervention), name(m.mechanism), name(m.outcome)) for m in facts.mechanisms}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Heat therapy eases stiffness by relaxing tight muscles.",
            ("heat-therapy", "relaxing tight muscles", "stiffness"),
        ),
        (
            "Acupuncture may relieve nausea by calming the vagus nerve.",
            ("acupuncture", "calming the vagus nerve", "nausea"),
        ),
        (
            "Compression garments reduce swelling by improving lymph drainage.",
            ("compression-therapy", "improving lymph drainage", "oedema"),
        ),
    ],
)
def test_by_and_a_gerund_say_how(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in claims(facts_of(text))


def test_two_means_joined_by_and_are_two_mechanisms() -> None:
    facts = facts_of(
        "Ice packs can ease pain by slowing nerve signals and reducing swelling in the joint."
    )
    found = {mechanism for _, mechanism, _ in claims(facts)}
    assert {"slowing nerve signals", "reducing swelling"} <= found


@pytest.mark.parametrize(
    ("text", "mechanism"),
    [
        ("Massage lowers anxiety through the release of oxytocin.", "release of oxytocin"),
        ("Yoga eases back pain via improved core strength.", "improved core strength"),
        ("Tai chi improves balance through slow weight shifting.", "slow weight shifting"),
    ],
)
def test_via_and_through_name_a_means(text: str, mechanism: str) -> None:
    assert mechanism in {m for _, m, _ in claims(facts_of(text))}


@pytest.mark.parametrize(
    ("text", "mechanisms"),
    [
        ("Cupping therapy works by drawing blood to the skin.", {"drawing blood to the skin"}),
        (
            "Reflexology is a therapy that works by pressing points on the feet.",
            {"pressing points on the feet"},
        ),
        (
            "Moxibustion acts by warming the skin over acupoints.",
            {"warming the skin over acupoints"},
        ),
    ],
)
def test_working_by_some_means(text: str, mechanisms: set[str]) -> None:
    found = {m for _, m, _ in claims(facts_of(text))}
    assert any(any(m.startswith(want.split()[0]) for m in found) for want in mechanisms), found


@pytest.mark.parametrize(
    ("text", "agent", "mechanism"),
    [
        (
            "Mindfulness uses focused breathing to quiet the mind.",
            "mindfulness",
            "focused breathing",
        ),
        (
            "Pilates uses controlled movements to relieve back pain.",
            "pilates",
            "controlled movements",
        ),
        (
            "Stretching gently lengthens the hamstrings to ease stiffness.",
            "stretching",
            "lengthens the hamstrings",
        ),
    ],
)
def test_a_purpose_names_the_means_before_it(text: str, agent: str, mechanism: str) -> None:
    found = claims(facts_of(text))
    assert any(a == agent and m is not None and mechanism in m for a, m, _ in found), found


@pytest.mark.parametrize(
    ("text", "substance", "outcome"),
    [
        ("Exercise releases endorphins, which reduce pain.", "endorphins", "pain"),
        ("Massage triggers the release of serotonin, which lifts mood.", "serotonin", "mood"),
        (
            "Acupuncture may release natural chemicals called enkephalins, which ease nausea.",
            "enkephalins",
            "nausea",
        ),
    ],
)
def test_what_a_therapy_releases_acts_for_it(text: str, substance: str, outcome: str) -> None:
    facts = facts_of(text)
    assert [f for f in facts.findings if name(f.outcome) == outcome]
    assert not [f for f in facts.findings if substance in (name(f.intervention) or "")]
    assert any(o == outcome for _, _, o in claims(facts))


@pytest.mark.parametrize(
    ("text", "mechanism"),
    [
        ("Reflexology may stimulate the nervous system.", "nervous system"),
        # a body part acted on: the act is the mechanism, not the body part
        ("Deep tissue massage targets the fascia.", "targets the fascia"),
        ("Acupuncture is thought to activate pain pathways in the spinal cord.", "pain pathways"),
    ],
)
def test_what_a_therapy_acts_on_is_a_mechanism(text: str, mechanism: str) -> None:
    assert mechanism in {m for _, m, _ in claims(facts_of(text))}


@pytest.mark.parametrize(
    "text",
    [
        "You can read the study via the hospital website.",
        "Patients reached the clinic through the main entrance.",
        "Massage reduced pain by 30 percent.",
    ],
)
def test_means_that_are_not_mechanisms(text: str) -> None:
    assert facts_of(text).mechanisms == []


@pytest.mark.parametrize(
    ("text", "mechanism"),
    [
        (
            "Acupuncture\nStimulating the skin may release natural chemicals, such as "
            "enkephalins. Enkephalins give a feeling of calm.",
            "enkephalins",
        ),
        (
            "Massage\nRubbing the back may trigger hormones, such as oxytocin. Oxytocin "
            "lowers stress.",
            "oxytocin",
        ),
        (
            "Yoga\nStretching may boost substances such as serotonin. Serotonin lifts mood.",
            "serotonin",
        ),
    ],
)
def test_what_a_sentence_says_a_therapy_releases_acts_for_it_in_the_next(
    text: str, mechanism: str
) -> None:
    facts = extract(read_text_document(text + "\n", "a.txt", "a"))
    assert facts.findings
    assert any(mechanism in (name(m.mechanism) or "") for m in facts.mechanisms)
    assert not [f for f in facts.findings if mechanism in (name(f.intervention) or "")]


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        (
            "In this tradition, illness is caused by blocked meridians, and cupping is seen "
            "as a treatment that corrects these problems.",
            "blocked meridians",
        ),
        (
            "Pain is often caused by trapped energy. Reflexology is said to release this.",
            "trapped energy",
        ),
        (
            "Fatigue may result from poor circulation, and massage is thought to correct this.",
            "poor circulation",
        ),
    ],
)
def test_these_problems_point_back_to_the_causes_named(text: str, cause: str) -> None:
    assert cause in {m for _, m, _ in claims(facts_of(text))}


@pytest.mark.parametrize(
    "text",
    [
        "Reiki\nWarm hands can release muscle tension.",
        "Acupuncture\nNeedles inserted into the skin stimulate nerve endings.",
        "Reflexology\nPressure on the feet may stimulate the nervous system.",
    ],
)
def test_what_a_therapy_works_with_acts_for_it(text: str) -> None:
    facts = extract(read_text_document(text + "\n", "a.txt", "a"))
    assert facts.mechanisms or facts.findings


@pytest.mark.parametrize(
    ("text", "mechanism"),
    [
        ("Qigong\nQigong is thought to correct imbalances in the body.", "imbalances"),
        ("Reiki\nReiki practitioners say the touch restores energy in the body.", "energy"),
        ("Acupuncture\nAcupuncture is said to unblock the meridians.", "meridian"),
    ],
)
def test_balance_and_energy_are_what_a_therapy_acts_on_not_outcomes(
    text: str, mechanism: str
) -> None:
    facts = extract(read_text_document(text + "\n", "a.txt", "a"))
    assert not facts.findings
    assert any(mechanism in (name(m.mechanism) or "") for m in facts.mechanisms)


@pytest.mark.parametrize(
    ("text", "agent", "mechanism", "outcome"),
    [
        (
            "Breathwork\nBreathwork is a practice that uses paced breathing and "
            "counting to settle the mind.",
            "breathing-exercise",
            "paced breathing and counting",
            "settle the mind",
        ),
        (
            "Tai chi\nTai chi uses slow movements and deep breathing to calm the body.",
            "tai-chi",
            "slow movements and deep breathing",
            "calm the body",
        ),
    ],
)
def test_what_a_therapy_uses_together_is_one_means_to_its_aim(
    text: str, agent: str, mechanism: str, outcome: str
) -> None:
    found = claims(extract(read_text_document(text + "\n", "a.txt", "a")))
    assert (agent, mechanism, outcome) in found, found


@pytest.mark.parametrize(
    ("text", "agent", "mechanism"),
    [
        (
            "Yoga\nSome styles of yoga such as yin yoga relax the hips.",
            "yin yoga",
            "relax the hips",
        ),
        (
            "Massage\nDeep strokes loosen the joints of the hand.",
            "massage-therapy",
            "loosen the joints",
        ),
        (
            "Chamomile\nChamomile tea has soothing properties.",
            "chamomile",
            "soothing properties",
        ),
    ],
)
def test_acts_on_the_body_and_qualities_had_are_mechanisms(
    text: str, agent: str, mechanism: str
) -> None:
    found = claims(extract(read_text_document(text + "\n", "a.txt", "a")))
    assert any(a == agent and m is not None and m.startswith(mechanism) for a, m, _ in found), found


def test_a_name_given_to_a_class_word_is_the_mechanism() -> None:
    text = "Reiki\nReiki may release substances called enkephalins which can ease pain.\n"
    found = {m for _, m, _ in claims(extract(read_text_document(text, "a.txt", "a")))}
    assert "substances" not in found
    assert any(m is not None and "enkephalin" in m for m in found), found


def test_a_second_means_the_parser_hung_on_the_main_verb() -> None:
    text = (
        "Cupping\nCupping is believed to ease tension through suction on the skin "
        "and the stretching of fascia.\n"
    )
    found = {m for _, m, _ in claims(extract(read_text_document(text, "a.txt", "a")))}
    assert any(m is not None and "stretching of fascia" in m for m in found), found


def test_a_technique_used_by_a_reader_is_advice_not_a_mechanism() -> None:
    text = "Acupressure\nUse your thumb to press the point to ease nausea.\n"
    assert extract(read_text_document(text, "a.txt", "a")).mechanisms == []


@pytest.mark.parametrize(
    "text",
    [
        "A therapist might choose pre-use of warm towels or gentle massage to relax tight muscles.",
        "A nurse may suggest non-use of scented lotions or hand massage to soothe dry skin.",
    ],
)
def test_no_mechanism_is_a_piece_of_a_hyphenated_word(text: str) -> None:
    # The parser splits "pre-use" at the hyphen; neither "pre", "-" nor "use of ..." is
    # a mechanism (a "-" gave an entity with an empty label and broke the GEXF export).
    mechanisms = [m.mechanism.label for m in facts_of(text).mechanisms]
    assert all(any(c.isalnum() for c in label) for label in mechanisms), mechanisms
    assert not [label for label in mechanisms if label in ("pre", "non") or " of " in label]
