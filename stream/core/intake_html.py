"""Extract an article from HTML with selectolax: title, date, paragraphs; drop boilerplate."""

from __future__ import annotations

import re
from datetime import datetime

from selectolax.lexbor import LexborHTMLParser, LexborNode

from stream.core.intake_dates import parse_datetime
from stream.core.intake_documents import ParsedDocument
from stream.core.text import normalise_space

__all__ = ["html_to_text", "looks_like_html", "looks_like_html_page", "parse_html_page"]

_TAG = re.compile(
    r"<(?:/?(?:p|br|div|span|a|b|i|em|strong|ul|ol|li|h[1-6]|blockquote|table|tr|td|article|"
    r"section|img|figure|header|footer|nav|script|style|html|body|head)\b[^<>]{0,2000}?/?>|!--)",
    re.IGNORECASE,
)
_PAGE_START = re.compile(r"\s*(?:<!doctype\s+html|<html\b|<head\b|<body\b|<!--)", re.IGNORECASE)
_BOILERPLATE = (
    "script, style, noscript, template, nav, header, footer, aside, form, iframe, svg, "
    "button, select, figure, menu, dialog, object, embed, canvas"
)
_NOISE_WORDS = re.compile(
    r"\b(?:share|social|related|comment|cookie|newsletter|advert|ads?|promo|breadcrumbs?|menu|"
    r"sidebar|subscribe|footer|nav|navbar|banner|popup|modal|widget|tags|byline-share)\b",
    re.IGNORECASE,
)
_BLOCKS = "p, h2, h3, h4, h5, h6, li, blockquote, pre, dd, td"
_PARAGRAPH_TAGS = frozenset(tag.strip() for tag in _BLOCKS.split(","))
_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    ]
)
# Private-use markers for <br> and block ends, so that source newlines stay plain spaces.
_LINE_BREAK = "\ue000"
_PARAGRAPH_BREAK = "\ue001"
_ROOTS = ("[itemprop=articleBody]", "article", "main", "[role=main]", "body")
_DATE_SELECTORS = (
    ("meta[property='article:published_time']", "content"),
    ("meta[itemprop=datePublished]", "content"),
    ("meta[name=pubdate]", "content"),
    ("meta[name=date]", "content"),
    ("meta[name='dc.date']", "content"),
    ("time[datetime]", "datetime"),
)
_TITLE_SELECTORS = (
    ("meta[property='og:title']", "content"),
    ("meta[name='twitter:title']", "content"),
)


def looks_like_html(text: str) -> bool:
    """True when text contains HTML tags (a page or a marked-up fragment)."""
    return _TAG.search(text) is not None


def looks_like_html_page(text: str) -> bool:
    """True when text starts like a whole HTML page."""
    return _PAGE_START.match(text) is not None


def html_to_text(markup: str) -> str:
    """Convert an HTML fragment or page to plain paragraphs separated by blank lines."""
    tree = LexborHTMLParser(markup)
    root = tree.body or tree.root
    return "\n\n".join(_paragraphs(root)) if root is not None else ""


def parse_html_page(markup: str, *, now: datetime | None = None) -> ParsedDocument:
    """Read the title, date, source, URL, language and body paragraphs of an HTML page."""
    tree = LexborHTMLParser(markup)
    document = ParsedDocument()
    document.title = _title(tree)
    document.published_at = _published(tree, now)
    document.source = _attribute(tree, "meta[property='og:site_name']", "content")
    document.url = _attribute(tree, "link[rel=canonical]", "href") or _attribute(
        tree, "meta[property='og:url']", "content"
    )
    language = _attribute(tree, "html", "lang")
    if language and re.fullmatch(r"[A-Za-z]{2}(?:[-_].*)?", language):
        document.language = language[:2].lower()
    root = next((node for node in map(tree.css_first, _ROOTS) if node is not None), None)
    paragraphs = _paragraphs(root) if root is not None else []
    if paragraphs and paragraphs[0] == document.title:
        paragraphs = paragraphs[1:]
    document.body = "\n\n".join(paragraphs)
    document.warnings.append("converted from HTML")
    return document


def _attribute(tree: LexborHTMLParser, selector: str, name: str) -> str | None:
    """The stripped value of `name` on the first node matching `selector`, if non-empty."""
    node = tree.css_first(selector)
    value = node.attributes.get(name) if node is not None else None
    return normalise_space(value) or None if value else None


def _title(tree: LexborHTMLParser) -> str:
    """The page headline: the article's h1, og/twitter title, or the <title> element."""
    for root in ("article h1", "main h1", "h1"):
        node = tree.css_first(root)
        if node is not None and normalise_space(node.text(separator=" ")):
            return normalise_space(node.text(separator=" "))
    for selector, name in _TITLE_SELECTORS:
        value = _attribute(tree, selector, name)
        if value:
            return value
    node = tree.css_first("title")
    return normalise_space(node.text()) if node is not None else ""


def _published(tree: LexborHTMLParser, now: datetime | None) -> datetime | None:
    """The first readable publication date in the page's metadata."""
    for selector, name in _DATE_SELECTORS:
        value = _attribute(tree, selector, name)
        parsed = parse_datetime(value, now=now) if value else None
        if parsed is not None:
            return parsed
    return None


def _paragraphs(root: LexborNode) -> list[str]:
    """Body paragraphs under root, boilerplate removed; falls back to line-broken text."""
    for node in root.css(_BOILERPLATE):
        node.decompose()
    for node in root.css("[class], [id]"):
        label = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
        if _NOISE_WORDS.search(label.replace("-", " ").replace("_", " ")):
            node.decompose()
    for node in root.css("br"):
        node.replace_with(_LINE_BREAK)
    blocks = [node for node in root.css(_BLOCKS) if not _inside_block(node, root)]
    if blocks:
        texts = [node.text(separator="") for node in blocks]
    else:
        for node in root.css("*"):
            if node.tag in _BLOCK_TAGS:
                node.insert_after(_PARAGRAPH_BREAK)
        texts = [root.text(separator="")]
    paragraphs: list[str] = []
    for text in texts:
        for part in text.split(_PARAGRAPH_BREAK):
            lines = (normalise_space(line) for line in part.split(_LINE_BREAK))
            paragraph = "\n".join(line for line in lines if line)
            if paragraph:
                paragraphs.append(paragraph)
    return paragraphs


def _inside_block(node: LexborNode, root: LexborNode) -> bool:
    """True when an ancestor of node below root is itself a paragraph-level block."""
    parent = node.parent
    while parent is not None and parent != root:
        if parent.tag in _PARAGRAPH_TAGS:
            return True
        parent = parent.parent
    return False
