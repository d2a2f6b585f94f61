"""Exporters, built from the one list :data:`EXPORTERS`."""

from __future__ import annotations

from articlekg.errors import ExportError
from articlekg.export.corpus import write_corpus
from articlekg.export.gexf import GexfExporter
from articlekg.export.graphml import GraphMLExporter, StrictGraphMLExporter
from articlekg.export.jsonld import JsonLdExporter
from articlekg.export.neo4j import Neo4jExporter
from articlekg.export.ntriples import NQuadsExporter, NTriplesExporter
from articlekg.export.registry import ArticleGraph, Exporter
from articlekg.export.schemaorg import SchemaOrgExporter
from articlekg.export.turtle import TrigExporter, TurtleExporter

EXPORTERS: list[Exporter] = [
    TurtleExporter(),
    NTriplesExporter(),
    JsonLdExporter(),
    TrigExporter(),
    NQuadsExporter(),
    GraphMLExporter(),
    StrictGraphMLExporter(),
    GexfExporter(),
    Neo4jExporter(),
    SchemaOrgExporter(),
]

REGISTRY: dict[str, Exporter] = {exporter.name: exporter for exporter in EXPORTERS}


def format_names() -> list[str]:
    return [exporter.name for exporter in EXPORTERS]


def get_exporter(name: str) -> Exporter:
    try:
        return REGISTRY[name]
    except KeyError:
        raise ExportError(
            f"unknown export format {name!r}; choose from {', '.join(format_names())}"
        ) from None


__all__ = [
    "EXPORTERS",
    "REGISTRY",
    "ArticleGraph",
    "Exporter",
    "format_names",
    "get_exporter",
    "write_corpus",
]
