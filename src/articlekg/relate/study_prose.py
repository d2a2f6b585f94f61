"""Studies as sentences state them: a singular reference ("A 2013 study published in …",
"One trial (n=74)"), a title quoted in prose, the authors' own review ("we reviewed 22
trials with 4985 people"), or details of a study named elsewhere ("In the study, 120 …").
"This was an open-label trial" and "the researchers conducted a randomized trial" refer back;
"a larger randomized trial is needed" states no study.
"""

from __future__ import annotations

import re
from functools import cache

from articlekg.document import BlockKind, Span
from articlekg.facts import EntityRef, Study
from articlekg.relate.citations import clean_title
from articlekg.relate.records import journal_ref
from articlekg.relate.samples import age_range, place_in, sample_size
from articlekg.relate.study_merge import Reference, study_key
from articlekg.relate.study_rules import study_rules
from articlekg.relate.view import ArticleView

DETERMINERS = r"(?:an?|one|the|this|that|our|their|another)"
QUOTE = re.compile(r"“(?P<a>[^“”]{8,400})”|\"(?P<b>[^\"\n]{8,400})\"")
MIN_TITLE_WORDS = 3
CLAUSE_END = re.compile(r"\b(?:that|which|who|found|finds|showed|shows|reported|suggests?)\b|[,;]")


@cache
def intro_pattern() -> re.Pattern[str]:
    """A determiner, up to five modifiers, a study noun, and an optional "(n=74)"."""
    return re.compile(
        rf"\b(?P<det>{DETERMINERS})\s+"
        rf"(?P<mods>(?:(?!{DETERMINERS}\b)[\w®/-]+,?\s+){{0,5}}?)"
        rf"(?P<noun>{study_rules().study_noun})\b"
        r"(?P<n>\s*\(\s*n\s*=\s*(?P<size>\d[\d,]*)\s*\))?",
        re.I,
    )


def sentence_references(view: ArticleView, index: int) -> list[Reference]:
    span = view.sentences[index].span
    text = view.sentence_text(index)
    rules = study_rules()
    quotes = _quoted_titles(text)
    if view.block_of(index).kind is BlockKind.TITLE and rules.report_title.search(text):
        # The article's title names its design: it is the title of the study it reports.
        quotes = [(0, len(text))]
    anaphoric = bool(rules.anaphora.search(text)) and not quotes
    introduced = _introduced(view, index, _blank(text, quotes), anaphoric)
    study, distinct = introduced if introduced is not None else (None, False)
    if quotes:
        start, end = quotes[0]
        study = study or Study(key=study_key(view, span), evidence=[span])
        study.title = clean_title(text[start:end])
        study.description = None
        design_within(view, Span(span.start + start, span.start + end), study)
        study.location = place_in(study.title)
    review = rules.self_review.search(text)
    if study is None and review is not None:
        study = _self_review(
            view, index, Span(span.start + review.start(), span.start + review.end())
        )
    if study is None:
        return []
    _sentence_facts(view, index, study, quotes)
    if not (
        study.title
        or study.journal
        or study.year
        or study.sample_size
        or study.design
        or study.location
    ):
        return []
    indefinite = introduced is not None and not quotes and not anaphoric
    return [Reference(study, index, anaphoric=anaphoric, indefinite=indefinite, distinct=distinct)]


def _self_review(view: ArticleView, index: int, span: Span) -> Study:
    """'we reviewed 22 trials': the authors' own review of trials, a systematic review unless
    the sentence names another design."""
    study = Study(
        key=study_key(view, view.sentences[index].span),
        evidence=[view.sentences[index].span],
        noun="review",
    )
    # The trials it pooled have designs of their own ("11 randomized trials"); only a review's
    # design is the review's.
    designs = [
        m
        for m in view.mentions(index, "StudyDesign")
        if re.search(r"review|analysis", view.text[m.span.start : m.span.end], re.I)
    ]
    concept = view.lexicon.lookup(study_rules().self_review_design)
    if designs:
        study.design = view.add_mention(designs[0])
    elif concept is not None:
        study.design = view.add(EntityRef(concept.pref_label, concept.iri), "StudyDesign", span)
    study.description = view.text[span.start : span.end]
    return study


def _introduced(
    view: ArticleView, index: int, text: str, anaphoric: bool
) -> tuple[Study, bool] | None:
    """The first singular study reference in a sentence (``text``, quoted titles blanked)
    that is not a call for research; and whether it says it is another study."""
    span = view.sentences[index].span
    rules = study_rules()
    for match in intro_pattern().finditer(text):
        determiner = match.group("det").lower()
        if (
            determiner in rules.anaphoric_determiners
            and not anaphoric
            and not _reports_itself(view, index, text, match)
        ):
            continue
        if _future(text, match):
            continue
        study = Study(
            key=study_key(view, span), evidence=[span], noun=_singular(match.group("noun"))
        )
        designs = view.mentions_between(
            index, span.start + match.start(), span.start + match.end() + 1, "StudyDesign"
        )
        if designs:
            longest = max(designs, key=lambda m: (m.span.end - m.span.start, -m.span.start))
            study.design = view.add_mention(longest)
        if match.group("size"):
            study.sample_size = int(match.group("size").replace(",", ""))
        if study.year is None:
            # "A 2013 study", "a Cochrane review in 2015", "a review published in 2021"
            year = rules.year_near_noun.search(
                text[match.start() : match.end() + 12]
            ) or rules.published_year.match(text, match.end())
            study.year = int(year.group("year")) if year else None
        study.description = re.sub(r"^(?:an?|the|this)\s+", "", match.group(), flags=re.I)
        words = {determiner, *match.group("mods").lower().replace(",", " ").split()}
        return study, bool(words & rules.distinct_markers)
    return None


def _reports_itself(view: ArticleView, index: int, text: str, match: re.Match[str]) -> bool:
    """'The placebo-controlled, double-blind study included 644 patients': a definite
    study that states its design and its sample is introduced, not referred back to."""
    span = view.sentences[index].span
    designs = view.mentions_between(
        index, span.start + match.start(), span.start + match.end() + 1, "StudyDesign"
    )
    return bool(designs) and sample_size(text[match.end() :]) is not None


def _singular(noun: str) -> str:
    noun = noun.lower()
    if noun.endswith("sis"):
        return noun
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    if noun.endswith("ses"):
        return noun[:-2] + "is"
    return noun.removesuffix("s")


def _future(text: str, match: re.Match[str]) -> bool:
    """'a larger randomized trial is needed', 'calls for a trial', 'a future study should …'."""
    rules = study_rules()
    after = text[match.end() :]
    stop = CLAUSE_END.search(after)
    after = after[: stop.start()] if stop else after
    before = text[: match.start("noun")]
    return any(p.search(after) for p in rules.future_after) or any(
        p.search(before) or p.search(text[: match.start()]) for p in rules.future_before
    )


def _quoted_titles(text: str) -> list[tuple[int, int]]:
    """Quotations a sentence presents as a work's title: "a trial titled “…”", "“…” was
    published in …"; speech ("“…,” the researchers noted") is not one."""
    rules = study_rules()
    found = []
    for match in QUOTE.finditer(text):
        group = "a" if match.group("a") else "b"
        inner = match.group(group)
        if len(clean_title(inner).split()) < MIN_TITLE_WORDS:
            continue
        before, after = text[: match.start()], text[match.end() :]
        if rules.title_quote_before.search(before) or rules.title_quote_after.match(after):
            found.append((match.start(group), match.end(group)))
    return found


def _sentence_facts(
    view: ArticleView, index: int, study: Study, quotes: list[tuple[int, int]]
) -> None:
    span = view.sentences[index].span
    text = view.sentence_text(index)
    rules = study_rules()
    stated = _stated_journal(view, index, quotes)
    if stated is not None:
        study.journal = stated[0]
        study.year = study.year or stated[1]
    if study.journal is None:
        journals = [
            m
            for m in view.mentions(index, "Periodical")
            if not any(span.start + s <= m.span.start < span.start + e for s, e in quotes)
        ]
        if journals:
            study.journal = view.add_mention(journals[0], "Periodical")
    if study.year is None and quotes:
        year = rules.journal_year.match(text, quotes[0][1] + 1)
        study.year = int(year.group("year") or year.group("year_in")) if year else None
    outside = _blank(text, quotes)
    study.sample_size = study.sample_size or sample_size(outside)
    ages = age_range(outside)
    if ages:
        study.min_age, study.max_age = ages
    place = place_in(outside)
    study.location = place or study.location


def _stated_journal(
    view: ArticleView, index: int, quotes: list[tuple[int, int]]
) -> tuple[EntityRef, int | None] | None:
    """'published in the journal X (2019)', 'the journal X', 'reported in X in 2019'."""
    span = view.sentences[index].span
    text = view.sentence_text(index)
    rules = study_rules()
    patterns = [(p, False) for p in rules.journal_patterns]
    patterns += [(p, True) for p in rules.journal_after_study_patterns]
    for pattern, after_study in patterns:
        published = pattern.search(text)
        if published is None or any(s <= published.start() < e for s, e in quotes):
            continue
        if published.group("journal").split()[0].lower() in rules.source_line_words:
            continue  # "published in December 2012": a date, not a journal
        words = {w.lower() for w in published.group("journal").split()}
        if after_study and (
            not words & rules.journal_title_words or words & rules.institution_words
        ):
            continue  # "a study in Boston", "a trial at a cancer centre": places
        start, end = published.start("journal"), published.end("journal")
        journal = journal_ref(view, Span(span.start + start, span.start + end))
        after = rules.journal_year.match(text, published.end())
        if after:
            return journal, int(after.group("year") or after.group("year_in"))
        within = rules.year_near_noun.search(published.group())
        return journal, int(within.group("year")) if within else None
    return None


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def study_details(view: ArticleView, index: int) -> Reference | None:
    """Sample, ages, place and journal a sentence states without introducing a study: "In
    the study, 120 survivors aged 30 to 70 …", "The findings were published in the journal X".
    It is anaphoric when it refers to a study ("the study"), so it may stand for one."""
    text = view.sentence_text(index)
    span = view.sentences[index].span
    detail = Study(key=study_key(view, span), evidence=[span])
    detail.sample_size = sample_size(text)
    ages = age_range(text)
    if ages:
        detail.min_age, detail.max_age = ages
    journal = _stated_journal(view, index, [])
    if journal is not None:
        detail.journal, detail.year = journal
    referring = [
        m
        for m in intro_pattern().finditer(text)
        if m.group("det").lower() in study_rules().anaphoric_determiners
    ]
    # "The aim of this randomized trial was …": a design said of the study at hand
    designs = [
        d
        for m in referring[:1]
        for d in view.mentions_between(
            index, span.start + m.start(), span.start + m.end() + 1, "StudyDesign"
        )
    ]
    if detail.sample_size is None and ages is None and detail.journal is None and not designs:
        return None
    detail.location = place_in(text) if detail.sample_size else None
    if designs:
        detail.design = view.add_mention(max(designs, key=lambda d: d.span.end - d.span.start))
    if referring:
        detail.noun = _singular(referring[0].group("noun"))
        detail.description = _singular(referring[0].group("noun"))
    return Reference(detail, index, anaphoric=bool(referring) or detail.journal is not None)


def design_within(view: ArticleView, span: Span, study: Study) -> None:
    """The design a title names ("…: a randomized controlled trial") is its study's design."""
    designs = [
        m
        for i, sentence in enumerate(view.sentences)
        if sentence.span.overlaps(span)
        for m in view.mentions_between(i, span.start, span.end, "StudyDesign")
    ]
    if designs and study.design is None:
        longest = max(designs, key=lambda m: (m.span.end - m.span.start, -m.span.start))
        study.design = view.add_mention(longest)
