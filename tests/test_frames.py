"""Effect frames read from the parse: each kind of sentence in three or more phrasings
written for these tests (none from a dev article)."""

from __future__ import annotations

import pytest

from articlekg.facts import EntityRef, Facts, Finding
from articlekg.pipeline import extract
from articlekg.read.text import read_text_document


def facts_of(text: str) -> Facts:
    return extract(read_text_document("Notes for Patients\n" + text + "\n", "a.txt", "a"))


def name(ref: EntityRef) -> str:
    """A lexicon concept by its IRI's local name, an entity of the article by its label."""
    return ref.concept.rsplit("/", 1)[-1] if ref.concept else ref.label.lower()


def triples(facts: Facts) -> set[tuple[str, str, str]]:
    return {(name(f.intervention), f.effect, name(f.outcome)) for f in facts.findings}


def finding(facts: Facts, intervention: str, effect: str, outcome: str) -> Finding:
    found = [
        f
        for f in facts.findings
        if (name(f.intervention), f.effect, name(f.outcome)) == (intervention, effect, outcome)
    ]
    assert found, f"no {intervention} {effect} {outcome} in {sorted(triples(facts))}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Reiki lowered anxiety in older adults.", ("reiki", "reduces", "anxiety")),
        ("Regular yoga practice eased insomnia.", ("yoga", "reduces", "insomnia")),
        ("In the pilot, tai chi boosted balance.", ("tai-chi", "improves", "balance")),
        (
            "Hypnotherapy worsened nightmares for a few participants.",
            ("hypnosis", "worsens", "nightmares"),
        ),
    ],
)
def test_a_verb_with_its_subject_and_object(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(facts_of(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hot flushes were reduced by acupuncture.", ("acupuncture", "reduces", "hot-flush")),
        (
            "Neck stiffness was eased by deep tissue massage.",
            ("deep-tissue-massage", "reduces", "neck stiffness"),
        ),
        ("The severity of nausea was lowered by ginger.", ("ginger", "reduces", "nausea")),
    ],
)
def test_a_passive_names_its_agent_after_by(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(facts_of(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fatigue fell sharply in the yoga group.", ("yoga", "reduces", "fatigue")),
        (
            "Anxiety declined among patients after reflexology.",
            ("reflexology", "reduces", "anxiety"),
        ),
        ("Mood improved with music therapy.", ("music-therapy", "improves", "mood")),
    ],
)
def test_the_outcome_as_subject_takes_the_intervention_from_a_phrase(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in triples(facts_of(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pain scores were lower in the acupuncture group.", ("acupuncture", "reduces", "pain")),
        ("Sleep quality was better after yoga.", ("yoga", "improves", "sleep-quality")),
        (
            "Depression was less severe with aromatherapy.",
            ("aromatherapy", "reduces", "depression"),
        ),
    ],
)
def test_a_predicate_adjective(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(facts_of(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Qigong produced an improvement in fatigue.", ("qigong", "improves", "fatigue")),
        ("Patients saw a reduction of anxiety with reiki.", ("reiki", "reduces", "anxiety")),
        ("Ginger gave relief from nausea.", ("ginger", "reduces", "nausea")),
        ("Massage had beneficial effects on mood.", ("massage-therapy", "improves", "mood")),
        ("Yoga showed a positive impact on sleep quality.", ("yoga", "improves", "sleep-quality")),
    ],
)
def test_effect_nouns_and_their_objects(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(facts_of(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "People who practised meditation reported less stress.",
            ("meditation", "reduces", "stress"),
        ),
        (
            "Women receiving reflexology described better sleep.",
            ("reflexology", "improves", "sleep-quality"),
        ),
        ("Adults who did tai chi had fewer falls.", ("tai-chi", "reduces", "falls")),
    ],
)
def test_people_who_received_an_intervention_are_its_subject(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in triples(facts_of(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Acupuncture is effective for migraine.", "reduces"),
        ("Acupuncture may be helpful with migraine.", "reduces"),
        ("Acupuncture has proved useful in migraine.", "reduces"),
    ],
)
def test_efficacy_for_a_condition_is_its_reduction(text: str, expected: str) -> None:
    effects = {(i, e) for i, e, o in triples(facts_of(text)) if o == "migraine"}
    assert ("acupuncture", expected) in effects


def test_coordinated_outcomes_including_as_well_as_and_across_an_aside() -> None:
    facts = facts_of(
        "Reflexology improved fatigue as well as mood, appetite and sleep quality. "
        "Massage reduced pain (mean change 2.1 points) and anxiety."
    )
    found = triples(facts)
    for outcome in ("fatigue", "mood", "appetite", "sleep-quality"):
        assert ("reflexology", "improves", outcome) in found
    assert ("massage-therapy", "reduces", "anxiety") in found


@pytest.mark.parametrize(
    "text",
    [
        "Acupuncture reduced the severity of nausea.",
        "Acupuncture lowered the frequency of nausea.",
        "Acupuncture reduced symptoms of nausea.",
    ],
)
def test_a_measure_names_what_it_measures(text: str) -> None:
    assert ("acupuncture", "reduces", "nausea") in triples(facts_of(text))


@pytest.mark.parametrize(
    ("text", "outcomes"),
    [
        ("No differences were found in fatigue, anxiety or pain.", {"fatigue", "anxiety", "pain"}),
        ("Reiki did not reduce nausea or insomnia.", {"nausea", "insomnia"}),
        ("Fatigue did not differ between the reiki and control groups.", {"fatigue"}),
    ],
)
def test_negated_outcomes_are_no_effect(text: str, outcomes: set[str]) -> None:
    facts = facts_of("A reiki trial enrolled 40 adults. " + text)
    none = {name(f.outcome) for f in facts.findings if f.effect == "noEffect"}
    assert outcomes <= none
    assert all(
        f.negated and f.significant is False for f in facts.findings if f.effect == "noEffect"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Reiki may ease anxiety.",
        "Reiki appears to ease anxiety.",
        "Limited evidence suggests that reiki eases anxiety.",
    ],
)
def test_hedged_claims(text: str) -> None:
    assert finding(facts_of(text), "reiki", "reduces", "anxiety").hedged is True


@pytest.mark.parametrize(
    "text",
    [
        "Future studies should test whether reiki eases anxiety.",
        "The trial aimed to examine whether reiki eases anxiety.",
        "A larger trial is needed to confirm that reiki eases anxiety.",
    ],
)
def test_hypothetical_and_future_research_state_no_finding(text: str) -> None:
    assert not [f for f in facts_of(text).findings if name(f.outcome) == "anxiety"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Cupping has been shown to ease back pain and reduce stiffness.",
            {("cupping", "reduces", "back-pain"), ("cupping", "reduces", "stiffness")},
        ),
        ("Warm baths can help to calm anxiety.", {("warm baths", "reduces", "anxiety")}),
        ("Music therapy is thought to lift mood.", {("music-therapy", "improves", "mood")}),
    ],
)
def test_the_subject_of_a_governing_verb(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= triples(facts_of(text))


def test_something_else_as_subject_states_no_effect_of_the_therapy() -> None:
    facts = facts_of(
        "Massage is popular. Stress worsens pain. Caffeine can raise anxiety. "
        "Poor sleep increases fatigue."
    )
    assert not [f for f in facts.findings if name(f.intervention) == "massage-therapy"]


@pytest.mark.parametrize(
    "text",
    [
        "Reflexology is offered in clinics. It can ease anxiety.",
        "Reflexology is offered in clinics. They say it can ease anxiety.",
        "Reflexology is offered in clinics and it can ease anxiety.",
    ],
)
def test_a_pronoun_points_back(text: str) -> None:
    assert ("reflexology", "reduces", "anxiety") in triples(facts_of(text))


@pytest.mark.parametrize(
    "text",
    [
        "A therapist may choose lavender to relieve muscle spasm.",
        "Some people use peppermint oil to relieve muscle spasm.",
        "Nurses may apply warm compresses to relieve muscle spasm.",
    ],
)
def test_what_is_used_for_a_purpose_does_the_effect(text: str) -> None:
    agents = {
        name(f.intervention)
        for f in facts_of(text).findings
        if name(f.outcome) == "muscle spasm" or name(f.outcome) == "muscle-spasm"
    }
    assert agents and not agents & {"therapist", "people", "nurses"}


@pytest.mark.parametrize(
    ("text", "agents"),
    [
        ("Oils such as bergamot or neroli may ease stress.", {"bergamot-oil", "neroli"}),
        ("Mind-body practices such as qigong can ease stress.", {"qigong"}),
        ("Gentle therapies like reflexology may ease stress.", {"reflexology"}),
    ],
)
def test_examples_after_such_as_are_who_acts(text: str, agents: set[str]) -> None:
    found = {name(f.intervention) for f in facts_of(text).findings}
    assert agents <= found


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("Deep massage can cause bruising.", "bruising"),
        ("Acupuncture may cause dizziness in some people.", "dizziness"),
        ("Ginger can trigger heartburn.", "heartburn"),
    ],
)
def test_harms_are_increases(text: str, outcome: str) -> None:
    assert any(e == "increases" and o == outcome for _, e, o in triples(facts_of(text)))


def test_and_other_widens_rather_than_names() -> None:
    facts = facts_of("Acupuncture may relieve pain and other symptoms or side effects.")
    assert {name(f.outcome) for f in facts.findings} == {"pain"}


@pytest.mark.parametrize(
    "text",
    [
        "Yoga eased fatigue.",
        "Massage calms anxiety.",
        "Acupressure relieves nausea.",
    ],
)
def test_short_clauses_the_small_model_reads_as_noun_phrases(text: str) -> None:
    facts = facts_of(text)
    assert len(facts.findings) == 1
    (found,) = facts.findings
    assert found.effect in ("reduces", "improves")
    assert name(found.outcome) in ("fatigue", "anxiety", "nausea")
    assert name(found.intervention) in ("yoga", "massage-therapy", "acupressure")


@pytest.mark.parametrize(
    "text",
    [
        "- Better sleep: Yoga can improve sleep in older adults.",
        "- Calmer mood: Yoga can improve mood in older adults.",
        "- Less pain: Yoga can reduce pain in older adults.",
    ],
)
def test_a_label_is_not_the_subject_of_the_clause_after_it(text: str) -> None:
    found = {name(f.intervention) for f in facts_of("Benefits of yoga:\n" + text).findings}
    assert found == {"yoga"}


@pytest.mark.parametrize(
    "text",
    [
        "Does reiki ease anxiety?",
        "Can a short walk really lower blood pressure?",
        "Is yoga more effective than stretching in relieving back pain?",
    ],
)
def test_a_question_states_no_finding(text: str) -> None:
    assert facts_of(text).findings == []


@pytest.mark.parametrize(
    "text",
    [
        'The page answers a query phrased as "how yoga reduces stress at work".',
        'A trial titled "Reiki to ease anxiety before surgery" was published.',
        'The campaign was named "Walk to lower your blood pressure".',
    ],
)
def test_a_quotation_that_names_something_is_no_claim(text: str) -> None:
    assert facts_of(text).findings == []


def test_a_quoted_remark_is_a_claim() -> None:
    facts = facts_of('"Reiki clearly eased anxiety," the nurses said.')
    assert ("reiki", "reduces", "anxiety") in triples(facts)


@pytest.mark.parametrize(
    ("text", "outcome", "effect"),
    [
        ("Reflexology can help with constipation.", "constipation", "reduces"),
        ("Reflexology may help with sleep.", "sleep-quality", "improves"),
        ("Reflexology can also help with many symptoms, such as hiccups.", "hiccups", "reduces"),
    ],
)
def test_help_with_reduces_a_symptom_and_improves_a_good(
    text: str, outcome: str, effect: str
) -> None:
    assert ("reflexology", effect, outcome) in triples(facts_of(text))


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("Reiki can help your shoulders relax.", "shoulders relax"),
        ("Reiki may help sore joints recover.", "sore joints recover"),
        ("Reiki can help wounds heal.", "wounds heal"),
    ],
)
def test_helping_something_into_a_state(text: str, state: str) -> None:
    found = {(i, e, o) for i, e, o in triples(facts_of(text))}
    assert ("reiki", "improves", state) in found


@pytest.mark.parametrize(
    "text",
    [
        "Patients can ease nausea by taking ginger capsules.",
        "You can lower anxiety by using lavender oil.",
        "Runners reduced soreness by doing yoga.",
    ],
)
def test_by_using_names_the_intervention(text: str) -> None:
    facts = facts_of(text)
    assert facts.findings
    assert all(name(f.intervention) not in ("patients", "you", "runners") for f in facts.findings)
    assert not facts.mechanisms


@pytest.mark.parametrize(
    "text",
    [
        "Reiki is a gentle touch therapy.\nPlacing the hands on the body can ease anxiety.",
        "Reiki is a gentle touch therapy.\nHolding the palms over the chest may ease anxiety.",
        "Reiki is a gentle touch therapy.\nTouching these points can ease anxiety.",
    ],
)
def test_an_act_as_subject_is_the_therapy_by_that_act(text: str) -> None:
    facts = facts_of(text)
    assert ("reiki", "reduces", "anxiety") in triples(facts)
    assert any(name(m.intervention) == "reiki" for m in facts.mechanisms)


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("Yoga gives many people a feeling of calm.", "calm"),
        ("Massage can bring a sense of well-being.", "well-being"),
        ("Tai chi may provide a feeling of confidence.", "confidence"),
    ],
)
def test_a_feeling_given_is_an_improvement(text: str, outcome: str) -> None:
    assert any(e == "improves" and outcome in o for _, e, o in triples(facts_of(text)))


@pytest.mark.parametrize(
    "text",
    [
        "The effectiveness of reflexology to ease anxiety was shown in a trial.",
        "The efficacy of reflexology in easing anxiety is uncertain.",
        "The benefit of reflexology for anxiety was small but real.",
    ],
)
def test_the_effectiveness_of_x_names_x(text: str) -> None:
    agents = {name(f.intervention) for f in facts_of(text).findings}
    assert agents <= {"reflexology"}


@pytest.mark.parametrize(
    "text",
    [
        "Reiki produced a positive response with respect to anxiety.",
        "Reiki brought benefits in terms of anxiety.",
        "Reiki showed an improvement with regard to anxiety.",
    ],
)
def test_complex_prepositions_lead_to_their_noun(text: str) -> None:
    assert any(o == "anxiety" for _, _, o in triples(facts_of(text)))


def test_outcomes_listed_each_with_a_statistic() -> None:
    facts = facts_of(
        "Reiki produced significant reductions in hot flushes (OR = 2.1, P = 0.02) "
        "night sweats (OR = 1.6, P = 0.04), difficulty falling asleep (OR = 1.9, P = 0.01) "
        "and in waking too early (OR = 1.5, P = 0.03)."
    )
    outcomes = {o for _, e, o in triples(facts) if e == "reduces"}
    assert len(outcomes) == 4  # night sweats are a lexicon concept under another name
    assert {"difficulty falling asleep", "waking too early"} <= outcomes


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        (
            "Massage reduced acute and chronic pain in the trial.",
            "acute pain",
            "chronic pain",
        ),
        (
            "Exercise improved physical and mental fatigue.",
            "physical fatigue",
            "mental fatigue",
        ),
        (
            "Reiki lowered systolic or diastolic pressure.",
            "systolic pressure",
            "diastolic pressure",
        ),
    ],
)
def test_coordinated_adjectives_give_one_outcome_each(text: str, first: str, second: str) -> None:
    labels = {f.outcome.label.lower() for f in facts_of(text).findings}
    assert {first, second} <= labels


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("Reflexology aims to ease tight tissues that can cause pain.", "pain"),
        ("Yoga may relieve muscle knots that can trigger headaches.", "headache"),
        ("Cupping can reduce inflammation that may cause stiffness.", "stiffness"),
    ],
)
def test_easing_what_causes_a_harm_reduces_the_harm(text: str, outcome: str) -> None:
    found = {(e, o) for _, e, o in triples(facts_of(text))}
    assert ("reduces", outcome) in found
    assert ("increases", outcome) not in found


@pytest.mark.parametrize(
    "text",
    [
        "Tai chi's ability to steady the body brings the benefit of better balance.",
        "Massage's gentle pressure can ease anxiety.",
        "Reiki's calming touch may lower stress.",
    ],
)
def test_a_therapys_own_quality_acts_for_it(text: str) -> None:
    agents = {name(f.intervention) for f in facts_of(text).findings}
    assert agents and agents <= {"tai-chi", "massage-therapy", "reiki"}


def test_every_trigger_word_states_a_polarity_the_graph_knows() -> None:
    # A misspelt polarity in the rule data would silently mint an effect no query asks for.
    from articlekg.relate.frames import POLARITIES, effect_rules

    used = {polarity for entry in effect_rules().vocabulary.values() for polarity in entry}
    assert used <= set(POLARITIES), used - set(POLARITIES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Reiki aims to relax you mentally and physically.", ("reiki", "improves", "relaxation")),
        ("Reiki can help you relax after a long day.", ("reiki", "improves", "relaxation")),
        ("A warm bath relaxes patients before surgery.", ("warm bath", "improves", "relaxation")),
        ("Gentle stretching helps patients sleep.", ("stretching", "improves", "sleep-quality")),
    ],
)
def test_a_person_helped_into_a_state_names_the_state(
    text: str, expected: tuple[str, str, str]
) -> None:
    facts = facts_of(text)
    finding(facts, *expected)
    assert not [f for f in facts.findings if name(f.outcome) in ("you", "patients")]


def test_what_a_state_verb_acts_on_is_left_to_the_other_frames() -> None:
    facts = facts_of("Yoga helps your muscles relax. Warm baths relax the shoulders.")
    assert ("yoga", "improves", "muscles relax") in triples(facts)
    assert not [f for f in facts.findings if "shoulder" in name(f.outcome)]


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        (
            "No differences were found on lung cancer–specific quality of life, mood, and pain.",
            "lung cancer–specific quality of life",
        ),
        ("Tai chi improved disease-specific quality of life.", "disease-specific quality of life"),
        (
            "Yoga improved the breast cancer–specific quality of life of survivors.",
            "breast cancer–specific quality of life",
        ),
    ],
)
def test_a_compound_before_a_term_keeps_the_whole_term(text: str, outcome: str) -> None:
    labels = {f.outcome.label for f in facts_of("Yoga and Tai Chi\n" + text).findings}
    assert outcome in labels, labels


@pytest.mark.parametrize(
    ("text", "outcomes"),
    [
        (
            "No differences were found on disease-specific HRQOL, depressive symptoms, and pain.",
            {"health-related-quality-of-life", "depression", "pain"},
        ),
        (
            "No differences were found on cancer-related HRQOL, low mood, and sleep.",
            {"health-related-quality-of-life", "depression", "sleep-quality"},
        ),
        (
            "There were no differences in FACT-G, perceived stress, and nausea.",
            {"functional-assessment-of-cancer-therapy-general", "stress", "nausea"},
        ),
    ],
)
def test_a_list_item_the_parser_hangs_on_the_next_is_its_own(text: str, outcomes: set[str]) -> None:
    facts = facts_of("Yoga was tested in a randomized trial. " + text)
    found = {
        f.outcome.concept.rsplit("/", 1)[-1] if f.outcome.concept else f.outcome.label
        for f in facts.findings
    }
    assert outcomes <= found, found


@pytest.mark.parametrize(
    "text",
    [
        "Women who did yoga slept as well as those who took sleeping pills.",
        "Patients who had reiki relaxed as much as those who rested quietly.",
        "Adults who practised tai chi recovered as fast as those who walked.",
    ],
)
def test_a_comparison_with_other_people_puts_no_one_into_a_state(text: str) -> None:
    assert not [f for f in facts_of(text).findings if f.effect == "improves"]


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        (
            "At 12 weeks, the proportion of patients with moderate fatigue was smaller in the "
            "yoga group.",
            "fatigue",
        ),
        ("The number of women with hot flushes fell in the yoga group.", "hot-flush"),
        ("The percentage of adults with insomnia was lower in the yoga group.", "insomnia"),
    ],
)
def test_a_share_of_people_with_a_condition_measures_the_condition(text: str, outcome: str) -> None:
    facts = facts_of("Yoga was tested in a randomized trial. " + text)
    assert ("yoga", "reduces", outcome) in triples(facts)


@pytest.mark.parametrize(
    "text",
    [
        "Those who took the higher doses had a 30% reduction.",
        "Patients given the lower dose slept longer.",
        "Women on the stronger concentrations reported less nausea.",
    ],
)
def test_a_comparative_dose_says_which_arm_not_an_effect(text: str) -> None:
    facts = facts_of("Ginger capsules were tested in a randomized trial. " + text)
    assert not [
        f for f in facts.findings if "dose" in f.outcome.label or "concentration" in f.outcome.label
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "If you have back pain, a therapist might select peppermint or eucalyptus to "
            "relieve muscle cramps.",
            {
                ("peppermint-oil", "reduces", "muscle cramps"),
                ("eucalyptus-oil", "reduces", "muscle cramps"),
            },
        ),
        (
            "If sleep is a problem, a herbalist may choose chamomile or valerian to ease insomnia.",
            {("chamomile", "reduces", "insomnia"), ("valerian", "reduces", "insomnia")},
        ),
        (
            "If you feel tense, a practitioner could pick bergamot to lower anxiety.",
            {("bergamot-oil", "reduces", "anxiety")},
        ),
    ],
)
def test_an_if_clause_ends_at_its_comma(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= triples(facts_of(text))


@pytest.mark.parametrize(
    "text",
    [
        "If yoga reduces pain, patients may need fewer painkillers.",
        "If acupuncture eases nausea and vomiting, doctors could use it more widely.",
        "Ask your doctor if reiki improves sleep.",
    ],
)
def test_what_an_if_clause_says_stays_hypothetical(text: str) -> None:
    assert not facts_of(text).findings


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The benefits of yoga in managing period pain were clear.",
            ("yoga", "reduces", "period pain"),
        ),
        (
            "Recent research reports on an evaluation of the effects of reflexology in managing "
            "period pain.",
            ("reflexology", "reduces", "period pain"),
        ),
        (
            "The role of massage in relieving lower back pain is well known.",
            ("massage-therapy", "reduces", "back-pain"),
        ),
    ],
)
def test_a_gerund_the_parser_hung_on_its_object(text: str, expected: tuple[str, str, str]) -> None:
    found = triples(facts_of(text))
    assert expected in found
    assert not [
        t for t in found if t[2].startswith(("managing", "relieving")) or t[2] == "evaluation"
    ]


@pytest.mark.parametrize(
    ("text", "condition"),
    [
        ("Acupressure eased labour pain in first-time mothers.", "labour pain"),
        ("Yoga reduced pelvic girdle pain during pregnancy.", "pelvic girdle pain"),
        ("Massage relieved repetitive strain injury in typists.", "repetitive strain injury"),
    ],
)
def test_an_outcome_named_by_a_condition_head_is_a_condition(text: str, condition: str) -> None:
    facts = facts_of(text)
    kinds = {ref.label: kinds for ref, kinds, _ in facts.entities.values()}
    assert {"Outcome", "Condition"} <= kinds[condition], kinds


def test_an_outcome_good_to_have_is_no_condition() -> None:
    facts = facts_of("Tai chi improved dynamic balance in older adults.")
    kinds = {ref.label: kinds for ref, kinds, _ in facts.entities.values()}
    assert "Condition" not in kinds["dynamic balance"], kinds


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Radiotherapy may result in a lower than normal number of red blood cells.",
            ("radiotherapy", "reduces", "red blood cells"),
        ),
        (
            "Steroid tablets can cause a higher than usual level of blood sugar.",
            ("steroid tablets", "increases", "blood sugar"),
        ),
        (
            "Some painkillers lead to a lower than average heart rate.",
            ("analgesic", "reduces", "heart-rate"),
        ),
    ],
)
def test_a_comparative_than_the_norm(text: str, expected: tuple[str, str, str]) -> None:
    found = triples(facts_of(text))
    assert expected in found, found
