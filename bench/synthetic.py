"""A synthetic corpus for the benchmark: real article sentences recombined.

Sentences and headings are taken at run time from the seed and the dev articles (their
text is never copied into the repository); each synthetic article recombines them, swaps
the lexicon terms it meets for other terms of the same kind (a therapy for a therapy, a
condition for a condition) and every number for another of the same size, so that
extraction finds studies, findings and statistics to relate, as it would in a real corpus
whose articles share concepts. Every file says it is synthetic, in its name and its first
line. The same size and seed give the same corpus.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from articlekg.lexicon import default_lexicon

REPO = Path(__file__).resolve().parents[1]
SOURCES = (REPO / "seeds", REPO.parent / "shared" / "eval" / "dev")
SWAPPED_KINDS = ("Intervention", "Condition", "Outcome", "Mechanism", "Context")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")
NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w])")
YEAR = re.compile(r"^(19[5-9]\d|20[0-2]\d)$")


@dataclass(frozen=True)
class Material:
    sentences: tuple[str, ...]
    headings: tuple[str, ...]
    terms: dict[str, tuple[str, ...]]
    """Kind → lexicon labels of that kind (lower case, several letters)."""
    patterns: dict[str, re.Pattern[str]]


def source_files(folders: Sequence[Path] = SOURCES) -> list[Path]:
    return sorted(p for folder in folders if folder.is_dir() for p in folder.glob("*.txt"))


def is_heading(line: str) -> bool:
    return len(line) < 90 and not line.rstrip().endswith((".", ":", "?", "!", ",", ";"))


def gather(files: Sequence[Path]) -> Material:
    sentences: list[str] = []
    headings: list[str] = []
    for path in files:
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        for line in lines[1:]:  # the first line is the title or a byline
            if not line or not line[0].isalpha() or "|" in line:
                continue  # lists and tables read differently once recombined
            if is_heading(line):
                if len(line.split()) >= 2 and line[0].isupper():
                    headings.append(line)
                continue
            sentences.extend(s for s in SENTENCE_END.split(line) if len(s.split()) >= 5)
    if not sentences or not headings:
        raise SystemExit("no article text found in " + ", ".join(str(f) for f in SOURCES))
    terms: dict[str, list[str]] = {kind: [] for kind in SWAPPED_KINDS}
    for concept in default_lexicon().concepts.values():
        if concept.category in terms:
            for label in (concept.pref_label, *concept.alt_labels):
                if len(label) >= 5 and label == label.lower():
                    terms[concept.category].append(label)
    frozen = {kind: tuple(sorted(set(labels))) for kind, labels in terms.items() if labels}
    patterns = {
        kind: re.compile(
            r"\b(?:"
            + "|".join(re.escape(t) for t in sorted(labels, key=len, reverse=True))
            + r")\b",
            re.IGNORECASE,
        )
        for kind, labels in frozen.items()
    }
    return Material(tuple(sentences), tuple(dict.fromkeys(headings)), frozen, patterns)


def vary(text: str, material: Material, rng: random.Random) -> str:
    """Other terms of the same kind, other numbers of the same size."""
    for kind, pattern in material.patterns.items():
        text = pattern.sub(lambda _m, kind=kind: rng.choice(material.terms[kind]), text)

    def number(match: re.Match[str]) -> str:
        value = match.group()
        if YEAR.match(value):
            return str(rng.randint(1995, 2024))
        if "." in value:
            whole, fraction = value.split(".")
            return (
                f"{rng.randint(0, max(1, int(whole) * 2))}.{rng.randint(0, 9) if fraction else 0}"
            )
        size = int(value)
        return str(rng.randint(max(1, size // 2), max(2, size * 2)))

    return NUMBER.sub(number, text)


def article_text(index: int, material: Material, seed: int = 0) -> str:
    rng = random.Random(f"{seed}-{index}")
    therapy = rng.choice(material.terms["Intervention"])
    condition = rng.choice(material.terms["Condition"])
    lines = [f"Synthetic article {index}: {therapy} and {condition} (benchmark text, not real)"]
    for _ in range(rng.randint(3, 5)):
        lines.append(vary(rng.choice(material.headings), material, rng))
        for _ in range(rng.randint(2, 3)):
            picked = rng.sample(material.sentences, rng.randint(2, 4))
            lines.append(" ".join(vary(sentence, material, rng) for sentence in picked))
    return "\n".join(lines) + "\n"


def write_corpus(folder: Path, size: int, seed: int = 0) -> list[Path]:
    """``size`` synthetic articles in ``folder`` (kept if already there and complete)."""
    folder.mkdir(parents=True, exist_ok=True)
    names = [folder / f"synthetic-{i:05d}.txt" for i in range(size)]
    if all(p.exists() for p in names):
        return names
    material = gather(source_files())
    for index, path in enumerate(names):
        path.write_text(article_text(index, material, seed), encoding="utf-8")
    return names
