"""Keeping queries and loads off the network and out of files nobody gave us.

rdflib and Oxigraph both execute SPARQL ``SERVICE`` by themselves, rdflib fetches
``FROM <http…>`` and reads ``FROM <file:…>``, and Oxigraph has no switch to turn any of it
off. So every query is checked here BEFORE any engine sees it:

- it must parse with rdflib's SPARQL parser (what cannot be parsed cannot be checked);
- updates (``LOAD``, ``INSERT``, ``DROP`` …) are refused: querying is read-only;
- a ``SERVICE`` anywhere in the algebra is refused; and because engines may tokenise a
  query differently (rdflib decodes ``\\u`` escapes before parsing, Oxigraph does not),
  the text is also scanned for a ``SERVICE`` keyword outside strings, IRIs and comments,
  both as written and with escapes decoded;
- ``FROM`` / ``FROM NAMED`` may only name graphs the dataset already holds, so no engine
  is ever asked to fetch one.

JSON-LD inputs may not name a remote ``@context`` or ``@import``. Nothing in articlekg
follows ``owl:imports``: the loaders parse exactly the files they are given.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from articlekg.errors import InputError, QueryError, UnsafeQueryError
from articlekg.prefixes import QUERY_PREFIXES
from articlekg.row_order import OrderKey, order_keys

if TYPE_CHECKING:
    from rdflib.plugins.sparql.parserutils import CompValue

# rdflib's SPARQL parser (with pyparsing) costs more to import than the rest of a store
# query: it is imported by check_query when a query is not one already checked (see
# articlekg.checked_queries), and never by loading or serving alone.

QUERY_FORMS = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}

_LEXICAL = re.compile(
    r"""
      (?P<comment>\#[^\n\r]*)
    | (?P<long>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\")
    | (?P<short>'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<word>[A-Za-z0-9_:?$\-\u00b7\u00c0-\uffff]+)
    """,
    re.VERBOSE | re.DOTALL,
)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


@dataclass(frozen=True)
class CheckedQuery:
    text: str
    form: str
    """SELECT, ASK, CONSTRUCT or DESCRIBE."""
    dataset: tuple[tuple[str, str], ...] = ()
    """The query's FROM (``default``) and FROM NAMED (``named``) graphs, in order."""
    ordered: bool = False
    """Whether the query says ORDER BY; if not, row order is the engine's whim."""
    prefixes: tuple[tuple[str, str], ...] = ()
    """Prefixes the query may use undeclared; the engine must be given the same."""
    order_keys: tuple[OrderKey, ...] = ()
    """The ORDER BY's variables when rows may be ordered after the engine has run (see
    :mod:`articlekg.row_order`); empty otherwise."""


def _decode_escapes(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group(0)

    return _ESCAPE.sub(replace, text)


def _keywords(text: str) -> Iterator[str]:
    for match in _LEXICAL.finditer(text):
        word = match.group("word")
        if word is not None:
            yield word.upper()


def _lexical_service(text: str) -> bool:
    return any("SERVICE" in _keywords(view) for view in (text, _decode_escapes(text)))


def _walk(node: Any) -> Iterator[CompValue]:
    from rdflib.plugins.sparql.parserutils import CompValue

    def walk(node: Any) -> Iterator[CompValue]:
        if isinstance(node, CompValue):
            yield node
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, list | tuple):
            for item in node:
                yield from walk(item)

    return walk(node)


def _is_update(text: str) -> bool:
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except Exception:
        return False
    return True


def check_query(
    text: str, known_graphs: Collection[str] = (), prefixes: Mapping[str, str] | None = None
) -> CheckedQuery:
    """Parse ``text`` and refuse anything that could reach the network or other files.

    ``known_graphs`` are the graph names the dataset holds; ``FROM`` and ``FROM NAMED``
    may name only those. ``prefixes`` (the project's by default) are predeclared.
    """
    if not text.strip():
        raise QueryError("the query is empty")
    predeclared = dict(QUERY_PREFIXES if prefixes is None else prefixes)
    from articlekg.checked_queries import checked_before

    known = checked_before(text)
    if known is not None:
        return _within(replace(known, prefixes=tuple(sorted(predeclared.items()))), known_graphs)
    return _within(parse_and_check(text, predeclared), known_graphs)


def _within(checked: CheckedQuery, known_graphs: Collection[str]) -> CheckedQuery:
    unknown = [(kind, iri) for kind, iri in checked.dataset if iri not in known_graphs]
    if unknown:
        kind, iri = unknown[0]
        keyword = "FROM" if kind == "default" else "FROM NAMED"
        raise UnsafeQueryError(
            f"{keyword} <{iri}> is refused: FROM and FROM NAMED may only name graphs "
            "already in the dataset (nothing is fetched)"
        )
    return checked


def parse_and_check(text: str, prefixes: Mapping[str, str] | None = None) -> CheckedQuery:
    """What :func:`check_query` finds in ``text`` apart from the dataset it runs on: always
    by parsing (the shipped queries' results are recorded from this)."""
    predeclared = dict(QUERY_PREFIXES if prefixes is None else prefixes)
    from pyparsing import ParseException
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parsed = parseQuery(text)
        algebra = translateQuery(parsed, initNs=predeclared).algebra
    except ParseException as error:
        if _is_update(text):
            raise UnsafeQueryError(
                "SPARQL updates (LOAD, INSERT, DELETE, DROP, CLEAR …) are refused: "
                "queries are read-only"
            ) from None
        raise QueryError(
            f"the query does not parse (line {error.lineno}, column {error.col}): {error.msg}"
        ) from None
    except Exception as error:
        raise QueryError(f"the query cannot be checked: {error}") from None

    services = [node for node in _walk(algebra) if node.name == "ServiceGraphPattern"]
    if services or _lexical_service(text):
        where = f" ({services[0]['term']})" if services else ""
        raise UnsafeQueryError(
            f"SERVICE{where} is refused: queries never reach other endpoints or the network"
        )

    dataset: list[tuple[str, str]] = []
    for clause in algebra.get("datasetClause") or []:
        # CompValue.get answers a missing key with the key's own name, so ask with ``in``.
        kind = "default" if "default" in clause else "named"
        dataset.append((kind, str(clause[kind])))
    form = QUERY_FORMS.get(algebra.name)
    if form is None:
        raise QueryError(f"unsupported query form {algebra.name}")
    ordered = any(node.name == "OrderBy" for node in _walk(algebra))
    return CheckedQuery(
        text=text,
        form=form,
        dataset=tuple(dataset),
        ordered=ordered,
        prefixes=tuple(sorted(predeclared.items())),
        order_keys=order_keys(algebra),
    )


def _contexts(node: Any) -> Iterator[Any]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "@context":
                yield value
            yield from _contexts(value)
    elif isinstance(node, list):
        for item in node:
            yield from _contexts(item)


def _remote_reference(context: Any) -> str | None:
    if isinstance(context, str):
        return context
    if isinstance(context, list):
        for item in context:
            found = _remote_reference(item)
            if found is not None:
                return found
    if isinstance(context, dict):
        imported = context.get("@import")
        if isinstance(imported, str):
            return imported
        # Scoped contexts of terms can name remote documents too.
        for value in context.values():
            if isinstance(value, dict) and "@context" in value:
                found = _remote_reference(value["@context"])
                if found is not None:
                    return found
    return None


# articlekg's own JSON-LD nests about six levels; rdflib's JSON-LD parser recurses per level.
MAX_JSONLD_DEPTH = 100


def json_depth(document: object) -> int:
    """How deeply arrays and objects nest, counted without recursion."""
    deepest = 0
    pending: list[tuple[object, int]] = [(document, 1)]
    while pending:
        node, depth = pending.pop()
        if isinstance(node, dict):
            node = list(node.values())
        if isinstance(node, list):
            deepest = max(deepest, depth)
            pending.extend((item, depth + 1) for item in node)
    return deepest


def _too_deep(source: str) -> str:
    return (
        f"{source}: JSON nested deeper than {MAX_JSONLD_DEPTH} levels is refused "
        "(no RDF export nests that deep; the parsers would run out of stack)"
    )


def check_jsonld(data: bytes, source: str) -> None:
    """Refuse a JSON-LD document whose ``@context`` would be fetched from elsewhere."""
    try:
        document = json.loads(data)
    except (ValueError, UnicodeDecodeError) as error:
        line = getattr(error, "lineno", None)
        where = f" line {line}:" if line else ""
        raise InputError(f"{source}:{where} not valid JSON: {error}") from None
    except RecursionError:
        raise InputError(_too_deep(source)) from None
    if json_depth(document) > MAX_JSONLD_DEPTH:
        raise InputError(_too_deep(source))
    for context in _contexts(document):
        remote = _remote_reference(context)
        if remote is not None:
            raise UnsafeQueryError(
                f"{source}: the JSON-LD context {remote!r} would be fetched from elsewhere; "
                "only inline contexts are read"
            )
