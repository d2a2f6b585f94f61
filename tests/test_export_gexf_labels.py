"""GEXF needs a label on every node; the projection leaves an empty one out."""

from __future__ import annotations

from lxml import etree

from articlekg.export.gexf import gexf_text
from articlekg.export.projection import Key, Node, PropertyGraph

GEXF = "{http://gexf.net/1.3}"


def test_a_node_whose_label_is_empty_is_written_with_an_empty_label() -> None:
    keys = [Key(name, "string", False) for name in ("color", "label")] + [
        Key("size", "double", False)
    ]
    nodes = [
        Node("a", ("Outcome",), {"color": "#0072b2", "label": "pain", "size": 10.0}),
        Node("b", ("Outcome",), {"color": "#0072b2", "size": 10.0}),
    ]
    text = gexf_text(PropertyGraph(nodes, [], keys, []), "two nodes")
    root = etree.fromstring(text.encode("utf-8"))
    labels = {n.get("id"): n.get("label") for n in root.iter(f"{GEXF}node")}
    assert labels == {"a": "pain", "b": ""}
