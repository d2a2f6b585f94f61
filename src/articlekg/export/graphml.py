"""GraphML from the property-graph projection, written by hand in a fixed order.

Two variants. ``graphml`` puts the relationship type in ``<edge label="...">``, which is
where Gephi desktop takes the edge type from (so parallel edges with different predicates
stay apart) and where Neo4j APOC takes the relationship type from; that attribute is not
in the GraphML schema, so ``graphml-strict`` leaves it out and is schema-clean.

Node keys are named by their attribute (``label``, ``labels`` for APOC's readLabels);
edge keys have ids ``edge.<name>`` because GraphML key ids are one namespace for nodes
and edges, and networkx and igraph look keys up by id alone.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TextIO

from articlekg.atomic import write_text
from articlekg.export.projection import Edge, Key, Node, PropertyGraph, project_article
from articlekg.export.registry import ArticleGraph
from articlekg.export.xmltext import attribute, lexical, text

NAMESPACE = "http://graphml.graphdrawing.org/xmlns"


def edge_key_id(name: str) -> str:
    return f"edge.{name}"


def write_graphml(
    out: TextIO,
    node_keys: Sequence[Key],
    edge_keys: Sequence[Key],
    nodes: Iterable[Node],
    edges: Iterable[Edge],
    strict: bool = False,
) -> None:
    """GraphML written line by line, so a graph larger than memory can be streamed."""
    out.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="{NAMESPACE}">\n')
    for key in node_keys:
        out.write(
            f'  <key id="{key.name}" for="node" attr.name="{key.name}" attr.type="{key.type}"/>\n'
        )
    for key in edge_keys:
        out.write(
            f'  <key id="{edge_key_id(key.name)}" for="edge" attr.name="{key.name}" '
            f'attr.type="{key.type}"/>\n'
        )
    out.write('  <graph id="G" edgedefault="directed">\n')
    for node in nodes:
        where = f"node <{node.id}>"
        lines = [f'    <node id="{attribute(node.id, where)}">']
        for name, value in node.attributes.items():
            lines.append(
                f'      <data key="{name}">{text(lexical(value), f"{where} {name}")}</data>'
            )
        lines.append("    </node>\n")
        out.write("\n".join(lines))
    for edge in edges:
        where = f"edge {edge.id} <{edge.source}> {edge.type} <{edge.target}>"
        label = "" if strict else f' label="{attribute(edge.type, where)}"'
        lines = [
            f'    <edge id="{edge.id}" source="{attribute(edge.source, where)}" '
            f'target="{attribute(edge.target, where)}"{label}>'
        ]
        for name, value in edge.attributes.items():
            lines.append(
                f'      <data key="{edge_key_id(name)}">'
                f"{text(lexical(value), f'{where} {name}')}</data>"
            )
        lines.append("    </edge>\n")
        out.write("\n".join(lines))
    out.write("  </graph>\n</graphml>\n")


def graphml_text(pg: PropertyGraph, strict: bool = False) -> str:
    out = io.StringIO()
    write_graphml(out, pg.node_keys, pg.edge_keys, pg.nodes, pg.edges, strict)
    return out.getvalue()


class GraphMLExporter:
    name = "graphml"
    description = "GraphML (.graphml) for Gephi, Gephi Lite, Neo4j APOC, igraph and networkx"

    def write(self, article: ArticleGraph, outdir: Path) -> list[Path]:
        pg = project_article(article)
        return [write_text(outdir / f"{article.stem}.graphml", graphml_text(pg))]


class StrictGraphMLExporter:
    name = "graphml-strict"
    description = "GraphML without <edge label> (.strict.graphml), valid against the schema"

    def write(self, article: ArticleGraph, outdir: Path) -> list[Path]:
        pg = project_article(article)
        path = outdir / f"{article.stem}.strict.graphml"
        return [write_text(path, graphml_text(pg, strict=True))]
