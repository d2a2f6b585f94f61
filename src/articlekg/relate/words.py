"""Role words (ontology/rules/roles.json): what a noun phrase is when a sentence gives it a
role: a therapy, people, a study, a pronoun, something a therapy acts on."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from articlekg.resources import ontology_dir


@dataclass(frozen=True)
class RoleWords:
    intervention_heads: frozenset[str]
    people: frozenset[str]
    studies: frozenset[str]
    pronouns: frozenset[str]
    mechanism_heads: frozenset[str]
    mechanism_verbs: frozenset[str]
    means_verbs: frozenset[str]
    substance_heads: frozenset[str]
    receiving_verbs: frozenset[str]
    condition_heads: frozenset[str]
    using_verbs: frozenset[str]
    complement_verbs: frozenset[str]
    instrument_nouns: frozenset[str]
    abstract_mechanisms: frozenset[str]
    homeostasis_words: frozenset[str]
    tissue_verbs: frozenset[str]
    body_parts: frozenset[str]
    manner_adverbs: frozenset[str]
    practitioners: frozenset[str]


@cache
def role_words() -> RoleWords:
    data = json.loads((ontology_dir() / "rules" / "roles.json").read_text(encoding="utf-8"))
    return RoleWords(
        *(
            frozenset(data[key])
            for key in (
                "intervention_heads",
                "people_nouns",
                "study_nouns",
                "pronouns",
                "mechanism_heads",
                "mechanism_verbs",
                "means_verbs",
                "substance_heads",
                "receiving_verbs",
                "condition_heads",
                "using_verbs",
                "complement_verbs",
                "instrument_nouns",
                "abstract_mechanisms",
                "homeostasis_words",
                "tissue_verbs",
                "body_parts",
                "manner_adverbs",
                "practitioner_nouns",
            )
        )
    )
