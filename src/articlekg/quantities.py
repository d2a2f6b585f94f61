"""Numbers in text: counts, ranges, durations, percentages, scores, bounds, number words.

Part of the recognise stage. Each :class:`Quantity` keeps its span so later rules can ask what
stands before and after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMBER_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "hundred": 100,
    "twice": 2,
    "once": 1,
    "thrice": 3,
}
UNITS = {
    "%": "percent",
    "percent": "percent",
    "per cent": "percent",
    "hour": "hour",
    "hours": "hour",
    "hr": "hour",
    "hrs": "hour",
    "h": "hour",
    "minute": "minute",
    "minutes": "minute",
    "min": "minute",
    "mins": "minute",
    "second": "second",
    "seconds": "second",
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "month": "month",
    "months": "month",
    "year": "year",
    "years": "year",
    "point": "point",
    "points": "point",
}
NUM = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|"
    + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
    + r")"
)
UNIT = r"(?:%|per ?cent|hours?|hrs?|minutes?|mins?|seconds?|days?|weeks?|months?|years?|points?)"
LOWER = r"(?:more than|greater than|over|above|at least|>=|>|≥)"
UPPER = r"(?:fewer than|less than|under|below|up to|at most|<=|<|≤)"
APPROX = r"(?:about|approximately|around|nearly|roughly|almost|some|an estimated|~)"

QUANTITY = re.compile(
    rf"(?<![\w.])(?:(?P<between>between)\s+)?(?:(?P<lower>{LOWER})\s*|(?P<upper>{UPPER})\s*|(?P<approx>{APPROX})\s+)?"
    rf"(?P<sign>[-−])?(?P<low>{NUM})(?:[-\s]?(?P<unit1>{UNIT})(?![a-z]))?"
    rf"(?:\s*/\s*(?P<scale>\d+)"
    # "and" joins a range only after "between": "scores of 4.5 and 3.2" are two values.
    rf"|(?:-?\s*(?:–|—|-|to|(?(between)and|(?!)))\s*)"
    rf"(?P<high>{NUM})(?:[-\s]?(?P<unit2>{UNIT})(?![a-z]))?)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    low: float
    high: float | None
    unit: str | None
    bound: str | None
    """``lower`` for "> 6", "more than 24"; ``upper`` for "fewer than 500"."""
    scale_max: float | None
    text: str

    @property
    def is_range(self) -> bool:
        return self.high is not None

    @property
    def from_word(self) -> bool:
        words = re.findall(r"[A-Za-z]+", self.text)
        return any(word.lower() in NUMBER_WORDS for word in words)


def number_value(text: str) -> float:
    word = text.lower()
    if word in NUMBER_WORDS:
        return float(NUMBER_WORDS[word])
    return float(text.replace(",", ""))


def _unit(raw: str | None) -> str | None:
    if raw is None:
        return None
    return UNITS.get(raw.lower().replace(" ", ""), UNITS.get(raw.lower()))


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    found: list[Quantity] = []
    for match in QUANTITY.finditer(text, start, len(text) if end is None else end):
        raw_low = match.group("low")
        if (
            raw_low.lower() in NUMBER_WORDS
            and match.group("unit1") is None
            and (match.group("high") is None)
        ):
            # A bare number word counts only before a noun ("three 45-minute sessions").
            following = text[match.end() : match.end() + 20]
            if not re.match(r"\s+[\w-]+", following) or raw_low.lower() in ("once", "one"):
                continue
        high_raw = match.group("high")
        if match.group("between") and high_raw is None:
            continue
        low = number_value(raw_low) * (-1 if match.group("sign") else 1)
        high = number_value(high_raw) if high_raw is not None else None
        if high is not None and high < low and not match.group("sign"):
            high = None  # "369-79" page ranges and the like are not ranges of values
        unit = _unit(match.group("unit2")) or _unit(match.group("unit1"))
        bound = "lower" if match.group("lower") else "upper" if match.group("upper") else None
        scale = float(match.group("scale")) if match.group("scale") else None
        stop = (
            match.end()
            if high_raw is not None or scale is not None
            else match.end("unit1")
            if (match.group("unit1"))
            else match.end("low")
        )
        found.append(
            Quantity(
                start=match.start(),
                end=stop,
                low=low,
                high=high,
                unit=unit,
                bound=bound,
                scale_max=scale,
                text=text[match.start() : stop],
            )
        )
    return found
