"""How nodes look in Gephi: a primary type chosen by a fixed order, a colour per type and a
size that grows with degree. All of it is pure arithmetic on names, so it is deterministic."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence

TYPE_ORDER: tuple[str, ...] = (
    "Article",
    "Section",
    "TopicalSection",
    "Finding",
    "Statistic",
    "MechanismClaim",
    "ConditionRelation",
    "Recommendation",
    "Study",
    "StudyArm",
    "StudyDesign",
    "Population",
    "Intervention",
    "Condition",
    "Outcome",
    "Mechanism",
    "Topic",
    "Context",
    "Attribute",
    "Periodical",
    "Organization",
    "Evidence",
    "Entity",
    "Resource",
)
"""Most specific first: an entity typed Intervention and Condition is shown as the first."""

PALETTE: dict[str, str] = {
    "Article": "#222222",
    "Section": "#9e9e9e",
    "TopicalSection": "#607d8b",
    "Finding": "#e53935",
    "Statistic": "#fb8c00",
    "MechanismClaim": "#8e24aa",
    "ConditionRelation": "#6d4c41",
    "Recommendation": "#43a047",
    "Study": "#1e88e5",
    "StudyArm": "#64b5f6",
    "StudyDesign": "#0d47a1",
    "Population": "#00acc1",
    "Intervention": "#2e7d32",
    "Condition": "#c62828",
    "Outcome": "#f9a825",
    "Mechanism": "#ab47bc",
    "Topic": "#00897b",
    "Context": "#80cbc4",
    "Attribute": "#b2dfdb",
    "Periodical": "#5c6bc0",
    "Organization": "#3949ab",
    "Evidence": "#bdbdbd",
    "Entity": "#757575",
    "Resource": "#cccccc",
}


def primary_type(names: Sequence[str]) -> str:
    """The first of ``names`` in :data:`TYPE_ORDER`; unknown types after known, by name."""
    rank: dict[str, float] = {name: index for index, name in enumerate(TYPE_ORDER)}
    unknown = rank["Entity"] - 0.5  # a project-specific class says more than "Entity"
    return min(names, key=lambda name: (rank.get(name, unknown), name))


def colour_for(type_name: str) -> str:
    """``#rrggbb``: from the palette, or derived from the type's name for unknown types."""
    if type_name in PALETTE:
        return PALETTE[type_name]
    return "#" + hashlib.sha256(type_name.encode("utf-8")).hexdigest()[:6]


def size_for(degree: int) -> float:
    return round(10.0 + 4.0 * math.sqrt(degree), 3)
