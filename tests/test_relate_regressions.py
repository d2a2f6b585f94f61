"""Inputs that once went wrong, each with what it must give now (found by the stage tests)."""

from __future__ import annotations

import pytest
from rdflib.namespace import RDF

from articlekg.assemble import assemble
from articlekg.facts import EntityRef, Facts
from articlekg.lexicon import default_lexicon
from articlekg.pipeline import extract
from articlekg.quantities import find_quantities
from articlekg.read.text import read_text_document
from articlekg.vocab import AKG, DEFAULT_BASE_IRI


def facts_of(text: str) -> Facts:
    return extract(read_text_document(text, "article.txt", "article"))


def name(ref: EntityRef | None) -> str | None:
    if ref is None:
        return None
    return ref.concept.rsplit("/", 1)[-1] if ref.concept else ref.label


def triples(facts: Facts) -> set[tuple[str | None, str, str | None]]:
    return {(name(f.intervention), f.effect, name(f.outcome)) for f in facts.findings}


def test_sections_keep_their_iris_when_a_paragraph_is_added_above() -> None:
    base = "Acupuncture\nAcupuncture may reduce nausea.\nSafety\nIt is generally safe.\n"
    grown = base.replace("nausea.\n", "nausea.\nSome people feel relaxed afterwards.\n")

    def sections(text: str) -> set[str]:
        document = read_text_document(text, "a.txt", "a")
        graph = assemble(document, extract(document), default_lexicon(), DEFAULT_BASE_IRI)
        return {str(s) for s in graph.subjects(RDF.type, AKG.Section)}

    assert sections(base) == sections(grown)


def test_two_values_joined_by_and_stay_two_values() -> None:
    assert [(q.low, q.high) for q in find_quantities("scores of 4.5 and 3.2")] == [
        (4.5, None),
        (3.2, None),
    ]
    assert [(q.low, q.high) for q in find_quantities("between 60% and 80% of people")] == [
        (60.0, 80.0)
    ]


def test_that_after_a_reporting_verb_opens_a_claim() -> None:
    facts = facts_of("Reviews found that massage improves fatigue.\n")
    assert ("massage-therapy", "improves", "fatigue") in triples(facts)


def test_an_outcome_named_with_its_effect_noun_is_an_effect() -> None:
    facts = facts_of("Massage Therapy\nMassage therapy brought pain relief to most patients.\n")
    assert ("massage-therapy", "reduces", "pain") in triples(facts)


def test_session_counts_are_not_interventions() -> None:
    facts = facts_of(
        "Massage versus usual care for pain in advanced cancer\n"
        "A pilot study enrolled 40 patients with advanced cancer. "
        "The massage group received six 30-minute sessions.\n"
    )
    arms = facts.studies[0].arms
    massage = [a for a in arms if name(a.intervention) == "massage-therapy"]
    assert len(massage) == 1
    assert massage[0].sessions == 6
    assert all("sessions" not in (name(a.intervention) or "") for a in arms)


def test_a_journal_is_not_the_field_it_is_named_after() -> None:
    facts = facts_of(
        "Hart L, Okafor B. Aromatherapy massage for anxiety in advanced cancer. "
        "Palliative Medicine. 2013;27(4):310-8.\n"
    )
    journal = facts.studies[0].journal
    assert journal is not None
    assert journal.concept is None
    assert journal.label == "Palliative Medicine"


def test_a_structured_abstract_gives_ages_and_place() -> None:
    facts = facts_of(
        "Acupuncture for hot flashes in breast cancer survivors\n"
        "Background: Hot flashes are common after breast cancer treatment.\n"
        "Design: Randomized controlled trial.\n"
        "Participants: 120 women aged 35–70 treated in Leeds, England.\n"
        "Results: Acupuncture reduced hot flash frequency.\n"
    )
    study = facts.studies[0]
    assert (study.sample_size, study.min_age, study.max_age) == (120, 35, 70)
    assert study.location == "Leeds, England"


def test_caused_by_stays_inside_its_clause() -> None:
    facts = facts_of(
        "Nausea caused by chemotherapy can be severe, and anaemia due to bleeding is rare.\n"
    )
    links = {(name(r.condition), r.relation, name(r.related)) for r in facts.condition_relations}
    assert all(condition != "nausea" or related != "anaemia" for condition, _, related in links)
    assert not any(
        related in ("anaemia", "bleeding") and condition == "nausea"
        for condition, _, related in links
    )


def test_bounded_percentages_are_statistics() -> None:
    facts = facts_of("Fatigue affects up to 90% of patients receiving radiotherapy.\n")
    stats = [(name(s.subject), s.low, s.high) for s in facts.statistics]
    assert ("fatigue", None, 90.0) in stats
    facts = facts_of("More than 50% of survivors report insomnia.\n")
    assert ("insomnia", 50.0, None) in [(name(s.subject), s.low, s.high) for s in facts.statistics]


def test_another_trial_and_a_sample_after_of_are_studies() -> None:
    facts = facts_of(
        "One trial (n=40) found less pain with acupuncture. Another trial (n=60) found no "
        "difference in pain.\n"
    )
    assert sorted(s.sample_size or 0 for s in facts.studies) == [40, 60]


def test_a_label_line_over_a_list_is_its_heading_even_after_another_label_line() -> None:
    document = read_text_document(
        "Central Entity: Acupuncture\nSupporting Entity: Nausea\n"
        "- Reported by about 30% of patients receiving chemotherapy\n",
        "a.txt",
        "a",
    )
    kinds = [b.kind.value for b in document.blocks]
    assert kinds == ["label_value", "heading", "list_item"]


def test_arms_named_twice_are_one_arm() -> None:
    facts = facts_of(
        "Acupuncture for fatigue: a randomized trial\n"
        "Design: Randomized controlled trial.\n"
        "Interventions: Participants were randomly assigned to usual care or usual care plus "
        "acupuncture.\n"
        "- Acupuncture Group (n=60): six 20-minute sessions of acupuncture\n"
        "- Usual Care Group (n=60): usual care alone\n"
        "Results: Acupuncture reduced fatigue.\n"
    )
    arms = facts.studies[0].arms
    assert sorted(name(a.intervention) or "" for a in arms) == ["acupuncture", "usual-care"]
    assert sorted(a.size or 0 for a in arms) == [60, 60]


def test_a_term_inside_a_proper_name_is_not_a_mention() -> None:
    facts = facts_of("Setting: Population-based Palliative Care Research Network.\n")
    assert not any(
        ref.concept and ref.concept.endswith("/palliative-care")
        for ref, _, _ in facts.entities.values()
    )
    assert [name(c.context) for c in facts.contexts] == [
        "Population-based Palliative Care Research Network"
    ]


def test_through_without_an_effect_before_it_is_not_a_mechanism() -> None:
    facts = facts_of(
        "The Central Entity, modeled through entity-attribute-value notation, was "
        "nutrition therapy.\nMassage calms anxiety via reduced cortisol.\n"
    )
    claims = {(name(m.intervention), name(m.mechanism)) for m in facts.mechanisms}
    assert claims == {("massage-therapy", "cortisol-reduction")}


def test_a_raised_risk_starts_from_the_condition_at_risk() -> None:
    facts = facts_of(
        "Chemotherapy may lower the number of white blood cells, which increases "
        "your risk of infection.\n"
    )
    links = {(name(r.condition), r.relation, name(r.related)) for r in facts.condition_relations}
    assert ("infection", "hasRiskFactor", "white-blood-cell-count") in links


def test_a_statistic_keeps_the_adjective_of_its_subject() -> None:
    facts = facts_of("Minor bruising or soreness at the needle site followed 4% of sessions.\n")
    assert [(s.subject.label, s.low, s.high) for s in facts.statistics] == [
        ("Minor bruising or soreness at the needle site", 4.0, 4.0)
    ]


def test_compared_effects_name_the_arms_of_the_study_they_report() -> None:
    facts = facts_of(
        "One trial (n=74) indicated that effects of acupuncture delivered in a group setting "
        "may be similar to those of individual acupuncture.\n"
    )
    (study,) = facts.studies
    assert study.sample_size == 74
    assert sorted(a.intervention.label for a in study.arms if a.intervention) == [
        "acupuncture delivered in a group setting",
        "individual acupuncture",
    ]


def test_and_in_a_list_of_causes_does_not_end_the_clause() -> None:
    facts = facts_of(
        "Each participant suffered from bone metastases caused by various cancers "
        "including breast, lung, and gastrointestinal types.\n"
    )
    related = {name(r.related) for r in facts.condition_relations if r.relation == "causedBy"}
    assert related == {"breast-cancer", "lung-cancer", "gastrointestinal-cancer"}


def test_an_abstracts_objective_is_an_aim_not_a_result() -> None:
    facts = facts_of(
        "Reiki for fatigue: a randomized trial\n"
        "Objective: To evaluate the efficacy of reiki for decreasing fatigue.\n"
        "Design: Randomized controlled trial.\n"
        "Results: Reiki did not reduce anxiety.\n"
    )
    assert ("reiki", "reduces", "fatigue") not in triples(facts)


def test_their_use_after_a_plain_verb_is_the_outcome_named_before() -> None:
    facts = facts_of(
        "Researchers conducted a randomized trial that included 300 cancer survivors. "
        "Participants were randomly assigned to usual care or usual care plus yoga. "
        "Participants in the yoga group decreased their use of sleep medication by 21 percent, "
        "whereas those in the control group increased their use by 5 percent.\n"
    )
    found = triples(facts)
    assert ("usual-care", "increases", "sleep-medication-use") in found
    assert ("yoga", "reduces", "sleep-medication-use") in found


def test_they_after_a_study_sentence_reports_that_study() -> None:
    facts = facts_of(
        "Researchers conducted a randomized trial that included 200 cancer survivors. "
        "Participants in the yoga group showed greater improvement in sleep quality. "
        "They reported less fatigue.\n"
    )
    (study,) = facts.studies
    fatigue = [f for f in facts.findings if name(f.outcome) == "fatigue"]
    assert fatigue
    assert all(f.study == study.key for f in fatigue)


def test_a_central_entity_named_only_by_its_role_is_an_intervention() -> None:
    facts = facts_of(
        "The Central Entity was expressed as Weight-Care Program {medical evaluation, "
        "nutrition therapy}.\n"
    )
    classes = {
        kind
        for ref, kinds, _ in facts.entities.values()
        if ref.label == "Weight-Care Program"
        for kind in kinds
    }
    assert "Intervention" in classes


def test_what_an_adjective_describes_is_no_clause_to_climb_from() -> None:
    # The harm belongs to the pain the adjective describes, not to the article's therapy.
    text = (
        "Reflexology for Arthritis\n"
        "Reflexology is a gentle therapy for people with arthritis. Reflexology eases stiffness.\n"
        "Surveys show that many adults with arthritis will develop joint pain, often severe "
        "enough to impair mobility.\n"
    )
    assert not [f for f in facts_of(text).findings if name(f.outcome) == "mobility"]


def test_what_an_effect_harms_is_not_also_its_agent() -> None:
    text = (
        "Tai Chi for Arthritis\n"
        "Tai chi is a gentle exercise for people with arthritis.\n"
        "Surveys show that approximately 30% to 40% of adults with arthritis will develop "
        "joint pain, often severe enough to impair daily walking.\n"
    )
    findings = facts_of(text).findings
    assert not [f for f in findings if name(f.intervention) == name(f.outcome)]
    assert not [f for f in findings if f.intervention.label == "walking"]


@pytest.mark.parametrize(
    ("text", "named"),
    [
        (
            "Warm Water Therapy Benefits\nWarm water therapy involves soaking in warm water. "
            "Here are some benefits of warm water therapy:\n- Better sleep: it can help you "
            "sleep.\n- Less pain: warm water therapy can ease pain.\n",
            "warm water therapy",
        ),
        (
            "Partner Massage Benefits\nPartner massage is massage given by a spouse or friend. "
            "Here are some benefits of partner massage:\n- Better sleep: it can help you "
            "sleep.\n- Less worry: partner massage can reduce worry.\n",
            "partner massage",
        ),
        (
            "Chair Yoga Benefits\nChair yoga is yoga done sitting down. Potential benefits of "
            "chair yoga include:\n- Less stiffness: chair yoga can ease stiffness.\n",
            "chair yoga",
        ),
    ],
)
def test_a_heading_names_its_therapy_as_the_article_words_it(text: str, named: str) -> None:
    facts = extract(read_text_document(text, "a.txt", "a"))
    assert facts.findings
    assert {f.intervention.label.lower() for f in facts.findings} == {named}
    assert [c.label.lower() for c, role, _ in facts.central if role == "central"] == [named]


MAGAZINE = (
    "Yoga for Cancer Fatigue\n"
    "Yoga is a gentle practice that many survivors enjoy.\n"
    "The Trial\n"
    "A randomized trial titled “Yoga for fatigue in breast cancer survivors” enrolled "
    "80 women. Yoga reduced fatigue compared with usual care.\n"
    "Conclusion\n"
    "Yoga is more than exercise; it becomes a way of restoring calm and confidence.\n"
)
ABSTRACT = (
    "Yoga for fatigue in breast cancer survivors: a randomized trial\n"
    "Methods: 80 women were randomized to yoga or usual care.\n"
    "Results: Yoga reduced fatigue compared with usual care.\n"
    "Conclusions: Yoga restores confidence in survivors.\n"
)


def test_an_article_s_own_conclusion_is_not_its_study_s() -> None:
    facts = extract(read_text_document(MAGAZINE, "a.txt", "a"))
    by_study = {name(f.outcome) for f in facts.findings if f.study is not None}
    assert "fatigue" in by_study
    assert not by_study & {"confidence", "calm"}, by_study
    (study,) = facts.studies
    assert not {name(ref) for ref, _ in study.measures} & {"confidence", "calm"}


def test_a_record_s_conclusions_report_its_study() -> None:
    facts = extract(read_text_document(ABSTRACT, "a.txt", "a"))
    assert {name(f.outcome) for f in facts.findings if f.study is not None} >= {"fatigue"}
    assert all(f.study is not None for f in facts.findings)
