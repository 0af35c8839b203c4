"""Parse raw scraped text documents: headline, dateline, source line, body, related junk."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

import pycountry

from schemas import RelatedHeadline
from stream.core.intake_dates import parse_datetime
from stream.core.intake_junk import cut_junk
from stream.core.text import normalise_space

__all__ = ["ParsedDocument", "is_country", "parse_document"]

_MAX_TITLE_CHARS = 300
_HEADER_BLOCKS = 4
_SOURCE_ZONE = 6
_SOURCE_LINE = re.compile(
    r"(?P<source>[^\W\d_][\w.&'’ -]{0,48}?)\s+[-–—|]\s+(?P<country>[^\W\d_][\w.'’ ]{1,40}?)"
)
_SENTENCE_END = (".", "!", "?", ":", ";", ",", "-", "–")
_SENTENCE_START = re.compile(r"[\"'“‘(]?[^\W_a-z]")
_LABELLED = re.compile(
    r"(?P<label>title|headline|date|published|source|url|link)\s*:\s*(?P<value>\S.*)",
    re.IGNORECASE,
)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});", re.IGNORECASE)
_COUNTRY_ALIASES = (
    "Britain", "Great Britain", "UK", "U.K.", "England", "Scotland", "Wales", "US", "U.S.",
    "USA", "America", "Russia", "Turkey", "Palestine", "Gaza", "West Bank", "Kosovo", "Syria",
    "Iran", "North Korea", "South Korea", "Vietnam", "Laos", "Bolivia", "Venezuela",
    "Tanzania", "Moldova", "Congo", "DR Congo", "DRC", "Ivory Coast", "Czech Republic",
    "Macedonia", "Taiwan", "Brunei", "Cape Verde", "Swaziland", "Burma", "Micronesia",
)  # fmt: skip


@dataclass(slots=True)
class ParsedDocument:
    """The parts of an article found in a raw document or an HTML page."""

    title: str = ""
    body: str = ""
    published_at: datetime | None = None
    source: str | None = None
    source_country: str | None = None
    url: str | None = None
    language: str | None = None
    related: list[RelatedHeadline] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@cache
def _country_names() -> frozenset[str]:
    """Lowercase country names from ISO 3166 plus common short and old names."""
    names = {alias.casefold() for alias in _COUNTRY_ALIASES}
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if isinstance(value, str):
                names.add(value.casefold())
    return frozenset(names)


def is_country(name: str) -> bool:
    """True when `name` is a country's ISO, common or well-known short name."""
    return name.strip().casefold() in _country_names()


def parse_document(text: str, *, now: datetime | None = None) -> ParsedDocument:
    """Split a cleaned plain-text document into headline, dateline, source, body, related."""
    document = ParsedDocument()
    junk = cut_junk(text)
    document.related = list(junk.related)
    if junk.removed:
        document.warnings.append(f"removed {junk.removed} scraper junk block(s)")
    if _ENTITY.search(junk.text):
        document.warnings.append("HTML entities decoded")
        blocks = _blocks(html.unescape(junk.text))
    else:
        blocks = _blocks(junk.text)
    body_start = _read_header(blocks, document, now)
    body = blocks[body_start:]
    _take_source_line(body, document)
    document.body = "\n\n".join(" ".join(block) for block in body)
    return document


def _blocks(text: str) -> list[list[str]]:
    """Blank-line separated blocks of stripped lines; every line is a block if none are blank."""
    lines = [normalise_space(line) for line in text.split("\n")]
    if "" not in _inner(lines):
        return [[line] for line in lines if line]
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _inner(lines: list[str]) -> list[str]:
    """The lines between the first and last non-empty ones."""
    filled = [index for index, line in enumerate(lines) if line]
    return lines[filled[0] : filled[-1] + 1] if filled else []


def _read_header(blocks: list[list[str]], document: ParsedDocument, now: datetime | None) -> int:
    """Take labelled fields, the headline and the dateline off the top; return the body start."""
    index = 0
    while index < min(len(blocks), _HEADER_BLOCKS + 1):
        block = blocks[index]
        if len(block) > 1 and all(_LABELLED.fullmatch(line) for line in block):
            for line in block:
                _take_label(line, document, now)
            index += 1
            continue
        line = " ".join(block)
        label = _LABELLED.fullmatch(line) if len(block) == 1 else None
        if label and _take_label(line, document, now):
            index += 1
            continue
        if document.published_at is None and len(line) <= 120:
            published = parse_datetime(line, now=now)
            if published is not None:
                document.published_at = published
                index += 1
                continue
        if document.source_country is None and _take_source(block, document):
            index += 1
            continue
        if not document.title and _starts_with_headline(block):
            document.title = block[0]
            blocks[index] = block[1:]
            continue
        if not document.title and _is_headline(block):
            document.title = line
            index += 1
            continue
        break
    return index


def _take_label(line: str, document: ParsedDocument, now: datetime | None) -> bool:
    """Store a `Label: value` header line; False when the label is already filled."""
    match = _LABELLED.fullmatch(line)
    if match is None:
        return False
    label, value = match["label"].lower(), match["value"].strip()
    if label in ("title", "headline") and not document.title:
        document.title = value
    elif label in ("date", "published") and document.published_at is None:
        document.published_at = parse_datetime(value, now=now)
        if document.published_at is None:
            document.warnings.append(f"unreadable date {value[:60]!r} ignored")
    elif label == "source" and document.source is None:
        document.source = value
    elif label in ("url", "link") and document.url is None:
        document.url = value
    else:
        return False
    return True


def _starts_with_headline(block: list[str]) -> bool:
    """A short unpunctuated first line followed by a line that opens a new sentence."""
    return (
        len(block) > 1
        and len(block[0]) <= _MAX_TITLE_CHARS
        and not block[0].endswith(_SENTENCE_END)
        and _SENTENCE_START.match(block[1]) is not None
    )


def _is_headline(block: list[str]) -> bool:
    """A headline is one or two short lines."""
    return len(block) <= 2 and len(" ".join(block)) <= _MAX_TITLE_CHARS


def _take_source_line(body: list[list[str]], document: ParsedDocument) -> None:
    """Remove the first `Outlet - Country` line near the top or bottom into source fields."""
    if document.source_country is not None:
        return
    zone = list(range(min(len(body), _SOURCE_ZONE)))
    zone += [index for index in range(max(0, len(body) - 3), len(body)) if index not in zone]
    for index in zone:
        if _take_source(body[index], document):
            del body[index]
            return


def _take_source(block: list[str], document: ParsedDocument) -> bool:
    """Store the outlet and country of an `Outlet - Country` block; False for other blocks."""
    match = _SOURCE_LINE.fullmatch(block[0]) if len(block) == 1 else None
    if match is None or not is_country(match["country"]) or is_country(match["source"]):
        return False
    document.source = document.source or match["source"].strip()
    document.source_country = match["country"].strip()
    return True
