"""Reading a noun phrase's parts where the small parser goes wrong: which nouns a list
coordinates (across a bracketed aside, a comma the parser hung on the next item, "and" read
as a modifier), the examples after "such as", and a clause the parser took for a noun
phrase ("Yoga reduced fatigue." read as one noun).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from articlekg.relate.frames import effect_rules, gerund_misread, misread_verb

if TYPE_CHECKING:
    from spacy.tokens import Token

NOUNS = frozenset({"NOUN", "PROPN"})
GENERIC_EXTENSIONS = frozenset({"other", "similar", "related"})
EXAMPLES = frozenset({"including", "like", "especially", "particularly"})


def coordinated(head: Token) -> list[Token]:
    """The head and the heads coordinated with it after it ("pain, mood and sleep"), also
    across a bracketed aside the parser loses track at ("pain (-1.9 points) and mood")."""
    # "anxiety and acute fatigue" read as one noun with "anxiety and" as its modifier.
    heads = [c for c in head.lefts if coordinated_modifier(c)]
    heads.append(head)
    modifiers = effect_rules().words("modifiers")
    for conjunct in sorted((c for c in head.conjuncts if c.i > head.i), key=lambda t: t.i):
        if any(c.lower_ in GENERIC_EXTENSIONS for c in conjunct.lefts):
            break  # "pain and other symptoms": the rest only widens what was named
        if any(c.lower_ in modifiers for c in conjunct.lefts) or effect_word(conjunct):
            break  # "better sleep, less fatigue", "X and improvements in Y": frames of their own
        heads.append(conjunct)
    after = _after_aside(heads[-1])
    while after is not None and after not in heads:
        heads.append(after)
        heads.extend(c for c in after.conjuncts if c.i > after.i and c not in heads)
        after = _after_aside(heads[-1])
    return heads


def _after_aside(head: Token) -> Token | None:
    """'X (...) and Y': Y, when a bracket opens right after X."""
    doc = head.doc
    position = head.i + 1
    if position >= len(doc) or doc[position].text not in "([":
        return None
    depth = 0
    for token in doc[position:]:
        if token.text in "([":
            depth += 1
        elif token.text in ")]":
            depth -= 1
            if depth == 0:
                following = doc[token.i + 1 : token.i + 4]
                if (
                    len(following) >= 2
                    and following[0].lower_ in ("and", "or", ",")
                    and following[1].pos_ not in ("VERB", "AUX")
                ):
                    nouns = [t for t in following[1:] if t.pos_ in NOUNS]
                    candidate = nouns[0] if nouns else None
                    # The noun that heads what follows ("and sleep quality" -> quality).
                    while candidate is not None and candidate.dep_ == "compound":
                        candidate = candidate.head
                    return candidate
                return None
    return None


def examples(head: Token) -> list[Token]:
    """'symptoms such as sickness or hot flushes': sickness (hot flushes follows as its
    conjunct)."""
    found: list[Token] = []
    for child in head.rights:
        if child.dep_ != "prep":
            continue
        such_as = child.lower_ == "as" and any(
            c.lower_ == "such" for c in (*child.lefts, *head.children)
        )
        if such_as or child.lower_ in EXAMPLES:
            # The tagger may take a name after "such as" for an adjective ("rosemary").
            found.extend(
                c
                for c in child.children
                if c.dep_ == "pobj" or (c.dep_ in ("amod", "compound") and c.i > child.i)
            )
    return found


def effect_word(token: Token) -> bool:
    rules = effect_rules()
    return any(rules.polarity(e, token.lemma_.lower()) for e in ("nouns", "effect_nouns"))


ABBREVIATION = re.compile(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*[A-Z0-9]")


def abbreviation(token: Token) -> bool:
    """'HRQOL', 'PSQI': capitals the tagger may take for an adjective."""
    return ABBREVIATION.fullmatch(token.text) is not None


def coordinated_modifier(child: Token) -> bool:
    """A noun modifier with "and"/"or" or a comma after it is a coordinated noun, not a
    modifier ("HRQOL, depressive symptoms" read as one noun phrase)."""
    if child.dep_ not in ("nmod", "compound", "amod"):
        return False
    if child.pos_ not in NOUNS and not abbreviation(child):
        return False  # an adjective, unless it is an abbreviation the tagger misread
    if any(c.dep_ == "cc" for c in child.children) and child.pos_ in NOUNS:
        return True
    doc = child.doc
    # the comma hangs on the modifier or on its head, right after the modifier's own words
    return any(
        after < child.head.i and doc[after].text == "," and doc[after].head in (child, child.head)
        for after in {child.i + 1, child.right_edge.i + 1}
    )


def clause_misread(modifier: Token) -> bool:
    """A verb hung on a noun as its modifier, with a subject or adverb of its own or a noun
    right before it, is a clause the parser took for a noun phrase ("Massage reduced
    pain.", "Yoga lowered fatigue.")."""
    if misread_verb(modifier) or gerund_misread(modifier):
        return True
    if modifier.pos_ not in ("VERB", "AUX") or modifier.dep_ not in ("amod", "compound"):
        return False
    return (
        any(c.dep_ in ("nsubj", "nsubjpass", "advmod", "aux") for c in modifier.children)
        or misread_subject(modifier) is not None
    )


def misread_subject(modifier: Token) -> Token | None:
    """'Yoga reduced fatigue' read as a noun phrase: the noun before the verb, which is its
    subject."""
    if modifier.tag_ not in ("VBD", "VBN") or modifier.i == 0:
        return None
    before = modifier.doc[modifier.i - 1]
    if before.pos_ not in NOUNS or before.head not in (modifier, modifier.head):
        return None
    if before.dep_ not in ("nmod", "compound", "nsubj"):
        return None
    return before
