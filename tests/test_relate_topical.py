"""Semantic-SEO structure: central and supporting entity, attribute table with contextual
links, core and outer sections with search intent, macro and micro contexts; and what an
article without a topical map is about.
"""

from __future__ import annotations

from articlekg.facts import EntityRef, Facts
from articlekg.pipeline import extract
from articlekg.read.text import read_text_document

SEO = (
    "Reflexology for Chemotherapy Nausea\n"
    "Reflexology is a gentle touch therapy offered in many cancer centres.\n"
    "Central Entity: Reflexology\n"
    "This page links the reflexology node to the wider oncology topics below.\n"
    "| Attribute | Contextual Link | Priority |\n"
    "| --- | --- | --- |\n"
    "| Session length | Reflexology session planning | High |\n"
    "| Foot pressure points | Reflexology charts | Medium |\n"
    "Supporting Entity: Chemotherapy-induced nausea\n"
    "- Appears in 40–70% of patients receiving chemotherapy\n"
    "The macro context is integrative oncology and the micro context is nausea control.\n"
    "Core Section (Search Intent: Informational)\n"
    "- How reflexology eases nausea\n"
    "- Evidence from clinical trials\n"
    "Outer Section (Search Intent: Commercial)\n"
    "- Finding a reflexologist\n"
)


def facts_of(text: str) -> Facts:
    return extract(read_text_document(text, "article.txt", "article"))


def name(ref: EntityRef | None) -> str | None:
    if ref is None:
        return None
    return ref.concept.rsplit("/", 1)[-1] if ref.concept else ref.label


def test_central_and_supporting_entity_from_headings() -> None:
    facts = facts_of(SEO)
    roles = [
        (name(ref), role, SEO[span.start : span.end] if span else None)
        for ref, role, span in facts.central
    ]
    assert roles[0] == ("reflexology", "central", "Reflexology")
    assert [r[1:] for r in roles[1:]] == [("supporting", "Chemotherapy-induced nausea")]
    assert roles[1][0] is not None


def test_attribute_table_rows_with_contextual_links_and_notes() -> None:
    facts = facts_of(SEO)
    rows = [(name(a.attribute), name(a.link), name(a.of), a.note) for a in facts.attributes]
    assert rows == [
        ("Session length", "Reflexology session planning", "reflexology", "Priority: High"),
        ("Foot pressure points", "Reflexology charts", "reflexology", "Priority: Medium"),
    ]
    attribute = facts.attributes[0]
    assert [SEO[s.start : s.end] for s in attribute.evidence] == [
        "| Session length | Reflexology session planning | High |"
    ]
    assert "Attribute" in facts.entities[attribute.attribute.key][1]
    assert attribute.link is not None
    assert "Topic" in facts.entities[attribute.link.key][1]


def test_core_and_outer_sections_with_intent_and_topics() -> None:
    facts = facts_of(SEO)
    sections = [
        (s.kind, s.intent, [name(ref) for ref, _ in s.topics]) for s in facts.topical_sections
    ]
    assert sections == [
        (
            "core",
            "Informational",
            ["How reflexology eases nausea", "Evidence from clinical trials"],
        ),
        ("outer", "Commercial", ["Finding a reflexologist"]),
    ]
    for section in facts.topical_sections:
        for _, span in section.topics:
            assert "- " + SEO[span.start : span.end] in SEO.splitlines()[12:]


def test_topics_in_a_map_are_not_claims() -> None:
    facts = facts_of(SEO)
    assert not any(
        name(f.outcome) == "nausea"
        and f.effect == "reduces"
        and SEO[f.evidence[0].start : f.evidence[0].end].startswith("How")
        for f in facts.findings
    )


def test_macro_and_micro_context() -> None:
    facts = facts_of(SEO)
    scoped = sorted((name(c.context), c.scope) for c in facts.contexts if c.scope)
    assert scoped == [("integrative-oncology", "macro"), ("nausea control", "micro")]


def test_contexts_listed_after_a_lead_in_and_a_setting_line() -> None:
    facts = facts_of(
        "Reflexology Services\n"
        "It serves several contexts including:\n"
        "- Hospital outpatient care\n"
        "- Home self-care\n"
        "Setting: Oncology day unit\n"
    )
    labels = {c.context.label for c in facts.contexts}
    assert {"Hospital outpatient care", "Home self-care", "Oncology day unit"} <= labels


def test_entity_expressed_with_attributes_in_prose() -> None:
    facts = facts_of(
        "Reflexology Notes\n"
        "The central entity is expressed as Reflexology {pressure, duration, foot map}.\n"
    )
    assert [(name(a.attribute), name(a.of)) for a in facts.attributes] == [
        ("pressure", "reflexology"),
        ("duration", "reflexology"),
        ("foot map", "reflexology"),
    ]
    assert next((name(ref), role) for ref, role, _ in facts.central) == ("reflexology", "central")


def test_without_a_map_the_most_named_intervention_is_central() -> None:
    facts = facts_of(
        "Acupuncture and Nausea\n"
        "Acupuncture may ease nausea. Some people also try ginger. Acupuncture is safe.\n"
        "Nausea after chemotherapy is common.\n"
    )
    roles = [(name(ref), role, span) for ref, role, span in facts.central]
    assert roles[0] == ("acupuncture", "central", None)
    assert [role for _, role, _ in roles].count("central") == 1
