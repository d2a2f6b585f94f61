"""Studies the article reports: title, design, journal, year, sample, ages, place, arms,
what was measured.

A study is introduced by a singular reference ("A randomized clinical trial titled “…”",
"A 2013 study published in …", "One trial (n=74)"), by a structured abstract
("Design:", "Patients:", "Results:" ...) or by a citation line ("Smith J, Lee K. Title.
Journal. 2013 ..."). References that agree (no conflicting title, design, journal, year or
size) are one study.
"""

from __future__ import annotations

import hashlib
import re

from articlekg.document import BlockKind, Span
from articlekg.facts import EntityRef, Study, normal_label
from articlekg.places import country_in
from articlekg.quantities import NUM, number_value
from articlekg.relate.cues import PEOPLE
from articlekg.relate.view import ArticleView

STUDY_NOUN = r"(?:study|trial|review|meta-analysis|analysis|survey|experiment)"
INTRO = re.compile(
    rf"\b(?P<det>an?|one|the|this|another)\s+(?P<mods>(?:(?!(?:an?|one|the|this|another)\b)[\w®-]+,?\s+){{0,5}}?)(?P<noun>{STUDY_NOUN})\b"
    rf"(?P<n>\s*\(\s*n\s*=\s*(?P<size>\d[\d,]*)\s*\))?",
    re.I,
)
TITLED = re.compile(r"\b(?:titled|entitled|called)\s+[“\"](?P<title>[^”\"]+)[”\"]")
PUBLISHED_IN = re.compile(
    # a journal name: capitalised words, joined by 'of', 'and', ... only before another one
    r"\bpublished\s+in\s+(?:the\s+)?(?P<journal>[A-Z][\w&\-]*"
    r"(?:\s+(?:(?:of|and|in|for|&|the)\s+)*[A-Z][\w&\-]*)*)"
    r"(?:\s*\((?P<year>(?:19|20)\d\d)\)|\s+in\s+(?P<year_in>(?:19|20)\d\d)\b)?"
)
PUBLISHED_YEAR = re.compile(r"\s+(?:published|conducted|reported)\s+in\s+(?P<year>(?:19|20)\d\d)\b")
YEAR = re.compile(r"\b(?P<year>(?:19|20)\d\d)\b")
SAMPLE = re.compile(
    rf"\b(?:evaluated|enrolled|included|recruited|randomi[sz]ed|involved|studied|followed|"
    rf"analy[sz]ed|assigned)\s+(?P<n>{NUM})\s+(?:[\w-]+\s+){{0,3}}?"
    rf"{PEOPLE}\b",
    re.I,
)
LEADING_SAMPLE = re.compile(rf"^(?P<n>{NUM})\s+(?:[\w-]+\s+){{0,3}}?{PEOPLE}\b", re.I)
PEOPLE_COUNT = re.compile(rf"\b(?P<n>\d[\d,]*|{NUM})\s+(?:[\w-]+\s+){{0,3}}?{PEOPLE}\b", re.I)
GROUPED = re.compile(
    r"\b(?:were|was)\s+(?:randomly\s+)?(?:divided|randomi[sz]ed|assigned|allocated|enrolled|"
    r"recruited)\b"
)
SAMPLE_OF = re.compile(
    rf"\b{STUDY_NOUN}\s+(?:of|with|in|involving)\s+(?P<n>\d[\d,]*)\s+(?:[\w-]+\s+){{0,2}}?"
    rf"{PEOPLE}\b",
    re.I,
)
AGES = re.compile(rf"\baged\s+(?P<low>{NUM})\s*(?:–|-|to)\s*(?P<high>{NUM})", re.I)
PLACE = re.compile(
    r"\bin\s+(?P<place>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?,\s+[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)"
)
CITATION = re.compile(
    r"^(?P<authors>(?:[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?\s[A-Z]{1,3},\s)*[A-Z][\w'’-]+\s[A-Z]{1,3}"
    r"(?:,?\set al)?)\.\s+(?P<title>[^.]+(?:\.[^.\s][^.]*)*[.?])\s+(?P<journal>[A-Z][\w .&]+?)\.\s+"
    r"(?P<year>(?:19|20)\d\d)\b"
)
ABSTRACT_LABELS = frozenset(
    {
        "background",
        "objective",
        "objectives",
        "purpose",
        "aim",
        "aims",
        "design",
        "methods",
        "method",
        "setting",
        "setting(s)",
        "patients",
        "participants",
        "subjects",
        "intervention",
        "interventions",
        "measurements",
        "outcomes",
        "results",
        "conclusion",
        "conclusions",
        "limitation",
        "limitations",
        "findings",
    }
)


def is_citation(view: ArticleView, index: int) -> bool:
    block = view.block_of(index)
    return (
        block.kind is BlockKind.PARAGRAPH
        and CITATION.match(view.document.slice(block.span)) is not None
    )


def study_key(view: ArticleView, anchor: Span) -> str:
    digest = hashlib.sha1(view.text[anchor.start : anchor.end].encode()).hexdigest()[:12]
    return f"study-{digest}"


def relate_studies(view: ArticleView) -> None:
    candidates: list[Study] = []
    abstract = _abstract_study(view)
    if abstract is not None:
        candidates.append(abstract)
    details: list[Study] = []
    for index in range(len(view.sentences)):
        found = _sentence_studies(view, index)
        candidates.extend(found)
        if not found:
            details.extend(_study_details(view, index))
    for study in candidates:
        _merge(view, study)
    # Sample and ages stated apart from any study reference complete the main study; they
    # never make a study of their own.
    if view.facts.studies:
        main = view.facts.studies[0]
        for detail in details:
            main.sample_size = main.sample_size or detail.sample_size
            if main.min_age is None:
                main.min_age, main.max_age = detail.min_age, detail.max_age
            main.location = main.location or detail.location


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
    designs_differ = differ(a.design and a.design.key, b.design and b.design.key) and not (
        a.design is None or b.design is None
    )
    nouns_differ = differ(a.noun, b.noun) and "study" not in (a.noun, b.noun)
    return (
        titles_differ
        or designs_differ
        or nouns_differ
        or differ(a.year, b.year)
        or differ(a.journal and a.journal.key, b.journal and b.journal.key)
        or differ(a.sample_size, b.sample_size)
    )


def _merge(view: ArticleView, study: Study) -> None:
    for known in view.facts.studies:
        if not _conflict(known, study):
            for name in (
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
            ):
                if getattr(known, name) is None:
                    setattr(known, name, getattr(study, name))
            known.evidence.extend(s for s in study.evidence if s not in known.evidence)
            return
    view.facts.studies.append(study)


def _abstract_study(view: ArticleView) -> Study | None:
    document = view.document
    labels = {
        document.slice(b.label).lower(): b
        for b in document.blocks
        if b.label is not None and b.kind is BlockKind.LABEL_VALUE
    }
    if len(ABSTRACT_LABELS & set(labels)) < 3:
        return None
    title_block = next((b for b in document.blocks if b.kind is BlockKind.TITLE), None)
    anchor = title_block.span if title_block else document.blocks[0].span
    study = Study(
        key=study_key(view, anchor),
        evidence=[anchor],
        title=document.slice(title_block.span) if title_block else None,
    )
    for label, block in labels.items():
        value = block.value or block.span
        sentence = next(i for i, s in enumerate(view.sentences) if s.span.overlaps(value))
        if label == "design":
            designs = view.mentions(sentence, "StudyDesign")
            if designs:
                study.design = view.add_mention(designs[-1])
        if label in ("patients", "participants", "subjects", "setting", "settings"):
            text = document.slice(value)
            leading = LEADING_SAMPLE.match(text)
            if leading:
                study.sample_size = int(number_value(leading.group("n")))
            ages = AGES.search(text)
            if ages:
                study.min_age = int(number_value(ages.group("low")))
                study.max_age = int(number_value(ages.group("high")))
            place = PLACE.search(text)
            study.location = study.location or (place.group("place") if place else country_in(text))
    # The citation line under a record's title: "Ann Intern Med. 2008 Sep 16;149(6):369-79."
    for index in range(len(view.sentences)):
        block = view.block_of(index)
        if block.kind is not BlockKind.PARAGRAPH:
            continue
        journals = view.mentions(index, "Periodical")
        year = YEAR.search(view.sentence_text(index))
        if journals and study.journal is None:
            study.journal = view.add_mention(journals[0])
            following = view.sentence_text(index + 1) if index + 1 < len(view.sentences) else ""
            year = year or YEAR.match(following)
        if study.journal is not None and year and study.year is None:
            study.year = int(year.group("year"))
            break
    return study


def _sentence_studies(view: ArticleView, index: int) -> list[Study]:
    span = view.sentences[index].span
    text = view.sentence_text(index)
    found: list[Study] = []
    block = view.block_of(index)
    first_of_block = block.span.start == span.start
    citation = (
        CITATION.match(view.document.slice(block.span))
        if (first_of_block and block.kind is BlockKind.PARAGRAPH)
        else None
    )
    if citation is not None:
        base = block.span.start
        journal_span = Span(base + citation.start("journal"), base + citation.end("journal"))
        journal_sentence = next(
            i
            for i, s in enumerate(view.sentences)
            if s.span.contains(journal_span) or s.span.overlaps(journal_span)
        )
        study = Study(
            key=study_key(view, block.span),
            evidence=[block.span],
            title=citation.group("title").rstrip("."),
            year=int(citation.group("year")),
        )
        study.journal = _journal_ref(view, journal_sentence, journal_span)
        return [study]
    for match in INTRO.finditer(text):
        determiner = match.group("det").lower()
        if determiner in ("the", "this") and not TITLED.search(text):
            continue
        intro = Span(span.start + match.start(), span.start + match.end())
        study = Study(
            key=study_key(view, Span(span.start, span.end)),
            evidence=[span],
            noun=match.group("noun").lower(),
        )
        designs = view.mentions_between(index, intro.start, intro.end + 1, "StudyDesign")
        if designs:
            study.design = view.add_mention(max(designs, key=lambda m: m.span.end - m.span.start))
        titled = TITLED.search(text)
        if titled:
            study.title = titled.group("title").strip()
        published = PUBLISHED_IN.search(text)
        if published:
            journal_span = Span(
                span.start + published.start("journal"), span.start + published.end("journal")
            )
            study.journal = _journal_ref(view, index, journal_span)
            year = published.group("year") or published.group("year_in")
            if year:
                study.year = int(year)
        if study.year is None:
            # "A 2013 study", "a Cochrane review in 2015", "a review published in 2021"
            year = YEAR.search(text[match.start() : match.end() + 12]) or PUBLISHED_YEAR.match(
                text, match.end()
            )
            study.year = int(year.group("year")) if year else None
        if match.group("size"):
            study.sample_size = int(match.group("size").replace(",", ""))
        sample = SAMPLE.search(text) or SAMPLE_OF.search(text)
        if sample and study.sample_size is None:
            study.sample_size = int(number_value(sample.group("n")))
        ages = AGES.search(text)
        if ages:
            study.min_age, study.max_age = (
                int(number_value(ages.group("low"))),
                int(number_value(ages.group("high"))),
            )
        place = PLACE.search(text)
        # "in Melbourne, Australia" as written; else a country the intro or title names
        # ("... in Taiwanese patients with metastatic bone pain").
        study.location = place.group("place") if place else country_in(text)
        if study.title or study.journal or study.year or study.sample_size or study.design:
            # An untitled study is named as the text refers to it: "One trial (n=74)".
            study.description = (
                None
                if study.title
                else re.sub(r"^(?:an?|the|this)\s+", "", match.group(), flags=re.I)
            )
            found.append(study)
        break
    return found


def _study_details(view: ArticleView, index: int) -> list[Study]:
    """'In the study, 90 survivors aged 42 to 83 in Seoul, Korea were randomly assigned ...'"""
    text = view.sentence_text(index)
    sample = SAMPLE.search(text) or (PEOPLE_COUNT.search(text) if GROUPED.search(text) else None)
    if sample is None:
        return []
    span = view.sentences[index].span
    detail = Study(
        key=study_key(view, span), evidence=[span], sample_size=int(number_value(sample.group("n")))
    )
    ages = AGES.search(text)
    if ages:
        detail.min_age = int(number_value(ages.group("low")))
        detail.max_age = int(number_value(ages.group("high")))
    place = PLACE.search(text)
    detail.location = place.group("place") if place else None
    return [detail]


def _journal_ref(view: ArticleView, index: int, span: Span) -> EntityRef:
    inside = view.mentions_between(index, span.start, span.end, "Periodical")
    if inside:
        return view.add_mention(inside[0], "Periodical")
    span = view.trimmed(span)
    concept = view.lexicon.lookup(view.text[span.start : span.end])
    if concept is not None and concept.category == "Periodical":
        return view.add(EntityRef(concept.pref_label, concept.iri), "Periodical", span)
    # "Palliative Medicine" the journal is not palliative care the field.
    return view.add(EntityRef(view.text[span.start : span.end]), "Periodical", span)
