"""Who had an effect: the intervention a frame's grammatical subject names.

The subject comes from the arcs: the trigger's own subject, or, for a verb without one
("can help to numb pain", "shown to improve mood and reduce anxiety", "which can reduce
pain"), the subject of the verb it depends on. A subject that names an intervention, an arm
("the yoga group", "both groups") or people who received one ("patients who received X")
gives it; a pronoun points back; people and studies without an intervention in them
("Participants reported ...", "The study found ...") leave the choice to the section or the
article; any other subject (a condition, a chemical) means the sentence is about something
else, and the frame states no effect of an intervention.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from articlekg.facts import EntityRef
from articlekg.relate.about import a_therapy_here, title_topic
from articlekg.relate.coordination import coordinated, examples
from articlekg.relate.cues import ARM_SUBJECT, BOTH
from articlekg.relate.frames import effect_rules
from articlekg.relate.phrases import phrase_of
from articlekg.relate.subjects import fallback_subjects, received
from articlekg.relate.view import ArticleView
from articlekg.relate.words import role_words

if TYPE_CHECKING:
    from spacy.tokens import Token

SUBJECT_ARCS = ("nsubj", "nsubjpass", "csubj")
NOUN_TAGS = ("NOUN", "PROPN")
EFFICACY_NOUNS = frozenset(
    {
        "effectiveness",
        "efficacy",
        "effect",
        "effects",
        "benefit",
        "benefits",
        "use",
        "impact",
        "role",
    }
)
CLIMB_ARCS = frozenset(
    {"xcomp", "conj", "advcl", "ccomp", "pcomp", "acl", "prep", "dep", "oprd", "acomp"}
)
MAX_CLIMB = 8
AGENT_PREPOSITIONS = frozenset({"by", "with", "after", "following", "from", "through", "using"})
GROUP_PREPOSITIONS = frozenset({"in", "among", "for", "with", "after", "following"})


class Subject(Enum):
    """What a subject that names no intervention means for the frame."""

    POINTS_BACK = "points back"
    """A pronoun: the subject of the sentence before."""
    UNSTATED = "unstated"
    """People or a study: the section's or the article's intervention."""
    OTHER = "other"
    """Something else acts: no effect of an intervention."""


Agents = list[EntityRef] | Subject


def subject_token(trigger: Token) -> Token | None:
    """The trigger's subject, or that of the verb it depends on."""
    token = trigger
    for _ in range(MAX_CLIMB):
        for child in token.children:
            if child.dep_ in SUBJECT_ARCS and not (token == trigger and child.dep_ == "nsubjpass"):
                if child.tag_ in ("WDT", "WP") and token.dep_ == "relcl":
                    break  # "which", "that", "who": the noun the clause describes, below
                return child
        if token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN"):
            return token.head  # "self-acupressure to help manage", "a process causing X"
        if token.dep_ == "relcl":
            # "endorphins, which reduce pain": the noun it describes; "X is a therapy that
            # works by ...": the subject of "is".
            antecedent = token.head
            if antecedent.dep_ == "attr" and antecedent.head.lemma_ == "be":
                return subject_token(antecedent.head) or antecedent
            if antecedent.dep_ == "pobj" and antecedent.head.lower_ == "as":
                # "X is seen as a treatment that corrects ...": X, the passive's subject
                seeing = antecedent.head.head
                direct = [c for c in seeing.children if c.dep_ in SUBJECT_ARCS]
                return direct[0] if direct else subject_token(seeing) or antecedent
            return antecedent
        if token.dep_ not in CLIMB_ARCS or token.head == token:
            return None
        described = _described(token.head)
        if described is not None:
            return described  # "pain, (often) severe enough to impair sleep": the pain
        token = token.head
    return None


RELEASING = frozenset(
    {"release", "produce", "secrete", "trigger", "stimulate", "increase", "boost"}
)


def released_before(view: ArticleView, index: int, noun: Token) -> list[EntityRef] | None:
    """'... may release natural chemicals, such as endorphins. Endorphins give a feeling of
    well-being.': what the sentence before said a therapy releases acts for it."""
    if index == 0 or view.block_of(index - 1).kind != view.block_of(index).kind:
        return None
    wanted = noun.lemma_.lower()
    previous = view.parsed.doc(index - 1)
    for verb in previous:
        if verb.lemma_.lower() not in RELEASING:
            continue
        # what follows the verb in its clause ("release natural chemicals in the body,
        # such as endorphins": the parser may hang the example anywhere after the verb)
        named = {t.lemma_.lower() for t in verb.subtree if t.i > verb.i}
        if wanted not in named:
            continue
        subject = subject_token(verb)
        if subject is None:
            return None
        agents = agents_of_subject(view, index - 1, subject)
        if isinstance(agents, list):
            return agents
        if agents is Subject.UNSTATED or agents is Subject.POINTS_BACK:
            return view.last_subjects or fallback_subjects(view, index - 1, None) or None
    return None


def _described(adjective: Token) -> Token | None:
    """The noun an adjective with an infinitive describes ("severe enough to ...")."""
    if adjective.pos_ != "ADJ":
        return None
    if adjective.head.pos_ in NOUN_TAGS:
        return adjective.head
    degree = any(c.lower_ in ("enough", "too", "so") for c in adjective.children)
    objects = [c for c in adjective.head.children if c.dep_ in ("dobj", "obj")]
    return objects[0] if degree and objects else None


def further_subject(subject: Token) -> Token | None:
    """The subject of the clause above the one ``subject`` belongs to ("X can help your
    muscles relax and improve Y": the parser may hang "improve" on "relax")."""
    verb = subject.head
    if verb.dep_ not in CLIMB_ARCS or verb.head == verb:
        return None
    return subject_token(verb.head)


NAMING_ARCS = frozenset({"oprd", "attr", "appos", "conj", "compound", "acl"})


def acting_through_verb(
    view: ArticleView, index: int, noun: Token
) -> tuple[list[EntityRef] | None, Token | None]:
    """'X releases chemicals called endorphins, which reduce pain': endorphins act for X.

    The interventions whose verb takes the noun as its object, when the verb's subject
    names them outright (or points back to them).
    """
    token = noun
    for _ in range(MAX_CLIMB):
        if token.dep_ in NAMING_ARCS and token.head != token:
            token = token.head
            continue
        if token.dep_ == "pobj" and token.head.head.pos_ in ("NOUN", "PROPN"):
            token = token.head.head  # "the release of serotonin": the release
            continue
        verb = token.head.head if token.dep_ == "pobj" else token.head
        if token.dep_ not in ("dobj", "pobj", "nsubjpass") or verb.pos_ not in ("VERB", "AUX"):
            return None, None
        subject = subject_token(verb)
        if subject is None:
            return None, None
        agents = agents_of_subject(view, index, subject)
        if isinstance(agents, list):
            return agents, verb
        if agents is Subject.POINTS_BACK and view.last_subjects:
            return view.last_subjects, verb
        return None, None
    return None, None


def purpose_agents(view: ArticleView, index: int, verb: Token) -> list[EntityRef]:
    """'select lavender or marjoram to relieve muscle spasm': what is used for the purpose
    does the effect, whatever the lexicon calls it."""
    if verb.dep_ not in ("advcl", "xcomp") or not any(c.lower_ == "to" for c in verb.lefts):
        return []
    user = verb.head
    if user.lemma_.lower() not in role_words().using_verbs:
        return []
    subject = subject_token(user)
    if subject is not None and isinstance(agents_of_subject(view, index, subject), list):
        return []  # "Pilates uses controlled movements to ...": Pilates acts, by them
    found: list[EntityRef] = []
    for child in user.children:
        # The parser may hang a bare noun object on the verb as an adverb ("select lavender"),
        # even tagging the name an adverb; a name the lexicon knows is still a name.
        if child.dep_ in ("dobj", "obj") or (
            child.dep_ in ("advmod", "npadvmod")
            and (child.pos_ in NOUN_TAGS or _named_intervention(view, index, child))
        ):
            for noun in coordinated(child):
                known = _named_intervention(view, index, noun)
                phrase = phrase_of(view, index, noun, ("Intervention",), any_word=known)
                if phrase is not None:
                    found.append(view.add(phrase.ref, "Intervention", phrase.span))
    return _distinct(found)


def _named_intervention(view: ArticleView, index: int, token: Token) -> bool:
    span = view.parsed.span_of(index, token)
    return any(m.span.contains(span) for m in view.mentions(index, "Intervention"))


def example_agents(view: ArticleView, index: int, subject: Token) -> list[EntityRef]:
    """'Other oils such as rosemary or peppermint ...': the examples are who acts."""
    found: list[EntityRef] = []
    named = examples(subject)
    if not named and subject.lemma_.lower() in effect_rules().generic_heads:
        # "gentle forms of massage such as aromatherapy": the examples of the kind
        for preposition in (c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"):
            named = [e for c in preposition.children if c.dep_ == "pobj" for e in examples(c)]
    for example in named:
        for noun in coordinated(example):
            phrase = phrase_of(view, index, noun, ("Intervention",), any_word=True)
            if phrase is not None:
                found.append(view.add(phrase.ref, "Intervention", phrase.span))
    return _distinct(found)


def agents_of_subject(view: ArticleView, index: int, subject: Token) -> Agents:
    """The interventions a subject phrase names, or what it means when it names none."""
    words = role_words()
    examples = example_agents(view, index, subject)
    if examples:
        return examples
    owners = [c for c in subject.children if c.dep_ == "poss" and c.pos_ in NOUN_TAGS]
    for owner in owners:
        # "foam rolling's ability to ...", "massage's effect on ...": the owner acts
        found = intervention_phrases(view, index, owner)
        if found:
            return found
    if subject.lemma_.lower() in EFFICACY_NOUNS:
        # "the effectiveness of foam rolling to ease soreness": foam rolling
        for preposition in (c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"):
            for target in (c for c in preposition.children if c.dep_ == "pobj"):
                found = intervention_phrases(view, index, target)
                if found:
                    return found
    region = view.parsed.span_of_tokens(
        index, subject.doc[subject.left_edge.i : subject.right_edge.i + 1]
    )
    arms = arm_agents(view, view.text[region.start : region.end])
    if arms:
        return arms
    if subject.tag_ == "VBG" or subject.dep_ == "csubj":
        # "Swimming eases pain" names a therapy; "Pressing these points can help" an act
        phrase = phrase_of(view, index, subject, ("Intervention",))
        concept = phrase.ref.concept if phrase is not None else None
        if (
            phrase is not None
            and concept is not None
            and (view.lexicon.concepts[concept].category == "Intervention")
        ):
            return [view.add(phrase.ref, "Intervention", phrase.span)]
        subtree = subject.doc[subject.left_edge.i : subject.right_edge.i + 1]
        done = [ref for _, ref in received(view, index, subtree)]  # "Doing acupressure ..."
        return _distinct(done) if done else Subject.UNSTATED
    named = intervention_phrases(view, index, subject)
    if named:
        return named
    inside = [
        ref
        for _, ref in received(
            view, index, subject.doc[subject.left_edge.i : subject.right_edge.i + 1]
        )
    ] or [
        view.add_mention(m)
        for m in view.mentions_between(index, region.start, region.end, "Intervention")
    ]
    if inside:
        # "Patients who received aromatherapy massage ...": whom they received it from.
        return _distinct(inside)
    lemma = subject.lemma_.lower()
    if subject.lower_ in words.pronouns or lemma in words.pronouns:
        return Subject.POINTS_BACK
    if subject.tag_ == "VBG" or subject.dep_ == "csubj":
        return Subject.UNSTATED  # "Pressing these points can help ...": doing the therapy
    if lemma in words.instrument_nouns:
        return Subject.UNSTATED  # "needles inserted into the skin release ...": the therapy's
    if lemma in words.people or lemma in words.studies or subject.lower_ in words.people:
        return Subject.UNSTATED
    return Subject.OTHER


def intervention_phrases(view: ArticleView, index: int, head: Token) -> list[EntityRef]:
    """Interventions a noun and the nouns coordinated with it name ("Relaxation and
    meditation"): lexicon interventions, defined abbreviations of them, and phrases the
    lexicon does not know whose head is a therapy word ("cold plunge therapy")."""
    words = role_words()
    found: list[EntityRef] = []
    for noun in coordinated(head):
        phrase = phrase_of(view, index, noun, ("Intervention",))
        if phrase is None:
            continue
        if noun.lemma_.lower() in words.studies:
            continue  # "a placebo-controlled study" is a study, whatever it compared
        if noun.lemma_.lower() in words.people:
            # "the yoga group", "acupuncture patients": the therapy they are named after.
            found.extend(
                view.add_mention(m)
                for m in view.mentions_between(
                    index, phrase.span.start, phrase.span.end, "Intervention"
                )
            )
            continue
        concept = phrase.ref.concept
        single = " " not in view.text[phrase.span.start : phrase.span.end].strip()
        if concept is None and single and noun.lemma_.lower() in effect_rules().generic_heads:
            continue  # "classes", "the treatment": a generic word names no intervention
        known = a_therapy_here(view, phrase.ref)
        label_head = phrase.ref.label.split()[-1].lower() if phrase.ref.label.split() else ""
        therapy_word = concept is None and (
            noun.lemma_.lower() in words.intervention_heads
            or noun.lower_ in words.intervention_heads
            or label_head in words.intervention_heads  # an abbreviation's long form
            or bool(
                view.mentions_between(index, phrase.span.start, phrase.span.end, "Intervention")
            )
        )
        topic = concept is None and not single and title_topic(view, phrase.ref, noun)
        if known or therapy_word or topic:
            found.append(view.add(phrase.ref, "Intervention", phrase.span))
    return _distinct(found)


def prepositional_agents(view: ArticleView, index: int, *heads: Token) -> list[EntityRef]:
    """'by reflexology', 'with massage', 'in the yoga group', 'among those who received X'."""
    for head in heads:
        for child in head.children:
            if child.dep_ not in ("prep", "agent") or child.lower_ not in (
                AGENT_PREPOSITIONS | GROUP_PREPOSITIONS
            ):
                continue
            if child.lower_ == "than" or any(a.lower_ == "than" for a in child.ancestors):
                continue
            span = view.parsed.span_of_tokens(index, child.doc[child.i : child.right_edge.i + 1])
            text = view.text[span.start : span.end]
            arms = arm_agents(view, text)
            if arms:
                return arms
            for part in child.children:
                if part.dep_ == "pobj":
                    phrases = intervention_phrases(view, index, part)
                    if phrases:
                        return phrases
            named = view.mentions_between(index, span.start, span.end, "Intervention")
            if named:
                return [view.add_mention(named[0])]
    return []


def arm_agents(view: ArticleView, text: str) -> list[EntityRef]:
    """'Both groups ...' -> every arm's intervention; 'the yoga group ...' -> that arm's."""
    arms = [a for s in view.facts.studies[:1] for a in s.arms if a.intervention]
    if BOTH.search(text):
        return _distinct([a.intervention for a in arms if a.intervention])
    named = ARM_SUBJECT.search(text)
    if named is not None:
        name = named.group("name").lower()
        for arm in arms:
            words = f"{arm.label} {arm.intervention.label if arm.intervention else ''}".lower()
            if name in words.split() and arm.intervention:
                return [arm.intervention]
    return []


def _distinct(refs: list[EntityRef]) -> list[EntityRef]:
    seen: dict[str, EntityRef] = {}
    for ref in refs:
        seen.setdefault(ref.key, ref)
    return list(seen.values())
