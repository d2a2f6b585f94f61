"""Runners for the README commands of other tools: Neo4j (files checked, Cypher run on
FalkorDB), Oxigraph, Jena's TDB2 loader, curl (GraphDB's request) and Dask."""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from processes import stop
from readme_runners import FOLDER_STEMS, files_in, graph_iri
from readme_workspace import SHARED, STEM, Workspace
from sparql_servers import Endpoint, free_port, running
from test_export_neo4j import read_admin_csv

# ---------------------------------------------------------------- Neo4j, APOC, Cypher


def import_folder(ws: Workspace) -> Path:
    """Neo4j's import/ folder as the README fills it: the seed's folder and a corpus's."""
    folder = ws.root / "import"
    if not folder.exists():
        shutil.copytree(ws.exports / f"{STEM}.neo4j", folder / f"{STEM}.neo4j")
        shutil.copytree(ws.root / "out" / "corpus.neo4j", folder / "corpus.neo4j")
    return folder


def admin_import(ws: Workspace, line: str) -> None:
    import_folder(ws)
    argv = ws.words(line.replace("<stem>", STEM))
    assert argv[:5] == ["neo4j-admin", "database", "import", "full", "neo4j"], argv
    options = dict(word.removeprefix("--").split("=", 1) for word in argv[5:] if "=" in word)
    assert options.get("multiline-fields") == "true" and "--overwrite-destination" in argv
    nodes = read_admin_csv(ws.root / options["nodes"])
    relationships = read_admin_csv(ws.root / options["relationships"])
    ids = [node["ID"] for node in nodes]
    assert len(ids) == len(set(ids)), "a node twice aborts the import"
    assert all("Resource" in node["LABEL"] for node in nodes)
    known = set(ids)
    assert relationships and all(
        r["START_ID"] in known and r["END_ID"] in known and r["TYPE"] for r in relationships
    )


def graphml_for_apoc(ws: Workspace, line: str) -> None:
    """readLabels reads the nodes' ``labels`` data; the type is each <edge label="...">,
    which the strict variant leaves out, as the README says."""
    name = re.search(r"file:///(\S+?\.graphml)", line.replace("<stem>", STEM))
    assert name
    root = ET.parse(ws.exports / name.group(1)).getroot()
    keys = {(key.get("for"), key.get("attr.name")) for key in root if key.tag.endswith("key")}
    assert ("node", "labels") in keys, keys
    edges = [e for e in root.iter() if e.tag.endswith("}edge")]
    assert edges and all(e.get("label") for e in edges)
    strict = ET.parse(ws.exports / f"{STEM}.strict.graphml").getroot()
    assert not [e for e in strict.iter() if e.tag.endswith("}edge") and e.get("label")]


@contextlib.contextmanager
def falkordb(ws: Workspace) -> Iterator[Any]:
    from falkordb_server import falkordb_server

    (ws.root / "falkordb").mkdir()
    with falkordb_server(ws.root / "falkordb", import_folder(ws)) as client:
        yield client


@dataclass
class Cypher:
    """A FalkorDB graph with the seed's load.cypher run on it, for one command."""

    graph: Any
    nodes: int = field(default=0)

    def count(self, pattern: str) -> int:
        # count(*) over a relationship pattern counts each node pair once in FalkorDB.
        variable = re.findall(r"[(\[](\w+)", pattern)[0]
        return int(self.graph.query(f"MATCH {pattern} RETURN count({variable})").result_set[0][0])


def loaded_seed(ws: Workspace, name: str) -> Cypher:
    from falkordb_server import run_script

    graph = ws.resource("falkordb", falkordb).select_graph(name)
    script = import_folder(ws) / f"{STEM}.neo4j" / "load.cypher"
    run_script(graph, script.read_text(encoding="utf-8"))
    nodes = len(read_admin_csv(script.with_name("nodes.csv")))
    return Cypher(graph, nodes)


def cypher_shell(ws: Workspace, line: str) -> None:
    argv = ws.words(line.replace("<stem>", STEM))
    script = ws.root / argv[argv.index("-f") + 1]
    assert script.is_file(), script
    loaded = loaded_seed(ws, "cypher-shell")
    relationships = len(read_admin_csv(script.with_name("relationships.csv")))
    assert loaded.count("(n:Resource)") == loaded.nodes
    assert loaded.count("()-[r]->()") == relationships


def delete_all(ws: Workspace, line: str) -> None:
    loaded = loaded_seed(ws, "delete-all")
    assert loaded.count("(n)") == loaded.nodes > 0
    loaded.graph.query(line)
    assert loaded.count("(n)") == 0 and loaded.count("()-[r]->()") == 0


def unmark(ws: Workspace, line: str) -> None:
    loaded = loaded_seed(ws, "unmark")
    loaded.graph.query("CREATE (:Resource {id: 'marked', label: \"'=SUM(A1)\"})")
    loaded.graph.query(line)
    result = loaded.graph.query("MATCH (n {id: 'marked'}) RETURN n.label").result_set
    assert result == [["=SUM(A1)"]], result
    assert loaded.count('(n) WHERE n.label STARTS WITH "\'"') == 0


# ---------------------------------------------------------------- Oxigraph, Jena, curl


@contextlib.contextmanager
def oxigraph_kg_store(ws: Workspace) -> Iterator[str]:
    """The indented `oxigraph serve` line on a free port: its base URL."""
    line = "oxigraph serve --location kg-store --bind 127.0.0.1:7878"
    argv = ws.words(line, cwd=ws.exports)
    port = free_port()
    argv[-1] = f"127.0.0.1:{port}"
    program = str(ws.root / ".venv" / "bin" / "oxigraph")
    base = f"http://127.0.0.1:{port}"
    with (
        ws.inside(ws.exports),
        running([program, *argv[1:]], f"{base}/query?query=ASK%7B%7D", ws.root / "ox.log"),
    ):
        yield base


def seed_triples(ws: Workspace) -> int:
    return sum(1 for line in (ws.exports / f"{STEM}.nt").open(encoding="utf-8") if line.strip())


def graph_count(base: str) -> int:
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph_iri(STEM)}> {{ ?s ?p ?o }} }}"
    _, rows = Endpoint(f"{base}/query").select(query)
    return int(str(rows[0][0]))


def oxigraph_serves(ws: Workspace, line: str) -> None:
    assert line.startswith("oxigraph serve --location kg-store --bind "), "update oxigraph_kg_store"
    assert graph_count(ws.resource("oxigraph", oxigraph_kg_store)) == seed_triples(ws)


def graphdb_post(ws: Workspace, line: str) -> None:
    """The GraphDB request, sent to Oxigraph's Graph Store (a graph emptied first)."""
    base = ws.resource("oxigraph", oxigraph_kg_store)
    url = f"{base}/store?graph={graph_iri(STEM)}"
    urllib.request.urlopen(urllib.request.Request(url, method="DELETE"), timeout=30).close()
    assert graph_count(base) == 0
    argv = ws.words(line.replace("<stem>", STEM), cwd=ws.exports)
    assert argv[-1].startswith("http://localhost:7200/"), argv
    ws.process([*argv[:-1], "--fail", "--silent", "--show-error", f"{base}/store"], ws.exports)
    assert graph_count(base) == seed_triples(ws)


def tdb2_loaded(ws: Workspace, line: str) -> None:
    """Through ../shared/tools/jena.sh (Debian's Jena needs its class path put together)."""
    argv = ws.words(line.replace("<stem>", STEM), cwd=ws.exports)
    result = ws.process(["bash", str(SHARED / "tools" / "jena.sh"), *argv], ws.exports)
    assert f"Quads = {seed_triples(ws):,}" in result.stderr, result.stderr


def fuseki_file(ws: Workspace, line: str) -> None:
    import pyoxigraph

    trig = ws.exports / ws.words(line.replace("<stem>", STEM))[1].removeprefix("--file=")
    quads = list(pyoxigraph.parse(path=str(trig), format=pyoxigraph.RdfFormat.TRIG))
    assert {str(q.graph_name.value) for q in quads} == {graph_iri(STEM)}


def fuseki_tdb(ws: Workspace, line: str) -> None:
    assert (ws.exports / "kg-tdb").is_dir(), "the tdb2.tdbloader line made it"


# ------------------------------------------------------------------------------- Dask


def background(ws: Workspace, name: str, argv: list[str]) -> None:
    """Start ``argv`` (a README line's words, ``.venv/bin`` first on PATH) in the workspace;
    stopped with it, the last started first."""
    log = (ws.root / f"{name}.log").open("wb")
    process = subprocess.Popen(argv, cwd=ws.root, env=ws.env, stdout=log, stderr=subprocess.STDOUT)

    def stop_it() -> None:
        stop(process, timeout=20)
        log.close()

    ws.stack.callback(stop_it)
    ws.resources[name] = process


def dask_scheduler(ws: Workspace, line: str) -> None:
    """On 127.0.0.1 and a free port, without its dashboard (the README's line listens on
    every interface, which tests do not)."""
    port = free_port()
    argv = [*ws.words(line), "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"]
    background(ws, "dask-scheduler", argv)
    ws.resources["dask"] = f"tcp://127.0.0.1:{port}"


def dask_worker(ws: Workspace, line: str) -> None:
    from distributed import Client

    address = ws.resources["dask"]
    argv = [*ws.words(line.replace("tcp://HOST:8786", address)), "--no-dashboard"]
    background(ws, "dask-worker", argv)
    with Client(address, timeout=60) as client:
        client.wait_for_workers(1, timeout=60)
        assert list(client.nthreads().values()) == [1]


def on_dask(ws: Workspace, line: str) -> None:
    """The build on the scheduler and worker the two lines before started."""
    ws.run(line.replace("tcp://HOST:8786", ws.resources["dask"]))
    built = files_in(ws.root / "out")
    assert {name.split(".")[0] for name in built} == {*FOLDER_STEMS, "corpus"}
    ws.resources["dask-built"] = built


def on_local_dask(ws: Workspace, line: str) -> None:
    shutil.rmtree(ws.root / "out")
    ws.run(line)
    built = files_in(ws.root / "out")
    assert built == ws.resources["dask-built"], "the same bytes as on the scheduler"


def listed_files(ws: Workspace, output: str) -> None:
    listed = [Path(line) for line in output.splitlines() if line.strip()]
    assert listed and all((ws.root / path).is_file() for path in listed), output
    assert {p.name for p in listed} >= {"ginger-evidence.ttl", "corpus.nq"}, output
