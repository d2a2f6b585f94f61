"""The type palette: every type's colour tells apart from every other's, for normal vision
and for the commonest colour-vision deficiencies (issue 11 names pairs that did not)."""

from __future__ import annotations

import itertools

import pytest

from articlekg.export.style import PALETTE, TYPE_ORDER, colour_for
from colour_difference import ciede2000, difference, hex_rgb, lab, simulate

MINIMUM_DELTA_E = 10.0
"""CIEDE2000 units: about 1 is a just-noticeable difference, 10 an obvious one."""


def test_ciede2000_matches_the_published_test_data() -> None:
    # Sharma, Wu and Dalal (2005), table 1, pairs 1, 7, 17 and 34.
    assert ciede2000((50, 2.6772, -79.7751), (50, 0, -82.7485)) == pytest.approx(2.0425, abs=1e-4)
    assert ciede2000((50, 0, 0), (50, -1, 2)) == pytest.approx(2.3669, abs=1e-4)
    assert ciede2000((50, 2.5, 0), (73, 25, -18)) == pytest.approx(27.1492, abs=1e-4)
    assert ciede2000((2.0776, 0.0795, -1.135), (0.9033, -0.0636, -0.5514)) == pytest.approx(
        0.9082, abs=1e-4
    )


def test_simulation_confuses_red_and_green_but_keeps_grey() -> None:
    assert simulate(hex_rgb("#808080"), "deuteranopia") == pytest.approx(
        hex_rgb("#808080"), abs=2e-3
    )
    red, green = "#d62728", "#2ca02c"
    assert difference(red, green) > 50
    assert difference(red, green, "deuteranopia") < difference(red, green) / 2
    assert lab(hex_rgb("#ffffff"))[0] == pytest.approx(100, abs=1e-3)


def test_every_type_has_its_own_colour() -> None:
    assert set(PALETTE) == set(TYPE_ORDER)
    assert len(set(PALETTE.values())) == len(PALETTE)
    assert colour_for("SomethingNew") not in PALETTE.values()


@pytest.mark.parametrize("vision", [None, "deuteranopia", "protanopia"])
def test_any_two_type_colours_differ_clearly(vision: str | None) -> None:
    too_close = [
        (a, b, round(difference(PALETTE[a], PALETTE[b], vision), 1))
        for a, b in itertools.combinations(sorted(PALETTE), 2)
        if difference(PALETTE[a], PALETTE[b], vision) < MINIMUM_DELTA_E
    ]
    assert not too_close, f"{vision or 'normal vision'}: {too_close}"


def test_the_pairs_issue_11_named_are_far_apart() -> None:
    for a, b in [
        ("Finding", "Condition"),
        ("Mechanism", "MechanismClaim"),
        ("Organization", "Periodical"),
    ]:
        assert (
            min(difference(PALETTE[a], PALETTE[b], v) for v in (None, "deuteranopia", "protanopia"))
            > 15
        )
