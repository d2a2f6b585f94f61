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

from collections.abc import Sequence
from pathlib import Path

from articlekg.atomic import write_text
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


def _csv(rows: list[list[str]]) -> str:
    return csv_rows(rows)


def _cell(value: Value | None) -> str:
    if value is None:
        return ""
    return csv_cell(value) if isinstance(value, str) else lexical(value)


def _node_keys(pg: PropertyGraph) -> list[Key]:
    return [key for key in pg.node_keys if key.name != "id"]


def _edge_keys(pg: PropertyGraph) -> list[Key]:
    return [key for key in pg.edge_keys if key.name != "id"]


def nodes_csv(pg: PropertyGraph) -> str:
    keys = _node_keys(pg)
    rows = [["id:ID", ":LABEL", *(header(key) for key in keys)]]
    for node in pg.nodes:
        row = [csv_cell(node.id), csv_cell(";".join(labels_of(node.types)))]
        rows.append(row + [_cell(node.attributes.get(key.name)) for key in keys])
    return _csv(rows)


def relationships_csv(pg: PropertyGraph) -> str:
    keys = _edge_keys(pg)
    rows = [[":START_ID", ":END_ID", ":TYPE", "id", *(header(key) for key in keys)]]
    for edge in pg.edges:
        row = [csv_cell(edge.source), csv_cell(edge.target), csv_cell(edge.type), _cell(edge.id)]
        rows.append(row + [_cell(edge.attributes.get(key.name)) for key in keys])
    return _csv(rows)


_ident = cypher_identifier
_string = cypher_string


def _unmarked(column: str) -> str:
    """The column's value without the text mark that :func:`csv_cell` added to some cells."""
    marked = f"{column} STARTS WITH {_string(TEXT_MARK)}"
    return f"substring({column}, CASE WHEN {marked} THEN 1 ELSE 0 END)"


def _is_marked(value: object) -> bool:
    return isinstance(value, str) and csv_cell(value) != value


def _marked_columns(items: Sequence[Node | Edge], keys: list[Key]) -> set[str]:
    """The columns where some cell carries the text mark (only those need unmarking)."""
    return {key.name for key in keys if any(_is_marked(i.attributes.get(key.name)) for i in items)}


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
    node_keys = _node_keys(pg)
    marked = _marked_columns(pg.nodes, node_keys)
    lines.append(f"SET {_assignments('n', node_keys, marked)};" if node_keys else ";")
    labels = sorted({label for node in pg.nodes for label in node.types} - {COMMON_LABEL})
    label_column = "row.`:LABEL`"
    if any(_is_marked(";".join(labels_of(node.types))) for node in pg.nodes):
        label_column = _unmarked(label_column)
    for label in labels:
        lines += [
            "",
            f"LOAD CSV WITH HEADERS FROM {nodes_url} AS row",
            f"WITH row WHERE {_string(label)} IN split({label_column}, ';')",
            f"MATCH (n:{COMMON_LABEL} {{id: row.`id:ID`}})",
            f"SET n:{_ident(label)};",
        ]
    edge_keys = _edge_keys(pg)
    marked = _marked_columns(pg.edges, edge_keys)
    for rel_type in sorted({edge.type for edge in pg.edges}):
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


class Neo4jExporter:
    name = "neo4j"
    description = "Neo4j (<stem>.neo4j/): neo4j-admin import CSVs and a LOAD CSV script"

    def write(self, article: ArticleGraph, outdir: Path) -> list[Path]:
        pg = project_article(article)
        folder_name = f"{article.stem}.neo4j"
        folder = outdir / folder_name
        return [
            write_text(folder / NODES_FILE, nodes_csv(pg)),
            write_text(folder / RELATIONSHIPS_FILE, relationships_csv(pg)),
            write_text(folder / SCRIPT_FILE, load_cypher(pg, folder_name)),
        ]
