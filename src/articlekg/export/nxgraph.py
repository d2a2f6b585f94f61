"""The property graph as a networkx ``MultiDiGraph``: the Python view of what GraphML holds.

It is built from the same projection as the GraphML, GEXF and Neo4j exports (never a second
one), so a node, an edge or an attribute means the same thing in all of them: node keys
are IRIs, edge keys the GraphML edge ids, and attributes the typed values GraphML carries.
"""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx
from rdflib import Graph

from articlekg.export.projection import PropertyGraph, project
from articlekg.export.registry import ArticleGraph


def union_graph(articles: ArticleGraph | Sequence[ArticleGraph]) -> Graph:
    """One article's graph, or the union of several: a node they share (same IRI) is one."""
    if isinstance(articles, ArticleGraph):
        return articles.graph
    union = Graph()
    for article in articles:
        for triple in article.graph:
            union.add(triple)
    return union


def networkx_graph(pg: PropertyGraph) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for node in pg.nodes:
        graph.add_node(node.id, **node.attributes)
    for edge in pg.edges:
        graph.add_edge(edge.source, edge.target, key=edge.id, **edge.attributes)
    return graph


def to_networkx(articles: ArticleGraph | Sequence[ArticleGraph]) -> nx.MultiDiGraph:
    """The property graph of an article (or of a corpus, shared nodes once) in networkx."""
    return networkx_graph(project(union_graph(articles)))
