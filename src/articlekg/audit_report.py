"""The audit as a readable table and as JSON (see :mod:`articlekg.audit`)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from articlekg.audit import AuditReport, RankedEntity

STATUS_TEXT = {
    "supported": "supported by {n} fact{s}",
    "mentioned": "mentioned only",
    "absent": "absent",
}


def _score(entity: RankedEntity | None) -> str:
    if entity is None:
        return "not in the domain graph"
    return (
        f"PageRank {entity.pagerank:.4f}, degree {entity.degree}, {entity.facts} facts, "
        f"named {entity.mentions} times"
    )


def _table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> list[str]:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = "  ".join("-" * w for w in widths)
    out = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)), line]
    out += ["  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return [row.rstrip() for row in out]


def _ranked_row(entity: RankedEntity) -> tuple[str, ...]:
    return (
        entity.label,
        str(entity.facts),
        f"{entity.pagerank:.4f}",
        str(entity.degree),
        str(entity.mentions),
    )


def _clip(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render_text(reports: list[AuditReport]) -> str:
    lines: list[str] = []
    for report in reports:
        lines.append(f"== {report.article}")
        measured = report.measured_central
        if report.has_map:
            agrees = "agrees" if report.central_agrees else "DIFFERS"
            lines.append(
                f"central entity: declared {report.declared_central!r}, measured "
                f"{measured.label if measured else None!r} ({agrees}; declared one ranks "
                f"{report.declared_central_rank or '-'})"
            )
            lines.append(f"measured: {_score(measured)}")
            rows = [
                (
                    item.kind,
                    _clip(item.label, 45),
                    STATUS_TEXT[item.status].format(n=item.facts, s="" if item.facts == 1 else "s"),
                    _clip(item.quotes[0]) if item.quotes else "",
                )
                for item in report.items
            ]
            lines += _table(("declared", "item", "in the text", "first quote"), rows)
            if report.left_out:
                lines.append("the text says much about, the map leaves out:")
                lines += _table(
                    ("entity", "facts", "PageRank", "degree", "named"),
                    [_ranked_row(e) for e in report.left_out],
                )
        else:
            lines.append("no topical map declared; inferred:")
            lines += _table(
                ("role", "entity", "score"),
                [(role, label, _score(entity)) for role, label, entity in report.inferred],
            )
            lines.append("most central entities of the text:")
            lines += _table(
                ("entity", "facts", "PageRank", "degree", "named"),
                [_ranked_row(e) for e in report.ranking[:5]],
            )
        lines.append("")
    return "\n".join(lines)


def report_json(report: AuditReport) -> dict[str, Any]:
    data = asdict(report)
    data["central_agrees"] = report.central_agrees
    data["inferred"] = [
        {"role": role, "label": label, "score": asdict(entity) if entity else None}
        for role, label, entity in report.inferred
    ]
    return data


def render_json(reports: list[AuditReport]) -> str:
    return json.dumps([report_json(r) for r in reports], ensure_ascii=False, indent=2) + "\n"
