"""A build of many articles into one output folder, all or nothing.

Articles are built by an executor (see :mod:`articlekg.executors`) as pure per-article
steps; this process writes what each returns into a staging folder beside the output
folder (see :mod:`articlekg.staging`) as it arrives, assembles the corpus files from
per-article parts, and commits only when everything succeeded. A failure, SIGINT or
SIGTERM removes the staging folder and leaves the output folder as it was.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from articlekg.corpus import CorpusParts, check_stems, corpus_graph_formats, write_corpus_outputs
from articlekg.errors import OutputError
from articlekg.executors import make_executor
from articlekg.export import EXPORTERS, get_exporter
from articlekg.interrupts import InterruptGuard
from articlekg.pipeline import (
    NAME_SEPARATOR,
    BuildReport,
    PackedSummaries,
    WrittenFiles,
    collect_inputs,
)
from articlekg.read import DEFAULT_MAX_BYTES, check_size
from articlekg.staging import StagingFolder, check_output_folder
from articlekg.vocab import DEFAULT_BASE_IRI
from articlekg.vocabularies import lexicon_with
from articlekg.worker import ArticleOutputs, ArticleSummary, ArticleTask

LOG = logging.getLogger("articlekg")

Progress = Callable[[ArticleSummary, int, int], None]
"""Called as each article finishes: its summary, how many are done, how many in all."""


def build(
    inputs: Sequence[Path],
    outdir: Path,
    formats: Sequence[str] | None = None,
    base_iri: str = DEFAULT_BASE_IRI,
    include: Sequence[str] = (),
    input_format: str = "auto",
    jobs: int | None = None,
    executor: str = "local",
    scheduler: str | None = None,
    progress: Progress | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    lexicons: Sequence[Path] = (),
) -> BuildReport:
    """Build article files (or folders of them) into checked graphs written to ``outdir``.

    All or nothing: every file is written into a staging folder beside ``outdir`` and
    moved into place only once every article has been built, checked and exported, so a
    failing article, SIGINT or SIGTERM leaves ``outdir`` as it was. ``include`` globs pick
    files inside folders (default: every supported kind). ``input_format`` (``auto``,
    ``text``, ``markdown``, ``html``) says how to read every file; ``auto`` goes by suffix
    and sniffs plain-text files for Markdown. Several articles also give the corpus exports
    (TriG, N-Quads, the merge log and, for the property-graph formats asked for, one
    GraphML, GEXF and Neo4j folder for the corpus). A file larger than ``max_bytes`` (0: no
    limit) is refused before anything is read. ``lexicons`` are SKOS vocabulary files added
    to the built-in lexicon (see :mod:`articlekg.vocabularies`).

    ``jobs`` articles are built at once in worker processes (default: one per core);
    ``executor="dask"`` runs them on the Dask cluster at ``scheduler`` (a local one when
    None). The output is the same bytes whatever runs it. ``progress`` is called as each
    article finishes, with its summary and the counts done and in all.
    """
    chosen = tuple(get_exporter(name).name for name in formats) if formats else None
    names = chosen or tuple(exporter.name for exporter in EXPORTERS)
    found = collect_inputs(inputs, include)
    for path, _ in found:
        check_size(path, max_bytes)
    check_output_folder(outdir)
    corpus = len(found) > 1 or any(given.is_dir() for given in inputs)
    if corpus:
        check_stems(path.stem for path, _ in found)
    if lexicons:
        # Checked here, once, so a malformed vocabulary is one message before any article.
        lexicon_with(lexicons)
    vocabularies = tuple(str(path) for path in lexicons)
    tasks = (
        ArticleTask(index, str(path), name, base_iri, names, input_format, corpus, vocabularies)
        for index, (path, name) in enumerate(found)
    )
    # Per article, what the report needs, packed: the main process keeps it for every one.
    summaries: dict[int, bytes] = {}
    files: dict[int, str] = {}
    with InterruptGuard() as guard, StagingFolder(outdir) as staging:
        parts = CorpusParts(staging.parts, graph_formats=corpus_graph_formats(names))
        with make_executor(executor, jobs, scheduler, len(found)) as running:
            for outputs in running.run(tasks):
                _stage(staging, parts if corpus else None, outputs)
                for message in outputs.logged:
                    # In a corpus the message alone does not say which article it is about.
                    LOG.warning("%s", f"{outputs.summary.source}: {message}" if corpus else message)
                summaries[outputs.index] = PackedSummaries.pack(outputs.summary)
                files[outputs.index] = NAME_SEPARATOR.join(
                    relative for relative, _ in outputs.files
                )
                if progress is not None:
                    progress(outputs.summary, len(summaries), len(found))
        try:
            corpus_files = write_corpus_outputs(parts, staging.files, base_iri) if corpus else []
        except OSError as error:
            raise OutputError(f"{outdir}: cannot stage the corpus files ({error})") from None
        guard.hold()
        try:
            staging.commit()
        except OSError as error:
            raise OutputError(f"{outdir}: cannot move the outputs in ({error})") from None
    order = sorted(summaries)
    groups = [files.pop(index) for index in order]
    groups.append(NAME_SEPARATOR.join(corpus_files))
    return BuildReport(
        articles=PackedSummaries([summaries.pop(index) for index in order]),
        written=WrittenFiles(outdir, groups),
        output=outdir,
    )


def _stage(staging: StagingFolder, parts: CorpusParts | None, outputs: ArticleOutputs) -> None:
    try:
        for relative, data in outputs.files:
            staging.write(relative, data)
        if parts is not None:
            summary = outputs.summary
            parts.add(
                outputs.index,
                summary.stem,
                summary.graph_name,
                outputs.nquads,
                outputs.trig_section,
                outputs.prefixes,
                outputs.entities,
                outputs.projection,
            )
    except OSError as error:
        raise OutputError(f"{staging.outdir}: cannot stage the outputs ({error})") from None
