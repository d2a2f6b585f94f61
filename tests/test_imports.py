"""Layering: the library never imports the CLI layer, and only cli.py imports click.

Checked on the source (each module's import statements), in the way click's own
tests/test_imports.py checks what importing click pulls in.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "articlekg"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def library_modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p.name not in ("cli.py", "__main__.py"))


def test_only_cli_imports_click() -> None:
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in library_modules()
        if any(m == "click" or m.startswith("click.") for m in imported_modules(p))
    ]
    assert offenders == []


def test_library_does_not_import_cli() -> None:
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in library_modules()
        if any(m.startswith("articlekg.cli") for m in imported_modules(p))
    ]
    assert offenders == []


def test_pipeline_stages_do_not_import_exporters_or_stores() -> None:
    """read → sections → segment → parse → recognise → relate → assemble know nothing of
    what comes after."""
    stages = [
        "read",
        "sections.py",
        "segment.py",
        "language.py",
        "parse.py",
        "quantities.py",
        "lexicon.py",
        "recognise.py",
        "relate",
        "facts.py",
        "assemble.py",
    ]
    later = (
        "articlekg.export",
        "articlekg.store",
        "articlekg.serve",
        "articlekg.push",
        "articlekg.query",
        "articlekg.pipeline",
        "articlekg.api",
    )
    offenders = []
    for stage in stages:
        target = PACKAGE / stage
        files = sorted(target.rglob("*.py")) if target.is_dir() else [target]
        for path in files:
            bad = sorted(m for m in imported_modules(path) if m.startswith(later))
            if bad:
                offenders.append((str(path.relative_to(PACKAGE)), bad))
    assert offenders == []


def test_library_never_prints() -> None:
    offenders = []
    for path in library_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "print":
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert offenders == []


def test_importing_the_api_does_not_load_click() -> None:
    code = "import sys, articlekg.api; print('click' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_starting_the_command_line_does_not_load_the_language_stack() -> None:
    """spaCy, thinc and medspaCy load when an article is read, not for --help or a query."""
    code = (
        "import sys, articlekg.cli, articlekg.api;"
        "print(sorted(m for m in ('spacy', 'thinc', 'medspacy') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
