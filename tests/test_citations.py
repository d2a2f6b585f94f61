"""Citation lines in the common styles, and the lines of a record's header."""

from __future__ import annotations

import pytest

from articlekg.relate.citations import (
    clean_title,
    is_authors_line,
    is_identifier_line,
    parse_citation,
    published_year,
)

Parsed = tuple[str, str | None, str | None, int | None, str | None, str | None]


def parts(line: str) -> Parsed | None:
    found = parse_citation(line)
    if found is None:
        return None
    return (found.style, found.title, found.journal, found.year, found.volume, found.pages)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (  # PubMed / NLM, with month, issue, DOI and PMID
            "Okonkwo AB, Lindgren P, Haas T. Chair yoga for fatigue in older adults on dialysis. "
            "Clin Kidney J. 2021 Mar;14(3):812-20. doi: 10.1093/ckj/sfaa101. PMID: 33779912.",
            (
                "vancouver",
                "Chair yoga for fatigue in older adults on dialysis",
                "Clin Kidney J",
                2021,
                "14",
                "812-20",
            ),
        ),
        (  # Vancouver with et al and no issue
            "Brandt K, Osei M, et al. Foot reflexology after knee replacement: a feasibility "
            "trial. Complement Ther Clin Pract. 2017;29:44-51.",
            (
                "vancouver",
                "Foot reflexology after knee replacement: a feasibility trial",
                "Complement Ther Clin Pract",
                2017,
                "29",
                "44-51",
            ),
        ),
        (  # AMA: same order, a question for a title
            "Ferreira LM, Tan JY. Does humming ease sinus pain? Rhinology. 2019;57(2):101-107. "
            "doi:10.4193/Rhin18.001",
            ("vancouver", "Does humming ease sinus pain?", "Rhinology", 2019, "57", "101-107"),
        ),
        (  # APA
            "Moreau, C., & Abiodun, F. (2004). Guided imagery before dental surgery. "
            "Journal of Dental Anxiety, 28, 244–249.",
            (
                "apa",
                "Guided imagery before dental surgery",
                "Journal of Dental Anxiety",
                2004,
                "28",
                "244–249",
            ),
        ),
        (  # APA with issue, DOI and several authors
            "Kowalczyk, J. P., Reyes, M., & Yildiz, S. (2018). Laughter groups in care homes: "
            "A cluster trial. Ageing & Mind, 12(4), 300–312. https://doi.org/10.1000/am.2018.12",
            (
                "apa",
                "Laughter groups in care homes: A cluster trial",
                "Ageing & Mind",
                2018,
                "12",
                "300–312",
            ),
        ),
        (  # Harvard: quoted title, pp.
            "Duarte, R. and Whitfield, L. (2011) 'Hand massage for agitation in dementia', "
            "Nursing Older People, 23(6), pp. 18–23.",
            (
                "apa",
                "Hand massage for agitation in dementia",
                "Nursing Older People",
                2011,
                "23",
                "18–23",
            ),
        ),
        (  # the source line under a record's title
            "Pain Med. 2012 Oct 4;13(10):1302-11. doi: 10.1111/j.1526-4637.2012.01470.x.",
            ("source", None, "Pain Med", 2012, "13", "1302-11"),
        ),
        (
            "Journal of Bodywork and Movement Therapies. 2020;24(1):55-61.",
            ("source", None, "Journal of Bodywork and Movement Therapies", 2020, "24", "55-61"),
        ),
        ("BMC Nurs 2016;15:40", ("source", None, "BMC Nurs", 2016, "15", "40")),
        (  # a bare date line: nothing names the journal
            "2021 Feb 9;19(1):77–85. doi: 10.1000/xyz.2021.77",
            ("date", None, None, 2021, "19", "77–85"),
        ),
        ("2015 Nov;7(3):e11-e19.", ("date", None, None, 2015, "7", "e11-e19")),
        ("1999;4(2):9-14", ("date", None, None, 1999, "4", "9-14")),
    ],
)
def test_citation_styles(line: str, expected: Parsed) -> None:
    assert parts(line) == expected


def test_spans_point_at_the_title_and_the_journal() -> None:
    line = "Ito H, Sandoval R. Qigong for hot flashes. Menopause Rev. 2014;9:1-8."
    found = parse_citation(line)
    assert found is not None and found.title_span is not None and found.journal_span is not None
    assert line[found.title_span.start : found.title_span.end] == "Qigong for hot flashes."
    assert line[found.journal_span.start : found.journal_span.end] == "Menopause Rev"
    assert found.authors == "Ito H, Sandoval R"


def test_doi_and_pmid_are_read_from_any_style() -> None:
    found = parse_citation(
        "Ito H, Sandoval R. Qigong for hot flashes. Menopause Rev. 2014;9:1-8. "
        "doi: 10.1000/mr.2014.001. PMID: 24681234"
    )
    assert found is not None
    assert (found.doi, found.pmid) == ("10.1000/mr.2014.001", "24681234")


@pytest.mark.parametrize(
    "line",
    [
        "Massage eases pain. 2019 was the year it became popular.",
        "Yoga helps sleep; 40 women took part.",
        "Tai chi (2010) is an old practice, people say, 12 times a day.",
        "Researchers followed 300 nurses for 2 years.",
    ],
)
def test_prose_is_not_a_citation(line: str) -> None:
    assert parse_citation(line) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("PMID: 31234567", True),
        ("DOI: 10.1016/j.ctim.2019.02.003", True),
        ("https://doi.org/10.3389/fpsyg.2020.01234", True),
        ("PMCID: PMC6543210 PMID: 31234567", True),
        ("The trial is registered under PMID 31234567 and was funded by a charity.", False),
    ],
)
def test_identifier_lines(line: str, expected: bool) -> None:
    assert is_identifier_line(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Amara Okafor 1, Lars Nilsson 2, Mei Tan 1,*", True),
        ("Okafor A, Nilsson L, Tan M", True),
        ("By Priya Raman and Jonas Weber", True),
        ("Pain, Fatigue and Sleep", False),
        ("Tai Chi For Arthritis, Yoga For Back Pain", False),
        ("Massage therapy", False),
    ],
)
def test_authors_lines(line: str, expected: bool) -> None:
    assert is_authors_line(line) is expected


@pytest.mark.parametrize(
    ("line", "year"),
    [
        ("Published – 3 Mar 2016", 2016),
        ("Published: 14 September 2009", 2009),
        ("Publication date: 2022-01-30", 2022),
        ("First published online 7 June 2018", 2018),
        ("Publisher: Healthy Press", None),
    ],
)
def test_published_lines(line: str, year: int | None) -> None:
    assert published_year(line) == year


def test_titles_lose_markup_breaks_and_the_closing_stop() -> None:
    assert clean_title("*Gentle yoga for\nhot flashes*.") == "Gentle yoga for hot flashes"
    assert clean_title("“Music and mood”") == "Music and mood"
    assert clean_title("snake_case terms in a title.") == "snake_case terms in a title"
