"""HTML reader: a saved web page's main content, its metadata, and nothing else.

trafilatura finds the main content (dropping navigation, banners, ads, scripts and footers)
and hands it over as XML that keeps headings with their levels, nested lists and tables; the
XML is walked into the same plain lines as Markdown. Metadata comes from the page head:
``<meta>`` tags and schema.org JSON-LD, then ``<title>``. A "Last Updated on ... by ..." byline
that trafilatura drops as boilerplate is put back as the first line, because it is the one
place the text names the publisher (the Organization node needs evidence).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from configparser import ConfigParser

import trafilatura
from lxml import etree
from lxml import html as lxml_html
from trafilatura.settings import use_config

from articlekg.document import BlockKind, Document, Metadata
from articlekg.errors import InputError
from articlekg.read.markdown import PlainText, clean, finish
from articlekg.read.metadata import page_metadata
from articlekg.read.text import UPDATED

# An internal DTD subset can declare entities that expand exponentially ("billion laughs").
ENTITY_DECLARATION = re.compile(r"<!ENTITY|<!DOCTYPE[^>\[]*\[", re.IGNORECASE)
HEADING_REND = re.compile(r"h([1-6])")
BLOCK_TAGS = frozenset({"p", "head", "list", "table", "quote", "code", "div", "item"})
# Page parts that hold no byline of the article itself.
NOT_ARTICLE = ("nav", "footer", "aside", "script", "style", "noscript", "form", "template")
MAX_BYLINE_CHARS = 160
LINE_TAGS = frozenset(
    {"p", "div", "section", "article", "header", "main", "ul", "ol", "li", "table", "tr"}
    | {"td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "br"}
)
MIN_PARAGRAPH_CHARS = 80
MIN_SOURCE_WORDS = 4
"""Mean words per item of a list of sources; menus and tag lists have fewer."""


def refuse_entities(source: str, source_name: str) -> None:
    if ENTITY_DECLARATION.search(source):
        raise InputError(
            f"{source_name}: refusing HTML/XML that declares entities (a DOCTYPE internal "
            "subset or <!ENTITY>); save the page without them"
        )


def extractor_config() -> ConfigParser:
    config = use_config()
    # The default falls back to a flat text dump for pages under 250 characters, which loses
    # every heading and list; short articles are still articles.
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    config.set("DEFAULT", "MIN_OUTPUT_SIZE", "1")
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


def keep_reading_lists(page: lxml_html.HtmlElement) -> None:
    """Unlink lists of sources that sit among the article's paragraphs, so they survive.

    trafilatura deletes link-dense lists as navigation, which also deletes an article's list of
    sources (each item a link named after a study). Such a list has a real paragraph beside it
    and items of several words; menus, share buttons and tag lists have short items, and a
    table of contents links only within the page (its headings are read anyway).
    """
    for element in list(page.iter("ul", "ol")):
        parent = element.getparent()
        if parent is None or any(a.tag in NOT_ARTICLE for a in element.iterancestors()):
            continue
        links = list(element.iter("a"))
        items = [clean(item.text_content()) for item in element.iter("li")]
        if (
            not links
            or not items
            or all((link.get("href") or "").startswith("#") for link in links)
            or sum(len(item.split()) for item in items) < MIN_SOURCE_WORDS * len(items)
        ):
            continue
        if any(
            sibling.tag == "p" and len(clean(sibling.text_content())) >= MIN_PARAGRAPH_CHARS
            for sibling in parent
        ):
            for link in links:
                link.drop_tag()


def extract(page: lxml_html.HtmlElement) -> etree._Element | None:
    page = copy.deepcopy(page)  # trafilatura and keep_reading_lists change the tree
    keep_reading_lists(page)
    extracted = trafilatura.extract(
        page,
        output_format="xml",
        include_tables=True,
        include_links=True,
        include_comments=False,
        include_images=False,
        include_formatting=False,
        with_metadata=False,
        deduplicate=False,
        favor_recall=True,
        config=extractor_config(),
    )
    if not extracted:
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    root = etree.fromstring(extracted.encode("utf-8"), parser)
    return root.find("main")


def article_headings(page: lxml_html.HtmlElement) -> bool:
    return any(
        clean(heading.text_content())
        and not any(a.tag in NOT_ARTICLE for a in heading.iterancestors())
        for heading in page.iter("h1", "h2", "h3", "h4", "h5", "h6")
    )


def wrapped_body(page: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """The page with everything in ``<body>`` moved into one ``<article>``."""
    page = copy.deepcopy(page)
    body = page.find("body")
    if body is not None:
        article = etree.SubElement(body, "article")
        article.text, body.text = body.text, None
        for child in list(body):
            if child is not article:
                article.append(child)
        body.append(article)
    return page


def main_content(page: lxml_html.HtmlElement) -> etree._Element | None:
    main = extract(page)
    if main is not None and main.find("head") is None and article_headings(page):
        # Without a container it knows (article, main, class="content", ...) trafilatura
        # recovers paragraphs but drops every heading; inside an <article> it keeps them.
        retry = extract(wrapped_body(page))
        if retry is not None and retry.find("head") is not None:
            return retry
    return main


# trafilatura XML -> plain lines ------------------------------------------------------------


def inline(element: etree._Element, *, stop_at_blocks: bool = True) -> str:
    """The element's own words; ``<lb/>`` becomes a line break, nested blocks are left out."""
    pieces = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            pieces.append("\n")
        elif stop_at_blocks and child.tag in BLOCK_TAGS:
            pass  # walked as a block of its own
        else:
            pieces.append(inline(child, stop_at_blocks=stop_at_blocks))
        pieces.append(child.tail or "")
    return "".join(pieces)


def block_children(element: etree._Element) -> Iterator[etree._Element]:
    return (child for child in element if child.tag in BLOCK_TAGS)


def walk(element: etree._Element, built: PlainText, depth: int) -> None:
    tag = element.tag
    if tag == "head":
        match = HEADING_REND.fullmatch(element.get("rend", ""))
        level = int(match.group(1)) if match else 2
        built.add(
            BlockKind.HEADING, inline(element, stop_at_blocks=False).replace("\n", " "), level
        )
    elif tag == "list" and element.get("rend") == "dl":
        walk_definitions(element, built)
    elif tag == "list":
        ordered = element.get("rend") == "ol"
        number = 0
        for item in element:
            if item.tag != "item":
                continue
            number += 1
            walk_item(item, built, depth, number if ordered else None)
    elif tag == "table":
        walk_table(element, built)
    elif tag == "code":
        for code_line in inline(element, stop_at_blocks=False).splitlines():
            built.add(BlockKind.PARAGRAPH, code_line)
    else:  # p, quote, div, main: own words first, then nested blocks
        built.paragraphs(inline(element))
        for child in block_children(element):
            walk(child, built, depth)
            if child.tail and child.tail.strip():
                built.paragraphs(child.tail)


def walk_item(item: etree._Element, built: PlainText, depth: int, number: int | None) -> None:
    own = inline(item).replace("\n", " ")
    children = list(block_children(item))
    if not clean(own) and children and children[0].tag == "p":
        # <li><p>text</p>...</li>: the first paragraph is the item's text.
        own = inline(children.pop(0)).replace("\n", " ")
    built.item(own, depth, number)
    for child in children:
        walk(child, built, depth + 1)


def walk_definitions(element: etree._Element, built: PlainText) -> None:
    """``<dl>`` pairs as "term: definition" lines, the label/value shape the text reader knows."""
    term: str | None = None
    for item in element:
        content = clean(inline(item, stop_at_blocks=False).replace("\n", " "))
        if (item.get("rend") or "").startswith("dt"):
            if term is not None:
                built.add(BlockKind.PARAGRAPH, term)
            term = content
        elif term is not None and content:
            built.add(BlockKind.PARAGRAPH, f"{term.rstrip(':')}: {content}")
            term = None  # a second <dd> for the same term stands on its own line
        else:
            built.add(BlockKind.PARAGRAPH, content)
    if term is not None:
        built.add(BlockKind.PARAGRAPH, term)


def walk_table(table: etree._Element, built: PlainText) -> None:
    for index, row in enumerate(table.iter("row")):
        cells = [cell for cell in row if cell.tag == "cell"]
        header = index == 0 and bool(cells) and all(c.get("role") == "head" for c in cells)
        built.row([inline(cell, stop_at_blocks=False).replace("\n", " ") for cell in cells], header)


# Raw HTML inside Markdown -------------------------------------------------------------------

# HTML tag -> (trafilatura tag, attributes), so that walk() reads both alike.
FRAGMENT_TAGS: dict[str, tuple[str, dict[str, str]]] = {
    **{f"h{n}": ("head", {"rend": f"h{n}"}) for n in range(1, 7)},
    "p": ("p", {}),
    "ul": ("list", {"rend": "ul"}),
    "ol": ("list", {"rend": "ol"}),
    "dl": ("list", {"rend": "dl"}),
    "li": ("item", {}),
    "dt": ("item", {"rend": "dt"}),
    "dd": ("item", {"rend": "dd"}),
    "table": ("table", {}),
    "tr": ("row", {}),
    "th": ("cell", {"role": "head"}),
    "td": ("cell", {}),
    "br": ("lb", {}),
    "blockquote": ("quote", {}),
    "pre": ("code", {}),
}
CONTAINER_TAGS = frozenset({"div", "section", "article", "main", "figure", "aside", "details"})
SKIPPED_TAGS = frozenset({"script", "style", "template", "noscript", "head", "title", "nav"})


def as_walkable(element: etree._Element, into: etree._Element) -> None:
    """Copy ``element``'s content under ``into`` in trafilatura's vocabulary."""
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in SKIPPED_TAGS or not tag:
            target = into[-1] if len(into) else None
            if target is not None:
                target.tail = (target.tail or "") + (child.tail or "")
            else:
                into.text = (into.text or "") + (child.tail or "")
            continue
        if tag in ("thead", "tbody", "tfoot"):
            as_walkable(child, into)
            continue
        name, attributes = FRAGMENT_TAGS.get(tag, ("div" if tag in CONTAINER_TAGS else "hi", {}))
        copy_ = etree.SubElement(into, name, attributes)
        copy_.text = child.text
        as_walkable(child, copy_)
        copy_.tail = child.tail


# Characters XML 1.0 forbids: lxml refuses to put them into the tree the walker reads.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def walk_html_fragment(fragment: str, built: PlainText, source_name: str) -> None:
    """Raw HTML blocks of a Markdown file: their words and structure, no scripts or styles."""
    refuse_entities(fragment, source_name)
    fragment = NOT_XML.sub(" ", fragment)  # control characters show nothing on the page
    if not fragment.strip():
        return
    parser = lxml_html.HTMLParser(no_network=True)
    parsed = lxml_html.fragment_fromstring(fragment, create_parent="div", parser=parser)
    refuse_lost_depth(parser, source_name, lines=False)
    root = etree.Element("div")
    root.text = parsed.text
    as_walkable(parsed, root)
    walk(root, built, 0)


# Page head and byline -----------------------------------------------------------------------


def refuse_lost_depth(parser: etree.HTMLParser, source_name: str, *, lines: bool) -> None:
    """libxml2 stops reading at its depth limit (256 elements) and keeps what it has, so
    the innermost text and everything after it would vanish without a word. ``lines``:
    whether the parser's line numbers are the file's."""
    for entry in parser.error_log:
        if entry.type_name == "ERR_RESOURCE_LIMIT":
            where = f" line {entry.line}:" if lines else ""
            raise InputError(
                f"{source_name}:{where} HTML nested too deep for the parser "
                f"({entry.message.split(',')[0].rstrip('.')}); the text inside would be lost"
            )


def parse_page(source: str, source_name: str = "page") -> lxml_html.HtmlElement:
    # lxml refuses str input that carries an XML encoding declaration; bytes are fine.
    parser = lxml_html.HTMLParser(encoding="utf-8", no_network=True)
    page = lxml_html.document_fromstring(source.encode("utf-8"), parser=parser)
    refuse_lost_depth(parser, source_name, lines=True)
    return page


def page_heading(
    page: lxml_html.HtmlElement, metadata: Metadata, title_tag: str | None
) -> str | None:
    """The ``<h1>`` that names the article, not the site; None when that is unclear.

    It must be the headline the metadata gives, or begin the ``<title>`` ("Headline | Site"),
    or be the only h1 inside ``<article>``/``<main>``, or the page's only h1 if it names no
    title anywhere. A site's logo is often an h1 too, outside the article.
    """
    candidates: list[str] = []
    in_article: list[str] = []
    for heading in page.iter("h1"):
        ancestors = list(heading.iterancestors())
        text = clean(heading.text_content())
        if (
            not text
            or text == metadata.publisher
            or any(a.tag in NOT_ARTICLE for a in ancestors)
            or text in candidates
        ):
            continue
        candidates.append(text)
        if any(a.tag in ("article", "main") for a in ancestors):
            in_article.append(text)
    for text in candidates:
        if metadata.title is not None and text.casefold() == metadata.title.casefold():
            return text
        if title_tag is not None and title_tag.casefold().startswith(text.casefold()):
            return text
    if len(in_article) == 1:
        return in_article[0]
    if metadata.title is None and title_tag is None and len(candidates) == 1:
        return candidates[0]
    return None


def find_byline(page: lxml_html.HtmlElement, shown: set[str]) -> str | None:
    """A short "Updated/Published on <date> by <name>" line before the article's body text.

    ``shown`` holds the extracted lines: the first long paragraph among them starts the body.
    Later bylines belong to comments or related posts; nav, footers and asides never count.
    """
    body = page.find("body")
    if body is None:
        return None
    for element in body.iter():
        if not isinstance(element.tag, str) or element.tag in NOT_ARTICLE:
            continue
        if any(a.tag in NOT_ARTICLE for a in element.iterancestors()):
            continue
        text = clean(element.text_content())
        if element.tag == "p" and len(text) >= MIN_PARAGRAPH_CHARS and text in shown:
            return None  # the body has begun
        # Only innermost blocks: a container's text runs its children's lines together.
        if any(isinstance(d.tag, str) and d.tag in LINE_TAGS for d in element.iterdescendants()):
            continue
        if len(text) < MAX_BYLINE_CHARS and UPDATED.fullmatch(text):
            return text
    return None


def read_html_document(source: str, source_name: str, stem: str) -> Document:
    refuse_entities(source, source_name)
    page = parse_page(source, source_name)
    metadata, title_tag = page_metadata(page)
    main = main_content(page)
    extracted = PlainText()
    if main is not None:
        walk(main, extracted, 0)
    shown = {extracted.text[line.span.start : line.span.end] for line in extracted.lines}
    # trafilatura drops an article header's h1 and byline as boilerplate; they are the page's
    # own words (title, publisher), so they come back as the first lines.
    built = PlainText()
    heading = page_heading(page, metadata, title_tag)
    if heading is not None and heading not in shown:
        built.add(BlockKind.HEADING, heading, 1)
    byline_text = find_byline(page, shown)
    if byline_text is not None and byline_text not in shown:
        built.add(BlockKind.PARAGRAPH, byline_text)
    if built.lines:
        if main is not None:
            walk(main, built, 0)
    else:
        built = extracted
    return finish(
        built, metadata, source_name, stem, "text/html", fallback=Metadata(title=title_tag)
    )
