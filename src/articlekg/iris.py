"""Minting IRIs: stable, content-derived, and checked strictly.

Lexicon concepts keep their own IRIs. Everything else is named from the article and its
content (a slug or a short hash of what the node states), never from a counter, so adding
text elsewhere in an article does not rename a node. Every minted IRI passes Oxigraph's
parser, which rejects what rdflib lets through (spaces, control characters, ...).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import pyoxigraph
from rdflib import URIRef

from articlekg.errors import IRIError

MAX_SLUG = 64


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if not cleaned:
        return digest(text)
    if len(cleaned) > MAX_SLUG:
        return cleaned[:MAX_SLUG].rstrip("-") + "-" + digest(text)[:8]
    return cleaned


def digest(*parts: object) -> str:
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:16]


def checked(iri: str) -> URIRef:
    try:
        pyoxigraph.NamedNode(iri)
    except ValueError as error:
        raise IRIError(f"invalid IRI {iri!r}: {error}") from None
    if not re.match(r"^[a-z][a-z0-9+.-]*:", iri):
        raise IRIError(f"IRI {iri!r} is not absolute")
    return URIRef(iri)


def check_base(base: str) -> str:
    checked(base + "x")
    if not base.endswith(("/", "#")):
        raise IRIError(f"--base-iri {base!r} must end with '/' or '#'")
    return base
