"""A study's sample size, ages and place, as sentences state them.

"enrolled 96 women", "a sample (n=72)", "In total, 1,290 patients were included", "a
convenience sample of 12 women", "22 trials with 4985 people", "Ninety patients … were
randomized"; "aged 42 to 83", "between 21-50 years of age", "(range, 32–78 years)" (a mean
age alone is no range); "in Melbourne, Australia" or a country the sentence names. The
patterns are in ``ontology/rules/studies.json``.
"""

from __future__ import annotations

import re

from articlekg.places import country_in
from articlekg.quantities import number_value
from articlekg.relate.study_rules import study_rules

PLACE = re.compile(
    r"\bin\s+(?P<place>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?,\s+[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)"
)
MAX_AGE = 120
MIN_SAMPLE = 2


def sample_size(text: str) -> int | None:
    """The number of people a sentence says a study took, by the earliest phrasing in it."""
    best: tuple[int, int] | None = None
    for pattern in study_rules().sample_patterns:
        for match in pattern.finditer(text):
            value = _count(match.group("n"))
            if value is not None and (best is None or match.start("n") < best[1]):
                best = (value, match.start("n"))
                break
    return best[0] if best else None


def leading_count(text: str) -> int | None:
    """A participants section's opening count ("380 adults with advanced cancer; …") or its
    total ("N = 72")."""
    rules = study_rules()
    match = rules.participants_lead.match(text) or rules.sample_total.search(text)
    return _count(match.group("n")) if match else None


def _count(raw: str) -> int | None:
    value = number_value(raw)
    if value != int(value) or value < MIN_SAMPLE:
        return None
    return int(value)


def age_range(text: str) -> tuple[int, int] | None:
    for pattern in study_rules().age_patterns:
        for match in pattern.finditer(text):
            low, high = number_value(match.group("low")), number_value(match.group("high"))
            if 0 <= low < high <= MAX_AGE and low == int(low) and high == int(high):
                return int(low), int(high)
    return None


def place_in(text: str) -> str | None:
    """'in Melbourne, Australia' as written; else the first country the text names."""
    place = PLACE.search(text)
    return place.group("place") if place else country_in(text)
