"""The study an article is the record of: a bibliographic header, a structured abstract, or
label lines that name its journal and date.

A record header is the title with the lines that stand beside it: a citation or source
line ("Ann Intern Med. 2008 Sep 16;149(6):369-79."), an authors line, DOI and PMID lines,
"Published – 10 Feb 2007". A structured abstract is a run of sections whose slots
(``ontology/rules/sections.json``) are those of a study report: what was done and with whom,
and what was found. Its design, sample, ages and place come from the sections that state
them; the rules ask for slots, never for a heading's spelling.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from articlekg.document import Block, BlockKind, Span
from articlekg.facts import EntityRef, Study
from articlekg.read.metadata import byline
from articlekg.relate.citations import (
    Citation,
    clean_title,
    find_doi,
    find_pmid,
    is_authors_line,
    is_identifier_line,
    parse_citation,
    published_year,
)
from articlekg.relate.samples import age_range, leading_count, place_in, sample_size
from articlekg.relate.study_merge import study_key
from articlekg.relate.study_rules import (
    ABSTRACT_SLOTS,
    METHOD_SLOTS,
    MIN_ABSTRACT_SLOTS,
    REPORT_SLOTS,
    study_rules,
)
from articlekg.relate.view import ArticleView
from articlekg.sections import slot_table

DESCRIBING_SLOTS = ("design", "methods", "abstract", "purpose", "participants", "setting")
MIN_TITLE_WORDS = 3
MAX_HEADER_START = 2
"""A record's header starts within the article's first three blocks (after a META line and
a title at most)."""
MAX_SOURCE_LINE_CHARS = 200
MAX_SOURCE_OTHER_WORDS = 2


@dataclass
class Record:
    study: Study
    header: set[int] = field(default_factory=set)
    """Sentences that make up the record's header: no other rule reads them as prose."""


def block_text(view: ArticleView, block: Block) -> str:
    return view.document.slice(block.span)


def header_kind(view: ArticleView, index: int) -> str | None:
    """What a block of a record's header is: ``citation``, ``authors``, ``identifier``,
    ``published`` or ``source`` (a short line naming a journal and a year)."""
    block = view.document.blocks[index]
    if block.kind not in (BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.LABEL_VALUE):
        return None
    text = block_text(view, block)
    if byline(view.text, block.span) is not None:
        return None  # the article's own date and publisher, not its study's
    citation = parse_citation(text)
    if citation is not None and citation.title is None:
        # A full reference (with its own title) is a study of its own, not a header line.
        return "citation"
    if citation is not None:
        return None
    if is_identifier_line(text):
        return "identifier"
    if published_year(text) is not None:
        return "published"
    if is_authors_line(text):
        return "authors"
    if len(text) <= MAX_SOURCE_LINE_CHARS and _source_line(view, index, text):
        return "source"
    return None


def _source_line(view: ArticleView, index: int, text: str) -> bool:
    """'Journal of Pain, vol. 12, 2011': a journal's name and a year, with few other words."""
    if not study_rules().year_near_noun.search(text):
        return False
    start = view.document.blocks[index].span.start
    chars = list(text)
    found = False
    for sentence in view.sentences_of_block(index):
        for mention in view.mentions(sentence, "Periodical"):
            found = True
            for offset in range(mention.span.start - start, mention.span.end - start):
                chars[offset] = " "
    known = study_rules().source_line_words
    words = [w for w in re.findall(r"[A-Za-z]{2,}", "".join(chars)) if w.lower() not in known]
    return found and len(words) <= MAX_SOURCE_OTHER_WORDS


def is_title(view: ArticleView, index: int) -> bool:
    """A block that can be a record's title: the article's title, a heading, or its first
    line of text; never the name of a section ("Abstract")."""
    blocks = view.document.blocks
    block = blocks[index]
    first_text = all(b.kind is BlockKind.META for b in itertools.islice(blocks, index))
    text = block_text(view, block)
    return (
        (block.kind in (BlockKind.TITLE, BlockKind.HEADING) or first_text)
        and block.kind is not BlockKind.META
        and len(text.split()) >= MIN_TITLE_WORDS
        and not slot_table().names_only_slots(text)
    )


def find_header(view: ArticleView) -> tuple[int | None, list[int]]:
    """The title block and the header lines beside it, at the very start of the article
    (a META line may come first): title then header lines, or a citation then the title."""
    blocks = view.document.blocks
    limit = min(len(blocks), study_rules().header_lines * 2 + 1)
    kinds = [header_kind(view, i) for i in range(limit)]
    first = next((i for i, kind in enumerate(kinds) if kind is not None), None)
    if first is None or first > MAX_HEADER_START:
        return None, []
    run = [first]
    while run[-1] + 1 < limit and kinds[run[-1] + 1] is not None:
        run.append(run[-1] + 1)
    title = None
    if first > 0 and is_title(view, first - 1):
        title = first - 1
    elif run[-1] + 1 < len(blocks) and is_title(view, run[-1] + 1):
        title = run[-1] + 1
        following = title + 1
        while following < limit and kinds[following] is not None:
            run.append(following)
            following += 1
    # A date or a list of names beside a title may head any article; a source line, a
    # citation or an identifier heads a record.
    strong = any(kinds[i] in ("citation", "identifier", "source") for i in run)
    if not strong:
        return None, []
    return title, run


def structured_abstract(view: ArticleView) -> bool:
    named = set().union(*view.sections.names) if view.sections.names else set()
    found = named & ABSTRACT_SLOTS
    return (
        len(found) >= MIN_ABSTRACT_SLOTS
        and bool(found & METHOD_SLOTS)
        and bool(found & REPORT_SLOTS)
    )


def find_record(view: ArticleView, has_titled_citations: bool) -> Record | None:
    blocks = view.document.blocks
    title, header = find_header(view)
    journal_lines, date_lines = label_lines(view)
    abstract = structured_abstract(view)
    if title is None and not header and not journal_lines and not abstract:
        return None
    title_block = title
    if title_block is None and abstract and not has_titled_citations:
        title_block = next(
            (i for i, b in enumerate(blocks) if b.kind is BlockKind.TITLE and is_title(view, i)),
            None,
        )
    anchor = blocks[title_block].span if title_block is not None else blocks[0].span
    if title_block is None and header:
        anchor = blocks[header[0]].span
    study = Study(key=study_key(view, anchor), evidence=[anchor])
    record = Record(study)
    if title_block is not None:
        study.title = clean_title(block_text(view, blocks[title_block]))
        record.header.update(view.sentences_of_block(title_block))
    for index in header:
        record.header.update(view.sentences_of_block(index))
        read_header_line(view, index, study)
    for index in journal_lines:
        journal_from_label(view, index, study)
        record.header.update(view.sentences_of_block(index))
    for index in date_lines:
        block = blocks[index]
        value = view.document.slice(block.value or block.span)
        year = study_rules().year_near_noun.search(value)
        if year and study.year is None:
            study.year = int(year.group("year"))
        record.header.update(view.sentences_of_block(index))
    if study.journal is None and study.year is None:
        # A record may give its source line last ("… Keywords: …" then "J Abbrev. 2021;43:1.").
        source = next(
            (i for i in range(len(blocks)) if header_kind(view, i) in ("citation", "source")), None
        )
        if source is not None:
            read_header_line(view, source, study)
            record.header.update(view.sentences_of_block(source))
    describe(view, study, record.header, title_block)
    if not (study.title or study.journal or study.design or study.sample_size):
        return None
    return record


def label_lines(view: ArticleView) -> tuple[list[int], list[int]]:
    """Label lines that name the record's journal ("Journal: …") and its date."""
    journals, dates = [], []
    for index, block in enumerate(view.document.blocks):
        if block.label is None or block.kind is not BlockKind.LABEL_VALUE:
            continue
        own = view.sections.names[index]
        if "journal" in own:
            journals.append(index)
        elif "publication-date" in own:
            dates.append(index)
    return journals, dates


def read_header_line(view: ArticleView, index: int, study: Study) -> None:
    block = view.document.blocks[index]
    text = block_text(view, block)
    citation = parse_citation(text)
    if citation is not None:
        apply_citation(view, block, citation, study)
        return
    year = published_year(text) or _year(text)
    if year is not None and study.year is None:
        study.year = year
    study.doi = study.doi or find_doi(text)
    study.pmid = study.pmid or find_pmid(text)
    sentences = view.sentences_of_block(index)
    for sentence in sentences:
        journals = view.mentions(sentence, "Periodical")
        if journals and study.journal is None:
            study.journal = view.add_mention(journals[0], "Periodical")


def _year(text: str) -> int | None:
    match = study_rules().year_near_noun.search(text)
    return int(match.group("year")) if match else None


def apply_citation(view: ArticleView, block: Block, citation: Citation, study: Study) -> None:
    base = block.span.start
    if citation.title and study.title is None:
        study.title = citation.title
    if citation.journal_span is not None and study.journal is None:
        span = Span(base + citation.journal_span.start, base + citation.journal_span.end)
        study.journal = journal_ref(view, span)
    if citation.year is not None and study.year is None:
        study.year = citation.year
    study.doi = study.doi or citation.doi
    study.pmid = study.pmid or citation.pmid


def journal_from_label(view: ArticleView, index: int, study: Study) -> None:
    block = view.document.blocks[index]
    value = block.value or block.span
    if study.journal is None:
        study.journal = journal_ref(view, value)


def journal_ref(view: ArticleView, span: Span) -> EntityRef:
    """The journal a span names: the lexicon's periodical of that name, a periodical the
    span is (not one inside a longer name: "Journal of Pain and Symptom Management" is not
    "The Journal of Pain"), else the name as written."""
    span = view.trimmed(span)
    name = view.text[span.start : span.end].strip("*_ ")
    concept = view.lexicon.lookup(name)
    if concept is not None and concept.category == "Periodical":
        return view.add(EntityRef(concept.pref_label, concept.iri), "Periodical", span)
    index = view.sentence_index(span)
    inside = [
        m
        for m in view.mentions_between(index, span.start, span.end, "Periodical")
        if len(view.text[m.span.start : m.span.end].split()) >= len(name.split()) - 1
    ]
    if inside:
        return view.add_mention(inside[0], "Periodical")
    # "Palliative Medicine" the journal is not palliative care the field.
    return view.add(EntityRef(name), "Periodical", span)


def describe(view: ArticleView, study: Study, header: set[int], title: int | None) -> None:
    """Design, sample, ages and place from the sections that state them, then the title."""
    by_slot: dict[str, list[int]] = {}
    for index in range(len(view.sentences)):
        for slot in view.slots(index):
            by_slot.setdefault(slot, []).append(index)
    design_sentences = [
        *by_slot.get("design", []),
        *(sorted(view.sentences_of_block(title)) if title is not None else []),
        *[i for slot in DESCRIBING_SLOTS[1:] for i in by_slot.get(slot, [])],
    ]
    for index in design_sentences:
        designs = view.mentions(index, "StudyDesign")
        if designs and study.design is None:
            longest = max(designs, key=lambda m: (m.span.end - m.span.start, -m.span.start))
            study.design = view.add_mention(longest)
    for index in by_slot.get("participants", []):
        text = sentence_value(view, index)
        count = leading_count(text) or sample_size(text)
        if count and study.sample_size is None:
            study.sample_size = count
    for slot in DESCRIBING_SLOTS:
        for index in by_slot.get(slot, []):
            if index in header:
                continue
            text = sentence_value(view, index)
            if study.sample_size is None:
                # An abstract's sentence that opens with a count of people states its sample.
                study.sample_size = sample_size(text) or leading_count(text)
            ages = age_range(text)
            if ages and study.min_age is None:
                study.min_age, study.max_age = ages
    for slot in ("setting", "participants", "methods", "purpose", "design", "abstract"):
        for index in by_slot.get(slot, []):
            if study.location is None and index not in header:
                study.location = place_in(sentence_value(view, index))
    if study.location is None and study.title:
        study.location = place_in(study.title)


def sentence_value(view: ArticleView, index: int) -> str:
    """A sentence's text, without its label when it opens a "Label: value" line."""
    block = view.block_of(index)
    span = view.sentences[index].span
    if block.value is not None and block.value.start >= span.start:
        span = Span(block.value.start, span.end)
    return view.text[span.start : span.end]
