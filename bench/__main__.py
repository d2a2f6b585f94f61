"""The corpus benchmark: ``.venv/bin/python -m bench [--sizes 100,1000,10000]``.

Figures only, printed as a table; nothing passes or fails and nothing runs in the tests.
For each size it writes a synthetic corpus (see bench/synthetic.py), builds it with the
command line (with ``--jobs`` when the command offers it), then times validation and each
export on a sample of the built articles, loading the corpus into a store, and every
competency query on that store, beside baselines on the same corpus N-Quads: rdflib and
pyoxigraph merely parsing them, and Oxigraph's bulk loader storing them as they are.
Start-up figures compare ``--help``, a named query and a cold seed build with the import
floors they are judged against.

CPU seconds are user + system of the measured process and every process it waited for
(worker processes included); peak memory is the largest resident set of any one of them.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from bench.measure import Figure, Run, measure
from bench.synthetic import write_corpus

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ARTICLEKG = str(BIN / "articlekg")
PYTHON = sys.executable
SEED = REPO / "seeds" / "massage-metastatic-bone-pain.txt"
SEED_TRIG = REPO / "exports" / "massage-metastatic-bone-pain.trig"
EXPORT_FORMATS = ("turtle", "ntriples", "jsonld", "trig", "nquads")
PROPERTY_GRAPH_FORMATS = ("graphml", "graphml-strict", "gexf", "neo4j")
BUILD_LIBRARIES = (
    *("click", "rdflib", "pyshacl", "pyoxigraph", "spacy", "medspacy"),
    *("markdown_it", "yaml", "lxml.html"),
)
"""What building a plain-text article imports (``-X importtime``): networkx and trafilatura
are not among them (the exporters write GraphML and GEXF by hand; web pages only)."""
MODEL = "from articlekg.language import english; english()"


def build_options() -> str:
    return subprocess.run([ARTICLEKG, "build", "--help"], capture_output=True, text=True).stdout


def task(label: str, args: Sequence[str], timeout: float, items_label: str = "") -> Figure:
    """A bench.tasks task in a fresh interpreter; a task over time is reported as such."""
    try:
        done = subprocess.run(
            [PYTHON, "-m", "bench.tasks", *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=REPO,
            check=True,
        )
    except subprocess.TimeoutExpired:
        return Figure(label, (), status=f"stopped after {timeout:g} s")
    except subprocess.CalledProcessError as error:
        return Figure(label, (), status=f"failed: {error.stderr.strip().splitlines()[-1:]}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    run = Run(figures["cpu"], figures["wall"], figures["peak_mib"])
    return Figure(label, (run,), int(figures["items"]))


def interleaved(commands: dict[str, list[str]], repeat: int) -> dict[str, Figure]:
    """Runs alternate between commands, so that the machine's load weighs on each alike."""
    runs: dict[str, list[Run]] = {label: [] for label in commands}
    for _ in range(repeat):
        for label, command in commands.items():
            runs[label].extend(measure(label, command).runs)
    return {label: Figure(label, tuple(found)) for label, found in runs.items()}


def startup(work: Path, repeat: int) -> list[tuple[Figure, str]]:
    # The floors' libraries run from the bytecode pip wrote when it installed them; so
    # must articlekg, as from a wheel (an editable install writes it on first import,
    # unless PYTHONDONTWRITEBYTECODE is set, and then compiles every module every run).
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(REPO / "src" / "articlekg")], check=True)
    store = work / "seed-store"
    if not store.exists():
        subprocess.run([ARTICLEKG, "load", str(SEED_TRIG), "--store", str(store)], check=True)
    imports = ", ".join(BUILD_LIBRARIES)
    light = interleaved(
        {
            "python -c 'import click' (floor)": [PYTHON, "-c", "import click"],
            "articlekg --help": [ARTICLEKG, "--help"],
            "articlekg query --store SEED effects": [
                *[ARTICLEKG, "query", "--store", str(store), "effects"]
            ],
        },
        repeat,
    )
    out = work / "seed-build"
    heavy = interleaved(
        {
            f"import {imports} (build floor)": [PYTHON, "-c", f"import {imports}"],
            "build floor + language model": [PYTHON, "-c", f"import {imports}; {MODEL}"],
            "articlekg build SEED (cold)": [ARTICLEKG, "build", str(SEED), "-o", str(out)],
        },
        max(1, repeat // 2),
    )
    click, help_, query = light.values()
    floor, floor_model, build = heavy.values()
    return [
        (click, ""),
        (help_, f"{help_.cpu / click.cpu:.2f}x the floor (goal <= 2.5x)"),
        (query, f"{query.cpu / click.cpu:.2f}x the floor (goal <= 3x)"),
        (floor, ""),
        (floor_model, ""),
        (
            build,
            f"{build.cpu / floor.cpu:.2f}x the build floor (goal <= 2.0x), "
            f"{build.cpu / floor_model.cpu:.2f}x with the model",
        ),
    ]


def corpus(
    work: Path, size: int, jobs: Sequence[int], sample: int, timeout: float, repeat: int
) -> list[tuple[Figure, str]]:
    rows: list[tuple[Figure, str]] = []
    articles = work / f"corpus-{size}"
    write_corpus(articles, size)
    options = build_options()
    extra = ["--quiet"] if "--quiet" in options else []
    built = work / f"out-{size}"
    for count in jobs if "--jobs" in options else [0]:
        out = work / f"out-{size}-jobs{count}"
        shutil.rmtree(out, ignore_errors=True)
        flags = ["--jobs", str(count)] if count else []
        label = f"build {size} articles" + (f" --jobs {count}" if count else " (no --jobs)")
        figure = measure(
            label, [ARTICLEKG, "build", str(articles), "-o", str(out), *flags, *extra], items=size
        )
        rows.append(
            (
                figure,
                f"{figure.items / figure.cpu:.2f} articles/CPU-s, "
                f"{figure.items / figure.wall:.2f} articles/s wall",
            )
        )
        built = out
    nquads = built / "corpus.nq"
    ox_parse = task(
        "baseline: pyoxigraph parses corpus.nq", ["parse-oxigraph", str(nquads)], timeout
    )
    rdflib_parse = task("baseline: rdflib parses corpus.nq", ["parse-rdflib", str(nquads)], timeout)
    build_cpu = rows[0][0].cpu
    for figure in (ox_parse, rdflib_parse):
        note = (
            f"{figure.items:,} quads; build = {build_cpu / figure.cpu:.0f}x" if figure.runs else ""
        )
        rows.append((figure, note))
    checked = task(f"validate {sample} articles", ["validate", str(built), str(sample)], timeout)
    rows.append((checked, _rate(checked, "articles")))
    for fmt in (*EXPORT_FORMATS, *PROPERTY_GRAPH_FORMATS, "all"):
        figure = task(
            f"export {fmt} ({sample} articles)", ["export", fmt, str(built), str(sample)], timeout
        )
        rows.append((figure, _rate(figure, "articles")))
    store = work / f"store-{size}"
    shutil.rmtree(store, ignore_errors=True)
    load = measure(
        f"load corpus.nq ({size} articles)", [ARTICLEKG, "load", str(nquads), "--store", str(store)]
    )
    quads = ox_parse.items if ox_parse.runs else 0
    rows.append((load, f"{quads / load.cpu:,.0f} quads/CPU-s" if quads else ""))
    ceiling = task(
        "baseline: pyoxigraph bulk-loads corpus.nq as it is",
        ["bulk-load-oxigraph", str(nquads)],
        timeout,
    )
    rate = f"{ceiling.items / ceiling.cpu:,.0f} quads/CPU-s" if ceiling.runs else ""
    rows.append((ceiling, rate))
    for name in query_names():
        figure = task(
            f"query {name} (in-process, median of {repeat})",
            ["query", str(store), name, str(repeat)],
            timeout,
        )
        rows.append((figure, f"{figure.items} rows" if figure.runs else ""))
    return rows


def _rate(figure: Figure, what: str) -> str:
    return f"{figure.items / figure.cpu:.1f} {what}/CPU-s" if figure.runs and figure.cpu else ""


def query_names() -> list[str]:
    from articlekg.query import query_names as names

    return names()


def print_table(title: str, rows: list[tuple[Figure, str]]) -> None:
    print(f"\n{title}")
    print(f"  {'measure':58} {'CPU s':>9} {'wall s':>9} {'peak MiB':>9}  note")
    for figure, note in rows:
        if not figure.runs:
            print(f"  {figure.label:58} {'-':>9} {'-':>9} {'-':>9}  {figure.status}")
            continue
        print(
            f"  {figure.label:58} {figure.cpu:9.3f} {figure.wall:9.3f} "
            f"{figure.peak_mib:9.1f}  {note}"
        )
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes",
        default="100,1000,10000",
        help="corpus sizes, comma-separated (default: 100,1000,10000)",
    )
    parser.add_argument(
        "--jobs",
        default="1,2",
        help="worker counts to build with, if build offers --jobs (default: 1,2)",
    )
    parser.add_argument(
        "--sample",
        type=int,
        default=20,
        help="articles validated and exported in-process (default: 20)",
    )
    parser.add_argument("--repeat", type=int, default=5, help="repeats of short measures")
    parser.add_argument("--timeout", type=float, default=300, help="seconds before a task stops")
    parser.add_argument(
        "--work",
        type=Path,
        help="folder for corpora, builds and stores "
        "(default: a temporary folder, removed afterwards)",
    )
    parser.add_argument("--no-startup", action="store_true", help="skip the start-up figures")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="articlekg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"articlekg benchmark, {os.cpu_count()} cores, work folder {work}")
    try:
        if not args.no_startup:
            print_table("start-up (CPU: median of interleaved runs)", startup(work, args.repeat))
        jobs = [int(j) for j in args.jobs.split(",") if j]
        for size in (int(s) for s in args.sizes.split(",") if s):
            rows = corpus(work, size, jobs, min(args.sample, size), args.timeout, args.repeat)
            print_table(f"{size} synthetic articles", rows)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
