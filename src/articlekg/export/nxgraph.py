"""The property graph as a networkx ``MultiDiGraph``: the Python view of what GraphML holds.

It is built from the same projections as the GraphML, GEXF and Neo4j exports (never a
second one): an article's is ``<stem>.graphml``'s, a list of articles' is
``corpus.graphml``'s (shared nodes once, every article's evidence). Node keys are IRIs,
edge keys the GraphML edge ids, and attributes the typed values GraphML carries.
"""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx

from articlekg.export.corpus_graphs import corpus_property_graph
from articlekg.export.projection import PropertyGraph, project_article
from articlekg.export.registry import ArticleGraph


def networkx_graph(pg: PropertyGraph) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for node in pg.nodes:
        graph.add_node(node.id, **node.attributes)
    for edge in pg.edges:
        graph.add_edge(edge.source, edge.target, key=edge.id, **edge.attributes)
    return graph


def to_networkx(articles: ArticleGraph | Sequence[ArticleGraph]) -> nx.MultiDiGraph:
    """An article's property graph, or a corpus's (shared nodes once), in networkx."""
    if isinstance(articles, ArticleGraph):
        return networkx_graph(project_article(articles))
    return networkx_graph(corpus_property_graph(articles))
