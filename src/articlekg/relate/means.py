"""The wording of a means and its record as a mechanism claim.

A means is a clause of the parse: "constricting blood vessels", "the release of endorphins
and other neurotransmitters", "gently stretch parts of your body", without what follows it
(relative clauses, coordinated means, asides, places, examples) or the purpose it serves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from articlekg.document import Span
from articlekg.facts import EntityRef, MechanismClaim
from articlekg.relate.about import a_therapy_here
from articlekg.relate.effects import MEANS
from articlekg.relate.phrases import in_brackets, phrase_of
from articlekg.relate.view import ArticleView
from articlekg.relate.words import role_words

if TYPE_CHECKING:
    from spacy.tokens import Token

LEAVE_OUT = frozenset({"relcl", "punct", "cc", "conj", "appos", "advcl"})
"""Parts of a means clause that are not the means itself."""
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
"""A means verb's own subject is who acts ("causing blood vessels to expand" keeps the
subject of "expand")."""
MAX_MEANS_WORDS = 12


def means_of(trigger: Token) -> list[Token]:
    """The heads of 'by ...', 'via ...', 'through ...' on the trigger or the verbs above it."""
    found: list[Token] = []
    for head in [trigger, *_verb_chain(trigger)]:
        for child in head.children:
            if child.dep_ in ("prep", "agent") and child.lower_ in MEANS:
                for part in child.children:
                    # "decreased X by 21 percent": an amount, not a means.
                    if part.dep_ in ("pcomp", "pobj") and not _amount(part):
                        found.extend([part, *(c for c in part.conjuncts if c.i > part.i)])
                        # "by reducing X and improving Y": the parser may hang the second
                        # gerund on X; it is a means of its own.
                        found.extend(
                            t
                            for t in part.subtree
                            if t.dep_ == "conj"
                            and (t.tag_ == "VBG" or _gerund_led(t))
                            and t.head.pos_ != "VERB"
                        )
        if found:
            found.extend(_misattached(head, found))
            break
    return found


def _misattached(head: Token, means: list[Token]) -> list[Token]:
    """'calm nausea via modulation of X and the release of Y', with the parser hanging
    "release" on the main verb: a noun coordinated with a verb right after the means is
    coordinated with the means."""
    end = max(t.right_edge.i for t in means)
    doc = head.doc
    return [
        t
        for t in doc[end + 1 : end + 4]
        if t.dep_ == "conj"
        and t.pos_ in ("NOUN", "PROPN")
        and t.head.pos_ in ("VERB", "AUX")
        and doc[end + 1].dep_ == "cc"
        and all(b.head == t for b in doc[end + 2 : t.i])
    ]


def _amount(token: Token) -> bool:
    return (
        token.like_num or any(c.like_num for c in token.children) or token.lower_ in ("half", "%")
    )


def _verb_chain(token: Token) -> list[Token]:
    chain = []
    while token.dep_ in ("xcomp", "conj", "ccomp") and token.head != token:
        token = token.head
        chain.append(token)
    return chain


def add_used(
    view: ArticleView, index: int, agents: list[EntityRef], used: Token, aim: EntityRef | None
) -> None:
    """'uses slow breathing and muscle-loosening exercises to calm the body': what it uses
    together is one method, up to the purpose."""
    verb = used.head
    if verb.tag_ == "VB" and not any(c.dep_ in ("nsubj", "aux") for c in verb.children):
        return  # "Use your thumb to press down": advice to the reader
    if in_brackets(used):
        return  # "(AK-yoo-PREH-sher)": a pronunciation the parser took for an object
    own = phrase_of(view, index, used, any_word=True)
    if own is not None and a_therapy_here(view, own.ref):
        return  # "how to use acupressure to help with nausea": the therapy itself
    last = max([used, *used.conjuncts], key=lambda t: t.i)
    end = max(t.i for t in last.subtree if not _purpose_part(t, used) and t.dep_ not in ("appos",))
    while end > used.i and used.doc[end].is_punct:
        end -= 1
    tokens = used.doc[used.left_edge.i : end + 1]
    while len(tokens) > 1 and tokens[0].dep_ in ("det", "poss", "predet"):
        tokens = tokens[1:]
    if len(tokens) > MAX_MEANS_WORDS:
        return
    span = view.parsed.span_of_tokens(index, tokens)
    add_mechanism(view, index, agents, span, view.ref_for_span(span), aim)


def _purpose_part(token: Token, used: Token) -> bool:
    return any(
        a.dep_ in ("relcl", "acl", "advcl", "xcomp") and a.i > used.i
        for a in [token, *token.ancestors]
        if a.i > used.i and used in a.ancestors
    )


def add_means(
    view: ArticleView,
    index: int,
    agents: list[EntityRef],
    means: Token,
    outcome: EntityRef | None,
    skip: frozenset[int] = frozenset(),
    also: Span | None = None,
) -> None:
    """The means as the text words it: "constricting blood vessels", "the release of
    endorphins and other neurotransmitters", without what follows it (relative clauses,
    coordinated means, asides) or the purpose it serves (``skip``)."""
    if not agents:
        return
    words = role_words()
    if means.lemma_.lower() in words.using_verbs | words.receiving_verbs:
        return  # "by using ginger", "by taking X": the intervention itself, not how it works
    if means.lemma_.lower() in CAPACITIES:
        return  # "through its ability to reduce pain": the effect again, not a means
    means = named(means)
    tokens = _clause(means, skip)
    leading = ("det", "poss", "predet", "advmod", "aux", "auxpass", "neg")
    while tokens and tokens[0].dep_ in leading and tokens[0] != means and not _manner(tokens[0]):
        tokens = tokens[1:]
    if not tokens or len(tokens) > MAX_MEANS_WORDS:
        return
    span = view.parsed.span_of_tokens(index, means.doc[tokens[0].i : tokens[-1].i + 1])
    add_mechanism(view, index, agents, span, view.ref_for_span(span), outcome, also)


def _manner(token: Token) -> bool:
    """'gently stretch parts of the body': how the act is done belongs to it."""
    return (
        token.dep_ == "advmod"
        and token.head.pos_ == "VERB"
        and token.i == token.head.i - 1
        and token.lower_ in role_words().manner_adverbs
    )


NAMING = frozenset({"call", "name", "know", "term"})


def named(noun: Token) -> Token:
    """'chemicals called endorphins': endorphins."""
    for child in noun.children:
        if child.dep_ == "acl" and child.lemma_.lower() in NAMING:
            for name in child.children:
                if name.dep_ in ("oprd", "dobj", "attr") or (
                    name.dep_ == "prep" and name.lower_ == "as"
                ):
                    return next((c for c in name.children if c.dep_ == "pobj"), name)
    return noun


CAPACITIES = frozenset({"ability", "capacity", "power", "potential", "way", "means", "role"})
PLACES = frozenset({"in", "at", "on", "within", "around", "near", "throughout", "across"})


def _gerund_led(noun: Token) -> bool:
    """'improving circulation' read as a noun with an adjective: a means of its own."""
    return any(c.dep_ == "amod" and c.tag_ == "VBG" and c.i < noun.i for c in noun.children)


def _such_as(preposition: Token) -> bool:
    """'targets fascia, such as myofascial release': examples are not part of the act."""
    return preposition.lower_ == "as" and any(c.lower_ == "such" for c in preposition.lefts)


def _clause(head: Token, skip: frozenset[int] = frozenset(), top: bool = True) -> list[Token]:
    """The head and its dependents, without relative clauses, asides, places ("in the
    joint") and (at the top) the means coordinated with it; a coordination of nouns inside
    it stays ("endorphins and other neurotransmitters"), and so does a hyphen."""
    kept = [head]
    for child in head.children:
        nouns_joined = (
            not top
            and child.dep_ in ("cc", "conj")
            and child.tag_ != "VBG"
            and not _gerund_led(child)
        )
        hyphen = child.text == "-" and not child.whitespace_
        place = child.dep_ == "prep" and (child.lower_ in PLACES or _such_as(child))
        if (
            child.i in skip
            or place
            or (top and child.dep_ in SUBJECTS)
            or (child.dep_ in LEAVE_OUT and not nouns_joined and not hyphen)
        ):
            continue
        kept.extend(_clause(child, skip, top=False))
    kept.sort(key=lambda t: t.i)
    # Keep the contiguous run that holds the head.
    run = [t for t in kept if t.i >= head.i]
    contiguous = [run[0]]
    for token in run[1:]:
        if token.i != contiguous[-1].i + 1:
            break
        contiguous.append(token)
    before = [t for t in kept if t.i < head.i]
    while before and before[-1].i == contiguous[0].i - 1:
        contiguous.insert(0, before.pop())
    while len(contiguous) > 1 and contiguous[-1].dep_ in ("cc", "punct"):
        contiguous.pop()  # "reducing inflammation and": what followed was left out
    return contiguous


WORD_JOINERS = "-\u2010\u2011"
"""Hyphens that join parts of one word ("self-massage"): the parser splits at them."""


def _whole_words(text: str, span: Span) -> bool:
    """Whether ``span`` begins and ends at word boundaries: "anti" or "massage" cut from
    "anti-use" or "self-massage" (where the parse split the word) names nothing."""
    before = text[span.start - 1] if span.start > 0 else " "
    after = text[span.end] if span.end < len(text) else " "
    return before not in WORD_JOINERS and after not in WORD_JOINERS


def add_mechanism(
    view: ArticleView,
    index: int,
    agents: list[EntityRef],
    span: Span,
    ref: EntityRef,
    outcome: EntityRef | None,
    also: Span | None = None,
) -> None:
    """Record the claim; ``also`` is a further sentence that states it (where a pronoun's
    sentence refers back to the one naming the mechanism)."""
    if not _whole_words(view.text, span) or not any(char.isalnum() for char in ref.label):
        return
    mechanism = view.add(ref, "Mechanism", span)
    evidence = [view.sentences[index].span, *([also] if also is not None else [])]
    for agent in agents:
        if agent.key == mechanism.key:
            continue
        view.facts.mechanisms.append(MechanismClaim(agent, mechanism, evidence, outcome))
