"""Virtuoso's bulk loader takes the N-Quads, TriG and Turtle exports the way
docs/export-targets.md says: dataset files into their own named graph, Turtle into the
graph named in ld_dir. Failed loads show only in DB.DBA.LOAD_LIST, so that is checked."""

from __future__ import annotations

import json
import re
import shutil
import urllib.parse
import urllib.request
from pathlib import Path

from rdflib import Graph, Literal

from articlekg.export import get_exporter
from sparql_servers import virtuoso_server
from test_export_samples import ABOVE_2_63, article, hostile_graph, require, run, sample_graph


def isql(port: str, sql: str) -> str:
    result = run([require("isql-vt"), f"127.0.0.1:{port}", "dba", "dba", f"exec={sql}"])
    assert result.returncode == 0 and "*** Error" not in result.stdout + result.stderr, (
        f"isql failed on {sql!r}:\n{result.stdout}{result.stderr}"
    )
    return result.stdout


def count(sparql_url: str, graph: str) -> int:
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    url = f"{sparql_url}?{urllib.parse.urlencode({'query': query})}"
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        data = json.load(response)
    return int(data["results"]["bindings"][0]["n"]["value"])


def hostile_within_64_bits() -> Graph:
    """The hostile graph less its integer above 2^63: Virtuoso stores xsd:integer in 64
    bits and refuses the whole file otherwise (SR553 in LOAD_LIST), as the docs say."""
    graph = hostile_graph()
    graph.remove((None, None, Literal(ABOVE_2_63)))
    return graph


def test_virtuoso_bulk_loads_each_dataset_export_into_its_named_graph(tmp_path: Path) -> None:
    graphs = {
        "nq": (article(sample_graph(), "viaquads"), "nquads"),
        "trig": (article(hostile_within_64_bits(), "viatrig"), "trig"),
        "ttl": (article(sample_graph(), "viaturtle"), "turtle"),
    }
    with virtuoso_server(tmp_path) as (_, sparql_url):
        folder = tmp_path / "virtuoso"  # listed in DirsAllowed by the fixture's ini
        ini = (folder / "virtuoso.ini").read_text(encoding="utf-8")
        found = re.search(r"\[Parameters\]\s*ServerPort = 127\.0\.0\.1:(\d+)", ini)
        assert found, "cannot find Virtuoso's SQL port in its ini"
        port = found.group(1)
        data = folder / "exports"
        for art, fmt in graphs.values():
            get_exporter(fmt).write(art, data)
        for suffix, (art, _) in graphs.items():
            isql(port, f"ld_dir('{data}', '{art.stem}.{suffix}', '{art.name}');")
        isql(port, "rdf_loader_run();")
        isql(port, "checkpoint;")  # the README's recipe, as written
        errors = isql(
            port, "SELECT ll_file, ll_error FROM DB.DBA.LOAD_LIST WHERE ll_error IS NOT NULL;"
        )
        assert "0 Rows" in errors, f"Virtuoso refused a file:\n{errors}"
        for art, _ in graphs.values():
            assert count(sparql_url, str(art.name)) == len(art.graph), art.stem
    shutil.rmtree(folder, ignore_errors=True)
