"""Escaping for the hand-written XML exports (GraphML, GEXF).

XML 1.0 has no way to carry most control characters, even as character references, and
Gephi and igraph reject files that contain them; such a value is refused with a message
naming where it is instead of being silently changed. Carriage returns, tabs and newlines
in attributes are written as references so that attribute-value normalisation keeps them.
"""

from __future__ import annotations

import re

from articlekg.errors import ExportError
from articlekg.export.attributes import Value

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_TEXT = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
_ATTRIBUTE = {**_TEXT, '"': "&quot;", "\n": "&#10;", "\t": "&#9;"}
_TEXT_RE = re.compile("[&<>\r]")
_ATTRIBUTE_RE = re.compile('[&<>\r"\n\t]')


def _check(value: str, where: str) -> None:
    bad = _NOT_XML.search(value)
    if bad:
        raise ExportError(
            f"{where}: character U+{ord(bad.group(0)):04X} at position {bad.start()} cannot be "
            "written in XML 1.0, so GraphML and GEXF cannot carry this value; remove it from "
            "the source text or export to an RDF format or Neo4j instead"
        )


def text(value: str, where: str) -> str:
    _check(value, where)
    return _TEXT_RE.sub(lambda m: _TEXT[m.group(0)], value)


def attribute(value: str, where: str) -> str:
    _check(value, where)
    return _ATTRIBUTE_RE.sub(lambda m: _ATTRIBUTE[m.group(0)], value)


def lexical(value: Value) -> str:
    """A typed value as GraphML/GEXF readers parse it back (``true``, ``42``, ``1.5``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)
