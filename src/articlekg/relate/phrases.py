"""Entities named by the parse: a head noun becomes a phrase in the article's words, and the
phrase an entity (the lexicon concept it names, or an entity of its own).

A phrase is the head noun with the modifiers to its left (compounds, adjectives, hyphenated
parts, "anxiety and/or" before "depression"), trimmed of determiners, possessive pronouns,
numbers and evaluative words ("significant", "greater"). A measure noun hands over to what
it measures: "the severity of dyspnea" names dyspnea, "symptoms of depression and anxiety"
names both. Coordinated heads ("pain, mood and sleep") are one phrase each. A lexicon term
that covers the head gives the entity its identity; otherwise the entity is the phrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from articlekg.document import Span
from articlekg.facts import EntityRef, normal_label
from articlekg.recognise import Mention
from articlekg.relate.frames import effect_rules
from articlekg.relate.view import ArticleView, clean_label

if TYPE_CHECKING:
    from spacy.tokens import Token

LEFT_MODIFIERS = frozenset({"compound", "amod", "nmod", "npadvmod", "poss", "cc", "conj", "punct"})
"""Arcs of a head's left subtree that stay in its phrase (a hyphen is punct)."""
DROP_AT_LEFT = frozenset({"det", "predet", "nummod", "quantmod", "case", "punct", "cc", "prep"})
NOUNS = frozenset({"NOUN", "PROPN"})
MAX_WORDS = 6
OF = frozenset({"of"})


@dataclass(frozen=True)
class Phrase:
    span: Span
    """The phrase as the article words it (evidence for the entity)."""
    ref: EntityRef
    head: int
    """Token index of the head noun in its sentence."""


def coordinated(head: Token) -> list[Token]:
    """The head and the heads coordinated with it after it ("pain, mood and sleep")."""
    return [head, *sorted((c for c in head.conjuncts if c.i > head.i), key=lambda t: t.i)]


def phrases(
    view: ArticleView, index: int, head: Token, categories: tuple[str, ...] = ()
) -> list[Phrase]:
    """Every entity a noun and its coordinated nouns name, left to right."""
    found: list[Phrase] = []
    covered: set[int] = set()
    for noun in coordinated(head):
        if noun.i in covered:
            continue
        for phrase in _phrases_of(view, index, noun, categories):
            covered.update(t.i for t in view.parsed.tokens_within(index, phrase.span))
            found.append(phrase)
    return found


def _phrases_of(
    view: ArticleView, index: int, head: Token, categories: tuple[str, ...]
) -> list[Phrase]:
    rules = effect_rules()
    measured = _measured(head)
    if head.lemma_.lower() in rules.measure_heads and measured is not None:
        inner = phrases(view, index, measured, categories)
        if inner:
            return inner
    phrase = phrase_of(view, index, head, categories)
    return [phrase] if phrase is not None else []


def _measured(head: Token) -> Token | None:
    """'severity of X': X."""
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in OF:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def phrase_of(
    view: ArticleView, index: int, head: Token, categories: tuple[str, ...] = ()
) -> Phrase | None:
    """The entity one head noun names, or None when it names nothing ("them", "benefits")."""
    rules = effect_rules()
    if not (head.pos_ in NOUNS or head.tag_ == "VBG"):
        return None  # a gerund may name an outcome ("bruising"); other verbs and adjectives not
    tokens = [*_left_part(head), head]
    while (
        tokens
        and (
            tokens[0].dep_ in DROP_AT_LEFT
            or tokens[0].lower_ in rules.phrase_stop_modifiers
            or (tokens[0].pos_ == "PRON")
            or tokens[0].like_num
        )
        and tokens[0] is not head
    ):
        tokens = tokens[1:]
    span = view.parsed.span_of_tokens(index, head.doc[tokens[0].i : head.i + 1])
    alias = view.aliases.get(normal_label(view.text[span.start : span.end]))
    if alias is not None:
        return Phrase(span, alias, head.i)
    mention = _mention_for(view, index, span, view.parsed.span_of(index, head), categories)
    if mention is not None:
        # The article's wording, if longer than the lexicon term, stays as its evidence.
        return Phrase(
            Span(min(span.start, mention.span.start), max(span.end, mention.span.end)),
            view.ref(mention),
            head.i,
        )
    abbreviation = view.recognised.long_form(view.text[span.start : span.end])
    if abbreviation is not None:
        return Phrase(span, abbreviation, head.i)
    label = clean_label(view.text[span.start : span.end])
    if (
        not label
        or head.lemma_.lower() in rules.outcome_stopwords
        or head.lower_ in rules.outcome_stopwords
        or len(label.split()) > MAX_WORDS
        or not re.search(r"[A-Za-z]{2}", label)
    ):
        return None
    return Phrase(span, view.ref_for_span(span), head.i)


def _left_part(head: Token) -> list[Token]:
    """The head's left modifiers, contiguous up to the head."""
    kept: list[Token] = []
    for child in head.lefts:
        if child.dep_ in LEFT_MODIFIERS or child.dep_ in DROP_AT_LEFT:
            kept.extend(child.subtree)
        else:
            kept = []  # a relative or prepositional part before the head breaks the phrase
    kept = [t for t in kept if t.i < head.i]
    # Only the contiguous run ending at the head belongs to it.
    run: list[Token] = []
    for token in reversed(kept):
        if run and token.i != run[0].i - 1:
            break
        if not run and token.i != head.i - 1:
            break
        run.insert(0, token)
    return run


def _mention_for(
    view: ArticleView, index: int, span: Span, head: Span, categories: tuple[str, ...]
) -> Mention | None:
    """The lexicon term covering the head: the longest, preferring the wanted categories."""
    candidates = [
        m
        for m in view.mentions(index, *categories)
        if m.span.start <= head.start and head.end <= m.span.end and m.span.start >= span.start
    ] or [
        m
        for m in view.mentions(index, *categories)
        if m.span.start <= head.start and head.end <= m.span.end
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda m: (m.span.end - m.span.start, -m.span.start))
