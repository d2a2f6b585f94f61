"""Contexts: settings and frames an article states (a setting section, places of care, "in
palliative care"), and lexicon terms that appear without placing anything (a journal's
name, a cited title, a person's status, what an arm received).
"""

from __future__ import annotations

import pytest

from articlekg.facts import Facts
from articlekg.pipeline import extract
from articlekg.read.markdown import read_markdown_document
from articlekg.read.text import read_text_document


def facts_of(text: str) -> Facts:
    return extract(read_text_document(text, "article.txt", "article"))


def contexts(facts: Facts) -> set[str]:
    return {
        (c.context.concept.rsplit("/", 1)[-1] if c.context.concept else c.context.label)
        for c in facts.contexts
    }


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Setting: Outpatient radiotherapy department", "Outpatient radiotherapy department"),
        ("Study setting: A rural district hospital", "rural district hospital"),
        ("Settings: Two community hospices", "community hospices"),
    ],
)
def test_a_setting_line_is_a_context_as_written(line: str, expected: str) -> None:
    facts = facts_of(
        "Reflexology and Sleep: a Pilot Trial\n"
        "Design: Randomised pilot trial.\n"
        f"{line}\n"
        "Participants: 40 adults receiving radiotherapy.\n"
    )
    assert expected in contexts(facts)


def test_a_setting_heading_with_a_short_line_is_a_context() -> None:
    document = read_markdown_document(
        "# Reflexology for hot flushes\n\n## Design\n\nA pilot trial.\n\n"
        "## Setting\n\nInpatient and day-case units\n\n## Results\n\nFlushes fell.\n",
        "article.md",
        "article",
    )
    assert "Inpatient and day-case units" in contexts(extract(document))


def test_a_heading_that_only_contains_the_word_setting_is_no_setting() -> None:
    facts = facts_of(
        "Reflexology Tips\n"
        "Offering Reflexology in Busy Settings\n"
        "- Ask about foot injuries first\n"
        "- Keep sessions short\n"
    )
    assert contexts(facts) == set()


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The trial ran in seven regional cancer centres and two hospices.",
            {"regional cancer centres", "hospice-care"},
        ),
        (
            "Women were recruited from three breast clinics in Leeds.",
            {"breast clinics"},
        ),
        (
            "Many hospitals and community support groups offer free tai chi classes.",
            {"hospitals", "community support groups"},
        ),
    ],
)
def test_places_of_care_the_article_places_things_in(sentence: str, expected: set[str]) -> None:
    assert contexts(facts_of(f"Tai Chi News\n{sentence}\n")) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Gentle massage is widely used in palliative care.",
        "Therapists often work as part of a palliative care team in the community.",
        "Within palliative care, touch therapies are growing.",
    ],
)
def test_a_field_the_article_frames_things_in(sentence: str) -> None:
    assert "palliative-care" in contexts(facts_of(f"Massage Today\n{sentence}\n"))


@pytest.mark.parametrize(
    "sentence",
    [
        "Her paper appeared in the journal Supportive Care in Cancer last spring.",
        "Most of the volunteers were enrolled in hospice care at the time.",
        "The report “Music in palliative care” was read widely.",
        "Ask your palliative care team about it before you book.",
    ],
)
def test_a_lexicon_term_that_places_nothing_is_no_context(sentence: str) -> None:
    assert contexts(facts_of(f"Music Therapy Notes\n{sentence}\n")) == set()


@pytest.mark.parametrize(
    ("heading", "line", "expected"),
    [
        ("Setting", "Two rural day hospices", "rural day hospices"),
        ("Study Setting", "Outpatient radiotherapy unit", "Outpatient radiotherapy unit"),
        ("Settings", "Home visits and community clinics", "Home visits and community clinics"),
    ],
)
def test_a_setting_heading_line_with_the_setting_on_the_next_line(
    heading: str, line: str, expected: str
) -> None:
    facts = facts_of(
        "Hand Massage for Breathlessness\n"
        "Design\nA feasibility study.\n"
        f"{heading}\n{line}\n"
        "Sample\nForty adults with lung cancer.\n"
    )
    assert contexts(facts) == {expected}
