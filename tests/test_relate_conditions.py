"""Links between conditions read from the parse: causes, how common a condition is,
complications and symptoms, risk factors and associations, with lists, examples of general
nouns and conditions the lexicon does not know. Texts written for the tests; none comes
from the dev set.
"""

from __future__ import annotations

from articlekg.facts import EntityRef, Facts
from articlekg.pipeline import extract
from articlekg.read.text import read_text_document


def facts_of(text: str) -> Facts:
    return extract(read_text_document(text, "article.txt", "article"))


def name(ref: EntityRef) -> str:
    return ref.concept.rsplit("/", 1)[-1] if ref.concept else ref.label


def links(text: str) -> set[tuple[str, str, str]]:
    facts = facts_of(text)
    return {(name(r.condition), r.relation, name(r.related)) for r in facts.condition_relations}


def test_caused_by_in_a_passive_a_participle_and_due_to() -> None:
    assert links("Neuropathy\nNerve pain is often caused by diabetes.\n") == {
        ("neuropathic-pain", "causedBy", "diabetes")
    }
    # what causes a condition may be something else than a condition
    assert links("Ear Health\nHearing loss caused by loud noise is usually permanent.\n") == {
        ("Hearing loss", "causedBy", "loud noise")
    }
    assert links("Sleep\nInsomnia due to chronic pain is common in older adults.\n") >= {
        ("insomnia", "causedBy", "chronic-pain")
    }


def test_causes_that_lead_to_a_condition() -> None:
    assert links("Dry Mouth\nDry mouth can lead to tooth decay and gum disease.\n") == {
        ("tooth decay", "causedBy", "dry-mouth"),
        ("gum disease", "causedBy", "dry-mouth"),
    }
    assert links("Long-Term Pain\nChronic pain often causes depression.\n") == {
        ("depression", "causedBy", "chronic-pain")
    }
    # a relative clause takes the noun it describes as the cause
    assert links("Diarrhoea\nPatients may get diarrhoea, which can result in dehydration.\n") == {
        ("dehydration", "causedBy", "diarrhoea")
    }


def test_a_therapy_or_a_thing_is_no_cause_of_an_active_frame() -> None:
    assert links("Radiotherapy\nRadiotherapy can lead to skin soreness.\n") == set()
    assert links("Posture\nTight shoulder straps can cause neck pain.\n") == set()
    # a participle's subject is only implied
    assert links("Arthritis\nArthritis is a long-term disease, often leading to depression.\n") == (
        set()
    )


def test_a_denied_link_is_none() -> None:
    for said, denied in (
        ("Anxiety can lead to insomnia.", "Anxiety does not lead to insomnia."),
        ("Night cramps are caused by dehydration.", "Night cramps are not caused by dehydration."),
        ("Fatigue is common in children.", "Fatigue is not common in children."),
    ):
        assert len(links(f"Notes\n{said}\n")) == 1
        assert links(f"Notes\n{denied}\n") == set()


def test_originating_from_a_source_the_lexicon_does_not_know() -> None:
    found = links("Back Pain\nChronic back pain can stem from a slipped disc.\n")
    # "chronic" makes another thing of the lexicon's back pain: the article's words name it.
    assert found == {("Chronic back pain", "causedBy", "slipped disc")}


def test_a_general_noun_stands_for_its_examples() -> None:
    found = links(
        "Joint Problems\nHip pain can arise from conditions such as osteoarthritis and bursitis.\n"
    )
    # (hip pain is named in the article's words: the lexicon knows only "pain")
    assert {(r, d) for _, r, d in found} == {
        ("causedBy", "osteoarthritis"),
        ("causedBy", "bursitis"),
    }
    found = links(
        "Hand Problems\n"
        "Swelling of the hands is seen in diseases that result in chronic inflammation — "
        "diseases that include lupus, scleroderma and gout.\n"
    )
    assert ("chronic inflammation", "causedBy", "lupus") in {
        (c.lower(), r, d.lower()) for c, r, d in found
    }
    assert {d.lower() for c, r, d in found if r == "causedBy"} >= {"lupus", "scleroderma", "gout"}
    # a general noun without examples names nothing
    assert links("Disease\nThe illness is caused by an imbalance of humours.\n") == set()


def test_common_in_predicates_attributes_and_list_items() -> None:
    assert links("Hot Flushes\nHot flushes are very common after breast cancer treatment.\n") >= {
        ("hot-flush", "commonIn", "breast-cancer")
    }
    found = links(
        "Survivorship\n"
        "Anxiety and insomnia are among the most frequent problems reported by lung cancer "
        "survivors.\n"
    )
    assert found == {
        ("anxiety", "commonIn", "lung-cancer"),
        ("insomnia", "commonIn", "lung-cancer"),
    }
    found = links(
        "Lymphoedema in Brief\nSupporting Entity: Lymphoedema\n"
        "- Common in breast cancer and melanoma\n"
    )
    assert found == {
        ("lymphoedema", "commonIn", "breast-cancer"),
        ("lymphoedema", "commonIn", "melanoma"),
    }


def test_commonly_seen_and_people_without_a_condition_are_a_population() -> None:
    facts = facts_of("Falls\nDizziness is commonly reported in older adults.\n")
    (link,) = facts.condition_relations
    assert (name(link.condition).lower(), link.relation, link.related.label) == (
        "dizziness",
        "commonIn",
        "older adults",
    )
    assert "Population" in facts.entities[link.related.key][1]


def test_relation_nouns() -> None:
    # the frame says both are conditions, even where the lexicon does not know one
    assert links("Diabetes\nNerve damage is a complication of diabetes.\n") == {
        ("peripheral-neuropathy", "complicationOf", "diabetes")
    }
    assert links("Anaemia\nTiredness is one of the main symptoms of anaemia.\n") >= {
        ("fatigue", "symptomOf", "anaemia")
    }
    assert links("Headaches\nDehydration is a common cause of headaches.\n") == {
        ("headache", "causedBy", "dehydration")
    }


def test_risk_factors() -> None:
    assert links("Stroke\nSmoking increases the risk of stroke.\n") == {
        ("stroke", "hasRiskFactor", "Smoking")
    }
    assert links("Lymphoedema\nInfection is a risk factor for lymphoedema.\n") == {
        ("lymphoedema", "hasRiskFactor", "infection")
    }
    assert links(
        "Bones\nSteroids can cause bone thinning, which raises the chance of fractures.\n"
    ) >= {("fractures", "hasRiskFactor", "bone thinning")}


def test_association() -> None:
    assert links("Sleep\nPoor sleep is linked to depression and anxiety.\n") == {
        ("sleep-problem", "associatedWith", "depression"),
        ("sleep-problem", "associatedWith", "anxiety"),
    }
