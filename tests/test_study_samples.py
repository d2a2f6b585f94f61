"""A study's sample size, ages and place, in the ways articles write them."""

from __future__ import annotations

import pytest

from articlekg.relate.samples import age_range, leading_count, place_in, sample_size


@pytest.mark.parametrize(
    ("text", "size"),
    [
        # a verb that takes a sample, then the count
        ("The team enrolled 154 office workers with neck pain.", 154),
        ("Investigators recruited two hundred and six nursing students.", 206),
        ("The programme involved about 3,400 adults over 60.", 3400),
        # "a sample (n=…)"
        ("They tested it in a sample (n = 58) of breast cancer survivors.", 58),
        ("A small cohort (n=31) of marathon runners was studied.", 31),
        ("in a pilot sample (n=19) of carers", 19),
        # "In total, N … were included"
        ("In total, 2,045 pregnant women were included in the analysis.", 2045),
        ("A total of 412 veterans had been randomly allocated to the two arms.", 412),
        ("Overall, 77 smokers were enrolled across three clinics.", 77),
        # "a convenience sample of N …"
        ("We drew a convenience sample of 24 nurses from two wards.", 24),
        ("The authors used a random sample of 1,100 adolescents.", 1100),
        ("a purposive sample of nine mothers was interviewed", 9),
        # "… trials with N people"
        ("We reviewed 14 trials with 2210 participants.", 2210),
        ("The review found 9 studies involving a total of 860 patients.", 860),
        ("Six trials (412 women) met the criteria.", 412),
        # "Ninety patients … were randomized"
        ("Seventy-two patients with knee arthritis were randomized to two groups.", 72),
        (
            "Forty adults, referred by their family doctors with chronic insomnia, "
            "were allocated randomly to the two programmes.",
            40,
        ),
        ("In the trial, 63 teenagers were randomly assigned to the app or a leaflet.", 63),
        ("The sample consisted of 48 caregivers.", 48),
    ],
)
def test_sample_phrasings(text: str, size: int) -> None:
    assert sample_size(text) == size


@pytest.mark.parametrize(
    "text",
    [
        "Pain fell in 34% of the 120 sessions.",
        "In 12 trials, the benefit was small.",
        "A total of 15 persons did not finish the questionnaire.",
        "Researchers analysed 30 minutes of video per family.",
        "One patient was randomized by mistake.",
    ],
)
def test_counts_that_are_not_a_sample(text: str) -> None:
    assert sample_size(text) is None


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("380 adults with advanced cancer who were in pain.", 380),
        ("Sixty-four women after mastectomy; mean age 52.", 64),
        ("A total of 125 outpatients from two clinics.", 125),
        ("Women with breast cancer, mostly white.", None),
    ],
)
def test_a_participants_section_opens_with_its_count(text: str, count: int | None) -> None:
    assert leading_count(text) == count


@pytest.mark.parametrize(
    ("text", "ages"),
    [
        ("women aged 35 to 64 with hot flashes", (35, 64)),
        ("patients aged between 40 and 75", (40, 75)),
        ("men aged 50–80 years", (50, 80)),
        ("adults between 25-60 years of age", (25, 60)),
        ("students between 18 and 24 years old", (18, 24)),
        ("children between the ages of 6 and 12", (6, 12)),
        ("Ages ranged from 19 to 88.", (19, 88)),
        ("the age range was 30–72 years", (30, 72)),
        ("ranging in age from 21 to 67", (21, 67)),
        ("volunteers who were 45 to 70 years old", (45, 70)),
        ("a mean age of 54 years (range, 33–79)", (33, 79)),
    ],
)
def test_age_ranges(text: str, ages: tuple[int, int]) -> None:
    assert age_range(text) == ages


@pytest.mark.parametrize(
    "text",
    [
        "Their mean age was 61 years.",
        "The median age was 47 (SD 9.2).",
        "Sessions lasted 20 to 30 minutes.",
        "Pain fell from 7 to 4 on a 0-10 scale.",
    ],
)
def test_a_mean_age_or_other_range_is_no_age_range(text: str) -> None:
    assert age_range(text) is None


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("at two hospitals in Porto Alegre, Brazil", "Porto Alegre, Brazil"),
        ("in 120 Norwegian nursing homes", "Norway"),
        ("across seven clinics in Canada", "Canada"),
        ("in a community setting", None),
    ],
)
def test_places(text: str, place: str | None) -> None:
    assert place_in(text) == place


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("The sample was comprised of 85 hospice patients.", 85),
        ("Participants were 60 women with fibromyalgia.", 60),
        ("The final sample totalled 1,204 respondents.", 1204),
    ],
)
def test_a_sample_described_as_such(text: str, size: int) -> None:
    assert sample_size(text) == size


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("N = 72 patients receiving palliative care", 72),
        ("Adults with insomnia (N=140), mostly retired", 140),
        ("Women after surgery; N = 35; mean age 61", 35),
    ],
)
def test_a_capital_n_is_the_whole_sample(text: str, count: int) -> None:
    assert leading_count(text) == count
    assert leading_count(text.replace("N", "n")) is None


def test_an_age_range_after_an_equals_sign() -> None:
    assert age_range("mean age = 58 years, range = 40–80") == (40, 80)
