"""The relate stage: rules over sentences and structure turn mentions into facts.

Order matters only where a rule builds on another: studies (and their arms) come before
effects, which name arms as subjects; the topical map comes first because its central
entity is the fallback subject of effects and mechanisms.
"""

from __future__ import annotations

import re

from articlekg.document import Document
from articlekg.facts import Facts
from articlekg.lexicon import Lexicon
from articlekg.parse import Parsed
from articlekg.recognise import Mention, Recognised
from articlekg.relate.about import infer_about, main_intervention
from articlekg.relate.advice import relate_advice
from articlekg.relate.aliases import relate_aliases
from articlekg.relate.arms import relate_arms, relate_compared_arms
from articlekg.relate.conditions import relate_conditions
from articlekg.relate.contexts import relate_contexts
from articlekg.relate.effects import relate_effects
from articlekg.relate.entities import relate_roles
from articlekg.relate.measures import measured_outcomes, relate_measures
from articlekg.relate.mechanisms import relate_mechanisms
from articlekg.relate.statistics import relate_statistics
from articlekg.relate.studies import is_citation, relate_studies
from articlekg.relate.topical import relate_topical
from articlekg.relate.view import ArticleView
from articlekg.sections import Sections
from articlekg.segment import Sentence


def relate(
    document: Document,
    sections: Sections,
    sentences: list[Sentence],
    parsed: Parsed,
    recognised: Recognised,
    lexicon: Lexicon,
) -> Facts:
    view = ArticleView(document, sections, sentences, parsed, recognised, lexicon, Facts())
    context_terms: list[Mention] = []
    for mention in recognised.mentions:
        # A term inside a proper name ("Palliative Care Research Network") is not a mention
        # of it; a field named in a cited title is not a context of this article.
        if part_of_name(view, mention) or (
            mention.category == "Context" and is_citation(view, mention.sentence)
        ):
            continue
        if mention.category == "Context":
            context_terms.append(mention)  # a context only where the article places something
            continue
        view.add_mention(mention)
    _publisher(view)
    relate_aliases(view)
    relate_roles(view)
    relate_topical(view)
    relate_studies(view)
    relate_arms(view)
    relate_compared_arms(view)
    relate_contexts(view, context_terms)
    relate_measures(view)
    main = main_intervention(view)
    claims = relate_effects(view, main)
    measured_outcomes(view)
    relate_statistics(view)
    relate_mechanisms(view, main, claims)
    relate_conditions(view)
    relate_advice(view)
    infer_about(view, main)
    type_central_entities(view)
    return view.facts


ROLE_DEFAULTS = {"central": "Intervention", "supporting": "Condition"}


def type_central_entities(view: ArticleView) -> None:
    """A central or supporting entity the text names only by its role ("Central Entity:
    Weight-Care Program") is, by default, an intervention or a condition."""
    for ref, role, span in view.facts.central:
        known = view.facts.entities.get(ref.key)
        if known is None or not (known[1] - {"Entity"}):
            view.add(ref, ROLE_DEFAULTS[role], span)


def part_of_name(view: ArticleView, mention: Mention) -> bool:
    """'Palliative Care Research Network': a term inside a capitalised proper name."""
    if mention.category in ("Periodical", "Organization"):
        return False  # those are names themselves
    following = view.text[mention.span.end : mention.span.end + 20]
    return bool(re.match(r"\s+[A-Z][a-z]", following)) and view.text[mention.span.start].isupper()


def _publisher(view: ArticleView) -> None:
    metadata = view.document.metadata
    if metadata.publisher and metadata.publisher_span is not None:
        view.add_span(metadata.publisher_span, "Organization")
