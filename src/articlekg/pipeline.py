"""The pipeline: read → sections → segment → parse → recognise → relate → assemble →
validate → export.

Each stage is a plain function of the one before; this module only chains them and
collects inputs.
"""

from __future__ import annotations

import bisect
import itertools
import pickle
from abc import abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, overload

from articlekg.assemble import assemble, graph_name
from articlekg.document import Document
from articlekg.errors import InputError, ValidationFailed
from articlekg.export import ArticleGraph
from articlekg.facts import Facts
from articlekg.lexicon import Lexicon, default_lexicon
from articlekg.parse import parse
from articlekg.read import supported_suffixes
from articlekg.recognise import recognise
from articlekg.relate import relate
from articlekg.schema_types import add_schema_types
from articlekg.sections import find_sections
from articlekg.segment import segment
from articlekg.validate import ValidationReport, validate_graph
from articlekg.vocab import DEFAULT_BASE_IRI

if TYPE_CHECKING:
    from articlekg.worker import ArticleSummary


@dataclass(frozen=True)
class BuiltArticle:
    document: Document
    facts: Facts
    graph: ArticleGraph


NAME_SEPARATOR = "\0"
"""Between the names of one group in :class:`WrittenFiles`: no file name holds it."""

T = TypeVar("T")


class MadeOnRequest(Sequence[T]):
    """A sequence whose items are kept compact and made only when asked for."""

    @abstractmethod
    def _item(self, index: int) -> T:
        """The item at ``index``, which is in range and not negative."""

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self._item(i) for i in range(*index.indices(len(self)))]
        if not -len(self) <= index < len(self):
            raise IndexError(f"{type(self).__name__} index out of range")
        return self._item(index % len(self))


class WrittenFiles(MadeOnRequest[Path]):
    """The paths of a build's files, made when asked for from the output folder and the
    names inside it.

    ``groups`` hold the names, several to a string joined by :data:`NAME_SEPARATOR` (a
    corpus build keeps one string an article). A corpus build writes about ten files an
    article: as ``Path`` objects, the paths of 10,000 articles take about 30 MB of the main
    process; as a string a name, about 9 MB; as a string an article, about 3 MB.
    """

    def __init__(self, folder: Path, groups: Sequence[str] = ()) -> None:
        self.folder = folder
        self._groups = [group for group in groups if group]
        self._ends = list(
            itertools.accumulate(group.count(NAME_SEPARATOR) + 1 for group in self._groups)
        )

    def __len__(self) -> int:
        return self._ends[-1] if self._ends else 0

    def _item(self, index: int) -> Path:
        group = bisect.bisect_right(self._ends, index)
        start = self._ends[group - 1] if group else 0
        return self.folder / self._groups[group].split(NAME_SEPARATOR)[index - start]

    def __iter__(self) -> Iterator[Path]:
        for group in self._groups:
            for name in group.split(NAME_SEPARATOR):
                yield self.folder / name

    def __repr__(self) -> str:
        return f"WrittenFiles({str(self.folder)!r}, {len(self)} files)"


class PackedSummaries(MadeOnRequest["ArticleSummary"]):
    """Article summaries kept pickled and unpacked when asked for: about 0.5 KB an
    article in the main process of a corpus build, against about 2 KB as objects."""

    def __init__(self, packed: Sequence[bytes] = ()) -> None:
        self._packed = list(packed)

    @staticmethod
    def pack(summary: ArticleSummary) -> bytes:
        return pickle.dumps(summary, protocol=pickle.HIGHEST_PROTOCOL)

    def __len__(self) -> int:
        return len(self._packed)

    def _item(self, index: int) -> ArticleSummary:
        return pickle.loads(self._packed[index])  # type: ignore[no-any-return]

    def __repr__(self) -> str:
        return f"PackedSummaries({len(self)} articles)"


@dataclass
class BuildReport:
    """What a build wrote: a summary per article (in input order) and every path.

    Graphs are not kept: a corpus build holds one article at a time.
    """

    articles: Sequence[ArticleSummary] = field(default_factory=list)
    written: Sequence[Path] = field(default_factory=list)
    output: Path | None = None

    @property
    def triples(self) -> int:
        return sum(article.triples for article in self.articles)

    def entities(self) -> dict[str, int]:
        """Entity nodes by class over every article (a node shared by two counts twice)."""
        counts: dict[str, int] = {}
        for article in self.articles:
            for cls, count in article.entities:
                counts[cls] = counts.get(cls, 0) + count
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))

    def summary(self) -> str:
        """One paragraph for people: articles, triples, entities by type, findings, warnings."""
        articles = len(self.articles)
        entities = ", ".join(f"{count:,} {cls}" for cls, count in self.entities().items())
        findings = sum(article.findings for article in self.articles)
        warnings = sum(len(article.warnings) for article in self.articles)
        where = f" into {self.output}" if self.output is not None else ""
        return (
            f"Built {articles:,} article{'s' * (articles != 1)}{where}: {self.triples:,} triples; "
            f"entities: {entities or 'none'}; {findings:,} finding{'s' * (findings != 1)}; "
            f"{warnings:,} warning{'s' * (warnings != 1)}; {len(self.written):,} files written."
        )


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
    return build_checked(document, base_iri, lexicon, check)[0]


def build_checked(
    document: Document,
    base_iri: str = DEFAULT_BASE_IRI,
    lexicon: Lexicon | None = None,
    check: bool = True,
) -> tuple[BuiltArticle, ValidationReport | None]:
    """:func:`build_document`, also returning the validation report (its warnings)."""
    lexicon = lexicon or default_lexicon()
    facts = extract(document, lexicon)
    graph = assemble(document, facts, lexicon, base_iri)
    add_schema_types(graph, lexicon)
    report = None
    if check:
        report = validate_graph(graph)
        if not report.conforms:
            raise ValidationFailed(
                f"{document.source_name}: the graph does not conform to the shapes "
                f"({len(report.violations)} violations); nothing was written",
                list(report.violations),
            )
    article = ArticleGraph(graph, graph_name(document.stem, base_iri), document.stem)
    return BuiltArticle(document, facts, article), report


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
