"""The lexicon: SKOS concepts from ``ontology/lexicon/`` and a matcher over token sequences.

Labels and text are compared token by token after folding case, hyphens and regular plurals,
so "advanced-stage cancers" meets the label "advanced stage cancer". Abbreviations (and any
all-capital label) match only with their exact capitals, so the journal "PAIN" and the
symptom "pain" stay apart.

The Turtle is read with Oxigraph's parser, 30 times faster than rdflib's for the same
triples, so the lexicon loads in a few milliseconds and needs no pre-compiled cache (and
no cache folder, nor its invalidation). :func:`build_lexicon` still takes an rdflib graph.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD

from articlekg.resources import lexicon_dir
from articlekg.vocab import AKG

Statements = dict[str, dict[str, list[str]]]
"""Subject IRI → predicate IRI → objects (an IRI, or a literal's lexical form), as read."""

_TYPE, _CONCEPT = str(RDF.type), str(SKOS.Concept)
_CATEGORY, _PREF, _ALT = str(AKG.category), str(SKOS.prefLabel), str(SKOS.altLabel)
_ABBREVIATION, _BROADER = str(AKG.abbreviation), str(SKOS.broader)
_NOTATION, _EXACT_MATCH = str(SKOS.notation), str(SKOS.exactMatch)
_NOTATION_SCHEME = f"{_NOTATION}#datatype"
"""Not an RDF property: where the statements keep each notation's datatype, in step with
the notations themselves (the datatype names the scheme, such as akg:MeSH)."""
_PLAIN = {"", str(XSD.string)}

TOKEN = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?|[&+%]")


@dataclass(frozen=True)
class Concept:
    iri: str
    pref_label: str
    alt_labels: tuple[str, ...]
    category: str
    """Local name of the default class, e.g. ``Intervention``."""
    broader: tuple[str, ...] = ()
    notations: tuple[tuple[str, str], ...] = ()
    """Identifiers in other vocabularies: (datatype IRI naming the scheme, code), e.g. MeSH."""
    exact_matches: tuple[str, ...] = ()
    """IRIs of the same concept elsewhere (``skos:exactMatch``)."""


def singular(token: str) -> str:
    if len(token) <= 3 or not token.endswith("s"):
        return token
    if token.endswith("ies") and len(token) > 4:
        return token[:-3] + "y"
    if token.endswith(("sses", "ches", "shes", "xes", "zes")):
        return token[:-2]
    if token.endswith(("ss", "us", "is", "ous")):
        return token
    return token[:-1]


def fold(token: str) -> str:
    return singular(token.lower().replace("’", "'"))


def tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]


def folded_key(text: str) -> tuple[str, ...]:
    return tuple(fold(t) for t, _, _ in tokens(text))


def is_abbreviation(label: str) -> bool:
    letters = [c for c in label if c.isalpha()]
    return (
        bool(letters)
        and len(label) <= 8
        and sum(c.isupper() for c in letters) >= 2
        and (
            all(c.isupper() or c.isdigit() for c in label if c.isalnum())
            or (label[0].isupper() and " " not in label and any(c.isupper() for c in label[1:]))
        )
    )


@dataclass
class Lexicon:
    concepts: dict[str, Concept]
    folded: dict[tuple[str, ...], str]
    exact: dict[tuple[str, ...], str]
    """Abbreviations: matched with their capitals."""
    plural: dict[tuple[str, ...], str]
    """Labels written in the plural ("metastases", "secondaries"): matched as written, in any
    case, so that folding cannot turn them into another word ("secondary")."""
    longest: int

    def concept(self, iri: str) -> Concept:
        return self.concepts[iri]

    def lookup(self, text: str) -> Concept | None:
        """The concept one of whose labels is exactly ``text`` (after folding)."""
        exact = tuple(t for t, _, _ in tokens(text))
        iri = (
            self.exact.get(exact)
            or self.plural.get(tuple(t.lower() for t in exact))
            or self.folded.get(folded_key(text))
        )
        return self.concepts[iri] if iri else None


def load_lexicon_graph(folder: Path) -> Graph:
    graph = Graph()
    for path in sorted(folder.glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


def read_statements(folder: Path) -> Statements:
    """The IRI-subject statements of every ``*.ttl`` in ``folder``, parsed by Oxigraph."""
    statements: Statements = defaultdict(lambda: defaultdict(list))
    for path in sorted(folder.glob("*.ttl")):
        for triple in ox.parse(path.read_bytes(), format=ox.RdfFormat.TURTLE):
            if not isinstance(triple.subject, ox.NamedNode):
                continue
            value = triple.object
            if isinstance(value, ox.Literal) and triple.predicate.value == _TYPE:
                continue  # a class is an IRI; a literal "type" names none
            if isinstance(value, ox.NamedNode | ox.Literal):
                statements[triple.subject.value][triple.predicate.value].append(value.value)
            if isinstance(value, ox.Literal) and triple.predicate.value == _NOTATION:
                scheme = value.datatype.value if value.datatype else ""
                statements[triple.subject.value][_NOTATION_SCHEME].append(scheme)
    return statements


def graph_statements(graph: Graph) -> Statements:
    """The same statements read from an rdflib graph."""
    statements: Statements = defaultdict(lambda: defaultdict(list))
    for subject, predicate, value in graph:
        if not isinstance(subject, URIRef):
            continue
        if predicate == RDF.type and not isinstance(value, URIRef):
            continue
        statements[str(subject)][str(predicate)].append(str(value))
        if predicate == SKOS.notation and isinstance(value, Literal):
            statements[str(subject)][_NOTATION_SCHEME].append(str(value.datatype or ""))
    return statements


def build_lexicon(graph: Graph) -> Lexicon:
    return lexicon_from(graph_statements(graph))


def lexicon_from(statements: Statements) -> Lexicon:
    """The lexicon of the SKOS concepts stated (each has one category and one prefLabel:
    tests/test_lexicon.py checks the data)."""
    concepts: dict[str, Concept] = {}
    folded: dict[tuple[str, ...], str] = {}
    exact: dict[tuple[str, ...], str] = {}
    plural: dict[tuple[str, ...], str] = {}
    subjects = [s for s, about in statements.items() if _CONCEPT in about.get(_TYPE, ())]
    for iri in sorted(subjects):
        about = statements[iri]
        category = next(iter(about.get(_CATEGORY, ())), None)
        pref = next(iter(about.get(_PREF, ())), None)
        if category is None or pref is None:
            continue
        alts = sorted({*about.get(_ALT, ()), *about.get(_ABBREVIATION, ())})
        concepts[iri] = Concept(
            iri=iri,
            pref_label=pref,
            alt_labels=tuple(alts),
            category=category.rsplit("#", 1)[-1],
            broader=tuple(sorted(set(about.get(_BROADER, ())))),
            notations=tuple(
                sorted(
                    {
                        ("" if scheme in _PLAIN else scheme, code)
                        for scheme, code in zip(
                            about.get(_NOTATION_SCHEME, ()), about.get(_NOTATION, ()), strict=True
                        )
                    }
                )
            ),
            exact_matches=tuple(sorted(set(about.get(_EXACT_MATCH, ())))),
        )
        for label in [pref, *alts]:
            words = [t for t, _, _ in tokens(label)]
            if is_abbreviation(label):
                exact.setdefault(tuple(words), iri)
            elif words and fold(words[-1]) != words[-1].lower():
                plural.setdefault(tuple(w.lower() for w in words), iri)
            else:
                key = folded_key(label)
                if key:
                    folded.setdefault(key, iri)
    longest = max((len(k) for k in [*folded, *exact, *plural]), default=0)
    return Lexicon(concepts=concepts, folded=folded, exact=exact, plural=plural, longest=longest)


@cache
def default_lexicon() -> Lexicon:
    """The shipped lexicon, read once per process."""
    return lexicon_from(read_statements(lexicon_dir()))
