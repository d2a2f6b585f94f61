"""The segment stage: sentences with offsets, never across blocks, never inside numbers."""

from __future__ import annotations

import logging

import pytest

from articlekg.document import Document, Span
from articlekg.read.text import read_text_document
from articlekg.segment import MAX_SENTENCE_CHARS, segment, split_span


def split(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_span(text, Span(0, len(text)))]


def read(text: str) -> Document:
    return read_text_document(text, "article.txt", "article")


@pytest.mark.parametrize(
    "sentence",
    [
        "A trial (n=72) enrolled adults with bone metastases.",
        "A trial (n = 72) enrolled adults.",
        "Pain scores fell more with massage (p < 0.01) than with touch.",
        "Pain fell (p<.05) in the massage group.",
        "Benefits included calmer mood, e.g. less irritability, and better sleep.",
        "Symptoms such as fatigue, i.e. tiredness, eased.",
        "Scores fell by 2.5 points on a 10-point scale.",
        "Patients were aged 27–81 years at entry.",
        "Kutner et al. reported similar results in 2008.",
        "Dr. Lee and Prof. Ahmed led the work at St. Luke's hospital.",
        "Massage vs. simple touch was compared.",
        "Results are shown in Fig. 2 of the paper.",
        "The trial (which ran in 2019. It ended early) was small.",
    ],
)
def test_one_sentence_stays_whole(sentence: str) -> None:
    assert split(sentence) == [sentence]


def test_sentence_ends_before_capitals_digits_and_quotes() -> None:
    text = 'Pain fell. 40% of patients improved. "It helped," one said. Is it safe? Yes! It is.'
    assert split(text) == [
        "Pain fell.",
        "40% of patients improved.",
        '"It helped," one said.',
        "Is it safe?",
        "Yes!",
        "It is.",
    ]


def test_a_full_stop_inside_curly_quotes_does_not_end_the_sentence() -> None:
    text = "The lead author said “this is promising. We will test it again.” Others agreed."
    assert split(text) == [
        "The lead author said “this is promising. We will test it again.”",
        "Others agreed.",
    ]


def test_a_full_stop_inside_straight_quotes_ends_with_the_quote() -> None:
    assert split('He wrote "It works." Then he left.') == ['He wrote "It works."', "Then he left."]


def test_initials_in_a_citation_stay_with_the_names() -> None:
    text = (
        "Hart LM, Okafor B. Aromatherapy massage for anxiety. Palliative Medicine. 2013;27:310-8."
    )
    assert split(text) == [
        "Hart LM, Okafor B. Aromatherapy massage for anxiety.",
        "Palliative Medicine.",
        "2013;27:310-8.",
    ]


def test_a_lower_case_word_after_a_full_stop_continues_the_sentence() -> None:
    assert split("The dose was 5 mg. twice daily in all arms.") == [
        "The dose was 5 mg. twice daily in all arms."
    ]


def test_sentences_never_cross_blocks_and_slice_back() -> None:
    text = (
        "Yoga and Sleep\n"
        "Sleep improved. Fatigue fell\n"
        "- Less pain. Better mood\n"
        "| Outcome | Change. Still one row |\n"
        "Result: 4,000 clicks. Good news\n"
    )
    document = read(text)
    sentences = segment(document)
    pieces = [(document.slice(s.span), s.block) for s in sentences]
    assert pieces == [
        ("Yoga and Sleep", 0),
        ("Sleep improved.", 1),
        ("Fatigue fell", 1),
        ("Less pain.", 2),
        ("Better mood", 2),
        ("| Outcome | Change. Still one row |", 3),
        ("Result: 4,000 clicks.", 4),
        ("Good news", 4),
    ]
    for sentence in sentences:
        block = document.blocks[sentence.block]
        assert block.span.contains(sentence.span)


def test_metadata_lines_and_table_separators_hold_no_sentences() -> None:
    document = read(
        "Last Updated on March 3, 2024 by Harbour Health Press\n"
        "Massage Basics\n"
        "| Term | Meaning |\n"
        "|---|---|\n"
        "| Effleurage | Gliding strokes |\n"
    )
    texts = [document.slice(s.span) for s in segment(document)]
    assert texts == ["Massage Basics", "| Term | Meaning |", "| Effleurage | Gliding strokes |"]


def test_sentences_with_crlf_line_ends() -> None:
    text = (
        "Acupuncture Basics\r\n"
        "Needles are thin. Sessions last 30 minutes.\r\n"
        "- Avoid swollen limbs.\r\n"
    )
    document = read(text)
    texts = [document.slice(s.span) for s in segment(document)]
    assert texts == [
        "Acupuncture Basics",
        "Needles are thin.",
        "Sessions last 30 minutes.",
        "Avoid swollen limbs.",
    ]
    assert document.text == text
    assert segment(document)[-1].span.end == len(text) - 2


def test_a_run_without_sentence_ends_is_cut_at_clause_ends_with_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    text = "massage eased pain, " * 500 + "and anxiety"
    with caplog.at_level(logging.WARNING, logger="articlekg.segment"):
        pieces = split(text)
    assert "".join(pieces).replace(" ", "") == text.replace(" ", "")
    assert all(len(piece) <= MAX_SENTENCE_CHARS for piece in pieces)
    assert all(piece.endswith(",") for piece in pieces[:-1])
    assert "a sentence of 10011 characters at offset 0" in caplog.text


def test_a_run_without_spaces_is_cut_at_the_limit() -> None:
    text = "x" * (2 * MAX_SENTENCE_CHARS + 5)
    assert [len(p) for p in split(text)] == [MAX_SENTENCE_CHARS, MAX_SENTENCE_CHARS, 5]


def test_a_quotation_never_closed_holds_its_sentences_together_up_to_the_limit() -> None:
    text = "“Massage helps. " + "It eased pain. " * 300
    pieces = split(text)
    assert len(pieces) > 1
    assert pieces[0].startswith("“Massage helps. It eased pain.")
    assert all(len(piece) <= MAX_SENTENCE_CHARS for piece in pieces)
