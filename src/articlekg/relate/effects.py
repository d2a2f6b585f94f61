"""Reported effects: intervention, effect, outcome, with significance, hedging, negation,
duration and the study that reports them, read from the parse.

Frames (:mod:`articlekg.relate.frames`) give a trigger and the noun it governs; the noun and
the nouns coordinated with it become outcomes (:mod:`articlekg.relate.phrases`); who had the
effect comes from the arcs (:mod:`articlekg.relate.agents`), falling back on the section's
or the article's intervention only where the sentence names none; ConText
(:mod:`articlekg.relate.scope`) negates, hedges or drops each outcome. An effect word inside
a "by ..." or "via ..." phrase of another effect says how that effect comes about (a
mechanism), not what the intervention does. A lead-in ending in ":" hands its effect word to
the list items after it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from articlekg.document import BlockKind, Span
from articlekg.facts import Duration, EntityRef, Finding
from articlekg.relate.agents import (
    agents_of_subject,
    subject_token,
)
from articlekg.relate.claims import claim_sentences, claim_type, duration_of, in_study
from articlekg.relate.condition_frames import condition_words
from articlekg.relate.cues import EFFECT_SIZE, NOT_SIGNIFICANT, SIGNIFICANT
from articlekg.relate.effect_agents import nominal_agents, who
from articlekg.relate.frames import Frame, effect_rules, find_frames, gerund_misread
from articlekg.relate.phrases import (
    Phrase,
    listed_with_statistics,
    phrase_of,
    phrases,
)
from articlekg.relate.scope import scopes
from articlekg.relate.subjects import fallback_subjects
from articlekg.relate.view import ArticleView
from articlekg.relate.words import role_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MEANS = frozenset({"by", "via", "through", "thanks"})
"""Prepositions of means: an effect inside one explains another effect."""
OUTCOME_CATEGORIES = ("Outcome", "Condition")
NOT_OUTCOMES = frozenset({"Intervention", "Mechanism", "Periodical", "Organization"})
REDUCES_A_CONDITION = frozenset({"efficacy", "efficacy_clause", "phrasal"})
"""Frames of help or benefit: for a condition, the help is its reduction."""
NOUN_SUFFIXES = ("ness", "ity", "tion", "sion", "ment", "ence", "ance", "ache", "pain")
"""Word endings that make a noun, whatever the tagger says ("to release stiffness")."""


@dataclass
class Claim:
    """One frame read: who, what effect, which outcomes."""

    frame: Frame
    agents: list[EntityRef]
    outcomes: list[Phrase]
    via: Token | None = None
    """What the sentence says acts for the intervention ("endorphins, which reduce pain")."""


def relate_effects(view: ArticleView, main: EntityRef | None) -> dict[int, list[Claim]]:
    """Add the findings of every claim sentence; returns the claims read, by sentence."""
    claimable = set(claim_sentences(view))
    carried: tuple[str, list[EntityRef]] | None = None
    read: dict[int, list[Claim]] = {}
    reporting = False
    for index in range(len(view.sentences)):
        if index not in claimable:
            carried = None
            continue
        block = view.block_of(index)
        claims = read_claims(view, index, main)
        if not claims and carried is not None and block.kind is BlockKind.LIST_ITEM:
            # "... improvements in:" then "- mood": the item is the outcome.
            claims = _item_claims(view, index, carried)
        elif block.kind is not BlockKind.LIST_ITEM:
            carried = _lead_in(view, index, main)
        if claims:
            read[index] = claims
            # "They reported less fatigue." goes on reporting the study the sentence
            # before reported.
            reporting = in_study(view, index) or (reporting and _points_back(view, index))
            _emit(view, index, claims, reporting)
        _remember_subject(view, index)
    return read


def _anaphor(token: Token) -> bool:
    """'their use', 'its level': a measure of something named before."""
    return token.lemma_.lower() in effect_rules().measure_heads and any(
        c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children
    )


def _points_back(view: ArticleView, index: int) -> bool:
    doc = view.parsed.doc(index)
    first = next((t for t in doc if not t.is_punct), None)
    return first is not None and first.lower_ in role_words().pronouns


def read_claims(view: ArticleView, index: int, main: EntityRef | None) -> list[Claim]:
    named = [(f, _outcomes(view, index, f)) for f in _frames(view, index)]
    # What the sentence says was affected cannot be who affected it.
    affected = frozenset(
        t.i
        for _, outcomes in named
        for p in outcomes
        for t in view.parsed.tokens_within(index, p.span)
    )
    claims = []
    previous: list[Phrase] = []
    for frame, outcomes in named:
        if not outcomes and _anaphor(frame.object) and previous:
            # "decreased their use of X, whereas ... increased their use": the same X.
            outcomes = previous[-1:]
        previous = outcomes or previous
        if not outcomes:
            continue
        found = who(view, index, frame, main, affected)
        if found is None:
            continue
        agents, via, turned = found
        if turned is not None:
            frame = Frame(frame.kind, frame.trigger, frame.object, turned)
        kept = [p for p in outcomes if all(p.ref.key != a.key for a in agents)]
        if kept:
            claims.append(Claim(frame, agents, kept, via))
    return claims


def _remember_subject(view: ArticleView, index: int) -> None:
    """An intervention that a sentence's main clause is about is what 'it' means next."""
    doc = view.parsed.doc(index)
    for root in (t for t in doc if t.dep_ == "ROOT"):
        subject = subject_token(root)
        if subject is not None:
            agents = agents_of_subject(view, index, subject)
            if isinstance(agents, list):
                view.last_subjects = agents


def _frames(view: ArticleView, index: int) -> list[Frame]:
    doc = view.parsed.doc(index)
    named = _named_quotes(doc)
    return [f for f in find_frames(doc) if not _explains_another(f) and f.trigger.i not in named]


QUOTES = {"“": "”", '"': '"', "‘": "’"}
NAMING_WORDS = frozenset({"as", "titled", "entitled", "called", "named"})


def _named_quotes(doc: Doc) -> set[int]:
    """Tokens inside a quotation that names something ('formalised as "how to achieve
    weight reduction"', 'a trial titled "..."'): a name, not a claim."""
    inside: set[int] = set()
    k = 0
    while k < len(doc):
        token = doc[k]
        close = QUOTES.get(token.text)
        if close is not None and k > 0 and doc[k - 1].lower_ in NAMING_WORDS:
            end = next((j for j in range(k + 1, len(doc)) if doc[j].text == close), len(doc))
            inside.update(range(k + 1, end))
            k = end
        k += 1
    return inside


def _explains_another(frame: Frame) -> bool:
    """'reduce pain by relaxing muscles': relaxing muscles is how, not a second effect."""
    for ancestor in frame.trigger.ancestors:
        if ancestor.dep_ in ("prep", "agent") and ancestor.lower_ in MEANS:
            return True
        if ancestor.dep_ == "relcl" and ancestor is not frame.trigger:
            # "... blood vessels, which decreases blood flow": the noun's doing, not X's.
            return any(a.dep_ == "prep" and a.lower_ in MEANS for a in ancestor.ancestors)
    return False


def _state_outcome(view: ArticleView, index: int, frame: Frame) -> list[Phrase]:
    """'help your muscles relax': the outcome is the state, in the article's words."""
    noun, verb = frame.object, frame.trigger
    words = role_words()
    if noun.pos_ == "PRON" or noun.lemma_.lower() in words.people or noun.lower_ in words.people:
        # "help you relax", "relaxes patients": the state itself, by its name
        rules = effect_rules()
        state = rules.state_nouns.get(verb.lemma_.lower())
        if state is None or (noun.pos_ == "PRON" and noun.lower_ not in rules.state_pronouns):
            return []  # "slept as well as those who …": a comparison, not a state given
        span = view.parsed.span_of(index, verb)
        concept = view.lexicon.lookup(state)
        ref = EntityRef(concept.pref_label, concept.iri) if concept else EntityRef(state)
        return [Phrase(span, ref, verb.i)]
    if frame.kind == "state_object":
        return []  # "relax the shoulders": the other frames read what is relaxed
    phrase = phrase_of(view, index, noun)
    if phrase is None:
        return []
    span = Span(phrase.span.start, view.parsed.span_of(index, verb).end)
    return [Phrase(span, view.ref_for_span(span), noun.i)]


def _outcomes(view: ArticleView, index: int, frame: Frame) -> list[Phrase]:
    if frame.kind in ("helped_state", "state_object"):
        return _state_outcome(view, index, frame)
    left = (t for t in frame.object.subtree if t.i < frame.object.i)
    if frame.kind != "gerund_misread" and any(gerund_misread(t) for t in left):
        return []  # "the benefits of X in managing pain": the gerund's own frame reads it
    if _names_an_effect(frame.object) and not _inside_a_term(view, index, frame.object):
        return []  # "greater improvement", "improving pain management": the other frame
    if frame.kind == "active_misread" and not (
        view.mentions_between(index, *_bounds(view, index, frame.object), *OUTCOME_CATEGORIES)
        or frame.object.lower_.endswith(NOUN_SUFFIXES)
    ):
        return []
    if frame.object.pos_ in ("SYM", "NUM", "PUNCT", "X"):
        return []  # "produced (OR = 2.0)": the parser's object is a statistic
    complex_object = _after_complex_preposition(frame.object)
    if complex_object is not None:
        frame = Frame(frame.kind, frame.trigger, complex_object, frame.effect)
    if frame.kind == "active_misread":
        misread = phrase_of(view, index, frame.object, OUTCOME_CATEGORIES, any_word=True)
        named = [misread] if misread is not None else []
    else:
        heads = _object_heads(frame)
        named = [p for h in heads for p in phrases(view, index, h, OUTCOME_CATEGORIES)]
        if named and frame.object.pos_ in ("NOUN", "PROPN"):
            listed = listed_with_statistics(view, index, named[-1])
            known = {p.span for p in named}
            named += [p for p in listed if p.span not in known]
    return [p for p in named if _is_outcome(view, index, p)]


COMPLEX_PREPOSITIONS = frozenset({"respect", "regard", "regards", "term", "terms", "relation"})


def _after_complex_preposition(token: Token) -> Token | None:
    """'a positive response with respect to depression', 'in terms of pain': the noun
    after the whole preposition."""
    if (
        token.lemma_.lower() not in COMPLEX_PREPOSITIONS
        and token.lower_ not in COMPLEX_PREPOSITIONS
    ):
        return None
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("to", "of"):
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _bounds(view: ArticleView, index: int, token: Token) -> tuple[int, int]:
    span = view.parsed.span_of(index, token)
    return span.start, span.end


def _object_heads(frame: Frame) -> list[Token]:
    """The frame's object, and for an effect noun the nouns coordinated with the noun
    itself ("improvement in X as well as Y and Z": the parser hangs Y and Z on it)."""
    heads = [frame.object]
    if frame.kind.startswith("nominal"):
        heads += [
            c
            for c in frame.trigger.conjuncts
            if c.i > frame.object.i and c.pos_ in ("NOUN", "PROPN") and not _names_an_effect(c)
        ]
    return heads


def _inside_a_term(view: ArticleView, index: int, token: Token) -> bool:
    """'side effects of chemotherapy': the word is part of a longer lexicon term."""
    span = view.parsed.span_of(index, token)
    return any(
        m.span.start <= span.start and span.end <= m.span.end and m.span != span
        for m in view.mentions(index)
    )


def _names_an_effect(token: Token) -> bool:
    """An effect noun with what it affects ("improvement in X", "pain management"), not a
    noun that only looks like one ("falls", "a drop-in centre")."""
    rules = effect_rules()
    lemma = token.lemma_.lower()
    if not any(rules.polarity(entry, lemma) for entry in ("nouns", "effect_nouns")):
        return False
    return any(c.dep_ in ("prep", "compound") for c in token.children)


def _is_outcome(view: ArticleView, index: int, phrase: Phrase) -> bool:
    """Not a therapy, a named mechanism or a substance the body releases ("release
    chemicals called endorphins" reduces nothing)."""
    concept = phrase.ref.concept
    if concept is not None and view.lexicon.concepts[concept].category in NOT_OUTCOMES:
        return False
    head = view.parsed.doc(index)[phrase.head]
    if head.lemma_.lower() == "release" and any(c.lower_ == "of" for c in head.children):
        return False  # "triggers the release of serotonin": a means, not an outcome
    words = role_words()
    if any(c.dep_ == "amod" and c.lower_ in words.homeostasis_words for c in head.children):
        return False  # "restore a healthy balance": a state of the body, how it works
    return head.lemma_.lower() not in words.substance_heads | words.abstract_mechanisms


LEAD_IN_REACH = 5
"""Tokens before the colon an effect word of a lead-in may stand at ("improvements in:")."""


def _lead_in(
    view: ArticleView, index: int, main: EntityRef | None
) -> tuple[str, list[EntityRef]] | None:
    """A sentence ending in ':' whose effect word, just before the colon, has no object."""
    if not view.sentence_text(index).rstrip().endswith(":"):
        return None
    rules = effect_rules()
    doc = view.parsed.doc(index)
    for token in reversed(doc[max(0, len(doc) - 1 - LEAD_IN_REACH) :]):
        lemma = token.lemma_.lower()
        effect = next(
            (
                found
                for entry in ("nouns", "verbs", "effect_nouns")
                if (found := rules.polarity(entry, lemma)) is not None
            ),
            None,
        )
        if effect is None:
            continue
        (scope,) = scopes(doc, [(token.i, token.i + 1)])
        if scope.hypothetical:
            return None
        agents = nominal_agents(view, index, Frame("lead-in", token, token, effect))
        named = agents if isinstance(agents, list) else None
        return (
            "noEffect" if scope.negated else effect,
            named or fallback_subjects(view, index, main),
        )
    return None


def _item_claims(
    view: ArticleView, index: int, carried: tuple[str, list[EntityRef]]
) -> list[Claim]:
    effect, agents = carried
    doc = view.parsed.doc(index)
    roots = [t for t in doc if t.dep_ == "ROOT" and t.pos_ in ("NOUN", "PROPN", "ADJ", "VERB")]
    claims = []
    for root in roots:
        phrase = phrase_of(view, index, root, OUTCOME_CATEGORIES)
        if phrase is not None and _is_outcome(view, index, phrase) and agents:
            claims.append(Claim(Frame("list-item", root, root, effect), agents, [phrase]))
    return claims


def _emit(view: ArticleView, index: int, claims: list[Claim], study: bool) -> None:
    span = view.sentences[index].span
    sentence = view.sentence_text(index)
    doc = view.parsed.doc(index)
    targets = [_tokens_of(view, index, p) for c in claims for p in c.outcomes]
    judged = iter(scopes(doc, targets))
    significant: bool | None = None
    if NOT_SIGNIFICANT.search(sentence):
        significant = False
    elif SIGNIFICANT.search(sentence):
        significant = True

    kind = claim_type(view, index, study)
    for claim in claims:
        duration: Duration | None = duration_of(view, index, claim.frame.trigger)
        for phrase in claim.outcomes:
            scope = next(judged)
            if scope.hypothetical:
                continue
            effect = "noEffect" if scope.negated else claim.frame.effect
            if claim.frame.kind in REDUCES_A_CONDITION and is_condition(view, index, phrase):
                effect = "reduces"  # "effective for arthritis": arthritis is what it eases
            size = EFFECT_SIZE.search(
                view.text, phrase.span.end, min(span.end, phrase.span.end + 40)
            )
            outcome = view.add(phrase.ref, "Outcome", phrase.span)
            head = doc[phrase.head]
            if _names_a_condition(view, index, phrase):
                view.add(phrase.ref, "Condition", phrase.span)
            for agent in claim.agents:
                last = agent.label.lower().split()[-1:]
                if last and last[0] in (head.lower_, head.lemma_.lower()):
                    continue  # "impair daily walking": walking is what is harmed, not the agent
                view.facts.findings.append(
                    Finding(
                        intervention=agent,
                        effect=effect,
                        outcome=outcome,
                        evidence=[span],
                        significant=False if effect == "noEffect" else significant,
                        hedged=scope.hedged,
                        negated=effect == "noEffect",
                        duration=duration,
                        study=view.facts.studies[0].key if study and view.facts.studies else None,
                        claim_type=kind,
                        effect_size=float(size.group("value")) if size else None,
                    )
                )


def _names_a_condition(view: ArticleView, index: int, phrase: Phrase) -> bool:
    """'labour pain', 'repetitive strain injury': words the lexicon lacks that name a
    condition by their head, with words of their own before it."""
    head = view.parsed.doc(index)[phrase.head]
    words = condition_words()
    named = head.lemma_.lower() in words.naming_heads or head.lower_.endswith(
        words.condition_suffixes
    )
    own_words = view.parsed.span_of(index, head).start > phrase.span.start
    return phrase.ref.concept is None and named and own_words


def is_condition(view: ArticleView, index: int, phrase: Phrase) -> bool:
    """Something to have less of: a condition, or any outcome not known as good to have."""
    concept = phrase.ref.concept
    if concept is not None and view.lexicon.concepts[concept].category == "Condition":
        return True
    positive = effect_rules().positive_outcomes
    words = {t.lemma_.lower() for t in view.parsed.tokens_within(index, phrase.span)}
    return not words & positive


def _tokens_of(view: ArticleView, index: int, phrase: Phrase) -> tuple[int, int]:
    tokens = list(view.parsed.tokens_within(index, phrase.span))
    return (tokens[0].i, tokens[-1].i + 1) if tokens else (phrase.head, phrase.head + 1)
