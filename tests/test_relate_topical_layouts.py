"""A topical map in the wider vocabulary of semantic-SEO writers, laid out in other ways
than the seed's headings: label lines with pillar and cluster pages and content groups,
Markdown headings, a table whose columns name the parts, and prose. Every page here is
written for the tests.
"""

from __future__ import annotations

from articlekg.facts import EntityRef, Facts
from articlekg.pipeline import extract
from articlekg.read.markdown import read_markdown_document
from articlekg.read.text import read_text_document


def text_facts(text: str) -> Facts:
    return extract(read_text_document(text, "article.txt", "article"))


def markdown_facts(text: str) -> Facts:
    return extract(read_markdown_document(text, "article.md", "article"))


def name(ref: EntityRef) -> str:
    return ref.concept.rsplit("/", 1)[-1] if ref.concept else ref.label


def sections(facts: Facts) -> list[tuple[str | None, str | None, list[str]]]:
    return [(s.kind, s.intent, [name(r) for r, _ in s.topics]) for s in facts.topical_sections]


def contexts(facts: Facts) -> set[tuple[str, str | None]]:
    return {(name(c.context), c.scope) for c in facts.contexts}


LABEL_LINES = (
    "Reflexology Content Plan\n"
    "Source Context: An online clinic for complementary cancer care\n"
    "Central Entity: Reflexology\n"
    "Macro Context: Integrative oncology\n"
    "Micro Context: Foot reflexology for chemotherapy nausea\n"
    "Pillar Page: Reflexology for Cancer Patients (Informational)\n"
    "Cluster Pages:\n"
    "- How reflexology sessions work (Informational)\n"
    "- Booking a reflexologist near you (Transactional)\n"
    "- Reflexology versus massage (Commercial)\n"
    "Content Group: Safety\n"
    "- When to avoid reflexology\n"
)


def test_pillar_and_cluster_pages_and_a_content_group_as_label_lines() -> None:
    facts = text_facts(LABEL_LINES)
    assert sections(facts) == [
        ("core", "Informational", ["Reflexology for Cancer Patients"]),
        ("outer", "Informational", ["How reflexology sessions work"]),
        ("outer", "Transactional", ["Booking a reflexologist near you"]),
        ("outer", "Commercial", ["Reflexology versus massage"]),
        (None, None, ["When to avoid reflexology"]),
    ]
    assert [(name(ref), role) for ref, role, _ in facts.central] == [("reflexology", "central")]


def test_source_macro_and_micro_context_as_label_lines() -> None:
    assert contexts(text_facts(LABEL_LINES)) == {
        ("online clinic for complementary cancer care", None),
        ("integrative-oncology", "macro"),
        ("Foot reflexology for chemotherapy nausea", "micro"),
    }


MARKDOWN = (
    "# Tai chi topical map\n\n"
    "## Source context\n\nA community fitness charity for older adults.\n\n"
    "## Macro context\n\n- Healthy ageing\n\n"
    "## Micro context\n\n- Fall prevention exercise\n\n"
    "## Pillar: Tai Chi for Balance — Informational\n\n"
    "- Tai chi moves for beginners\n- Evidence on tai chi and falls\n\n"
    "## Cluster: Classes and Kit — Transactional intent\n\n"
    "- Tai chi classes near me\n- Choosing tai chi shoes\n"
)


def test_a_map_as_markdown_headings() -> None:
    facts = markdown_facts(MARKDOWN)
    assert sections(facts) == [
        (
            "core",
            "Informational",
            ["Tai Chi for Balance", "Tai chi moves for beginners", "Evidence on tai chi and falls"],
        ),
        (
            "outer",
            "Transactional",
            ["Classes and Kit", "Tai chi classes near me", "Choosing tai chi shoes"],
        ),
    ]
    assert contexts(facts) == {
        ("community fitness charity for older adults", None),
        ("Healthy ageing", "macro"),
        ("Fall prevention exercise", "micro"),
    }


TABLE = (
    "# Acupressure content map\n\n"
    "| Page | Page type | Search intent | Macro context | Micro context |\n"
    "|---|---|---|---|---|\n"
    "| Acupressure for nausea | Pillar | Informational | Supportive oncology | Nausea self-care |\n"
    "| Best acupressure wristbands | Cluster | Commercial | Supportive oncology | Travel aids |\n"
    "| Buy wristbands online | Cluster | Transactional | Supportive oncology | Wristband shops |\n"
)


def test_a_map_as_table_columns() -> None:
    facts = markdown_facts(TABLE)
    assert sections(facts) == [
        ("core", "Informational", ["Acupressure for nausea"]),
        ("outer", "Commercial", ["Best acupressure wristbands"]),
        ("outer", "Transactional", ["Buy wristbands online"]),
    ]
    assert contexts(facts) == {
        ("supportive-oncology", "macro"),
        ("Nausea self-care", "micro"),
        ("Travel aids", "micro"),
        ("Wristband shops", "micro"),
    }


def test_pillar_and_cluster_columns_hold_their_topics() -> None:
    facts = markdown_facts(
        "# Yoga map\n\n| Pillar | Cluster | User intent |\n|---|---|---|\n"
        "| Yoga for fatigue | Chair yoga routines | Informational |\n"
        "| Yoga for fatigue | Yoga mats for beginners | Commercial |\n"
    )
    assert sections(facts) == [
        ("core", "Informational", ["Yoga for fatigue"]),
        ("outer", "Informational", ["Chair yoga routines"]),
        ("core", "Commercial", ["Yoga for fatigue"]),
        ("outer", "Commercial", ["Yoga mats for beginners"]),
    ]


def test_an_attribute_heading_over_list_items_with_their_links() -> None:
    facts = markdown_facts(
        "# Ginger map\n\n## Central Entity: Ginger\n\n## Entity Attributes\n\n"
        "- Dose — Ginger capsules and dosing\n- Timing — Ginger before chemotherapy\n"
    )
    assert [
        (name(a.attribute), a.link and name(a.link), a.of and name(a.of)) for a in facts.attributes
    ] == [
        ("Dose", "Ginger capsules and dosing", "ginger"),
        ("Timing", "Ginger before chemotherapy", "ginger"),
    ]


def test_a_map_stated_in_prose() -> None:
    facts = text_facts(
        "Notes on the Chemo Sleep Blog\n"
        "The source context of the site is defined as a pharmacy blog for people in cancer "
        "treatment. Its macro context remains integrative oncology, while the micro context "
        "would be hot flush relief. The primary search intent is “how to sleep better during "
        "chemotherapy”.\n"
    )
    assert contexts(facts) == {
        ("pharmacy blog for people in cancer treatment", None),
        ("integrative-oncology", "macro"),
        ("hot flush relief", "micro"),
    }
    assert sections(facts) == [(None, "how to sleep better during chemotherapy", [])]


def test_intent_words_in_ordinary_prose_are_no_map() -> None:
    facts = text_facts(
        "Shop News\nOur conversion intent, not the search intent, drives sales. "
        "The context of this change is a new law.\n"
    )
    assert facts.topical_sections == []
    assert contexts(facts) == set()


def test_a_table_of_part_and_value_rows() -> None:
    facts = markdown_facts(
        "# Massage map\n\n| Element | Value |\n|---|---|\n"
        "| Central entity | Oncology massage |\n"
        "| Source context | A spa chain that trains oncology therapists |\n"
        "| Macro context | Supportive cancer care |\n"
        "| Micro context | Massage during radiotherapy |\n"
        "| Search intent | Is massage safe during cancer treatment |\n"
    )
    assert [(name(ref), role) for ref, role, _ in facts.central][:1] == [
        ("oncology-massage", "central")
    ]
    assert contexts(facts) == {
        ("spa chain that trains oncology therapists", None),
        ("supportive-oncology", "macro"),
        ("Massage during radiotherapy", "micro"),
    }
    assert sections(facts) == [(None, "Is massage safe during cancer treatment", [])]
