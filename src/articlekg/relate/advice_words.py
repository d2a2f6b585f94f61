"""The words advice frames read (``ontology/rules/advice.json``), loaded once."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from articlekg.resources import ontology_dir


@dataclass(frozen=True)
class AdviceWords:
    precaution_verbs: frozenset[str]
    practice_verbs: frozenset[str]
    phrases: dict[str, frozenset[str]]
    precaution_objects: dict[str, frozenset[str]]
    """'Watch this video': objects that make a precaution verb point to a resource."""
    permission_modals: frozenset[str]
    self_care_verbs: frozenset[str]
    reader_verbs: frozenset[str]
    opening_words: frozenset[str]
    advice_modals: frozenset[str]
    research_verbs: frozenset[str]
    hedge_modals: frozenset[str]
    recommend_verbs: frozenset[str]
    offer_verbs: frozenset[str]
    endorse_words: frozenset[str]
    endorsed_actions: frozenset[str]
    endorsed_nouns: frozenset[str]
    endorsing_subjects: frozenset[str]
    advisable_words: frozenset[str]
    harm_words: frozenset[str]
    unsuitable_when_negated: frozenset[str]
    caution_words: frozenset[str]
    setting_words: frozenset[str]
    advice_slots: frozenset[str]
    no_advice_slots: frozenset[str]

    @property
    def cue_verbs(self) -> frozenset[str]:
        return self.precaution_verbs | self.practice_verbs


@cache
def advice_words() -> AdviceWords:
    data = json.loads((ontology_dir() / "rules" / "advice.json").read_text(encoding="utf-8"))
    verbs = data["imperative_verbs"]
    return AdviceWords(
        frozenset(verbs["precaution"]),
        frozenset(verbs["practice"]),
        {verb: frozenset(words) for verb, words in data["imperative_phrases"].items()},
        {verb: frozenset(words) for verb, words in data["precaution_objects"].items()},
        frozenset(data["permission_modals"]),
        frozenset(data["self_care_verbs"]),
        *(
            frozenset(data[key])
            for key in (
                "reader_verbs",
                "opening_words",
                "advice_modals",
                "research_verbs",
                "hedge_modals",
                "recommend_verbs",
                "offer_verbs",
                "endorse_words",
                "endorsed_actions",
                "endorsed_nouns",
                "endorsing_subjects",
                "advisable_words",
                "harm_words",
                "unsuitable_when_negated",
                "caution_words",
                "setting_words",
                "advice_slots",
                "no_advice_slots",
            )
        ),
    )
