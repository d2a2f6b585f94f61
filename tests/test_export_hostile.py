"""Hostile file names and literal text through every exporter (hypothesis).

Each example writes one small graph under a random stem, with one label and one quote
replaced by random text, with every exporter; each output is parsed by its target's
parser (pyoxigraph for RDF, lxml for GraphML/GEXF, csv and a Cypher tokenizer for Neo4j)
and compared with the output of a plain stem and plain text: the random text must come
back exactly, and nothing outside literals, names and comments may differ. XML cannot
carry some control characters: then the XML exporters must refuse with ExportError.
"""

from __future__ import annotations

import csv
import json
import re
import tempfile
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from articlekg.assemble import graph_name
from articlekg.errors import ExportError
from articlekg.export import EXPORTERS, ArticleGraph
from articlekg.export.escape import (
    csv_cell,
    csv_value,
    cypher_comment,
    cypher_identifier,
    cypher_string,
    file_url,
)
from articlekg.export.neo4j import _unmarked
from articlekg.vocab import AKG, CONCEPT
from test_export_samples import ART, B

PLAIN_STEM = "sample"
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
RDF_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
}
XML_SUFFIXES = (".graphml", ".strict.graphml", ".gexf")
CSV_NAMES = ("nodes.csv", "relationships.csv")
LABEL_OWNER = URIRef(f"{ART}/finding/f1")
QUOTE_OWNER = URIRef(f"{ART}/evidence/e1")
PLAIN_LABEL = "massage reduces bone pain"
PLAIN_QUOTE = "Massage reduced pain in 72 patients (RCT)."

# What breaks generated text: line ends (Cypher's and Unicode's), quotes, backticks,
# comment marks, escapes, statement ends, formula starts.
PIECES = ["\n", "\r", "\r\n", "'", '"', "`", ";", "\\", "\\u0060", "\u2028", "\x85", "%", " "]
PIECES += ["=", "+", "-", "@", "\t", "<", "&", "]]>", "MATCH (n) DETACH DELETE n;"]
# A file name has no "/" (so no "*/" or "//") and no NUL.
NAME_PIECES = st.sampled_from(PIECES)
STEMS = (
    st.lists(
        st.one_of(
            NAME_PIECES,
            st.text(
                st.characters(blacklist_categories=["Cs"], blacklist_characters="/\x00"),
                max_size=6,
            ),
        ),
        min_size=1,
        max_size=6,
    )
    .map("".join)
    .filter(lambda s: s not in (".", "..") and 0 < len(s.encode()) <= 120)
)
TEXTS = (
    st.lists(
        st.one_of(
            st.sampled_from([*PIECES, "*/", "/*", "//", "\x00", "\x0b"]),
            st.text(st.characters(blacklist_categories=["Cs"]), max_size=8),
        ),
        min_size=1,
        max_size=5,
    )
    .map("".join)
    .filter(bool)
)  # an empty value is left out of property graphs by design


def graph_with(label: str, quote: str) -> Graph:
    """A small article graph: a finding labelled ``label``, backed by ``quote``."""
    massage, pain = CONCEPT.massage, CONCEPT["bone-pain"]
    graph = Graph()
    for triple in [
        (ART, RDF.type, AKG.Article),
        (ART, RDFS.label, Literal("Massage for bone pain")),
        (ART, AKG.mentions, massage),
        (massage, RDF.type, AKG.Intervention),
        (massage, RDFS.label, Literal("massage")),
        (pain, RDF.type, AKG.Outcome),
        (pain, RDFS.label, Literal("bone pain")),
        (LABEL_OWNER, RDF.type, AKG.Finding),
        (LABEL_OWNER, RDFS.label, Literal(label)),
        (LABEL_OWNER, AKG.intervention, massage),
        (LABEL_OWNER, AKG.outcome, pain),
        (LABEL_OWNER, AKG.effect, AKG.reduces),
        (LABEL_OWNER, AKG.hasEvidence, QUOTE_OWNER),
        (QUOTE_OWNER, RDF.type, AKG.Evidence),
        (QUOTE_OWNER, AKG.quote, Literal(quote)),
        (QUOTE_OWNER, AKG.startOffset, Literal(0)),
        (QUOTE_OWNER, AKG.endOffset, Literal(40)),
        (QUOTE_OWNER, AKG.inArticle, ART),
    ]:
        graph.add(triple)
    return graph


def export_all(stem: str, label: str, quote: str, outdir: Path) -> dict[str, Any]:
    """Each exporter's files (by suffix), or the ExportError it raised."""
    article = ArticleGraph(graph_with(label, quote), graph_name(stem, B), stem)
    outputs: dict[str, Any] = {}
    for exporter in EXPORTERS:
        try:
            paths = exporter.write(article, outdir)
        except ExportError as error:
            outputs[exporter.name] = error
            continue
        for path in paths:
            relative = path.relative_to(outdir)
            assert relative.parts[0].startswith(stem), relative  # named as asked, inside outdir
            outputs[str(relative)[len(stem) :]] = path
    return outputs


# -- RDF ---------------------------------------------------------------------------
Swap = dict[Any, Any]
"""(subject, predicate, object) or a graph name -> what it stands for in the plain export."""


def rdf_statements(path: Path, fmt: ox.RdfFormat, swap: Swap) -> set[tuple[Any, ...]]:
    """The file's statements, with the objects and graph names in ``swap`` replaced."""
    statements = set()
    for quad in ox.parse(path=path, format=fmt):
        graph = getattr(quad, "graph_name", ox.DefaultGraph())
        s, p, o = quad.subject, quad.predicate, quad.object
        statements.add((s, p, swap.get((s, p, o), o), swap.get(graph, graph)))
    return statements


# -- XML -----------------------------------------------------------------------------
def xml_shape(path: Path) -> tuple[list[tuple[str, tuple[str, ...]]], set[str]]:
    """Elements with their attribute names, in order; and every text and attribute value."""
    root = etree.parse(str(path), etree.XMLParser(resolve_entities=False)).getroot()
    shape, values = [], set()
    for element in root.iter():
        shape.append((str(element.tag), tuple(sorted(element.attrib))))
        values |= set(element.attrib.values())
        values.add(element.text or "")
    folded = {text for value in values if value[:1] in "[{" for text in json_strings(value)}
    return shape, values | folded


def json_strings(value: str) -> list[str]:
    """The strings inside a JSON value (``otherEvidence`` folds quotes into JSON)."""
    try:
        document = json.loads(value)
    except ValueError:
        return []
    found: list[str] = []
    stack = [document]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
    return found


# -- Neo4j ---------------------------------------------------------------------------
_CYPHER_ESCAPES = {"\\": "\\", "'": "'", '"': '"', "n": "\n", "r": "\r", "t": "\t"}
_CYPHER_ESCAPES |= {"b": "\b", "f": "\f"}
_CYPHER_TOKEN = re.compile(
    r"""(?P<comment>//[^\r\n]*)|(?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
    r"|(?P<name>`(?:[^`]|``)*`)|(?P<space>\s+)|(?P<code>[A-Za-z0-9_.:]+|.)",
    re.DOTALL,
)
_STRING_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|.)", re.DOTALL)


def _unescape(match: re.Match[str]) -> str:
    escape = match.group(1)
    return chr(int(escape[1:], 16)) if escape.startswith("u") else _CYPHER_ESCAPES[escape]


def cypher_tokens(script: str) -> list[tuple[str, str]]:
    """(kind, text) tokens as Cypher's lexer reads them: comments, strings (decoded),
    quoted names (decoded) and code."""
    tokens: list[tuple[str, str]] = []
    for match in _CYPHER_TOKEN.finditer(script):
        kind, text = match.lastgroup or "", match.group(0)
        if kind == "comment":
            tokens.append((kind, text[2:]))
        elif kind == "string":
            value = _STRING_ESCAPE.sub(_unescape, text[1:-1])
            tokens.append((kind, value.encode("utf-16", "surrogatepass").decode("utf-16")))
        elif kind == "name":
            tokens.append((kind, text[1:-1].replace("``", "`")))
        elif kind == "code":
            tokens.append((kind, text))
    return tokens


def skeleton(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Code and names as they are, literals and comments blanked; a column read through the
    unmarking expression (only where some cell carries the text mark) counts as the column."""
    shape: list[tuple[str, str]] = []
    i = 0
    while i < len(tokens):
        if tokens[i : i + 2] == [("code", "substring"), ("code", "(")]:
            column = tokens[i + 2 : i + 4]
            unmarking = cypher_tokens(_unmarked("row." + cypher_identifier(column[1][1])))
            if tokens[i : i + len(unmarking)] == unmarking:
                shape += column
                i += len(unmarking)
                continue
        kind, text = tokens[i]
        shape.append((kind, text if kind in ("code", "name") else ""))
        i += 1
    return shape


def csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return plain_reference(tmp_path_factory.mktemp("plain"))


@pytest.fixture(scope="module")
def outdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile")


def plain_reference(outdir: Path) -> dict[str, Any]:
    """The plain export's files, and what the checks compare with, parsed once."""
    files = export_all(PLAIN_STEM, PLAIN_LABEL, PLAIN_QUOTE, outdir)
    parsed = {
        f"rdf{suffix}": rdf_statements(files[suffix], fmt, {})
        for suffix, fmt in RDF_FORMATS.items()
    }
    parsed |= {f"xml{suffix}": xml_shape(files[suffix])[0] for suffix in XML_SUFFIXES}
    parsed |= {
        f"csv/{name}": [len(row) for row in csv_rows(files[f".neo4j/{name}"])] for name in CSV_NAMES
    }
    parsed["cypher"] = cypher_tokens(files[".neo4j/load.cypher"].read_text(encoding="utf-8"))
    return files | parsed


def check_outputs(
    stem: str, label: str, quote: str, got: dict[str, Any], plain: dict[str, Any]
) -> None:
    label_at = (ox.NamedNode(str(LABEL_OWNER)), ox.NamedNode(str(RDFS.label)))
    quote_at = (ox.NamedNode(str(QUOTE_OWNER)), ox.NamedNode(str(AKG.quote)))
    swap: Swap = {
        (*label_at, ox.Literal(label)): ox.Literal(PLAIN_LABEL),
        (*quote_at, ox.Literal(quote)): ox.Literal(PLAIN_QUOTE),
        ox.NamedNode(str(graph_name(stem, B))): ox.NamedNode(str(graph_name(PLAIN_STEM, B))),
    }
    for suffix, fmt in RDF_FORMATS.items():
        objects = {statement[2] for statement in rdf_statements(got[suffix], fmt, {})}
        assert ox.Literal(label) in objects and ox.Literal(quote) in objects, suffix
        assert rdf_statements(got[suffix], fmt, swap) == plain[f"rdf{suffix}"]

    xml_refused = XML_FORBIDDEN.search(label + quote) is not None
    for suffix, exporter in ((".graphml", "graphml"), (".strict.graphml", "graphml-strict")):
        if xml_refused:
            assert isinstance(got.get(exporter), ExportError), exporter
            continue
        for name in (suffix,):
            shape, values = xml_shape(got[name])
            assert shape == plain[f"xml{name}"]
            assert label in values and quote in values
    if xml_refused:
        assert isinstance(got.get("gexf"), ExportError)
    else:
        shape, values = xml_shape(got[".gexf"])
        assert shape == plain["xml.gexf"] and label in values

    folder = f"{stem}.neo4j"
    for name in CSV_NAMES:
        rows = csv_rows(got[f".neo4j/{name}"])
        assert [len(row) for row in rows] == plain[f"csv/{name}"]
        cells = {csv_value(cell) for row in rows for cell in row}
        if name == "nodes.csv":
            assert label in cells
    tokens = cypher_tokens(got[".neo4j/load.cypher"].read_text(encoding="utf-8"))
    assert skeleton(tokens) == skeleton(plain["cypher"]), "a statement changed shape"
    # The label column is unmarked exactly when the label needed the mark.
    unmarks_labels = _unmarked("row.`label`") in got[".neo4j/load.cypher"].read_text("utf-8")
    assert unmarks_labels == (csv_cell(label) != label)
    strings = {text for kind, text in tokens if kind == "string"}
    assert file_url(folder, "nodes.csv") in strings
    comments = [text for kind, text in tokens if kind == "comment"]
    assert all(text.isprintable() for text in comments)
    assert any(cypher_comment(folder) in text for text in comments)


@settings(
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(stem=STEMS, label=TEXTS, quote=TEXTS)
def test_hostile_names_and_text_through_every_exporter(
    plain: dict[str, Any], outdir: Path, stem: str, label: str, quote: str
) -> None:
    # One folder for all examples (a later one overwrites what an earlier one wrote under
    # the same stem): removing a folder per example would cost more than the export.
    got = export_all(stem, label, quote, outdir)
    check_outputs(stem, label, quote, got, plain)


@pytest.mark.parametrize(
    "stem",
    ["a\nMATCH (n) DETACH DELETE n;\n", "a\u2028MATCH (n) DELETE n;", "q'`\\'); DELETE n;"],
)
def test_a_file_name_cannot_add_a_cypher_statement(stem: str, plain: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        got = export_all(stem, PLAIN_LABEL, PLAIN_QUOTE, Path(folder))
        script = got[".neo4j/load.cypher"].read_text(encoding="utf-8")
    assert "\nMATCH (n) DETACH DELETE n;" not in script
    assert "DELETE" not in {text for kind, text in cypher_tokens(script) if kind == "code"}
    assert sum(1 for line in script.splitlines() if line.startswith("//")) == sum(
        1
        for line in plain[".neo4j/load.cypher"].read_text(encoding="utf-8").splitlines()
        if line.startswith("//")
    )


def test_cypher_strings_and_csv_cells_round_trip() -> None:
    hostile = "a'b\"c\\d\ne\r\u2028\x00\U0001f600`"
    assert cypher_tokens(f"RETURN {cypher_string(hostile)};") == [
        ("code", "RETURN"),
        ("string", hostile),
        ("code", ";"),
    ]
    for value in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "'quoted", "plain", ""]:
        cell = csv_cell(value)
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
        assert csv_value(cell) == value


def test_a_store_update_cannot_be_broken_out_of_by_a_graph_name(tmp_path: Path) -> None:
    from articlekg.errors import StoreError
    from articlekg.store_write import replace_graphs

    store = ox.Store(str(tmp_path / "store"))
    with pytest.raises(StoreError, match="cannot name a graph"):
        replace_graphs(store, {"https://example.org/g> } ; DROP ALL ; INSERT DATA { <x": []})
    triple = ox.Triple(
        ox.NamedNode("https://example.org/s"),
        ox.NamedNode("https://example.org/p"),
        ox.Literal("o"),
    )
    replace_graphs(store, {"https://example.org/g\u00e9": [triple]})
    assert [g.value for g in store.named_graphs()] == ["https://example.org/g\u00e9"]
