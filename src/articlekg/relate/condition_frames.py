"""Condition-link frames over the dependency parse: which noun is linked to which, and how.

The frames are facts of the parse, their words data (``ontology/rules/conditions.json``):

- cause: "X (is) caused by Y", "X stems from Y", "X due to Y" (X causedBy Y); "Y can lead
  to X", "Y causes X", "Y results in X" (X causedBy Y);
- a relation noun: "X is a complication of Y", "X is one of the symptoms of Y", "Y is a
  common cause of X", "complications of Y include X";
- risk: "Y increases the risk of X", "Y is a risk factor for X" (X hasRiskFactor Y);
- how common: "X is common in Y", "X is among the most common problems experienced by Y",
  "X is commonly seen in Y", and a list item "Common in A and B" under a heading that
  names X;
- association: "X is linked to Y".

A frame gives head tokens; :mod:`articlekg.relate.conditions` turns them into entities.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from articlekg.relate.agents import subject_token
from articlekg.resources import ontology_dir

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SUBJECTS = frozenset({"nsubj", "nsubjpass"})
VERBS = frozenset({"VERB", "AUX"})


@dataclass(frozen=True)
class ConditionWords:
    caused_by_passive: frozenset[str]
    caused_by_from: frozenset[str]
    caused_by_prepositions: frozenset[str]
    leads_to: dict[str, frozenset[str]]
    risk_verbs: frozenset[str]
    risk_nouns: frozenset[str]
    relation_nouns: dict[str, str]
    common_words: frozenset[str]
    commonly_words: frozenset[str]
    seen_verbs: frozenset[str]
    population_prepositions: frozenset[str]
    associated_verbs: dict[str, frozenset[str]]
    member_prepositions: frozenset[str]
    member_verbs: frozenset[str]
    condition_heads: frozenset[str]
    condition_suffixes: tuple[str, ...]
    generic_heads: frozenset[str]
    pointer_heads: frozenset[str]
    naming_heads: frozenset[str]
    """'labour pain', 'strain injury': an unknown outcome with one of these heads is a
    condition too."""


@cache
def condition_words() -> ConditionWords:
    data = json.loads((ontology_dir() / "rules" / "conditions.json").read_text(encoding="utf-8"))

    def words(key: str) -> frozenset[str]:
        return frozenset(data[key])

    return ConditionWords(
        caused_by_passive=words("caused_by_passive"),
        caused_by_from=words("caused_by_from"),
        caused_by_prepositions=words("caused_by_prepositions"),
        leads_to={verb: frozenset(ps) for verb, ps in data["leads_to"].items()},
        risk_verbs=words("risk_verbs"),
        risk_nouns=words("risk_nouns"),
        relation_nouns=dict(data["relation_nouns"]),
        common_words=words("common_words"),
        commonly_words=words("commonly_words"),
        seen_verbs=words("seen_verbs"),
        population_prepositions=words("population_prepositions"),
        associated_verbs={verb: frozenset(ps) for verb, ps in data["associated_verbs"].items()},
        member_prepositions=words("member_prepositions"),
        member_verbs=words("member_verbs"),
        condition_heads=words("condition_heads"),
        condition_suffixes=tuple(data["condition_suffixes"]),
        generic_heads=words("generic_heads"),
        pointer_heads=words("pointer_heads"),
        naming_heads=words("condition_naming_heads"),
    )


RELATIVES = frozenset({"which", "that", "who", "whom"})


def cause_of(verb: Token) -> Token | None:
    """The subject of a causal verb; for a relative clause, the noun it describes
    ("vomiting, which can lead to X", "conditions that result in X")."""
    subject = subject_token(verb)
    if subject is not None and subject.lower_ in RELATIVES:
        clause = subject.head
        while clause.dep_ == "conj" and clause.head != clause:
            clause = clause.head
        if clause.dep_ == "relcl":
            return clause.head
    return subject


@dataclass(frozen=True)
class LinkFrame:
    relation: str
    """causedBy, commonIn, complicationOf, symptomOf, hasRiskFactor or associatedWith."""
    condition: Token | None
    """The condition the link starts from; None: the subject of the list it is an item of."""
    related: Token
    condition_role: str = "condition"
    related_role: str = "condition"
    """What each side may be: "condition" (a noun that names one), "named" (anything but a
    therapy: the frame says it is a condition, "a complication of X"), "cause" (anything
    but a therapy, a condition or not: "pain caused by pressure") or "population" (a
    condition or people)."""


def find_links(doc: Doc) -> list[LinkFrame]:
    found = [
        *_caused_by(doc),
        *_leads_to(doc),
        *_relation_nouns(doc),
        *_risks(doc),
        *_common(doc),
        *_associated(doc),
    ]
    unique: dict[tuple[str, int, int], LinkFrame] = {}
    for link in found:
        key = (link.relation, -1 if link.condition is None else link.condition.i, link.related.i)
        unique.setdefault(key, link)
    return list(unique.values())


# cause --------------------------------------------------------------------------------------
def _caused_by(doc: Doc) -> Iterator[LinkFrame]:
    words = condition_words()
    for token in doc:
        lemma = token.lemma_.lower()
        if lemma in words.caused_by_passive and token.tag_ == "VBN":
            for cause in _objects(token, "agent", frozenset({"by"})):
                yield from _with_condition(token, "causedBy", cause)
        elif lemma in words.caused_by_from and token.pos_ in VERBS:
            for cause in _objects(token, "prep", frozenset({"from"})):
                yield from _with_condition(token, "causedBy", cause)
        elif token.lower_ in words.caused_by_prepositions:
            # "anaemia due to bleeding", "pain is secondary to a fracture"
            for inner in token.children:
                if inner.lower_ in ("to", "of"):
                    for cause in _objects(inner, "", frozenset()):
                        yield from _with_condition(token, "causedBy", cause)


def _with_condition(trigger: Token, relation: str, related: Token) -> Iterator[LinkFrame]:
    """The condition a cause frame speaks of: the trigger's subject, the noun the trigger
    modifies ("bone pain caused by ..."), or the noun an 'as' phrase says it of ("points
    to X as originating from Y")."""
    for condition in _described(trigger):
        yield LinkFrame(relation, condition, related, related_role="cause")


def _described(trigger: Token) -> list[Token]:
    for child in trigger.children:
        if child.dep_ in SUBJECTS and child.lower_ not in ("which", "that", "who"):
            return [child]
    head = trigger.head
    if trigger.dep_ in ("acl", "amod", "relcl", "prep") and head.pos_ in ("NOUN", "PROPN"):
        return [head]
    if trigger.dep_ == "pcomp" and head.lower_ == "as":
        governor = head.head
        return _objects(governor, "prep", frozenset({"to"})) or [
            c for c in governor.children if c.dep_ == "dobj"
        ]
    if trigger.dep_ in ("acomp", "attr", "prep") and head.lemma_ == "be":
        return [c for c in head.children if c.dep_ in SUBJECTS]
    subject = cause_of(trigger)
    return [subject] if subject is not None else []


def _leads_to(doc: Doc) -> Iterator[LinkFrame]:
    """'Y can lead to X', 'Y causes X', 'Y results in X', 'Y gives rise to X'."""
    words = condition_words()
    for verb in doc:
        lemma = verb.lemma_.lower()
        if lemma not in words.leads_to or verb.pos_ not in VERBS:
            continue
        if any(c.dep_ == "auxpass" for c in verb.children) or (
            verb.tag_ == "VBN" and verb.dep_ == "acl"
        ):
            continue  # "pain caused by X" is read by the passive frame
        if verb.tag_ == "VBG" and not any(c.dep_ == "aux" for c in verb.children):
            # "X is ..., often leading to Y": a participle's subject is only implied, and
            # may be all the clause says rather than its subject.
            continue
        particles = words.leads_to[lemma]
        if particles:
            effects = _objects(verb, "prep", particles)
            for rise in (c for c in verb.children if c.dep_ == "dobj" and c.lower_ in particles):
                effects += _objects(rise, "prep", frozenset({"to"}))
        else:
            effects = [c for c in verb.children if c.dep_ == "dobj"]
        if not effects:
            continue
        cause = cause_of(verb)
        if cause is None:
            continue
        for effect in effects:
            yield LinkFrame("causedBy", effect, cause)


# relation nouns -----------------------------------------------------------------------------
def _relation_nouns(doc: Doc) -> Iterator[LinkFrame]:
    """'X is a complication of Y', 'X, a symptom of Y', 'complications of Y include X',
    'Y is a common cause of X', 'Y is a risk factor for X'."""
    words = condition_words()
    for noun in doc:
        relation = words.relation_nouns.get(noun.lower_)
        if relation is None or noun.pos_ not in ("NOUN", "PROPN"):
            continue
        if relation == "riskFactor":
            if not any(
                c.dep_ == "compound" and c.lemma_ in words.risk_nouns for c in noun.children
            ):
                continue
            others = _objects(noun, "prep", frozenset({"for", "of"}))
        else:
            others = _objects(noun, "prep", frozenset({"of"}))
        if not others:
            continue
        for named in _named_by(noun):
            for other in others:
                if relation == "causes":
                    yield LinkFrame("causedBy", other, named, "named", "cause")
                elif relation == "riskFactor":
                    yield LinkFrame("hasRiskFactor", other, named, "named", "cause")
                elif relation == "causedBy":
                    yield LinkFrame(relation, named, other, "named", "cause")
                else:
                    yield LinkFrame(relation, named, other, "named", "named")


def _named_by(noun: Token) -> list[Token]:
    """What a relation noun is said of: the subject of 'is (one of the ...) N', the noun it
    stands beside ("X, a complication of Y"), or what 'N of Y include'."""
    token = noun
    if token.dep_ == "pobj" and token.head.lower_ in ("of", "among", "amongst"):
        token = token.head.head  # "one of the symptoms", "among the complications"
        if token.lemma_ == "be":
            return [c for c in token.children if c.dep_ in SUBJECTS]
    if token.dep_ in ("attr", "acomp") and token.head.lemma_ == "be":
        return [c for c in token.head.children if c.dep_ in SUBJECTS]
    if token.dep_ == "appos":
        return [token.head]
    if token.dep_ == "nsubj" and token.head.lemma_ in condition_words().member_verbs:
        return [c for c in token.head.children if c.dep_ in ("dobj", "attr")]
    return []


def _risks(doc: Doc) -> Iterator[LinkFrame]:
    """'Y increases the risk of X' (also 'which increases your risk of X')."""
    words = condition_words()
    for verb in doc:
        if verb.lemma_.lower() not in words.risk_verbs or verb.pos_ not in VERBS:
            continue
        for risk in (c for c in verb.children if c.dep_ == "dobj"):
            if risk.lemma_.lower() not in words.risk_nouns:
                continue
            cause = cause_of(verb)
            if cause is None:
                continue
            for condition in _objects(risk, "prep", frozenset({"of", "for"})):
                yield LinkFrame("hasRiskFactor", condition, cause, "named", "cause")


# how common ---------------------------------------------------------------------------------
def _common(doc: Doc) -> Iterator[LinkFrame]:
    words = condition_words()
    for word in doc:
        lemma = word.lemma_.lower()
        if lemma in words.common_words and word.pos_ == "ADJ":
            yield from _common_adjective(word, words)
        elif word.lower_ in words.commonly_words and word.head.lemma_ in words.seen_verbs:
            verb = word.head
            for population in _populations(verb, words):
                for condition in (c for c in verb.children if c.dep_ in SUBJECTS):
                    yield LinkFrame("commonIn", condition, population, related_role="population")


def _common_adjective(word: Token, words: ConditionWords) -> Iterator[LinkFrame]:
    """'X is (very) common in Y'; 'X is among the most common problems experienced by Y';
    'X is a common problem in Y'; 'Common in A and B' under a heading that names X."""
    if word.dep_ == "acomp" and word.head.lemma_ == "be":
        copula = word.head
        populations = _populations(word, words) or _populations(copula, words)
        conditions: list[Token | None] = [c for c in copula.children if c.dep_ in SUBJECTS]
    elif word.dep_ == "amod":
        noun = word.head
        populations = _populations(noun, words) + [
            p for acl in noun.children if acl.dep_ == "acl" for p in _populations(acl, words)
        ]
        conditions = list(_named_by(noun))
    elif word.dep_ == "ROOT" and not any(c.dep_ in SUBJECTS for c in word.children):
        populations = _populations(word, words)
        conditions = [None]
    else:
        return
    for condition in conditions:
        for population in populations:
            yield LinkFrame("commonIn", condition, population, related_role="population")


def _populations(head: Token, words: ConditionWords) -> list[Token]:
    """'in Y', 'among Y', 'during Y', and the agent of 'experienced by Y'."""
    found = _objects(head, "prep", words.population_prepositions)
    found += _objects(head, "agent", frozenset({"by"}))
    return found


# association --------------------------------------------------------------------------------
def _associated(doc: Doc) -> Iterator[LinkFrame]:
    words = condition_words()
    for verb in doc:
        particles = words.associated_verbs.get(verb.lemma_.lower())
        if particles is None or verb.tag_ != "VBN":
            continue
        for other in _objects(verb, "prep", particles):
            for condition in _described(verb):
                yield LinkFrame("associatedWith", condition, other)


# shared -------------------------------------------------------------------------------------
def _objects(head: Token, arc: str, words: frozenset[str]) -> list[Token]:
    """The objects of the head's prepositions in ``words`` (any object when ``arc`` is '')."""
    if not arc:
        return [c for c in head.children if c.dep_ in ("pobj", "pcomp", "dobj")]
    found: list[Token] = []
    for child in head.children:
        if child.dep_ == arc and (not words or child.lower_ in words):
            found.extend(c for c in child.children if c.dep_ in ("pobj", "pcomp"))
    return found
