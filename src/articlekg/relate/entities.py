"""Entities the lexicon does not know, typed by the role a sentence gives them.

- "patients with X", "women diagnosed with X", "people living with X": X is a condition;
- "X such as Y and Z", "X including Y": Y and Z are what X is (conditions, therapies);
- "X is a condition / a therapy", "X is one of the most troubling symptoms": X is that;
- "conditions that include A, B and C": A, B and C are conditions;
- "the diagnosis of X", "suffer from X", "symptoms of X", "X affects 3% of adults".

A lexicon term keeps its identity and gains the role's class; anything else becomes an
entity in the article's words (:mod:`articlekg.relate.phrases`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from articlekg.document import Span
from articlekg.relate.coordination import coordinated
from articlekg.relate.phrases import phrase_of
from articlekg.relate.view import ArticleView
from articlekg.relate.words import role_words

if TYPE_CHECKING:
    from spacy.tokens import Token

HAVING_PREPOSITIONS = frozenset({"with", "from", "of"})
HAVING_VERBS = frozenset({"diagnose", "suffer", "live", "have", "experience", "develop"})
CONDITION_OF = frozenset({"diagnosis", "symptom", "sign", "treatment", "management", "onset"})
EXAMPLE_WORDS = frozenset({"including", "like", "especially", "particularly"})
LISTING_VERBS = frozenset({"include", "involve", "be", "comprise"})
COPULAS = frozenset({"be", "remain", "become"})


def relate_roles(view: ArticleView) -> None:
    for index in range(len(view.sentences)):
        for token in view.parsed.doc(index):
            kind = _kind_of(token)
            if kind is None:
                continue
            for noun in coordinated(token):
                phrase = phrase_of(view, index, noun, (kind,), any_word=_nominal(noun))
                if phrase is None or not _fits(view, phrase.ref.concept, kind):
                    continue
                if kind == "Intervention" and not _therapy(view, index, noun, phrase.span):
                    continue
                view.add(phrase.ref, kind, phrase.span)


def _therapy(view: ArticleView, index: int, noun: Token, span: Span) -> bool:
    """A therapy word heads it or it names a known therapy ("fake acupuncture")."""
    return noun.lemma_.lower() in role_words().intervention_heads or bool(
        view.mentions_between(index, span.start, span.end, "Intervention")
    )


def _fits(view: ArticleView, concept: str | None, kind: str) -> bool:
    """A lexicon term of another sort keeps its sort ("patients with a port" is no
    condition, whatever the sentence shape says)."""
    if concept is None:
        return True
    return view.lexicon.concepts[concept].category in (kind, "Outcome", "Condition", "Entity")


def _kind_of(token: Token) -> str | None:
    """The class the token's role gives it, for nouns that take a role."""
    words = role_words()
    if not _nominal(token) or any(c.dep_ in ("ccomp", "mark") for c in token.children):
        return None  # "people with chronic pain report that ...": a verb the tagger misread
    head = token.head
    if token.dep_ == "pobj" and head.dep_ == "prep":
        holder = head.head
        lemma = holder.lemma_.lower()
        # "patients with X", "women diagnosed with X", "living with X", "suffer from X"
        if head.lower_ in HAVING_PREPOSITIONS and (
            (lemma in words.people and head.lower_ == "with")
            or (lemma in HAVING_VERBS and head.lower_ in ("with", "from"))
            or (lemma in CONDITION_OF and head.lower_ == "of")
        ):
            return "Condition"
        # "X such as Y", "X including Y"
        if head.lower_ in EXAMPLE_WORDS or (
            head.lower_ == "as" and any(c.lower_ == "such" for c in head.lefts)
        ):
            return _kind_of_class(holder)
    # "X is a condition ...", "X is one of the most troubling symptoms"
    if token.dep_ in ("nsubj", "nsubjpass") and head.lemma_ in COPULAS:
        for attr in (c for c in head.children if c.dep_ == "attr" and _close(head, c)):
            named = attr
            if attr.lower_ == "one":
                named = next(
                    (p for c in attr.children if c.lower_ == "of" for p in c.children), attr
                )
            kind = _kind_of_class(named)
            if kind is not None:
                return kind
    # "conditions that include A, B and C"
    if token.dep_ in ("dobj", "attr") and head.lemma_ in LISTING_VERBS and head.dep_ == "relcl":
        return _kind_of_class(head.head)
    # "X was compared with Y", "X versus Y": Y is what X is, an intervention
    if token.dep_ == "pobj" and head.lower_ in ("with", "to") and head.head.lemma_ == "compare":
        return "Intervention"
    # "X affects 2 to 3 percent of the population"
    if token.dep_ == "nsubj" and head.lemma_ == "affect":
        objects = [c for c in head.children if c.dep_ == "dobj"]
        if objects and any(t.like_num for t in objects[0].subtree):
            return "Condition"
    return None


NOMINAL_ARCS = frozenset({"dobj", "pobj", "nsubj", "nsubjpass", "attr", "conj", "appos"})


def _nominal(token: Token) -> bool:
    """A noun, or a word the tagger took for an adjective where a noun stands ("include
    fibromyalgia")."""
    return token.pos_ in ("NOUN", "PROPN") or (token.pos_ == "ADJ" and token.dep_ in NOMINAL_ARCS)


def _close(copula: Token, attr: Token) -> bool:
    """'X is a condition ...', not 'X was to see ... — conditions that ...'."""
    between = copula.doc[copula.i + 1 : attr.i]
    return len(between) <= 6 and not any(t.is_punct for t in between)


def _kind_of_class(noun: Token) -> str | None:
    words = role_words()
    lemma = noun.lemma_.lower()
    if lemma in words.condition_heads:
        return "Condition"
    if lemma in words.intervention_heads:
        return "Intervention"
    return None
