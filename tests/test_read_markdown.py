"""The Markdown reader: structure from markup, plain text with offsets, front matter."""

from __future__ import annotations

from pathlib import Path

import pytest

from articlekg.document import BlockKind, Document
from articlekg.errors import InputError
from articlekg.read import read_document
from articlekg.read.markdown import read_markdown_document


def read(source: str) -> Document:
    return read_markdown_document(source, "article.md", "article")


def shape(document: Document) -> list[tuple[str, int, str]]:
    return [(b.kind.value, b.level, document.slice(b.span)) for b in document.blocks]


def test_headings_keep_levels_and_the_first_h1_is_the_title() -> None:
    document = read("# Massage and pain\n\nIntro text.\n\n## Methods\n\n### Arms\n\n# Later h1\n")
    assert shape(document) == [
        ("title", 1, "Massage and pain"),
        ("paragraph", 0, "Intro text."),
        ("heading", 2, "Methods"),
        ("heading", 3, "Arms"),
        ("heading", 1, "Later h1"),
    ]
    assert document.metadata.title == "Massage and pain"
    assert document.text == "Massage and pain\nIntro text.\nMethods\nArms\nLater h1"
    methods = document.blocks[2]
    assert document.heading_text(document.blocks[1]) == "Massage and pain"
    assert methods.heading is None
    assert document.heading_text(document.blocks[3]) is None


def test_an_h1_after_body_text_is_a_heading_not_the_title() -> None:
    document = read("Some words first.\n\n# Section\n")
    assert [b.kind for b in document.blocks] == [BlockKind.PARAGRAPH, BlockKind.HEADING]
    assert document.metadata.title is None


def test_nested_and_ordered_lists_keep_depth_and_spans_cover_item_text_only() -> None:
    source = (
        "Intro:\n\n- Pain\n  - Bone pain\n    - Deep\n- Mood\n\n3. Third step\n4. Fourth step\n"
    )
    document = read(source)
    assert shape(document) == [
        ("paragraph", 0, "Intro:"),
        ("list_item", 0, "Pain"),
        ("list_item", 1, "Bone pain"),
        ("list_item", 2, "Deep"),
        ("list_item", 0, "Mood"),
        ("list_item", 0, "Third step"),
        ("list_item", 0, "Fourth step"),
    ]
    assert document.text.splitlines() == [
        "Intro:",
        "- Pain",
        "  - Bone pain",
        "    - Deep",
        "- Mood",
        "3. Third step",
        "4. Fourth step",
    ]


def test_loose_list_items_with_two_paragraphs() -> None:
    document = read("- First item\n\n  More about it.\n\n- Second item\n")
    assert shape(document) == [
        ("list_item", 0, "First item"),
        ("paragraph", 0, "More about it."),
        ("list_item", 0, "Second item"),
    ]


def test_tables_become_pipe_rows_with_a_separator_after_the_header() -> None:
    source = (
        "| Group | Pain score |\n|:------|-----------:|\n| **Massage** | 3.1 |\n"
        "| Control \\| usual care | 4.5 |\n"
    )
    document = read(source)
    assert document.text.splitlines() == [
        "| Group | Pain score |",
        "|---|---|",
        "| Massage | 3.1 |",
        "| Control ¦ usual care | 4.5 |",
    ]
    header, separator, first, second = document.blocks
    assert header.kind is BlockKind.TABLE_ROW and header.header_row
    assert separator.kind is BlockKind.META
    assert not first.header_row
    assert [document.slice(c) for c in header.cells] == ["Group", "Pain score"]
    # A "|" inside a cell must not split it into two cells when rows are read back.
    assert [document.slice(c) for c in second.cells] == ["Control ¦ usual care", "4.5"]


def test_links_keep_their_text_and_markup_and_images_disappear() -> None:
    source = (
        'See [the trial](https://example.org/t "title") and <https://example.org/x>, '
        "`code`, **bold**, _em_ and ~~old~~ text. ![a chart](chart.png) &amp; more.\n"
    )
    document = read(source)
    assert document.text == (
        "See the trial and https://example.org/x, code, bold, em and old text. & more."
    )


def test_soft_breaks_join_and_hard_breaks_split_lines() -> None:
    document = read("One sentence\nwrapped here.\n\nAddress line\\\nSample size: 72\n")
    assert shape(document) == [
        ("paragraph", 0, "One sentence wrapped here."),
        ("paragraph", 0, "Address line"),
        ("label_value", 0, "Sample size: 72"),
    ]
    block = document.blocks[2]
    assert block.label is not None and block.value is not None
    assert document.slice(block.label) == "Sample size"
    assert document.slice(block.value) == "72"


def test_whitespace_and_invisible_characters_are_normalised() -> None:
    document = read("Massage\u00a0therapy  eased mas\u00adsage\u200b pain.\n")
    assert document.text == "Massage therapy eased massage pain."


def test_yaml_front_matter_gives_metadata_and_no_text() -> None:
    source = (
        "---\n"
        "title: 'Yoga and sleep: a trial'\n"
        "date: 2024-03-01\n"
        "lastmod: 2024-05-02T10:00:00+02:00\n"
        "authors:\n  - Jane Doe\n  - name: John Roe\n"
        "publisher: {name: Cancer News}\n"
        "canonical_url: https://example.org/yoga\n"
        "---\n\n"
        "Body text names Cancer News once.\n"
    )
    document = read(source)
    metadata = document.metadata
    assert metadata.title == "Yoga and sleep: a trial"
    assert metadata.date_published == "2024-03-01"
    assert metadata.date_modified == "2024-05-02"
    assert metadata.authors == ("Jane Doe", "John Roe")
    assert metadata.publisher == "Cancer News"
    assert metadata.url == "https://example.org/yoga"
    assert document.text == "Body text names Cancer News once."
    assert metadata.publisher_span is not None
    assert document.slice(metadata.publisher_span) == "Cancer News"


def test_toml_front_matter() -> None:
    source = '+++\ntitle = "Acupuncture"\ndate = 2023-01-09\nauthor = "A. Writer"\n+++\nText.\n'
    metadata = read(source).metadata
    assert (metadata.title, metadata.date_published, metadata.authors) == (
        "Acupuncture",
        "2023-01-09",
        ("A. Writer",),
    )


def test_a_leading_rule_that_is_not_front_matter_is_left_to_the_parser() -> None:
    document = read("---\nJust a sentence.\n---\nMore.\n")
    assert document.metadata.title is None
    # "Just a sentence." followed by "---" is a setext heading in CommonMark.
    assert shape(document) == [("heading", 2, "Just a sentence."), ("paragraph", 0, "More.")]


def test_byline_is_metadata_and_names_the_publisher() -> None:
    document = read("# Title\n\n*Last Updated on November 15, 2025 by MASSAGE Magazine*\n\nBody.\n")
    assert [b.kind for b in document.blocks] == [
        BlockKind.TITLE,
        BlockKind.META,
        BlockKind.PARAGRAPH,
    ]
    metadata = document.metadata
    assert metadata.date_modified == "2025-11-15"
    assert metadata.publisher == "MASSAGE Magazine"
    assert metadata.publisher_span is not None
    assert document.slice(metadata.publisher_span) == "MASSAGE Magazine"


def test_front_matter_wins_over_a_byline_and_the_span_follows_the_publisher() -> None:
    source = (
        "---\npublisher: Health Weekly\n---\n"
        "Published on March 3, 2024 by Dr Ann Lee\n\nHealth Weekly reports a trial.\n"
    )
    document = read(source)
    assert document.metadata.publisher == "Health Weekly"
    assert document.metadata.date_published == "2024-03-03"
    assert document.metadata.publisher_span is not None
    assert document.slice(document.metadata.publisher_span) == "Health Weekly"
    assert document.metadata.publisher_span.start > document.text.index("Dr Ann Lee")


def test_code_blocks_and_quotes_keep_their_words() -> None:
    document = read("> Quoted advice here.\n\n```\nline one\nline two\n```\n")
    assert shape(document) == [
        ("paragraph", 0, "Quoted advice here."),
        ("paragraph", 0, "line one"),
        ("paragraph", 0, "line two"),
    ]


def test_spans_index_the_text_the_tool_read() -> None:
    document = read_document(Path(__file__).parent / "fixtures" / "seed.md")
    assert document.media_type == "text/markdown"
    assert document.source_name == "seed.md"
    for block in document.blocks:
        assert 0 <= block.span.start < block.span.end <= len(document.text)
        content = document.slice(block.span)
        assert content == content.strip() and "\n" not in content
    assert "**" not in document.text and "](" not in document.text


def test_read_document_picks_the_markdown_reader_by_suffix(tmp_path: Path) -> None:
    for suffix in (".md", ".markdown", ".MD"):
        path = tmp_path / f"a{suffix}"
        path.write_text("## Heading\n\nText.\n", encoding="utf-8")
        document = read_document(path)
        assert document.media_type == "text/markdown"
        assert document.blocks[0].kind is BlockKind.HEADING


def test_empty_and_markup_only_files_are_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        read_document(empty)
    only_front_matter = tmp_path / "front.md"
    only_front_matter.write_text("---\ntitle: X\n---\n\n<!-- nothing -->\n", encoding="utf-8")
    with pytest.raises(InputError, match="no article text"):
        read_document(only_front_matter)


def test_output_is_the_same_on_every_read() -> None:
    source = (Path(__file__).parent / "fixtures" / "seed.md").read_text(encoding="utf-8")
    first, second = read(source), read(source)
    assert first == second


def test_raw_html_blocks_keep_their_structure_but_not_scripts() -> None:
    source = (
        '## Results\n\n<div class="table-wrap">\n<table>\n'
        "<thead><tr><th>Outcome</th><th>Massage</th></tr></thead>\n"
        "<tbody><tr><td>Pain<br>score</td><td><b>-1.87</b></td></tr></tbody>\n</table>\n</div>\n\n"
        "<script>alert('no')</script>\n\n<!-- a note -->\n\n"
        "<p>A <em>raw</em> paragraph.</p><ul><li>one</li><li>two</li></ul>\n\nText after.\n"
    )
    assert shape(read(source)) == [
        ("heading", 2, "Results"),
        ("table_row", 0, "| Outcome | Massage |"),
        ("meta", 0, "|---|---|"),
        ("table_row", 0, "| Pain score | -1.87 |"),
        ("paragraph", 0, "A raw paragraph."),
        ("list_item", 0, "one"),
        ("list_item", 0, "two"),
        ("paragraph", 0, "Text after."),
    ]


def test_raw_html_declaring_entities_is_refused() -> None:
    with pytest.raises(InputError, match="entit"):
        read('<p>Text <!ENTITY x "y"></p>\n')


def test_consecutive_label_value_lines_stay_a_fact_sheet() -> None:
    document = read("Design: RCT\nSetting: 15 hospices\n\nDesign: RCT of\nmassage in hospices.\n")
    assert shape(document) == [
        ("label_value", 0, "Design: RCT"),
        ("label_value", 0, "Setting: 15 hospices"),
        ("label_value", 0, "Design: RCT of massage in hospices."),
    ]


def test_yaml_alias_bombs_in_front_matter_stay_small() -> None:
    levels = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        levels.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    source = "---\n" + "\n".join(levels) + "\nauthor: *i\ntitle: *i\n---\nText.\n"
    document = read(source)  # 9**9 strings if expanded; must return at once
    assert document.metadata.authors == ()
    assert document.metadata.title is None
    assert document.text == "Text."


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "## Summary\n\n**Purpose**\nTo see whether humming eases sinus pain.\n",
            [
                ("heading", 2, "Summary"),
                ("heading", 3, "Purpose"),
                ("paragraph", 0, "To see whether humming eases sinus pain."),
            ],
        ),
        (
            "**Who took part:**\n42 adults with sinusitis.\n",
            [("heading", 2, "Who took part"), ("paragraph", 0, "42 adults with sinusitis.")],
        ),
        (
            "Cold water may help.\n**What we found**\nLess soreness after\nexercise.\n",
            [
                ("paragraph", 0, "Cold water may help."),
                ("heading", 2, "What we found"),
                ("paragraph", 0, "Less soreness after exercise."),
            ],
        ),
    ],
)
def test_a_line_bold_alone_is_a_heading(source: str, expected: list[tuple[str, int, str]]) -> None:
    assert shape(read(source)) == expected


def test_bold_inside_a_line_stays_text() -> None:
    assert shape(read("Yoga is **gentle** and\n**safe** for most.\n")) == [
        ("paragraph", 0, "Yoga is gentle and safe for most.")
    ]
