"""Attribute names and values for the property-graph exports.

Only the six GraphML types are used (boolean, long, double, string; ``int`` and ``float``
are never needed). A column falls back to ``string`` whenever a typed reader would change
a value: integers beyond 2^53 (graphology and igraph read numbers as doubles), decimals a
double cannot hold exactly, NaN and infinities, or a mix of kinds. Multi-valued columns
are JSON arrays of the lexical forms.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Literal as TypingLiteral

from rdflib import XSD, Literal, URIRef

from articlekg.export.terms import TURTLE_PREFIXES, lexical_form
from articlekg.vocab import AKG, SCHEMA

Value = bool | int | float | str
AttrType = TypingLiteral["boolean", "long", "double", "string"]
Cell = str | Literal

RESERVED_NODE = frozenset(
    {
        "id",
        "iri",
        "label",
        "type",
        "labels",
        "color",
        "size",
        "x",
        "y",
        "otherLabels",
        "evidenceIri",
        "evidenceQuote",
        "evidenceStart",
        "evidenceEnd",
    }
)
SAFE_INTEGER = 2**53
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_INTEGER_TYPES = frozenset(
    XSD[name]
    for name in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
)
_NAMESPACE_RANK = {str(AKG): 0, str(SCHEMA): 1}


def local_name(iri: str) -> str:
    return iri[max(iri.rfind("#"), iri.rfind("/")) + 1 :]


def compact_iri(iri: str) -> str:
    """``akg:reduces`` for IRIs in a known namespace with a plain local name, else the IRI."""
    local = local_name(iri)
    namespace = iri[: len(iri) - len(local)]
    if _NAME.match(local):
        for prefix, candidate in sorted(TURTLE_PREFIXES.items()):
            if candidate == namespace:
                return f"{prefix}:{local}"
    return iri


def name_predicates(predicates: Iterable[URIRef], reserved: frozenset[str]) -> dict[URIRef, str]:
    """A distinct, identifier-safe name per predicate (or class): its local name where free.

    akg's properties claim local names first, then schema.org's, then the rest by IRI; a
    loser is named ``prefix_local`` (or by a hash of its IRI), so names never depend on
    which other predicates happen to be present in a different order.
    """
    taken = set(reserved)
    names: dict[URIRef, str] = {}

    def rank(p: URIRef) -> tuple[int, str]:
        local = local_name(str(p))
        return (_NAMESPACE_RANK.get(str(p)[: len(str(p)) - len(local)], 2), str(p))

    for predicate in sorted(set(predicates), key=rank):
        local = local_name(str(predicate))
        namespace = str(predicate)[: len(str(predicate)) - len(local)]
        prefix = next((k for k, v in sorted(TURTLE_PREFIXES.items()) if v == namespace), None)
        candidates = [local, f"{prefix}_{local}" if prefix else ""]
        name = next((c for c in candidates if _NAME.match(c) and c not in taken), None)
        if name is None:
            name = "p_" + hashlib.sha256(str(predicate).encode("utf-8")).hexdigest()[:12]
        taken.add(name)
        names[predicate] = name
    return names


def _classify(cell: Cell) -> tuple[AttrType, Value]:
    """The narrowest type that reads back exactly, and the value in it."""
    if not isinstance(cell, Literal) or cell.language is not None:
        return "string", str(cell)
    lexical = lexical_form(cell)
    datatype = cell.datatype
    if datatype == XSD.boolean and lexical in ("true", "false", "1", "0"):
        return "boolean", lexical in ("true", "1")
    if datatype in _INTEGER_TYPES:
        try:
            number = int(lexical)
        except ValueError:
            return "string", lexical
        return ("long", number) if abs(number) <= SAFE_INTEGER else ("string", lexical)
    if datatype in (XSD.decimal, XSD.double, XSD.float):
        try:
            exact = Decimal(lexical.strip())
            approx = float(lexical)
        except (InvalidOperation, ValueError):
            return "string", lexical
        if math.isfinite(approx) and Decimal(repr(approx)) == exact:
            return "double", approx
    return "string", lexical


def decide_key(cells: Sequence[Sequence[Cell]]) -> tuple[AttrType, bool]:
    """The column type and list-ness for the values ``cells`` (one sequence per row)."""
    if any(len(row) > 1 for row in cells):
        return "string", True
    kinds = {_classify(row[0])[0] for row in cells if row}
    if len(kinds) == 1:
        return next(iter(kinds)), False
    if kinds == {"long", "double"}:
        return "double", False
    return "string", False


def convert(cell: Cell, attr_type: AttrType) -> Value:
    kind, value = _classify(cell)
    if attr_type == "string":
        return cell_text(cell)
    if attr_type == "double" and kind == "long":
        return float(value)
    return value


def cell_text(cell: Cell) -> str:
    return lexical_form(cell) if isinstance(cell, Literal) else cell


def list_text(row: Sequence[Cell]) -> str:
    return json.dumps([cell_text(cell) for cell in row], ensure_ascii=False)
