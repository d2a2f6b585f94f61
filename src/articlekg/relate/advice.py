"""Practice advice and precautions.

List items that start with an imperative verb, in a section or under a lead-in about
practice, safety or implementation, and sentences such as "It is advisable to X" or
"You should (also) avoid X". Advice to avoid, check, stop or not do something is a
precaution; the rest is practice.
"""

from __future__ import annotations

import re

from articlekg.document import BlockKind, Span
from articlekg.facts import Recommendation
from articlekg.relate.view import ArticleView

IMPERATIVE = re.compile(
    r"^(?:employ|avoid|integrate|check|use|work|keep|consult|ask|ensure|choose|seek|tell|"
    r"do not|don't|never|always|stop|monitor|discuss|consider|start|begin|limit|make sure|"
    r"schedule|inform|apply|combine|offer|refer|screen|document|train|hire|include|"
    r"encourage|wait|drink|take|continue)\b",
    re.I,
)
PRECAUTION = re.compile(
    r"^(?:avoid|check|do not|don't|never|stop|monitor|screen|wait|limit)\b", re.I
)
ADVICE_CONTEXT = re.compile(
    r"safe|precaution|implement|practice|tip|advice|recommend|guideline|before|how to|should|"
    r"benefit|protocol|rules|checklist",
    re.I,
)
# Only warnings open running text as imperatives reliably: "Use of X ..." is a noun phrase.
PROSE_PRECAUTION = re.compile(r"(?:avoid|do not|don't|never)\s+(?!of\b)\w", re.I)
PROSE_ADVICE = re.compile(
    r"\b(?:it is (?:advisable|recommended|important|best) to|you should(?: also)?|"
    r"(?:patients|people)(?:\s+[\w-]+){0,3}?\s+should(?: also)?|we recommend(?: that you)?|"
    r"you must)\s+(?P<advice>.+?)[.!]?$",
    re.I,
)


def relate_advice(view: ArticleView) -> None:
    for index, sentence in enumerate(view.sentences):
        block = view.block_of(index)
        text = view.sentence_text(index)
        span = sentence.span
        if (
            block.kind is BlockKind.LIST_ITEM
            and IMPERATIVE.match(text)
            and _advice_setting(view, sentence.block)
        ):
            advice = view.trimmed(span)
            _add(view, Span(advice.start, advice.end), span)
            continue
        if block.kind is BlockKind.PARAGRAPH and PROSE_PRECAUTION.match(text):
            _add(view, view.trimmed(span), span)
            continue
        prose = PROSE_ADVICE.search(text)
        if prose is not None and block.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM):
            start = span.start + prose.start("advice")
            advice = view.trimmed(Span(start, span.start + prose.end("advice")))
            _add(view, advice, span)


def _advice_setting(view: ArticleView, block_index: int) -> bool:
    """A list is advice when its heading or lead-in sentence speaks of practice or safety."""
    document = view.document
    block = document.blocks[block_index]
    lead = block_index - 1
    while lead >= 0 and document.blocks[lead].kind is BlockKind.LIST_ITEM:
        lead -= 1
    texts = [view.document.heading_text(block) or ""]
    if lead >= 0:
        texts.append(document.slice(document.blocks[lead].span))
    return any(ADVICE_CONTEXT.search(t) for t in texts)


def _add(view: ArticleView, advice: Span, evidence: Span) -> None:
    text = view.text[advice.start : advice.end]
    kind = "precaution" if PRECAUTION.match(text) else "practice"
    concerns = view.mentions_between(
        next(i for i, s in enumerate(view.sentences) if s.span.contains(advice)),
        advice.start,
        advice.end,
        "Intervention",
    )
    ref = view.add_span(advice, "Recommendation")
    view.facts.recommendations.append(
        Recommendation(
            text=ref.label,
            kind=kind,
            evidence=[evidence],
            concerns=view.ref(concerns[0]) if concerns else None,
        )
    )
