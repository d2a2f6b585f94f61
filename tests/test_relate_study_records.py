"""Study records and study references as unseen articles write them: record headers,
structured abstracts with heading lines, titles quoted in prose, journals named in prose,
one study per real study, and calls for research that are no study."""

from __future__ import annotations

import pytest

from articlekg.document import Document
from articlekg.facts import EntityRef, Facts, Study
from articlekg.pipeline import extract
from articlekg.read import choose_reader
from articlekg.read.text import read_text_document


def facts_of(text: str) -> Facts:
    document: Document = choose_reader(text, ".txt")(text, "article.txt", "article")
    return extract(document)


def name(ref: EntityRef | None) -> str | None:
    if ref is None:
        return None
    return ref.concept.rsplit("/", 1)[-1] if ref.concept else ref.label


Row = tuple[str | None, str | None, str | None, int | None, int | None]


def row(study: Study) -> Row:
    return (study.title, name(study.design), name(study.journal), study.year, study.sample_size)


# -- record headers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Chair yoga for fatigue in older adults on dialysis: a randomized controlled trial\n"
            "Clin Kidney J. 2021 Mar;14(3):812-20. doi: 10.1093/ckj/sfaa101.\n"
            "Okonkwo AB, Lindgren P, Haas T.\n"
            "Background: Fatigue is common on dialysis.\n"
            "Participants: 118 adults on haemodialysis.\n",
            (
                "Chair yoga for fatigue in older adults on dialysis: a randomized controlled trial",
                "randomized-controlled-trial",
                "Clin Kidney J",
                2021,
                118,
            ),
        ),
        (
            "Humming and nasal airflow in chronic sinusitis: a crossover study\n"
            "PMID: 30123456\n"
            "DOI: 10.4193/Rhin18.001\n"
            "Abstract\n"
            "Twenty-two adults with chronic sinusitis hummed for five minutes a day.\n",
            (
                "Humming and nasal airflow in chronic sinusitis: a crossover study",
                "crossover-trial",
                None,
                None,
                22,
            ),
        ),
        (
            "Pain Med. 2012 Oct 4;13(10):1302-11.\n"
            "Cupping for chronic neck pain in office workers: a pilot study\n"
            "Lange R, Cramer H, Musial F.\n"
            "Fifty office workers were randomized to cupping or a waiting list.\n",
            (
                "Cupping for chronic neck pain in office workers: a pilot study",
                "pilot-study",
                "Pain Med",
                2012,
                50,
            ),
        ),
    ],
)
def test_a_record_header_is_its_study(text: str, expected: Row) -> None:
    (study,) = facts_of(text).studies
    assert row(study) == expected


def test_record_identifiers_are_kept() -> None:
    text = (
        "Humming and nasal airflow in chronic sinusitis: a crossover study\n"
        "PMID: 30123456\n"
        "DOI: 10.4193/Rhin18.001\n"
        "Abstract\n"
        "Twenty-two adults with chronic sinusitis hummed for five minutes a day.\n"
    )
    (study,) = facts_of(text).studies
    assert (study.pmid, study.doi) == ("30123456", "10.4193/Rhin18.001")


@pytest.mark.parametrize(
    ("lines", "journal", "year"),
    [
        ("Journal: Journal of Clinical Oncology\nPublished – 3 Mar 2016\n", "Journal", 2016),
        ("Published in: Supportive Care in Cancer\nPublication date: 2019-05-02\n", None, 2019),
        ("Journal name: Holistic Nursing Practice\nDate published: 11 June 2008\n", None, 2008),
    ],
)
def test_journal_and_date_label_lines_complete_the_record(
    lines: str, journal: str | None, year: int
) -> None:
    text = (
        "Abstract\n"
        "Objective\n"
        "To test whether hand massage eases agitation.\n"
        "Methods\n"
        "A randomized controlled trial in 86 nursing home residents.\n"
        "Results\n"
        "Agitation fell in the massage group.\n" + lines
    )
    (study,) = facts_of(text).studies
    assert study.title is None  # "Abstract" names a section, not the study
    assert study.year == year
    assert study.journal is not None
    assert name(study.design) == "randomized-controlled-trial"
    assert study.sample_size == 86


@pytest.mark.parametrize(
    "byline",
    [
        "Published on May 2, 2024 by Brisk Health",
        "Last Updated on 3 June 2024 by Brisk Health",
        "Posted on May 2, 2024 by Brisk Health",
    ],
)
def test_an_article_s_own_byline_is_no_study_date(byline: str) -> None:
    text = (
        f"Cold showers and mood\n{byline}\n"
        "Some people say cold showers lift their mood. A 2019 survey of 300 swimmers agreed.\n"
    )
    (study,) = facts_of(text).studies
    assert (study.year, study.sample_size, study.title) == (2019, 300, None)


# -- structured abstracts with heading lines ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Gentle yoga for hot flashes after breast cancer\n"
        "Purpose\n"
        "To test gentle yoga for hot flashes.\n"
        "Setting\n"
        "Three outpatient clinics in Lyon, France.\n"
        "Sample Characteristics\n"
        "Seventy-eight women aged 38 to 69 after breast cancer.\n"
        "Methods\n"
        "A randomized controlled trial of weekly yoga against usual care.\n"
        "Results\n"
        "Hot flashes fell in the yoga group.\n",
        "Gentle yoga for hot flashes after breast cancer\n"
        "Objective\n"
        "To test gentle yoga for hot flashes.\n"
        "Design and setting\n"
        "Randomized controlled trial at three outpatient clinics in Lyon, France.\n"
        "Who took part\n"
        "78 women between 38 and 69 years of age.\n"
        "Main results\n"
        "Hot flashes fell in the yoga group.\n",
        "Gentle yoga for hot flashes after breast cancer\n"
        "## Aims\n"
        "To test gentle yoga for hot flashes.\n"
        "## Participants\n"
        "**Sample:** 78 women (aged 38–69) from three clinics in Lyon, France.\n"
        "## Study design\n"
        "A randomised controlled trial.\n"
        "## Findings\n"
        "Hot flashes fell in the yoga group.\n",
    ],
)
def test_a_structured_abstract_with_heading_lines_yields_its_study(text: str) -> None:
    (study,) = facts_of(text).studies
    assert row(study) == (
        "Gentle yoga for hot flashes after breast cancer",
        "randomized-controlled-trial",
        None,
        None,
        78,
    )
    assert (study.min_age, study.max_age) == (38, 69)
    assert study.location == "Lyon, France"


def test_headings_that_are_not_a_study_report_make_no_study() -> None:
    text = (
        "Cold water swimming\n"
        "Introduction\n"
        "Cold water swimming is popular.\n"
        "Benefits\n"
        "Many swimmers feel more alert.\n"
        "Conclusion\n"
        "Try it with a friend.\n"
    )
    assert facts_of(text).studies == []


def test_a_summary_of_one_paper_takes_the_paper_s_title() -> None:
    text = (
        "Evidence summary: humming for sinus pain\n"
        "Purpose\n"
        "To describe whether humming eases sinus pain.\n"
        "Sample Characteristics\n"
        "Forty-two adults with chronic sinusitis.\n"
        "Results\n"
        "Pain scores fell after four weeks.\n"
        "Reference\n"
        "Ferreira, L. M., & Tan, J. Y. (2019). Does humming ease sinus pain? A pilot study. "
        "Rhinology Today, 57(2), 101–107.\n"
    )
    (study,) = facts_of(text).studies
    assert row(study) == (
        "Does humming ease sinus pain? A pilot study",
        "pilot-study",
        "Rhinology Today",
        2019,
        42,
    )


# -- one study per real study ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Effect of tai chi on balance in Parkinson's disease: a randomized controlled trial\n"
        "Methods\n"
        "This was an open-label, randomized controlled trial. Eighty patients were randomized.\n"
        "Conclusions\n"
        "In this trial, tai chi improved balance.\n",
        "Tai chi and balance in Parkinson's disease: a randomised controlled trial\n"
        "Design: It was a single-centre randomised controlled trial.\n"
        "Results: This trial showed better balance with tai chi.\n",
        "Tai chi for balance: a randomized trial\n"
        "Background: Falls are common.\n"
        "Methods: We conducted a randomized controlled trial with 80 patients.\n"
        "Results: Balance improved.\n"
        "Conclusions: The trial supports tai chi.\n",
    ],
)
def test_title_methods_and_conclusions_name_one_study(text: str) -> None:
    (study,) = facts_of(text).studies
    assert name(study.design) == "randomized-controlled-trial"
    assert study.title is not None and study.title.startswith(("Effect of tai", "Tai chi"))


@pytest.mark.parametrize(
    ("title", "design"),
    [
        (
            "Acupressure for labour pain: a randomised sham-controlled trial",
            "sham-controlled-trial",
        ),
        ("Music during colonoscopy: a pilot study", "pilot-study"),
        ("Reiki and anxiety: a systematic review and meta-analysis", "systematic-review"),
    ],
)
def test_a_design_noun_inside_a_title_is_its_design_not_a_new_study(
    title: str, design: str
) -> None:
    text = f"Further reading\nAhmed S, Brook L. {title}. Complement Ther Med. 2015;23(2):100-6.\n"
    (study,) = facts_of(text).studies
    assert study.title == title
    assert name(study.design) == design


@pytest.mark.parametrize(
    "sentence",
    [
        "A larger randomized trial is needed to confirm these results.",
        "The authors call for a multicentre trial in older adults.",
        "A future study should test longer courses of massage.",
        "Well-designed trials are still needed, and a pragmatic trial would help confirm it.",
    ],
)
def test_a_call_for_research_is_no_study(sentence: str) -> None:
    text = "Massage and sleep\nMassage may help some people sleep. " + sentence + "\n"
    assert facts_of(text).studies == []


# -- studies named in prose ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "“Singing groups and breathlessness in COPD: a randomized controlled trial” was "
            "published in the journal Thorax.",
            (
                "Singing groups and breathlessness in COPD: a randomized controlled trial",
                "randomized-controlled-trial",
                "Thorax",
                None,
                None,
            ),
        ),
        (
            'Their paper, "Walking football for men over sixty", appeared in the British '
            "Journal of Sports Medicine in 2020 and followed 240 men.",
            (
                "Walking football for men over sixty",
                None,
                "British Journal of Sports Medicine",
                2020,
                240,
            ),
        ),
        (
            "A crossover trial entitled “Peppermint oil for tension headache” enrolled 41 adults.",
            ("Peppermint oil for tension headache", "crossover-trial", None, None, 41),
        ),
    ],
)
def test_a_title_quoted_in_prose(text: str, expected: Row) -> None:
    (study,) = facts_of("News\n" + text + "\n").studies
    assert row(study) == expected


def test_speech_in_quotation_marks_is_no_title() -> None:
    text = (
        "News\n"
        "“We were surprised by how much the patients enjoyed the sessions,” the nurses said.\n"
    )
    assert facts_of(text).studies == []


@pytest.mark.parametrize(
    ("sentence", "journal", "year"),
    [
        (
            "A study in the journal Sleep Medicine followed 90 night-shift nurses.",
            "Sleep Medicine",
            None,
        ),
        ("A review published in Cancer Nursing (2018) pooled nine trials.", "Cancer Nursing", 2018),
        (
            "Researchers at a Dutch university reported in the journal Gut that a trial of "
            "60 adults eased bloating.",
            "Gut",
            None,
        ),
        (
            "A trial in Physical Therapy & Rehabilitation Science followed 48 runners.",
            "Physical Therapy & Rehabilitation Science",
            None,
        ),
    ],
)
def test_journals_named_in_prose(sentence: str, journal: str, year: int | None) -> None:
    (study,) = facts_of("News\n" + sentence + "\n").studies
    assert (name(study.journal), study.year) == (journal, year)


@pytest.mark.parametrize(
    "sentence",
    [
        "A study in Boston followed 48 runners.",
        "A trial in Cancer Care Centre Hospital followed 48 runners.",
    ],
)
def test_a_place_after_a_study_is_no_journal(sentence: str) -> None:
    (study,) = facts_of("News\n" + sentence + "\n").studies
    assert study.journal is None


@pytest.mark.parametrize(
    "sentence",
    [
        "For this update, we reviewed 17 trials with 1902 adults.",
        "The reviewers included 11 randomized trials with a total of 1,420 patients.",
        "We pooled 8 studies involving 655 women.",
    ],
)
def test_the_authors_own_review(sentence: str) -> None:
    (study,) = facts_of("Key results\n" + sentence + "\n").studies
    assert name(study.design) == "systematic-review"
    assert study.sample_size in (1902, 1420, 655)


def test_sample_and_ages_stated_apart_complete_the_study_named_before() -> None:
    text = (
        "Massage for fibromyalgia\n"
        "Read about a pilot study run at a clinic in Bergen, Norway.\n"
        "The study authors recruited a convenience sample of 16 women between 30-55 years "
        "of age.\n"
    )
    (study,) = facts_of(text).studies
    assert (name(study.design), study.sample_size, study.min_age, study.max_age) == (
        "pilot-study",
        16,
        30,
        55,
    )
    assert study.location == "Bergen, Norway"


@pytest.mark.parametrize(
    "sentence",
    [
        "One trial (n=52) found less pain with acupressure.",
        "A 2012 trial of 52 adults found less pain with acupressure.",
        "In one small trial, 52 adults tried acupressure.",
    ],
)
def test_a_trial_without_a_stated_design_is_a_clinical_trial(sentence: str) -> None:
    (study,) = facts_of("Evidence\n" + sentence + "\n").studies
    assert (name(study.design), study.sample_size) == ("clinical-trial", 52)


def test_a_trial_named_with_its_design_keeps_it() -> None:
    (study,) = facts_of("Evidence\nA pilot trial (n=52) found less pain.\n").studies
    assert name(study.design) == "pilot-study"


@pytest.mark.parametrize(
    "reference",
    [
        "Lindqvist, T., & Okafor, N. (2016). Guided imagery before breast biopsy: A pilot "
        "study. Oncology Nursing Forum, 43(2), 150–158.",
        "Lindqvist T, Okafor N. Guided imagery before breast biopsy: a pilot study. Oncol Nurs "
        "Forum. 2016;43(2):150-8.",
        "Lindqvist, T. and Okafor, N. (2016) 'Guided imagery before breast biopsy: a pilot "
        "study', Oncology Nursing Forum, 43(2), pp. 150–158.",
    ],
)
def test_a_summary_and_the_paper_it_cites_are_one_study(reference: str) -> None:
    text = (
        reference + "\n"
        "Study Purpose\n"
        "To test guided imagery before biopsy.\n"
        "Design\n"
        "A randomized controlled trial.\n"
        "Sample Characteristics\n"
        "N = 70 women awaiting biopsy.\n"
        "Findings\n"
        "Anxiety fell with guided imagery.\n"
    )
    (study,) = facts_of(text).studies
    assert study.title is not None
    assert study.title.lower() == "guided imagery before breast biopsy: a pilot study"
    assert (study.year, study.sample_size) == (2016, 70)
    assert name(study.design) == "randomized-controlled-trial"


@pytest.mark.parametrize(
    "text",
    [
        "Researchers found that weekly yoga eased fatigue. The findings were published online "
        "in the journal Cancer Medicine.\n"
        "In the study, researchers enrolled 120 lymphoma survivors between the ages of 30 and "
        "70.\n",
        "Weekly yoga eased fatigue in lymphoma survivors, researchers reported in the journal "
        "Cancer Medicine.\nThe trial followed 120 survivors aged 30 to 70.\n",
        "Yoga eased fatigue, according to the journal Cancer Medicine.\n"
        "Altogether, 120 lymphoma survivors aged 30–70 were enrolled in the study.\n",
    ],
)
def test_a_study_only_referred_to_is_still_one(text: str) -> None:
    (study,) = facts_of("Yoga and fatigue\n" + text).studies
    assert (name(study.journal), study.sample_size, study.min_age, study.max_age) == (
        "Cancer Medicine",
        120,
        30,
        70,
    )
    assert study.label in ("study", "trial")


@pytest.mark.parametrize(
    "text",
    [
        "A 2018 review of 15 trials found some benefit. In one small study, 28 men had "
        "weekly massage.\n",
        "A meta-analysis published in 2017 pooled nine trials. One study of 44 nurses found "
        "the same.\n",
        "A Cochrane review in 2014 was cautious. A pilot study in 2019 enrolled 20 women.\n",
    ],
)
def test_a_review_and_a_study_stay_two(text: str) -> None:
    review, study = facts_of("Evidence\n" + text).studies
    assert review.noun in ("review", "meta-analysis")
    assert study.noun == "study"
    assert study.sample_size in (28, 44, 20)


@pytest.mark.parametrize(
    ("sentence", "size"),
    [
        ("In this randomized crossover study, 46 patients received both treatments.", 46),
        ("In one small trial, 18 children tried the app.", 18),
        ("In a feasibility study, a total of 32 carers used the programme.", 32),
    ],
)
def test_a_count_right_after_the_study_is_its_sample(sentence: str, size: int) -> None:
    (study,) = facts_of("Methods\n" + sentence + "\n").studies
    assert study.sample_size == size


@pytest.mark.parametrize(
    ("sentence", "journal"),
    [
        (
            "A second study, published in 2019 in the Journal of Pain and Symptom Management, "
            "followed hospice patients.",
            "journal-of-pain-and-symptom-management",
        ),
        (
            "A 2019 trial published in the Journal of Pain and Symptom Management enrolled 80 "
            "adults.",
            "journal-of-pain-and-symptom-management",
        ),
        (
            "A 2019 review in the journal Pain Medicine Reports pooled ten trials.",
            "Pain Medicine Reports",
        ),
    ],
)
def test_a_journal_name_is_read_whole_not_a_shorter_name_inside_it(
    sentence: str, journal: str
) -> None:
    (study,) = facts_of("News\n" + sentence + "\n").studies
    assert (name(study.journal), study.year) == (journal, 2019)


@pytest.mark.parametrize(
    "source",
    [
        "Complement Ther Clin Pract. 2021 May;43:101350. doi: 10.1016/j.ctcp.2021.101350.",
        "Journal of Clinical Oncology. 2021;39(4):300-9.",
        "Support Care Cancer 2021;29:77-85",
    ],
)
def test_a_record_may_give_its_source_line_last(source: str) -> None:
    text = (
        "Hand massage for anxiety in hemodialysis: a randomized crossover trial\n"
        "Abstract\n"
        "Background\n"
        "Anxiety is common on dialysis.\n"
        "Methods\n"
        "In this randomized crossover study, 46 patients received hand massage.\n"
        "Results\n"
        "Anxiety fell.\n"
        "Keywords: massage; anxiety\n" + source + "\n"
    )
    (study,) = facts_of(text).studies
    assert study.title == "Hand massage for anxiety in hemodialysis: a randomized crossover trial"
    assert (name(study.design), study.year, study.sample_size) == ("crossover-trial", 2021, 46)
    assert study.journal is not None


@pytest.mark.parametrize(
    "text",
    [
        "* Pain: A 2018 randomized controlled trial of 64 adults found less pain.\n"
        "* Sleep: In a study published in Sleep Health, reflexology improved sleep.\n",
        "A pilot trial of 30 women found less nausea.\n"
        "Separately, a study in the journal Holistic Nursing Practice looked at anxiety.\n",
        "Acupressure helped in a crossover trial of 22 children.\n"
        "Another study, published in 2016, found no effect.\n",
    ],
)
def test_studies_introduced_apart_with_nothing_in_common_stay_apart(text: str) -> None:
    assert len(facts_of("Evidence\n" + text).studies) == 2


@pytest.mark.parametrize(
    "text",
    [
        "Yoga helped sleep, according to a study published in Sleep Health.\n"
        "To find out, researchers conducted a randomized trial that included 210 survivors.\n",
        "A 2015 trial looked at yoga for sleep.\n"
        "The team ran a randomized trial with 210 survivors, published in 2015.\n",
        "A randomized trial found that yoga helped sleep. In the trial, 210 survivors took part.\n",
    ],
)
def test_a_study_introduced_again_by_its_researchers_is_one(text: str) -> None:
    (study,) = facts_of("Yoga and sleep\n" + text).studies
    assert study.sample_size == 210


@pytest.mark.parametrize(
    "sentence",
    [
        "This was a randomized controlled clinical trial in 60 adults.",
        "We ran a single-blind, randomised controlled clinical trial with 60 adults.",
        "It was a multicentre randomized controlled clinical trial of 60 adults.",
    ],
)
def test_a_randomized_controlled_clinical_trial_is_randomized(sentence: str) -> None:
    (study,) = facts_of("Methods\n" + sentence + "\n").studies
    assert name(study.design) == "randomized-controlled-trial"


@pytest.mark.parametrize(
    "text",
    [
        "Notes on Yoga\nThe aim of this randomized trial was to compare yoga to stretching.\n",
        "Reflexology and Fatigue\nThe purpose of the present cohort study was to describe "
        "fatigue after reflexology.\n",
        "Acupressure Bands\nIn this pilot study, acupressure bands were worn during labour.\n",
    ],
)
def test_a_study_only_referred_to_is_the_article_s_own(text: str) -> None:
    studies = extract(read_text_document(text, "a.txt", "a")).studies
    assert len(studies) == 1
    assert studies[0].design is not None
