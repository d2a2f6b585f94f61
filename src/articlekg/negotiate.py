"""Content negotiation for the endpoint: which result format an ``Accept`` header asks for."""

from __future__ import annotations

from http import HTTPStatus

RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "text/plain": "table",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "ntriples",
    "text/plain": "ntriples",
}
MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "table": "text/plain",
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
}


class HTTPProblemError(Exception):
    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def negotiate(accept: str | None, choices: dict[str, str], default: str) -> str:
    """The format of the best match in ``accept`` (q-values honoured, ties by order)."""
    if not accept or not accept.strip():
        return default
    best: tuple[float, int, str] | None = None
    for index, item in enumerate(accept.split(",")):
        parts = [p.strip() for p in item.split(";")]
        media = parts[0].lower()
        quality = 1.0
        for param in parts[1:]:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality <= 0:
            continue
        if media == "*/*":
            fmt: str | None = default
        elif media.endswith("/*"):
            family = media[:-1]
            fmt = default if MEDIA_TYPES[default].startswith(family) else None
            fmt = fmt or next((f for m, f in choices.items() if m.startswith(family)), None)
        else:
            fmt = choices.get(media)
        if fmt is not None and (best is None or (quality, -index) > (best[0], -best[1])):
            best = (quality, index, fmt)
    if best is None:
        raise HTTPProblemError(
            HTTPStatus.NOT_ACCEPTABLE,
            "none of the Accept types can be produced; try " + ", ".join(sorted(choices)),
        )
    return best[2]
