"""Studies the article reports: title, design, journal, year, sample, ages, place.

A study is stated by the article's record (:mod:`records`: a bibliographic header, a
structured abstract, "Journal:" lines), by a citation line in any common style
(:mod:`citations`), by a title quoted in prose ("“…” was published in the journal X", "a
trial titled “…”"), or by a singular reference ("A 2013 study published in …", "One trial
(n=74)", "we reviewed 22 trials with 4985 people"). "This was an open-label trial", "the
researchers conducted a randomized trial" and "this trial" refer to a study already stated;
"a larger randomized trial is needed" states none. A design noun inside a title names that
study's design. References that agree (no conflicting title, design, journal, year or size)
are one study; sample, ages and place stated apart from any reference complete the study
the text last named.
"""

from __future__ import annotations

from articlekg.document import BlockKind, Span
from articlekg.facts import EntityRef, Study
from articlekg.relate.citations import parse_citation
from articlekg.relate.records import apply_citation, find_record
from articlekg.relate.study_merge import (
    DETAIL_FIELDS,
    Reference,
    fill,
    merge,
    study_before,
    study_key,
)
from articlekg.relate.study_prose import design_within, sentence_references, study_details
from articlekg.relate.study_rules import study_rules
from articlekg.relate.view import ArticleView

__all__ = ["is_citation", "relate_studies", "study_key"]


def is_citation(view: ArticleView, index: int) -> bool:
    """Whether sentence ``index`` is part of a citation line (a reference, not prose)."""
    block = view.block_of(index)
    return block.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM) and view.per_block(
        "citation",
        view.sentences[index].block,
        lambda: _citation_of(view.document.slice(block.span)) is not None,
    )


def _citation_of(text: str) -> object:
    citation = parse_citation(text)
    return citation if citation is not None and citation.title else None


def relate_studies(view: ArticleView) -> None:
    titled = [i for i in range(len(view.sentences)) if is_citation(view, i)]
    record = find_record(view, has_titled_citations=bool(titled))
    header = record.header if record is not None else set()
    references: list[Reference] = []
    details: list[Reference] = []
    seen_blocks: set[int] = set()
    for index in range(len(view.sentences)):
        if index in header:
            continue
        block = view.sentences[index].block
        if is_citation(view, index):
            if block not in seen_blocks:
                seen_blocks.add(block)
                references.append(Reference(_citation_study(view, index), index, indefinite=True))
            continue
        found = sentence_references(view, index)
        references.extend(found)
        if not found:
            detail = study_details(view, index)
            if detail is not None:
                details.append(detail)
    if record is not None:
        view.facts.studies.append(record.study)
        cited = [r for r in references if r.sentence in titled]
        if record.study.title is None and len(cited) == 1:
            # A summary of one paper cites it: the reference is the summarised study, even
            # where the summary words its design more or less exactly than the paper's title.
            fill(record.study, cited[0].study)
            references.remove(cited[0])
    last: dict[int, Study] = {}
    for reference in references:
        study = merge(view, reference, record.study if record is not None else None)
        last[reference.sentence] = study
    if not view.facts.studies:
        # No sentence introduced a study, yet some refer to one ("In the study, 120 …",
        # "The findings were published in …"): they describe the article's study.
        named = [d for d in details if d.anaphoric]
        if named:
            nouns = [d.study.noun for d in named if d.study.noun]
            named[0].study.noun = nouns[0] if nouns else None
            named[0].study.description = nouns[0] if nouns else "study"
            view.facts.studies.append(named[0].study)
            last[named[0].sentence] = named[0].study
            details.remove(named[0])
    for detail in details:
        target = study_before(view, last, detail.sentence)
        if target is not None:
            fill(target, detail.study, only=DETAIL_FIELDS)
    for study in view.facts.studies:
        _noun_design(view, study)
        if study.title is None and study.description is None:
            # An untitled record is named as what it is ("randomized controlled trial").
            study.description = study.design.label if study.design else study.noun or "study"


def _noun_design(view: ArticleView, study: Study) -> None:
    """'One trial (n=74)': a study called a trial, whose design nothing names, is a clinical
    trial. Applied last, so that it never keeps two mentions of one trial apart."""
    implied = study_rules().noun_designs.get(study.noun or "")
    concept = view.lexicon.lookup(implied) if implied else None
    if study.design is None and concept is not None and study.evidence:
        study.design = view.add(
            EntityRef(concept.pref_label, concept.iri), "StudyDesign", study.evidence[0]
        )


def _citation_study(view: ArticleView, index: int) -> Study:
    block = view.block_of(index)
    citation = parse_citation(view.document.slice(block.span))
    study = Study(key=study_key(view, block.span), evidence=[block.span])
    if citation is not None:
        apply_citation(view, block, citation, study)
        if citation.title_span is not None:
            title = Span(
                block.span.start + citation.title_span.start,
                block.span.start + citation.title_span.end,
            )
            design_within(view, title, study)
    return study
