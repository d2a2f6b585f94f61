"""Reported effects: who does what to which outcome, with significance, hedging, negation,
duration and the study that reports it. Small texts written for the tests, read with the
real lexicon for common terms (yoga, acupuncture, pain, fatigue, ...).
"""

from __future__ import annotations

from articlekg.facts import EntityRef, Facts, Finding
from articlekg.pipeline import extract
from articlekg.read.text import read_text_document


def facts_of(text: str) -> Facts:
    return extract(read_text_document(text, "article.txt", "article"))


def name(ref: EntityRef) -> str:
    """A lexicon concept by its IRI's local name, anything else by its label."""
    return ref.concept.rsplit("/", 1)[-1] if ref.concept else ref.label


def triples(facts: Facts) -> set[tuple[str, str, str]]:
    return {(name(f.intervention), f.effect, name(f.outcome)) for f in facts.findings}


def finding(facts: Facts, intervention: str, effect: str, outcome: str) -> Finding:
    matches = [
        f
        for f in facts.findings
        if (name(f.intervention), f.effect, name(f.outcome)) == (intervention, effect, outcome)
    ]
    assert matches, f"no finding {intervention} {effect} {outcome} in {sorted(triples(facts))}"
    return matches[0]


def quotes(text: str, found: Finding) -> list[str]:
    return [text[s.start : s.end] for s in found.evidence]


def test_reduces_and_improves_with_significance() -> None:
    text = (
        "Acupuncture for Hot Flashes\n"
        "Acupuncture significantly reduced hot flashes (p < 0.01) and improved sleep quality.\n"
    )
    facts = facts_of(text)
    assert triples(facts) == {
        ("acupuncture", "reduces", "hot-flush"),
        ("acupuncture", "improves", "sleep-quality"),
    }
    for found in facts.findings:
        assert found.significant is True
        assert not found.hedged and not found.negated
        assert found.claim_type == "generalClaim"
        assert quotes(text, found) == [text.splitlines()[1]]


def test_increases_and_worsens() -> None:
    facts = facts_of(
        "Exercise After Cancer\n"
        "Regular exercise increased physical function.\n"
        "Chemotherapy worsened fatigue in most patients.\n"
    )
    assert triples(facts) == {
        ("exercise", "increases", "physical-functioning"),
        ("chemotherapy", "worsens", "fatigue"),
    }


def test_no_significant_difference_is_no_effect_and_negated() -> None:
    facts = facts_of(
        "Reiki Notes\n"
        "Reiki showed no significant difference in nausea compared with rest.\n"
        "Reiki did not improve fatigue.\n"
    )
    assert triples(facts) == {("reiki", "noEffect", "nausea"), ("reiki", "noEffect", "fatigue")}
    for found in facts.findings:
        assert found.negated is True
        assert found.significant is False


def test_not_statistically_significant_keeps_the_effect_but_not_significance() -> None:
    facts = facts_of(
        "Music Therapy\n"
        "Music therapy reduced pain, but the change was not statistically significant.\n"
    )
    found = finding(facts, "music-therapy", "reduces", "pain")
    assert found.significant is False
    assert found.negated is False


def test_may_and_appears_to_are_hedges() -> None:
    facts = facts_of(
        "Reiki Notes\nReiki may reduce anxiety before surgery.\nMassage appears to ease stress.\n"
        "Yoga lowered fatigue.\n"
    )
    assert finding(facts, "reiki", "reduces", "anxiety").hedged is True
    assert finding(facts, "massage-therapy", "reduces", "stress").hedged is True
    assert finding(facts, "yoga", "reduces", "fatigue").hedged is False


def test_duration_of_the_effect() -> None:
    facts = facts_of(
        "Massage Notes\nMassage eased muscle tension, with relief lasting 16–18 hours.\n"
    )
    found = finding(facts, "massage-therapy", "reduces", "muscle-tension")
    assert found.duration is not None
    assert (found.duration.low, found.duration.high, found.duration.unit) == (16, 18, "hour")


def test_the_comparator_is_not_the_subject() -> None:
    facts = facts_of(
        "Acupuncture Notes\n"
        "Compared with usual care, acupuncture reduced pain at six weeks.\n"
        "Acupuncture reduced nausea more than sham acupuncture did.\n"
    )
    assert triples(facts) == {
        ("acupuncture", "reduces", "pain"),
        ("acupuncture", "reduces", "nausea"),
    }


TRIAL = (
    "Yoga for Fatigue\n"
    "A randomized trial enrolled 120 women with breast cancer. "
    "Participants were randomly assigned to usual care or usual care plus yoga.\n"
    "The yoga group reported less fatigue than the control group. "
    "Both groups reported better sleep quality.\n"
    "Compared with the usual care group, yoga improved mood.\n"
    "The trial found no significant difference in nausea between the groups.\n"
)


def test_arms_as_subjects_and_both_groups() -> None:
    facts = facts_of(TRIAL)
    assert triples(facts) == {
        ("yoga", "reduces", "fatigue"),
        ("yoga", "improves", "sleep-quality"),
        ("usual-care", "improves", "sleep-quality"),
        ("yoga", "improves", "mood"),
        ("yoga", "noEffect", "nausea"),
    }


def test_findings_in_a_trial_are_its_results() -> None:
    facts = facts_of(TRIAL)
    (study,) = facts.studies
    for found in facts.findings:
        assert found.claim_type == "studyResult"
        assert found.study == study.key


def test_an_effect_word_ending_in_a_colon_carries_into_the_list() -> None:
    text = (
        "Yoga Benefits\n"
        "Yoga classes were linked to improvements in:\n"
        "- Anxiety\n"
        "- Quality of life\n"
        "Other notes follow here.\n"
    )
    facts = facts_of(text)
    assert triples(facts) == {
        ("yoga", "improves", "anxiety"),
        ("yoga", "improves", "quality-of-life"),
    }
    assert quotes(text, finding(facts, "yoga", "improves", "anxiety")) == ["Anxiety"]


def test_nominal_effects_put_the_outcome_first() -> None:
    facts = facts_of(
        "Reiki for Fatigue\n"
        "Patients reported fatigue reduction and nausea relief after reiki sessions.\n"
    )
    assert triples(facts) == {("reiki", "reduces", "fatigue"), ("reiki", "reduces", "nausea")}


def test_the_subject_falls_back_to_the_section_heading() -> None:
    facts = facts_of(
        "Complementary Therapies\n"
        "Many people try several therapies.\n"
        "Acupuncture\n"
        "It can ease nausea after chemotherapy sessions.\n"
    )
    assert ("acupuncture", "reduces", "nausea") in triples(facts)


def test_a_heading_subject_is_an_entity_quoted_from_the_heading() -> None:
    """A title-cased heading's term followed by capitalised words ("Ginger Root Tea Help")
    is not taken as a mention of its own; as the claim's subject it still needs its words."""
    text = (
        "Notes on supportive care\n\n"
        "Massage therapy is offered in many clinics. Many people find massage therapy gentle.\n\n"
        "Could Ginger Root Tea Help You Sleep\n\n"
        "There were no significant differences between the two groups in sleep quality.\n"
    )
    facts = facts_of(text)
    subject = finding(facts, "ginger", "noEffect", "sleep-quality").intervention
    _, kinds, spans = facts.entities[subject.key]
    assert "Intervention" in kinds
    assert [text[s.start : s.end] for s in spans] == ["Ginger Root"]


def test_a_sentence_without_an_effect_word_states_no_finding() -> None:
    facts = facts_of("Yoga Basics\nYoga combines postures, breathing and meditation for fatigue.\n")
    assert facts.findings == []


def test_evidence_is_the_sentence_that_states_the_finding() -> None:
    text = "Reiki Notes\nIntro sentence here. Reiki may reduce anxiety before surgery. Outro.\n"
    facts = facts_of(text)
    (found,) = facts.findings
    assert quotes(text, found) == ["Reiki may reduce anxiety before surgery."]
    outcome = facts.entities[found.outcome.key]
    assert "Outcome" in outcome[1]
    assert [text[s.start : s.end] for s in outcome[2]] == ["anxiety"]


def test_effect_size_and_a_p_value_as_significance() -> None:
    facts = facts_of(
        "Yoga Notes\n"
        "Yoga reduced fatigue with an effect size of 0.45 in the pooled data.\n"
        "Massage reduced pain (p < 0.05).\n"
    )
    fatigue = finding(facts, "yoga", "reduces", "fatigue")
    assert fatigue.effect_size == 0.45
    assert fatigue.significant is None
    pain = finding(facts, "massage-therapy", "reduces", "pain")
    assert pain.significant is True
    assert pain.effect_size is None
