"""How one node or edge several articles hold becomes one corpus node or edge, and how
corpus columns are typed (see :mod:`articlekg.export.corpus_graphs` for what the merged
attributes mean).

Everything here works on one node or edge at a time, or on per-column tallies, so the
corpus property graph can be merged from sorted parts on disk
(:mod:`articlekg.export.corpus_stream`) without holding the corpus.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field

from rdflib import URIRef

from articlekg.export.attributes import AttrType, Value
from articlekg.export.projection import Edge, Key, Node
from articlekg.export.style import colour_for, primary_type, size_for
from articlekg.export.xmltext import lexical

EVIDENCE_COLUMNS = ("evidenceIri", "evidenceQuote", "evidenceStart", "evidenceEnd")
OTHER_EVIDENCE = "otherEvidence"
EVIDENCE_ARTICLE = "evidenceArticle"
# Recomputed from the whole corpus rather than taken from one article.
_DERIVED_NODE = frozenset({"type", "labels", "color", "size"})

EvidenceItem = dict[str, Value]


@dataclass
class Seen:
    """What the articles that hold one node (or edge) said about it, by article stem."""

    attributes: dict[str, dict[str, Value]] = field(default_factory=dict)
    types: dict[str, tuple[str, ...]] = field(default_factory=dict)
    lists: dict[str, frozenset[str]] = field(default_factory=dict)
    """The columns that hold JSON lists in each article's projection."""


def merged_node(node_id: str, seen: Seen, degree: int, list_columns: frozenset[str]) -> Node:
    """The corpus node; ``degree`` counts its non-structural edges in the whole corpus."""
    names = sorted({name for types in seen.types.values() for name in types})
    primary = primary_type(names or ["Resource"])
    types = (primary, *[name for name in names if name != primary])
    attributes = merged_attributes(seen, _DERIVED_NODE, list_columns)
    attributes.update(
        type=primary,
        labels="".join(f":{name}" for name in types),
        color=colour_for(primary),
        size=size_for(degree),
    )
    return Node(node_id, types, dict(sorted(attributes.items())))


def merged_edge(
    edge_id: str,
    seen: Seen,
    ends: tuple[str, str],
    type_names: Mapping[URIRef, str],
    list_columns: frozenset[str],
) -> Edge:
    """The corpus edge; ``type_names`` names every predicate of the corpus, so one
    relationship type means one predicate."""
    first = seen.attributes[min(seen.attributes)]
    iri = first.get("iri")
    rel_type = type_names[URIRef(str(iri))] if iri is not None else seen.types[min(seen.types)][0]
    attributes = merged_attributes(seen, frozenset(), list_columns)
    attributes["label"] = rel_type
    source, target = ends
    return Edge(edge_id, source, target, rel_type, dict(sorted(attributes.items())))


def edge_order(edge: Edge) -> tuple[str, str, str, str]:
    """Corpus edges are written by source, predicate, target, then id."""
    return edge.source, str(edge.attributes.get("iri", "")), edge.target, edge.id


def is_counted(edge: Edge) -> bool:
    """Whether the edge counts towards node sizes: as in one article's projection,
    structural edges (to the article, to sections) do not."""
    return edge.attributes.get("structural") is not True


def merged_attributes(
    seen: Seen, derived: frozenset[str], list_columns: frozenset[str]
) -> dict[str, Value]:
    """First article's value wins; a single value where other articles have a list of them
    becomes a one-item list, so a column is a list everywhere or nowhere."""
    stems = sorted(seen.attributes)
    merged: dict[str, Value] = {}
    for stem in stems:
        for name, value in seen.attributes[stem].items():
            if name in derived or name in EVIDENCE_COLUMNS or name == OTHER_EVIDENCE:
                continue
            if name in list_columns and name not in seen.lists[stem]:
                single = value if isinstance(value, str) else lexical(value)
                value = json.dumps([single], ensure_ascii=False)
            merged.setdefault(name, value)
    evidence = [item for stem in stems for item in _evidence_items(stem, seen.attributes[stem])]
    evidence.sort(key=_evidence_order)
    if evidence:
        first, *rest = evidence
        merged[EVIDENCE_ARTICLE] = first.pop("article")
        merged.update(first)
        if rest:
            merged[OTHER_EVIDENCE] = json.dumps(rest, ensure_ascii=False, sort_keys=True)
    merged["articles"] = json.dumps(stems, ensure_ascii=False)
    merged["articleCount"] = len(stems)
    return merged


def _evidence_items(stem: str, attributes: dict[str, Value]) -> list[EvidenceItem]:
    """One article's evidence for a node or edge: its plain columns and ``otherEvidence``."""
    items: list[EvidenceItem] = []
    plain = {name: attributes[name] for name in EVIDENCE_COLUMNS if name in attributes}
    if plain:
        items.append(plain)
    other = attributes.get(OTHER_EVIDENCE)
    if isinstance(other, str):
        items.extend(json.loads(other))
    return [{"article": stem, **item} for item in items]


def _evidence_order(item: EvidenceItem) -> tuple[str, int, str]:
    start = item.get("evidenceStart")
    offset = start if isinstance(start, int) and not isinstance(start, bool) else -1
    return str(item["article"]), offset, str(item.get("evidenceIri", ""))


@dataclass
class _Kinds:
    all_boolean: bool = True
    any_text: bool = False
    """Any boolean or string: a column of mixed kinds is a string column."""
    all_integer: bool = True


class ColumnTally:
    """Column types over the whole corpus, from one row at a time: a column typed
    differently by two articles falls back as the projection's does (long and double to
    double, anything else to string), and a column that is a list in any article is a list
    (JSON text) everywhere. Holds a few flags per column name, nothing per row."""

    def __init__(self, list_columns: frozenset[str]) -> None:
        self._list_columns = list_columns
        self._kinds: dict[str, _Kinds] = {}

    def add(self, attributes: Mapping[str, Value]) -> None:
        for name, value in attributes.items():
            kinds = self._kinds.get(name)
            if kinds is None:
                kinds = self._kinds[name] = _Kinds()
            kinds.all_boolean = kinds.all_boolean and isinstance(value, bool)
            kinds.any_text = kinds.any_text or isinstance(value, (bool, str))
            kinds.all_integer = kinds.all_integer and isinstance(value, int)

    def keys(self) -> list[Key]:
        return [
            Key(name, self._type(name), name in self._list_columns) for name in sorted(self._kinds)
        ]

    def _type(self, name: str) -> AttrType:
        kinds = self._kinds[name]
        if name in self._list_columns:
            return "string"
        if kinds.all_boolean:
            return "boolean"
        if kinds.any_text:
            return "string"
        if kinds.all_integer:
            return "long"
        return "double"


def converted(attributes: dict[str, Value], keys: Mapping[str, Key]) -> dict[str, Value]:
    """``attributes`` as their columns' types say (in place; the same dict back)."""
    for name, value in attributes.items():
        key = keys[name]
        if key.type == "string":
            attributes[name] = value if isinstance(value, str) else lexical(value)
        elif key.type == "double" and not isinstance(value, float):
            attributes[name] = float(value)
    return attributes
