"""Surface cues the parse-based rules still read beside the arcs: significance, duration,
effect sizes, clause ends and the phrases that name a subject ("both groups", "the yoga
group"). Effect verbs, hedges and their polarity are data (ontology/rules/effects.json,
ConText rules), not here.
"""

from __future__ import annotations

import re

PEOPLE = (
    r"(?:patients|participants|people|persons|adults|women|men|survivors|subjects|children|"
    r"individuals|volunteers|respondents)"
)
"""Nouns for people: what a sample, a population or a count of people is made of."""

CLAUSE_END = re.compile(
    r"[;.]|\s(?:in|among|after|during|following|compared|than|while|when|whereas|but|because|"
    r"via|through|by|which|that|who|versus|vs|from|to)\s|\s[—–]\s|:|"
    rf"\s(?:of|in|among|for)\s+(?:[\w-]+\s+){{0,3}}?{PEOPLE}\b"
)
SIGNIFICANT = re.compile(
    r"\b(?:statistically significant|significant(?:ly)?|p\s*[<≤]\s*0?\.0\d)\b", re.I
)
NOT_SIGNIFICANT = re.compile(
    r"\bno (?:statistically )?significant|not (?:statistically )?significant|"
    r"did not (?:significantly|reach)",
    re.I,
)
DURATION = re.compile(
    r"\b(?:last(?:ed|ing|s)?|sustained for|persist(?:ed|ing)? for|for up to)\b", re.I
)
EFFECT_SIZE = re.compile(r"effect size (?:of )?(?P<value>-?\d+(?:\.\d+)?)", re.I)
BOTH = re.compile(r"\b(?:both|all|the two) groups\b", re.I)
ARM_SUBJECT = re.compile(
    r"\b(?:the|those in the|participants in the|patients in the)\s+(?P<name>[\w-]+)\s+"
    r"(?:group|arm)\b",
    re.I,
)
STUDY_CONTEXT = re.compile(
    r"\b(?:group|groups|trials?|study|studies|reviews?|participants|results?|randomi[sz]ed|"
    r"compared with|sham|patients who received)\b",
    re.I,
)
STUDY_HEADING = re.compile(r"result|finding|benefit|found|outcome|trial|study|evidence", re.I)
EVIDENCE_SUMMARY = re.compile(r"\b(?:evidence|reviews?|studies show|research)\b", re.I)
AIM_LABEL = re.compile(r"objectives?|aims?|purpose|research questions?|hypothes[ie]s", re.I)
TIME_UNITS = frozenset({"minute", "hour", "day", "week", "month", "year"})
