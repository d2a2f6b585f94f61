"""The vocabulary of study rules, kept as data in ``ontology/rules/studies.json``.

Patterns there are written with placeholders (``{N}``, ``{PEOPLE}``, ``{JOURNAL}`` ...) so that
the words live in one file and the number and name shapes in code.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from articlekg.quantities import NUM
from articlekg.resources import ontology_dir

JOURNAL_NAME = (
    # Capitalised words, joined by 'of', 'and', ... only before another capitalised word;
    # markup around the name ("*PAIN*") is allowed.
    r"[*_]{0,2}(?P<journal>[A-Z][\w&'’-]*(?:\s+(?:(?:of|and|in|for|&|the|on)\s+)*[A-Z][\w&'’-]*)*)"
)
# Section slots (ontology/rules/sections.json) of a study report: what was done and with whom,
# and what was found. A structured abstract has both kinds.
METHOD_SLOTS = frozenset(
    {"design", "setting", "participants", "intervention", "methods", "measures"}
)
REPORT_SLOTS = frozenset({"purpose", "results", "conclusions"})
ABSTRACT_SLOTS = METHOD_SLOTS | REPORT_SLOTS | {"background", "abstract", "limitations"}
MIN_ABSTRACT_SLOTS = 3
RANGE_TO = r"\s*(?:–|—|-|to)\s*"
RANGE_BETWEEN = r"\s*(?:–|—|-|to|and)\s*"


@dataclass(frozen=True)
class StudyRules:
    study_noun: str
    """A study noun, singular or plural, as a regular expression."""
    noun_kinds: dict[str, str]
    """Primary research or a review of it: a "study" may be a trial, never a review."""
    people: str
    sample_patterns: tuple[re.Pattern[str], ...]
    participants_lead: re.Pattern[str]
    sample_total: re.Pattern[str]
    """"N = 72": a capital N is the whole sample, a small n an arm's."""
    age_patterns: tuple[re.Pattern[str], ...]
    journal_patterns: tuple[re.Pattern[str], ...]
    journal_after_study_patterns: tuple[re.Pattern[str], ...]
    journal_title_words: frozenset[str]
    institution_words: frozenset[str]
    journal_year: re.Pattern[str]
    year_near_noun: re.Pattern[str]
    published_year: re.Pattern[str]
    title_quote_before: re.Pattern[str]
    title_quote_after: re.Pattern[str]
    report_title: re.Pattern[str]
    """A title that ends in its design: "Tai chi for balance: a randomized trial"."""
    future_after: tuple[re.Pattern[str], ...]
    future_before: tuple[re.Pattern[str], ...]
    anaphora: re.Pattern[str]
    anaphoric_determiners: frozenset[str]
    distinct_markers: frozenset[str]
    """Words that introduce a study as not the one before ("another", "a second")."""
    self_review: re.Pattern[str]
    self_review_design: str
    noun_designs: dict[str, str]
    """The design a study noun implies when nothing else names one ("a trial")."""
    doi: re.Pattern[str]
    pmid: re.Pattern[str]
    published_line: re.Pattern[str]
    header_lines: int
    source_line_words: frozenset[str]
    """Words a journal's source line holds besides its name ("vol", "doi", months)."""


def _alternatives(words: list[str]) -> str:
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in unique) + ")"


def expand(pattern: str, fills: dict[str, str]) -> str:
    return re.sub(r"\{([A-Z_]+)\}", lambda m: fills[m.group(1)], pattern)


@cache
def study_rules() -> StudyRules:
    data: dict[str, Any] = json.loads(
        (ontology_dir() / "rules" / "studies.json").read_text(encoding="utf-8")
    )
    nouns = list(data["study_nouns"])
    plurals = [n[:-1] + "ies" if n.endswith("y") else n + "s" for n in nouns]
    plurals = [p.replace("analysiss", "analyses") for p in plurals]
    study = _alternatives(nouns + plurals)
    people = _alternatives(list(data["people_nouns"]))
    # Every fill but the journal's name reads words in any case, also in patterns whose own
    # words are case-exact.
    fills = {
        "N": rf"(?P<n>(?i:{NUM}))",
        "LOW": rf"(?P<low>(?i:{NUM}))",
        "HIGH": rf"(?P<high>(?i:{NUM}))",
        "TO": RANGE_TO,
        "BETWEEN": RANGE_BETWEEN,
        "PEOPLE": f"(?i:{people})",
        "MODS": r"(?:[^\W\d][\w’'-]*,?\s+){0,3}?",
        "STUDY": f"(?i:{study})",
        "SAMPLE_VERB": f"(?i:{_alternatives(list(data['sample_verbs']))})",
        "JOURNAL": JOURNAL_NAME,
    }

    def cue(pattern: str) -> re.Pattern[str]:
        return re.compile(expand(pattern, fills), re.IGNORECASE)

    def cased(pattern: str) -> re.Pattern[str]:
        return re.compile(expand(pattern, fills))

    record = data["record"]
    return StudyRules(
        study_noun=study,
        noun_kinds={str(k): str(v) for k, v in data["noun_kinds"].items()},
        people=people,
        sample_patterns=tuple(cue(p) for p in data["sample_patterns"]),
        participants_lead=cue(data["participants_lead"]),
        sample_total=cased(data["sample_total"]),
        age_patterns=tuple(cue(p) for p in data["age_patterns"]),
        journal_patterns=tuple(cased(p) for p in data["journal_patterns"]),
        journal_after_study_patterns=tuple(cased(p) for p in data["journal_after_study_patterns"]),
        journal_title_words=frozenset(data["journal_title_words"]),
        institution_words=frozenset(data["institution_words"]),
        journal_year=cased(data["journal_year"]),
        year_near_noun=cased(data["year_near_noun"]),
        published_year=cased(data["published_year"]),
        title_quote_before=cased(data["title_quote_before"]),
        title_quote_after=cased(data["title_quote_after"]),
        report_title=cue(data["report_title"]),
        future_after=tuple(cue(p) for p in data["future_after"]),
        future_before=tuple(cue(p) for p in data["future_before"]),
        anaphora=cased(data["anaphora"]),
        anaphoric_determiners=frozenset(data["anaphoric_determiners"]),
        distinct_markers=frozenset(data["distinct_markers"]),
        self_review=cased(data["self_review"]),
        self_review_design=str(data["self_review_design"]),
        noun_designs={str(k): str(v) for k, v in data["noun_designs"].items()},
        doi=cased(record["doi"]),
        pmid=cased(record["pmid"]),
        published_line=cased(record["published_line"]),
        header_lines=int(record["header_lines"]),
        source_line_words=frozenset(record["source_line_words"]),
    )
