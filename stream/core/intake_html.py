"""Extract an article from HTML with selectolax: title, date, paragraphs; drop boilerplate."""

from __future__ import annotations

import html
import re
from datetime import datetime

from selectolax.lexbor import LexborHTMLParser, LexborNode

from schemas import RelatedHeadline
from stream.core.intake_dates import parse_datetime
from stream.core.intake_documents import ParsedDocument
from stream.core.text import normalise_space

__all__ = [
    "BODY_CONVERTED",
    "PAGE_CONVERTED",
    "html_to_text",
    "looks_like_html",
    "looks_like_html_page",
    "parse_html_page",
]

PAGE_CONVERTED = "converted from HTML"
BODY_CONVERTED = "body converted from HTML"
_TAG = re.compile(
    r"<(?:/?(?:p|br|div|span|a|b|i|em|strong|ul|ol|li|h[1-6]|blockquote|table|tr|td|article|"
    r"section|img|figure|header|footer|nav|script|style|html|body|head)\b[^<>]{0,2000}?/?>|!--)",
    re.IGNORECASE,
)
_PAGE_START = re.compile(r"\s*(?:<!doctype\s+html|<html\b|<head\b|<body\b|<!--)", re.IGNORECASE)
_BOILERPLATE = (
    "script, style, noscript, template, nav, header, footer, aside, form, iframe, svg, "
    "button, select, figure, menu, dialog, object, embed, canvas, title, textarea, xmp, noembed, "
    "noframes"
)
_NOISE_TOKEN = re.compile(
    r"(?:share|sharing|social|related|comments?|cookies?|newsletter|advert\w*|ads?|promo\w*|"
    r"breadcrumbs?|sidebar|subscribe|popup|modal|banner|tags|byline-share)(?:[-_].*)?",
    re.IGNORECASE,
)
_KEEP_TAGS = frozenset({"html", "body", "main", "article"})
_PARAGRAPH_TAGS = frozenset({"p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd"})
_BLOCK_TAGS = frozenset(
    {
        *_PARAGRAPH_TAGS,
        *("address", "article", "aside", "div", "dl", "dt", "fieldset", "figcaption", "footer"),
        *("form", "h1", "header", "hr", "main", "nav", "ol", "section", "table", "td", "th"),
        *("tr", "ul"),
    }
)
# Tags that close themselves or others implicitly, left out of the nesting estimate.
_UNCOUNTED = frozenset(
    {
        *("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"),
        *("source", "track", "wbr", "p", "li", "dt", "dd", "option", "tr", "td", "th"),
    }
)
_TAG_NAME = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]{0,30})")
_ANY_TAG = re.compile(r"<[^<>]*>")
# lexbor's tree building slows down quadratically with nesting depth (about 0.5 s at 20,000
# nested divs); deeper markup is stripped with a regular expression instead.
_MAX_NESTING = 512
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
_MIN_RELATED_WORDS = 3


def looks_like_html(text: str) -> bool:
    """True when text contains HTML tags (a page or a marked-up fragment)."""
    return _TAG.search(text) is not None


def looks_like_html_page(text: str) -> bool:
    """True when text starts like a whole HTML page."""
    return _PAGE_START.match(text) is not None


def html_to_text(markup: str) -> str:
    """Convert an HTML fragment or page to plain paragraphs separated by blank lines."""
    if _nesting_depth(markup) > _MAX_NESTING:
        return _strip_tags(markup)
    tree = LexborHTMLParser(markup)
    root = tree.body or tree.root
    return "\n\n".join(_paragraphs(root)) if root is not None else ""


def parse_html_page(markup: str, *, now: datetime | None = None) -> ParsedDocument:
    """Read the title, date, source, URL, language and body paragraphs of an HTML page."""
    document = ParsedDocument(warnings=[PAGE_CONVERTED])
    if _nesting_depth(markup) > _MAX_NESTING:
        document.warnings.append(f"HTML nested over {_MAX_NESTING} deep: tags stripped")
        document.body = _strip_tags(markup)
        return document
    tree = LexborHTMLParser(markup)
    document.title = _title(tree)
    document.published_at = _published(tree, now)
    document.source = _attribute(tree, "meta[property='og:site_name']", "content")
    document.url = _attribute(tree, "link[rel=canonical]", "href") or _attribute(
        tree, "meta[property='og:url']", "content"
    )
    language = _attribute(tree, "html", "lang")
    if language and re.fullmatch(r"[A-Za-z]{2}(?:[-_].*)?", language):
        document.language = language[:2].lower()
    document.related = _related_links(tree)
    root = next((node for node in map(tree.css_first, _ROOTS) if node is not None), None)
    paragraphs = _paragraphs(root) if root is not None else []
    if paragraphs and paragraphs[0] == document.title:
        paragraphs = paragraphs[1:]
    document.body = "\n\n".join(paragraphs)
    return document


def _nesting_depth(markup: str) -> int:
    """Estimate the deepest element nesting from start and end tags (linear, no parsing)."""
    depth = deepest = 0
    for match in _TAG_NAME.finditer(markup):
        if match[2].lower() in _UNCOUNTED:
            continue
        depth = max(0, depth - 1) if match[1] else depth + 1
        deepest = max(deepest, depth)
    return deepest


def _strip_tags(markup: str) -> str:
    """Plain text of markup too deep to parse: tags dropped, entities decoded."""
    return "\n\n".join(
        paragraph
        for paragraph in (normalise_space(html.unescape(line)) for line in _ANY_TAG.split(markup))
        if paragraph
    )


def _attribute(tree: LexborHTMLParser, selector: str, name: str) -> str | None:
    """The whitespace-normalised value of `name` on the first node matching `selector`."""
    node = tree.css_first(selector)
    value = node.attributes.get(name) if node is not None else None
    return normalise_space(value) or None if value else None


def _title(tree: LexborHTMLParser) -> str:
    """The page headline: the article's h1, og/twitter title, or the <title> element."""
    for selector in ("article h1", "main h1", "h1"):
        node = tree.css_first(selector)
        text = normalise_space(node.text(separator=" ")) if node is not None else ""
        if text:
            return text
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


def _related_links(tree: LexborHTMLParser) -> list[RelatedHeadline]:
    """Headlines linked from blocks whose class or id starts with 'related'."""
    seen: set[str] = set()
    related: list[RelatedHeadline] = []
    for block in tree.css("[class^=related], [id^=related], [class*=' related']"):
        for link in block.css("a"):
            title = normalise_space(link.text(separator=" "))
            if len(title.split()) >= _MIN_RELATED_WORDS and title.casefold() not in seen:
                seen.add(title.casefold())
                related.append(RelatedHeadline(title=title))
    return related


def _is_noise(node: LexborNode) -> bool:
    """True for share bars, ads, comment and related blocks named by their class or id."""
    if node.tag in _KEEP_TAGS:
        return False
    tokens = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}".split()
    return any(_NOISE_TOKEN.fullmatch(token) for token in tokens)


def _paragraphs(root: LexborNode) -> list[str]:
    """Body paragraphs under root, boilerplate removed; falls back to line-broken text."""
    for node in root.css(_BOILERPLATE):
        node.decompose()
    for node in root.css("[class], [id]"):
        if _is_noise(node):
            node.decompose()
    for node in root.css("br"):
        node.replace_with(_LINE_BREAK)
    blocks = _outer_blocks(root)
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


def _outer_blocks(root: LexborNode) -> list[LexborNode]:
    """Paragraph-level elements under root that are not inside another one, in order."""
    found: list[LexborNode] = []
    pending: list[LexborNode | None] = []
    node = root.child
    while True:
        while node is not None:
            if node.tag in _PARAGRAPH_TAGS:
                found.append(node)
                node = node.next
            elif node.child is not None:
                pending.append(node.next)
                node = node.child
            else:
                node = node.next
        if not pending:
            return found
        node = pending.pop()
