"""Exporters, built from the one list :data:`EXPORTERS`."""

from __future__ import annotations

from articlekg.errors import ExportError
from articlekg.export.registry import ArticleGraph, Exporter
from articlekg.export.turtle import TurtleExporter

EXPORTERS: list[Exporter] = [
    TurtleExporter(),
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


__all__ = ["EXPORTERS", "REGISTRY", "ArticleGraph", "Exporter", "format_names", "get_exporter"]
