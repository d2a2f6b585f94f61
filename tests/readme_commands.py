"""The commands README.md shows, found by markdown-it-py the way a reader sees them.

- every line of a fenced ```sh block (a trailing ``\\`` joins the next line; the trailing
  ``# comment`` is dropped);
- every ```python block, whole;
- every line of an indented code block (the Neo4j, Oxigraph, Fuseki, GraphDB and Virtuoso
  recipes: shell, Cypher and SQL);
- every inline code span in the prose that reads as a command: a program with arguments
  (``articlekg serve``, ``make test``, ``pip install …``), a script path
  (``scripts/benchmark``), ``NAME=value program …``, a Cypher or SPARQL statement, a
  Python call (``api.audit([Path("page.txt")])``).

The generated command reference (between its markers) is left out: tests/test_docs.py
checks it as a whole against the CLI's --help.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt

from readme_help import END, START

README = Path(__file__).resolve().parents[1] / "README.md"

# A program followed by arguments; the bare name (`articlekg`, `neo4j-admin`) is a name.
PROGRAMS = {
    "apt-get",
    "articlekg",
    "curl",
    "cypher-shell",
    "fuseki-server",
    "isql",
    "make",
    "neo4j-admin",
    "npm",
    "oxigraph",
    "pip",
    "python",
    "riot",
    "source",
    "tdb2.tdbloader",
}
STATEMENT_WORDS = {"MATCH", "CALL", "CREATE", "MERGE", "SELECT", "ASK", "CONSTRUCT"}
SCRIPT_PATH = re.compile(r"^(\./)?(\.venv/bin/|scripts/|\.\./shared/)\S")
ENVIRONMENT = re.compile(r"^[A-Z][A-Z0-9_]*=\S+ \S")
PYTHON_CALL = re.compile(r"^[A-Za-z_][\w.]*(\(\)[\w.]+)*\(.*\)$")
HTTP_REQUEST = re.compile(r"^(GET|POST|PUT|DELETE) /")
# Fenced blocks of these languages show data, not commands.
DATA_LANGUAGES = {"csv", "html", "json", "text", "turtle", "xml"}


@dataclass(frozen=True)
class Command:
    text: str
    """The command as the README shows it, continuation lines joined, comment dropped."""
    kind: str
    """``sh`` (fenced sh line), ``python`` (fenced block), ``indented`` or ``inline``."""
    line: int
    """1-based line of README.md where it starts."""


def readme_without_reference(text: str) -> str:
    start, end = text.index(START), text.index(END) + len(END)
    # Blank lines keep the line numbers of everything after the reference.
    return text[:start] + "\n" * text[start:end].count("\n") + text[end:]


def logical_lines(block: str) -> list[tuple[int, str]]:
    """(offset of first physical line, joined line) for each non-blank logical line."""
    lines: list[tuple[int, str]] = []
    pending: list[str] = []
    start = 0
    for offset, raw in enumerate(block.splitlines()):
        if not pending:
            start = offset
        stripped = raw.strip()
        if stripped.endswith("\\"):
            pending.append(stripped[:-1].strip())
            continue
        joined = " ".join([*pending, stripped]).strip()
        pending = []
        if joined:
            lines.append((start, joined))
    return lines


def without_comment(line: str) -> str:
    return re.sub(r"\s+#\s.*$", "", line).strip()


def is_command_span(span: str) -> bool:
    words = span.split()
    if not words:
        return False
    return (
        (words[0] in PROGRAMS and len(words) > 1)
        or bool(SCRIPT_PATH.match(span))
        or bool(ENVIRONMENT.match(span))
        or (words[0] in STATEMENT_WORDS and len(words) > 2)
        or bool(PYTHON_CALL.match(span))
        or bool(HTTP_REQUEST.match(span))
    )


def readme_commands(text: str | None = None) -> list[Command]:
    """Every command of the README, in reading order, each text once (its first place)."""
    source = readme_without_reference(README.read_text(encoding="utf-8") if text is None else text)
    found: list[Command] = []
    for token in MarkdownIt("commonmark").parse(source):
        first = token.map[0] + 1 if token.map else 0
        if token.type == "fence" and token.info.strip() in ("sh", "bash", "shell"):
            for offset, line in logical_lines(token.content):
                found.append(Command(without_comment(line), "sh", first + 1 + offset))
        elif token.type == "fence" and token.info.strip() == "python":
            found.append(Command(token.content.strip(), "python", first + 1))
        elif token.type == "fence" and token.info.strip() not in DATA_LANGUAGES:
            raise AssertionError(f"README line {first}: a ```{token.info} block: say how to run it")
        elif token.type == "code_block":
            for offset, line in logical_lines(token.content):
                found.append(Command(line, "indented", first + offset))
        elif token.type == "inline":
            for child in token.children or []:
                if child.type == "code_inline" and is_command_span(child.content):
                    found.append(Command(" ".join(child.content.split()), "inline", first))
    unique: dict[str, Command] = {}
    for command in found:
        unique.setdefault(command.text, command)
    return list(unique.values())
