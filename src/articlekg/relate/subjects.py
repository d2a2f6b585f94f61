"""Who a sentence says had an effect: the arms it names ("both groups", "the yoga group"),
the intervention named first in the effect word's clause or outside a "compared with ..."
phrase, or, failing those, what the section or the article is about."""

from __future__ import annotations

import re

from articlekg.document import BlockKind, Span
from articlekg.facts import EntityRef
from articlekg.relate.cues import ARM_SUBJECT, BOTH, CLAUSE_START, COMPARATOR
from articlekg.relate.view import ArticleView


def sentence_subjects(view: ArticleView, index: int, before: int) -> list[EntityRef]:
    """Who the sentence says had the effect: arms it names, else the first intervention
    named before the effect word, in its clause or outside a 'compared with ...' phrase."""
    span = view.sentences[index].span
    head = view.text[span.start : before]
    arms = _arm_subjects(view, head)
    if arms:
        return arms
    # The subject stands in the effect word's clause: "For X, ... although ... Y to help manage".
    clause = last_match(CLAUSE_START, head)
    if clause is not None:
        inside = _interventions_between(view, index, span.start + clause.end(), before)
        if inside:
            return inside[:1]
    comparator = COMPARATOR.search(head)
    excluded = None
    if comparator is not None:
        comma = head.find(",", comparator.end())
        excluded = Span(
            span.start + comparator.end(), span.start + (comma if comma >= 0 else len(head))
        )
    outside = [
        ref
        for mention, ref in _interventions_with_spans(view, index, span.start, before)
        if excluded is None or not excluded.contains(mention)
    ]
    return outside[:1]


def _arm_subjects(view: ArticleView, head: str) -> list[EntityRef]:
    """'Both groups ...' -> every arm's intervention; 'the yoga group ...' -> that arm's."""
    arms = [a for s in view.facts.studies[:1] for a in s.arms if a.intervention]
    if BOTH.search(head):
        return [a.intervention for a in arms if a.intervention]
    named = ARM_SUBJECT.search(head)
    if named is not None:
        for arm in arms:
            if arm.label.lower().startswith(named.group("name").lower()) and arm.intervention:
                return [arm.intervention]
    return []


def _interventions_with_spans(
    view: ArticleView, index: int, start: int, before: int
) -> list[tuple[Span, EntityRef]]:
    return [
        (m.span, view.ref(m))
        for m in view.mentions(index, "Intervention")
        if start <= m.span.start < before
    ]


def _interventions_between(
    view: ArticleView, index: int, start: int, before: int
) -> list[EntityRef]:
    return [ref for _, ref in _interventions_with_spans(view, index, start, before)]


def clause_subjects(view: ArticleView, index: int, before: int) -> list[EntityRef]:
    """The subject named in the trigger's own clause, when the sentence has several."""
    span = view.sentences[index].span
    head = view.text[span.start : before]
    clause = last_match(CLAUSE_START, head)
    if clause is None:
        return []
    start = span.start + clause.end()
    return _subjects_in(view, index, start, before)


def _subjects_in(view: ArticleView, index: int, start: int, before: int) -> list[EntityRef]:
    arms = _arm_subjects(view, view.text[start:before])
    return arms or _interventions_between(view, index, start, before)[:1]


def last_match(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    found = None
    for found in pattern.finditer(text):  # noqa: B007 - the last one is what we want
        pass
    return found


def heading_subject(view: ArticleView, index: int) -> EntityRef | None:
    """The intervention the sentence's section heading names ("The Role of Massage in ...")."""
    block = view.block_of(index)
    if block.heading is None:
        return None
    for heading_index in view.sentences_of_block(block.heading):
        found = view.mentions(heading_index, "Intervention")
        if found:
            return view.ref(found[0])
    return None


TERM_SEPARATOR = re.compile(r"\s[—–-]\s|:\s")


def item_subject(view: ArticleView, index: int) -> EntityRef | None:
    """'Sports massage – used before or after sport': a list item or label line that names
    an intervention and then describes it is about that intervention."""
    block = view.block_of(index)
    span = view.sentences[index].span
    if (
        block.kind not in (BlockKind.LIST_ITEM, BlockKind.LABEL_VALUE)
        or block.span.start != span.start
    ):
        return None
    separator = TERM_SEPARATOR.search(view.text, span.start, span.end)
    if separator is None:
        return None
    named = _interventions_between(view, index, span.start, separator.start())
    return named[0] if named else None


def fallback_subjects(view: ArticleView, index: int, main: EntityRef | None) -> list[EntityRef]:
    """Who had an effect when the sentence does not say: the intervention its list item or
    section heading names, else what the article is about."""
    subject = item_subject(view, index) or heading_subject(view, index) or main
    return [subject] if subject is not None else []
