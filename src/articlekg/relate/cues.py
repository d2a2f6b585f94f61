"""The words effect rules read: effect verbs and nouns, hedges, significance, clause
boundaries and the phrases that name a subject ("both groups", "the yoga group").

Vocabulary of English, kept apart from the rules in :mod:`articlekg.relate.effects`.
"""

from __future__ import annotations

import re

PEOPLE = (
    r"(?:patients|participants|people|persons|adults|women|men|survivors|subjects|children|"
    r"individuals|volunteers|respondents)"
)
"""Nouns for people: what a sample, a population or a count of people is made of."""

TRIGGERS: list[tuple[str, str]] = [
    (
        r"no (?:statistically )?significant (?:difference|change|effect|improvement|reduction)s?"
        r"(?: between the groups)?(?: in| on| for)?",
        "noEffect",
    ),
    (r"no differences? (?:was|were) (?:found|seen|observed)(?: in| on| for)?", "noEffect"),
    (r"did not (?:significantly )?(?:improve|reduce|change|affect|differ)", "noEffect"),
    (r"reduc(?:e|es|ed|ing|tions?)(?: in| of)?", "reduces"),
    (r"decreas(?:e|es|ed|ing)(?: in)?", "reduces"),
    (r"lower(?:ed|s|ing)?(?: than normal)?", "reduces"),
    (r"less|fewer", "reduces"),
    (
        r"reliev(?:e|es|ed|ing)|relief(?: of| from)?|alleviat(?:e|es|ed|ing)|eas(?:e|es|ed|ing)",
        "reduces",
    ),
    (r"calm(?:s|ed|ing)?|help(?:s|ed)? (?:to )?(?:manage|control)", "reduces"),
    (
        r"improv(?:e|es|ed|ing|ements?)(?: in)?|better|greater|enhanc(?:e|es|ed|ing|ement)",
        "improves",
    ),
    (r"promot(?:e|es|ed|ing)|boost(?:s|ed|ing)?|restor(?:e|es|ed|ing)", "improves"),
    (r"increas(?:e|es|ed|ing)(?: in)?|elevat(?:e|es|ed|ion)|rais(?:e|es|ed)|higher", "increases"),
    (r"worsen(?:s|ed|ing)?|exacerbat(?:e|es|ed)|aggravat(?:e|es|ed)", "worsens"),
]
TRIGGER = re.compile(
    r"\b(?:" + "|".join(f"(?P<t{k}>{p})" for k, (p, _) in enumerate(TRIGGERS)) + r")\b", re.I
)
NOMINAL = re.compile(r"^\s*(?:reduction|relief|enhancement|elevation|improvement|uplift)\b", re.I)
CLAUSE_END = re.compile(
    r"[;.]|\s(?:in|among|after|during|following|compared|than|while|when|whereas|but|because|"
    r"via|through|by|which|that|who|versus|vs|from|to)\s|\s[—–]\s|:|"
    rf"\s(?:of|in|among|for)\s+(?:[\w-]+\s+){{0,3}}?{PEOPLE}\b"
)
MECHANISM_CUE = re.compile(r"\b(?:via|through|by way of|mediated by|by means of|thanks to)\b", re.I)
COMPARATOR = re.compile(r"\b(?:compared (?:with|to)|versus|vs\.?|than|rather than)\s+", re.I)
HEDGE = re.compile(
    r"\b(?:may|might|could|appears? to|seems? to|suggests?|possibly|potentially|"
    r"is thought to|are thought to|believed to|likely|not conclusive|inconclusive|"
    r"no firm conclusions?|some (?:limited )?evidence|limited evidence|mixed)\b",
    re.I,
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
CLAUSE_START = re.compile(r"(?:;|\b(?:although|though|whereas|but|however),?)\s", re.I)
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
ANAPHOR_AT_START = re.compile(r"\s*(?:their|its)\s+(use|levels?|scores?)\b", re.I)
GENERIC_OUTCOME_CUE = re.compile(r"\s+(?:such as|including|like)\b", re.I)
NOUN_EFFECTS = {
    "relief": "reduces",
    "reduction": "reduces",
    "control": "reduces",
    "improvement": "improves",
    "enhancement": "improves",
    "elevation": "increases",
}
COMPOUND = re.compile(r"(?P<base>.+?)\s+(?P<noun>" + "|".join(NOUN_EFFECTS) + r")", re.I)
TIME_UNITS = frozenset({"minute", "hour", "day", "week", "month", "year"})
MAX_DISCOVERED_WORDS = 5
RELATIVE = re.compile(r"(?:,\s*|\s)(?:which|who)\s+(?:\w+\s+)?$", re.I)
DISCOVERING = re.compile(r"(?:\s(?:in|of|on|for)|less|fewer|better|greater|lower|higher)$", re.I)
ANAPHORA = frozenset(
    {
        "use",
        "their use",
        "its use",
        "level",
        "levels",
        "their levels",
        "score",
        "scores",
        "it",
        "them",
    }
)
STOP_PHRASES = frozenset(
    {
        "it",
        "them",
        "this",
        "that",
        "these",
        "those",
        "symptoms",
        "outcomes",
        "patient outcomes",
        "benefit",
        "safety",
        "more",
        "the picture",
    }
)
