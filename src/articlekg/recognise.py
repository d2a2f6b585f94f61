"""The recognise stage: lexicon concepts mentioned in each sentence, and numbers.

Longest match wins ("metastatic bone pain" over "bone pain" over "pain"). Coordinations
share their head: in "breast, prostate, and lung cancers" the lexicon knows "lung cancer",
so "breast" and "prostate" are read as "breast cancer" and "prostate cancer" when the
lexicon knows those too; "... cancers including breast, lung, and gastrointestinal types"
takes its head from the noun before "including".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from articlekg.abbreviations import find_definitions
from articlekg.document import Document, Span
from articlekg.facts import EntityRef
from articlekg.lexicon import Lexicon, fold, tokens
from articlekg.quantities import Quantity, find_quantities
from articlekg.segment import Sentence

GENERIC_HEADS = frozenset({"type", "types", "kind", "kinds", "form", "forms", "site", "sites"})
CONJUNCTIONS = frozenset({"and", "or", "&"})


@dataclass(frozen=True)
class Mention:
    span: Span
    concept: str
    category: str
    sentence: int
    expanded: bool = False
    """True when the mention was read from a coordination ("breast" in "breast and lung cancer")."""


@dataclass(frozen=True)
class Abbreviation:
    short: str
    long_form: EntityRef
    """The lexicon concept the long form names, or the long form as written."""
    category: str | None
    """The concept's category; None for a long form the lexicon does not know."""
    definition: Span
    """Where the article spells the long form out."""


@dataclass(frozen=True)
class Recognised:
    mentions: list[Mention]
    quantities: dict[int, list[Quantity]]
    """Quantities per sentence index."""
    abbreviations: dict[str, Abbreviation] = field(default_factory=dict)
    """Short forms the article defines ("tai chi chuan (TCC)"), by the short form."""

    def long_form(self, text: str) -> EntityRef | None:
        found = self.abbreviations.get(text.strip())
        return found.long_form if found is not None else None

    def in_sentence(self, index: int) -> list[Mention]:
        return [m for m in self.mentions if m.sentence == index]


def _match_at(lexicon: Lexicon, toks: list[tuple[str, int, int]], i: int) -> tuple[int, str] | None:
    for length in range(min(lexicon.longest, len(toks) - i), 0, -1):
        window = toks[i : i + length]
        exact = lexicon.exact.get(tuple(t for t, _, _ in window))
        if exact is not None:
            return length, exact
        plural = lexicon.plural.get(tuple(t.lower() for t, _, _ in window))
        if plural is not None:
            return length, plural
        # Lower-case-only labels never match a word written in capitals as an acronym.
        if length == 1 and window[0][0].isupper() and len(window[0][0]) > 1:
            continue
        folded = lexicon.folded.get(tuple(fold(t) for t, _, _ in window))
        if folded is not None:
            return length, folded
    return None


def _expanded(
    lexicon: Lexicon, token: tuple[str, int, int], iri: str, offset: int, sentence: int
) -> Mention:
    """A modifier read with a coordination's head: "breast" in "breast and lung cancer"."""
    return Mention(
        Span(offset + token[1], offset + token[2]),
        iri,
        lexicon.concepts[iri].category,
        sentence,
        expanded=True,
    )


def _expand_coordination(
    lexicon: Lexicon,
    toks: list[tuple[str, int, int]],
    head_index: int,
    label_len: int,
    offset: int,
    sentence: int,
) -> list[Mention]:
    """Modifiers coordinated before a matched multi-word label, read with its head.

    Only a coordination counts: the word right before the label must be "and"/"or".
    """
    if head_index == 0 or toks[head_index - 1][0].lower() not in CONJUNCTIONS:
        return []
    head = tuple(fold(t) for t, _, _ in toks[head_index + 1 : head_index + label_len])
    found: list[Mention] = []
    for j in range(head_index - 1, -1, -1):
        word = toks[j][0]
        if word.lower() in CONJUNCTIONS:
            continue
        iri = lexicon.folded.get((fold(word), *head))
        if iri is None:
            break
        found.append(_expanded(lexicon, toks[j], iri, offset, sentence))
    return found


def _generic_head_coordination(
    lexicon: Lexicon,
    toks: list[tuple[str, int, int]],
    offset: int,
    sentence: int,
) -> list[Mention]:
    """'cancers including breast, lung, and gastrointestinal types' -> three cancers."""
    found: list[Mention] = []
    folded: list[str] | None = None
    for k, (word, _, _) in enumerate(toks):
        if word.lower() not in GENERIC_HEADS or k < 2:
            continue
        modifiers: list[int] = []
        j = k - 1
        while j >= 0 and (toks[j][0].lower() in CONJUNCTIONS or toks[j][0].isalpha()):
            if toks[j][0].lower() not in CONJUNCTIONS:
                modifiers.append(j)
            j -= 1
            if len(modifiers) > 6:
                break
        if folded is None:
            folded = [fold(t) for t, _, _ in toks]
        heads = folded[:k]
        for head in reversed(heads):
            hits = [m for m in modifiers if (fold(toks[m][0]), head) in lexicon.folded]
            if len(hits) >= 2:
                for m in sorted(hits):
                    iri = lexicon.folded[(fold(toks[m][0]), head)]
                    found.append(_expanded(lexicon, toks[m], iri, offset, sentence))
                break
    return found


def mentions_in(
    lexicon: Lexicon, document: Document, sentence: Sentence, index: int
) -> list[Mention]:
    text = document.slice(sentence.span)
    offset = sentence.span.start
    toks = tokens(text)
    mentions: list[Mention] = []
    i = 0
    while i < len(toks):
        match = _match_at(lexicon, toks, i)
        if match is None:
            i += 1
            continue
        length, iri = match
        span = Span(offset + toks[i][1], offset + toks[i + length - 1][2])
        mentions.append(Mention(span, iri, lexicon.concepts[iri].category, index))
        if length >= 2:
            mentions.extend(_expand_coordination(lexicon, toks, i, length, offset, index))
        i += length
    mentions.extend(_generic_head_coordination(lexicon, toks, offset, index))
    unique = {(m.span, m.concept): m for m in mentions}
    return sorted(unique.values(), key=lambda m: (m.span.start, m.span.end, m.concept))


def recognise(document: Document, sentences: list[Sentence], lexicon: Lexicon) -> Recognised:
    mentions: list[Mention] = []
    quantities: dict[int, list[Quantity]] = {}
    for index, sentence in enumerate(sentences):
        mentions.extend(mentions_in(lexicon, document, sentence, index))
        quantities[index] = find_quantities(document.text, sentence.span.start, sentence.span.end)
    abbreviations = defined_abbreviations(document, sentences, lexicon, mentions)
    mentions.extend(abbreviation_mentions(document, sentences, abbreviations, mentions))
    mentions.sort(key=lambda m: (m.sentence, m.span.start, m.span.end, m.concept))
    return Recognised(mentions=mentions, quantities=quantities, abbreviations=abbreviations)


def defined_abbreviations(
    document: Document, sentences: list[Sentence], lexicon: Lexicon, mentions: list[Mention]
) -> dict[str, Abbreviation]:
    """Each short form the article defines, with what its long form names (first wins)."""
    found: dict[str, Abbreviation] = {}
    for sentence in sentences:
        for definition in find_definitions(document.text, sentence.span.start, sentence.span.end):
            if definition.short in found:
                continue
            long_text = " ".join(document.slice(definition.long_span).split())
            concept = lexicon.lookup(long_text)
            if concept is None:
                # A lexicon term that ends the long form and covers most of it.
                ending = [
                    m
                    for m in mentions
                    if m.span.end == definition.long_span.end
                    and definition.long_span.contains(m.span)
                    and (m.span.end - m.span.start) * 2 > len(long_text)
                ]
                if ending:
                    concept = lexicon.concepts[
                        max(ending, key=lambda m: m.span.end - m.span.start).concept
                    ]
            ref = (
                EntityRef(concept.pref_label, concept.iri)
                if concept is not None
                else EntityRef(long_text)
            )
            category = concept.category if concept is not None else None
            found[definition.short] = Abbreviation(
                definition.short, ref, category, definition.long_span
            )
    return found


def abbreviation_mentions(
    document: Document,
    sentences: list[Sentence],
    abbreviations: dict[str, Abbreviation],
    known: list[Mention],
) -> list[Mention]:
    """Uses of a defined short form whose long form is a lexicon concept, as its mentions."""
    taken = {m.span for m in known}
    found: list[Mention] = []
    for short, abbreviation in sorted(abbreviations.items()):
        concept = abbreviation.long_form.concept
        if concept is None or abbreviation.category is None:
            continue
        pattern = re.compile(rf"(?<![\w-]){re.escape(short)}(?![\w-])")
        for index, sentence in enumerate(sentences):
            for match in pattern.finditer(document.text, sentence.span.start, sentence.span.end):
                span = Span(match.start(), match.end())
                if span not in taken:
                    found.append(Mention(span, concept, abbreviation.category, index))
    return found
