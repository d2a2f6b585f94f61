"""Who had an effect when the grammatical subject does not say: the intervention named
before the effect word in the same sentence (not one it is compared with), the one a list
item or a section heading names, else what the article is about."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from articlekg.document import BlockKind
from articlekg.facts import EntityRef, normal_label
from articlekg.relate.phrases import phrase_of
from articlekg.relate.view import ArticleView
from articlekg.relate.words import role_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from articlekg.recognise import Mention

DOSES = frozenset({"dose", "dosage", "amount", "quantity", "session", "course", "part"})
COMPARATORS = frozenset({"than", "versus", "vs", "vs.", "compared", "comparing", "unlike"})
TERM_SEPARATOR = re.compile(r"\s[—–-]\s|:\s")


def named_before(
    view: ArticleView, index: int, trigger: Token, skip: frozenset[int] = frozenset()
) -> list[EntityRef]:
    """The intervention named last before the trigger, outside a comparison ("compared
    with usual care, acupuncture reduced ...") and outside the tokens in ``skip`` (what the
    sentence says was affected), as the sentence words it."""
    candidates: list[tuple[int, EntityRef, bool]] = []
    for token, ref in received(view, index, trigger.doc[: trigger.i]):
        candidates.append((token.i, ref, True))
    for mention in view.mentions(index, "Intervention"):
        found = view.parsed.token_at(index, mention.span.start)
        if found is None or found.i >= trigger.i:
            continue
        token = head = found
        while head.dep_ in ("compound", "amod") and head.head.i < trigger.i:
            head = head.head
        phrase = phrase_of(view, index, head, ("Intervention",))
        category = (
            view.lexicon.concepts[phrase.ref.concept].category
            if phrase is not None and phrase.ref.concept
            else None
        )
        if phrase is not None and category in ("Intervention", None):
            candidates.append((token.i, view.add(phrase.ref, "Intervention", phrase.span), False))
        else:
            candidates.append((token.i, view.add_mention(mention), False))
    doc = trigger.doc
    for position, ref, had in sorted(candidates, key=lambda c: -c[0]):
        token = doc[position]
        # What people received counts wherever it stands; other mentions not in an aside.
        if position not in skip and not _compared(token, trigger) and (had or not _aside(token)):
            return [ref]
    return []


AGENT_LIKE = frozenset({"with", "after", "following", "by", "through", "using", "from"})


def _aside(token: Token) -> bool:
    """Inside a phrase that is not about who acts ("According to X, ...", "in X's view")."""
    words = role_words()
    for ancestor in token.ancestors:
        if ancestor.dep_ == "prep" and ancestor.lower_ not in AGENT_LIKE:
            # "patients in the X group", "evidence for X" stay candidates.
            holder = ancestor.head.lemma_.lower()
            return holder not in words.people and holder not in words.studies
    return False


def received(view: ArticleView, index: int, tokens: Span | Doc) -> list[tuple[Token, EntityRef]]:
    """'people who practise relaxation', 'patients receiving X': what they had is an
    intervention, whatever the lexicon calls the word."""
    words = role_words()
    found: list[tuple[Token, EntityRef]] = []
    for verb in tokens:
        if verb.lemma_.lower() not in words.receiving_verbs or verb.pos_ not in ("VERB", "AUX"):
            continue
        if verb.dep_ == "advcl" or any(c.dep_ == "mark" for c in verb.children):
            continue  # "while undergoing chemotherapy": when, not what they received
        for child in verb.children:
            if child.dep_ not in ("dobj", "obj", "pobj", "prep"):
                continue
            target = child
            if child.dep_ == "prep":  # "participated in X", "engaged in X"
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if not objects:
                    continue
                target = objects[0]
            if target.lemma_.lower() in DOSES:
                continue  # "those who took the lower doses": a dose of the therapy, not one
            phrase = phrase_of(view, index, target)
            if phrase is not None:
                found.append((target, view.add(phrase.ref, "Intervention", phrase.span)))
    return found


def _compared(token: Token, trigger: Token) -> bool:
    for ancestor in token.ancestors:
        if ancestor == trigger:
            return False
        if ancestor.lower_ in COMPARATORS:
            return True
    return False


def item_subject(view: ArticleView, index: int) -> EntityRef | None:
    """'Sports massage – used before or after sport': a list item or label line that names
    an intervention and then describes it is about that intervention."""
    block = view.block_of(index)
    span = view.sentences[index].span
    if block.kind not in (BlockKind.LIST_ITEM, BlockKind.LABEL_VALUE):
        return None
    if block.span.start != span.start:
        return None
    separator = TERM_SEPARATOR.search(view.text, span.start, span.end)
    if separator is None:
        return None
    named = view.mentions_between(index, span.start, separator.start(), "Intervention")
    return as_worded(view, index, named[0]) if named else None


def heading_subject(view: ArticleView, index: int) -> EntityRef | None:
    """The intervention the sentence's section heading names ("The Role of Massage in ...")."""
    block = view.block_of(index)
    if block.heading is None:
        return None
    for heading_index in view.sentences_of_block(block.heading):
        found = view.mentions(heading_index, "Intervention")
        if found:
            return as_worded(view, heading_index, found[0])
    return None


MAX_NAME_WORDS = 3


def as_worded(view: ArticleView, index: int, mention: Mention) -> EntityRef:
    """The intervention a lexicon term names as the article words it: "Cold Water Therapy"
    is not the lexicon's "water therapy", "Gentle Massage" is massage."""
    token = view.parsed.token_at(index, mention.span.end - 1)
    phrase = (
        phrase_of(view, index, token, ("Intervention",), any_word=True)
        if token is not None
        else None
    )
    if phrase is not None and phrase.span.contains(mention.span) and phrase.ref.concept is None:
        return view.add(phrase.ref, "Intervention", phrase.span)
    # A title-cased heading parses poorly: the words before the term, if the article names
    # an intervention by them and the term together, are part of its name.
    start = view.sentences[index].span.start
    words = list(re.finditer(r"\S+", view.text[start : mention.span.start]))
    for word in words[-MAX_NAME_WORDS:]:
        wording = normal_label(view.text[start + word.start() : mention.span.end])
        known = view.facts.entities.get("label:" + wording)
        if known is not None and "Intervention" in known[1]:
            return known[0]
    # Registered with the words that name it: a mention skipped elsewhere (a heading's
    # term taken for part of a title-cased name) would leave the claim's subject unquoted.
    if phrase is not None and phrase.span.contains(mention.span):
        return view.add(phrase.ref, "Intervention", phrase.span)
    return view.add(view.ref(mention), "Intervention", mention.span)


def fallback_subjects(view: ArticleView, index: int, main: EntityRef | None) -> list[EntityRef]:
    """Who had an effect when the sentence does not say: the intervention its list item or
    section heading names, else what the article is about."""
    subject = item_subject(view, index) or heading_subject(view, index) or main
    return [subject] if subject is not None else []
