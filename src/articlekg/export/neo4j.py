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

import csv
import io
from pathlib import Path

from articlekg.atomic import write_text
from articlekg.export.attributes import Value
from articlekg.export.projection import Key, PropertyGraph, project_article
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
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    return buffer.getvalue()


def _cell(value: Value | None) -> str:
    return "" if value is None else lexical(value)


def _node_keys(pg: PropertyGraph) -> list[Key]:
    return [key for key in pg.node_keys if key.name != "id"]


def _edge_keys(pg: PropertyGraph) -> list[Key]:
    return [key for key in pg.edge_keys if key.name != "id"]


def nodes_csv(pg: PropertyGraph) -> str:
    keys = _node_keys(pg)
    rows = [["id:ID", ":LABEL", *(header(key) for key in keys)]]
    for node in pg.nodes:
        row = [node.id, ";".join(labels_of(node.types))]
        rows.append(row + [_cell(node.attributes.get(key.name)) for key in keys])
    return _csv(rows)


def relationships_csv(pg: PropertyGraph) -> str:
    keys = _edge_keys(pg)
    rows = [[":START_ID", ":END_ID", ":TYPE", "id", *(header(key) for key in keys)]]
    for edge in pg.edges:
        row = [edge.source, edge.target, edge.type, edge.id]
        rows.append(row + [_cell(edge.attributes.get(key.name)) for key in keys])
    return _csv(rows)


def _ident(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def _string(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _assignments(variable: str, keys: list[Key]) -> str:
    parts = []
    for key in keys:
        column = f"row.{_ident(header(key))}"
        cast = _CYPHER_CAST.get(key.type)
        parts.append(f"{variable}.{_ident(key.name)} = {f'{cast}({column})' if cast else column}")
    return ",\n    ".join(parts)


def load_cypher(pg: PropertyGraph, folder: str) -> str:
    nodes_url = _string(f"file:///{folder}/{NODES_FILE}")
    rels_url = _string(f"file:///{folder}/{RELATIONSHIPS_FILE}")
    lines = [
        f"// Loads {folder}/{NODES_FILE} and {folder}/{RELATIONSHIPS_FILE} with LOAD CSV.",
        f"// Copy the folder {folder} into Neo4j's import directory, then run this script",
        "// (cypher-shell -f load.cypher). Re-running it updates rather than duplicates.",
        "// Values that contain a backslash before a quote need",
        "// dbms.import.csv.legacy_quote_escaping=false (the files quote the RFC 4180 way).",
        "// The same files load offline with:",
        f"//   neo4j-admin database import full --nodes=import/{folder}/{NODES_FILE} \\",
        f"//     --relationships=import/{folder}/{RELATIONSHIPS_FILE} --multiline-fields=true",
        "",
        f"CREATE CONSTRAINT articlekg_resource_id IF NOT EXISTS FOR (n:{COMMON_LABEL}) "
        "REQUIRE n.id IS UNIQUE;",
        "",
        f"LOAD CSV WITH HEADERS FROM {nodes_url} AS row",
        f"MERGE (n:{COMMON_LABEL} {{id: row.`id:ID`}})",
    ]
    node_keys = _node_keys(pg)
    lines.append(f"SET {_assignments('n', node_keys)};" if node_keys else ";")
    labels = sorted({label for node in pg.nodes for label in node.types} - {COMMON_LABEL})
    for label in labels:
        lines += [
            "",
            f"LOAD CSV WITH HEADERS FROM {nodes_url} AS row",
            f"WITH row WHERE {_string(label)} IN split(row.`:LABEL`, ';')",
            f"MATCH (n:{COMMON_LABEL} {{id: row.`id:ID`}})",
            f"SET n:{_ident(label)};",
        ]
    edge_keys = _edge_keys(pg)
    for rel_type in sorted({edge.type for edge in pg.edges}):
        lines += [
            "",
            f"LOAD CSV WITH HEADERS FROM {rels_url} AS row",
            f"WITH row WHERE row.`:TYPE` = {_string(rel_type)}",
            f"MATCH (a:{COMMON_LABEL} {{id: row.`:START_ID`}}), "
            f"(b:{COMMON_LABEL} {{id: row.`:END_ID`}})",
            f"MERGE (a)-[r:{_ident(rel_type)} {{id: row.id}}]->(b)"
            + (f"\nSET {_assignments('r', edge_keys)};" if edge_keys else ";"),
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
