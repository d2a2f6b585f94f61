"""Citation lines and record headers: title, authors, journal, year, volume, issue, pages.

Reference styles differ in order and punctuation, not in what they hold, so each style is
one pattern over a whole line with the same named parts:

- PubMed/NLM, Vancouver and AMA: ``Smith J, Lee K. Title. J Abbrev. 2004 May;28(3):244-9.``
- APA and Harvard: ``Smith, J., & Lee, K. (2004). Title. Journal, 28(3), 244–249.`` (Harvard
  may quote the title and write ``pp.``)
- a source line under a record's title: ``J Abbrev. 2008 Sep 16;149(6):369-79. doi: …``
- a bare date line: ``2019 Jul 2;42(9):431–438. doi: …`` (no journal to read)

Spans are offsets into the line given, so callers can point evidence at the journal's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from articlekg.document import Span
from articlekg.relate.study_rules import study_rules

YEAR = r"(?P<year>(?:19|20)\d\d)"
MONTH_DAY = r"(?:\s+[A-Z][a-z]{2,8}\.?(?:[-–/][A-Z][a-z]{2,8})?(?:\s+\d{1,2})?)?"
PAGES = r"(?P<pages>[A-Za-z]?\d+(?:\s*[–-]\s*[A-Za-z]?\d+)?)"
VOLUME = r"(?P<volume>\d+)(?:\s*\((?P<issue>[^)]{1,12})\))?"
SOURCE = rf"{YEAR}{MONTH_DAY}\s*;\s*{VOLUME}(?:\s*:\s*{PAGES})?"
"""``2004 May 3;28(3):244-9``: the date, volume, issue and pages of a medline-style source."""
NAME_V = r"[A-Z][\w'’-]+(?:[ -](?:[a-z]{1,3}\s)?[A-Z][\w'’-]+)*\s[A-Z]{1,3}"
"""A Vancouver author: family name(s) then initials without dots ("Van Rijn MA")."""
TITLE = r"(?P<title>[^.?!]+(?:[.?!](?!\s)[^.?!]*)*[.?!])"
"""A title: up to the first sentence end that is followed by a space."""
LONG_TITLE = r"(?P<title>\S.*?[.?!])"
"""A title that may hold a question or a subtitle: as short as the rest of the line allows."""
JOURNAL_V = r"(?P<journal>[A-Z][\w&’'()-]*(?:[ :][\w&’'()-]+)*?)"

STYLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "vancouver",
        re.compile(
            rf"^(?P<authors>{NAME_V}(?:,\s+{NAME_V})*(?:,?\s+et\s+al)?)\.\s+{LONG_TITLE}\s+"
            rf"{JOURNAL_V}\.?\s+{YEAR}{MONTH_DAY}(?:\s*;\s*{VOLUME}(?:\s*:\s*{PAGES})?)?"
        ),
    ),
    (
        "apa",
        re.compile(
            r"^(?P<authors>[^()]{3,400}?)\s*\(\s*" + YEAR + r"[a-z]?(?:,[^)]*)?\)\.?,?\s+"
            r"(?:[‘“\"'](?P<quoted>[^’”\"']+?)[.,]?[’”\"'],?|" + LONG_TITLE + r")\s+"
            r"[*_]{0,2}(?P<journal>[A-Z](?:[^,*_.]|\.(?!\s))*?)[*_]{0,2},\s*(?:[Vv]ol\.\s*)?[*_]{0,2}"
            + VOLUME
            + r"[*_]{0,2}(?:,\s*(?:pp?\.\s*)?"
            + PAGES
            + r")?"
        ),
    ),
    (
        "source",
        re.compile(rf"^{JOURNAL_V}\.?\s+{SOURCE}"),
    ),
    ("date", re.compile(rf"^{SOURCE}")),
)
AUTHOR_MARK = re.compile(r"^(?:[a-z]|\d{1,2}|[*†‡§¶]+)$")
FUNCTION_WORDS = frozenset({"and", "for", "of", "the", "in", "with", "on", "to", "a", "an", "vs"})


@dataclass(frozen=True)
class Citation:
    style: str
    title: str | None
    title_span: Span | None
    journal: str | None
    journal_span: Span | None
    year: int | None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    authors: str | None = None
    doi: str | None = None
    pmid: str | None = None


def parse_citation(line: str) -> Citation | None:
    """The citation a whole line holds, in any of the common styles, or None."""
    content = line.rstrip()
    for style, pattern in STYLES:
        match = pattern.match(content)
        if match is None or not _plausible(style, match):
            continue
        names = match.groupdict()
        title_group = "quoted" if names.get("quoted") else "title" if names.get("title") else None
        title_span = Span(match.start(title_group), match.end(title_group)) if title_group else None
        title = clean_title(content[title_span.start : title_span.end]) if title_span else None
        journal_span = (
            Span(match.start("journal"), match.end("journal")) if names.get("journal") else None
        )
        return Citation(
            style=style,
            title=title or None,
            title_span=title_span,
            journal=names["journal"].strip() if names.get("journal") else None,
            journal_span=journal_span,
            year=int(names["year"]) if names.get("year") else None,
            volume=names.get("volume"),
            issue=names.get("issue"),
            pages=names.get("pages"),
            authors=names.get("authors"),
            doi=find_doi(content),
            pmid=find_pmid(content),
        )
    return None


def _plausible(style: str, match: re.Match[str]) -> bool:
    if style == "apa":
        # The authors of an APA reference: "Smith, J." pieces, "et al." or an ampersand.
        authors = match.group("authors")
        return bool(re.search(r"[A-Z][\w'’-]+,\s+[A-Z]\.|\bet al\b|&", authors))
    if style == "source":
        return len(match.group("journal").split()) <= 12
    return True


def clean_title(text: str) -> str:
    """A title as its words: markup, line breaks and the closing full stop removed."""
    text = re.sub(r"(?<![\w])[*_]{1,3}|[*_]{1,3}(?![\w])", "", text)
    text = " ".join(text.split())
    return text.strip(" .,;“”\"'‘’")


def find_doi(text: str) -> str | None:
    match = study_rules().doi.search(text)
    return match.group("doi") if match else None


def find_pmid(text: str) -> str | None:
    match = study_rules().pmid.search(text)
    return match.group("pmid") if match else None


def published_year(line: str) -> int | None:
    """The year of a "Published – 10 Feb 2007" or "Publication date: 2019-07-02" line."""
    match = study_rules().published_line.match(line.strip())
    return int(match.group("year")) if match else None


def is_identifier_line(line: str) -> bool:
    """A record's DOI or PMID line: the identifier and little else."""
    rules = study_rules()
    rest = rules.doi.sub("", rules.pmid.sub("", line))
    return (find_doi(line) is not None or find_pmid(line) is not None) and len(
        re.findall(r"[A-Za-z]{3,}", rest)
    ) <= 3


def is_authors_line(line: str) -> bool:
    """A line of person names: "Yun Lu a, Hui-Qin Qu b,*", "Smith J, Lee K, et al."."""
    text = re.sub(r"^(?i:by)\s+|\bet al\.?$", "", line.strip()).strip(" .")
    pieces = [p.strip() for p in re.split(r",|;|\s+and\s+|\s+&\s+", text)]
    names = []
    for piece in pieces:
        words = [w.rstrip("*†‡§¶") for w in piece.split()]
        words = [w for w in words if w and not AUTHOR_MARK.match(w)]
        if not words:
            continue
        if not all(w[:1].isupper() for w in words) or any(
            len(w) > 1 and w.lower() in FUNCTION_WORDS for w in words
        ):
            return False
        if not 2 <= len(words) <= 4:
            return False
        names.append(words)
    return len(names) >= 2
