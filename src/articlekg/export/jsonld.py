"""JSON-LD with an inline context that names terms readably, in a fixed key order.

Terms are local names: akg's own first, schema.org's for the properties aligned to it,
then the rest; a local name claimed twice keeps the full IRI for the later claimant.
Literal values are written as their lexical strings with the datatype in the context or
beside them, so that numbers above 2^53 and non-canonical forms survive JSON parsers.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rdflib import RDF, XSD, Graph, Literal, URIRef

from articlekg.atomic import write_text
from articlekg.export.registry import ArticleGraph
from articlekg.export.terms import (
    TURTLE_PREFIXES,
    Triple,
    checked_triples,
    lexical_form,
    sort_key,
)
from articlekg.vocab import AKG, SCHEMA

# Which namespace wins a shared local name: ours, then schema.org, then by IRI.
_NAMESPACE_RANK = {str(AKG): 0, str(SCHEMA): 1}
_TERM_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")


def _split(iri: str) -> tuple[str, str]:
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1], iri[cut + 1 :]


def _compact(iri: str, prefixes: dict[str, str]) -> str:
    namespace, local = _split(iri)
    for prefix, candidate in sorted(prefixes.items()):
        if candidate == namespace and local and set(local) <= _TERM_CHARS:
            return f"{prefix}:{local}"
    return iri


def _term_names(iris: set[str]) -> dict[str, str]:
    # Terms win over prefixes: akg:unit is named "unit" and the QUDT prefix steps aside.
    taken: set[str] = set()
    names: dict[str, str] = {}
    ranked = sorted(iris, key=lambda iri: (_NAMESPACE_RANK.get(_split(iri)[0], 2), iri))
    for iri in ranked:
        local = _split(iri)[1]
        valid = local and not local[0].isdigit() and set(local) <= _TERM_CHARS
        if valid and local not in taken:
            names[iri] = local
            taken.add(local)
    return names


def _coercion(objects: list[URIRef | Literal], prefixes: dict[str, str]) -> str | None:
    """The one ``@type`` every object of a predicate shares, if any."""
    if all(isinstance(o, URIRef) for o in objects):
        return "@id"
    datatypes = {
        (o.datatype, o.language) if isinstance(o, Literal) else (None, "iri") for o in objects
    }
    if len(datatypes) == 1:
        datatype, language = next(iter(datatypes))
        if language is None and datatype is not None and datatype != XSD.string:
            return _compact(str(datatype), prefixes)
    return None


def _value(term: URIRef | Literal, coerced: str | None, prefixes: dict[str, str]) -> Any:
    if isinstance(term, URIRef):
        return str(term) if coerced == "@id" else {"@id": str(term)}
    if coerced is not None:
        return lexical_form(term)
    if term.language is not None:
        return {"@value": str(term), "@language": term.language}
    if term.datatype is not None and term.datatype != XSD.string:
        return {"@value": lexical_form(term), "@type": _compact(str(term.datatype), prefixes)}
    return str(term)


def jsonld_document(graph: Graph) -> dict[str, Any]:
    triples: list[Triple] = checked_triples(graph)
    by_predicate: dict[URIRef, list[URIRef | Literal]] = {}
    classes: set[str] = set()
    for _, p, o in triples:
        if p == RDF.type:
            classes.add(str(o))
        else:
            by_predicate.setdefault(p, []).append(o)
    names = _term_names({str(p) for p in by_predicate} | classes)
    prefixes = {k: v for k, v in TURTLE_PREFIXES.items() if k not in names.values()}
    coercions = {
        p: _coercion(objects, prefixes) if str(p) in names else None
        for p, objects in by_predicate.items()
    }

    context: dict[str, Any] = dict(prefixes)
    for iri, name in names.items():
        predicate = URIRef(iri)
        if predicate in coercions and coercions[predicate] is not None:
            context[name] = {"@id": _compact(iri, prefixes), "@type": coercions[predicate]}
        else:
            context[name] = _compact(iri, prefixes)

    nodes: dict[URIRef, dict[str, list[URIRef | Literal]]] = {}
    for s, p, o in triples:
        key = "@type" if p == RDF.type else names.get(str(p), str(p))
        nodes.setdefault(s, {}).setdefault(key, []).append(o)
    keys_to_predicate = {names.get(str(p), str(p)): p for p in by_predicate}

    graph_nodes: list[dict[str, Any]] = []
    for subject in sorted(nodes, key=str):
        node: dict[str, Any] = {"@id": str(subject)}
        for key, objects in nodes[subject].items():
            ordered = sorted(objects, key=sort_key)
            if key == "@type":
                values: list[Any] = [names.get(str(o), str(o)) for o in ordered]
            else:
                coerced = coercions[keys_to_predicate[key]]
                values = [_value(o, coerced, prefixes) for o in ordered]
            node[key] = values[0] if len(values) == 1 else values
        graph_nodes.append(node)
    return {"@context": context, "@graph": graph_nodes}


def jsonld_text(graph: Graph) -> str:
    # sort_keys puts @context before @graph and @id/@type before terms: a fixed order.
    return json.dumps(jsonld_document(graph), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


class JsonLdExporter:
    name = "jsonld"
    description = "JSON-LD (.jsonld) with a readable inline context"

    def write(self, article: ArticleGraph, outdir: Path) -> list[Path]:
        return [write_text(outdir / f"{article.stem}.jsonld", jsonld_text(article.graph))]
