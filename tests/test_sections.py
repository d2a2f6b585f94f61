"""The section model: heading words choose slots from a table kept as data."""

from __future__ import annotations

import pytest

from articlekg.read.text import read_text_document
from articlekg.sections import find_sections, slot_table


@pytest.mark.parametrize(
    ("heading", "slot"),
    [
        ("Sample Characteristics", "participants"),
        ("Participants", "participants"),
        ("Who took part?", "participants"),
        ("Study Population", "participants"),
        ("Outcome Measures", "measures"),
        ("Measurement Instruments", "measures"),
        ("Variables", "measures"),
        ("Main Findings", "results"),
        ("What the researchers found", "results"),
        ("Implications for Practice", "conclusions"),
        ("The bottom line", "conclusions"),
        ("How does reiki work?", "mechanism"),
        ("How tai chi works", "mechanism"),
        ("Possible side effects", "safety"),
        ("Is yoga safe for everyone?", "safety"),
        ("What does the research say?", "evidence"),
        ("Aims of the trial", "purpose"),
        ("Study Setting", "setting"),
        ("Pillar page", "core-section"),
        ("Macro context", "macro-context"),
        ("Source Context", "source-context"),
    ],
)
def test_heading_words_choose_a_slot(heading: str, slot: str) -> None:
    assert slot in slot_table().slots(heading)


def test_a_longer_phrase_wins_over_the_words_inside_it() -> None:
    table = slot_table()
    assert table.slots("Source context") == {"source-context"}
    assert table.slots("How to cite this page") == {"citation"}
    assert table.slots("What is the evidence?") == {"evidence"}


def test_a_heading_can_name_two_slots_and_a_sentence_names_none() -> None:
    table = slot_table()
    assert table.slots("Subjects and Methods") == {"participants", "methods"}
    too_long = "Participants in this study were recruited from three clinics over two years"
    assert table.slots(too_long) == frozenset()


def test_slots_hold_until_the_next_heading() -> None:
    text = (
        "Reiki for Fatigue: A Pilot Trial\n"
        "Aims\n"
        "To see whether reiki eases fatigue.\n"
        "Who took part\n"
        "Forty adults in a day hospice.\n"
        "Setting: two outpatient clinics\n"
        "Sessions ran weekly.\n"
        "Main Findings\n"
        "Fatigue fell in the reiki group.\n"
    )
    document = read_text_document(text, "a.txt", "a")
    sections = find_sections(document)
    by_text = {document.slice(b.span): sections.slots_of(i) for i, b in enumerate(document.blocks)}
    assert by_text["To see whether reiki eases fatigue."] == {"purpose"}
    assert by_text["Forty adults in a day hospice."] == {"participants"}
    # A short label line between sections is a section of its own, as in structured abstracts.
    assert by_text["Setting: two outpatient clinics"] == {"setting"}
    assert by_text["Sessions ran weekly."] == {"setting"}
    assert by_text["Fatigue fell in the reiki group."] == {"results"}
    assert "title" in by_text["Reiki for Fatigue: A Pilot Trial"]


def test_a_label_line_inside_a_section_adds_its_slot_to_the_heading_s() -> None:
    text = (
        "Qigong for Sleep\n"
        "Methods\n"
        "Design: a randomised crossover trial with two periods.\n"
        "Adults were recruited from a clinic.\n"
    )
    document = read_text_document(text, "a.txt", "a")
    sections = find_sections(document)
    slots = [sections.slots_of(i) for i in range(len(document.blocks))]
    assert slots[2] == {"methods", "design"}
    assert slots[3] == {"methods"}


@pytest.mark.parametrize(
    ("heading", "slot"),
    [
        ("Journal name", "journal"),
        ("Source journal", "journal"),
        ("Periodical", "journal"),
        ("Publication date", "publication-date"),
        ("Date of publication", "publication-date"),
        ("First published", "publication-date"),
    ],
)
def test_record_labels_choose_journal_and_date_slots(heading: str, slot: str) -> None:
    assert slot in slot_table().slots(heading)


@pytest.mark.parametrize(
    ("heading", "only"),
    [
        ("Abstract", True),
        ("Patients and Methods", True),
        ("Design and setting", True),
        ("Hand massage for agitation in dementia", False),
        ("Results of a walking programme", False),
    ],
)
def test_a_heading_made_of_section_names_only(heading: str, only: bool) -> None:
    assert slot_table().names_only_slots(heading) is only
