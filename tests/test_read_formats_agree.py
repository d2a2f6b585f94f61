"""The seed as plain text, Markdown and saved HTML: same blocks, same facts.

The three files carry the same words; only the markup differs. The readers must therefore
hand the pipeline the same structure, and the pipeline must find the same facts. Evidence
offsets differ (the Markdown and HTML texts are rebuilt from markup), every other column of
every competency query must agree.
"""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from articlekg.document import Document, Span
from articlekg.read import read_document

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXT = ROOT / "seeds" / "massage-metastatic-bone-pain.txt"
FIXTURES = Path(__file__).parent / "fixtures"
MARKUP = {"markdown": FIXTURES / "seed.md", "html": FIXTURES / "seed.html"}
QUERIES = ROOT / "ontology" / "queries"
ONTOLOGY = ROOT / "ontology"
OFFSET_VARIABLES = frozenset({"start", "end"})
"""Query columns that hold evidence offsets, which differ between the formats."""
EXPECTED_QUERIES = frozenset(
    {
        "entities",
        "central-entity",
        "effects",
        "studies",
        "study-arms",
        "study-measures",
        "statistics",
        "recommendations",
        "mechanisms",
        "related-conditions",
        "attributes",
        "topical-map",
        "contexts",
        "provenance",
    }
)


def structure(document: Document) -> list[tuple[object, ...]]:
    """Each block without offsets: kind, text, heading, label/value and cell texts."""

    def text(span: Span | None) -> str | None:
        return None if span is None else document.slice(span)

    return [
        (
            block.kind,
            document.slice(block.span),
            block.heading,
            block.header_row,
            text(block.label),
            text(block.value),
            tuple(document.slice(cell) for cell in block.cells),
        )
        for block in document.blocks
    ]


@pytest.mark.parametrize("kind", sorted(MARKUP))
def test_markup_versions_give_the_text_versions_blocks(kind: str) -> None:
    plain = read_document(SEED_TEXT)
    marked = read_document(MARKUP[kind])
    expected = structure(plain)
    assert len(expected) > 60  # the seed has a real structure to agree on
    assert structure(marked) == expected


@pytest.mark.parametrize("kind", sorted(MARKUP))
def test_markup_versions_give_the_same_publisher_and_date(kind: str) -> None:
    plain = read_document(SEED_TEXT)
    marked = read_document(MARKUP[kind])
    assert marked.metadata.publisher == plain.metadata.publisher == "MASSAGE Magazine"
    assert marked.metadata.date_modified == plain.metadata.date_modified == "2025-11-15"
    assert marked.metadata.publisher_span is not None
    assert marked.slice(marked.metadata.publisher_span) == "MASSAGE Magazine"


def competency_rows(graph: Graph) -> dict[str, list[tuple[str, ...]]]:
    """Every competency query's rows over the graph plus the ontology, offsets left out."""
    data = Graph()
    data += graph
    for path in sorted(ONTOLOGY.rglob("*.ttl")):
        data.parse(path, format="turtle")
    answers: dict[str, list[tuple[str, ...]]] = {}
    for query_path in sorted(QUERIES.glob("*.rq")):
        result = data.query(query_path.read_text(encoding="utf-8"))
        names = [str(v) for v in result.vars or []]
        keep = [i for i, name in enumerate(names) if name not in OFFSET_VARIABLES]
        answers[query_path.stem] = sorted(
            tuple("" if row[i] is None else row[i].n3() for i in keep)  # type: ignore[index]
            for row in result
        )
    return answers


def test_markup_versions_give_the_same_facts(tmp_path: Path) -> None:
    try:
        build_article = importlib.import_module("articlekg.api").build_article
    except (ImportError, AttributeError) as error:
        pytest.fail(f"the pipeline entry point articlekg.api.build_article is missing: {error}")
    queries = {path.stem for path in QUERIES.glob("*.rq")}
    assert queries >= EXPECTED_QUERIES, f"competency queries missing: {EXPECTED_QUERIES - queries}"
    # Same stem for every format, so that IRIs minted from the article's name agree.
    inputs = {"text": SEED_TEXT}
    for kind, fixture in MARKUP.items():
        folder = tmp_path / kind
        folder.mkdir()
        inputs[kind] = Path(shutil.copy(fixture, folder / (SEED_TEXT.stem + fixture.suffix)))
    graphs = {kind: build_article(path).graph for kind, path in inputs.items()}
    for kind, graph in graphs.items():
        # Offsets differ between formats, but each must point into the text its reader built.
        text = read_document(inputs[kind]).text
        quotes = graph.query((QUERIES / "provenance.rq").read_text(encoding="utf-8"))
        wrong = [
            (str(row.quote), int(row.start), int(row.end))
            for row in quotes
            if text[int(row.start) : int(row.end)] != str(row.quote)
        ]
        assert len(quotes) > 0 and not wrong, f"{kind}: quotes off their text: {wrong[:3]}"
    answers = {kind: competency_rows(graph) for kind, graph in graphs.items()}
    expected = answers.pop("text")
    assert expected["entities"], "the text version yields no entities: nothing to compare"
    assert expected["provenance"], "the text version yields no provenance rows"
    for kind, rows in answers.items():
        for query in sorted(expected):
            missing = sorted(set(expected[query]) - set(rows[query]))
            extra = sorted(set(rows[query]) - set(expected[query]))
            assert rows[query] == expected[query], (
                f"{kind}: {query} differs from the text version; "
                f"missing {missing[:5]}, extra {extra[:5]}"
            )


def test_markup_readers_give_the_same_documents_under_any_hash_seed() -> None:
    script = (
        "import hashlib, sys\n"
        "from pathlib import Path\n"
        "from articlekg.read import read_document\n"
        "docs = [read_document(Path(p)) for p in sys.argv[1:]]\n"
        "print(hashlib.sha256(repr(docs).encode()).hexdigest())\n"
    )
    digests = set()
    for seed in ("0", "1", "4242"):
        result = subprocess.run(
            [sys.executable, "-c", script, *(str(path) for path in MARKUP.values())],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        digests.add(result.stdout.strip())
    assert len(digests) == 1
