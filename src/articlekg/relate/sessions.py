"""How many sessions an arm received and how long each lasted.

A count is written out ("four 30-minute sessions", "six treatment sessions") or follows
from a frequency and a period ("two 75-minute sessions per week for four weeks", "once a
week for eight weeks", "daily for two weeks"); a length is "N-minute", "sessions lasted N
minutes" or "N minutes each". A bound ("at least six sessions") is advice, not what an arm
received.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from articlekg.facts import Arm
from articlekg.quantities import NUM, number_value
from articlekg.relate.wording import rule_table, words_pattern


@dataclass(frozen=True)
class Sessions:
    count: int | None
    minutes: float | None


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    table = rule_table("arms")
    nouns = words_pattern(table["session_nouns"])
    periods = words_pattern(table["per_period"])
    often = words_pattern(table["frequency_words"])
    minute = r"(?P<minutes>\d+(?:\.\d+)?)[\s-]*(?:minutes?|mins?)\b"
    count = re.compile(
        rf"(?<!at least )(?<!a minimum of )(?<!up to )\b(?P<n>{NUM})\s+(?:{minute}\s+)?"
        rf"(?:[\w-]+\s+){{0,3}}?(?:{nouns})\b",
        re.I,
    )
    frequency = re.compile(
        rf"\b(?:(?P<often>{often})|(?P<n>{NUM})\s+(?:{minute}\s+)?(?:[\w-]+\s+){{0,3}}?"
        rf"(?:{nouns}|times))\s*(?:a|an|per|each|every)\s+(?P<per>{periods})\b"
        rf"|\b(?:(?P<often2>{often})[\s-]+)?(?P<adverb>daily|weekly|monthly)\b",
        re.I,
    )
    period = re.compile(rf"[^.;]{{0,40}}?\bfor\s+(?P<w>{NUM})\s+(?P<unit>{periods})\b", re.I)
    length = re.compile(
        rf"\b{minute}(?=\s+(?:each|per\s+(?:session|class|visit)|long)\b)"
        rf"|\b(?:{nouns})\s+(?:lasted|lasting|of|were|was|took)\s+(?:about\s+|approximately\s+|"
        rf"around\s+|up\s+to\s+)?{minute.replace('minutes>', 'minutes2>')}"
        rf"|\b(?P<minutes3>\d+(?:\.\d+)?)[\s-]*minute\s+(?:[\w-]+\s+){{0,2}}?(?:{nouns})\b",
        re.I,
    )
    return count, frequency, period, length


def read_sessions(text: str) -> Sessions:
    """The session count and length a stretch of text states, where it states them."""
    count_re, frequency_re, period_re, length_re = _patterns()
    table = rule_table("arms")
    per_period: dict[str, int] = table["per_period"]
    often: dict[str, int] = table["frequency_words"]
    count: int | None = None
    minutes: float | None = None
    for match in frequency_re.finditer(text):
        period = period_re.match(text, match.end())
        if period is None:
            continue
        word = match.group("often") or match.group("often2")
        times = often[word.lower()] if word else 1
        if match.group("n"):
            times = int(number_value(match.group("n")))
        per = (match.group("per") or match.group("adverb")).lower()
        days = per_period[period.group("unit").lower()] * number_value(period.group("w"))
        count = round(times * days / per_period[per])
        minutes = _float(match.group("minutes"))
        break
    if count is None:
        found = count_re.search(text)
        if found is not None and found.group("n").lower() not in ("one", "a"):
            count = int(number_value(found.group("n")))
            minutes = _float(found.group("minutes"))
    if minutes is None:
        length = length_re.search(text)
        if length is not None:
            raw = length.group("minutes") or length.group("minutes2") or length.group("minutes3")
            minutes = _float(raw)
    return Sessions(count, minutes)


def _float(raw: str | None) -> float | None:
    return float(raw) if raw else None


def apply_sessions(arm: Arm, sessions: Sessions) -> None:
    arm.sessions = arm.sessions or sessions.count
    arm.session_minutes = arm.session_minutes or sessions.minutes
