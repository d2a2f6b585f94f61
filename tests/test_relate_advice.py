"""Practice advice and precautions read from the parse: imperatives, modals of advice,
"it is advisable to", passives of recommending and offering, statements of harm or
unsuitability, endorsements, and lead-ins that govern their list items. Texts written for
the tests; none comes from the dev set.
"""

from __future__ import annotations

import pytest

from articlekg.facts import Facts
from articlekg.pipeline import extract
from articlekg.read.text import read_text_document


def facts_of(text: str) -> Facts:
    return extract(read_text_document(text, "article.txt", "article"))


def advice(text: str) -> set[tuple[str, str]]:
    return {(r.text, r.kind) for r in facts_of(text).recommendations}


def test_imperatives_in_running_text_with_a_cue_verb() -> None:
    assert advice("Yoga at Home\nAsk your physiotherapist which poses suit your back.\n") == {
        ("Ask your physiotherapist which poses suit your back", "practice")
    }
    assert advice("Hot Stone Massage\nAvoid hot stones on skin that has lost feeling.\n") == {
        ("Avoid hot stones on skin that has lost feeling", "precaution")
    }
    assert advice(
        "Herbal Teas\nIf you take blood thinners, check with a pharmacist before drinking it.\n"
    ) == {("If you take blood thinners, check with a pharmacist before drinking it", "precaution")}


def test_an_imperative_saying_how_by_doing_is_advice_up_to_its_clause() -> None:
    assert advice(
        "Walking\nGet more from every walk by swinging your arms briskly—most people "
        "never do, the coach says.\n"
    ) == {("Get more from every walk by swinging your arms briskly", "practice")}
    assert advice("Walking\nWalking helps by lifting mood.\n") == set()


def test_imperatives_that_advise_by_their_complement() -> None:
    assert advice("Foam Rollers\nMake sure the roller is firm enough.\n") == {
        ("Make sure the roller is firm enough", "practice")
    }
    assert advice("Heat Packs\nBe careful with heat packs on numb skin.\n") == {
        ("Be careful with heat packs on numb skin", "precaution")
    }
    assert advice("Gardening\nTake care when kneeling after a knee operation.\n") == {
        ("Take care when kneeling after a knee operation", "precaution")
    }
    # a reader's errand is not advice
    assert advice("Gardening\nSee the full study on the journal's website.\n") == set()


def test_negated_imperatives_are_precautions_whatever_the_verb() -> None:
    assert advice("Reiki Sessions\nNever stand up quickly after a long session.\n") == {
        ("Never stand up quickly after a long session", "precaution")
    }
    assert advice("Cupping\nDo not leave the cups on for more than ten minutes.\n") == {
        ("Do not leave the cups on for more than ten minutes", "precaution")
    }
    assert advice("Saunas\nDon't drink alcohol before a sauna.\n") == {
        ("Don't drink alcohol before a sauna", "precaution")
    }


def test_imperatives_of_other_verbs_need_an_advice_section() -> None:
    assert (
        advice("Tai Chi at Home\nBreathing\nBreathe out slowly while you count to six.\n") == set()
    )
    assert advice(
        "Tai Chi at Home\nTips for Beginners\nBreathe out slowly while you count to six.\n"
    ) == {("Breathe out slowly while you count to six", "practice")}
    # a reader's instruction is not advice even there
    assert (
        advice("Tai Chi at Home\nTips for Beginners\nRead the full review on our website.\n")
        == set()
    )


def test_list_items_under_an_advice_lead_in() -> None:
    found = advice(
        "Pilates After Surgery\n"
        "Before you sign up for a class, remember:\n"
        "- Bring a letter from your surgeon.\n"
        "- Skip exercises that press on the scar.\n"
        "- Stretch slowly.\n"
    )
    assert found == {
        ("Bring a letter from your surgeon", "practice"),
        ("Skip exercises that press on the scar", "precaution"),
        ("Stretch slowly", "practice"),
    }


def test_a_lead_in_governs_each_item() -> None:
    facts = facts_of(
        "Reflexology\n"
        "Do not have reflexology on your feet if:\n"
        "- you have a blood clot in your leg\n"
        "- your feet have open wounds\n"
    )
    assert {(r.text, r.kind) for r in facts.recommendations} == {
        ("Do not have reflexology on your feet if you have a blood clot in your leg", "precaution"),
        ("Do not have reflexology on your feet if your feet have open wounds", "precaution"),
    }
    first = facts.recommendations[0]
    assert len(first.evidence) == 2  # the lead-in and the item
    assert advice(
        "Sauna Use\nAvoid the sauna if you:\n- are pregnant\n- have low blood pressure\n"
    ) == {
        ("Avoid the sauna if you are pregnant", "precaution"),
        ("Avoid the sauna if you have low blood pressure", "precaution"),
    }
    assert advice("Herbs\nSpeak to your GP first if you are:\n- taking warfarin\n") == {
        ("Speak to your GP first if you are taking warfarin", "practice")
    }


def test_modals_of_advice() -> None:
    assert advice("Ginger Tea\nPeople with gallstones should avoid large doses of ginger.\n") == {
        ("avoid large doses of ginger", "precaution")
    }
    assert advice("Cupping\nThe cups must be cleaned between clients.\n") == {
        ("The cups must be cleaned between clients", "practice")
    }
    assert advice(
        "Essential Oils\nPeppermint oil is strong and should be kept away from the eyes.\n"
    ) == {("should be kept away from the eyes", "practice")}
    assert advice("Heat Packs\nHeat packs should be used with care on numb skin.\n") == {
        ("Heat packs should be used with care on numb skin", "precaution")
    }


def test_it_is_advisable_to() -> None:
    assert advice("Acupressure\nIt is wise to learn the points from a trained teacher.\n") == {
        ("learn the points from a trained teacher", "practice")
    }
    assert advice("Fasting\nIt's a good idea to tell your dietitian before you fast.\n") == {
        ("tell your dietitian before you fast", "practice")
    }
    assert advice("Massage\nIt is best to avoid deep massage near a recent scar.\n") == {
        ("avoid deep massage near a recent scar", "precaution")
    }


def test_passives_of_recommending_and_offering() -> None:
    assert advice("Qigong\nQigong can be recommended for older adults with poor balance.\n") == {
        ("Qigong can be recommended for older adults with poor balance", "practice")
    }
    assert advice("Music\nMusic therapy may be added to usual hospice care.\n") == {
        ("Music therapy may be added to usual hospice care", "practice")
    }
    assert advice("Hot Yoga\nHot yoga is not recommended during pregnancy.\n") == {
        ("Hot yoga is not recommended during pregnancy", "precaution")
    }


def test_label_lines_of_an_abstract() -> None:
    found = advice(
        "Pilates for neck pain: a pilot trial\n"
        "Design: Randomised controlled trial.\n"
        "Results: Pilates lowered neck pain. Patients should avoid neck rolls, some said.\n"
        "Conclusions: Pilates can be recommended for office workers with neck pain.\n"
        "Implications for practice: Physiotherapists should offer pilates classes.\n"
    )
    assert found == {
        ("Pilates can be recommended for office workers with neck pain", "practice"),
        ("Physiotherapists should offer pilates classes", "practice"),
    }


def test_harm_and_unsuitability_are_precautions() -> None:
    assert advice("St John's Wort\nIt can be dangerous with some antidepressants.\n") == {
        ("It can be dangerous with some antidepressants", "precaution")
    }
    assert advice("Cold Plunges\nIce baths may not be safe for people with heart disease.\n") == {
        ("Ice baths may not be safe for people with heart disease", "precaution")
    }
    assert advice(
        "Deep Tissue Massage\n"
        "Note that deep tissue massage might be unsuitable for people with osteoporosis and "
        "should be done gently.\n"
    ) == {
        (
            "deep tissue massage might be unsuitable for people with osteoporosis and should be "
            "done gently",
            "precaution",
        )
    }


def test_endorsements() -> None:
    assert advice(
        "Exercise\nNational guidelines recommend offering supervised exercise to survivors.\n"
    ) == {("offering supervised exercise to survivors", "practice")}
    assert advice(
        "Tai Chi\nThese findings support using tai chi as part of falls prevention programmes.\n"
    ) == {("using tai chi as part of falls prevention programmes", "practice")}
    assert advice(
        "Hypnosis\nExperts advise that patients discuss hypnosis with their surgeon first.\n"
    ) == {("discuss hypnosis with their surgeon first", "practice")}


def test_findings_research_and_methods_are_not_advice() -> None:
    assert advice("Yoga\nYoga reduced back pain in older adults.\n") == set()
    assert advice("Yoga\nYoga can reduce back pain in older adults.\n") == set()
    assert advice("Future Work\nFuture studies should include a longer follow-up.\n") == set()
    assert advice("Reiki\nThe approach should be tested in a larger sample.\n") == set()
    assert (
        advice(
            "Pain Trial\nMethods\n"
            "Participants should have been diagnosed at least six months earlier.\n"
        )
        == set()
    )
    assert advice("Pilates\nPilates could be a useful treatment for back pain.\n") == set()
    assert advice("Pilates\nIs pilates safe for everyone?\n") == set()


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "You can do reflexology at home by pressing points on your feet.",
            "do reflexology at home by pressing points on your feet",
        ),
        (
            "You can practise tai chi at home by following a short video.",
            "practise tai chi at home by following a short video",
        ),
        (
            "You can try breathing exercises when you feel anxious.",
            "try breathing exercises when you feel anxious",
        ),
    ],
)
def test_what_the_reader_can_do_themselves_is_practice(sentence: str, expected: str) -> None:
    assert (expected, "practice") in advice("Self-Care\n" + sentence + "\n")


@pytest.mark.parametrize(
    "sentence",
    [
        "The nurse will teach you breathing skills, which you can then do yourself at home.",
        "Massage can reduce pain.",
        "You can feel sore after a session.",
    ],
)
def test_what_the_reader_can_do_described_or_felt_is_no_advice(sentence: str) -> None:
    assert not advice("Self-Care\n" + sentence + "\n")


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Watch this video to learn how to find the point.", "practice"),
        ("Check our guide to find a qualified therapist.", "practice"),
        ("Watch for redness or swelling after a session.", "precaution"),
    ],
)
def test_a_resource_to_watch_or_check_is_no_caution(sentence: str, kind: str) -> None:
    assert {k for _, k in advice("Self-Care\n" + sentence + "\n")} == {kind}
