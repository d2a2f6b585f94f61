"""Numbers in text: counts, ranges, durations, percentages, scores, bounds, number words.

Part of the recognise stage. Each :class:`Quantity` keeps its span so later rules can ask what
stands before and after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ONES = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
TEENS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1000}
TIMES = {"once": 1, "twice": 2, "thrice": 3}
NUMBER_WORDS: dict[str, int] = {"zero": 0, **ONES, **TEENS, **TENS, **SCALES, **TIMES}


def _alternatives(words: dict[str, int]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_ONES = rf"(?:{_alternatives(ONES)})"
_BELOW_100 = (
    rf"(?:(?:{_alternatives(TENS)})(?:[-\s]{_ONES}\b)?|(?:{_alternatives(TEENS)})|{_ONES}|zero)\b"
)
_BELOW_1000 = rf"(?:{_ONES}\s+hundred\b(?:(?:\s+and)?\s+{_BELOW_100})?|{_BELOW_100})"
NUMBER_PHRASE = (
    rf"(?:{_BELOW_1000}\s+thousand\b(?:,?(?:\s+and)?\s+{_BELOW_1000})?|{_BELOW_1000}"
    rf"|(?:{_alternatives(TIMES)})\b)"
)
"""Numbers in words: "sixty-four", "two hundred (and) eighty-eight", "one thousand two hundred";
and "once", "twice", "thrice"."""

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
NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|{NUMBER_PHRASE})"
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


def is_number_word(text: str) -> bool:
    return any(word.lower() in NUMBER_WORDS for word in re.findall(r"[A-Za-z]+", text))


def words_value(text: str) -> int | None:
    """The value of a number written in words, or None if ``text`` is not one."""
    total = current = 0
    words = [w for w in re.split(r"[\s,-]+", text.lower()) if w and w != "and"]
    if not words or any(w not in NUMBER_WORDS for w in words):
        return None
    for word in words:
        value = NUMBER_WORDS[word]
        if word == "hundred":
            current = (current or 1) * 100
        elif word == "thousand":
            total += (current or 1) * 1000
            current = 0
        else:
            current += value
    return total + current


def number_value(text: str) -> float:
    """A number as digits ("1,290", "4.5") or in words ("two hundred eighty-eight")."""
    value = words_value(text)
    if value is not None:
        return float(value)
    return float(text.replace(",", ""))


def _unit(raw: str | None) -> str | None:
    if raw is None:
        return None
    return UNITS.get(raw.lower().replace(" ", ""), UNITS.get(raw.lower()))


RATIO = re.compile(
    rf"(?<![\w.])(?:(?P<approx>{APPROX})\s+)?(?P<n>{NUM})\s+(?:in|out\s+of)\s+(?:every\s+)?"
    rf"(?P<m>{NUM})(?![\w.,]*\d)(?!\s*{UNIT}\b)",
    re.IGNORECASE,
)
YEAR = re.compile(r"(?:19|20)\d\d")


def ratios(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Proportions as people write them in words: "one in three adults", "41 in 100 people",
    "1 out of every 8 women", as a percentage (rounded to one decimal)."""
    found: list[Quantity] = []
    for match in RATIO.finditer(text, start, len(text) if end is None else end):
        part, whole = number_value(match.group("n")), number_value(match.group("m"))
        if whole <= 1 or part > whole or YEAR.fullmatch(match.group("m")):
            continue
        found.append(
            Quantity(
                start=match.start(),
                end=match.end(),
                low=round(100 * part / whole, 1),
                high=None,
                unit="percent",
                bound=None,
                scale_max=None,
                text=match.group(),
            )
        )
    return found


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every quantity in ``text[start:end]``, in order; a proportion ("one in three") is one
    quantity, not two numbers."""
    proportions = ratios(text, start, end)
    plain = [
        q
        for q in _plain_quantities(text, start, end)
        if not any(p.start < q.end and q.start < p.end for p in proportions)
    ]
    return sorted(plain + proportions, key=lambda q: (q.start, q.end))


def _plain_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    found: list[Quantity] = []
    for match in QUANTITY.finditer(text, start, len(text) if end is None else end):
        raw_low = match.group("low")
        if (
            is_number_word(raw_low)
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


RESPECTIVELY = re.compile(r",?\s*\brespectively\b", re.IGNORECASE)
JOINER = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or|vs\.?|versus)\s)\s*", re.IGNORECASE)
ITEM_SPLIT = re.compile(r",\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+", re.IGNORECASE)
LEAD_WORDS = re.compile(
    r"^(?:\s*\b(?:of|in|for|among|from|with|at|to|by|the|both|those|were|was|are|is)\b)+\s*",
    re.IGNORECASE,
)
STOP_WORDS = re.compile(
    r"\s+\b(?:were|was|are|is|had|has|have|showed|reported|improved|fell|rose|increased|"
    r"decreased|reached|scored|by|of|at|with|on)\b.*$"
    # a verb in the past tense ends the phrase ("the placebo group vomited on …")
    r"|\s+[A-Za-z]+ed\b.*$",
    re.IGNORECASE,
)


def respectively(text: str, start: int = 0, end: int | None = None) -> list[tuple[Quantity, str]]:
    """'20% and 35% of the acupuncture and control groups, respectively': each quantity of
    the list paired, in order, with the item of the list it is said of (items after the
    quantities, else before them). Nothing when the counts differ."""
    stop = len(text) if end is None else end
    found = RESPECTIVELY.search(text, start, stop)
    if found is None:
        return []
    quantities = [q for q in find_quantities(text, start, found.start())]
    run: list[Quantity] = []
    for quantity in quantities:
        if run and not JOINER.fullmatch(text[run[-1].end : quantity.start]):
            run = []
        run.append(quantity)
    if len(run) < 2:
        return []
    after = LEAD_WORDS.sub("", text[run[-1].end : found.start()]).strip(" ,")
    items = [i.strip() for i in ITEM_SPLIT.split(after) if i.strip()]
    if len(items) != len(run):
        items = _items_before(text[start : run[0].start], len(run))
    if len(items) != len(run):
        return []
    return list(zip(run, items, strict=True))


def _items_before(before: str, count: int) -> list[str]:
    """'in the massage and control groups by …': the last coordination before the numbers."""
    joins = list(re.finditer(r"\b(?:and|or)\b", before, re.IGNORECASE))
    if not joins:
        return []
    last = joins[-1]
    right = LEAD_WORDS.sub("", STOP_WORDS.sub("", before[last.end() :])).strip(" ,")
    left = []
    for piece in before[: last.start()].split(","):
        words = re.search(r"((?:[\w'-]+\s*){1,3})$", piece.strip())
        if words:
            left.append(LEAD_WORDS.sub("", words.group(1)).strip())
    items = [*left[-(count - 1) :], right] if count > 1 else [right]
    return items if all(items) and len(items) == count else []
