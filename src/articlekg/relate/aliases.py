"""Other names an article gives a thing: "cold water therapy, also known as cold
hydrotherapy or cold immersion therapy", "reflexology (also called zone therapy)".

Each name becomes a label of the first one's entity, so later sentences that use it mean
the same entity. Read from the parse: a naming verb ("known as", "called", "referred to
as") hung on a noun.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from articlekg.facts import normal_label
from articlekg.relate.coordination import coordinated
from articlekg.relate.phrases import phrase_of
from articlekg.relate.view import ArticleView
from articlekg.relate.words import role_words

if TYPE_CHECKING:
    from spacy.tokens import Token

NAMING_VERBS = frozenset({"know", "call", "name", "term", "refer", "describe"})
NAME_ARCS = frozenset({"oprd", "dobj", "attr"})


def relate_aliases(view: ArticleView) -> None:
    for index in range(len(view.sentences)):
        for token in view.parsed.doc(index):
            if token.lemma_.lower() not in NAMING_VERBS:
                continue
            if token.dep_ in ("acl", "relcl"):
                _aliases(view, index, token, token.head)
            elif any(c.dep_ == "oprd" for c in token.children):
                # "X, also called Y, ...", read with "called" as the main verb
                subjects = [c for c in token.children if c.dep_ == "nsubj"]
                if subjects:
                    _aliases(view, index, token, subjects[0])


def _aliases(view: ArticleView, index: int, verb: Token, named: Token) -> None:
    canonical = phrase_of(view, index, named)
    if canonical is None:
        return
    names: list[Token] = []
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "as":
            names.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ in NAME_ARCS:
            names.append(child)
    for name in names:
        for noun in coordinated(name):
            alias = phrase_of(view, index, noun)
            if alias is None or alias.ref.key == canonical.ref.key:
                continue
            if canonical.ref.concept is None and (
                alias.ref.concept is not None
                or named.lemma_.lower() in role_words().substance_heads
            ):
                continue  # "chemicals called endorphins": the name is the thing, not a label
            view.aliases.setdefault(normal_label(alias.ref.label), canonical.ref)
            label = normal_label(view.text[alias.span.start : alias.span.end])
            view.aliases.setdefault(label, canonical.ref)
            view.add(canonical.ref, "Entity", alias.span)
