"""Escaping for generated text that another program executes: Cypher and CSV cells.

Every piece of data written into ``load.cypher`` passes one of these functions, so a file
name or a label cannot end a comment, close a string or start a statement. Cypher ends a
``//`` comment at a line break, and cypher-shell splits statements on ``;`` outside
strings and comments; so comments carry only printable characters (anything else is
shown as ``\\uXXXX``), strings escape quotes, backslashes and every non-printable
character, and identifiers are quoted with backticks.

CSV cells that a spreadsheet would run as a formula (starting with ``= + - @``, a tab or a
carriage return) get a leading ``'``, the mark spreadsheets read as "this is text"; a cell
that already starts with ``'`` gets one more, so removing exactly one leading ``'`` from
any cell that starts with one gives back the value (``load.cypher`` does that).
"""

from __future__ import annotations

from urllib.parse import quote

from articlekg.errors import ExportError

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"
_STRING_ESCAPES = {
    "\\": "\\\\",
    "'": "\\'",
    '"': '\\"',
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}


def _code_points(char: str) -> str:
    # Cypher's \\uXXXX takes four hex digits: characters beyond the BMP as a surrogate pair.
    encoded = char.encode("utf-16-be", "surrogatepass")
    return "".join(
        f"\\u{int.from_bytes(encoded[i : i + 2], 'big'):04x}" for i in range(0, len(encoded), 2)
    )


def cypher_comment(text: str) -> str:
    """``text`` as it may stand after ``//``: one line of printable characters."""
    return "".join(
        char if char.isprintable() and char != "\\" else _code_points(char) for char in text
    )


def cypher_string(text: str) -> str:
    """A single-quoted Cypher string literal whose value is exactly ``text``."""
    parts = []
    for char in text:
        if char in _STRING_ESCAPES:
            parts.append(_STRING_ESCAPES[char])
        elif char.isprintable() or char == " ":
            parts.append(char)
        else:
            parts.append(_code_points(char))
    return "'" + "".join(parts) + "'"


def cypher_identifier(name: str) -> str:
    """A backtick-quoted Cypher name (label, relationship type, property key)."""
    # Inside backticks a doubled backtick is the only escape; Neo4j still reads \\u0060 there
    # as a backtick, and control characters have no spelling, so such names are refused.
    if not name or "\\" in name or not name.isprintable():
        raise ExportError(f"{name!r} cannot be written as a Cypher name")
    return "`" + name.replace("`", "``") + "`"


def file_url(folder: str, file_name: str) -> str:
    """The ``file:///`` URL of ``folder/file_name`` under Neo4j's import directory."""
    return "file:///" + quote(f"{folder}/{file_name}", safe="/")


def csv_cell(value: str) -> str:
    """A string cell that a spreadsheet shows as text rather than evaluating."""
    if value.startswith(FORMULA_STARTS) or value.startswith(TEXT_MARK):
        return TEXT_MARK + value
    return value


def csv_rows(rows: list[list[str]]) -> str:
    """RFC 4180 rows, a field quoted when it holds a comma, a quote or any line break.

    Python's csv writer leaves a lone carriage return unquoted when the line ends in
    ``\n``, and every reader then takes it for the end of the row.
    """
    return "".join(",".join(_csv_field(field) for field in row) + "\n" for row in rows)


def _csv_field(field: str) -> str:
    if any(char in field for char in ',"\r\n'):
        return '"' + field.replace('"', '""') + '"'
    return field


def csv_value(cell: str) -> str:
    """The value of a cell written by :func:`csv_cell`."""
    return cell[1:] if cell.startswith(TEXT_MARK) else cell
