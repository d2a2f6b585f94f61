"""The command line: parses options, calls the library, turns errors into one-line messages.

This is the only module that imports click. Each command imports the library modules it
uses inside its body, and option choices come from articlekg.formats, so that ``--help``
and a query start without the extraction pipeline (tests/test_imports.py pins it).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from articlekg.errors import ArticleKGError, InputError, ValidationFailed
from articlekg.formats import EXPORT_FORMATS, INPUT_FORMATS, RESULT_FORMATS
from articlekg.namespaces import DEFAULT_BASE_IRI

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


@contextlib.contextmanager
def warnings_shown() -> Iterator[None]:
    """Show the library's warnings (what it read differently than written) on stderr."""
    import logging

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("articlekg: warning: %(message)s"))
    handler.setLevel(logging.WARNING)
    logger = logging.getLogger("articlekg")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


def article_limits_and_vocabulary(command: F) -> F:
    """The input-size limit and user vocabularies of every command that reads articles."""
    command = click.option(
        "--lexicon",
        "lexicons",
        multiple=True,
        metavar="FILE",
        type=click.Path(path_type=Path, dir_okay=False),
        help="A SKOS vocabulary (Turtle) to add to the built-in lexicon; repeatable.",
    )(command)
    return click.option(
        "--max-bytes",
        type=click.IntRange(min=0),
        default=5_000_000,
        show_default=True,
        metavar="BYTES",
        help="Refuse an input file larger than this (0: no limit).",
    )(command)


class ProgressBar:
    """A progress bar on standard error for builds of several articles, made on the first
    article to finish (the library counts the inputs)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._bar: Any = None

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)

    def update(self, article: Any, done: int, total: int) -> None:
        if not self.enabled or total < 2:
            return
        if self._bar is None:
            self._bar = click.progressbar(length=total, label="building", file=sys.stderr)
            self._bar.__enter__()
        self._bar.label = article.stem
        self._bar.update(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="articlekg")
def main() -> None:
    """Turn health articles into a typed, checked knowledge graph."""


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "outdir",
    required=True,
    type=click.Path(path_type=Path),
    help="Folder to write the exports into.",
)
@click.option(
    "-f",
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(EXPORT_FORMATS),
    help="Export format; repeat for several. Default: all.",
)
@click.option(
    "--base-iri",
    default=DEFAULT_BASE_IRI,
    show_default=True,
    help="Namespace of the IRIs minted for this article's nodes.",
)
@click.option(
    "--include",
    multiple=True,
    metavar="GLOB",
    help="In folders, build only files whose path matches GLOB (e.g. '*.txt'); repeatable.",
)
@click.option(
    "--input-format",
    type=click.Choice(INPUT_FORMATS),
    default="auto",
    show_default=True,
    help="How to read the inputs; auto goes by suffix and reads plain-text files that carry "
    "Markdown as Markdown.",
)
@click.option(
    "--store",
    type=click.Path(path_type=Path, file_okay=False),
    help="Also load what was built into this embedded store.",
)
@article_limits_and_vocabulary
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    metavar="N",
    help="Build N articles at once in worker processes.  [default: one per core]",
)
@click.option(
    "--executor",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where articles are built: worker processes here, or a Dask cluster "
    "(needs articlekg[dask]).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="With --executor dask: the scheduler (e.g. tcp://HOST:8786); "
    "default: a local cluster of --jobs workers.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
@click.option("-v", "--verbose", is_flag=True, help="List every file written.")
@reports_errors
def build(
    inputs: tuple[Path, ...],
    outdir: Path,
    formats: tuple[str, ...],
    base_iri: str,
    include: tuple[str, ...],
    input_format: str,
    store: Path | None,
    max_bytes: int,
    lexicons: tuple[Path, ...],
    jobs: int | None,
    executor: str,
    scheduler: str | None,
    quiet: bool,
    verbose: bool,
) -> None:
    """Build INPUTS (article files or folders of them) into graphs in OUTPUT.

    Several articles also give a corpus: corpus.trig, corpus.nq, corpus.merge-log.json
    and, for the property-graph formats, corpus.graphml, corpus.gexf and corpus.neo4j/.
    Nothing in OUTPUT changes unless every article builds. A progress bar (on a terminal)
    and a summary go to standard error; --verbose lists the files on standard output.
    """
    from articlekg import api
    from articlekg.store import loadable_exports

    with warnings_shown(), ProgressBar(enabled=not quiet and sys.stderr.isatty()) as progress:
        report = api.build(
            list(inputs),
            outdir,
            formats=list(formats) or None,
            base_iri=base_iri,
            include=include,
            input_format=input_format,
            max_bytes=max_bytes,
            lexicons=lexicons,
            jobs=jobs,
            executor=executor,
            scheduler=scheduler,
            progress=progress.update,
        )
    if verbose:
        for path in report.written:
            click.echo(str(path))
    if not quiet:
        click.echo(report.summary(), err=True)
    if store is not None:
        for loaded in api.load(loadable_exports(report.written), store):
            click.echo(f"{loaded.name}: {loaded.triples} triples into {store}")


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--json",
    "json_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write the audit as JSON to this file.",
)
@click.option(
    "--include",
    multiple=True,
    metavar="GLOB",
    help="In folders, audit only files whose path matches GLOB; repeatable.",
)
@click.option(
    "--input-format",
    type=click.Choice(INPUT_FORMATS),
    default="auto",
    show_default=True,
    help="How to read the inputs (as for build).",
)
@article_limits_and_vocabulary
@reports_errors
def audit(
    inputs: tuple[Path, ...],
    json_path: Path | None,
    include: tuple[str, ...],
    input_format: str,
    max_bytes: int,
    lexicons: tuple[Path, ...],
) -> None:
    """Compare what each article's topical map declares (central entity, attributes,
    contexts, section topics) with what its text supports."""
    from articlekg import api
    from articlekg.atomic import write_text
    from articlekg.audit_report import render_json, render_text

    reports = api.audit(
        list(inputs),
        include=include,
        input_format=input_format,
        lexicons=lexicons,
        max_bytes=max_bytes,
    )
    click.echo(render_text(reports), nl=False)
    if json_path is not None:
        write_text(json_path, render_json(reports))


@main.command()
@click.argument("graph", type=click.Path(path_type=Path))
@reports_errors
def validate(graph: Path) -> None:
    """Check an existing graph (Turtle or another RDF file) against the shapes."""
    from articlekg import api

    report = api.validate(graph)
    click.echo(f"{graph}: conforms ({report.triples} triples)")


@main.command()
@click.argument("graphs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path),
    help="The HTML file to write (one file, no network needed to open it).",
)
@click.option("--title", help="Page title. Default: the article's name, or 'N articles'.")
@reports_errors
def view(graphs: tuple[Path, ...], output: Path, title: str | None) -> None:
    """Draw exported GRAPHS (one article's or a corpus's RDF exports) as an interactive
    HTML page: types by colour, search, filters, and every node's quotes on click."""
    from articlekg.api import view as write_view

    click.echo(str(write_view(list(graphs), output, title=title)))


# -- SPARQL: query, load, serve, push ---------------------------------------------------


@main.command()
@click.argument("arguments", nargs=-1, metavar="[GRAPH]... QUERY")
@click.option(
    "--store",
    type=click.Path(path_type=Path, file_okay=False),
    help="Query this embedded store instead of graph files.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(RESULT_FORMATS),
    default="table",
    show_default=True,
    help="SELECT/ASK result format (CONSTRUCT writes Turtle).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    metavar="SECONDS",
    help="Stop the query after this long.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the result to this file instead of standard output.",
)
@click.option("--iris", is_flag=True, help="Show IRIs in the table instead of their labels.")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and stop.")
@reports_errors
def query(
    arguments: tuple[str, ...],
    store: Path | None,
    fmt: str,
    timeout: float | None,
    output: Path | None,
    iris: bool,
    list_queries: bool,
) -> None:
    """Run QUERY (a NAME from ontology/queries, a .rq file or SPARQL text) over GRAPH files
    or, with --store, over the embedded store. The project's prefixes (akg:, concept:,
    schema:, skos:, ...) need no PREFIX line. The table shows labels and fits the terminal."""
    import shutil

    from articlekg import api
    from articlekg.atomic import write_text
    from articlekg.query_args import check_argument_order, named_queries
    from articlekg.results import render as render_result

    if list_queries:
        named = named_queries()
        column = max((len(q.name) for q in named), default=0)
        click.echo("".join(f"{q.name.ljust(column)}  {q.description}\n" for q in named), nl=False)
        return
    if not arguments:
        raise InputError("give a QUERY (`articlekg query --list` lists the named ones)")
    *graphs, text = arguments
    if store is not None and graphs:
        raise InputError("give graph files or --store, not both")
    if store is None:
        check_argument_order(graphs, text, [q.name for q in named_queries()])
    if store is None and not graphs:
        raise InputError("give graph files to query, or --store DIR")
    labels = fmt == "table" and not iris
    result = api.query(text, [Path(g) for g in graphs], store=store, timeout=timeout, labels=labels)
    width = shutil.get_terminal_size().columns if output is None and sys.stdout.isatty() else None
    rendered = render_result(result, fmt, width=width, iris=iris)
    if output is not None:
        write_text(output, rendered)
    else:
        click.echo(rendered, nl=False)


@main.command()
@click.argument("graphs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--store",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder of the embedded store (created if missing).",
)
@reports_errors
def load(graphs: tuple[Path, ...], store: Path) -> None:
    """Load exported GRAPHS (Turtle, N-Triples, TriG, N-Quads, JSON-LD) into a store,
    each article into its own named graph, replacing what it held."""
    from articlekg import api

    for loaded in api.load(list(graphs), store):
        click.echo(f"{loaded.name}: {loaded.triples} triples from {loaded.source}")


@main.command()
@click.option("--store", required=True, type=click.Path(path_type=Path, file_okay=False))
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; other than loopback only with --allow-remote.",
)
@click.option(
    "--allow-remote", is_flag=True, help="Allow --host to be an address other machines can reach."
)
@click.option(
    "--cors",
    "cors_origin",
    metavar="ORIGIN",
    help="Send Access-Control-Allow-Origin: ORIGIN (none by default).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=5.0,
    show_default=True,
    metavar="SECONDS",
    help="Stop each query after this long (0: no limit).",
)
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    metavar="NAME",
    help="Also answer requests whose Host header is NAME (repeatable).",
)
@click.option("--quiet", is_flag=True, help="Do not log requests.")
@reports_errors
def serve(
    store: Path,
    port: int,
    host: str,
    allow_remote: bool,
    cors_origin: str | None,
    timeout: float,
    allow_hosts: tuple[str, ...],
    quiet: bool,
) -> None:
    """Serve the store as a read-only SPARQL 1.1 Protocol endpoint."""
    import logging

    from articlekg.serve import ServeConfig, endpoint_url, make_server

    config = ServeConfig(
        store=store,
        host=host,
        port=port,
        allow_remote=allow_remote,
        cors_origin=cors_origin,
        timeout=timeout or None,
        allow_hosts=allow_hosts,
    )
    server = make_server(config)
    if not quiet:
        logging.basicConfig(level=logging.INFO, format="%(message)s")
    click.echo(f"serving {store} read-only at {endpoint_url(server)} (Ctrl-C stops)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@main.command()
@click.argument("graphs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--endpoint",
    required=True,
    help="Graph Store Protocol URL (e.g. Oxigraph's http://HOST:7878/store).",
)
@click.option("--user", help="User name, if the endpoint asks for one.")
@click.option(
    "--password-env", metavar="VAR", help="Name of the environment variable holding the password."
)
@click.option(
    "--ontology/--no-ontology",
    default=True,
    show_default=True,
    help="Also put the ontology into its own named graph.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=60.0,
    show_default=True,
    metavar="SECONDS",
)
@reports_errors
def push(
    graphs: tuple[Path, ...],
    endpoint: str,
    user: str | None,
    password_env: str | None,
    ontology: bool,
    timeout: float,
) -> None:
    """PUT each of GRAPHS into its own named graph at a SPARQL Graph Store endpoint."""
    from articlekg.push import push as push_graphs

    password = None
    if password_env is not None:
        password = os.environ.get(password_env)
        if password is None:
            raise InputError(f"the environment variable {password_env} is not set")
    pushed = push_graphs(
        list(graphs), endpoint, user=user, password=password, ontology=ontology, timeout=timeout
    )
    for graph in pushed:
        click.echo(
            f"{graph.name}: {graph.triples} triples from {graph.source} (HTTP {graph.status})"
        )
