"""The result table for people: labels instead of IRIs, and no wider than the terminal.

An IRI is shown by its label when the result carries one (see :mod:`articlekg.labels`),
else compacted with the project's prefixes (``akg:Finding``). Given a width, columns
that do not fit are narrowed, the widest first, to a common limit (narrow columns keep
their width) and a cell longer than its column ends in "…". One row stays one line, so
the table can still be read with grep.
"""

from __future__ import annotations

from articlekg.results import SelectResult, Term, TermKind, compact

SEPARATOR = " | "
MIN_COLUMN = 8
"""No column is narrowed below this (or its header), however narrow the terminal."""
ELLIPSIS = "…"


def cell_text(term: Term | None, labels: dict[str, str], iris: bool = False) -> str:
    if term is None:
        return ""
    if term.kind is TermKind.URI:
        label = None if iris else labels.get(term.value)
        return label if label is not None else compact(term.value)
    if term.kind is TermKind.BNODE:
        return f"_:{term.value}"
    # One row per line: a newline inside a quote would break the table apart.
    return term.value.replace("\r", "\\r").replace("\n", "\\n").replace("\t", " ")


def fitted_widths(natural: list[int], width: int | None, floors: list[int]) -> list[int]:
    """Column widths whose table (with separators) is at most ``width`` if it can be."""
    room = None if width is None else width - len(SEPARATOR) * (len(natural) - 1)
    if room is None or sum(natural) <= room:
        return natural
    # The largest common limit for the wide columns that still fits.
    pairs = list(zip(natural, floors, strict=True))
    limit = max(natural)
    while limit > 1 and sum(min(w, max(limit, f)) for w, f in pairs) > room:
        limit -= 1
    widths = [min(w, max(limit, f)) for w, f in pairs]
    spare = room - sum(widths)
    for index, wanted in enumerate(natural):  # what is left goes to the narrowed columns
        if spare <= 0:
            break
        extra = min(spare, wanted - widths[index])
        widths[index] += extra
        spare -= extra
    return widths


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + ELLIPSIS


def table(result: SelectResult, *, width: int | None = None, iris: bool = False) -> str:
    labels = dict(result.labels)
    header = [f"?{name}" for name in result.variables]
    cells = [[cell_text(term, labels, iris) for term in row] for row in result.rows]
    natural = [len(h) for h in header]
    for row in cells:
        natural = [max(w, len(c)) for w, c in zip(natural, row, strict=True)]
    floors = [min(n, max(MIN_COLUMN, len(h))) for n, h in zip(natural, header, strict=True)]
    widths = fitted_widths(natural, width, floors)

    def line(values: list[str]) -> str:
        return SEPARATOR.join(
            _clip(v, w).ljust(w) for v, w in zip(values, widths, strict=True)
        ).rstrip()

    out = [line(header), "-+-".join("-" * w for w in widths)]
    out.extend(line(row) for row in cells)
    count = len(result.rows)
    out.append(f"({count} row{'s' if count != 1 else ''})")
    return "\n".join(out) + "\n"
