"""User vocabularies: SKOS files (``--lexicon FILE``) added to the built-in lexicon.

A user's file is Turtle in the built-in lexicon's shape (``ontology/lexicon/``): each
``skos:Concept`` is ``skos:inScheme`` a ``skos:ConceptScheme`` (declared in the file, or the
built-in ``concept:lexicon``), has one ``skos:prefLabel``, and an ``akg:category`` naming the
class the recogniser gives it (Intervention, Condition, Outcome, ...). Optional:
``skos:altLabel``, ``akg:abbreviation``, ``skos:broader``, ``skos:exactMatch``, and
``skos:notation`` typed by the datatype that names its scheme (``akg:MeSH``). A file that
breaks any of this is refused with one line that names the file and the concept.

The built-in lexicon keeps its labels: a user's concept gets the labels no built-in concept
already owns, so adding a vocabulary never changes what the built-in concepts match.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from articlekg.errors import InputError, IRIError
from articlekg.iris import checked
from articlekg.lexicon import Lexicon, build_lexicon, default_lexicon
from articlekg.vocab import AKG, CONCEPT

CATEGORIES = (
    "Intervention",
    "Condition",
    "Outcome",
    "Mechanism",
    "Population",
    "Periodical",
    "Organization",
    "Context",
    "StudyDesign",
)
"""The classes a lexicon concept may default to: those of the built-in lexicon's files."""
MESH_ID = re.compile(r"^D[0-9]{6}([0-9]{3})?$")
BUILT_IN_SCHEME = CONCEPT.lexicon


def _name(node: object) -> str:
    text = str(node)
    return f"akg:{text[len(str(AKG)) :]}" if text.startswith(str(AKG)) else f"<{text}>"


def _parse(path: Path) -> Graph:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read the vocabulary: {error}") from None
    graph = Graph()
    try:
        graph.parse(data=text, format="turtle")
    except Exception as error:  # rdflib raises several unrelated types for bad syntax
        first = (str(error).strip().splitlines() or [type(error).__name__])[0]
        raise InputError(f"{path}: not a Turtle vocabulary: {first[:200]}") from None
    return graph


def check_vocabulary(path: Path, graph: Graph, builtin: Lexicon) -> None:
    """Raise InputError with one line on the first thing the recogniser could not use."""
    concepts = sorted(s for s in graph.subjects(RDF.type, SKOS.Concept) if isinstance(s, URIRef))
    if not concepts:
        raise InputError(f"{path}: no skos:Concept in this vocabulary")
    schemes = {s for s in graph.subjects(RDF.type, SKOS.ConceptScheme)} | {BUILT_IN_SCHEME}
    for concept in concepts:
        where = f"{path}: concept <{concept}>"
        try:
            checked(str(concept))
        except IRIError as error:
            raise InputError(f"{path}: {error.message}") from None
        if str(concept) in builtin.concepts:
            raise InputError(f"{where} is already in the built-in lexicon; give it another IRI")
        in_schemes = list(graph.objects(concept, SKOS.inScheme))
        if not in_schemes:
            raise InputError(f"{where} is in no skos:ConceptScheme (add skos:inScheme)")
        unknown = [s for s in in_schemes if s not in schemes]
        if unknown:
            raise InputError(
                f"{where}: unknown scheme <{unknown[0]}> (declare it a skos:ConceptScheme)"
            )
        labels = list(graph.objects(concept, SKOS.prefLabel))
        if len(labels) != 1 or not isinstance(labels[0], Literal) or not str(labels[0]).strip():
            raise InputError(f"{where} needs exactly one skos:prefLabel, has {len(labels)}")
        categories = list(graph.objects(concept, AKG.category))
        if len(categories) != 1:
            raise InputError(
                f"{where} needs one akg:category, one of {', '.join(CATEGORIES)}; "
                f"has {len(categories)}"
            )
        if categories[0] not in {AKG[c] for c in CATEGORIES}:
            raise InputError(
                f"{where}: unknown type {_name(categories[0])}; akg:category is one of "
                f"{', '.join(CATEGORIES)}"
            )
        for notation in graph.objects(concept, SKOS.notation):
            if not isinstance(notation, Literal) or notation.datatype is None:
                raise InputError(
                    f"{where}: skos:notation {str(notation)!r} needs a datatype naming its "
                    "scheme, such as akg:MeSH"
                )
            if notation.datatype == AKG.MeSH and not MESH_ID.match(str(notation)):
                raise InputError(f"{where}: {str(notation)!r} is not a MeSH descriptor id")


def merged_lexicon(base: Lexicon, user: Lexicon) -> Lexicon:
    """``base`` with ``user``'s concepts; where both name a label, ``base`` keeps it."""
    return Lexicon(
        concepts={**user.concepts, **base.concepts},
        folded={**user.folded, **base.folded},
        exact={**user.exact, **base.exact},
        plural={**user.plural, **base.plural},
        longest=max(base.longest, user.longest),
    )


def lexicon_with(paths: Sequence[Path]) -> Lexicon:
    """The built-in lexicon, plus every vocabulary in ``paths`` (checked first)."""
    builtin = default_lexicon()
    if not paths:
        return builtin
    user_graph = Graph()
    for path in paths:
        graph = _parse(path)
        check_vocabulary(path, graph, builtin)
        user_graph += graph
    return merged_lexicon(builtin, build_lexicon(user_graph))
