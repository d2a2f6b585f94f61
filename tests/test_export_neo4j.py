"""The Neo4j export re-parses, by neo4j-admin's header rules, into the projection; the Cypher
script loads exactly those files and columns. (Neo4j itself cannot be installed here.)"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph

from articlekg.export import get_exporter
from articlekg.export.neo4j import COMMON_LABEL
from articlekg.export.projection import project
from test_export_samples import article, hostile_graph, sample_graph, seed_graph

GRAPHS = {"sample": sample_graph, "hostile": hostile_graph, "seed": seed_graph}
SPECIAL = {"ID", "LABEL", "START_ID", "END_ID", "TYPE", "IGNORE"}
CASTS = {
    "string": str,
    "int": int,
    "long": int,
    "short": int,
    "byte": int,
    "float": float,
    "double": float,
    "boolean": lambda v: v.lower() == "true",
}


def parse_header(field: str) -> tuple[str, str]:
    """``name:type`` as neo4j-admin reads it: the type after the last colon, default string."""
    name, sep, kind = field.rpartition(":")
    if not sep:
        return field, "string"
    kind = re.sub(r"\(.*\)$", "", kind)  # ID groups such as :ID(Person)
    assert kind in SPECIAL or kind in CASTS, f"unknown neo4j-admin type {kind!r} in {field!r}"
    return name, kind


def read_admin_csv(path: Path) -> list[dict[str, Any]]:
    """Rows as neo4j-admin builds them: empty fields absent, typed, :LABEL split on ';'."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=",", quotechar='"', doublequote=True))
    header = [parse_header(field) for field in rows[0]]
    entities = []
    for row in rows[1:]:
        assert len(row) == len(header), f"{path.name}: a row has {len(row)} fields"
        entity: dict[str, Any] = {"props": {}}
        for (name, kind), value in zip(header, row, strict=True):
            if value == "":
                continue
            if kind in SPECIAL:
                entity[kind] = value.split(";") if kind == "LABEL" else value
                if kind == "ID" and name:
                    entity["props"][name] = value
            else:
                entity["props"][name] = CASTS[kind](value)
        entities.append(entity)
    return entities


def write_neo4j(graph: Graph, outdir: Path) -> dict[str, Path]:
    return {p.name: p for p in get_exporter("neo4j").write(article(graph), outdir)}


@pytest.mark.parametrize("graph_name", sorted(GRAPHS))
def test_csvs_rebuild_the_projection_by_neo4j_admin_rules(graph_name: str, tmp_path: Path) -> None:
    graph = GRAPHS[graph_name]()
    pg = project(graph)
    files = write_neo4j(graph, tmp_path)
    assert set(files) == {"nodes.csv", "relationships.csv", "load.cypher"}
    assert all(p.parent.name == "sample.neo4j" for p in files.values())

    nodes = read_admin_csv(files["nodes.csv"])
    got_nodes = {n["ID"]: (sorted(n["LABEL"]), n["props"]) for n in nodes}
    want_nodes = {
        node.id: (sorted({*node.types, COMMON_LABEL}), {**node.attributes, "id": node.id})
        for node in pg.nodes
    }
    assert got_nodes == want_nodes

    rels = read_admin_csv(files["relationships.csv"])
    got_rels = sorted(
        (r["START_ID"], r["END_ID"], r["TYPE"], sorted(r["props"].items())) for r in rels
    )
    want_rels = sorted(
        (e.source, e.target, e.type, sorted({**e.attributes, "id": e.id}.items())) for e in pg.edges
    )
    assert got_rels == want_rels
    assert len(rels) == len(pg.edges) and len(nodes) == len(pg.nodes)


def test_control_characters_and_big_text_survive_in_csv(tmp_path: Path) -> None:
    files = write_neo4j(hostile_graph(), tmp_path)
    nodes = {n["ID"]: n["props"] for n in read_admin_csv(files["nodes.csv"])}
    plain = next(v for k, v in nodes.items() if k.endswith("/plain"))
    assert plain["label"] == "bell\x07 and vertical tab\x0b and unit separator\x1f"
    art = next(v for k, v in nodes.items() if k.endswith("article/sample"))
    assert len(art["sourceText"]) == 100_000


def test_typed_headers_use_neo4j_admin_types(tmp_path: Path) -> None:
    files = write_neo4j(sample_graph(), tmp_path)
    header = files["nodes.csv"].read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[:2] == ["id:ID", ":LABEL"]
    assert {"sampleSize:long", "significant:boolean", "size:double", "label"} <= set(header)
    rel_header = files["relationships.csv"].read_text(encoding="utf-8").splitlines()[0]
    assert rel_header.startswith(":START_ID,:END_ID,:TYPE,id,")


@pytest.mark.parametrize("graph_name", sorted(GRAPHS))
def test_cypher_script_loads_exactly_those_files_columns_labels_and_types(
    graph_name: str, tmp_path: Path
) -> None:
    files = write_neo4j(GRAPHS[graph_name](), tmp_path)
    script = files["load.cypher"].read_text(encoding="utf-8")
    statements = [s for s in script.split(";\n") if s.strip() and not s.startswith("//")]
    urls = set(re.findall(r"'file:///([^']+)'", script))
    assert urls == {"sample.neo4j/nodes.csv", "sample.neo4j/relationships.csv"}
    assert all((tmp_path / url).is_file() for url in urls)
    admin = set(re.findall(r"--(?:nodes|relationships)=import/(\S+)", script))
    assert admin == urls, "the neo4j-admin command names the same files"

    headers = {}
    for name in ("nodes.csv", "relationships.csv"):
        with files[name].open(encoding="utf-8", newline="") as handle:
            headers[name] = next(csv.reader(handle))
    for statement in statements:
        url = re.search(r"'file:///[^']+/([^']+)'", statement)
        if url is None:
            continue
        used = set(re.findall(r"row\.`((?:[^`]|``)+)`", statement)) | set(
            re.findall(r"row\.(\w+)\b", statement)
        )
        assert used <= set(headers[url.group(1)]), f"unknown columns in:\n{statement}"
    for name, header in headers.items():
        used = set(re.findall(r"row\.`([^`]+)`", script)) | set(re.findall(r"row\.(\w+)", script))
        assert set(header) <= used, f"{name}: columns the script never loads"

    nodes = read_admin_csv(files["nodes.csv"])
    labels = {label for n in nodes for label in n["LABEL"]} - {COMMON_LABEL}
    assert set(re.findall(r"SET n:`([^`]+)`;", script)) == labels
    types = {r["TYPE"] for r in read_admin_csv(files["relationships.csv"])}
    assert set(re.findall(r"MERGE \(a\)-\[r:`([^`]+)`", script)) == types
    assert "CREATE CONSTRAINT" in script and f"FOR (n:{COMMON_LABEL}) REQUIRE n.id IS UNIQUE" in (
        script
    )
