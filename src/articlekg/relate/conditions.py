"""Links between conditions: "bone metastases caused by ... cancers", "Common in breast,
prostate, and lung cancers", "vomiting can lead to dehydration".
"""

from __future__ import annotations

import re

from articlekg.document import Span
from articlekg.facts import ConditionRelation, EntityRef
from articlekg.recognise import Mention
from articlekg.relate.statistics import _subject_of_list
from articlekg.relate.view import ArticleView, masked

CAUSED_BY = re.compile(
    r"\b(?:caused by|due to|resulting from|secondary to|arising from|induced by)\b", re.I
)
LEADS_TO = re.compile(
    r"\b(?:(?:can|may|will|often)\s+)?(?:leads? to|causes|cause|results? in)\b", re.I
)
COMMON_IN = re.compile(
    r"\b(?:(?:most\s+)?common(?:est)?|(?:most\s+)?frequent|prevalent)\s+(?:in|among)\b|"
    r"\bamong the most common \w+ experienced by\b",
    re.I,
)
COMPLICATION_OF = re.compile(r"\bcomplications? of\b", re.I)
# ", and" opens a clause only when a verb follows before the next comma ("..., and anaemia
# due to bleeding is rare"); in "breast, lung, and gastrointestinal types" it joins a list.
CLAUSE_BOUNDARY = re.compile(
    r";|\.\s|,\s+(?:but|while|whereas|although)\s|"
    r",\s+and\s(?=[^,;.]*\b(?:is|are|was|were|can|may|might|will|would|has|have|had|does|do)\b)",
    re.I,
)
# Stops before "risk of": the lexicon may read "risk of infection" as one term.
RISK = re.compile(r"\bincreases? (?:your |the )?(?=risk of\b)", re.I)


def clause_around(view: ArticleView, span: Span, start: int, end: int) -> Span:
    """The clause holding text[start:end]: between ', and', ';', ', but' ... boundaries."""
    visible = masked(view.text, span.start, span.end)
    left = span.start
    right = span.end
    for boundary in CLAUSE_BOUNDARY.finditer(visible):
        if span.start + boundary.end() <= start:
            left = span.start + boundary.end()
        elif span.start + boundary.start() >= end:
            right = span.start + boundary.start()
            break
    return Span(left, right)


def relate_conditions(view: ArticleView) -> None:
    for index, sentence in enumerate(view.sentences):
        span = sentence.span
        text = view.text
        conditions = view.mentions(index, "Condition", "Outcome")
        for match in CAUSED_BY.finditer(text, span.start, span.end):
            clause = clause_around(view, span, match.start(), match.end())
            left = [
                m
                for m in conditions
                if clause.start <= m.span.start and m.span.end <= match.start()
            ]
            right = [
                m for m in conditions if match.end() <= m.span.start and m.span.end <= clause.end
            ]
            if left and right:
                _link(view, left[-1], "causedBy", specific(view, right), span)
        for match in LEADS_TO.finditer(text, span.start, span.end):
            left = [m for m in conditions if m.span.end <= match.start()]
            right = [
                m for m in conditions if m.span.start >= match.end() and m.category == "Condition"
            ]
            if (
                left
                and right
                and not view.mentions_between(index, span.start, match.start(), "Intervention")
            ):
                for target in right:
                    _link(view, target, "causedBy", [left[-1]], span)
        for match in COMPLICATION_OF.finditer(text, span.start, span.end):
            left = [m for m in conditions if m.span.end <= match.start()]
            right = [m for m in conditions if m.span.start >= match.end()]
            if left and right:
                _link(view, left[0], "complicationOf", right[:1], span)
        for match in RISK.finditer(text, span.start, span.end):
            left = [m for m in conditions if m.span.end <= match.start()]
            right = [m for m in conditions if m.span.start >= match.end()]
            if left and right:
                _link(view, right[0], "hasRiskFactor", left[-1:], span)
        for match in COMMON_IN.finditer(text, span.start, span.end):
            right = [m for m in view.mentions(index, "Condition") if m.span.start >= match.end()]
            left = [m for m in conditions if m.span.end <= match.start()]
            subjects: list[EntityRef] = [view.ref(m) for m in left]
            if not subjects:
                listed = _subject_of_list(view, index)
                subjects = [listed] if listed is not None else []
            for subject in subjects:
                view.add(subject, "Condition", None)
                for target in right:
                    related = view.add_mention(target, "Condition")
                    view.facts.condition_relations.append(
                        ConditionRelation(subject, "commonIn", related, [span])
                    )


def specific(view: ArticleView, mentions: list[Mention]) -> list[Mention]:
    """'cancers including breast, lung ...': the examples, not the general term before them."""
    kept = []
    for k, mention in enumerate(mentions):
        follows = view.text[mention.span.end : mention.span.end + 14].lower()
        if k + 1 < len(mentions) and re.match(
            r"\s*,?\s*(?:including|such as|like|e\.g\.)", follows
        ):
            continue
        kept.append(mention)
    return kept


def _link(
    view: ArticleView, subject: Mention, relation: str, targets: list[Mention], span: Span
) -> None:
    condition = view.add_mention(subject, "Condition")
    for target in targets:
        related = view.add_mention(target, "Condition")
        view.facts.condition_relations.append(
            ConditionRelation(condition, relation, related, [span])
        )
