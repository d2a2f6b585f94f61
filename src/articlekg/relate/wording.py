"""Noun phrases as the arm, measure and context rules read them, and the word tables they use.

The word tables (control-arm words, place-of-care nouns, aim verbs, ...) are data in
``ontology/rules/*.json`` beside the lexicon; this module loads them and gives the rules one
way to cut a phrase out of a parsed sentence and to label it with the article's own words.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

from articlekg.document import Span
from articlekg.facts import EntityRef
from articlekg.lexicon import fold, tokens
from articlekg.relate.view import ArticleView, masked
from articlekg.resources import ontology_dir
from articlekg.sections import WILDCARD, slot_table

if TYPE_CHECKING:
    from spacy.tokens import Token


@cache
def rule_table(name: str) -> dict[str, Any]:
    """``ontology/rules/<name>.json``: word lists a relate rule reads."""
    path = ontology_dir() / "rules" / f"{name}.json"
    table: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return table


def words_pattern(words: Iterable[str]) -> str:
    """A regex alternation of phrases, longest first, any whitespace or hyphen between words."""
    parts = sorted({w.strip().lower() for w in words if w.strip()}, key=len, reverse=True)
    return "|".join(r"[\s-]+".join(re.escape(p) for p in re.split(r"[\s-]+", w)) for w in parts)


@cache
def phrase_regex(table: str, key: str) -> re.Pattern[str]:
    """Whole-word match of any phrase listed under ``key`` in a rule table."""
    return re.compile(rf"\b(?:{words_pattern(rule_table(table)[key])})\b", re.I)


# A determiner, quantifier or number before a noun phrase is not part of its name.
LEADING = re.compile(
    r"^(?:(?:the|a|an|this|that|these|those|their|its|his|her|our|your|some|many|several|"
    r"all|each|both|any|most|various|other|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|\d+(?:\.\d+)?(?!\s+[a-z]+\s+of\b))\s+)+",
    re.I,
)
# (a number before "<unit> of" stays: "1 gram of ginger" is a dose, not one of something)
# A time point after a measured thing is when, not what: "the BFI score at 24 weeks".
TIME_POINT = re.compile(
    r"\s+(?:at|after|before|from|during|over|by|within|up to)\s+"
    r"(?:(?:the\s+)?(?:baseline|end of \w+|follow-up|\d+|one|two|three|four|five|six|eight|"
    r"ten|twelve)\b.*)$",
    re.I,
)
BRACKETS = re.compile(r"\s*[(\[][^()\[\]]*[)\]]")


def label_of(text: str) -> str:
    """A phrase as a label: no bracketed asides, leading determiners or trailing time point;
    a quoted word keeps its quotes ("‘fake’ acupuncture")."""
    while BRACKETS.search(text):
        text = BRACKETS.sub("", text)
    text = re.sub(r"\s+", " ", text).strip(" \t.,;:")
    text = TIME_POINT.sub("", text)
    text = LEADING.sub("", text) or text
    for closing, opening in QUOTES.items():
        if closing != opening and text.startswith(opening) and closing not in text:
            text = text[1:]
        if closing != opening and text.endswith(closing) and opening not in text:
            text = text[:-1]
    return text.strip(" \"'")


def phrase_ref(view: ArticleView, span: Span) -> EntityRef:
    """A phrase as an entity: the lexicon concept it names exactly, else the article's words
    as :func:`label_of` cleans them."""
    text = view.text[span.start : span.end]
    concept = view.lexicon.lookup(label_of(text))
    if concept is not None:
        return EntityRef(concept.pref_label, concept.iri)
    return EntityRef(label_of(text))


def trimmed_span(view: ArticleView, span: Span) -> Span:
    """``span`` without leading determiners/quantifiers and a trailing time point or bracket."""
    span = view.trimmed(span)
    text = view.text[span.start : span.end]
    lead = LEADING.match(text)
    start = span.start + (lead.end() if lead and lead.end() < len(text) else 0)
    inner = view.text[start : span.end]
    time = TIME_POINT.search(inner)
    end = start + time.start() if time else span.end
    # a bracketed aside at the end, nested or not: "use (morphine equivalents [mg/d])"
    visible = masked(view.text, start, end)
    original = view.text[start:end]
    last = len(visible.rstrip())
    if 0 < last < len(original.rstrip()) and original[last:].lstrip()[:1] in ("(", "["):
        end = start + last
    return _quoted(view, view.trimmed(Span(start, max(start + 1, end))))


QUOTES = {"’": "‘", "”": "“", "'": "'", '"': '"'}


def _quoted(view: ArticleView, span: Span) -> Span:
    """Keep the opening quote of a word the span quotes ("‘fake’ acupuncture")."""
    text = view.text[span.start : span.end]
    for closing, opening in QUOTES.items():
        unopened = text.count(closing) > text.count(opening) if closing != opening else False
        if unopened and span.start > 0 and view.text[span.start - 1] == opening:
            return Span(span.start - 1, span.end)
    return span


def shielded(view: ArticleView, start: int, end: int) -> str:
    """``view.text[start:end]`` with bracketed asides as underscores (same offsets), so
    that no separator or stop word is read inside them, and none across them either."""
    original = view.text[start:end]
    visible = masked(view.text, start, end)
    return "".join(v if v == o else "_" for v, o in zip(visible, original, strict=True))


NOUN_PARTS = frozenset({"compound", "amod", "nmod", "nummod", "poss", "npadvmod", "quantmod"})


def noun_phrase(view: ArticleView, index: int, head: Token, keep_of: bool = True) -> Span:
    """The words that name ``head``'s noun phrase: its modifiers, an "of" phrase after it
    ("level of anxiety"), never a relative clause, a bracketed aside or another preposition."""
    first, last = head.i, head.i
    for child in head.lefts:
        if child.dep_ in NOUN_PARTS or child.dep_ == "det":
            first = min(first, child.left_edge.i)
    if keep_of:
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ == "of" and child.i == last + 1:
                last = max(last, child.right_edge.i)
    doc = head.doc
    while first < head.i and doc[first].dep_ in ("punct", "cc"):
        first += 1
    span = view.parsed.span_of_tokens(index, doc[first : last + 1])
    return trimmed_span(view, span)


def only_section_words(heading: str) -> bool:
    """A heading made of section words only ("Setting", "Study Setting", "Design, Setting
    and Participants"), not one that merely contains one ("Massage in Clinical Settings")."""
    words = [fold(t) for t, _, _ in tokens(heading)]
    left = [True] * len(words)
    for phrase, _ in slot_table().phrases:
        size = len(phrase)
        if WILDCARD in phrase:
            continue
        for start in range(len(words) - size + 1):
            if tuple(words[start : start + size]) == phrase:
                left[start : start + size] = [False] * size
    rest = {w for w, keep in zip(words, left, strict=True) if keep}
    return rest <= set(rule_table("contexts")["heading_filler"])
