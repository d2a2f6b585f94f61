"""Article metadata from markup: Markdown front matter, HTML ``<meta>`` tags, schema.org JSON-LD.

Each source yields a partial :class:`~articlekg.document.Metadata`; :func:`merge` takes the
first value each field has, so callers list sources from most to least trusted. Dates are
kept as the source states them (the date part of an ISO timestamp, no time-zone shift).
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from datetime import date, datetime
from typing import Any

import yaml
from lxml import html as lxml_html

from articlekg.document import Metadata, Span
from articlekg.read.text import UPDATED, parse_date

ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:$|[T ]\d)")
FRONT_MATTER = re.compile(
    r"\A(?:(?P<yaml>---)|(?P<toml>\+\+\+))[ \t]*\r?\n(?P<body>.*?)(?:\r?\n)?"
    r"^(?(yaml)(?:---|\.\.\.)|\+\+\+)[ \t]*(?:\r?\n|\Z)",
    re.DOTALL | re.MULTILINE,
)
MAX_BYLINE_CHARS = 160
# schema.org types whose node describes the article itself, best first.
ARTICLE_TYPES = (
    "ScholarlyArticle",
    "MedicalScholarlyArticle",
    "NewsArticle",
    "BlogPosting",
    "Article",
    "Report",
    "MedicalWebPage",
    "WebPage",
)

TITLE_KEYS = ("title", "headline", "name")
PUBLISHED_KEYS = (
    "date",
    "published",
    "date_published",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish_date",
    "created",
)
MODIFIED_KEYS = (
    "updated",
    "modified",
    "lastmod",
    "last_modified",
    "date_modified",
    "datemodified",
    "date_updated",
)
PUBLISHER_KEYS = ("publisher", "site", "site_name", "sitename", "source")
AUTHOR_KEYS = ("authors", "author", "creator", "by")
URL_KEYS = ("url", "canonical", "canonical_url", "canonicalurl", "permalink", "link")


def iso_date(value: object) -> str | None:
    """The calendar date a value states, as ``YYYY-MM-DD``, or None."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    text = value.strip()
    match = ISO_DATE.match(text)
    if match is not None:
        try:
            return date(*(int(part) for part in match.groups())).isoformat()
        except ValueError:
            return None
    return parse_date(text)


def merge(*sources: Metadata) -> Metadata:
    """Field by field, the first source that has a value wins."""
    result = Metadata()
    for source in sources:
        result = Metadata(
            title=result.title or source.title,
            date_published=result.date_published or source.date_published,
            date_modified=result.date_modified or source.date_modified,
            publisher=result.publisher or source.publisher,
            authors=result.authors or source.authors,
            url=result.url or source.url,
            publisher_span=result.publisher_span or source.publisher_span,
        )
    return result


def byline(text: str, span: Span) -> Metadata | None:
    """Metadata from a "Last Updated on <date> by <publisher>" line, as the text reader reads it."""
    content = text[span.start : span.end]
    match = UPDATED.fullmatch(content)
    if match is None or len(content) >= MAX_BYLINE_CHARS:
        return None
    publisher = match.group("publisher")
    start = span.start + match.start("publisher")
    stated = parse_date(match.group("date"))
    updated = match.group("verb").lower() == "updated"
    return Metadata(
        date_published=None if updated else stated,
        date_modified=stated if updated else None,
        publisher=publisher,
        publisher_span=Span(start, start + len(publisher)),
    )


def locate_publisher(metadata: Metadata, text: str) -> Metadata:
    """Point ``publisher_span`` at the text's first mention of the publisher, if it names it."""
    if metadata.publisher_span is not None or not metadata.publisher:
        return metadata
    start = text.find(metadata.publisher)
    if start < 0:
        return metadata
    return replace(metadata, publisher_span=Span(start, start + len(metadata.publisher)))


# Front matter ---------------------------------------------------------------------------


def split_front_matter(source: str) -> tuple[Metadata, str]:
    """Metadata from a leading YAML (``---``) or TOML (``+++``) block, and the rest."""
    match = FRONT_MATTER.match(source)
    if match is None:
        return Metadata(), source
    body = match.group("body")
    data: object
    try:
        data = yaml.safe_load(body) if match.group("yaml") else tomllib.loads(body)
    except (yaml.YAMLError, tomllib.TOMLDecodeError, ValueError, RecursionError):
        # A thematic break followed by text is not front matter; leave it to the parser.
        return Metadata(), source
    if not isinstance(data, Mapping):
        return Metadata(), source
    return front_matter_metadata(data), source[match.end() :]


def front_matter_metadata(data: Mapping[Any, Any]) -> Metadata:
    fields = {str(key).lower().replace("-", "_"): value for key, value in data.items()}

    def first(keys: Iterable[str]) -> object:
        return next((fields[key] for key in keys if fields.get(key) not in (None, "")), None)

    return Metadata(
        title=plain(first(TITLE_KEYS)),
        date_published=iso_date(first(PUBLISHED_KEYS)),
        date_modified=iso_date(first(MODIFIED_KEYS)),
        publisher=name_of(first(PUBLISHER_KEYS)),
        authors=names(first(AUTHOR_KEYS)),
        url=plain(first(URL_KEYS)),
    )


def plain(value: object) -> str | None:
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        text = " ".join(str(value).split())
        return text or None
    return None


def name_of(value: object) -> str | None:
    """A name given as a string or as an object with a ``name`` (schema.org, front matter)."""
    if isinstance(value, Mapping):
        return plain(value.get("name"))
    if isinstance(value, list) and value:
        return name_of(value[0])
    return plain(value)


def names(value: object) -> tuple[str, ...]:
    # Only one level deep: YAML aliases can make a small file a huge nested structure.
    items = value if isinstance(value, list) else [value]
    found: list[str] = []
    for item in items:
        name = name_of(item) if not isinstance(item, list) else None
        if name and name not in found:
            found.append(name)
    return tuple(found)


# HTML head -------------------------------------------------------------------------------


def meta_tag_metadata(meta: Mapping[str, list[str]]) -> Metadata:
    """Metadata from ``<meta>`` tags, keyed by lower-cased ``name``/``property``."""

    def first(*keys: str) -> str | None:
        for key in keys:
            for value in meta.get(key, []):
                text = plain(value)
                if text:
                    return text
        return None

    authors: list[str] = []
    for key in ("citation_author", "author", "dc.creator", "dcterms.creator", "article:author"):
        for value in meta.get(key, []):
            text = plain(value)
            # article:author is often a profile URL, which names no one.
            if text and not text.startswith(("http://", "https://")) and text not in authors:
                authors.append(text)
        if authors:
            break
    return Metadata(
        title=first("citation_title", "og:title", "twitter:title", "dc.title", "dcterms.title"),
        date_published=iso_date(
            first(
                "article:published_time",
                "citation_publication_date",
                "citation_date",
                "dc.date",
                "dcterms.issued",
                "dcterms.created",
                "date",
                "pubdate",
                "publish-date",
                "datepublished",
                "og:published_time",
            )
        ),
        date_modified=iso_date(
            first(
                "article:modified_time",
                "og:updated_time",
                "dcterms.modified",
                "last-modified",
                "datemodified",
            )
        ),
        publisher=first(
            "og:site_name",
            "citation_publisher",
            "dc.publisher",
            "dcterms.publisher",
            "publisher",
            "application-name",
        ),
        authors=tuple(authors),
        url=first("og:url", "citation_abstract_html_url", "citation_fulltext_html_url"),
    )


def json_ld_metadata(blocks: Iterable[str]) -> Metadata:
    """Metadata from the best article-like node of the page's schema.org JSON-LD blocks."""
    nodes: list[Mapping[str, Any]] = []
    for block in blocks:
        try:
            data = json.loads(block)
        except (ValueError, RecursionError):
            continue  # a broken block on a web page is common and must not stop the read
        nodes.extend(walk_nodes(data))
    by_id = {node["@id"]: node for node in nodes if isinstance(node.get("@id"), str)}
    best: Mapping[str, Any] | None = None
    best_rank = len(ARTICLE_TYPES)
    for node in nodes:
        rank = min(
            (ARTICLE_TYPES.index(t) for t in types_of(node) if t in ARTICLE_TYPES),
            default=len(ARTICLE_TYPES),
        )
        if rank < best_rank:
            best, best_rank = node, rank
    if best is None:
        return Metadata()

    def resolve(value: object) -> object:
        if isinstance(value, Mapping) and set(value) == {"@id"}:
            return by_id.get(value["@id"], value)
        if isinstance(value, list):
            return [resolve(item) for item in value]
        return value

    url = best.get("url") or best.get("mainEntityOfPage")
    if isinstance(url, Mapping):
        url = url.get("@id") or url.get("url")
    return Metadata(
        title=plain(best.get("headline")) or plain(best.get("name")),
        date_published=iso_date(best.get("datePublished") or best.get("dateCreated")),
        date_modified=iso_date(best.get("dateModified")),
        publisher=name_of(resolve(best.get("publisher"))),
        authors=names(resolve(best.get("author"))),
        url=plain(url),
    )


def walk_nodes(data: object, depth: int = 0) -> Iterator[Mapping[str, Any]]:
    # Nested objects (an Article inside a WebPage's mainEntity) count too; depth keeps it finite.
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            yield from walk_nodes(item, depth + 1)
    elif isinstance(data, Mapping):
        if "@type" in data:
            yield data
        for key, value in data.items():
            if key == "@graph" or isinstance(value, Mapping | list):
                yield from walk_nodes(value, depth + 1)


def types_of(node: Mapping[str, Any]) -> list[str]:
    value = node.get("@type")
    values = value if isinstance(value, list) else [value]
    # "schema:Article" and "http://schema.org/Article" name the same type.
    return [v.rsplit("/", 1)[-1].rsplit(":", 1)[-1] for v in values if isinstance(v, str)]


def page_metadata(page: lxml_html.HtmlElement) -> tuple[Metadata, str | None]:
    """Metadata from JSON-LD, then ``<meta>`` tags; and the ``<title>`` text, a last resort."""
    meta: dict[str, list[str]] = {}
    for tag in page.iter("meta"):
        key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").lower()
        content = tag.get("content")
        if key and content:
            meta.setdefault(key.strip(), []).append(content)
    json_ld = [
        script.text or ""
        for script in page.iter("script")
        if (script.get("type") or "").strip().lower() == "application/ld+json"
    ]
    title_tag = page.find(".//title")
    title = " ".join(title_tag.text_content().split()) if title_tag is not None else None
    canonical = next(
        (
            link.get("href")
            for link in page.iter("link")
            if "canonical" in (link.get("rel") or "").lower().split() and link.get("href")
        ),
        None,
    )
    metadata = merge(json_ld_metadata(json_ld), meta_tag_metadata(meta), Metadata(url=canonical))
    return metadata, title or None
