"""How an intervention is said to work, read from the parse.

- the means of an effect: "reduces inflammation by constricting blood vessels", "numb pain
  by blocking nerve signals and reducing swelling", "relief through the release of X";
- what acts for the intervention: "releases endorphins, which reduce pain";
- working by some means: "X works by stimulating ...", "acts by blocking ...";
- acting on the body: "X stimulates your blood circulation", "targets the fascia",
  "relax muscles", with the effect the same sentence names, if any;
- what it uses for a purpose: "uses slow breathing to calm the body";
- a quality it has: "may have anti-inflammatory properties".

How a means is worded and recorded is :mod:`articlekg.relate.means`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from articlekg.facts import EntityRef
from articlekg.relate.agents import Subject, agents_of_subject, subject_token
from articlekg.relate.claims import claim_sentences
from articlekg.relate.effects import MEANS, Claim
from articlekg.relate.frames import effect_rules, following_noun, misread_verb
from articlekg.relate.means import add_means, add_mechanism, add_used, means_of, named
from articlekg.relate.phrases import phrases
from articlekg.relate.subjects import fallback_subjects
from articlekg.relate.view import ArticleView
from articlekg.relate.words import role_words

if TYPE_CHECKING:
    from spacy.tokens import Token


def relate_mechanisms(
    view: ArticleView, main: EntityRef | None, claims: dict[int, list[Claim]]
) -> None:
    for index in claim_sentences(view):
        here = claims.get(index, [])
        for claim in here:
            outcome = _outcome(view, claim)
            for means in means_of(claim.frame.trigger) or means_of(claim.frame.object):
                add_means(view, index, claim.agents, means, outcome)
            if claim.via is not None:
                add_means(view, index, claim.agents, claim.via, outcome)
            _for_a_purpose(view, index, claim, outcome)
        _working_by(view, index, main, here)


def _for_a_purpose(view: ArticleView, index: int, claim: Claim, outcome: EntityRef | None) -> None:
    """'uses slow breathing to calm the body': slow breathing is how; 'stretches parts of
    the body to release stiffness': stretching them is how."""
    trigger = claim.frame.trigger
    if trigger.dep_ not in ("advcl", "xcomp") or not any(c.lower_ == "to" for c in trigger.lefts):
        return
    verb = trigger.head
    words = role_words()
    using = verb.lemma_.lower() in words.using_verbs
    # "shown to", "thought to", "help to" take a complement, not a purpose.
    if verb.pos_ not in ("VERB", "AUX") or (
        not using and verb.lemma_.lower() in words.complement_verbs
    ):
        return
    if using:
        for child in verb.children:
            if child.dep_ in ("dobj", "obj"):
                add_used(view, index, claim.agents, child, outcome)
        return
    add_means(view, index, claim.agents, verb, outcome, skip=frozenset({trigger.i}))


def _outcome(view: ArticleView, claim: Claim) -> EntityRef | None:
    """The first outcome of an effect, as an entity with its evidence (a mechanism may be
    stated in a sentence whose effect is only hypothetical: "aims to ease X by ...")."""
    if not claim.outcomes:
        return None
    phrase = claim.outcomes[0]
    return view.add(phrase.ref, "Outcome", phrase.span)


def _working_by(view: ArticleView, index: int, main: EntityRef | None, claims: list[Claim]) -> None:
    words = role_words()
    doc = view.parsed.doc(index)
    outcome = _outcome(view, claims[0]) if claims else None
    for verb in doc:
        lemma = verb.lemma_.lower()
        if verb.pos_ not in ("VERB", "AUX") and not misread_verb(verb):
            continue
        if _inside_means(verb) or _under_an_imperative(verb):
            continue  # already the means of another verb; advice ("Make it work by ...")
        if lemma in words.using_verbs and _purpose_of(verb) is not None:
            # "X uses slow breathing to calm the body", whether or not the purpose is an
            # effect the frames read.
            if not any(c.frame.trigger.head == verb for c in claims):
                agents = _agents(view, index, verb, main, strict=True)
                purpose = _purpose_of(verb)
                aim = outcome or (_aim(view, index, purpose) if purpose is not None else None)
                for child in verb.children:
                    if child.dep_ in ("dobj", "obj"):
                        add_used(view, index, agents, child, aim)
            continue
        if lemma in words.means_verbs or _by_doing(verb):
            means = means_of(verb)
            if means and not any(c.frame.trigger == verb for c in claims):
                # "X works by ..." may leave X to the section; any other verb must name it
                # ("Make it work for you by rolling ..." is advice, not a mechanism).
                agents = _agents(view, index, verb, main, strict=lemma not in words.means_verbs)
                for token in means:
                    add_means(view, index, agents, token, outcome)
        elif lemma == "have" and (quality := _quality_had(verb)) is not None:
            # "may have anti-inflammatory properties": the quality is how it works
            agents = _agents(view, index, verb, main, strict=True)
            add_means(view, index, agents, quality, outcome)
        elif lemma in words.tissue_verbs and not any(c.frame.trigger == verb for c in claims):
            if any(
                c.dep_ in ("dobj", "obj") and c.lemma_.lower() in words.body_parts
                for c in verb.children
            ):
                add_means(view, index, _agents(view, index, verb, main, strict=True), verb, outcome)
        elif lemma in words.mechanism_verbs and not any(c.frame.trigger == verb for c in claims):
            objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
            following = following_noun(verb) if misread_verb(verb) else None
            objects += [following] if following is not None else []
            if not objects:
                continue
            agents = _agents(view, index, verb, main, strict=True)
            for target in map(named, objects):
                where, causes = _causes_referred_to(view, index, target)
                if causes:
                    # "X corrects these problems": the causes the text named before
                    also = view.sentences[index].span if where != index else None
                    for cause in causes:
                        add_means(view, where, agents, cause, outcome, also=also)
                    continue
                if _qualities(verb, target):
                    # "stimulating properties": the gerund says which properties.
                    span = view.parsed.span_of_tokens(index, verb.doc[verb.i : target.i + 1])
                    add_mechanism(view, index, agents, span, view.ref_for_span(span), outcome)
                    continue
                if target.lemma_.lower() in words.body_parts and target == objects[0]:
                    # "targets fascia", "stimulates the muscles": the act on the body
                    add_means(view, index, agents, verb, outcome)
                    continue
                for phrase in phrases(view, index, target, ("Mechanism",)):
                    if _acted_on(view, phrase.ref, target):
                        add_mechanism(view, index, agents, phrase.span, phrase.ref, outcome)


def _purpose_of(verb: Token) -> Token | None:
    """The infinitive of purpose of a verb ("uses X to calm Y": calm), which the parser may
    hang on the verb's object."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    for child in [*verb.children, *(g for o in objects for g in o.children)]:
        if child.dep_ in ("advcl", "xcomp", "relcl", "acl") and any(
            c.lower_ == "to" for c in child.lefts
        ):
            return child
    return None


def _aim(view: ArticleView, index: int, purpose: Token) -> EntityRef | None:
    """'to calm the body': an effect verb and what it acts on is the outcome aimed at,
    where the verb's object is no outcome of its own."""
    if purpose.lemma_.lower() not in effect_rules().words("verbs"):
        return None
    objects = [c for c in purpose.children if c.dep_ in ("dobj", "obj")]
    if not objects:
        return None
    end = objects[0].right_edge.i
    tokens = purpose.doc[purpose.i : end + 1]
    if len(tokens) > MAX_AIM_WORDS:
        return None
    span = view.parsed.span_of_tokens(index, tokens)
    return view.add(view.ref_for_span(span), "Outcome", view.trimmed(span))


MAX_AIM_WORDS = 5
QUALITY_NOUNS = frozenset({"property", "quality", "action", "effect"})
PROPERTY_NOUNS = frozenset({"property", "quality", "action"})
"""What a therapy has that says how it works; 'a positive effect' it may also have."""


def _quality_had(verb: Token) -> Token | None:
    for child in verb.children:
        if (
            child.dep_ in ("dobj", "obj")
            and child.lemma_.lower() in PROPERTY_NOUNS
            and any(c.dep_ == "amod" for c in child.children)
        ):
            return child
    return None


def _qualities(verb: Token, target: Token) -> bool:
    return verb.tag_ == "VBG" and target.i == verb.i + 1 and target.lemma_.lower() in QUALITY_NOUNS


DEMONSTRATIVES = frozenset({"these", "this", "those", "that", "such"})
CAUSING = frozenset({"cause", "trigger", "bring", "result", "stem", "arise"})


def _causes_referred_to(view: ArticleView, index: int, target: Token) -> tuple[int, list[Token]]:
    """'... illness is caused by imbalances of energy ... acupuncture corrects these
    problems': what "these problems" points back to are the causes just named."""
    pointing = target.lower_ in DEMONSTRATIVES and target.pos_ in ("PRON", "DET")
    if not pointing and not any(c.lower_ in DEMONSTRATIVES for c in target.lefts):
        return index, []
    for where in (index, index - 1) if index else (index,):
        doc = view.parsed.doc(where)
        for verb in doc:
            if verb.lemma_.lower() not in CAUSING or (doc == target.doc and verb.i > target.i):
                continue
            for child in verb.children:
                if child.dep_ == "agent" or (
                    child.dep_ == "prep" and child.lower_ in ("from", "by")
                ):
                    causes = [c for c in child.children if c.dep_ == "pobj"]
                    if causes:
                        first = causes[0]
                        return where, [first, *(c for c in first.conjuncts if c.i > first.i)]
    return index, []


def _under_an_imperative(verb: Token) -> bool:
    head = verb.head
    return (
        verb.dep_ in ("ccomp", "xcomp")
        and head.tag_ == "VB"
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in head.children)
    )


def _by_doing(verb: Token) -> bool:
    """'X activates Y by increasing Z': a verb with 'by' and a gerund says how."""
    return any(
        child.dep_ == "prep"
        and child.lower_ == "by"
        and any(c.dep_ == "pcomp" for c in child.children)
        for child in verb.children
    )


def _inside_means(token: Token) -> bool:
    return any(a.dep_ in ("prep", "agent") and a.lower_ in MEANS for a in token.ancestors)


def _acted_on(view: ArticleView, ref: EntityRef, head: Token) -> bool:
    """A mechanism is something of the body or a named mechanism, not any object."""
    if ref.concept is not None:
        return view.lexicon.concepts[ref.concept].category == "Mechanism"
    return head.lemma_.lower() in role_words().mechanism_heads


def _agents(
    view: ArticleView, index: int, verb: Token, main: EntityRef | None, strict: bool = False
) -> list[EntityRef]:
    subject = verb.doc[verb.i - 1] if misread_verb(verb) else subject_token(verb)
    if subject is None:
        return [] if strict else fallback_subjects(view, index, main)
    named = agents_of_subject(view, index, subject)
    if isinstance(named, list):
        return named
    if named is Subject.POINTS_BACK or (named is Subject.OTHER and _owned_by_pronoun(subject)):
        # "its earlier absorption may have anti-inflammatory properties": what "its" means
        return _previous_agents(view, index) or view.last_subjects
    if named is Subject.OTHER:
        return []
    return fallback_subjects(view, index, main)


def _owned_by_pronoun(subject: Token) -> bool:
    return any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in subject.children)


def _previous_agents(view: ArticleView, index: int) -> list[EntityRef]:
    """'Gentle massage affects nerve endings. This could release endorphins': what the
    sentence before named as its subject."""
    if index == 0 or view.block_of(index - 1).kind != view.block_of(index).kind:
        return []
    for root in (t for t in view.parsed.doc(index - 1) if t.dep_ == "ROOT"):
        passive = [c for c in root.children if c.dep_ == "nsubjpass"]
        subject = passive[0] if passive else subject_token(root)
        if subject is not None:
            named = agents_of_subject(view, index - 1, subject)
            if isinstance(named, list):
                return named
    return []
