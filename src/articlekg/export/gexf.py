"""GEXF 1.3 from the property-graph projection, written by hand.

networkx's GEXF writer emits 1.2draft markup that fails the schema and stamps today's
date; this is the small fixed 1.3 shape, valid against the 1.3 RelaxNG, with no date.
The node label, colour and size go where Gephi reads them (``label``, ``viz:color`` as
r/g/b, which is all Gephi desktop reads, ``viz:size``); the relationship type is both the
edge's ``label`` and its ``kind`` (Gephi's edge type, so parallel edges stay apart).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TextIO, TypeVar

from articlekg.atomic import write_text
from articlekg.export.projection import Edge, Key, Node, PropertyGraph, project_article
from articlekg.export.registry import ArticleGraph
from articlekg.export.xmltext import attribute, lexical, text

NAMESPACE = "http://gexf.net/1.3"
VIZ_NAMESPACE = "http://gexf.net/1.3/viz"
# Carried by GEXF's own markup rather than by <attvalue>.
_NODE_MARKUP = frozenset({"label", "color", "size"})
_EDGE_MARKUP = frozenset({"label"})

Item = TypeVar("Item")
Counted = tuple[int, Iterable[Item]]
"""How many items, and the items (possibly read as they are written)."""


def rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def write_gexf(
    out: TextIO,
    description: str,
    node_keys: Sequence[Key],
    edge_keys: Sequence[Key],
    nodes: Counted[Node],
    edges: Counted[Edge],
) -> None:
    """GEXF written element by element, so a graph larger than memory can be streamed;
    the counts come first because GEXF states them before the elements."""
    node_count, node_items = nodes
    edge_count, edge_items = edges
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<gexf xmlns="{NAMESPACE}" xmlns:viz="{VIZ_NAMESPACE}" version="1.3">',
        "  <meta>",
        "    <creator>articlekg</creator>",
        f"    <description>{text(description, 'graph description')}</description>",
        "  </meta>",
        '  <graph defaultedgetype="directed" idtype="string">',
        '    <attributes class="node">',
    ]
    for key in node_keys:
        if key.name not in _NODE_MARKUP:
            lines.append(f'      <attribute id="{key.name}" title="{key.name}" type="{key.type}"/>')
    lines += ["    </attributes>", '    <attributes class="edge">']
    for key in edge_keys:
        if key.name not in _EDGE_MARKUP:
            lines.append(f'      <attribute id="{key.name}" title="{key.name}" type="{key.type}"/>')
    lines += ["    </attributes>", f'    <nodes count="{node_count}">']
    out.write("\n".join(lines) + "\n")
    for node in node_items:
        where = f"node <{node.id}>"
        # An empty label is left out of the projection; GEXF still wants the attribute.
        label = attribute(lexical(node.attributes.get("label", "")), f"{where} label")
        lines = [f'      <node id="{attribute(node.id, where)}" label="{label}">']
        lines.append("        <attvalues>")
        for name, value in node.attributes.items():
            if name not in _NODE_MARKUP:
                value_text = attribute(lexical(value), f"{where} {name}")
                lines.append(f'          <attvalue for="{name}" value="{value_text}"/>')
        lines.append("        </attvalues>")
        r, g, b = rgb(str(node.attributes["color"]))
        lines.append(f'        <viz:color r="{r}" g="{g}" b="{b}"/>')
        lines.append(f'        <viz:size value="{lexical(node.attributes["size"])}"/>')
        lines.append("      </node>")
        out.write("\n".join(lines) + "\n")
    out.write(f'    </nodes>\n    <edges count="{edge_count}">\n')
    for edge in edge_items:
        where = f"edge {edge.id} <{edge.source}> {edge.type} <{edge.target}>"
        kind = attribute(edge.type, where)
        lines = [
            f'      <edge id="{edge.id}" source="{attribute(edge.source, where)}" '
            f'target="{attribute(edge.target, where)}" label="{kind}" kind="{kind}">'
        ]
        lines.append("        <attvalues>")
        for name, value in edge.attributes.items():
            if name not in _EDGE_MARKUP:
                value_text = attribute(lexical(value), f"{where} {name}")
                lines.append(f'          <attvalue for="{name}" value="{value_text}"/>')
        lines += ["        </attvalues>", "      </edge>"]
        out.write("\n".join(lines) + "\n")
    out.write("    </edges>\n  </graph>\n</gexf>\n")


def gexf_text(pg: PropertyGraph, description: str) -> str:
    out = io.StringIO()
    nodes = (len(pg.nodes), pg.nodes)
    edges = (len(pg.edges), pg.edges)
    write_gexf(out, description, pg.node_keys, pg.edge_keys, nodes, edges)
    return out.getvalue()


class GexfExporter:
    name = "gexf"
    description = "GEXF 1.3 (.gexf) for Gephi and Gephi Lite"

    def write(self, article: ArticleGraph, outdir: Path) -> list[Path]:
        pg = project_article(article)
        path = outdir / f"{article.stem}.gexf"
        return [write_text(path, gexf_text(pg, f"articlekg graph {article.name}"))]
