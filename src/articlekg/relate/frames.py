"""Effect frames: a trigger word and the outcome it governs, found by spaCy's
DependencyMatcher with patterns and vocabulary kept as data (``ontology/rules/effects.json``).

A frame says only "this word states an effect of this polarity on that noun"; who had the
effect, negation, hedging and scope are decided by the rules that read the frames.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from articlekg.resources import ontology_dir

if TYPE_CHECKING:
    from spacy.matcher import DependencyMatcher
    from spacy.tokens import Doc, Token
    from spacy.vocab import Vocab

POLARITIES = ("reduces", "improves", "increases", "worsens", "noEffect")


@dataclass(frozen=True)
class EffectRules:
    vocabulary: dict[str, dict[str, tuple[str, ...]]]
    """Vocabulary entry -> polarity -> lemmas."""
    patterns: dict[str, list[dict[str, Any]]]
    measure_heads: frozenset[str]
    outcome_stopwords: frozenset[str]
    phrase_stop_modifiers: frozenset[str]
    non_identity_modifiers: frozenset[str]
    generic_heads: frozenset[str]
    positive_outcomes: frozenset[str]
    state_nouns: dict[str, str]
    """'relax' -> 'relaxation': the state a person is helped into, by name."""
    state_pronouns: frozenset[str]
    dose_nouns: frozenset[str]

    def polarity(self, entry: str, lemma: str) -> str | None:
        for polarity, lemmas in self.vocabulary.get(entry, {}).items():
            if lemma in lemmas:
                return polarity
        return None

    def words(self, entry: str) -> frozenset[str]:
        return frozenset(w for ws in self.vocabulary.get(entry, {}).values() for w in ws)


@cache
def effect_rules() -> EffectRules:
    data = json.loads((ontology_dir() / "rules" / "effects.json").read_text(encoding="utf-8"))
    vocabulary = {
        entry: {polarity: tuple(words) for polarity, words in by_polarity.items()}
        for entry, by_polarity in data["vocabulary"].items()
    }
    return EffectRules(
        vocabulary=vocabulary,
        patterns=data["patterns"],
        measure_heads=frozenset(data["measure_heads"]),
        outcome_stopwords=frozenset(data["outcome_stopwords"]),
        phrase_stop_modifiers=frozenset(data["phrase_stop_modifiers"]),
        non_identity_modifiers=frozenset(data["non_identity_modifiers"]),
        generic_heads=frozenset(data["generic_heads"]),
        positive_outcomes=frozenset(data["positive_outcomes"]),
        state_nouns=dict(data["state_nouns"]),
        state_pronouns=frozenset(data["state_pronouns"]),
        dose_nouns=frozenset(data["dose_nouns"]),
    )


def _resolve(value: Any, rules: EffectRules) -> Any:
    """Replace '@entry' by the lemmas of that vocabulary entry, anywhere in a pattern."""
    if isinstance(value, str) and value.startswith("@"):
        return sorted(rules.words(value[1:]))
    if isinstance(value, dict):
        return {k: _resolve(v, rules) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve(v, rules) for v in value]
    return value


@cache
def _matcher(vocab: Vocab) -> DependencyMatcher:
    from spacy.matcher import DependencyMatcher

    rules = effect_rules()
    matcher = DependencyMatcher(vocab)
    for name, pattern in sorted(rules.patterns.items()):
        matcher.add(name, [_resolve(pattern, rules)])
    return matcher


@dataclass(frozen=True)
class Frame:
    kind: str
    """The pattern that found it: active, passive, intransitive, predicate, nominal, ..."""
    trigger: Token
    object: Token
    effect: str


TRIGGER_ENTRY = {
    "active": "verbs",
    "active_phrasal": "verbs",
    "active_misread": "verbs",
    "passive": "verbs",
    "intransitive": "intransitive",
    "predicate": "adjectives",
    "nominal": "nouns",
    "nominal_clause": "nouns",
    "nominal_between": "nouns",
    "compound": "nouns",
    "effect_noun": "effect_nouns",
    "modifier": "modifiers",
    "efficacy": "efficacy",
    "efficacy_clause": "efficacy",
    "predicate_degree": "severity",
    "verbless": "verbs",
    "phrasal": "phrasal",
    "helped_state": "state_verbs",
    "state_object": "state_verbs",
    "feeling": "feeling_verbs",
    "gerund_misread": "verbs",
    "than_norm": "modifiers",
}
ARGUMENT_ARCS = frozenset(
    {"ROOT", "nsubj", "nsubjpass", "dobj", "pobj", "attr", "conj", "oprd", "npadvmod"}
)
SUBJECT_ONLY = frozenset({"intransitive"})
OBJECT_ARCS = frozenset({"dobj", "obj", "ccomp", "xcomp"})
AS_WRITTEN = frozenset({"modifiers"})
"""Entries matched by the word as written: "lower pain" is not "low pain"."""


def find_frames(doc: Doc) -> list[Frame]:
    """Every effect frame of a parsed sentence, in the order of their triggers."""
    rules = effect_rules()
    matcher = _matcher(doc.vocab)
    frames: dict[tuple[int, int], Frame] = {}
    for match_id, token_ids in matcher(doc):
        kind = doc.vocab.strings[match_id]
        names = [node["RIGHT_ID"] for node in rules.patterns[kind]]
        slots = {name: doc[i] for name, i in zip(names, token_ids, strict=True)}
        trigger, target = slots["trigger"], slots["object"]
        if kind in SUBJECT_ONLY and any(c.dep_ in OBJECT_ARCS for c in trigger.children):
            continue  # "X increased Y": X is the agent, not what increased
        if kind == "compound" and trigger.dep_ not in ARGUMENT_ARCS:
            continue  # "an attention control condition", "a (symptom control) team": names
        if kind == "compound" and target.lower_.endswith("ing") and target.lemma_ == target.lower_:
            continue  # "reporting benefit": a verb's -ing form, not what benefited
        if kind == "gerund_misread" and gerund_object(trigger) != target:
            continue  # "the calming music": an adjective after all
        if kind == "modifier" and target.lemma_.lower() in rules.dose_nouns:
            continue  # "those who took the higher doses": which arm, not an effect
        effect = _effect(kind, trigger, rules)
        if effect is None:
            continue
        if kind == "predicate_degree" and slots["degree"].lower_ == "less":
            effect = "reduces"  # "less severe", "less frequent"
        key = (trigger.i, target.i)
        if key not in frames:
            frames[key] = Frame(kind, trigger, target, effect)
    if not any(t.pos_ in ("VERB", "AUX") for t in doc):
        for frame in _verbless(doc, rules):
            frames.setdefault((frame.trigger.i, frame.object.i), frame)
    return sorted(frames.values(), key=lambda f: (f.trigger.i, f.object.i))


def gerund_object(token: Token) -> Token | None:
    """'in managing labour pain' parsed with "managing" as a modifier of "pain": a gerund
    right after the preposition whose object it modifies takes that object."""
    head = token.head
    while head.dep_ in ("compound", "amod") and head.head != head:
        head = head.head
    misread = (
        token.tag_ == "VBG"
        and token.dep_ in ("amod", "compound")
        and token.i > 0
        and head.dep_ == "pobj"
        and token.doc[token.i - 1] == head.head
    )
    return head if misread else None


def gerund_misread(token: Token) -> bool:
    return gerund_object(token) is not None


def verbless_effect(token: Token) -> str | None:
    """The effect of a verb the small model read as a noun between two nouns."""
    if not misread_verb(token):
        return None
    return effect_rules().polarity("verbs", token.lemma_.lower())


def misread_verb(token: Token) -> bool:
    """'Massage calms anxiety.': in a sentence without a verb, a word in its -s form
    between two nouns is the verb the small model read as a noun."""
    doc = token.doc
    if token.pos_ in ("VERB", "AUX") or not 0 < token.i < len(doc) - 1:
        return False
    if not token.lower_.endswith("s") or doc[token.i - 1].pos_ not in ("NOUN", "PROPN"):
        return False
    return not any(t.pos_ in ("VERB", "AUX") for t in doc)


def following_noun(token: Token) -> Token | None:
    """The head of the noun phrase right after a word."""
    if token.i + 1 >= len(token.doc):
        return None
    target = token.doc[token.i + 1]
    while target.dep_ in ("compound", "amod", "det") and target.head.i > target.i:
        target = target.head
    return target if target.pos_ in ("NOUN", "PROPN") else None


def _verbless(doc: Doc, rules: EffectRules) -> list[Frame]:
    """'Massage calms anxiety.', 'Yoga eases fatigue.': a short clause the small model reads
    as one noun phrase, its verb as a noun. A word between two nouns that is an effect verb
    in its -s form is taken for the verb it is; its object is the noun phrase after it."""
    found: list[Frame] = []
    for token in doc[1:-1]:
        effect = verbless_effect(token)
        target = following_noun(token)
        if effect is not None and target is not None:
            found.append(Frame("verbless", token, target, effect))
    return found


def _effect(kind: str, trigger: Token, rules: EffectRules) -> str | None:
    entry = TRIGGER_ENTRY[kind]
    word = trigger.lower_ if entry in AS_WRITTEN else trigger.lemma_.lower()
    return rules.polarity(entry, word)
