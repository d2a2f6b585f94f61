"""Neo4j: CSV files for ``neo4j-admin database import full`` and a Cypher script that
loads the same files with ``LOAD CSV``.

One ``nodes.csv`` and one ``relationships.csv`` in neo4j-admin's header format (``id:ID``,
``:LABEL`` with ``;`` between labels, ``:START_ID``, ``:END_ID``, ``:TYPE``, typed columns
such as ``year:long``). Fields are quoted the RFC 4180 way (quotes doubled), which is
neo4j-admin's default; quotes and evidence text span lines, so import with
``--multiline-fields=true``. Every node also carries the label ``Resource``: one
uniqueness constraint then covers every id and lets the Cypher script match endpoints
through an index.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from articlekg.atomic import write_text, writing_text
from articlekg.export.attributes import Value
from articlekg.export.escape import (
    TEXT_MARK,
    csv_cell,
    csv_rows,
    cypher_comment,
    cypher_identifier,
    cypher_string,
    file_url,
)
from articlekg.export.projection import Edge, Key, Node, PropertyGraph, project_article
from articlekg.export.registry import ArticleGraph
from articlekg.export.xmltext import lexical

NODES_FILE = "nodes.csv"
RELATIONSHIPS_FILE = "relationships.csv"
SCRIPT_FILE = "load.cypher"
COMMON_LABEL = "Resource"
_CYPHER_CAST = {"boolean": "toBoolean", "long": "toInteger", "double": "toFloat"}


def header(key: Key) -> str:
    return key.name if key.type == "string" else f"{key.name}:{key.type}"


def labels_of(types: tuple[str, ...]) -> list[str]:
    return [*types, *([COMMON_LABEL] if COMMON_LABEL not in types else [])]


def _cell(value: Value | None) -> str:
    if value is None:
        return ""
    return csv_cell(value) if isinstance(value, str) else lexical(value)


def _without_id(keys: Sequence[Key]) -> list[Key]:
    return [key for key in keys if key.name != "id"]


def write_nodes_csv(out: TextIO, keys: Sequence[Key], nodes: Iterable[Node]) -> None:
    """``nodes.csv`` row by row; ``keys`` without ``id``."""
    out.write(csv_rows([["id:ID", ":LABEL", *(header(key) for key in keys)]]))
    for node in nodes:
        row = [csv_cell(node.id), csv_cell(";".join(labels_of(node.types)))]
        out.write(csv_rows([row + [_cell(node.attributes.get(key.name)) for key in keys]]))


def write_relationships_csv(out: TextIO, keys: Sequence[Key], edges: Iterable[Edge]) -> None:
    """``relationships.csv`` row by row; ``keys`` without ``id``."""
    out.write(csv_rows([[":START_ID", ":END_ID", ":TYPE", "id", *(header(key) for key in keys)]]))
    for edge in edges:
        row = [csv_cell(edge.source), csv_cell(edge.target), csv_cell(edge.type), _cell(edge.id)]
        out.write(csv_rows([row + [_cell(edge.attributes.get(key.name)) for key in keys]]))


def nodes_csv(pg: PropertyGraph) -> str:
    out = io.StringIO()
    write_nodes_csv(out, _without_id(pg.node_keys), pg.nodes)
    return out.getvalue()


def relationships_csv(pg: PropertyGraph) -> str:
    out = io.StringIO()
    write_relationships_csv(out, _without_id(pg.edge_keys), pg.edges)
    return out.getvalue()


_ident = cypher_identifier
_string = cypher_string


def _unmarked(column: str) -> str:
    """The column's value without the text mark that :func:`csv_cell` added to some cells."""
    marked = f"{column} STARTS WITH {_string(TEXT_MARK)}"
    return f"substring({column}, CASE WHEN {marked} THEN 1 ELSE 0 END)"


def _is_marked(value: object) -> bool:
    return isinstance(value, str) and csv_cell(value) != value


class CypherTally:
    """What ``load.cypher`` says about the rows (their labels, relationship types, and the
    columns where some cell carries the text mark), gathered while the rows pass by to
    be written, so the rows need not be held. Holds names, not rows."""

    def __init__(self, node_keys: Sequence[Key], edge_keys: Sequence[Key]) -> None:
        self.node_keys = _without_id(node_keys)
        self.edge_keys = _without_id(edge_keys)
        self.node_marked: set[str] = set()
        self.edge_marked: set[str] = set()
        self.labels: set[str] = set()
        self.labels_marked = False
        self.rel_types: set[str] = set()

    def nodes(self, nodes: Iterable[Node]) -> Iterator[Node]:
        for node in nodes:
            _mark(node.attributes, self.node_keys, self.node_marked)
            self.labels.update(node.types)
            if not self.labels_marked:
                self.labels_marked = _is_marked(";".join(labels_of(node.types)))
            yield node

    def edges(self, edges: Iterable[Edge]) -> Iterator[Edge]:
        for edge in edges:
            _mark(edge.attributes, self.edge_keys, self.edge_marked)
            self.rel_types.add(edge.type)
            yield edge


def _mark(attributes: dict[str, Value], keys: list[Key], marked: set[str]) -> None:
    """Adds to ``marked`` the columns whose cell here carries the text mark."""
    for key in keys:
        if key.name not in marked and _is_marked(attributes.get(key.name)):
            marked.add(key.name)


def _assignments(variable: str, keys: list[Key], marked: set[str]) -> str:
    parts = []
    for key in keys:
        column = f"row.{_ident(header(key))}"
        cast = _CYPHER_CAST.get(key.type)
        value = f"{cast}({column})" if cast else column
        parts.append(
            f"{variable}.{_ident(key.name)} = {_unmarked(value) if key.name in marked else value}"
        )
    return ",\n    ".join(parts)


def load_cypher(pg: PropertyGraph, folder: str) -> str:
    tally = CypherTally(pg.node_keys, pg.edge_keys)
    for _ in tally.nodes(pg.nodes):
        pass
    for _ in tally.edges(pg.edges):
        pass
    return cypher_script(tally, folder)


def cypher_script(tally: CypherTally, folder: str) -> str:
    """``load.cypher`` for rows that passed ``tally``."""
    nodes_url = _string(file_url(folder, NODES_FILE))
    rels_url = _string(file_url(folder, RELATIONSHIPS_FILE))
    shown = cypher_comment(folder)
    lines = [
        f"// Loads {shown}/{NODES_FILE} and {shown}/{RELATIONSHIPS_FILE} with LOAD CSV.",
        f"// Copy the folder {shown} into Neo4j's import directory, then run this script",
        "// (cypher-shell -f load.cypher). Re-running it updates rather than duplicates.",
        "// Values that contain a backslash before a quote need",
        "// dbms.import.csv.legacy_quote_escaping=false (the files quote the RFC 4180 way).",
        "// The same files load offline with:",
        f"//   neo4j-admin database import full --nodes=import/{shown}/{NODES_FILE} \\",
        f"//     --relationships=import/{shown}/{RELATIONSHIPS_FILE} --multiline-fields=true",
        "",
        f"CREATE CONSTRAINT articlekg_resource_id IF NOT EXISTS FOR (n:{COMMON_LABEL}) "
        "REQUIRE n.id IS UNIQUE;",
        "",
        f"LOAD CSV WITH HEADERS FROM {nodes_url} AS row",
        f"MERGE (n:{COMMON_LABEL} {{id: row.`id:ID`}})",
    ]
    node_keys = tally.node_keys
    marked = tally.node_marked
    lines.append(f"SET {_assignments('n', node_keys, marked)};" if node_keys else ";")
    labels = sorted(tally.labels - {COMMON_LABEL})
    label_column = "row.`:LABEL`"
    if tally.labels_marked:
        label_column = _unmarked(label_column)
    for label in labels:
        lines += [
            "",
            f"LOAD CSV WITH HEADERS FROM {nodes_url} AS row",
            f"WITH row WHERE {_string(label)} IN split({label_column}, ';')",
            f"MATCH (n:{COMMON_LABEL} {{id: row.`id:ID`}})",
            f"SET n:{_ident(label)};",
        ]
    edge_keys = tally.edge_keys
    marked = tally.edge_marked
    for rel_type in sorted(tally.rel_types):
        lines += [
            "",
            f"LOAD CSV WITH HEADERS FROM {rels_url} AS row",
            f"WITH row WHERE row.`:TYPE` = {_string(csv_cell(rel_type))}",
            f"MATCH (a:{COMMON_LABEL} {{id: row.`:START_ID`}}), "
            f"(b:{COMMON_LABEL} {{id: row.`:END_ID`}})",
            f"MERGE (a)-[r:{_ident(rel_type)} {{id: row.id}}]->(b)"
            + (f"\nSET {_assignments('r', edge_keys, marked)};" if edge_keys else ";"),
        ]
    return "\n".join(lines) + "\n"


def write_neo4j(
    folder: Path,
    node_keys: Sequence[Key],
    edge_keys: Sequence[Key],
    nodes: Iterable[Node],
    edges: Iterable[Edge],
) -> list[Path]:
    """``folder``'s ``nodes.csv``, ``relationships.csv`` and ``load.cypher``, the rows
    written as they are read, so a graph larger than memory can be streamed."""
    tally = CypherTally(node_keys, edge_keys)
    with writing_text(folder / NODES_FILE) as out:
        write_nodes_csv(out, tally.node_keys, tally.nodes(nodes))
    with writing_text(folder / RELATIONSHIPS_FILE) as out:
        write_relationships_csv(out, tally.edge_keys, tally.edges(edges))
    script = write_text(folder / SCRIPT_FILE, cypher_script(tally, folder.name))
    return [folder / NODES_FILE, folder / RELATIONSHIPS_FILE, script]


class Neo4jExporter:
    name = "neo4j"
    description = "Neo4j (<stem>.neo4j/): neo4j-admin import CSVs and a LOAD CSV script"

    def write(self, article: ArticleGraph, outdir: Path) -> list[Path]:
        pg = project_article(article)
        folder = outdir / f"{article.stem}.neo4j"
        return write_neo4j(folder, pg.node_keys, pg.edge_keys, pg.nodes, pg.edges)
