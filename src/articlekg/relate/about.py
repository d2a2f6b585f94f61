"""What an article is about: the intervention it names most, counted as the article words
it ("cold water therapy" is not the lexicon's "water therapy"), with its title counting
double.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from typing import TYPE_CHECKING

from articlekg.document import BlockKind, Span
from articlekg.facts import EntityRef, normal_label
from articlekg.relate.coordination import NOUNS
from articlekg.relate.frames import effect_rules
from articlekg.relate.phrases import phrase_of
from articlekg.relate.view import ArticleView
from articlekg.relate.wording import rule_table
from articlekg.relate.words import role_words

if TYPE_CHECKING:
    from spacy.tokens import Token

TITLE_WEIGHT = 2
HEAD_ARCS = frozenset({"compound", "amod", "nmod", "poss"})
"""A noun on these arcs modifies another: it is not the head of a phrase."""


def intervention_mentions(view: ArticleView) -> dict[str, list[tuple[EntityRef, Span, int]]]:
    """Every phrase that names an intervention, by entity key: (entity, span, weight)."""
    words = role_words()
    found: dict[str, list[tuple[EntityRef, Span, int]]] = {}
    # heads of therapies the lexicon lacks that the effect rules already read as therapies
    read_heads = {
        ref.label.lower().split()[-1]
        for ref, kinds, _ in view.facts.entities.values()
        if "Intervention" in kinds and ref.concept is None and ref.label.split()
    }
    for index in range(len(view.sentences)):
        weight = TITLE_WEIGHT if view.block_of(index).kind is BlockKind.TITLE else 1
        for token in view.parsed.doc(index):
            if token.dep_ in HEAD_ARCS and token.head.lemma_.lower() in words.intervention_heads:
                continue  # a modifier of a therapy word: counted with that word's phrase
            head_span = view.parsed.span_of(index, token)
            named = [
                m
                for m in view.mentions(index, "Intervention")
                if m.span.start <= head_span.start and head_span.end <= m.span.end
            ]
            if token.pos_ not in NOUNS and not named:
                continue  # the tagger may read a therapy's name as an adjective ("a reiki trial")
            if named and any(m.span.end > head_span.end for m in named):
                continue  # not the last word of the term ("tai" in "tai chi")
            if _modifies_a_condition(view, index, token):
                continue  # "radiation-induced xerostomia" is about xerostomia
            therapy_word = token.lemma_.lower() in words.intervention_heads
            if not named and not therapy_word and token.lower_ not in read_heads:
                continue
            phrase = phrase_of(view, index, token, ("Intervention",), any_word=bool(named))
            if phrase is None:
                continue
            if not named and not therapy_word and not a_therapy_here(view, phrase.ref):
                continue  # a word the lexicon lacks counts once the text made it a therapy
            single_word = len(view.text[phrase.span.start : phrase.span.end].split()) == 1
            if phrase.ref.concept is None and not named and single_word:
                continue  # "treatment", "therapy": a generic word, not a named intervention
            if phrase.ref.concept is not None and (
                view.lexicon.concepts[phrase.ref.concept].category != "Intervention"
            ):
                continue
            found.setdefault(phrase.ref.key, []).append((phrase.ref, phrase.span, weight))
    return found


def a_therapy_here(view: ArticleView, ref: EntityRef) -> bool:
    """A lexicon intervention, or a word the lexicon files under another category
    ("relaxation" is mostly an outcome) that this article already treats as its therapy."""
    if ref.concept is not None and view.lexicon.concepts[ref.concept].category == "Intervention":
        return True
    known = view.facts.entities.get(ref.key)
    return known is not None and "Intervention" in known[1]


def _modifies_a_condition(view: ArticleView, index: int, token: Token) -> bool:
    head = token
    while head.dep_ in ("compound", "amod", "npadvmod", "nmod") and head.head != head:
        head = head.head
    if head == token:
        return False
    span = view.parsed.span_of(index, head)
    return any(
        m.span.start <= span.start and span.end <= m.span.end
        for m in view.mentions(index, "Condition", "Outcome")
    )


def main_intervention(view: ArticleView) -> EntityRef | None:
    """The article's declared central entity, else the intervention it names most (first
    named wins a tie)."""
    for ref, role, _ in view.facts.central:
        if role == "central":
            return ref
    return _most_named(view, with_findings=False)


def _most_named(view: ArticleView, with_findings: bool) -> EntityRef | None:
    """The intervention named most; once findings are read, each finding it has counts
    extra (an article about massage during chemotherapy names chemotherapy often too)."""
    found = intervention_mentions(view)
    if not found:
        return None
    counts = Counter({key: sum(w for _, _, w in uses) for key, uses in found.items()})
    if with_findings:
        for finding in view.facts.findings:
            if finding.intervention.key in counts:
                counts[finding.intervention.key] += FINDING_WEIGHT
    first = {key: min(span.start for _, span, _ in uses) for key, uses in found.items()}
    best = min(counts, key=lambda key: (-counts[key], first[key]))
    ref = found[best][0][0]
    for _, span, _ in found[best]:
        view.add(ref, "Intervention", span)
    return ref


FINDING_WEIGHT = 3
MIN_SUPPORTING_MENTIONS = 2


def condition_counts(view: ArticleView) -> Counter[str]:
    """How often the article names each condition (as an entity key): every occurrence of
    its wording, the title's counting double, with statistics on it and links from it
    counting extra."""
    counts: Counter[str] = Counter()
    lowered = view.text.lower()
    for key, (ref, kinds, spans) in view.facts.entities.items():
        if "Condition" not in kinds:
            continue
        wordings = {ref.label.lower()} | {view.text[s.start : s.end].lower() for s in spans}
        pattern = re.compile(
            r"(?<!\w)(?:"
            + "|".join(re.escape(w) for w in sorted(wordings, key=len, reverse=True))
            + r")(?!\w)"
        )
        for index, sentence in enumerate(view.sentences):
            weight = TITLE_WEIGHT if view.block_of(index).kind is BlockKind.TITLE else 1
            found = pattern.findall(lowered, sentence.span.start, sentence.span.end)
            counts[key] += weight * len(found)
    subjects = [s.subject for s in view.facts.statistics] + [
        r.condition for r in view.facts.condition_relations
    ]
    for subject in subjects:
        if subject.key in counts:
            counts[subject.key] += FINDING_WEIGHT
    return counts


def infer_about(view: ArticleView, main: EntityRef | None) -> None:
    """Without a topical map, the article is about its main intervention and the condition
    it names most (when it names one more than once)."""
    facts = view.facts
    if any(role == "central" for _, role, _ in facts.central):
        return
    # once findings are read, a therapy the lexicon lacks may be named ("sauna use")
    central = _most_named(view, with_findings=True) or main
    if central is None:
        return
    facts.central.append((central, "central", None))
    counts = condition_counts(view)
    if not counts:
        return
    first = {key: min((s.start for s in facts.entities[key][2]), default=0) for key in counts}
    best = min(counts, key=lambda key: (-counts[key], first[key]))
    if counts[best] >= MIN_SUPPORTING_MENTIONS:
        facts.central.append((facts.entities[best][0], "supporting", None))


def title_topic(view: ArticleView, ref: EntityRef, head: Token) -> bool:
    """'Forest Bathing Benefits' … 'Forest bathing lowers stress': a phrase the lexicon
    does not know, which the title names and which acts in the text, is the article's
    therapy, unless its head names a condition or a good ("Chronic pain reduces …")."""
    heads, suffixes = _condition_words()
    lemma = head.lemma_.lower()
    if lemma in heads or lemma in effect_rules().positive_outcomes:
        return False
    if head.lower_.endswith(suffixes):
        return False
    words = normal_label(ref.label).split()
    while len(words) > 1 and words[0] in effect_rules().non_identity_modifiers:
        words = words[1:]  # "regular sauna use" is what the title calls "sauna use"
    said = re.compile(rf"(?<!\w){re.escape(' '.join(words))}(?!\w)")
    return any(
        said.search(normal_label(view.document.slice(block.span)))
        for block in view.document.blocks
        if block.kind is BlockKind.TITLE
    )


@cache
def _condition_words() -> tuple[frozenset[str], tuple[str, ...]]:
    """Heads that name a condition or a kind of one, and endings that do."""
    table = rule_table("conditions")
    heads = frozenset(table["condition_heads"]) | frozenset(table["generic_heads"])
    return heads, tuple(table["condition_suffixes"])
