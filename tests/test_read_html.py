"""The HTML reader: main content only, structure kept, metadata from the page head."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from articlekg.document import BlockKind, Document
from articlekg.errors import InputError
from articlekg.read import read_document
from articlekg.read.html import read_html_document

SEED_HTML = Path(__file__).parent / "fixtures" / "seed.html"


def read(source: str) -> Document:
    return read_html_document(source, "page.html", "page")


def shape(document: Document) -> list[tuple[str, int, str]]:
    return [(b.kind.value, b.level, document.slice(b.span)) for b in document.blocks]


def page(body: str, head: str = "") -> str:
    head = f"<meta charset='utf-8'>{head}"
    return f"<!DOCTYPE html>\n<html><head>{head}</head><body>{body}</body></html>"


ARTICLE = """
<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/shop">Shop</a></li></ul></nav>
<div class="cookie-banner">We use cookies to improve your experience.
<button>Accept cookies</button></div>
<article>
<h1>Yoga improves sleep in cancer survivors</h1>
<p>A randomized trial of <a href="/yocas">YOCAS yoga</a> found better sleep quality after
four weeks of classes for people who had finished cancer treatment.</p>
<h2>What the study did</h2>
<ul>
  <li>Yoga group: two 75-minute classes a week
    <ul><li>gentle postures</li><li>breathing</li></ul>
  </li>
  <li>Control group: usual care</li>
</ul>
<h3>Results table</h3>
<table>
  <thead><tr><th>Measure</th><th>Yoga</th><th>Control</th></tr></thead>
  <tbody>
    <tr><td>Sleep quality</td><td>improved</td><td>unchanged</td></tr>
    <tr><td>Fatigue</td><td>lower</td><td>unchanged</td></tr>
  </tbody>
</table>
<ol><li>Talk to your doctor</li><li>Find a certified teacher</li></ol>
</article>
<div class="ad advertisement">Advertisement: Buy the best yoga mats now!</div>
<footer><p>Copyright 2024 Cancer News. All rights reserved.</p></footer>
<script>window.tracker = "should not appear";</script>
<style>.x { color: red }</style>
"""


def test_main_content_keeps_structure_and_drops_the_rest() -> None:
    document = read(page(ARTICLE))
    assert shape(document) == [
        ("title", 1, "Yoga improves sleep in cancer survivors"),
        (
            "paragraph",
            0,
            "A randomized trial of YOCAS yoga found better sleep quality after four weeks of "
            "classes for people who had finished cancer treatment.",
        ),
        ("heading", 2, "What the study did"),
        ("list_item", 0, "Yoga group: two 75-minute classes a week"),
        ("list_item", 1, "gentle postures"),
        ("list_item", 1, "breathing"),
        ("list_item", 0, "Control group: usual care"),
        ("heading", 3, "Results table"),
        ("table_row", 0, "| Measure | Yoga | Control |"),
        ("meta", 0, "|---|---|---|"),
        ("table_row", 0, "| Sleep quality | improved | unchanged |"),
        ("table_row", 0, "| Fatigue | lower | unchanged |"),
        ("list_item", 0, "Talk to your doctor"),
        ("list_item", 0, "Find a certified teacher"),
    ]
    text = document.text
    for boilerplate in ("Home", "cookies", "Advertisement", "Copyright", "tracker", "color"):
        assert boilerplate not in text
    assert "1. Talk to your doctor" in text and "  - gentle postures" in text
    header = document.blocks[8]
    assert header.header_row
    assert [document.slice(c) for c in header.cells] == ["Measure", "Yoga", "Control"]
    assert document.media_type == "text/html"


def test_headings_survive_a_page_without_a_content_container() -> None:
    document = read(page("<h1>Acupuncture</h1><p>Needles were used.</p><h2>Risks</h2><p>Few.</p>"))
    assert shape(document) == [
        ("title", 1, "Acupuncture"),
        ("paragraph", 0, "Needles were used."),
        ("heading", 2, "Risks"),
        ("paragraph", 0, "Few."),
    ]


def test_line_breaks_split_lines_and_label_value_lines_are_classified() -> None:
    document = read(page("<main><p>Sample size: 72<br>Ages: 27 to 81</p></main>"))
    assert shape(document) == [
        ("label_value", 0, "Sample size: 72"),
        ("label_value", 0, "Ages: 27 to 81"),
    ]


def test_a_list_of_sources_is_kept_but_contents_share_and_tag_lists_are_not() -> None:
    body = """<main><article>
<h1>Acupuncture for nausea</h1>
<p>In this article we look at the evidence for acupuncture in chemotherapy-induced nausea and
what patients can expect.</p>
<ul class="toc-list"><li><a href="#what">What acupuncture is and how it works</a></li>
<li><a href="#evidence">What the evidence says about nausea</a></li></ul>
<h2 id="what">What acupuncture is and how it works</h2>
<p>Acupuncture uses fine needles placed at points on the body. It is offered in many cancer
centres as an add-on to antiemetics.</p>
<ul><li><a href="https://facebook.example/share">Facebook</a></li>
<li><a href="https://x.example/share">X</a></li><li><a href="mailto:?body=x">Email</a></li></ul>
<h2 id="evidence">What the evidence says about nausea</h2>
<p>Trials suggest acupressure at the P6 point may reduce nausea, but the quality of evidence is
low and results vary between studies.</p>
<p>Sources used for this article, with links to the original studies, are listed here:</p>
<ol><li><a href="https://example.org/a">Acupuncture for chemotherapy-induced nausea: a
randomized trial</a></li>
<li><a href="https://example.org/b">P6 acupressure for nausea and vomiting – Cochrane
review</a></li></ol>
<ul class="tags"><li><a href="/tag/nausea">Nausea</a></li>
<li><a href="/tag/acupuncture">Acupuncture</a></li></ul>
</article></main>"""
    document = read(page(body))
    kinds = [(kind, text) for kind, _, text in shape(document)]
    assert [text for kind, text in kinds if kind == "list_item"] == [
        "Acupuncture for chemotherapy-induced nausea: a randomized trial",
        "P6 acupressure for nausea and vomiting – Cochrane review",
    ]
    assert [text for kind, text in kinds if kind == "heading"] == [
        "What acupuncture is and how it works",
        "What the evidence says about nausea",
    ]
    assert "Facebook" not in document.text and "Email" not in document.text
    # The table of contents would repeat each heading; the tag list would end the text.
    assert document.text.count("What acupuncture is and how it works") == 1
    assert document.text.splitlines()[-1] == (
        "2. P6 acupressure for nausea and vomiting – Cochrane review"
    )


def test_metadata_from_meta_tags_and_title() -> None:
    head = (
        "<title>Yoga and sleep | Cancer News</title>"
        '<meta property="og:title" content="Yoga improves sleep">'
        '<meta property="og:site_name" content="Cancer News">'
        '<meta property="article:published_time" content="2024-03-01T23:30:00-05:00">'
        '<meta property="article:modified_time" content="2024-04-02">'
        '<meta name="author" content="Jane Doe">'
        '<meta property="article:author" content="https://example.org/jane">'
        '<link rel="canonical" href="https://example.org/yoga-sleep">'
    )
    document = read(page("<article><p>Cancer News reports on yoga and sleep.</p></article>", head))
    metadata = document.metadata
    assert metadata.title == "Yoga improves sleep"
    # The date as the page states it, not shifted to UTC.
    assert metadata.date_published == "2024-03-01"
    assert metadata.date_modified == "2024-04-02"
    assert metadata.publisher == "Cancer News"
    assert metadata.authors == ("Jane Doe",)
    assert metadata.url == "https://example.org/yoga-sleep"
    assert metadata.publisher_span is not None
    assert document.slice(metadata.publisher_span) == "Cancer News"


def test_title_tag_is_the_last_resort() -> None:
    document = read(page("<article><p>Words.</p></article>", "<title> Plain  title </title>"))
    assert document.metadata.title == "Plain title"


def test_json_ld_wins_over_meta_tags_and_resolves_graph_references() -> None:
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "Organization", "@id": "#org", "name": "MASSAGE Magazine"},
            {"@type": "WebPage", "@id": "https://example.org/p", "name": "Page name"},
            {
                "@type": ["Article", "MedicalWebPage"],
                "headline": "Massage for bone pain",
                "author": [{"@type": "Person", "name": "Ann Lee"}, "Bo Chen"],
                "datePublished": "2025-11-15T08:00:00+00:00",
                "dateModified": "2025-11-20",
                "publisher": {"@id": "#org"},
                "mainEntityOfPage": {"@id": "https://example.org/p"},
            },
        ],
    }
    head = (
        '<meta property="og:title" content="Other title">'
        '<meta property="og:site_name" content="Other site">'
        '<script type="application/ld+json">{ not json </script>'
        f'<script type="application/ld+json">{json.dumps(graph)}</script>'
    )
    metadata = read(page("<article><p>Text.</p></article>", head)).metadata
    assert metadata.title == "Massage for bone pain"
    assert metadata.authors == ("Ann Lee", "Bo Chen")
    assert metadata.date_published == "2025-11-15"
    assert metadata.date_modified == "2025-11-20"
    assert metadata.publisher == "MASSAGE Magazine"
    assert metadata.url == "https://example.org/p"
    # The publisher is not named in the text, so there is nothing to point at.
    assert metadata.publisher_span is None


def test_a_byline_dropped_as_boilerplate_comes_back_as_the_first_line() -> None:
    body = (
        '<article><header><p class="byline">Last Updated on November 15, 2025 by '
        '<a href="/author">MASSAGE Magazine</a></p></header>'
        "<h2>Understanding pain</h2><p>Bone pain is common in advanced cancer.</p></article>"
        "<footer><p>Updated on May 1, 2020 by Footer Bot</p></footer>"
    )
    document = read(page(body))
    assert shape(document)[0] == (
        "meta",
        0,
        "Last Updated on November 15, 2025 by MASSAGE Magazine",
    )
    assert shape(document)[1:] == [
        ("heading", 2, "Understanding pain"),
        ("paragraph", 0, "Bone pain is common in advanced cancer."),
    ]
    metadata = document.metadata
    assert metadata.date_modified == "2025-11-15"
    assert metadata.publisher == "MASSAGE Magazine"
    assert metadata.publisher_span is not None
    assert document.slice(metadata.publisher_span) == "MASSAGE Magazine"
    assert "Footer Bot" not in document.text


@pytest.mark.parametrize(
    "declaration",
    [
        '<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa">]>',
        '<!doctype html [\n<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">\n]>',
        '<!ENTITY x "y">',
    ],
)
def test_entity_declarations_are_refused(declaration: str) -> None:
    source = f"{declaration}<html><body><p>&a; text</p></body></html>"
    with pytest.raises(InputError, match="entit"):
        read(source)


def test_an_xml_declaration_and_plain_doctype_are_fine() -> None:
    source = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><body><main><h2>Ok</h2><p>Fine &amp; well.</p>'
        "</main></body></html>"
    )
    assert shape(read(source)) == [("heading", 2, "Ok"), ("paragraph", 0, "Fine & well.")]


def test_pages_without_text_and_empty_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no article text"):
        read(page("<div><img src='chart.png'></div><script>var a = 1;</script><style>p{}</style>"))
    empty = tmp_path / "empty.html"
    empty.write_text("\n", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        read_document(empty)


def test_read_document_picks_the_html_reader_by_suffix(tmp_path: Path) -> None:
    for suffix in (".html", ".htm"):
        path = tmp_path / f"page{suffix}"
        path.write_text(page(ARTICLE), encoding="utf-8")
        document = read_document(path)
        assert document.media_type == "text/html"
        assert document.source_name == f"page{suffix}"
        assert document.blocks[0].kind is BlockKind.TITLE


def test_seed_page_metadata_and_boilerplate() -> None:
    document = read_document(SEED_HTML)
    metadata = document.metadata
    assert metadata.title == "Massage Therapy for Metastatic Bone Pain: What the Evidence Shows"
    assert metadata.date_published == "2025-11-15"
    assert metadata.publisher == "MASSAGE Magazine"
    assert metadata.authors == ("MASSAGE Magazine",)
    assert metadata.url == "https://example.org/massage-metastatic-bone-pain/"
    for boilerplate in (
        "cookies",
        "Advertisement",
        "Massage tables on sale",
        "Continuing Education",
        "You may also like",
        "Hot Stone",
        "Share on",
        "All rights reserved",
        "dataLayer",
        "Sponsored",
        "Posted in",
    ):
        assert boilerplate not in document.text, boilerplate


def test_same_bytes_in_same_document_out() -> None:
    source = SEED_HTML.read_text(encoding="utf-8")
    assert read(source) == read(source)


def test_an_article_header_h1_dropped_by_extraction_comes_back_as_the_title() -> None:
    body = (
        '<header class="site-header"><h1 class="site-title">Cancer News</h1></header>'
        '<div id="content"><article><header class="entry-header">'
        '<h1 class="entry-title">Massage versus simple touch in advanced cancer</h1>'
        '<div class="entry-meta">Posted on September 16, 2008 by Cancer News</div></header>'
        '<div class="entry-content"><p>Massage is increasingly applied to relieve symptoms in '
        "patients with cancer, but evidence of its efficacy is limited.</p></div></article></div>"
    )
    head = "<title>Massage study | Cancer News</title>"
    document = read(page(body, head))
    assert shape(document) == [
        ("title", 1, "Massage versus simple touch in advanced cancer"),
        ("meta", 0, "Posted on September 16, 2008 by Cancer News"),
        (
            "paragraph",
            0,
            "Massage is increasingly applied to relieve symptoms in patients with cancer, "
            "but evidence of its efficacy is limited.",
        ),
    ]
    metadata = document.metadata
    assert metadata.title == "Massage versus simple touch in advanced cancer"
    assert metadata.date_published == "2008-09-16"
    assert document.text.count("Cancer News") == 1  # the site banner's h1 stays out


def test_definition_lists_become_label_value_lines() -> None:
    body = (
        "<main><p>Trial facts, as the registry lists them for this randomized study:</p><dl>"
        "<dt>Design</dt><dd>Randomized trial</dd><dt>Setting:</dt><dd>15 hospices</dd>"
        "<dt>Funding</dt></dl></main>"
    )
    document = read(page(body))
    assert shape(document)[1:] == [
        ("label_value", 0, "Design: Randomized trial"),
        ("label_value", 0, "Setting: 15 hospices"),
        ("paragraph", 0, "Funding"),
    ]


def test_a_page_saved_in_its_declared_legacy_charset_is_read(tmp_path: Path) -> None:
    path = tmp_path / "legacy.html"
    source = page("<main><h2>Café</h2><p>72 naïve patients – all adults.</p></main>")
    path.write_bytes(
        source.replace("utf-8", "windows-1252").encode("windows-1252"),
    )
    document = read_document(path)
    assert shape(document) == [
        ("heading", 2, "Café"),
        ("paragraph", 0, "72 naïve patients – all adults."),
    ]
    undeclared = tmp_path / "undeclared.html"
    undeclared.write_bytes("<p>Café</p>".encode("windows-1252"))
    with pytest.raises(InputError, match="not UTF-8"):
        read_document(undeclared)


def json_ld_page(*blocks: object) -> str:
    scripts = "".join(
        f'<script type="application/ld+json">{json.dumps(block)}</script>' for block in blocks
    )
    return page("<article><p>Text of the article.</p></article>", scripts)


def test_json_ld_prefers_the_article_node_over_the_page_and_reads_nested_nodes() -> None:
    webpage = {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": "Page | Site",
        "datePublished": "2020-01-01",
        "mainEntity": {
            "@type": "schema:NewsArticle",
            "headline": "  Yoga  eases  fatigue ",
            "datePublished": "March 4, 2025",
            "author": {"@type": "Organization", "name": "Health Desk"},
            "publisher": "Loudoun News",
            "url": "https://example.org/yoga",
        },
    }
    metadata = read(json_ld_page(webpage)).metadata
    assert metadata.title == "Yoga eases fatigue"
    assert metadata.date_published == "2025-03-04"
    assert metadata.authors == ("Health Desk",)
    assert metadata.publisher == "Loudoun News"
    assert metadata.url == "https://example.org/yoga"


def test_json_ld_without_an_article_node_leaves_meta_tags_in_charge() -> None:
    organisation = {"@context": "https://schema.org", "@type": "Organization", "name": "Org"}
    head_meta = '<meta property="og:site_name" content="Site Name">'
    source = json_ld_page(organisation).replace("<meta charset='utf-8'>", head_meta)
    metadata = read(source).metadata
    assert metadata.publisher == "Site Name"
    assert metadata.title is None


def test_dates_that_are_not_dates_are_left_out() -> None:
    article = {"@type": "Article", "headline": "H", "datePublished": "2024-02-30"}
    metadata = read(json_ld_page(article)).metadata
    assert metadata.date_published is None
    assert metadata.title == "H"


def test_a_logo_h1_and_a_commenters_byline_stay_out() -> None:
    body = (
        '<div class="logo"><h1><a href="/">Health Site</a></h1></div>'
        '<div class="content"><h2>Yoga and sleep</h2><p>Yoga classes improved sleep quality '
        "for cancer survivors in a trial of several hundred people across many centres.</p>"
        '<div class="comment"><p>Posted on May 1, 2020 by Reader Bob</p><p>Great read!</p></div>'
        "</div>"
    )
    document = read(page(body, "<title>Yoga and sleep | Health Site</title>"))
    assert document.blocks[0].kind is BlockKind.HEADING
    assert "Health Site" not in document.text
    assert document.metadata.publisher is None
    assert all(b.kind is not BlockKind.META for b in document.blocks)
    assert document.metadata.title == "Yoga and sleep | Health Site"


def test_deeply_nested_json_ld_is_ignored_not_fatal() -> None:
    nested = "[" * 100_000 + "]" * 100_000
    source = page(
        "<main><p>Hi there.</p></main>", f'<script type="application/ld+json">{nested}</script>'
    )
    document = read(source)
    assert document.text == "Hi there."
    assert document.metadata.title is None
