"""Scope: is an outcome negated, hedged or only hypothetical in its sentence?

medspaCy's ConText decides, with the project's own rules (``ontology/rules/context.json``)
instead of its clinical defaults: "No differences were found in A, B and C" negates all
three; "may ease pain" hedges; "Future studies should test whether X reduces Y" and "to
examine whether ..." state no finding. Targets are passed in a span group, so nothing else
in the Doc becomes a target.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from articlekg.language import english
from articlekg.resources import ontology_dir

if TYPE_CHECKING:
    from spacy.tokens import Doc

TARGETS = "akg_targets"
CONDITIONAL = "CONDITIONAL"
"""'if …': hypothetical only up to the end of its clause (see context.json)."""


@dataclass(frozen=True)
class Scope:
    negated: bool = False
    hedged: bool = False
    hypothetical: bool = False


@cache
def _context() -> Any:
    from loguru import logger
    from medspacy.context import ConText

    logger.disable("PyRuSH")  # PyRuSH logs every document at DEBUG on import
    path = ontology_dir() / "rules" / "context.json"
    terminating = json.loads(path.read_text(encoding="utf-8"))["terminating_types"]
    return ConText(
        english(),
        rules=str(path),
        input_span_type="group",
        span_group_name=TARGETS,
        terminating_types=terminating,
    )


def scopes(doc: Doc, targets: list[tuple[int, int]]) -> list[Scope]:
    """The scope of each target, given as (first token, end token) of ``doc``."""
    if not targets:
        return []
    from spacy.tokens import Span as TokenSpan

    unique = sorted(set(targets))
    doc.spans[TARGETS] = [TokenSpan(doc, start, end, label="TARGET") for start, end in unique]
    _context()(doc)
    found = {
        (span.start, span.end): Scope(
            negated=bool(span._.is_negated),
            hedged=bool(span._.is_uncertain),
            hypothetical=bool(span._.is_hypothetical)
            or any(m.category == CONDITIONAL for m in span._.modifiers),
        )
        for span in doc.spans[TARGETS]
    }
    return [found[target] for target in targets]
