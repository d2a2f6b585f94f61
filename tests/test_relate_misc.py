"""Mechanisms ("via X and Y"), links between conditions ("caused by", "common in", "can lead
to") and advice (imperative list items under a safety heading, "It is advisable to ...").
"""

from __future__ import annotations

from articlekg.facts import EntityRef, Facts
from articlekg.pipeline import extract
from articlekg.read.text import read_text_document


def facts_of(text: str) -> Facts:
    return extract(read_text_document(text, "article.txt", "article"))


def name(ref: EntityRef | None) -> str | None:
    if ref is None:
        return None
    return ref.concept.rsplit("/", 1)[-1] if ref.concept else ref.label


# mechanisms ----------------------------------------------------------------------------
def mechanisms(facts: Facts) -> list[tuple[str | None, str | None, str | None]]:
    return [(name(m.intervention), name(m.mechanism), name(m.outcome)) for m in facts.mechanisms]


def test_via_x_and_y_names_two_mechanisms_for_the_outcome() -> None:
    text = "Yoga and Stress\nYoga reduces stress via lower cortisol and calmer breathing.\n"
    facts = facts_of(text)
    assert mechanisms(facts) == [
        ("yoga", "cortisol-reduction", "stress"),
        ("yoga", "calmer breathing", "stress"),
    ]
    for claim in facts.mechanisms:
        assert [text[s.start : s.end] for s in claim.evidence] == [text.splitlines()[1]]
    # The effect word inside the mechanism ("lower cortisol") is no effect of its own.
    assert {(name(f.intervention), f.effect, name(f.outcome)) for f in facts.findings} == {
        ("yoga", "reduces", "stress")
    }


def test_mechanisms_in_list_items_take_the_subject_from_the_article() -> None:
    facts = facts_of(
        "Massage Benefits\n"
        "- Pain relief through neuromuscular relaxation\n"
        "- Mood enhancement via reduced cortisol and elevated serotonin\n"
    )
    # The outcome a mechanism explains is the one the effect names: relief of pain is of pain.
    assert mechanisms(facts) == [
        ("massage-therapy", "neuromuscular-relaxation", "pain"),
        ("massage-therapy", "cortisol-reduction", "mood"),
        ("massage-therapy", "serotonin-elevation", "mood"),
    ]


def test_a_mechanism_verb_without_a_cue_word() -> None:
    facts = facts_of("Acupuncture Notes\nAcupuncture stimulates endorphin release.\n")
    assert mechanisms(facts) == [("acupuncture", "endorphin-release", None)]


def test_via_without_an_effect_is_no_mechanism() -> None:
    facts = facts_of(
        "Acupuncture Notes\nYou can read the full acupuncture paper via the website.\n"
    )
    assert facts.mechanisms == []


# condition links -------------------------------------------------------------------------
def links(facts: Facts) -> list[tuple[str | None, str, str | None]]:
    return [(name(r.condition), r.relation, name(r.related)) for r in facts.condition_relations]


def test_caused_by_and_can_lead_to() -> None:
    facts = facts_of(
        "Side Effects\n"
        "Anaemia caused by bleeding is treatable.\n"
        "Severe vomiting can lead to dehydration.\n"
    )
    assert links(facts) == [
        ("anaemia", "causedBy", "bleeding"),
        ("dehydration", "causedBy", "vomiting"),
    ]


def test_common_in_a_coordination_of_cancers() -> None:
    facts = facts_of(
        "Bone Metastases\nBone metastases are most common in breast, prostate, and lung cancers.\n"
    )
    assert links(facts) == [
        ("bone-metastasis", "commonIn", "breast-cancer"),
        ("bone-metastasis", "commonIn", "prostate-cancer"),
        ("bone-metastasis", "commonIn", "lung-cancer"),
    ]


def test_risk_and_complication() -> None:
    facts = facts_of(
        "Lymphoedema\nObesity increases the risk of lymphoedema.\nFatigue is a complication of "
        "anaemia.\n"
    )
    assert links(facts) == [
        ("lymphoedema", "hasRiskFactor", "obesity"),
        ("fatigue", "complicationOf", "anaemia"),
    ]


def test_a_sentence_without_a_link_phrase_links_nothing() -> None:
    facts = facts_of("Side Effects\nAnaemia and bleeding were both recorded.\n")
    assert facts.condition_relations == []


# advice ----------------------------------------------------------------------------------
def advice(facts: Facts) -> list[tuple[str, str, str | None]]:
    return [(r.kind, r.text, name(r.concerns)) for r in facts.recommendations]


def test_imperative_list_items_under_a_safety_heading() -> None:
    text = (
        "Staying Safe During Treatment\n"
        "Before your first session, remember:\n"
        "- Avoid massage over a tumour site.\n"
        "- Tell your therapist about any medicines.\n"
        "- Never book a session during a fever.\n"
    )
    facts = facts_of(text)
    assert advice(facts) == [
        ("precaution", "Avoid massage over a tumour site", "massage-therapy"),
        ("practice", "Tell your therapist about any medicines", None),
        ("precaution", "Never book a session during a fever", None),
    ]
    recommendation = facts.entities[EntityRef("Avoid massage over a tumour site").key]
    assert "Recommendation" in recommendation[1]
    assert [text[s.start : s.end] for s in facts.recommendations[0].evidence] == [
        "Avoid massage over a tumour site."
    ]


def test_prose_advice() -> None:
    facts = facts_of(
        "Acupuncture and Chemotherapy\n"
        "It is advisable to check your blood counts before each session.\n"
        "We recommend that you discuss yoga with your doctor.\n"
    )
    assert advice(facts) == [
        ("precaution", "check your blood counts before each session", None),
        ("practice", "discuss yoga with your doctor", "yoga"),
    ]


def test_imperative_items_outside_an_advice_setting_are_not_advice() -> None:
    facts = facts_of(
        "Our Clinic History\nIn 1990 the founders wrote:\n- Use the old hall for classes.\n"
        "- Keep records in a ledger.\n"
    )
    assert facts.recommendations == []


def test_negative_imperatives_and_should_are_precautions() -> None:
    facts = facts_of(
        "Safety Tips\n"
        "- Do not have massage over a radiotherapy site.\n"
        "- Don't use oils on broken skin.\n"
        "Patients should avoid deep pressure near a port.\n"
    )
    assert advice(facts) == [
        ("precaution", "Do not have massage over a radiotherapy site", "massage-therapy"),
        ("precaution", "Don't use oils on broken skin", None),
        ("precaution", "avoid deep pressure near a port", None),
    ]
