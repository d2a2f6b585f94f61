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
