"""Studies the article reports: title, design, journal, year, sample size, ages, place, arms
with sessions and sizes, what was measured; and studies that must stay apart.
"""

from __future__ import annotations

from articlekg.facts import Arm, EntityRef, Facts, Study
from articlekg.pipeline import extract
from articlekg.read.text import read_text_document


def facts_of(text: str) -> Facts:
    return extract(read_text_document(text, "article.txt", "article"))


def name(ref: EntityRef | None) -> str | None:
    if ref is None:
        return None
    return ref.concept.rsplit("/", 1)[-1] if ref.concept else ref.label


def arm_rows(
    study: Study,
) -> list[tuple[str, str | None, str | None, int | None, float | None, int | None]]:
    return [
        (a.label, a.role, name(a.intervention), a.sessions, a.session_minutes, a.size)
        for a in study.arms
    ]


NEWS = (
    "Gentle Yoga Eases Fatigue in Women With Breast Cancer\n"
    "A randomized controlled trial titled “Restorative yoga for cancer-related fatigue in breast "
    "cancer survivors”, published in Supportive Care in Cancer (2019), enrolled 96 women aged "
    "30–75 in Melbourne, Australia. "
    "Participants were randomly assigned to usual care or usual care plus yoga.\n"
    "The yoga group attended twelve 60-minute sessions.\n"
)


def test_a_titled_trial_with_journal_year_sample_ages_and_place() -> None:
    (study,) = facts_of(NEWS).studies
    assert study.title == ("Restorative yoga for cancer-related fatigue in breast cancer survivors")
    assert name(study.design) == "randomized-controlled-trial"
    assert name(study.journal) == "supportive-care-in-cancer"
    assert study.year == 2019
    assert study.sample_size == 96
    assert (study.min_age, study.max_age) == (30, 75)
    assert study.location == "Melbourne, Australia"
    assert study.noun == "trial"
    assert study.label == study.title


def test_randomly_assigned_to_usual_care_or_usual_care_plus_x() -> None:
    (study,) = facts_of(NEWS).studies
    arms = {a.role: a for a in study.arms}
    assert set(arms) == {"control", "intervention"}
    assert name(arms["control"].intervention) == "usual-care"
    yoga: Arm = arms["intervention"]
    assert name(yoga.intervention) == "yoga"
    assert (yoga.sessions, yoga.session_minutes) == (12, 60)
    assert arms["control"].sessions is None


def test_arms_from_label_lines() -> None:
    text = (
        "Acupuncture for Hot Flashes\n"
        "A randomized controlled trial enrolled 96 women with breast cancer.\n"
        "Study Arms\n"
        "Acupuncture Group (n=48): four 30-minute sessions over two weeks\n"
        "Control Group (n=48): usual care only\n"
    )
    (study,) = facts_of(text).studies
    assert study.sample_size == 96
    assert arm_rows(study) == [
        ("Acupuncture group", "intervention", "acupuncture", 4, 30, 48),
        ("Control group", "control", "usual-care", None, None, 48),
    ]
    acupuncture = study.arms[0]
    assert [text[s.start : s.end] for s in acupuncture.evidence] == [
        "Acupuncture Group (n=48): four 30-minute sessions over two weeks"
    ]


def test_a_citation_line_is_a_study() -> None:
    text = (
        "Further Reading\n"
        "Moreno A, Baptiste RK. Reflexology versus rest for chemotherapy nausea. "
        "Complementary Therapies in Medicine. 2018;41:12-19.\n"
    )
    facts = facts_of(text)
    (study,) = facts.studies
    assert study.title == "Reflexology versus rest for chemotherapy nausea"
    assert study.year == 2018
    assert (
        study.journal is not None and study.journal.label == "Complementary Therapies in Medicine"
    )
    assert "Periodical" in facts.entities[study.journal.key][1]
    assert [text[s.start : s.end] for s in study.evidence] == [text.splitlines()[1]]


def test_a_structured_abstract_is_one_study() -> None:
    text = (
        "Acupuncture for hot flashes in breast cancer survivors: a randomized trial\n"
        "Integrative Cancer Therapies. 2017 May;16(2):200-9.\n"
        "Background: Hot flashes are frequent after endocrine therapy.\n"
        "Design: Randomized controlled trial.\n"
        "Participants: 120 women treated at two clinics.\n"
        "Measurements: Hot flash frequency, sleep quality and anxiety were assessed at 12 weeks.\n"
        "Results: Acupuncture reduced hot flash frequency.\n"
    )
    facts = facts_of(text)
    (study,) = facts.studies
    assert study.title == text.splitlines()[0]
    assert name(study.design) == "randomized-controlled-trial"
    assert name(study.journal) == "integrative-cancer-therapies"
    assert study.year == 2017
    assert study.sample_size == 120
    assert [name(ref) for ref, _ in study.measures] == ["hot-flush", "sleep-quality", "anxiety"]
    (found,) = facts.findings
    assert found.study == study.key and found.claim_type == "studyResult"


def test_two_studies_stay_apart() -> None:
    text = (
        "Massage and Anxiety\n"
        "One trial (n=86) compared aromatherapy massage with usual care in patients with "
        "advanced cancer.\n"
        "A 2016 review published in Supportive Care in Cancer pooled 14 trials.\n"
    )
    trial, review = facts_of(text).studies
    assert trial.key != review.key
    assert (trial.noun, trial.sample_size, trial.year, trial.journal) == ("trial", 86, None, None)
    assert trial.description == "One trial (n=86)"
    assert (review.noun, review.sample_size, review.year) == ("review", None, 2016)
    assert name(review.journal) == "supportive-care-in-cancer"


def test_a_general_mention_of_research_is_no_study() -> None:
    facts = facts_of(
        "Yoga Basics\nThe study of yoga goes back centuries. Research on yoga keeps growing.\n"
    )
    assert facts.studies == []


def test_study_keys_do_not_depend_on_text_elsewhere() -> None:
    (before,) = facts_of(NEWS).studies
    (after,) = facts_of(NEWS + "Editor's note: this story was updated with a new photo.\n").studies
    assert before.key == after.key


def test_a_title_x_versus_y_gives_the_arms() -> None:
    facts = facts_of(
        "Massage versus usual care for pain in advanced cancer\n"
        "A pilot study enrolled 40 patients with advanced cancer.\n"
        "After two weeks, the massage group reported less pain.\n"
    )
    (study,) = facts.studies
    assert name(study.design) == "pilot-study"
    assert sorted((a.role, name(a.intervention)) for a in study.arms) == [
        ("control", "usual-care"),
        ("intervention", "massage-therapy"),
    ]
    assert [(name(f.intervention), f.effect, name(f.outcome), f.study) for f in facts.findings] == [
        ("massage-therapy", "reduces", "pain", study.key)
    ]


def test_two_citation_lines_are_two_studies() -> None:
    text = (
        "Reading\n"
        "Smith J, Lee K, Patel R. Reiki for anxiety in chemotherapy. Journal of Clinical Oncology. "
        "2013;31:100-5.\n"
        "Garcia M, et al. Tai chi for fatigue. Supportive Care in Cancer. 2020;28:1-9.\n"
    )
    studies = facts_of(text).studies
    assert [(s.title, name(s.journal), s.year) for s in studies] == [
        ("Reiki for anxiety in chemotherapy", "journal-of-clinical-oncology", 2013),
        ("Tai chi for fatigue", "supportive-care-in-cancer", 2020),
    ]


def test_two_trials_in_one_paragraph_with_different_years_and_journals() -> None:
    text = (
        "News\n"
        "A 2012 trial published in Journal of Clinical Oncology enrolled 200 patients. "
        "A 2018 trial published in Supportive Care in Cancer enrolled 60 patients.\n"
    )
    studies = facts_of(text).studies
    assert [(s.year, name(s.journal), s.sample_size) for s in studies] == [
        (2012, "journal-of-clinical-oncology", 200),
        (2018, "supportive-care-in-cancer", 60),
    ]
    first, second = studies
    assert [text[s.start : s.end] for s in first.evidence] == [
        "A 2012 trial published in Journal of Clinical Oncology enrolled 200 patients."
    ]
    assert [text[s.start : s.end] for s in second.evidence] == [
        "A 2018 trial published in Supportive Care in Cancer enrolled 60 patients."
    ]
