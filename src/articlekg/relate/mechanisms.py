"""How an intervention is said to work, read from the parse.

- the means of an effect: "reduces inflammation by constricting blood vessels", "numb pain
  by blocking nerve signals and reducing swelling", "relief through the release of X";
- what acts for the intervention: "releases endorphins, which reduce pain";
- working by some means: "X works by stimulating ...", "acts by blocking ...";
- acting on the body: "X stimulates your blood circulation", "targets the fascia", with
  the effect the same sentence names, if any.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from articlekg.document import Span
from articlekg.facts import EntityRef, MechanismClaim
from articlekg.relate.agents import Subject, agents_of_subject, subject_token
from articlekg.relate.claims import claim_sentences
from articlekg.relate.effects import MEANS, Claim
from articlekg.relate.frames import following_noun, misread_verb
from articlekg.relate.phrases import phrase_of, phrases
from articlekg.relate.subjects import fallback_subjects
from articlekg.relate.view import ArticleView
from articlekg.relate.words import role_words

if TYPE_CHECKING:
    from spacy.tokens import Token

LEAVE_OUT = frozenset({"relcl", "punct", "cc", "conj", "appos", "advcl"})
"""Parts of a means clause that are not the means itself."""
MAX_MEANS_WORDS = 12


def relate_mechanisms(
    view: ArticleView, main: EntityRef | None, claims: dict[int, list[Claim]]
) -> None:
    for index in claim_sentences(view):
        here = claims.get(index, [])
        for claim in here:
            outcome = _outcome(view, claim)
            for means in _means_of(claim.frame.trigger) or _means_of(claim.frame.object):
                _add(view, index, claim.agents, means, outcome)
            if claim.via is not None:
                _add(view, index, claim.agents, claim.via, outcome)
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
                for noun in [child, *(c for c in child.conjuncts if c.i > child.i)]:
                    _add(view, index, claim.agents, noun, outcome, whole=True)
        return
    _add(view, index, claim.agents, verb, outcome, skip=frozenset({trigger.i}))


def _outcome(view: ArticleView, claim: Claim) -> EntityRef | None:
    """The first outcome of an effect, as an entity with its evidence (a mechanism may be
    stated in a sentence whose effect is only hypothetical: "aims to ease X by ...")."""
    if not claim.outcomes:
        return None
    phrase = claim.outcomes[0]
    return view.add(phrase.ref, "Outcome", phrase.span)


def _means_of(trigger: Token) -> list[Token]:
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
            break
    return found


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
                for child in verb.children:
                    if child.dep_ in ("dobj", "obj"):
                        for noun in [child, *(c for c in child.conjuncts if c.i > child.i)]:
                            _add(view, index, agents, noun, outcome, whole=True)
            continue
        if lemma in words.means_verbs or _by_doing(verb):
            means = _means_of(verb)
            if means and not any(c.frame.trigger == verb for c in claims):
                # "X works by ..." may leave X to the section; any other verb must name it
                # ("Make it work for you by rolling ..." is advice, not a mechanism).
                agents = _agents(view, index, verb, main, strict=lemma not in words.means_verbs)
                for token in means:
                    _add(view, index, agents, token, outcome)
        elif lemma in words.mechanism_verbs and not any(c.frame.trigger == verb for c in claims):
            objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
            following = following_noun(verb) if misread_verb(verb) else None
            objects += [following] if following is not None else []
            if not objects:
                continue
            agents = _agents(view, index, verb, main, strict=True)
            for target in objects:
                where, causes = _causes_referred_to(view, index, target)
                if causes:
                    # "X corrects these problems": the causes the text named before
                    also = view.sentences[index].span if where != index else None
                    for cause in causes:
                        _add(view, where, agents, cause, outcome, also=also)
                    continue
                if _qualities(verb, target):
                    # "stimulating properties": the gerund says which properties.
                    span = view.parsed.span_of_tokens(index, verb.doc[verb.i : target.i + 1])
                    _add_phrase(view, index, agents, span, view.ref_for_span(span), outcome)
                    continue
                for phrase in phrases(view, index, target, ("Mechanism",)):
                    if _acted_on(view, phrase.ref, target):
                        _add_phrase(view, index, agents, phrase.span, phrase.ref, outcome)


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


QUALITY_NOUNS = frozenset({"property", "quality", "action", "effect"})


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
    if named is Subject.POINTS_BACK and view.last_subjects:
        return view.last_subjects
    if named is Subject.OTHER:
        return []
    return fallback_subjects(view, index, main)


def _add(
    view: ArticleView,
    index: int,
    agents: list[EntityRef],
    means: Token,
    outcome: EntityRef | None,
    whole: bool = False,
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
    means = _named(means)
    tokens = _clause(means, skip)
    leading = ("det", "poss", "predet", "advmod", "aux", "neg")
    while tokens and tokens[0].dep_ in leading and tokens[0] != means:
        tokens = tokens[1:]
    if not tokens or len(tokens) > MAX_MEANS_WORDS:
        return
    span = view.parsed.span_of_tokens(index, means.doc[tokens[0].i : tokens[-1].i + 1])
    ref = view.ref_for_span(span)
    if whole:
        phrase = phrase_of(view, index, means)
        ref = phrase.ref if phrase is not None else ref
    _add_phrase(view, index, agents, span, ref, outcome, also)


NAMING = frozenset({"call", "name", "know", "term"})


def _named(noun: Token) -> Token:
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
        place = child.dep_ == "prep" and child.lower_ in PLACES
        if (
            child.i in skip
            or place
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


def _add_phrase(
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
    mechanism = view.add(ref, "Mechanism", span)
    evidence = [view.sentences[index].span, *([also] if also is not None else [])]
    for agent in agents:
        if agent.key == mechanism.key:
            continue
        view.facts.mechanisms.append(MechanismClaim(agent, mechanism, evidence, outcome))
