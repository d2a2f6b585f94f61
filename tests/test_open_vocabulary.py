"""Entities the lexicon does not know, named by the role a sentence gives them; defined
abbreviations and other names; what keeps a lexicon term's identity. Phrasings written for
these tests."""

from __future__ import annotations

import pytest

from articlekg.abbreviations import find_definitions
from articlekg.facts import EntityRef, Facts
from articlekg.pipeline import extract
from articlekg.read.text import read_text_document


def facts_of(text: str) -> Facts:
    return extract(read_text_document("Notes for Patients\n" + text + "\n", "a.txt", "a"))


def name(ref: EntityRef) -> str:
    return ref.concept.rsplit("/", 1)[-1] if ref.concept else ref.label.lower()


def typed(facts: Facts, kind: str) -> set[str]:
    return {name(ref) for ref, kinds, _ in facts.entities.values() if kind in kinds}


@pytest.mark.parametrize(
    ("text", "short", "long"),
    [
        ("Tai chi chuan (TCC) was taught twice a week.", "TCC", "Tai chi chuan"),
        (
            "We measured health-related quality of life (HRQOL) at baseline.",
            "HRQOL",
            "health-related quality of life",
        ),
        (
            "Patients with chronic fatigue syndrome (CFS) took part.",
            "CFS",
            "chronic fatigue syndrome",
        ),
        (
            "Scores on the Hospital Anxiety and Depression Scale (HADS) fell.",
            "HADS",
            "Hospital Anxiety and Depression Scale",
        ),
    ],
)
def test_schwartz_hearst_definitions(text: str, short: str, long: str) -> None:
    (found,) = find_definitions(text, 0, len(text))
    assert found.short == short
    assert text[found.long_span.start : found.long_span.end] == long
    assert text[found.short_span.start : found.short_span.end] == short


@pytest.mark.parametrize(
    "text",
    [
        "Adults aged 60 (n=42) took part.",
        "Pain fell (p < 0.05) in both arms.",
        "The scale (0-10) was used.",
    ],
)
def test_a_bracket_that_defines_nothing(text: str) -> None:
    assert find_definitions(text, 0, len(text)) == []


def test_an_abbreviation_means_its_long_form_wherever_it_is_used() -> None:
    facts = facts_of(
        "Guided self-hypnosis training (GSHT) is new. In the trial, GSHT reduced hot flashes."
    )
    assert ("guided self-hypnosis training", "reduces", "hot-flush") in {
        (name(f.intervention), f.effect, name(f.outcome)) for f in facts.findings
    }


@pytest.mark.parametrize(
    ("text", "first", "other"),
    [
        (
            "Cryotherapy, also known as cold plunge therapy, may ease soreness.",
            "cryotherapy",
            "cold plunge therapy",
        ),
        (
            "Zone therapy (also known as reflexology) may ease soreness.",
            "zone therapy",
            "reflexology",
        ),
        (
            "Hydrotherapy, also called water cure, may ease soreness.",
            "hydrotherapy",
            "water cure",
        ),
    ],
)
def test_other_names_label_the_same_entity(text: str, first: str, other: str) -> None:
    document = read_text_document("Notes for Patients\n" + text + "\n", "a.txt", "a")
    facts = extract(document)
    wordings = {
        name(ref): {document.text[s.start : s.end].lower() for s in spans}
        for ref, _, spans in facts.entities.values()
    }
    holder = next(key for key, texts in wordings.items() if first in texts or key == first)
    assert other in wordings[holder]
    assert not [key for key in wordings if key != holder and other in wordings[key]]


@pytest.mark.parametrize(
    ("text", "condition"),
    [
        ("Women with lymphoedema joined the study.", "lymphoedema"),
        ("Adults diagnosed with sarcoidosis were eligible.", "sarcoidosis"),
        ("People living with endometriosis often try yoga.", "endometriosis"),
        ("The treatment of plantar fasciitis can take months.", "plantar fasciitis"),
    ],
)
def test_what_people_have_is_a_condition(text: str, condition: str) -> None:
    assert condition in typed(facts_of(text), "Condition")


@pytest.mark.parametrize(
    ("text", "members"),
    [
        ("It helps conditions such as bursitis and tendinitis.", {"bursitis", "tendinitis"}),
        ("Disorders including dysmenorrhoea can be painful.", {"dysmenorrhoea"}),
        (
            "It is used for conditions that include vertigo, tinnitus and rosacea.",
            {"vertigo", "tinnitus", "rosacea"},
        ),
    ],
)
def test_members_of_a_named_class_take_its_type(text: str, members: set[str]) -> None:
    assert members <= typed(facts_of(text), "Condition")


@pytest.mark.parametrize(
    ("text", "entity", "kind"),
    [
        ("Costochondritis is a condition of the chest wall.", "costochondritis", "Condition"),
        ("Pilates is a gentle exercise programme.", "pilates", "Intervention"),
        ("Paresthesia is one of the most common symptoms.", "paresthesia", "Condition"),
    ],
)
def test_what_a_copula_says_a_thing_is(text: str, entity: str, kind: str) -> None:
    assert entity in typed(facts_of(text), kind)


@pytest.mark.parametrize(
    ("text", "outcome", "identity"),
    [
        ("Reiki eased your daily pain.", "pain", "concept"),
        ("Reiki eased moderate anxiety.", "anxiety", "concept"),
        ("Reiki eased phantom limb pain.", "phantom limb pain", "label"),
    ],
)
def test_only_words_that_do_not_change_a_term_keep_its_identity(
    text: str, outcome: str, identity: str
) -> None:
    (finding,) = facts_of(text).findings
    if identity == "concept":
        assert finding.outcome.concept is not None and name(finding.outcome) == outcome
    else:
        assert finding.outcome.concept is None and finding.outcome.label.lower() == outcome


@pytest.mark.parametrize(
    ("text", "comparator"),
    [
        ("True acupuncture was compared with fake acupuncture.", "fake acupuncture"),
        ("Yoga was compared with chair-based stretching.", "chair-based stretching"),
        ("Massage was compared with placebo touch.", "placebo touch"),
    ],
)
def test_a_modified_therapy_is_a_therapy_of_its_own(text: str, comparator: str) -> None:
    labels = {ref.label.lower() for ref, _, _ in facts_of(text).entities.values()}
    assert comparator in labels


@pytest.mark.parametrize(
    ("text", "therapy", "outcome"),
    [
        (
            "Sauna Use and Heart Health\nRegular sauna use may lower blood pressure. Sauna use "
            "also eases muscle soreness.\n",
            "sauna use",
            "blood pressure",
        ),
        (
            "Forest Bathing Benefits\nForest bathing means slow walks among trees. Studies show "
            "forest bathing can reduce blood pressure.\n",
            "forest bathing",
            "blood pressure",
        ),
        (
            "Cold Plunges: What the Science Says\nCold plunges can reduce muscle soreness after "
            "exercise. Daily cold plunges may also improve mood.\n",
            "cold plunges",
            "muscle soreness",
        ),
    ],
)
def test_a_therapy_the_lexicon_lacks_is_named_by_the_title(
    text: str, therapy: str, outcome: str
) -> None:
    facts = extract(read_text_document(text, "a.txt", "a"))
    found = {(f.intervention.label.lower(), f.outcome.label.lower()) for f in facts.findings}
    assert (therapy, outcome) in found, found
    assert {f.intervention.label.lower() for f in facts.findings} == {therapy}
    assert [c.label.lower() for c, role, _ in facts.central if role == "central"] == [therapy]


def test_a_condition_the_title_names_is_not_taken_for_a_therapy() -> None:
    text = (
        "Acupuncture for Chronic Pain\nChronic pain reduces quality of life. Acupuncture can "
        "ease chronic pain.\n"
    )
    facts = extract(read_text_document(text, "a.txt", "a"))
    assert {f.intervention.label for f in facts.findings} == {"acupuncture"}
