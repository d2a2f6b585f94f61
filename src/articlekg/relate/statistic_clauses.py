"""What a percentage counts, read from its clause.

When no condition is named beside a percentage, its clause says what it counts: the subject
of the verb it is the object of ("minor bruising or soreness at the needle site followed 4%
of sessions", "mild adverse effects can be expected in about 10% of all cases", "nausea
occurred in 12% of courses"), or, when the percentage is itself the subject, what that share
did ("90% were enrolled in hospice", "a third of them stopped treatment early"). Word lists:
``ontology/rules/statistics.json``.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from articlekg.document import Span
from articlekg.facts import EntityRef
from articlekg.quantities import Quantity
from articlekg.relate.cues import PEOPLE
from articlekg.relate.phrases import phrase_of
from articlekg.relate.view import ArticleView
from articlekg.relate.wording import rule_table

if TYPE_CHECKING:
    from spacy.tokens import Token

SUBJECTS = ("nsubj", "nsubjpass")
MAX_WORDS = 10


def clause_subject(view: ArticleView, index: int, quantity: Quantity) -> EntityRef | None:
    """The statistic's subject as its clause states it, or None."""
    token = view.parsed.token_at(index, quantity.end - 1)
    if token is None:
        return None
    while token.dep_ in ("nummod", "quantmod", "compound") and token.head != token:
        token = token.head
    verb = _governing_verb(token)
    if verb is None or _empty(verb):
        return None
    if token.dep_ in SUBJECTS:
        # a share of people did something; "30% of the budget" did nothing countable
        of = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"]
        whole = " ".join(t.text for t in of[0].subtree) if of else ""
        if of and not re.search(rf"\b{PEOPLE}\b|\b(?:them|those|us)\b", whole, re.I):
            return None
        counted = _counted(verb)
        phrase = phrase_of(view, index, counted) if counted is not None else None
        if phrase is not None:
            return view.add(phrase.ref, "Condition", phrase.span)
        span = _predicate(view, index, verb)
    else:
        subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
        span = _phrase(view, index, subjects[0]) if subjects else None
    if span is None:
        return None
    text = view.text[span.start : span.end]
    if len(text.split()) > MAX_WORDS or re.search(rf"\b{PEOPLE}\b", text, re.I):
        return None
    return view.add_span(span, "Condition")


def _governing_verb(token: Token) -> Token | None:
    """The verb whose subject or object the quantity is (through one preposition)."""
    if token.dep_ in (*SUBJECTS, "dobj") and token.head.pos_ in ("VERB", "AUX"):
        return token.head
    if token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.head.pos_ == "VERB":
        return token.head.head
    return None


def _counted(verb: Token) -> Token | None:
    """What a share of people has: the object of a verb of having ("30% suffer from
    eczema", "a third develop a rash"), not the whole verb phrase."""
    lemma = verb.lemma_.lower()
    if not any(lemma == w or w.startswith(lemma + " ") for w in prevalence_verbs()):
        return None
    for child in verb.rights:
        if child.dep_ == "dobj":
            return child
        if child.dep_ == "prep":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


@cache
def prevalence_verbs() -> tuple[str, ...]:
    """Verbs that say a share of people has a condition (statistics.json)."""
    return tuple(rule_table("statistics")["prevalence_verbs"])


def _empty(verb: Token) -> bool:
    return verb.lemma_.lower() in set(rule_table("statistics")["empty_verbs"])


def _phrase(view: ArticleView, index: int, head: Token) -> Span | None:
    """A subject's words: its whole subtree ("minor bruising or soreness at the needle
    site"), unless its head says nothing countable ("the difference", "it")."""
    if head.lower_ in set(rule_table("statistics")["not_subjects"]) or head.pos_ == "PRON":
        return None
    doc = head.doc
    words = doc[head.left_edge.i : head.right_edge.i + 1]
    return view.trimmed(view.parsed.span_of_tokens(index, words))


def _predicate(view: ArticleView, index: int, verb: Token) -> Span | None:
    """What a share did: the verb with its particle, object or first prepositional phrase
    ("enrolled in hospice")."""
    doc = verb.doc
    last = verb.i
    for child in verb.rights:
        if child.dep_ in ("prt", "dobj", "prep", "acomp", "attr"):
            last = max(last, child.right_edge.i)
            break
    if last == verb.i:
        return None
    return view.trimmed(view.parsed.span_of_tokens(index, doc[verb.i : last + 1]))
