"""The items of a list of measured things, and the outcome each names.

"pain intensity, mood status, muscle relaxation, and sleep quality in a sample (n=72)" is
four items, ending before "in a sample"; "fibromyalgia symptoms of general and localized
muscular pain" is one (a coordination inside an "of" phrase is not a list); "60-second
heart and respiratory rates" gives "heart rates" when the lexicon knows that; "the level of
anxiety and fatigue" is anxiety and fatigue; "immediate change in pain" is pain.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from articlekg.document import Span
from articlekg.relate.cues import PEOPLE
from articlekg.relate.view import ArticleView
from articlekg.relate.wording import label_of, rule_table, shielded, trimmed_span, words_pattern

if TYPE_CHECKING:
    from spacy.tokens import Token

MAX_WORDS = 8
FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


@cache
def _stop_pattern() -> re.Pattern[str]:
    stops = words_pattern(rule_table("measures")["list_stops"])
    return re.compile(rf"(?:^|\s+)(?:{stops})\b|[.;:?!](?:\s|$)|\s[—–]\s|\s-\s|[“”\"]", re.I)


@cache
def _change_before() -> re.Pattern[str]:
    change = words_pattern(rule_table("measures")["change_words"])
    heads = words_pattern(rule_table("measures")["measure_heads"])
    return re.compile(rf"\b(?:{change}|{heads})\s*$", re.I)


def list_end(view: ArticleView, index: int, start: int) -> int:
    """Where a list that starts at ``start`` ends: at the end of its clause (a sentence
    stop, a dash, or the subject before the next finite verb: "sleep, researchers
    conducted a trial")."""
    sentence = view.sentences[index].span
    visible = shielded(view, start, sentence.end)
    end = sentence.end
    stop = re.search(r"[.;:?!](?:\s|$)|\s[—–]\s|\s-\s|[“”\"]", visible)
    if stop is not None:
        end = start + stop.start()
    for token in view.parsed.doc(index):
        at = view.parsed.span_of(index, token).start
        if start < at < end and clause_verb(token) and visible[at - start] != "_":
            clause = re.search(
                r"[,;]?\s*(?:\b(?:and|but|while|whereas)\s+)?(?:\S+\s+){0,3}$",
                view.text[start:at],
            )
            return start + (clause.start() if clause else at - start)
    return end


def clause_verb(token: Token) -> bool:
    """A finite verb with a subject of its own: where the next clause begins (the tagger's
    "rates"/VBZ in a list of nouns has no subject)."""
    return token.tag_ in FINITE and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)


def item_end(view: ArticleView, index: int, item: Span) -> int:
    """Where an item's name ends: before a qualifier ("nausea severity on a 0-10 scale",
    "sleep quality in a sample"), unless the word belongs to the name ("change in pain")
    or to a term the lexicon knows ("quality of life")."""
    visible = shielded(view, item.start, item.end)
    names = [m.span for m in view.mentions(index) if m.span.end > item.start]
    for stop in _stop_pattern().finditer(visible):
        at = item.start + stop.start()
        word = at + len(stop.group()) - len(stop.group().lstrip())
        if any(n.start < word < n.end for n in names):
            continue
        if stop.group().strip().lower() in ("in", "of") and _change_before().search(
            view.text[item.start : at]
        ):
            continue
        return _before_participle(view, index, item.start, at)
    return item.end


def _before_participle(view: ArticleView, index: int, start: int, end: int) -> int:
    """'nausea associated (with chemotherapy)': a participle that opened the qualifier is
    not part of the name."""
    last = re.search(r"(\S+)\s*$", view.text[start:end])
    if last is None or last.start() == 0:
        return end
    token = view.parsed.token_at(index, start + last.start(1))
    if token is not None and token.tag_ == "VBN" and token.dep_ == "acl":
        return start + last.start()
    return end


def list_items(view: ArticleView, index: int, start: int, end: int | None = None) -> list[Span]:
    """The items from ``start`` to the list's end: split at commas, and at "and"/"or"
    unless the item so far has an "of" phrase the coordination belongs to; each cut
    before its qualifiers."""
    # a list whose end the caller knows (a subject before its verb) is not cut at a clause
    end = list_end(view, index, start) if end is None else end
    visible = shielded(view, start, end)
    items: list[Span] = []
    piece_start = 0
    separators = r",\s*(?:and\s+|or\s+)?|\s+(?:and/or|and|or|as well as|&)\s+"
    names = [m.span for m in view.mentions(index)]
    for separator in re.finditer(separators, visible):
        piece = visible[piece_start : separator.start()]
        if not separator.group().startswith(",") and re.search(r"\bof\b", piece):
            continue  # "symptoms of general and localized pain"
        at = start + separator.start()
        if any(n.start < at < n.end for n in names):
            continue  # "Hospital Anxiety and Depression Scale"
        items.append(Span(start + piece_start, start + separator.start()))
        piece_start = separator.end()
    items.append(Span(start + piece_start, end))
    cut = [Span(i.start, item_end(view, index, i)) for i in items]
    kept = [view.trimmed(i) for i in cut if view.text[i.start : i.end].strip()]
    return [i for i in kept if i.end > i.start]


def named(view: ArticleView, spans: list[Span]) -> list[tuple[Span, str]]:
    """Each outcome phrase with its label. "heart and respiratory rates": a lone word takes
    the next phrase's last word when the lexicon knows the pair ("heart rates")."""
    labels = [label_of(view.text[s.start : s.end]) for s in spans]
    out: list[tuple[Span, str]] = []
    for k, (span, label) in enumerate(zip(spans, labels, strict=True)):
        following = labels[k + 1].split() if k + 1 < len(spans) else []
        if len(following) > 1 and view.lexicon.lookup(label) is None:
            pair = f"{label.split()[-1]} {following[-1]}"
            if view.lexicon.lookup(pair) is not None:
                label = f"{label} {following[-1]}"
        out.append((span, label))
    return out


def outcome_spans(view: ArticleView, index: int, item: Span) -> list[Span]:
    """The outcome phrases an item names: without determiners, time points and brackets,
    without a leading "change in" or "level of" (whose object may itself be a list), and
    without an "of" phrase that holds a coordination."""
    table = rule_table("measures")
    span = trimmed_span(view, item)
    text = view.text[span.start : span.end]
    # "No serious adverse events were recorded": what was recorded is adverse events
    negated = re.match(r"(?:no|any)\s+", text, re.I)
    if negated is not None and negated.end() < len(text):
        span = Span(span.start + negated.end(), span.end)
        text = view.text[span.start : span.end]
    change = words_pattern(table["change_words"])
    heads = words_pattern(table["measure_heads"])
    # matched on the shielded text, so that "sustained (BPI, 0-10 scale) change in pain"
    # still reads as a change in pain
    lead = re.match(
        rf"(?:(?:(?:_+|[\w-]+)\s+){{0,10}}?(?:{change})\s+(?:in|of)\s+|(?:{heads})\s+of\s+)"
        r"(?:(?:the|their|his|her|its)\s+)?",
        shielded(view, span.start, span.end),
        re.I,
    )
    if lead is not None and lead.end() < len(text):
        inner = Span(span.start + lead.end(), span.end)
        return [
            s
            for i in list_items(view, index, inner.start, inner.end)
            for s in outcome_spans(view, index, i)
        ]
    of = re.search(r"\s+of\s+(?P<rest>.+)$", text)
    if of is not None and re.search(r"\b(?:and|or)\b", of.group("rest")):
        span = Span(span.start, span.start + of.start())
        text = view.text[span.start : span.end]
    verbs = words_pattern(table["effect_verbs"])
    verb = re.match(rf"(?:{verbs})\s+", text, re.I)
    if verb is not None:  # "and improving quality of life"
        span = Span(span.start + verb.end(), span.end)
        text = view.text[span.start : span.end]
    if not measurable(text) or _lone_adjective(view, index, span):
        return []
    return [span]


def _lone_adjective(view: ArticleView, index: int, span: Span) -> bool:
    """ "immediate" in "immediate (...) and sustained change in pain": a modifier whose noun
    is the next item's."""
    tokens = list(view.parsed.tokens_within(index, span))
    if len(tokens) != 1 or view.mentions_between(index, span.start, span.end):
        return False
    return tokens[0].pos_ in ("ADJ", "ADV") or tokens[0].tag_ == "VBN"


def measurable(text: str) -> bool:
    """A short noun phrase that is not people, a pronoun, an adverb, a prepositional
    phrase or a word for outcomes or effects in general ("the efficacy of massage")."""
    words = text.split()
    if not words or len(words) > MAX_WORDS or not re.search(r"[A-Za-z]{2}", text):
        return False
    if re.match(r"(?:between|among|in|at|on|of|for|with|from|to|by|than)\b", text, re.I):
        return False
    if len(words) == 1 and words[0].lower().endswith("ly"):
        return False
    if re.search(rf"\b{PEOPLE}\b", text, re.I):
        return False
    general = set(rule_table("measures")["not_outcomes"])
    head = re.split(r"\s+of\s+", text, maxsplit=1)[0].split()
    return text.lower() not in general and head[-1].lower() not in general
