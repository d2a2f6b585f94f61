"""An article's ``load.cypher`` on a real Cypher engine (FalkorDB, see falkordb_server.py):
it loads exactly its CSVs, and re-running it after the article changed MERGEs instead of
adding a second copy of every relationship."""

from __future__ import annotations

import csv
from pathlib import Path

from rdflib import RDF

from articlekg.export import get_exporter
from articlekg.vocab import AKG
from falkordb_server import falkordb_server, run_script
from test_export_samples import article, seed_graph


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_rerunning_an_edited_articles_load_cypher_duplicates_nothing(tmp_path: Path) -> None:
    imports = tmp_path / "import"
    graph = seed_graph()
    get_exporter("neo4j").write(article(graph, "seed"), imports)
    folder = imports / "seed.neo4j"
    first = {r["id"] for r in rows(folder / "relationships.csv")}
    nodes = rows(folder / "nodes.csv")

    with falkordb_server(tmp_path, imports) as client:
        kg = client.select_graph("articlekg")
        run_script(kg, (folder / "load.cypher").read_text(encoding="utf-8"))
        loaded = kg.query("MATCH (a)-[r]->(b) RETURN a.id, type(r), b.id, r.id").result_set
        assert len(loaded) == len(first) and {row[3] for row in loaded} == first
        by_id = {r["id"]: r for r in rows(folder / "relationships.csv")}
        assert all(
            (by_id[r_id][":START_ID"], by_id[r_id][":TYPE"], by_id[r_id][":END_ID"]) == (a, t, b)
            for a, t, b, r_id in loaded
        )
        assert kg.query("MATCH (n:Resource) RETURN count(n)").result_set[0][0] == len(nodes)

        # The edit: the first finding is gone, which shifted every later positional id.
        finding = min(graph.subjects(RDF.type, AKG.Finding))
        for triple in list(graph.triples((finding, None, None))):
            graph.remove(triple)
        get_exporter("neo4j").write(article(graph, "seed"), imports)
        second = {r["id"] for r in rows(folder / "relationships.csv")}
        assert second < first
        run_script(kg, (folder / "load.cypher").read_text(encoding="utf-8"))
        ids = [row[0] for row in kg.query("MATCH ()-[r]->() RETURN r.id").result_set]
        assert sorted(ids) == sorted(first), "the same relationships, none twice"
