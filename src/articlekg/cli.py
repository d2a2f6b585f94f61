"""The command line: parses options, calls the library, turns errors into one-line messages.

This is the only module that imports click.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from articlekg import api
from articlekg.errors import ArticleKGError, ValidationFailed
from articlekg.export import format_names
from articlekg.vocab import DEFAULT_BASE_IRI

F = TypeVar("F", bound=Callable[..., Any])


def reports_errors(command: F) -> F:
    """Turn library errors into `articlekg: message` on stderr and the error's exit code."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except ValidationFailed as error:
            for violation in error.violations:
                click.echo(f"  {violation}", err=True)
            click.echo(f"articlekg: {error.message}", err=True)
            sys.exit(error.exit_code)
        except ArticleKGError as error:
            click.echo(f"articlekg: {error.message}", err=True)
            sys.exit(error.exit_code)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="articlekg")
def main() -> None:
    """Turn health articles into a typed, checked knowledge graph."""


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o", "--output", "outdir", required=True, type=click.Path(path_type=Path),
    help="Folder to write the exports into.",
)
@click.option(
    "-f", "--format", "formats", multiple=True, type=click.Choice(format_names()),
    help="Export format; repeat for several. Default: all.",
)
@click.option("--base-iri", default=DEFAULT_BASE_IRI, show_default=True,
              help="Namespace of the IRIs minted for this article's nodes.")
@reports_errors
def build(inputs: tuple[Path, ...], outdir: Path, formats: tuple[str, ...], base_iri: str) -> None:
    """Build INPUTS (article files or folders of them) into graphs in OUTPUT."""
    report = api.build(list(inputs), outdir, formats=list(formats) or None, base_iri=base_iri)
    for path in report.written:
        click.echo(str(path))


@main.command()
@click.argument("graph", type=click.Path(path_type=Path))
@reports_errors
def validate(graph: Path) -> None:
    """Check an existing graph (Turtle or another RDF file) against the shapes."""
    report = api.validate(graph)
    click.echo(f"{graph}: conforms ({report.triples} triples)")
