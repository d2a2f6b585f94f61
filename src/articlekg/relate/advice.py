"""Practice advice and precautions, read from the parse (:mod:`articlekg.relate.advice_frames`).

Where advice is read: running text and list items, never in the parts of a paper that
describe what was done or found (methods, participants, results, ...) unless the section
also names advice. An imperative of any verb is advice in an advice or safety section, or
in a list whose lead-in or heading speaks of practice or safety; elsewhere only the verbs
of the cue list (avoid, check, consult, ...) or a negated imperative are. A list item that
is an imperative is advice as a whole. A lead-in that gives advice and ends in a colon
("Do not do X if:", "Avoid X if you:") governs each item after it that is not advice of its
own: each item is one piece of advice, the lead-in's words followed by the item's.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from articlekg.document import BlockKind, Span
from articlekg.facts import EntityRef, Recommendation
from articlekg.language import english
from articlekg.relate.advice_frames import AdviceFrame, find_advice
from articlekg.relate.advice_words import advice_words
from articlekg.relate.view import ArticleView, clean_label

if TYPE_CHECKING:
    from spacy.tokens import Doc

READ_IN = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.LABEL_VALUE)


def relate_advice(view: ArticleView) -> None:
    lead: tuple[int, AdviceFrame] | None = None
    for index, sentence in enumerate(view.sentences):
        block = view.block_of(index)
        if block.kind not in READ_IN or not _may_advise(view, index):
            lead = None
            continue
        in_list = block.kind is BlockKind.LIST_ITEM
        any_verb = _any_verb(view, index, in_list)
        doc = _doc(view, index, in_list and any_verb)
        frames = find_advice(doc, any_verb)
        if view.sentence_text(index).rstrip().endswith(":"):
            # A lead-in is not advice by itself: its items complete it.
            lead = (index, frames[0]) if frames and not in_list else None
            continue
        if in_list and not frames and lead is not None:
            _add_governed(view, lead, index)
            continue
        if not in_list:
            lead = None
        for frame in frames:
            if in_list and frame.frame == "imperative":
                if any_verb:
                    _add(view, index, view.trimmed(sentence.span), frame.kind)
            else:
                span = view.parsed.span_of_tokens(index, doc[frame.start : frame.end])
                if block.value is not None and span.start < block.value.start < span.end:
                    span = Span(block.value.start, span.end)  # "Conclusion: X can be ..."
                _add(view, index, view.trimmed(span), frame.kind)


def _doc(view: ArticleView, index: int, listed_advice: bool) -> Doc:
    """The sentence's parse. The tagger reads a capitalised first word of a short list item
    as a noun ("Employ licensed therapists"); where an item under an advice lead-in opens
    with a word not tagged as a verb, the item is parsed again with that word in lower
    case (same length, so offsets stay)."""
    doc = view.parsed.doc(index)
    if not listed_advice or not len(doc) or doc[0].tag_ == "VB" or not doc[0].is_title:
        return doc
    text = doc.text
    return english()(text[0].lower() + text[1:])


def _may_advise(view: ArticleView, index: int) -> bool:
    words = advice_words()
    slots = view.slots(index)
    return bool(slots & words.advice_slots) or not (slots & words.no_advice_slots)


def _any_verb(view: ArticleView, index: int, in_list: bool) -> bool:
    """In an advice or safety section, or a list whose lead-in or heading speaks of
    practice or safety, an imperative of any verb is advice."""
    words = advice_words()
    if view.slots(index) & words.advice_slots:
        return True
    if not in_list:
        return False
    document = view.document
    item = view.sentences[index].block
    lead = item - 1
    while lead >= 0 and document.blocks[lead].kind is BlockKind.LIST_ITEM:
        lead -= 1
    texts = [document.heading_text(document.blocks[item]) or ""]
    if lead >= 0:
        texts.append(document.slice(document.blocks[lead].span))
    return any(
        w in words.setting_words for text in texts for w in re.findall(r"[a-z]+", text.lower())
    )


def _add_governed(view: ArticleView, lead: tuple[int, AdviceFrame], index: int) -> None:
    """'Do not do X if:' + '- you are pregnant': 'Do not do X if you are pregnant'."""
    lead_index, frame = lead
    doc = view.parsed.doc(lead_index)
    lead_span = view.trimmed(view.parsed.span_of_tokens(lead_index, doc[frame.start : frame.end]))
    item_span = view.trimmed(view.sentences[index].span)
    label = clean_label(
        f"{view.text[lead_span.start : lead_span.end]} {view.text[item_span.start : item_span.end]}"
    )
    ref = view.add(EntityRef(label), "Recommendation", lead_span)
    view.add(ref, "Recommendation", item_span)
    view.facts.recommendations.append(
        Recommendation(
            text=ref.label,
            kind=frame.kind,
            evidence=[view.sentences[lead_index].span, view.sentences[index].span],
            concerns=_concerns(view, lead_index, lead_span) or _concerns(view, index, item_span),
        )
    )


def _add(view: ArticleView, index: int, advice: Span, kind: str) -> None:
    ref = view.add_span(advice, "Recommendation")
    evidence = view.sentences[index].span
    for known in view.facts.recommendations:
        if known.text == ref.label and known.kind == kind:
            # the same advice given again (or read twice in one item)
            if evidence not in known.evidence:
                known.evidence.append(evidence)
            return
    view.facts.recommendations.append(
        Recommendation(
            text=ref.label,
            kind=kind,
            evidence=[evidence],
            concerns=_concerns(view, index, advice),
        )
    )


def _concerns(view: ArticleView, index: int, advice: Span) -> EntityRef | None:
    named = view.mentions_between(index, advice.start, advice.end, "Intervention")
    return view.ref(named[0]) if named else None
