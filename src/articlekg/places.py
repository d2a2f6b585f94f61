"""Countries and their demonyms (``ontology/places.ttl``): where a study took place."""

from __future__ import annotations

import re
from functools import cache

from rdflib import Graph
from rdflib.namespace import SKOS

from articlekg.resources import ontology_dir
from articlekg.vocab import AKG


@cache
def place_names() -> dict[str, str]:
    """Every name and demonym of a country, mapped to the country's name."""
    graph = Graph()
    graph.parse(data=(ontology_dir() / "places.ttl").read_text(encoding="utf-8"), format="turtle")
    names: dict[str, str] = {}
    for country, label in graph.subject_objects(SKOS.prefLabel):
        name = str(label)
        names[name] = name
        for other in (*graph.objects(country, SKOS.altLabel), *graph.objects(country, AKG.demonym)):
            names[str(other)] = name
    return names


@cache
def _pattern() -> re.Pattern[str]:
    words = sorted(place_names(), key=len, reverse=True)
    return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w])")


def country_in(text: str) -> str | None:
    """The first country the text names, by name or demonym ("Taiwanese patients")."""
    match = _pattern().search(text)
    return place_names()[match.group()] if match else None
