"""The corpus property graphs are merged from sorted runs on disk and written as they are
read; they must be byte for byte what merging every projection in memory writes, and a
corpus build must not keep the projections it is handed."""

from __future__ import annotations

import gc
import hashlib
import json
import random
import tracemalloc
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from types import FunctionType, ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, URIRef

from articlekg import runs
from articlekg.corpus import CorpusParts, write_corpus_outputs
from articlekg.errors import ExportError
from articlekg.export.attributes import Value, name_predicates
from articlekg.export.corpus_graphs import CorpusGraph, write_property_graph
from articlekg.export.corpus_merge import (
    Folded,
    edge_folder,
    is_counted,
    merged_edge,
    merged_node,
    node_folder,
)
from articlekg.export.corpus_stream import ProjectionParts
from articlekg.export.projection import Edge, Key, Node, PropertyGraph, project
from articlekg.export.xmltext import lexical
from conftest import DevCorpus

FILES = (
    "corpus.graphml",
    "corpus.gexf",
    "corpus.neo4j/nodes.csv",
    "corpus.neo4j/relationships.csv",
    "corpus.neo4j/load.cypher",
)


Record = tuple[tuple[str, ...], dict[str, Value], frozenset[str]]
"""One article's types, attributes and list columns for a node or edge."""


def in_memory_merge(projections: dict[str, PropertyGraph]) -> PropertyGraph:
    """The corpus graph as it was merged before streaming: every projection held at once,
    grouped in dicts, edges and columns sorted and typed in memory. The oracle."""
    nodes: dict[str, dict[str, Record]] = defaultdict(dict)
    edges: dict[str, dict[str, Record]] = defaultdict(dict)
    ends: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)
    lists: dict[str, set[str]] = {"node": set(), "edge": set()}
    for stem, pg in projections.items():
        node_lists = frozenset(k.name for k in pg.node_keys if k.is_list)
        edge_lists = frozenset(k.name for k in pg.edge_keys if k.is_list)
        lists["node"] |= node_lists
        lists["edge"] |= edge_lists
        for node in pg.nodes:
            nodes[node.id][stem] = (node.types, node.attributes, node_lists)
        for edge in pg.edges:
            edges[edge.id][stem] = ((edge.type,), edge.attributes, edge_lists)
            ends[edge.id][stem] = (edge.source, edge.target)

    def folded(records: dict[str, Record], folder: Folded) -> Folded:
        for stem in sorted(records):
            folder.add(stem, *records[stem])
        return folder

    predicates = {
        URIRef(str(a["iri"])) for s in edges.values() for _, a, _ in s.values() if "iri" in a
    }
    names = name_predicates(predicates, frozenset())
    edge_list = sorted(
        (
            merged_edge(
                i,
                folded(s, edge_folder(frozenset(lists["edge"]))),
                ends[i][min(ends[i])],
                names,
            )
            for i, s in edges.items()
        ),
        key=lambda e: (e.source, str(e.attributes.get("iri", "")), e.target, e.id),
    )
    degree: dict[str, int] = defaultdict(int)
    for edge in edge_list:
        if is_counted(edge):
            degree[edge.source] += 1
            degree[edge.target] += 1
    node_list = [
        merged_node(i, folded(nodes[i], node_folder(frozenset(lists["node"]))), degree[i])
        for i in sorted(nodes)
    ]
    node_keys = typed_columns([n.attributes for n in node_list], lists["node"])
    edge_keys = typed_columns([e.attributes for e in edge_list], lists["edge"])
    return PropertyGraph(node_list, edge_list, node_keys, edge_keys)


def typed_columns(rows: Sequence[dict[str, Value]], list_columns: set[str]) -> list[Key]:
    columns: dict[str, list[Value]] = defaultdict(list)
    for row in rows:
        for name, value in row.items():
            columns[name].append(value)
    keys = {}
    for name, values in columns.items():
        if name in list_columns:
            kind = "string"
        elif all(isinstance(v, bool) for v in values):
            kind = "boolean"
        elif any(isinstance(v, (bool, str)) for v in values):
            kind = "string"
        elif all(isinstance(v, int) for v in values):
            kind = "long"
        else:
            kind = "double"
        keys[name] = Key(name, kind, name in list_columns)  # type: ignore[arg-type]
    for row in rows:
        for name, value in row.items():
            if keys[name].type == "string" and not isinstance(value, str):
                row[name] = lexical(value)
            elif keys[name].type == "double" and not isinstance(value, float):
                row[name] = float(value)
    return [keys[name] for name in sorted(keys)]


# Ids that sort differently if a key is cut at a tab or a line break, or escaped naively,
# and values that change column types, carry spreadsheet marks or need XML escaping.
HOSTILE_IDS = ["c:x", "c:x\tb", "c:x\n", "c:x\r\"<&>'", "c:xa", "c:x b", "c:é", "c:😀", "c:x\t"]


def hostile_projection(stem: str, rng: random.Random) -> PropertyGraph:
    ids = [*rng.sample(HOSTILE_IDS, 5), f"a:{stem}"]
    values: list[Value] = ["=SUM(A1)", "-x", "'quoted", "plain\nline", 7, -5, 2.5, True, "tab\t"]
    nodes = []
    for node_id in sorted(ids):
        attributes: dict[str, Value] = {
            "iri": node_id,
            "label": f"{node_id} <{stem}>",
            "mixed": rng.choice(values),
            "number": rng.choice([1, 2, 3.5, -4]),
            "evidenceIri": f"{stem}/ev/{node_id}",
            "evidenceQuote": f"said {rng.choice(values)}",
            "evidenceStart": rng.randint(0, 50),
        }
        if rng.random() < 0.5:
            attributes["tags"] = json.dumps(["t1", stem]) if stem < "m" else "single"
        types = ("Article",) if node_id.startswith("a:") else (rng.choice(["Outcome", "Odd;Type"]),)
        nodes.append(Node(node_id, types, dict(sorted(attributes.items()))))
    edges = []
    for source, target in zip(ids, ids[1:] + ids[:1], strict=True):
        predicate = rng.choice(["https://e.org/p#rel", "https://f.org/rel", "https://e.org/q"])
        attributes = {"iri": predicate, "label": "rel", "structural": source.startswith("a:")}
        if rng.random() < 0.5:
            attributes["weight"] = rng.choice([1, 0.5, "heavy"])
        edge_id = "e" + hashlib.sha256(f"{source} {predicate} {target}".encode()).hexdigest()[:8]
        edges.append(Edge(edge_id, source, target, "rel", attributes))
    names = sorted({name for node in nodes for name in node.attributes})
    node_keys = [Key(name, "string", name == "tags" and stem < "m") for name in names]
    edge_keys = [Key(n, "string", False) for n in ("iri", "label", "structural", "weight")]
    return PropertyGraph(nodes, edges, node_keys, edge_keys)


def written(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in FILES}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_streamed_files_equal_the_in_memory_merge_with_hostile_values(
    seed: int, tmp_path: Path
) -> None:
    rng = random.Random(seed)
    # Stems whose JSON spelling sorts otherwise than they do ("a b" before "a" in JSON).
    stems = ["b", "a b", "a", "q", "z", "é", "a!", "c"]
    projections = {stem: hostile_projection(stem, rng) for stem in stems}
    write_property_graph(in_memory_merge(projections), tmp_path / "memory")
    streamed = CorpusGraph()
    for stem in reversed(list(projections)):
        streamed.add_projection(stem, projections[stem])
    streamed.write(tmp_path / "streamed")
    assert written(tmp_path / "streamed") == written(tmp_path / "memory")
    rebuilt = streamed.property_graph()
    assert rebuilt == in_memory_merge(projections)
    assert len({n.id for n in rebuilt.nodes}) == len(rebuilt.nodes), "each id once"


@pytest.fixture(scope="module")
def dev_projections(dev_corpus: DevCorpus) -> dict[str, PropertyGraph]:
    return {
        s.stem: project(Graph().parse(dev_corpus.out / f"{s.stem}.ttl")) for s in dev_corpus.sources
    }


def test_a_folder_build_writes_what_the_in_memory_merge_writes(
    dev_corpus: DevCorpus, dev_projections: dict[str, PropertyGraph], tmp_path: Path
) -> None:
    write_property_graph(in_memory_merge(dev_projections), tmp_path)
    assert written(dev_corpus.out) == written(tmp_path)


def reachable(root: object) -> list[object]:
    """Every object ``root`` holds, directly or not (classes and functions not followed)."""
    seen: dict[int, object] = {}
    todo = [root]
    while todo:
        item = todo.pop()
        if id(item) in seen or isinstance(item, (type, ModuleType, FunctionType)):
            continue
        seen[id(item)] = item
        todo.extend(gc.get_referents(item))
    return list(seen.values())


def test_corpus_parts_keep_no_projection_only_small_tallies(tmp_path: Path) -> None:
    def parts_after(count: int) -> tuple[CorpusParts, set[str]]:
        folder = tmp_path / str(count)
        folder.mkdir()
        parts = CorpusParts(folder, graph_formats=("graphml",))
        rng = random.Random(0)
        node_ids: set[str] = set()
        for index in range(count):
            pg = hostile_projection(f"s{index:03d}", rng)
            # Every article brings nodes no other has: a kept projection would grow.
            nodes = [Node(f"{n.id}/{index}", n.types, n.attributes) for n in pg.nodes]
            node_ids.update(n.id for n in nodes)
            pg = PropertyGraph(nodes, pg.edges, pg.node_keys, pg.edge_keys)
            parts.add(index, f"s{index:03d}", f"g:{index}", b"", b"", [], b"", pg)
        return parts, node_ids

    (few, _), (many, node_ids) = parts_after(3), parts_after(30)
    for parts in (few, many):
        assert not [o for o in reachable(parts) if isinstance(o, (Node, Edge, PropertyGraph))]
    # Per article only its index, stem and graph name; nothing per node or edge.
    per_article = (len(reachable(many)) - len(reachable(few))) / 27
    assert per_article <= 4, per_article
    out = tmp_path / "out"
    out.mkdir()
    write_corpus_outputs(many, out, "https://e.org/")
    assert (out / "corpus.graphml").read_text(encoding="utf-8").count("<node ") == len(node_ids)


def test_an_article_added_twice_or_no_article_is_refused(tmp_path: Path) -> None:
    corpus = CorpusGraph()
    with pytest.raises(ExportError, match="at least one article"):
        corpus.property_graph()
    pg = hostile_projection("a", random.Random(0))
    corpus.add_projection("a", pg)
    with pytest.raises(ExportError, match="already holds"):
        corpus.add_projection("a", pg)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("\x00\x01\t\n\x0b a~é😀"), max_size=4)))
def test_sort_keys_sort_as_the_strings_do(texts: list[str]) -> None:
    assert sorted(texts, key=runs.sort_key) == sorted(texts)
    for text in texts:
        key = runs.sort_key(text)
        assert runs.KEY_END not in key and b"\n" not in key


def test_an_external_sort_in_many_small_chunks_sorts_and_groups(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(runs, "SORT_CHUNK_BYTES", 50)
    monkeypatch.setattr(runs, "MERGE_FAN_IN", 3)
    rng = random.Random(7)
    lines = [
        runs.sort_key(rng.choice(["b", "a\t", "a", "é"])) + runs.KEY_END + f"{n}\n".encode()
        for n in range(200)
    ]
    sorter = runs.ExternalSort(tmp_path, "test")
    for line in lines:
        sorter.add(line)
    target = sorter.finish(tmp_path / "sorted")
    assert target.read_bytes() == b"".join(sorted(lines))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sorted"], "runs are removed"
    with target.open("rb") as handle:
        groups = [(key, sum(1 for _ in rest)) for key, rest in runs.grouped(handle)]
    assert [key for key, _ in groups] == sorted({line.split(runs.KEY_END)[0] for line in lines})
    assert sum(size for _, size in groups) == 200


def test_a_fold_keeps_first_values_and_orders_evidence_by_article_then_offset() -> None:
    folded = node_folder(frozenset({"tags"}))
    folded.add(
        "a",
        ("Outcome",),
        {
            "label": "pain",
            "tags": "single",
            "evidenceIri": "a/q2",
            "evidenceQuote": "later",
            "evidenceStart": 40,
            "otherEvidence": json.dumps([{"evidenceIri": "a/q1", "evidenceStart": 5}]),
            "color": "#000",
        },
        frozenset(),
    )
    folded.add("b", ("Condition",), {"label": "Pain", "evidenceStart": 1}, frozenset())
    with pytest.raises(ValueError, match="ascending stem order"):
        folded.add("a b", ("Outcome",), {}, frozenset())
    node = merged_node("n", folded, degree=0)
    assert node.types == ("Condition", "Outcome")
    attributes = node.attributes
    assert attributes["label"] == "pain", "the first article's value wins"
    assert attributes["tags"] == '["single"]', "a list column is a list everywhere"
    assert (attributes["evidenceArticle"], attributes["evidenceIri"]) == ("a", "a/q1")
    assert json.loads(str(attributes["otherEvidence"])) == [
        {"article": "a", "evidenceIri": "a/q2", "evidenceQuote": "later", "evidenceStart": 40},
        {"article": "b", "evidenceStart": 1},
    ]
    assert (attributes["articles"], attributes["articleCount"]) == ('["a", "b"]', 2)
    assert attributes["color"] != "#000", "derived columns are recomputed"


def test_merging_a_node_every_article_holds_keeps_about_its_row(tmp_path: Path) -> None:
    """Merging holds one shared node's row, not every article's parsed record of it."""
    parts = ProjectionParts(tmp_path)
    quote = "a sentence that states the fact, " * 8
    for index in range(3000):
        attributes: dict[str, Value] = {
            "iri": "c:shared",
            "label": "shared",
            "evidenceIri": f"s{index}/q",
            "evidenceQuote": quote,
            "evidenceStart": index,
            **{f"column{n}": f"value {n} of article {index}" for n in range(30)},
        }
        node = Node("c:shared", ("Outcome",), attributes)
        keys = [Key(name, "string", False) for name in sorted(attributes)]
        parts.add(f"s{index:05d}", PropertyGraph([node], [], keys, []))
    tracemalloc.start()
    try:
        merged = parts.merge()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    (row,) = list(merged.nodes())
    row_bytes = len(json.dumps(row.attributes))
    # The row, its evidence as text, and the line written: a few times the row. Holding
    # every article's parsed record, as the merge did before, peaked at over 20 times.
    assert peak < 6 * row_bytes, (peak, row_bytes)
