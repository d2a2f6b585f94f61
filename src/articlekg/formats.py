"""The names of the input, export and result formats, without the code that handles them.

The command line offers these as option choices; importing the readers and exporters
themselves would load trafilatura, networkx and rdflib just to print ``--help``. Each list
is the one its stage checks against (tests/test_imports.py pins that the exporters'
names are exactly :data:`EXPORT_FORMATS`).
"""

from __future__ import annotations

INPUT_FORMATS = ("auto", "text", "markdown", "html")
"""How to read an article: ``auto`` goes by suffix and sniffs plain text."""

EXPORT_FORMATS = (
    "turtle",
    "ntriples",
    "jsonld",
    "trig",
    "nquads",
    "graphml",
    "graphml-strict",
    "gexf",
    "neo4j",
    "schemaorg",
)
"""``--format`` names of the exporters, in the order :data:`articlekg.export.EXPORTERS`
writes them."""

RESULT_FORMATS = ("table", "csv", "tsv", "json", "xml")
"""SELECT/ASK result serialisations."""
