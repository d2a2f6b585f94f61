"""Numbers in text: ranges, percentages, durations, scores, bounds, number words, counts."""

from __future__ import annotations

import pytest

from articlekg.quantities import (
    Quantity,
    find_quantities,
    number_value,
    respectively,
    words_value,
)

Expected = tuple[str, float, float | None, str | None, str | None, float | None]


def found(text: str) -> list[Expected]:
    return [(q.text, q.low, q.high, q.unit, q.bound, q.scale_max) for q in find_quantities(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pain fell in 34% to 45% of patients", [("34% to 45%", 34, 45, "percent", None, None)]),
        ("between 60% and 80% of women", [("between 60% and 80%", 60, 80, "percent", None, None)]),
        ("relief lasting 16–18 hours", [("16–18 hours", 16, 18, "hour", None, None)]),
        ("relief lasting 16-18 hours", [("16-18 hours", 16, 18, "hour", None, None)]),
        ("patients aged 27–81", [("27–81", 27, 81, None, None, None)]),
        ("within 4 to 6 months", [("4 to 6 months", 4, 6, "month", None, None)]),
        ("between 2 and 4 weeks", [("between 2 and 4 weeks", 2, 4, "week", None, None)]),
        ("a 45-minute session", [("45-minute", 45, None, "minute", None, None)]),
        ("a 3-point drop", [("3-point", 3, None, "point", None, None)]),
        ("30 percent of adults", [("30 percent", 30, None, "percent", None, None)]),
        ("12.5% of men", [("12.5%", 12.5, None, "percent", None, None)]),
        ("pain rated >6/10 most days", [(">6/10", 6, None, None, "lower", 10)]),
        ("pain rated ≥ 4/10", [("≥ 4/10", 4, None, None, "lower", 10)]),
        ("rated 7/10", [("7/10", 7, None, None, None, 10)]),
        ("fewer than 500 impressions", [("fewer than 500", 500, None, None, "upper", None)]),
        ("more than 24 hours", [("more than 24 hours", 24, None, "hour", "lower", None)]),
        ("up to 8 hours", [("up to 8 hours", 8, None, "hour", "upper", None)]),
        ("reached 4,000 clicks", [("4,000", 4000, None, None, None, None)]),
        ("about 1,250 people", [("about 1,250", 1250, None, None, None, None)]),
        ("fell by -1.5 points", [("-1.5 points", -1.5, None, "point", None, None)]),
        ("a 2019 study", [("2019", 2019, None, None, None, None)]),
    ],
)
def test_quantity_shapes(text: str, expected: list[Expected]) -> None:
    assert found(text) == expected


def test_number_words_before_a_noun() -> None:
    quantities = find_quantities("three 45-minute sessions for sixty adults")
    assert [(q.text, q.low, q.unit) for q in quantities] == [
        ("three", 3, None),
        ("45-minute", 45, "minute"),
        ("sixty", 60, None),
    ]
    assert [q.from_word for q in quantities] == [True, False, True]


def test_a_number_word_without_a_noun_is_no_quantity() -> None:
    assert find_quantities("It was seven.") == []
    assert find_quantities("one session once a week") == []


def test_two_durations_in_one_phrase() -> None:
    assert found("20 minutes, 3 days a week") == [
        ("20 minutes", 20, None, "minute", None, None),
        ("3 days", 3, None, "day", None, None),
    ]


def test_a_page_range_is_not_a_range_of_values() -> None:
    quantities = find_quantities("2008;149(6):369-79.")
    assert [(q.low, q.high) for q in quantities] == [
        (2008, None),
        (149, None),
        (6, None),
        (369, None),
    ]


def test_an_and_without_between_is_not_a_range() -> None:
    (first, *_) = find_quantities("60% and 80% of the groups")
    assert (first.low, first.high, first.text) == (60, None, "60%")


def test_numbers_inside_words_are_not_quantities() -> None:
    assert found("COVID19 and H1N1 and B12") == []


def test_spans_are_offsets_into_the_text_and_a_window() -> None:
    text = "Intro. Pain fell in 34% to 45% of patients over 12 weeks."
    quantities = find_quantities(text, 7, len(text))
    for quantity in quantities:
        assert text[quantity.start : quantity.end] == quantity.text
        assert quantity.start >= 7
    assert [q.text for q in quantities] == ["34% to 45%", "over 12 weeks"]
    assert find_quantities(text, 0, 6) == []


def test_is_range() -> None:
    a, b = find_quantities("16–18 hours then 45 minutes")
    assert isinstance(a, Quantity) and a.is_range
    assert not b.is_range


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Three hundred twelve nurses answered", 312),
        ("three hundred and twelve nurses answered", 312),
        ("Forty-one veterans enrolled", 41),
        ("seventy three smokers quit", 73),
        ("Eighty volunteers took part", 80),
        ("one thousand four hundred carers replied", 1400),
        ("two thousand, six hundred and five students", 2605),
        ("Nineteen couples attended", 19),
    ],
)
def test_number_words_and_compounds(text: str, value: float) -> None:
    (first, *_) = find_quantities(text)
    assert first.low == value
    assert first.from_word
    assert text[first.start : first.end] == first.text


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("sixty-two", "sixty-two", 62),
        ("Seven hundred", "Seven hundred", 700),
        ("a thousand", None, None),
        ("twelve hundred", "twelve hundred", 1200),
    ],
)
def test_words_value(text: str, words: str | None, value: int | None) -> None:
    assert words_value(text) == value
    if words is not None:
        assert number_value(words) == value


def test_a_number_word_inside_another_word_is_not_one() -> None:
    assert find_quantities("the often tender tendon") == []
    assert find_quantities("sevenfold risk") == []


@pytest.mark.parametrize(
    ("text", "low", "quote"),
    [
        ("About one in four teenagers vape", 25.0, "About one in four"),
        ("it affects 3 in 10 office workers", 30.0, "3 in 10"),
        ("one out of every eight men", 12.5, "one out of every eight"),
        ("two in three carers feel tired", 66.7, "two in three"),
    ],
)
def test_one_in_three_is_a_proportion(text: str, low: float, quote: str) -> None:
    (proportion,) = [q for q in find_quantities(text) if q.unit == "percent"]
    assert (proportion.low, proportion.high, proportion.text) == (low, None, quote)
    assert [
        q for q in find_quantities(text) if q.start < proportion.end and proportion.start < q.end
    ] == [proportion]


@pytest.mark.parametrize(
    "text",
    ["trained 5 in 2018 and 7 in 2019", "finished 3 in 10 minutes", "scored 9 in 4 tests"],
)
def test_years_durations_and_larger_parts_are_no_proportion(text: str) -> None:
    assert all(q.unit != "percent" for q in find_quantities(text))


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        (
            "Dizziness affected 12% and 31% of the tai chi and waiting-list groups, respectively.",
            [("12%", "tai chi"), ("31%", "waiting-list groups")],
        ),
        (
            "Quit rates were 22%, 15% and 9% for hypnosis, counselling and leaflets, respectively.",
            [("22%", "hypnosis"), ("15%", "counselling"), ("9%", "leaflets")],
        ),
        (
            "Sleep improved in the music and silence groups by 1.4 and 0.3 points, respectively.",
            [("1.4", "music"), ("0.3 points", "silence groups")],
        ),
        (
            "The ginger group and the placebo group vomited on 18% and 40% of days respectively.",
            [("18%", "ginger group"), ("40%", "placebo group")],
        ),
    ],
)
def test_respectively_pairs_each_number_with_its_group(
    text: str, pairs: list[tuple[str, str]]
) -> None:
    assert [(q.text, item) for q, item in respectively(text)] == pairs


@pytest.mark.parametrize(
    "text",
    [
        "Pain fell by 30% and anxiety by 10%.",
        "Scores were 4 and 6, respectively, in one group of 3 arms.",
        "Both groups improved, respectively.",
    ],
)
def test_no_pairs_without_a_matching_list(text: str) -> None:
    assert respectively(text) == []
