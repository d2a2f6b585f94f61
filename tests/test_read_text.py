"""The plain-text reader: structure from the shape of lines, offsets into the file itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from articlekg.document import BlockKind, Document
from articlekg.errors import InputError
from articlekg.read import read_document
from articlekg.read.text import parse_date, read_text_document

NEWS = (
    "Last Updated on March 3, 2024 by Harbour Health Press\n"
    "Yoga for Fatigue After Breast Cancer\n"
    "Fatigue is common after treatment. Yoga classes are offered at many centres.\n"
    "What the Trial Found\n"
    "The trial reported two benefits:\n"
    "- Less fatigue at 8 weeks\n"
    "  - Mostly in the evening\n"
    "• Better sleep quality\n"
    "| Outcome | Change | Note |\n"
    "| --- | :---: | --- |\n"
    "| Fatigue |  -2.5 points | Week 8 |\n"
    "Design: Randomized controlled trial\n"
    "Setting: Community centre\n"
)


def read(text: str) -> Document:
    return read_text_document(text, "article.txt", "article")


def shape(document: Document) -> list[tuple[str, str]]:
    return [(b.kind.value, document.slice(b.span)) for b in document.blocks]


def test_line_shapes_become_blocks() -> None:
    document = read(NEWS)
    assert shape(document) == [
        ("meta", "Last Updated on March 3, 2024 by Harbour Health Press"),
        ("title", "Yoga for Fatigue After Breast Cancer"),
        (
            "paragraph",
            "Fatigue is common after treatment. Yoga classes are offered at many centres.",
        ),
        ("heading", "What the Trial Found"),
        ("paragraph", "The trial reported two benefits:"),
        ("list_item", "Less fatigue at 8 weeks"),
        ("list_item", "Mostly in the evening"),
        ("list_item", "Better sleep quality"),
        ("table_row", "| Outcome | Change | Note |"),
        ("meta", "| --- | :---: | --- |"),
        ("table_row", "| Fatigue |  -2.5 points | Week 8 |"),
        ("label_value", "Design: Randomized controlled trial"),
        ("label_value", "Setting: Community centre"),
    ]


def test_blocks_know_their_heading_and_list_depth() -> None:
    document = read(NEWS)
    blocks = document.blocks
    assert document.heading_text(blocks[2]) == "Yoga for Fatigue After Breast Cancer"
    for block in blocks[4:]:
        assert document.heading_text(block) == "What the Trial Found"
    assert blocks[3].heading is None
    assert [b.level for b in blocks[5:8]] == [0, 1, 0]


def test_updated_line_gives_date_and_publisher_with_its_span() -> None:
    document = read(NEWS)
    metadata = document.metadata
    assert metadata.date_modified == "2024-03-03"
    assert metadata.date_published is None
    assert metadata.publisher == "Harbour Health Press"
    assert metadata.publisher_span is not None
    assert document.slice(metadata.publisher_span) == "Harbour Health Press"
    assert metadata.title == "Yoga for Fatigue After Breast Cancer"


def test_a_posted_line_is_a_publication_date() -> None:
    document = read(
        "Posted on 4th February 2025 by Riverbank News\nTitle Of The Piece\nBody text here.\n"
    )
    assert document.metadata.date_published == "2025-02-04"
    assert document.metadata.date_modified is None
    assert document.metadata.publisher == "Riverbank News"


def test_an_updated_line_later_in_the_text_is_body_text() -> None:
    document = read("A Title\nSome body text.\nLast Updated on March 3, 2024 by Someone Else\n")
    assert document.metadata.publisher is None
    assert BlockKind.META not in {b.kind for b in document.blocks}


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("March 3, 2024", "2024-03-03"),
        ("3 March 2024", "2024-03-03"),
        ("Nov 15, 2025", "2025-11-15"),
        ("2023-07-01", "2023-07-01"),
        ("1st June 2022", "2022-06-01"),
        ("the other day", None),
    ],
)
def test_dates_in_the_usual_spellings(given: str, expected: str | None) -> None:
    assert parse_date(given) == expected


def test_table_cells_and_header_row() -> None:
    document = read(NEWS)
    header, separator, row = document.blocks[8:11]
    assert header.header_row and not row.header_row
    assert [document.slice(c) for c in header.cells] == ["Outcome", "Change", "Note"]
    assert [document.slice(c) for c in row.cells] == ["Fatigue", "-2.5 points", "Week 8"]
    assert separator.kind is BlockKind.META


def test_a_table_without_separator_has_no_header_row() -> None:
    document = read("Table Of Sessions\n| Week | Sessions |\n| 1 | 3 |\n")
    rows = [b for b in document.blocks if b.kind is BlockKind.TABLE_ROW]
    assert len(rows) == 2
    assert not any(b.header_row for b in rows)


def test_label_value_lines_are_split() -> None:
    document = read(NEWS)
    design = document.blocks[11]
    assert design.label is not None and design.value is not None
    assert document.slice(design.label) == "Design"
    assert document.slice(design.value) == "Randomized controlled trial"


def test_arm_labels_with_parentheses_are_labels() -> None:
    document = read(
        "Trial Arms\n"
        "Acupuncture Group (n=48): four 30-minute sessions\n"
        "Control Group (n=48): usual care\n"
    )
    labels = [document.slice(b.label) for b in document.blocks if b.label is not None]
    assert labels == ["Acupuncture Group (n=48)", "Control Group (n=48)"]


def test_a_sentence_with_a_colon_late_in_it_is_no_label() -> None:
    document = read(
        "Title Line\nThe researchers, working in two hospitals, found this: pain fell.\n"
    )
    assert document.blocks[1].kind is BlockKind.PARAGRAPH
    assert document.blocks[1].label is None


def test_a_question_is_a_heading_and_a_sentence_is_not() -> None:
    document = read(
        "Acupuncture for Nausea\nIntro text here.\nWhat is acupuncture?\n"
        "It uses thin needles.\nThis line ends with a full stop.\nMore text follows.\n"
    )
    assert shape(document)[2] == ("heading", "What is acupuncture?")
    assert document.blocks[4].kind is BlockKind.PARAGRAPH


def test_a_lower_case_fragment_is_not_a_heading() -> None:
    document = read("Article Title\nfollowed by a wrapped fragment\nBody text goes on here.\n")
    assert document.blocks[1].kind is BlockKind.PARAGRAPH


def test_offsets_slice_back_to_the_text_with_crlf_line_ends() -> None:
    text = NEWS.replace("\n", "\r\n")
    document = read(text)
    assert document.text == text
    assert shape(document) == shape(read(NEWS))
    for block in document.blocks:
        content = document.slice(block.span)
        assert "\r" not in content and "\n" not in content
        for span in (*block.cells, block.label, block.value):
            if span is not None:
                assert block.span.contains(span)
    assert document.metadata.publisher_span is not None
    assert document.slice(document.metadata.publisher_span) == "Harbour Health Press"


def test_offsets_count_code_points_not_bytes() -> None:
    text = "Café Notes – Déjà Vu\nSymptoms eased “quickly” for most — 70% — of people.\n"
    document = read(text)
    body = document.blocks[1]
    assert document.slice(body.span) == "Symptoms eased “quickly” for most — 70% — of people."
    assert body.span.start == len("Café Notes – Déjà Vu\n")


def test_read_document_keeps_the_exact_file_text(tmp_path: Path) -> None:
    path = tmp_path / "news.txt"
    path.write_bytes(NEWS.replace("\n", "\r\n").encode("utf-8"))
    document = read_document(path)
    assert document.text == NEWS.replace("\n", "\r\n")
    assert document.source_name == "news.txt"
    assert document.stem == "news"
    assert document.media_type == "text/plain"


def test_empty_and_undecodable_files_are_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        read_document(empty)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\xe9 au lait\n".encode("latin-1"))
    with pytest.raises(InputError, match="UTF-8"):
        read_document(latin)
    with pytest.raises(InputError, match="unsupported"):
        read_document(tmp_path / "article.pdf")


@pytest.mark.parametrize(
    "byline",
    [
        "Published on April 9, 2023 by Riverside Wellness",
        "Last Updated on 12 May 2022 by Open Health Notes",
        "Posted on January 5, 2021 by The Gentle Clinic",
    ],
)
def test_a_byline_may_follow_the_title(byline: str) -> None:
    document = read(f"Hand Massage for Anxiety\n{byline}\nHand massage is calming.\n")
    assert [b.kind for b in document.blocks] == [
        BlockKind.TITLE,
        BlockKind.META,
        BlockKind.PARAGRAPH,
    ]
    assert document.metadata.publisher == byline.rsplit(" by ", 1)[1]
    after_body = read(f"Hand Massage for Anxiety\nHand massage is calming.\n{byline}\n")
    assert after_body.metadata.publisher is None


@pytest.mark.parametrize(
    "title",
    [
        "Tai chi for balance in older women: a randomized trial",
        "Humming and sinus pain: A crossover study",
        "Aromatherapy before biopsy (a pilot): results of a feasibility study",
    ],
)
def test_a_title_with_a_subtitle_over_label_lines_is_the_title(title: str) -> None:
    document = read(f"{title}\nBackground: Falls are common.\nMethods: Eighty women took part.\n")
    assert shape(document)[0] == ("title", title)
    assert [b.kind for b in document.blocks[1:]] == [BlockKind.LABEL_VALUE] * 2


def test_a_fact_sheet_still_opens_with_a_label_line() -> None:
    document = read("Design: Pilot study\nSetting: Two clinics\nSample: 20 adults\n")
    assert [b.kind for b in document.blocks] == [BlockKind.LABEL_VALUE] * 3


@pytest.mark.parametrize(
    "line",
    [
        "2020 Mar 3;15(2):101-9. doi: 10.1000/abc",
        "PMID: 32123456",
        "Nurs Res. 2011;60(4):250-7",
    ],
)
def test_a_source_line_is_not_a_heading(line: str) -> None:
    document = read(f"Reflexology for constipation in children: a pilot trial\n{line}\nText.\n")
    assert document.blocks[1].kind is not BlockKind.HEADING


@pytest.mark.parametrize(
    "lines",
    [
        "Abstract\nBackground\nFalls are common.\n",
        "Summary\nObjective\nTo test tai chi.\n",
        "Plain language summary\nReview question\nWe asked whether tai chi helps.\n",
    ],
)
def test_a_title_may_stand_over_a_heading_over_a_heading(lines: str) -> None:
    title = "Tai chi for falls in older people: a randomized trial"
    document = read(f"{title}\n{lines}")
    assert shape(document)[0] == ("title", title)
    assert [b.kind for b in document.blocks[1:3]] == [BlockKind.HEADING, BlockKind.HEADING]
