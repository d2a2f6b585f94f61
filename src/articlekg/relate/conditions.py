"""Links between conditions, read from the parse (:mod:`articlekg.relate.condition_frames`):
"bone metastases caused by various cancers including breast and lung cancer", "vomiting can
lead to dehydration", "X is among the most common problems experienced by cancer
survivors", "Common in breast, prostate, and lung cancers" under a heading that names X.

Each side of a frame is a noun of the parse and the nouns coordinated with it. A noun with
examples ("cancers including A and B", "conditions that include A, B and C") stands for
its examples; a general noun without any ("the condition", "this") names nothing, unless
the sentence says it again with examples ("conditions that cause X — conditions that
include A and B"). A noun becomes an entity through the lexicon, or as a phrase in the
article's words when it names a condition: its head is a condition word or ends like one,
or it is an example of a general condition noun. People ("cancer survivors", "breast
cancer patients") stand for the conditions they are named by, or are a population. A
therapy is never one side of a link between conditions; what causes a condition may be
something else ("pain originating from the nervous system"). A link that the sentence
denies ("X does not lead to Y") is none; ConText decides, as it does for effects. (Its
hypothetical scope is not used: "to see whether X improves in conditions that result in
Y" still says that those conditions result in Y.)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from articlekg.document import Span
from articlekg.facts import ConditionRelation, EntityRef
from articlekg.relate.condition_frames import (
    ConditionWords,
    LinkFrame,
    condition_words,
    find_links,
)
from articlekg.relate.coordination import coordinated
from articlekg.relate.phrases import phrase_of
from articlekg.relate.scope import scopes
from articlekg.relate.statistics import _subject_of_list
from articlekg.relate.view import ArticleView
from articlekg.relate.words import role_words

if TYPE_CHECKING:
    from spacy.tokens import Token

CONDITIONS = ("Condition", "Outcome")
NOUN_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "attr", "appos"})


@dataclass(frozen=True)
class Named:
    ref: EntityRef
    span: Span
    kind: str


def relate_conditions(view: ArticleView) -> None:
    # links already read from numbers ("40% of people with X have Y") are not stated twice
    stated: dict[tuple[str, str, str], ConditionRelation] = {
        (r.condition.key, r.relation, r.related.key): r for r in view.facts.condition_relations
    }
    for index, sentence in enumerate(view.sentences):
        doc = view.parsed.doc(index)
        frames = find_links(doc)
        denied = scopes(doc, [(f.related.i, f.related.i + 1) for f in frames])
        for frame, scope in zip(frames, denied, strict=True):
            if scope.negated:
                continue  # "X does not lead to Y", "X is not caused by Y"
            conditions = _condition_side(view, index, frame)
            related = named(view, index, frame.related, frame.related_role)
            for condition in conditions:
                for other in related:
                    key = (condition.ref.key, frame.relation, other.ref.key)
                    if condition.ref.key == other.ref.key:
                        continue
                    if key in stated:
                        if sentence.span not in stated[key].evidence:
                            stated[key].evidence.append(sentence.span)
                        continue
                    subject = view.add(condition.ref, condition.kind, condition.span)
                    target = view.add(other.ref, other.kind, other.span)
                    stated[key] = ConditionRelation(
                        subject, frame.relation, target, [sentence.span]
                    )
                    view.facts.condition_relations.append(stated[key])
    _common_in_populations(view, stated)


def _common_in_populations(
    view: ArticleView, stated: dict[tuple[str, str, str], ConditionRelation]
) -> None:
    """'40% of people with diabetes develop nerve pain', '70% of cancer patients report
    fatigue': a prevalence in a group named by a condition says the condition counted is
    common in that one."""
    for statistic in view.facts.statistics:
        if statistic.measure != "prevalence" or statistic.population is None:
            continue
        sentence = statistic.evidence[0]
        index = next(i for i, s in enumerate(view.sentences) if s.span == sentence)
        spans = view.facts.entities[statistic.population.key][2]
        for span in (s for s in spans if sentence.contains(s)):
            for token, role in _naming_conditions(view.parsed.tokens_within(index, span)):
                for other in named(view, index, token, role):
                    key = (statistic.subject.key, "commonIn", other.ref.key)
                    if other.kind != "Condition" or key[0] == key[2]:
                        continue
                    if key in stated:
                        if sentence not in stated[key].evidence:
                            stated[key].evidence.append(sentence)
                        continue
                    target = view.add(other.ref, other.kind, other.span)
                    stated[key] = ConditionRelation(
                        statistic.subject, "commonIn", target, [sentence]
                    )
                    view.facts.condition_relations.append(stated[key])


def _naming_conditions(tokens: Iterable[Token]) -> Iterator[tuple[Token, str]]:
    """In a group of people, the nouns that may name its condition: a compound before the
    people noun ("cancer patients": known conditions only) and what they are "with" (any
    noun but a therapy: the phrase says it is a condition)."""
    people = role_words().people
    for token in tokens:
        if token.lemma_.lower() not in people and token.lower_ not in people:
            continue
        for child in token.children:
            if child.dep_ == "compound":
                yield child, "condition"
            elif child.dep_ == "prep" and child.lower_ == "with":
                yield from ((o, "named") for o in child.children if o.dep_ == "pobj")


def _condition_side(view: ArticleView, index: int, frame: LinkFrame) -> list[Named]:
    if frame.condition is not None:
        return named(view, index, frame.condition, frame.condition_role)
    listed = _subject_of_list(view, index)
    if listed is None:
        return []
    heading = view.block_of(index).heading
    assert heading is not None  # a list has a subject only under a heading that names it
    return [Named(listed, view.document.blocks[heading].span, "Condition")]


def named(view: ArticleView, index: int, token: Token, role: str) -> list[Named]:
    """The entities a frame's noun names, as its ``role`` allows (see
    :class:`~articlekg.relate.condition_frames.LinkFrame`)."""
    found: list[Named] = []
    for head, listed in heads(token):
        for entity in _entities(view, index, head, listed, role):
            if all(entity.ref.key != f.ref.key for f in found):
                found.append(entity)
    return found


def heads(token: Token) -> list[tuple[Token, bool]]:
    """The nouns a frame's noun stands for, and whether each is an example of a general
    condition noun ("conditions that include A and B": A and B)."""
    words = condition_words()
    found: list[tuple[Token, bool]] = []
    for noun in coordinated(token):
        noun = _pointed(noun, words)
        members = _members(noun, words)
        if not members and _generic(noun, words):
            members = _restated(noun, words)
            if not members:
                continue
        if members:
            found.extend((m, True) for m in members)
        else:
            found.append((noun, False))
    return found


def _restated(noun: Token, words: ConditionWords) -> list[Token]:
    """'conditions that cause X — conditions that include A and B': the examples the
    sentence gives when it names the general noun again."""
    for again in noun.doc[noun.i + 1 :]:
        if again.lemma_ == noun.lemma_:
            members = _members(again, words)
            if members:
                return members
    return []


def _pointed(noun: Token, words: ConditionWords) -> Token:
    """'the source of the pain': the pain."""
    if noun.lemma_.lower() in words.pointer_heads:
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for inner in prep.children:
                    if inner.dep_ == "pobj":
                        return inner
    return noun


def _members(noun: Token, words: ConditionWords) -> list[Token]:
    """'X including A and B', 'X such as A', 'X that include A, B and C', 'X (A and B)'."""
    for child in noun.children:
        example = child.dep_ == "prep" and (
            child.lower_ in words.member_prepositions
            or (child.lower_ == "as" and any(c.lower_ == "such" for c in child.children))
        )
        if example:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return coordinated(objects[0])
        if child.dep_ == "relcl" and child.lemma_.lower() in words.member_verbs:
            objects = [c for c in child.children if c.dep_ in ("dobj", "attr")]
            if objects:
                return coordinated(objects[0])
        if child.dep_ == "appos" and _generic(noun, words):
            return coordinated(child)
    return []


def _generic(noun: Token, words: ConditionWords) -> bool:
    """'conditions', 'these problems', 'it': no condition by itself ('sleep problems' is)."""
    return (
        noun.lemma_.lower() in words.generic_heads or noun.lower_ in words.generic_heads
    ) and not any(c.dep_ in ("compound", "nmod") for c in noun.children)


def _entities(view: ArticleView, index: int, head: Token, listed: bool, role: str) -> list[Named]:
    doc = head.doc
    span = view.parsed.span_of_tokens(index, doc[head.left_edge.i : head.i + 1])
    people = head.lemma_.lower() in role_words().people or head.lower_ in role_words().people
    known = [
        m
        for m in view.mentions_between(index, span.start, span.end)
        if not any(
            o is not m and o.span.contains(m.span) and o.span != m.span
            for o in view.mentions(index)
        )
    ]
    if any(m.category == "Intervention" and m.span.end >= span.end for m in known):
        return []  # "the chemotherapy", "acupuncture sessions"
    conditions = [m for m in known if m.category in CONDITIONS]
    if people:
        # "cancer survivors", "breast cancer patients": the conditions they are named by
        if conditions:
            return [Named(view.ref(m), m.span, "Condition") for m in conditions]
        if role != "population":
            return []
        phrase = phrase_of(view, index, head)
        return [Named(phrase.ref, phrase.span, "Population")] if phrase is not None else []
    phrase = phrase_of(view, index, head, CONDITIONS)
    if phrase is None and conditions:
        # "gastrointestinal types": the lexicon names the condition, the head does not
        return [Named(view.ref(m), m.span, "Condition") for m in conditions]
    if phrase is None:
        if head.pos_ != "ADJ" or head.dep_ not in NOUN_ROLES:
            return []
        # the parser takes some names of conditions for adjectives ("include fibromyalgia")
        ref = view.ref_for_span(span)
        if not ref.label:
            return []
        named_one = listed or _condition_word(head) or role == "named"
        return [Named(ref, span, "Condition")] if named_one else []
    concept = phrase.ref.concept
    if concept is not None:
        category = view.lexicon.concepts[concept].category
        if category in CONDITIONS:
            return [Named(phrase.ref, phrase.span, "Condition")]
        if category == "Intervention":
            return []
        return [Named(phrase.ref, phrase.span, category)] if role != "condition" else []
    if listed or _condition_word(head) or role == "named":
        return [Named(phrase.ref, phrase.span, "Condition")]
    therapy = head.lemma_.lower() in role_words().intervention_heads
    if role == "cause" and not therapy:
        return [Named(phrase.ref, phrase.span, "Entity")]
    return []


def _condition_word(head: Token) -> bool:
    words = condition_words()
    word = head.lower_
    return (
        head.lemma_.lower() in words.condition_heads
        or word in words.condition_heads
        or word.endswith(words.condition_suffixes)
    )
