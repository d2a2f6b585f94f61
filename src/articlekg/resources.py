"""Where the ontology, shapes, lexicon and queries live.

In a wheel they travel as package data (``articlekg/ontology``); in a source checkout or an
editable install they are the repository's top-level ``ontology/`` folder.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def ontology_dir() -> Path:
    packaged = Path(__file__).parent / "ontology"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "ontology"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError("articlekg's ontology folder is missing from this installation")


def queries_dir() -> Path:
    return ontology_dir() / "queries"


def lexicon_dir() -> Path:
    return ontology_dir() / "lexicon"
