"""Plain-text files that carry Markdown: sniffed, read as Markdown, offsets into the file."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from articlekg import api
from articlekg.cli import main
from articlekg.document import BlockKind, Document, Span
from articlekg.read import choose_reader, read_document
from articlekg.read.marked import read_marked_text_document
from articlekg.read.sniff import sniff_format
from articlekg.read.text import read_text_document
from articlekg.read.visible import visible
from articlekg.sections import find_sections

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).parent))


def read(text: str) -> Document:
    return read_marked_text_document(text, "page.txt", "page")


def blocks(document: Document) -> list[tuple[str, int, str, str | None]]:
    return [
        (
            b.kind.value,
            b.level,
            document.slice(b.span),
            document.slice(b.label) if b.label is not None else None,
        )
        for b in document.blocks
    ]


@pytest.mark.parametrize(
    "text",
    [
        "## Why people try reiki\nSome say it calms them.\n## What we know\nLittle.\n",
        "**Aim:** To see whether walking helps.\n**Sample:** 40 nurses on night shifts.\n",
        "Read the [full guide](https://example.org/guide).\n"
        "Or the [summary](https://example.org/summary).\nThen ask your nurse.\n",
        "Ginger and nausea\n=================\n\n```\nnote\n```\n",
    ],
)
def test_markdown_in_a_text_file_is_sniffed(text: str) -> None:
    assert sniff_format(text) == "markdown"


@pytest.mark.parametrize(
    "text",
    [
        "Cold showers\n# of visits fell by a third in winter.\nMost people felt fine.\n",
        "Tips\n* drink water\n* rest well\n- walk daily\n",
        "**Note:** this page is about sleep.\nSleep matters for recovery.\n",
        "Massage helps some people. 3 * 4 sessions were offered.\n",
    ],
)
def test_plain_text_stays_plain(text: str) -> None:
    assert sniff_format(text) == "text"


def test_a_saved_web_page_is_sniffed_as_html() -> None:
    assert sniff_format("\ufeff<!DOCTYPE html>\n<html><body><p>Hi</p></body></html>") == "html"
    assert sniff_format("<!-- saved -->\n<HTML><p>Hi</p></HTML>") == "html"


def test_headings_bold_labels_and_bullets_keep_offsets_into_the_file() -> None:
    text = (
        "# Walking after surgery: a pilot trial\r\n"
        "\r\n"
        "## Methods\r\n"
        "**Design:** A single-arm pilot study.\r\n"
        "**Participants**: 30 adults after hip surgery.\r\n"
        "\r\n"
        "* Daily 15-minute walks\r\n"
        "* A step counter\r\n"
        "1. first week\r\n"
    )
    document = read(text)
    assert document.text == text
    assert blocks(document) == [
        ("title", 1, "Walking after surgery: a pilot trial", None),
        ("heading", 2, "Methods", None),
        ("label_value", 0, "Design:** A single-arm pilot study.", "Design"),
        ("label_value", 0, "Participants**: 30 adults after hip surgery.", "Participants"),
        ("list_item", 0, "Daily 15-minute walks", None),
        ("list_item", 0, "A step counter", None),
        ("list_item", 0, "first week", None),
    ]
    values = [document.slice(b.value) for b in document.blocks if b.value is not None]
    assert values == ["A single-arm pilot study.", "30 adults after hip surgery."]
    assert document.metadata.title == "Walking after surgery: a pilot trial"


def test_a_bold_line_over_its_text_is_a_heading_nested_under_the_last_one() -> None:
    text = (
        "## Summary of the evidence\n"
        "**Purpose**\n"
        "To learn whether tai chi eases knee pain.\n"
        "\n"
        "__Who took part__\n"
        "Sixty-four older adults.\n"
    )
    document = read(text)
    assert blocks(document) == [
        ("heading", 2, "Summary of the evidence", None),
        ("heading", 3, "Purpose", None),
        ("paragraph", 0, "To learn whether tai chi eases knee pain.", None),
        ("heading", 3, "Who took part", None),
        ("paragraph", 0, "Sixty-four older adults.", None),
    ]
    sections = find_sections(document)
    assert sorted(sections.within[2]) == ["purpose"]
    assert sorted(sections.within[4]) == ["participants"]


def test_a_wrapped_paragraph_is_one_block_and_a_bold_label_starts_a_new_one() -> None:
    text = (
        "Reflexology is a foot\n"
        "massage. It is gentle.\n"
        "**Setting:** two community\n"
        "clinics in Leeds\n"
    )
    document = read(text)
    kinds = [(b.kind, document.slice(b.span)) for b in document.blocks]
    assert kinds == [
        (BlockKind.PARAGRAPH, "Reflexology is a foot\nmassage. It is gentle."),
        (BlockKind.LABEL_VALUE, "Setting:** two community\nclinics in Leeds"),
    ]
    setting = document.blocks[1]
    assert setting.value is not None
    assert document.slice(setting.value) == "two community\nclinics in Leeds"


def test_front_matter_byline_with_a_link_and_shape_headings() -> None:
    text = (
        "---\n"
        "title: Breathing exercises\n"
        "---\n"
        "*Updated on May 3, 2024 by [Calm Lungs Trust](https://example.org/about)*\n"
        "\n"
        "Why breathing matters\n"
        "\n"
        "Slow breathing can ease breathlessness.\n"
        "\n"
        "## How to start\n"
        "Sit upright.\n"
    )
    document = read(text)
    assert document.metadata.title == "Breathing exercises"
    assert document.metadata.publisher == "Calm Lungs Trust"
    assert document.metadata.date_modified == "2024-05-03"
    span = document.metadata.publisher_span
    assert span is not None and document.slice(span) == "Calm Lungs Trust"
    assert blocks(document)[1:] == [
        ("title", 0, "Why breathing matters", None),
        ("paragraph", 0, "Slow breathing can ease breathlessness.", None),
        ("heading", 2, "How to start", None),
        ("paragraph", 0, "Sit upright.", None),
    ]


def test_tables_quotes_and_code_keep_their_lines() -> None:
    text = (
        "## Doses\n"
        "| Form | Dose |\n"
        "|---|---|\n"
        "| Tea | 1 cup |\n"
        "> Ginger tea may settle the stomach.\n"
        "\n"
        "    plain code line\n"
    )
    document = read(text)
    assert blocks(document) == [
        ("heading", 2, "Doses", None),
        ("table_row", 0, "| Form | Dose |", None),
        ("meta", 0, "|---|---|", None),
        ("table_row", 0, "| Tea | 1 cup |", None),
        ("paragraph", 0, "Ginger tea may settle the stomach.", None),
        ("paragraph", 0, "plain code line", None),
    ]
    assert document.blocks[1].header_row


def test_what_a_line_shows_maps_back_to_the_file() -> None:
    text = "See **the [trial](https://x.org/t)** and snake_case \\*stars\\*."
    shown = visible(text, Span(0, len(text)))
    assert shown.text == "See the trial and snake_case *stars*."
    where = shown.text.index("trial")
    assert text[shown.span(where, where + 5).start :].startswith("trial](")


def test_input_format_overrides_the_sniffer(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("# Yoga for back pain\n**Design:** a pilot study.\n", encoding="utf-8")
    assert read_document(page).blocks[0].kind is BlockKind.TITLE
    as_text = read_document(page, input_format="text")
    assert as_text.slice(as_text.blocks[0].span) == "# Yoga for back pain"
    plain = tmp_path / "plain.md"
    plain.write_text("Yoga\n\nStretch **gently**.\n", encoding="utf-8")
    assert read_document(plain, input_format="text").text == "Yoga\n\nStretch **gently**.\n"
    other = tmp_path / "notes.article"
    other.write_text("# Qigong\nSlow movements.\n", encoding="utf-8")
    assert read_document(other, input_format="markdown").blocks[0].kind is BlockKind.TITLE
    assert choose_reader("## A\nB\n## C\nD\n", ".txt") is read_marked_text_document
    assert choose_reader("## A\nB\n## C\nD\n", ".txt", "text") is read_text_document


def test_the_cli_passes_the_input_format(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(
        "## Acupressure for nausea\nPressing the wrist point may ease nausea.\n"
        "## Safety\nIt is safe for most people.\n",
        encoding="utf-8",
    )
    for chosen in ("auto", "text", "markdown"):
        out = tmp_path / chosen
        result = CliRunner().invoke(
            main, ["build", str(page), "-o", str(out), "-f", "turtle", "--input-format", chosen]
        )
        assert result.exit_code == 0, result.output
        assert (out / "page.ttl").is_file()
    refused = CliRunner().invoke(
        main, ["build", str(page), "-o", str(tmp_path / "x"), "--input-format", "pdf"]
    )
    assert refused.exit_code != 0


def test_the_seed_markdown_saved_as_text_gives_the_markdown_facts(tmp_path: Path) -> None:
    """Quotes differ (the file keeps its markup and line breaks); every other answer agrees."""
    from test_read_formats_agree import SEED_TEXT, competency_rows

    folders = {kind: tmp_path / kind for kind in ("md", "txt")}
    for kind, folder in folders.items():
        folder.mkdir()
        shutil.copy(ROOT / "tests" / "fixtures" / "seed.md", folder / f"{SEED_TEXT.stem}.{kind}")
    graphs = {
        kind: api.build_article(folder / f"{SEED_TEXT.stem}.{kind}")
        for kind, folder in folders.items()
    }
    source = (folders["txt"] / f"{SEED_TEXT.stem}.txt").read_text(encoding="utf-8")
    answers = {kind: competency_rows(graph.graph) for kind, graph in graphs.items()}
    provenance = answers["txt"].pop("provenance")
    answers["md"].pop("provenance")
    assert provenance
    assert answers["txt"] == answers["md"]
    quotes = graphs["txt"].graph.query(
        (ROOT / "ontology" / "queries" / "provenance.rq").read_text(encoding="utf-8")
    )
    for row in quotes:
        assert source[int(row.start) : int(row.end)] == str(row.quote)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Why sleep matters\n\nSleep helps recovery.\n\n## Tips\nKeep a routine.\n",
            [
                ("title", "Why sleep matters"),
                ("paragraph", "Sleep helps recovery."),
                ("heading", "Tips"),
                ("paragraph", "Keep a routine."),
            ],
        ),
        (
            "## Overview\nSome text.\n\nWhat to expect\n\nA calm room.\n",
            [
                ("heading", "Overview"),
                ("paragraph", "Some text."),
                ("heading", "What to expect"),
                ("paragraph", "A calm room."),
            ],
        ),
        (
            "Ginger for nausea\n\n## Summary\nIt may help.\n",
            [("title", "Ginger for nausea"), ("heading", "Summary"), ("paragraph", "It may help.")],
        ),
    ],
)
def test_headings_written_without_markup_are_found_by_their_shape(
    text: str, expected: list[tuple[str, str]]
) -> None:
    document = read(text)
    assert [(b.kind.value, document.slice(b.span)) for b in document.blocks] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "**About**\nTai chi is slow.\nWho can try it\nMost adults can. Ask first.\n",
            [
                ("heading", "About"),
                ("paragraph", "Tai chi is slow."),
                ("heading", "Who can try it"),
                ("paragraph", "Most adults can. Ask first."),
            ],
        ),
        (
            "## Tips\nDrink water before a session.\nRest afterwards.\n",
            [
                ("heading", "Tips"),
                ("paragraph", "Drink water before a session."),
                ("paragraph", "Rest afterwards."),
            ],
        ),
        (
            "## Tips\nDrink water before a session and\nrest afterwards with\nyour feet up.\n",
            [
                ("heading", "Tips"),
                (
                    "paragraph",
                    "Drink water before a session and\nrest afterwards with\nyour feet up.",
                ),
            ],
        ),
    ],
)
def test_a_file_with_one_line_per_paragraph_keeps_its_lines_apart(
    text: str, expected: list[tuple[str, str]]
) -> None:
    document = read(text)
    assert [(b.kind.value, document.slice(b.span)) for b in document.blocks] == expected
