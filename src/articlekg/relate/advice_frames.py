"""Advice frames over the dependency parse: where a sentence gives advice, which words say
it, and whether it is a precaution.

The frames are facts of the parse; the words that make them advice are data
(``ontology/rules/advice.json``):

- an imperative: a clause whose verb is in base form with no subject ("Avoid X",
  "Before you start, tell your nurse", "Do not ...");
- a modal of advice before a verb ("You should avoid X", "X should never be applied ...");
- "it is advisable / a good idea / important to X";
- a passive of recommending ("X can be recommended for ...", "X is not recommended") or,
  with a modal, of offering ("X may be added to standard care");
- a statement of harm or unsuitability ("X may be harmful ...", "X may not be suitable");
- guidance or results that endorse doing something ("guidelines include offering X",
  "results support employing X", "we recommend that you X").

A frame gives the tokens of the advice (the clause without "You should", "It is advisable
to" or "we recommend that") and its kind.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from articlekg.relate.advice_words import AdviceWords, advice_words
from articlekg.relate.words import role_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
CLAUSE_ARCS = frozenset({"xcomp", "ccomp", "relcl", "acl", "advcl", "conj", "pcomp", "dobj"})


@dataclass(frozen=True)
class AdviceFrame:
    frame: str
    """imperative, modal, advisable, recommended, offered, harm or endorsed."""
    start: int
    end: int
    """Tokens [start, end) of the sentence's Doc that say the advice."""
    kind: str
    """practice or precaution."""


def find_advice(doc: Doc, any_verb: bool) -> list[AdviceFrame]:
    """The advice frames of a parsed sentence, outermost first, none inside another.

    ``any_verb``: an imperative of any verb is advice (in an advice or safety section, or a
    list under an advice lead-in); otherwise only the verbs of the cue list are.
    """
    found = [
        *_imperatives(doc, any_verb),
        *_modals(doc),
        *_advisable(doc),
        *_passives(doc),
        *_harms(doc),
        *_endorsed(doc),
    ]
    found.sort(key=lambda f: (f.start, -f.end))
    kept: list[AdviceFrame] = []
    for frame in found:
        if not any(k.start <= frame.start and frame.end <= k.end for k in kept):
            kept = [k for k in kept if not (frame.start <= k.start and k.end <= frame.end)]
            kept.append(frame)
    return kept


# imperatives --------------------------------------------------------------------------------
def _imperatives(doc: Doc, any_verb: bool) -> Iterator[AdviceFrame]:
    words = advice_words()
    for root in (t for t in doc if t.dep_ == "ROOT"):
        verb = _imperative_verb(doc, root)
        if verb is None:
            continue
        lemma = verb.lemma_.lower()
        negated = _negated(verb)
        phrase = any(c.lower_ in words.phrases.get(lemma, ()) for c in verb.children)
        cued = lemma in words.cue_verbs or phrase or negated
        if not cued and _how_to(verb):
            # "Make it count by stretching after each run": how to do it well is advice; it
            # ends with its own clause, whatever the sentence goes on to say.
            end = _end(doc, verb) if verb != root else _end(doc, root)
            yield AdviceFrame("imperative", _first_word(doc), end, _kind(verb, negated))
            continue
        if not (cued or (any_verb and lemma not in words.reader_verbs)):
            continue
        yield AdviceFrame("imperative", _first_word(doc), _end(doc, root), _kind(verb, negated))


def _how_to(verb: Token) -> bool:
    """An imperative with 'by' and a gerund in its clause."""
    return any(
        t.dep_ == "prep"
        and t.lower_ == "by"
        and any(c.dep_ == "pcomp" and c.tag_ == "VBG" for c in t.children)
        for t in verb.subtree
    )


def _imperative_verb(doc: Doc, root: Token) -> Token | None:
    """The verb of an imperative clause: base form, no subject, not an infinitive ("To
    evaluate ..."), not a question. The parser sometimes hangs a list item's first verb
    under its object ("Use sterile needles"): a base-form first word counts as well."""
    if not len(doc) or doc.text.rstrip().endswith("?"):
        return None
    first = doc[_first_word(doc, skip_openers=True)]
    for verb in (root, first):
        if verb.tag_ != "VB" or verb.pos_ not in ("VERB", "AUX") or verb.dep_ == "aux":
            continue
        if any(c.dep_ in SUBJECTS for c in verb.children):
            continue
        if any(c.tag_ == "TO" or (c.dep_ == "aux" and c.tag_ == "MD") for c in verb.children):
            continue
        return verb
    return None


def _first_word(doc: Doc, skip_openers: bool = False) -> int:
    """The first word of the sentence (skipping "Always", "Do not" ... when asked)."""
    words = advice_words()
    for token in doc:
        if token.is_punct or token.is_space:
            continue
        if skip_openers and token.lower_ in words.opening_words:
            continue
        return token.i
    return 0


# modals -------------------------------------------------------------------------------------
def _modals(doc: Doc) -> Iterator[AdviceFrame]:
    """'You should avoid X', 'X should never be applied ...', 'Patients must tell ...'."""
    words = advice_words()
    for verb in doc:
        modal = _modal(verb, words.advice_modals) or _self_care(verb, words)
        if modal is None or verb.pos_ not in ("VERB", "AUX"):
            continue
        if any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children):
            continue  # "should have been diagnosed": a criterion or regret, not advice
        if verb.lemma_.lower() in words.research_verbs:
            continue  # "X should be tested in larger trials": what research should do
        subject = _subject(verb)
        if subject is not None and _reports(subject):
            continue  # "Future studies should ...", "Results should be read with care"
        start = _clause_start(verb, subject, modal)
        yield AdviceFrame("modal", start, _end(doc, verb), _kind(verb, _negated(verb)))


def _self_care(verb: Token, words: AdviceWords) -> Token | None:
    """'You can do reflexology at home': what the reader can do themselves."""
    subject = _subject(verb)
    if subject is None or subject.lower_ != "you":
        return None
    if verb.lemma_.lower() not in words.self_care_verbs or verb.dep_ not in ("ROOT", "conj"):
        return None  # "skills which you can then do at home": a description, not advice
    return _modal(verb, words.permission_modals)


def _modal(verb: Token, modals: frozenset[str]) -> Token | None:
    for child in verb.children:
        if child.dep_ == "aux" and child.tag_ == "MD" and child.lower_ in modals:
            return child
    return None


def _clause_start(verb: Token, subject: Token | None, modal: Token | None) -> int:
    """Where the advice starts: at the verb when people are told to do it ("You should
    avoid X": "avoid X"), at the subject when a thing is spoken of ("X should be applied"),
    at the modal when the subject belongs to an earlier verb ("... and should never be")."""
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    if subject is not None and _addressed(subject) and not passive:
        negation = [c for c in verb.children if c.dep_ == "neg" and c.i < verb.i]
        if negation and negation[0].lower_ != "never" and modal is not None:
            return modal.i
        return negation[0].i if negation else verb.i
    if subject is not None:
        return subject.left_edge.i
    if modal is not None:
        return modal.i
    return min([verb.i, *(c.i for c in verb.children if c.dep_ in ("aux", "auxpass", "neg"))])


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in SUBJECTS:
            return child
    return None


def _addressed(subject: Token) -> bool:
    """'you', 'we', 'patients', 'people with X': those the advice is for ('therapists
    should ...' names who is to do it)."""
    words = role_words()
    if subject.lemma_.lower() in words.practitioners or subject.lower_ in words.practitioners:
        return False
    return subject.lemma_.lower() in words.people or subject.lower_ in words.people


def _reports(subject: Token) -> bool:
    words = role_words()
    return subject.lemma_.lower() in words.studies or subject.lower_ in words.studies


# "it is advisable to ..." -------------------------------------------------------------------
def _advisable(doc: Doc) -> Iterator[AdviceFrame]:
    words = advice_words()
    for copula in doc:
        if copula.lemma_ != "be" or not any(
            c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in copula.children
        ):
            continue
        for word in copula.children:
            if word.dep_ not in ("acomp", "attr") or not (
                word.lemma_.lower() in words.advisable_words or word.lower_ in words.advisable_words
            ):
                continue
            inner = _infinitive(word) or _infinitive(copula)
            if inner is None:
                continue
            subject = _subject(inner)
            start = _clause_start(inner, subject, _modal(inner, words.hedge_modals))
            if subject is None:
                start = inner.i
            negated = _negated(copula) or _negated(inner)
            yield AdviceFrame("advisable", start, _end(doc, copula), _kind(inner, negated))


def _infinitive(word: Token) -> Token | None:
    """'advisable to check': check; 'important that you tell': tell; 'a good idea to ask'."""
    for child in word.children:
        if child.dep_ in ("xcomp", "relcl", "acl", "ccomp") and child.pos_ in ("VERB", "AUX"):
            return child
    return None


# passives of recommending and offering ------------------------------------------------------
def _passives(doc: Doc) -> Iterator[AdviceFrame]:
    """'X can be recommended for Y', 'X is not recommended', 'X may be added to usual care'."""
    words = advice_words()
    for verb in doc:
        lemma = verb.lemma_.lower()
        if verb.tag_ != "VBN" or not any(c.dep_ == "auxpass" for c in verb.children):
            continue
        modal = _modal(verb, words.hedge_modals)
        present = any(c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in verb.children)
        if lemma in words.recommend_verbs and (modal is not None or present):
            frame = "recommended"
        elif lemma in words.offer_verbs and modal is not None:
            frame = "offered"
        else:
            continue
        subject = _subject(verb)
        if subject is not None and (_reports(subject) or subject.lower_ == "it"):
            continue  # "It is recommended that ..." is read as advisable
        start = _clause_start(verb, subject, modal)
        kind = "precaution" if _negated(verb) else _kind(verb, False)
        yield AdviceFrame(frame, start, _end(doc, verb), kind)


# harm and unsuitability ---------------------------------------------------------------------
def _harms(doc: Doc) -> Iterator[AdviceFrame]:
    """'X may be harmful ...', 'X may not be suitable for everyone', 'X is unsafe if ...'."""
    words = advice_words()
    for copula in doc:
        if copula.lemma_ != "be":
            continue
        stated = _modal(copula, words.hedge_modals) is not None or copula.tag_ in ("VBZ", "VBP")
        if not stated:
            continue
        negated = _negated(copula)
        for word in copula.children:
            lemma = word.lemma_.lower()
            if word.dep_ != "acomp":
                continue
            if lemma in words.harm_words or (negated and lemma in words.unsuitable_when_negated):
                subject = _subject(copula)
                if subject is not None and _reports(subject):
                    continue
                start = _clause_start(copula, subject, _modal(copula, words.hedge_modals))
                yield AdviceFrame("harm", start, _end(doc, copula), "precaution")


# endorsements -------------------------------------------------------------------------------
def _endorsed(doc: Doc) -> Iterator[AdviceFrame]:
    """'guidelines include offering X', 'results support employing X', 'we recommend that
    you discuss X', 'experts recommend the use of X'."""
    words = advice_words()
    for word in doc:
        if word.lemma_.lower() not in words.endorse_words:
            continue
        subject = _subject(word)
        if subject is not None and not (
            _reports(subject) or subject.lemma_.lower() in words.endorsing_subjects
        ):
            continue
        for child in word.children:
            inner = _endorsed_action(child, words)
            if inner is None:
                continue
            if inner.pos_ in ("VERB", "AUX") and inner.tag_ != "VBG":
                # "recommend that you X": a clause of its own
                inner_subject = _subject(inner)
                start = _clause_start(inner, inner_subject, _modal(inner, words.hedge_modals))
            else:
                start = inner.left_edge.i
            end = _end(doc, word)
            if end <= start:
                continue
            yield AdviceFrame("endorsed", start, end, _kind(inner, _negated(inner)))


def _endorsed_action(child: Token, words: AdviceWords) -> Token | None:
    lemma = child.lemma_.lower()
    if child.tag_ == "VBG" and child.dep_ in CLAUSE_ARCS and lemma in words.endorsed_actions:
        return child
    if child.dep_ == "dobj" and lemma in words.endorsed_nouns:
        return child
    if (
        child.dep_ == "ccomp"
        and child.pos_ in ("VERB", "AUX")
        and child.head.lemma_ in words.recommend_verbs
    ):
        subject = _subject(child)
        return child if subject is not None and _addressed(subject) else None
    return None


# shared -------------------------------------------------------------------------------------
def _negated(verb: Token) -> bool:
    """'do not', 'never', 'should not': a negation on the verb or on its auxiliary."""
    for child in verb.children:
        if child.dep_ == "neg" or (child.dep_ == "advmod" and child.lower_ == "never"):
            return True
        if child.dep_ == "aux" and any(c.dep_ == "neg" for c in child.children):
            return True
    return False


def _kind(verb: Token, negated: bool) -> str:
    words = advice_words()
    lemma = verb.lemma_.lower()
    resources = words.precaution_objects.get(lemma, frozenset())
    if not negated and any(
        c.dep_ == "dobj" and c.lemma_.lower() in resources for c in verb.children
    ):
        return "practice"  # "Watch this video": a resource to use, not a caution
    if negated or lemma in words.precaution_verbs:
        return "precaution"
    return "precaution" if _cautious(verb, words) else "practice"


def _cautious(verb: Token, words: AdviceWords) -> bool:
    """'with caution', 'carefully', 'be careful', 'take care'."""
    for child in verb.children:
        lemma = child.lemma_.lower()
        if child.dep_ in ("advmod", "acomp") and lemma in words.caution_words:
            return True
        if child.dep_ == "dobj" and lemma in words.caution_words and verb.lemma_ == "take":
            return True
        if (
            child.dep_ == "prep"
            and child.lower_ == "with"
            and any(c.lemma_.lower() in words.caution_words for c in child.children)
        ):
            return True
    return False


def _end(doc: Doc, anchor: Token) -> int:
    """The end of the advice: the anchor's clause, without closing punctuation."""
    end = len(doc) if anchor.dep_ == "ROOT" else anchor.right_edge.i + 1
    while end > 0 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return end
