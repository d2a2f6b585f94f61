"""A build report's per-article parts, kept compact for corpora: the written paths and the
packed summaries behave as the lists they replace."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from articlekg.pipeline import NAME_SEPARATOR, BuildReport, PackedSummaries, WrittenFiles
from articlekg.worker import ArticleSummary


def test_written_files_index_slice_and_iterate_as_a_list_of_their_paths(tmp_path: Path) -> None:
    groups = [["a.ttl", "a.neo4j/nodes.csv"], ["b c.ttl"], ["line\nbreak.ttl", "x.nt", "y.gexf"]]
    written = WrittenFiles(tmp_path, [NAME_SEPARATOR.join(g) for g in groups] + [""])
    expected = [tmp_path / name for group in groups for name in group]
    assert list(written) == expected and len(written) == len(expected)
    assert [written[i] for i in range(-len(expected), len(expected))] == expected * 2
    assert written[1:5] == expected[1:5] and written[::-2] == expected[::-2]
    for bad in (len(expected), -len(expected) - 1):
        with pytest.raises(IndexError):
            written[bad]
    assert list(WrittenFiles(tmp_path)) == [] and len(WrittenFiles(tmp_path)) == 0


def summary(index: int) -> ArticleSummary:
    return ArticleSummary(
        f"in/article-{index}.txt",
        f"article-{index}",
        f"https://e.org/graph/article-{index}",
        100 + index,
        (("Condition", 3), ("Outcome", index)),
        index,
        ("a warning",) * (index % 2),
    )


def test_packed_summaries_give_back_equal_summaries_in_less_memory() -> None:
    summaries = [summary(index) for index in range(5)]
    packed = PackedSummaries([PackedSummaries.pack(s) for s in summaries])
    assert list(packed) == summaries and packed[-1] == summaries[-1]
    assert packed[1:3] == summaries[1:3] and len(packed) == 5
    report = BuildReport(articles=packed)
    assert report.triples == sum(s.triples for s in summaries)
    assert report.entities() == {"Outcome": 10, "Condition": 15}
    # The objects a summary holds, against its packed bytes.
    one = summaries[3]
    held = (
        sys.getsizeof(one)
        + sys.getsizeof(one.__dict__)
        + sum(sys.getsizeof(v) for v in (one.source, one.stem, one.graph_name, one.entities))
    )
    assert sys.getsizeof(PackedSummaries.pack(one)) < held
