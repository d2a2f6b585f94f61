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
from dataclasses import dataclass

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


class Folded:
    """What the articles that hold one node (or edge) say about it, folded in one article
    at a time, in ascending stem order (:meth:`add`).

    Only what the merged row will say is kept: the first value of each column, the stems,
    the types, and the evidence already as JSON text. A node that every article of a corpus
    holds is merged in memory about the size of its row, not of every article's record.
    """

    def __init__(self, derived: frozenset[str], list_columns: frozenset[str]) -> None:
        self._derived = derived
        self._list_columns = list_columns
        self.stems: list[str] = []
        self.types: set[str] = set()
        self.first_types: tuple[str, ...] = ()
        self.first_iri: Value | None = None
        self._merged: dict[str, Value] = {}
        self._first_evidence: EvidenceItem | None = None
        self._other_evidence: list[str] = []

    def add(
        self,
        stem: str,
        types: tuple[str, ...],
        attributes: dict[str, Value],
        lists: frozenset[str],
    ) -> None:
        """One article's record; ``lists`` are the columns its projection holds as lists."""
        if self.stems and stem <= self.stems[-1]:
            raise ValueError(
                f"records must come in ascending stem order: {stem!r} after {self.stems[-1]!r}"
            )
        if not self.stems:
            self.first_types, self.first_iri = types, attributes.get("iri")
        self.stems.append(stem)
        self.types.update(types)
        for name, value in attributes.items():
            if name in self._derived or name in EVIDENCE_COLUMNS or name == OTHER_EVIDENCE:
                continue
            if name in self._merged:
                continue  # the first article's value wins
            if name in self._list_columns and name not in lists:
                # A single value where other articles have a list becomes a one-item list,
                # so a column is a list everywhere or nowhere.
                single = value if isinstance(value, str) else lexical(value)
                value = json.dumps([single], ensure_ascii=False)
            self._merged[name] = value
        # Evidence is ordered by article first, so one article's sorted items follow the
        # items of every article before it.
        for item in sorted(_evidence_items(stem, attributes), key=_evidence_order):
            if self._first_evidence is None:
                self._first_evidence = item
            else:
                self._other_evidence.append(json.dumps(item, ensure_ascii=False, sort_keys=True))

    def attributes(self) -> dict[str, Value]:
        """The merged columns: first value wins, evidence in article then offset order."""
        merged = dict(self._merged)
        if self._first_evidence is not None:
            first = dict(self._first_evidence)
            merged[EVIDENCE_ARTICLE] = first.pop("article")
            merged.update(first)
            if self._other_evidence:
                # As json.dumps spells the list of the remaining items.
                merged[OTHER_EVIDENCE] = "[" + ", ".join(self._other_evidence) + "]"
        merged["articles"] = json.dumps(self.stems, ensure_ascii=False)
        merged["articleCount"] = len(self.stems)
        return merged


def node_folder(list_columns: frozenset[str]) -> Folded:
    return Folded(_DERIVED_NODE, list_columns)


def edge_folder(list_columns: frozenset[str]) -> Folded:
    return Folded(frozenset(), list_columns)


def merged_node(node_id: str, folded: Folded, degree: int) -> Node:
    """The corpus node; ``degree`` counts its non-structural edges in the whole corpus."""
    names = sorted(folded.types)
    primary = primary_type(names or ["Resource"])
    types = (primary, *[name for name in names if name != primary])
    attributes = folded.attributes()
    attributes.update(
        type=primary,
        labels="".join(f":{name}" for name in types),
        color=colour_for(primary),
        size=size_for(degree),
    )
    return Node(node_id, types, dict(sorted(attributes.items())))


def merged_edge(
    edge_id: str, folded: Folded, ends: tuple[str, str], type_names: Mapping[URIRef, str]
) -> Edge:
    """The corpus edge; ``type_names`` names every predicate of the corpus, so one
    relationship type means one predicate."""
    iri = folded.first_iri
    rel_type = type_names[URIRef(str(iri))] if iri is not None else folded.first_types[0]
    attributes = folded.attributes()
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
