"""How references to studies become studies: a reference merges into a study it agrees
with (no conflicting title, design, journal, year, size or kind of research) when it refers
back to it, shares what identifies it, or stands in the same paragraph or record.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from articlekg.document import Span
from articlekg.facts import Study, normal_label
from articlekg.relate.study_rules import ABSTRACT_SLOTS, study_rules
from articlekg.relate.view import ArticleView

DETAIL_FIELDS = ("sample_size", "min_age", "max_age", "location", "journal", "year")
FIELDS = (
    "title",
    "design",
    "journal",
    "year",
    "sample_size",
    "min_age",
    "max_age",
    "location",
    "doi",
    "pmid",
    "description",
    "noun",
)


@dataclass
class Reference:
    """A study as one sentence (or line) states it."""

    study: Study
    sentence: int
    anaphoric: bool = False
    """It refers to a study already stated ("This was an open-label trial")."""
    indefinite: bool = False
    """It introduces a study ("a study published in …"), which is the one before only if
    they share what identifies a study, or stand in one paragraph or one record."""
    distinct: bool = False
    """It says it is not the study before ("another trial", "a second study")."""


def study_key(view: ArticleView, anchor: Span) -> str:
    digest = hashlib.sha1(view.text[anchor.start : anchor.end].encode()).hexdigest()[:12]
    return f"study-{digest}"


def study_before(view: ArticleView, last: dict[int, Study], sentence: int) -> Study | None:
    """The study the text named last before ``sentence``; else the article's first."""
    before = [i for i in last if i <= sentence]
    if before:
        return last[max(before)]
    return view.facts.studies[0] if view.facts.studies else None


def merge(view: ArticleView, reference: Reference, record: Study | None) -> Study:
    studies = view.facts.studies
    if reference.anaphoric and studies:
        target = _latest(view, reference.sentence) or studies[0]
        fill(target, reference.study)
        return target
    for known in studies:
        if _conflict(known, reference.study):
            continue
        if (reference.indefinite or reference.distinct) and not (
            _shares(known, reference.study)
            or (not reference.distinct and _same_context(view, known, reference, record))
        ):
            continue
        fill(known, reference.study)
        return known
    studies.append(reference.study)
    return reference.study


def _shares(a: Study, b: Study) -> bool:
    """Whether two compatible references agree on something that identifies a study."""

    def same(x: object, y: object) -> bool:
        return x is not None and x == y

    return (
        same(a.title and normal_label(a.title)[:40], b.title and normal_label(b.title)[:40])
        or same(a.journal and a.journal.key, b.journal and b.journal.key)
        or same(a.year, b.year)
        or same(a.sample_size, b.sample_size)
        or same(a.design and a.design.key, b.design and b.design.key)
    )


def _same_context(
    view: ArticleView, known: Study, reference: Reference, record: Study | None
) -> bool:
    """One paragraph, or the record's own abstract, speaks of one study."""
    block = view.sentences[reference.sentence].block
    if any(view.sentences[view.sentence_index(e)].block == block for e in known.evidence):
        return True
    return known is record and bool(view.slots(reference.sentence) & ABSTRACT_SLOTS)


def _latest(view: ArticleView, sentence: int) -> Study | None:
    start = view.sentences[sentence].span.start
    earlier = [s for s in view.facts.studies if s.evidence and min(s.evidence).start <= start]
    return max(
        earlier, key=lambda s: max(e.start for e in s.evidence if e.start <= start), default=None
    )


def fill(known: Study, study: Study, only: tuple[str, ...] = FIELDS) -> None:
    for name in only:
        if getattr(known, name) is None:
            setattr(known, name, getattr(study, name))
    if only is FIELDS:
        known.evidence.extend(s for s in study.evidence if s not in known.evidence)


def _conflict(a: Study, b: Study) -> bool:
    def differ(x: object, y: object) -> bool:
        return x is not None and y is not None and x != y

    titles_differ = (
        a.title is not None
        and b.title is not None
        and not (
            normal_label(a.title).startswith(normal_label(b.title)[:40])
            or normal_label(b.title).startswith(normal_label(a.title)[:40])
        )
    )
    kinds = study_rules().noun_kinds
    nouns_differ = differ(a.noun, b.noun) and (
        "study" not in (a.noun, b.noun) or differ(kinds.get(a.noun or ""), kinds.get(b.noun or ""))
    )
    nouns_differ = nouns_differ and not (
        kinds.get(a.noun or "") == kinds.get(b.noun or "") == "secondary"
    )
    return (
        titles_differ
        or differ(a.design and a.design.key, b.design and b.design.key)
        or nouns_differ
        or differ(a.year, b.year)
        or differ(a.journal and a.journal.key, b.journal and b.journal.key)
        or differ(a.sample_size, b.sample_size)
    )
