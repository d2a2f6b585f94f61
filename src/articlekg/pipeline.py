"""The pipeline: read → sections → segment → parse → recognise → relate → assemble →
validate → export.

Each stage is a plain function of the one before; this module only chains them and
collects inputs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from articlekg.assemble import assemble, graph_name
from articlekg.corpus import check_stems, write_corpus_exports
from articlekg.document import Document
from articlekg.errors import ExportError, InputError, ValidationFailed
from articlekg.export import EXPORTERS, ArticleGraph, get_exporter
from articlekg.facts import Facts
from articlekg.lexicon import Lexicon, default_lexicon
from articlekg.parse import parse
from articlekg.read import DEFAULT_MAX_BYTES, check_size, read_document, supported_suffixes
from articlekg.recognise import recognise
from articlekg.relate import relate
from articlekg.schema_types import add_schema_types
from articlekg.sections import find_sections
from articlekg.segment import segment
from articlekg.validate import validate_graph
from articlekg.vocab import DEFAULT_BASE_IRI
from articlekg.vocabularies import lexicon_with


@dataclass(frozen=True)
class BuiltArticle:
    document: Document
    facts: Facts
    graph: ArticleGraph


@dataclass
class BuildReport:
    articles: list[BuiltArticle] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)


def extract(document: Document, lexicon: Lexicon | None = None) -> Facts:
    """Sections, segment, parse, recognise and relate: the facts an article states."""
    lexicon = lexicon or default_lexicon()
    sections = find_sections(document)
    sentences = segment(document)
    parsed = parse(document, sentences)
    recognised = recognise(document, sentences, lexicon)
    return relate(document, sections, sentences, parsed, recognised, lexicon)


def build_document(
    document: Document,
    base_iri: str = DEFAULT_BASE_IRI,
    lexicon: Lexicon | None = None,
    check: bool = True,
) -> BuiltArticle:
    lexicon = lexicon or default_lexicon()
    facts = extract(document, lexicon)
    graph = assemble(document, facts, lexicon, base_iri)
    add_schema_types(graph, lexicon)
    if check:
        report = validate_graph(graph)
        if not report.conforms:
            raise ValidationFailed(
                f"{document.source_name}: the graph does not conform to the shapes "
                f"({len(report.violations)} violations); nothing was written",
                list(report.violations),
            )
    return BuiltArticle(
        document, facts, ArticleGraph(graph, graph_name(document.stem, base_iri), document.stem)
    )


def collect_inputs(inputs: Sequence[Path], include: Sequence[str] = ()) -> list[tuple[Path, str]]:
    """Article files with the names evidence gives them: relative to what the user named.

    In a folder, every file of a supported kind, or only those whose relative path matches
    one of the ``include`` globs.
    """
    found: list[tuple[Path, str]] = []
    suffixes = set(supported_suffixes())
    for given in inputs:
        if given.is_dir():
            files = sorted(
                p
                for p in given.rglob("*")
                if p.is_file()
                and p.suffix.lower() in suffixes
                and (not include or any(p.relative_to(given).match(g) for g in include))
            )
            if not files:
                raise InputError(
                    f"{given}: no article files ({', '.join(sorted(suffixes))}) in this folder"
                )
            found.extend((p, p.relative_to(given).as_posix()) for p in files)
        elif given.exists():
            found.append((given, given.name))
        else:
            raise InputError(f"{given}: no such file or folder")
    stems: dict[str, Path] = {}
    for path, _ in found:
        if path.stem in stems and stems[path.stem] != path:
            raise InputError(
                f"{path}: same name as {stems[path.stem]}; exports would overwrite each other"
            )
        stems[path.stem] = path
    return found


def check_output_folder(outdir: Path) -> None:
    """Refuse an output path that is, or lies under, an existing file, before any work."""
    for path in (outdir, *outdir.parents):
        if path.exists() and not path.is_dir():
            raise ExportError(f"{outdir}: {path} is a file, not a folder; -o names a folder")


def build(
    inputs: Sequence[Path],
    outdir: Path,
    formats: Sequence[str] | None = None,
    base_iri: str = DEFAULT_BASE_IRI,
    include: Sequence[str] = (),
    input_format: str = "auto",
    max_bytes: int = DEFAULT_MAX_BYTES,
    lexicons: Sequence[Path] = (),
) -> BuildReport:
    """Build article files (or folders of them) into checked graphs written to ``outdir``.

    Every article is built and validated before anything is written, so one failing article
    leaves ``outdir`` untouched. ``include`` globs pick files inside folders (default: every
    supported kind). ``input_format`` (``auto``, ``text``, ``markdown``, ``html``) says how to
    read every file; ``auto`` goes by suffix and sniffs plain-text files for Markdown. Several
    articles also give the corpus exports (TriG, N-Quads, the merge log and, for the
    property-graph formats asked for, one GraphML, GEXF and Neo4j folder for the corpus).
    A file larger than ``max_bytes`` (0: no limit) is refused before anything is read.
    ``lexicons`` are SKOS vocabulary files added to the built-in lexicon (see
    :mod:`articlekg.vocabularies`).
    """
    exporters = [get_exporter(name) for name in formats] if formats else list(EXPORTERS)
    check_output_folder(outdir)
    report = BuildReport()
    lexicon = lexicon_with(lexicons)
    found = collect_inputs(inputs, include)
    for path, _ in found:
        check_size(path, max_bytes)
    corpus = len(found) > 1 or any(given.is_dir() for given in inputs)
    if corpus:
        check_stems(path.stem for path, _ in found)
    # Build and check everything first, so that a failing article writes nothing at all.
    for path, name in found:
        document = read_document(path, name, input_format)
        report.articles.append(build_document(document, base_iri, lexicon))
    for article in report.articles:
        for exporter in exporters:
            report.written.extend(exporter.write(article.graph, outdir))
    if corpus:
        graphs = [article.graph for article in report.articles]
        report.written.extend(write_corpus_exports(graphs, outdir, base_iri, formats))
    return report
