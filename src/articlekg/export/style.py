"""How nodes look in Gephi and in `articlekg view`: a primary type chosen by a fixed order, a
colour per type, a size that grows with degree in the domain graph, and which edges are
structural. All of it is pure arithmetic on names, so it is deterministic."""

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
    "Article": "#000000",
    "Section": "#ddddcc",
    "TopicalSection": "#774477",
    "Finding": "#880000",
    "Statistic": "#e69f00",
    "MechanismClaim": "#442255",
    "ConditionRelation": "#553344",
    "Recommendation": "#337755",
    "Study": "#56b4e9",
    "StudyArm": "#3388ff",
    "StudyDesign": "#0072b2",
    "Population": "#66eeff",
    "Intervention": "#009e73",
    "Condition": "#d55e00",
    "Outcome": "#f0e442",
    "Mechanism": "#cc79a7",
    "Topic": "#11cc88",
    "Context": "#5500ee",
    "Attribute": "#dd2255",
    "Periodical": "#1100aa",
    "Organization": "#bb3300",
    "Evidence": "#552222",
    "Entity": "#886677",
    "Resource": "#bbbbbb",
}
"""One colour per type: Okabe and Ito's eight colour-blind-safe colours for the commonest
types, and sixteen more chosen so that any two colours differ by at least 10 CIEDE2000
units for normal vision and under simulated deuteranopia and protanopia (the test checks
it), so no two types look alike in Gephi or in the view."""

STRUCTURAL_TYPES = frozenset({"Article", "Section"})
"""Types of the document's own structure. An edge that touches one of them (the article's
``mentions``, ``hasSection``, ``inArticle``...) is marked ``structural``: kept, but left out
of node sizes and easy to filter away, so the picture is the domain graph rather than a
star around the article."""


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


def is_structural(source_type: str, target_type: str) -> bool:
    """Whether an edge between nodes of these primary types is document structure."""
    return source_type in STRUCTURAL_TYPES or target_type in STRUCTURAL_TYPES


def size_for(degree: int) -> float:
    """Node size from its degree in the domain graph (structural edges not counted)."""
    return round(10.0 + 4.0 * math.sqrt(degree), 3)
