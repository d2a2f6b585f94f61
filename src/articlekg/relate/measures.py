"""What a study measured: its "Measurements:" or "Outcomes tracked:" lines, sentences
saying what was recorded, and every outcome its findings report."""

from __future__ import annotations

import re

from articlekg.document import Span
from articlekg.relate.view import ArticleView, split_items

CLAUSE_WORD = re.compile(
    r"\b(?:is|are|was|were|be|been|obtained|included|primary|secondary)\b", re.I
)
MEASURE_LABEL = re.compile(r"measure|outcome|assess|endpoint|tracked|captured", re.I)
MEASURE_VERB = re.compile(
    r"\b(?:were|was)\s+(?:recorded|measured|assessed|evaluated|tracked|obtained)\b"
)


def relate_measures(view: ArticleView) -> None:
    """What the main study measured: its measurement lines and what it reports on."""
    if not view.facts.studies:
        return
    study = view.facts.studies[0]
    document = view.document
    seen: set[str] = set()
    for index in range(len(view.sentences)):
        block = view.block_of(index)
        span = view.sentences[index].span
        labelled = block.label is not None and MEASURE_LABEL.search(document.slice(block.label))
        if not labelled and not MEASURE_VERB.search(view.sentence_text(index)):
            continue
        region = block.value if labelled and block.value and block.value.overlaps(span) else span
        start = max(region.start, span.start)
        for item in split_items(view.text, Span(start, span.end)):
            mentions = view.mentions_between(index, item.start, item.end, "Outcome", "Condition")
            if mentions:
                refs = [view.add_mention(m, "Outcome") for m in mentions]
            elif (
                labelled
                and len(view.text[item.start : item.end].split()) <= 6
                and not CLAUSE_WORD.search(view.text[item.start : item.end])
            ):
                refs = [view.add_span(item, "Outcome")]
            else:
                refs = []
            for ref in refs:
                if ref.key not in seen:
                    seen.add(ref.key)
                    study.measures.append((ref, span))


def measured_outcomes(view: ArticleView) -> None:
    """A study measured every outcome it reports a finding on."""
    for study in view.facts.studies:
        known = {ref.key for ref, _ in study.measures}
        for finding in view.facts.findings:
            if finding.study == study.key and finding.outcome.key not in known:
                known.add(finding.outcome.key)
                study.measures.append((finding.outcome, finding.evidence[0]))
