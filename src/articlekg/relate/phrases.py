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
from articlekg.relate.coordination import (
    NOUNS,
    abbreviation,
    clause_misread,
    coordinated,
    coordinated_modifier,
    effect_word,
    examples,
)
from articlekg.relate.frames import effect_rules, gerund_misread, misread_verb
from articlekg.relate.view import ArticleView, clean_label
from articlekg.relate.words import role_words

if TYPE_CHECKING:
    from spacy.tokens import Token

LEFT_MODIFIERS = frozenset({"compound", "amod", "nmod", "npadvmod", "poss", "cc", "conj", "punct"})
"""Arcs of a head's left subtree that stay in its phrase (a hyphen is punct)."""
DROP_AT_LEFT = frozenset({"det", "predet", "nummod", "quantmod", "case", "punct", "cc", "prep"})
MAX_WORDS = 6
BRACKETS = frozenset({"(", ")", "[", "]"})
OF = frozenset({"of"})


@dataclass(frozen=True)
class Phrase:
    span: Span
    """The phrase as the article words it (evidence for the entity)."""
    ref: EntityRef
    head: int
    """Token index of the head noun in its sentence."""


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
    if head.lemma_.lower() in rules.measure_heads:
        inner = _measured_phrases(view, index, head, categories)
        if inner:
            return inner
    phrase = phrase_of(view, index, head, categories)
    own = [phrase] if phrase is not None else []
    if phrase is not None:
        own = _distributed(view, index, head, phrase) or own
    return own + [p for e in examples(head) for p in phrases(view, index, e, categories)]


def _distributed(view: ArticleView, index: int, head: Token, phrase: Phrase) -> list[Phrase]:
    """'stimulated or unstimulated saliva': one outcome per coordinated adjective, each
    named with the words they share."""
    for modifier in head.lefts:
        if modifier.dep_ != "amod":
            continue
        alternatives = [modifier, *(c for c in modifier.conjuncts if c.i > modifier.i)]
        if len(alternatives) < 2 or not any(c.dep_ == "cc" for c in modifier.children):
            continue
        shared_start = view.parsed.span_of(index, alternatives[-1]).end
        shared = view.text[shared_start : view.parsed.span_of(index, head).end].strip()
        found = []
        for alternative in alternatives:
            label = f"{alternative.text} {shared}"
            concept = view.lexicon.lookup(label)
            ref = EntityRef(concept.pref_label, concept.iri) if concept else EntityRef(label)
            found.append(Phrase(phrase.span, ref, head.i))
        return found
    return []


def _measured_phrases(
    view: ArticleView, index: int, head: Token, categories: tuple[str, ...]
) -> list[Phrase]:
    """'the frequency of headaches' names headaches, 'KPS and PSQI scores' the two scales;
    the first keeps the whole wording as its evidence (so also as one of its labels)."""
    measured = _measured(head)
    if measured is not None:
        inner = phrases(view, index, measured, categories)
    else:
        compounds = [c for c in head.lefts if c.dep_ == "compound"]
        inner = []
        for compound in compounds[:1]:
            inner = [
                p
                for noun in coordinated(compound)
                if (p := phrase_of(view, index, noun, categories)) is not None
            ]
    if not inner:
        return []
    start = view.parsed.span_of(index, _trimmed(head)[0]).start
    first = inner[0]
    if measured is not None and _a_therapy(view, first.ref):
        # "the use of rescue medication" is an outcome; the medication is not.
        span = Span(start, max(p.span.end for p in inner))
        return [Phrase(span, view.ref_for_span(span), head.i)]
    if start < first.span.start:
        inner[0] = Phrase(
            Span(start, max(first.span.end, view.parsed.span_of(index, head).end)),
            first.ref,
            first.head,
        )
    return inner


def _a_therapy(view: ArticleView, ref: EntityRef) -> bool:
    concept = ref.concept
    return concept is not None and view.lexicon.concepts[concept].category == "Intervention"


def _measured(head: Token) -> Token | None:
    """'severity of X': X; 'the proportion of patients with X': X."""
    people = role_words().people
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in OF:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if not objects:
                continue
            measured = objects[0]
            if measured.lemma_.lower() in people:
                # "with X" on the people, or on the head where the parser hangs it
                having = [
                    c
                    for p in (*measured.children, *head.rights)
                    if p.dep_ == "prep" and p.lower_ == "with"
                    for c in p.children
                    if c.dep_ == "pobj"
                ]
                return having[0] if having else None
            return measured
    return None


def in_brackets(token: Token) -> bool:
    depth = 0
    for before in token.doc[: token.i]:
        if before.text in ("(", "["):
            depth += 1
        elif before.text in (")", "]") and depth:
            depth -= 1
    return depth > 0


def _trimmed(head: Token) -> list[Token]:
    """The head's phrase without determiners, pronouns, numbers and evaluative words."""
    rules = effect_rules()
    tokens = [*_left_part(head), head]
    while (
        tokens
        and (
            tokens[0].dep_ in DROP_AT_LEFT
            or tokens[0].lower_ in rules.phrase_stop_modifiers
            or (tokens[0].pos_ == "PRON")
            or tokens[0].like_num
        )
        and tokens[0] != head
    ):
        tokens = tokens[1:]
    return tokens


def phrase_of(
    view: ArticleView,
    index: int,
    head: Token,
    categories: tuple[str, ...] = (),
    any_word: bool = False,
) -> Phrase | None:
    """The entity one head noun names, or None when it names nothing ("them", "benefits").

    A lexicon term (or a defined abbreviation) that covers the head gives the phrase its
    identity unless the phrase adds words that make it another thing: "your daily pain" is
    pain, "fake acupuncture" and "cold water therapy" are things of their own.
    """
    rules = effect_rules()
    if not (head.pos_ in NOUNS or head.tag_ == "VBG" or any_word or abbreviation(head)):
        # A gerund may name an outcome ("bruising"); other verbs and adjectives not, unless
        # the role says it is a name the tagger misread ("such as rosemary").
        return None
    if (
        in_brackets(head)
        and view.recognised.long_form(head.text) is None
        and not _mention_for(
            view, index, view.parsed.span_of(index, head), view.parsed.span_of(index, head), ()
        )
    ):
        return None  # "(AK-yoo-PREH-sher)", "(see Figure 2)": an aside names nothing new
    tokens = _trimmed(head)
    span = view.parsed.span_of_tokens(index, head.doc[tokens[0].i : head.i + 1])
    wording = view.text[span.start : span.end]
    alias = view.aliases.get(normal_label(wording))
    if alias is not None:
        return Phrase(span, alias, head.i)
    head_span = view.parsed.span_of(index, head)
    # A modifier's lexicon term may not swallow the noun it modifies ("pain" in "pain
    # relief" is pain, whatever the lexicon says of "pain relief").
    limit = (
        view.parsed.span_of(index, head.head).start
        if head.dep_ in ("compound", "amod", "nmod")
        and head.head.i > head.i
        and effect_word(head.head)
        else None
    )
    mention = _mention_for(view, index, span, head_span, categories, limit)
    known: tuple[EntityRef, Span] | None = None
    if mention is None and head.lemma_.lower() in rules.generic_heads and head.i > 0:
        # "a massage therapy approach", "the yoga programme": the term before the word.
        before = view.parsed.span_of(index, head.doc[head.i - 1])
        mention = _mention_for(view, index, span, before, categories)
        if mention is not None and mention.span.end != before.end:
            mention = None
        if mention is not None:
            known = (view.ref(mention), Span(mention.span.start, head_span.end))
    if mention is not None and known is None:
        known = (view.ref(mention), mention.span)
    elif (long_form := view.recognised.long_form(head.text)) is not None:
        known = (long_form, head_span)
    if known is not None:
        ref, covered = known
        extra = [t for t in tokens if not covered.contains(view.parsed.span_of(index, t))]
        whole = Span(min(span.start, covered.start), max(span.end, covered.end))
        if all(_non_identity(t) for t in extra):
            # The article's wording, if longer than the lexicon term, stays as its evidence.
            return Phrase(whole, ref, head.i)
        # "disease-specific quality of life": the term's words after its head stay in the name
        return Phrase(whole, EntityRef(clean_label(view.text[whole.start : whole.end])), head.i)
    label = clean_label(wording)
    # A generic word names nothing alone ("symptoms", "therapy"); with words of its own
    # it may ("painful conditions", "mental health", "cold plunge therapy").
    bare = all(_non_identity(t) for t in tokens if t != head)
    generic = (
        head.lemma_.lower() in rules.outcome_stopwords or head.lower_ in rules.outcome_stopwords
    )
    if (
        not label
        or (bare and generic)
        or len(label.split()) > MAX_WORDS
        or not re.search(r"[A-Za-z]{2}", label)
    ):
        return None
    # "daily cold plunges" names what "cold plunges" names; the span keeps the wording
    named = tokens
    while len(named) > 1 and named[0] != head and _non_identity(named[0]):
        named = named[1:]
    if named is not tokens:
        core = view.parsed.span_of_tokens(index, head.doc[named[0].i : head.i + 1])
        return Phrase(span, view.ref_for_span(core), head.i)
    return Phrase(span, view.ref_for_span(span), head.i)


def _non_identity(token: Token) -> bool:
    """A word that leaves a lexicon term what it is: degree, frequency, time, numbers, and
    whose it is ("patient quality of life")."""
    rules = effect_rules()
    parts = [p for p in token.lower_.split("-") if p]
    return (
        token.is_punct
        or token.lemma_.lower() in role_words().people
        or token.like_num
        or token.lower_ in rules.non_identity_modifiers
        or (bool(parts) and all(p in rules.non_identity_modifiers or p.isdigit() for p in parts))
    )


def _left_part(head: Token) -> list[Token]:
    """The head's left modifiers, contiguous up to the head."""
    kept: list[Token] = []
    people = role_words().people
    for child in head.lefts:
        if child.dep_ == "poss" and child.lemma_.lower() in people:
            kept = []  # "cancer patients' anxiety": whose it is, not what it is
        elif clause_misread(child) or coordinated_modifier(child):
            kept = []  # "yoga significantly reduced fatigue" read as one noun phrase
        elif child.dep_ in LEFT_MODIFIERS or child.dep_ in DROP_AT_LEFT:
            kept.extend(child.subtree)
        else:
            kept = []  # a relative or prepositional part before the head breaks the phrase
    kept = [t for t in kept if t.i < head.i]
    # Only the contiguous run ending at the head belongs to it, and nothing up to a verb
    # the parser took for a noun ("Acupuncture stimulates endorphin release").
    run: list[Token] = []
    for token in reversed(kept):
        if run and token.i != run[0].i - 1:
            break
        if not run and token.i != head.i - 1:
            break
        if misread_verb(token) or gerund_misread(token) or token.text in BRACKETS:
            break
        run.insert(0, token)
    return run


def _mention_for(
    view: ArticleView,
    index: int,
    span: Span,
    head: Span,
    categories: tuple[str, ...],
    limit: int | None = None,
) -> Mention | None:
    """The lexicon term covering the head: the longest, preferring the wanted categories."""
    covering = [
        m
        for m in view.mentions(index, *categories)
        if m.span.start <= head.start
        and head.end <= m.span.end
        and (limit is None or m.span.end <= limit)
    ]
    candidates = [m for m in covering if m.span.start >= span.start] or covering
    if not candidates:
        return None
    return max(candidates, key=lambda m: (m.span.end - m.span.start, -m.span.start))


STATISTIC_ASIDE = re.compile(r"\((?=[^()]*(?:=|<|>|\bp\b|\bCI\b|%))[^()]*\)", re.I)
LIST_SEPARATOR = re.compile(r"\s*(?:,|;|\band\b|\bor\b)\s*", re.I)
ITEM_LEAD = re.compile(r"^(?:(?:in|of|on|for|the|a|an|their|its)\s+)+", re.I)
MAX_ITEM_WORDS = 9


def listed_with_statistics(view: ArticleView, index: int, phrase: Phrase) -> list[Phrase]:
    """'X (OR = 2.0, P = 0.03) Y (OR = 1.7, P = 0.05), Z (...) and in W (...)': outcomes
    listed with a statistic after each, which the parser cannot follow. Read from the
    text: the items between the asides, after the first outcome."""
    sentence = view.sentences[index].span
    text = view.text
    first = STATISTIC_ASIDE.match(
        text,
        phrase.span.end + (1 if text[phrase.span.end : phrase.span.end + 1] == " " else 0),
        sentence.end,
    )
    if first is None:
        return []
    found: list[Phrase] = []
    position = first.end()
    for aside in STATISTIC_ASIDE.finditer(text, position, sentence.end):
        piece = text[position : aside.start()]
        for item in LIST_SEPARATOR.split(piece):
            stripped = ITEM_LEAD.sub("", item.strip())
            if not stripped or len(stripped.split()) > MAX_ITEM_WORDS or not stripped[0].isalpha():
                continue
            start = text.index(stripped, position)
            span = Span(start, start + len(stripped))
            found.append(Phrase(span, view.ref_for_span(span), phrase.head))
        position = aside.end()
    return found
