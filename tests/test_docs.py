"""README and the tool in step: help text, commands, formats and queries."""

from __future__ import annotations

import re

from articlekg.export import format_names
from articlekg.resources import queries_dir
from readme_help import README, commands, current_reference, render_reference


def readme() -> str:
    return README.read_text(encoding="utf-8")


def test_command_reference_is_the_clis_help() -> None:
    assert current_reference(readme()) == render_reference(), (
        "README's command reference is stale: run .venv/bin/python scripts/update-readme"
    )


def test_every_command_is_explained_outside_the_reference() -> None:
    prose = readme().replace(current_reference(readme()), "")
    for command in commands():
        assert f"articlekg {command}" in prose, command


def test_every_export_format_is_documented() -> None:
    for name in format_names():
        assert f"`{name}`" in readme(), name


def test_every_competency_query_is_listed() -> None:
    for query in sorted(queries_dir().glob("*.rq")):
        assert f"`{query.stem}`" in readme(), query.stem


def test_readme_starts_with_the_two_commands() -> None:
    first_blocks = re.findall(r"```(?:sh|bash)?\n(.*?)```", readme(), re.S)[:2]
    assert "make exports" in first_blocks[0]
    assert "make test" in first_blocks[1]
