"""Whole articles of the kinds users bring, written for the tests (not from the eval set):
a structured trial abstract and a news item on a trial."""

from __future__ import annotations

from pathlib import Path

from articlekg.facts import EntityRef, Facts
from articlekg.pipeline import extract
from articlekg.read import read_document

KINDS = Path(__file__).parent / "fixtures" / "kinds"


def facts_of(name: str) -> Facts:
    return extract(read_document(KINDS / name))


def name(ref: EntityRef | None) -> str | None:
    if ref is None:
        return None
    return ref.concept.rsplit("/", 1)[-1] if ref.concept else ref.label


def test_structured_abstract() -> None:
    facts = facts_of("reflexology-abstract.txt")
    (study,) = facts.studies
    assert study.title is not None and study.title.startswith("Reflexology for chemotherapy")
    assert (name(study.design), name(study.journal), study.year) == (
        "randomized-controlled-trial",
        "supportive-care-in-cancer",
        2021,
    )
    assert (study.sample_size, study.min_age, study.max_age, study.location) == (
        60,
        38,
        72,
        "Seoul, Korea",
    )
    arms = {
        (name(a.intervention), a.role, a.size, a.sessions, a.session_minutes) for a in study.arms
    }
    assert arms == {
        ("reflexology", "intervention", 30, 8, 40.0),
        ("usual-care", "control", 30, None, None),
    }
    effects = {
        (name(f.intervention), f.effect, name(f.outcome), f.significant) for f in facts.findings
    }
    assert ("reflexology", "noEffect", "fatigue", False) in effects
    assert ("reflexology", "improves", "quality-of-life", True) in effects
    # the Purpose line states an aim: "reduces neuropathic symptoms" is not a result of it
    purpose = [
        f for f in facts.findings if any("To assess whether" in extract_text(s) for s in f.evidence)
    ]
    assert purpose == []


def extract_text(span: object) -> str:
    text = (KINDS / "reflexology-abstract.txt").read_text(encoding="utf-8")
    return text[span.start : span.end]  # type: ignore[attr-defined]


def test_news_on_a_trial() -> None:
    facts = facts_of("tai-chi-news.txt")
    (study,) = facts.studies
    assert (name(study.journal), study.year, study.sample_size, study.min_age, study.max_age) == (
        "journal-of-clinical-oncology",
        2017,
        90,
        42,
        83,
    )
    assert {name(a.intervention) for a in study.arms} == {
        "tai-chi",
        "cognitive-behavioural-therapy-for-insomnia",
    }
    sleep = [f for f in facts.findings if name(f.outcome) == "sleep-quality"]
    assert {name(f.intervention) for f in sleep} == {
        "tai-chi",
        "cognitive-behavioural-therapy-for-insomnia",
    }
    assert all(
        f.duration is not None and (f.duration.low, f.duration.unit) == (15, "month") for f in sleep
    )
    stats = [
        (name(s.subject), s.measure, s.low, s.high, name(s.population)) for s in facts.statistics
    ]
    assert ("insomnia", "prevalence", None, 60.0, "breast cancer survivors") in stats
    advice = {(r.text, r.kind) for r in facts.recommendations}
    assert ("Avoid strenuous movements if you have lymphedema", "precaution") in advice


def test_semantic_seo_page() -> None:
    facts = facts_of("music-therapy-seo.txt")
    roles = {(name(ref), role) for ref, role, _ in facts.central}
    assert roles == {("music-therapy", "central"), ("Cancer-Related Anxiety", "supporting")}
    assert {(a.attribute.label, name(a.link)) for a in facts.attributes} == {
        ("Anxiety relief", "Pre-procedure anxiety in oncology"),
        ("Session format", "Live versus recorded music"),
    }
    sections = {
        (s.kind, s.intent, tuple(name(t) for t, _ in s.topics)) for s in facts.topical_sections
    }
    assert (
        "core",
        "music therapy for anxiety in cancer",
        ("Cancer-Related Anxiety", "Live music sessions"),
    ) in sections
    assert ("outer", None, ("Music and sleep", "Caregiver wellbeing")) in sections
    (study,) = facts.studies
    assert (name(study.design), study.year) == ("cochrane-review", 2021)
    hedged = {(name(f.outcome), f.hedged) for f in facts.findings if f.effect == "reduces"}
    assert hedged == {("anxiety", True), ("pain", True)}
    assert {(r.text, r.kind) for r in facts.recommendations} == {
        ("Ask your care team whether a board-certified music therapist is available", "practice"),
        ("Avoid loud music after head and neck surgery", "precaution"),
    }


def test_evidence_summary() -> None:
    facts = facts_of("ginger-evidence.txt")
    assert facts.studies == []  # "five randomized trials" is a body of evidence, not a study
    findings = {
        (name(f.outcome), f.effect, f.significant, f.hedged, f.claim_type) for f in facts.findings
    }
    assert ("acute nausea", "noEffect", False, False, "evidenceSummary") in {
        (o.replace("-", " ") if o else o, e, s, h, c) for o, e, s, h, c in findings
    }
    assert any(
        outcome and "delayed" in outcome and hedged and effect == "reduces"
        for outcome, effect, _, hedged, _ in findings
    )
    stats = [(s.subject.label, s.low, s.high, name(s.population)) for s in facts.statistics]
    assert ("mild heartburn", 5.0, 5.0, "participants") in stats
    assert [r.kind for r in facts.recommendations] == ["practice"]
