"""Article intake: turn one raw input message (bytes) into an Article, or say why not.

Accepted: a JSON object (schemas.Article; `text`/`content` and `headline` are read as body
and title, unknown fields are dropped with a warning, a missing id is derived from the URL
or from the normalised title and body), a whole HTML page, or a raw scraped text document
(headline, dateline, body paragraphs, an `Outlet - Country` source line, trailing PHP
var_dump junk whose JSON lists related headlines). Bytes may be UTF-8 with or without BOM,
UTF-16 with a BOM, or cp1252 (recorded in Article.warnings); line endings may be anything.

Every rejection raises stream.errors.IntakeError with one of these stable reason codes:

- ``empty``: no bytes, or only whitespace.
- ``binary``: NUL bytes, a known binary file signature, or mostly control characters.
- ``undecodable``: declared UTF-16 (BOM) but not valid UTF-16.
- ``too_large``: the message is over 4x the body limit, or title and body together are over
  ``max_body_bytes`` (UTF-8).
- ``invalid_json``: starts like JSON (``{"``, ``{'``, ``{}``, ``[{``, ``["``...) but is not valid.
- ``invalid_article``: valid JSON but not one Article object, or fields of the wrong type.
- ``no_content``: neither a title nor a body with a letter or digit in it.
- ``bad_date``: a date or dateline with impossible values (month 13, year before 1900 or
  after tomorrow) or, in JSON, an unrecognised date string.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from schemas import Article
from stream.core.intake_dates import parse_datetime
from stream.core.intake_decode import clean_text, decode_bytes
from stream.core.intake_documents import ParsedDocument, parse_document
from stream.core.intake_html import (
    BODY_CONVERTED,
    PAGE_CONVERTED,
    html_to_text,
    looks_like_html,
    looks_like_html_page,
    parse_html_page,
)
from stream.core.intake_ids import content_id, normalise_for_hash, normalise_url, url_id
from stream.core.intake_json import prepare_fields, tidy_body
from stream.core.intake_reasons import IntakeReason
from stream.errors import IntakeError

__all__ = [
    "DEFAULT_MAX_BODY_BYTES",
    "IntakeReason",
    "article_key",
    "dedupe_key",
    "message_key",
    "parse_article",
    "parse_datetime",
    "related_articles",
]

DEFAULT_MAX_BODY_BYTES = 1_048_576
_RAW_FACTOR = 4
_JSON_SCALAR_START = tuple('["-0123456789tfn')
_MAX_ERRORS_SHOWN = 5
_WORD = re.compile(r"[^\W_]")
# An object or array opening with a key, string, object or array (or empty) is meant as JSON.
_JSON_START = re.compile(r"[{\[]\s*[\"'{}\[\]]")


def parse_article(
    raw: bytes | str | None,
    *,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    now: datetime | None = None,
) -> Article:
    """Parse one input message into an Article; raise IntakeError(reason, message) if unusable."""
    if raw is None:
        raise IntakeError(IntakeReason.EMPTY, "the message has no value")
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else bytes(raw)
    if len(data) > _RAW_FACTOR * max_body_bytes:
        raise IntakeError(
            IntakeReason.TOO_LARGE,
            f"message of {len(data)} bytes is over {_RAW_FACTOR} x the {max_body_bytes}-byte limit",
        )
    decoded = decode_bytes(data)
    text = clean_text(decoded.text)
    stripped = text.lstrip()
    if _JSON_START.match(stripped):
        value = _load_json(stripped)
        if not isinstance(value, dict):
            raise _not_an_object(value)
        article = _from_json_object(value, now=now)
    else:
        _reject_other_json(stripped)
        article = _from_document(text, now=now)
    _check_content(article, max_body_bytes)
    if decoded.warnings:
        article = article.model_copy(update={"warnings": [*decoded.warnings, *article.warnings]})
    return article


def _load_json(text: str) -> Any:
    """Decode JSON text or raise `invalid_json` with the position of the error."""
    try:
        return json.loads(text, strict=False)
    except json.JSONDecodeError as error:
        raise IntakeError(
            IntakeReason.INVALID_JSON,
            f"{error.msg} at line {error.lineno} column {error.colno}",
        ) from None
    except RecursionError:
        raise IntakeError(IntakeReason.INVALID_JSON, "JSON nested too deeply") from None


def _reject_other_json(text: str) -> None:
    """Raise `invalid_article` when text is a JSON array or scalar rather than an object."""
    if not text.startswith(_JSON_SCALAR_START):
        return
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return
    raise _not_an_object(value)


def _not_an_object(value: object) -> IntakeError:
    """The `invalid_article` error for a JSON value that is not an object."""
    kind = type(value).__name__ if value is not None else "null"
    return IntakeError(
        IntakeReason.INVALID_ARTICLE,
        f"JSON {kind} instead of an article object (one article per message)",
    )


def _from_json_object(value: dict[str, Any], *, now: datetime | None) -> Article:
    """Validate a decoded JSON object as an Article, deriving the id when it is missing."""
    fields, warnings = prepare_fields(value, now=now)
    given_warnings = _string_list(fields.get("warnings"))
    converted = PAGE_CONVERTED in given_warnings or BODY_CONVERTED in given_warnings
    body = fields.get("body")
    if isinstance(body, str):
        if looks_like_html(body) and not converted:
            fields["body"] = html_to_text(body)
            warnings.append(BODY_CONVERTED)
        else:
            fields["body"] = tidy_body(body)
    if not fields.get("id"):
        url = fields.get("url")
        if isinstance(url, str):
            fields["id"] = url_id(url)
        else:
            title, body = fields.get("title"), fields.get("body")
            fields["id"] = content_id(
                title if isinstance(title, str) else "", body if isinstance(body, str) else ""
            )
    fields["warnings"] = [*warnings, *given_warnings]
    return _validated(fields)


def _string_list(value: object) -> list[str]:
    """The given warnings when they are a list of strings (validation reports the rest)."""
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def _validated(fields: dict[str, Any]) -> Article:
    """Build the Article or raise `invalid_article` summarising pydantic's field errors."""
    try:
        return Article.model_validate(fields)
    except ValidationError as error:
        problems = [
            f"{'.'.join(str(part) for part in item['loc']) or 'article'}: {item['msg']}"
            for item in error.errors(include_url=False)[:_MAX_ERRORS_SHOWN]
        ]
        raise IntakeError(IntakeReason.INVALID_ARTICLE, "; ".join(problems)) from None


def _from_document(text: str, *, now: datetime | None) -> Article:
    """Parse an HTML page or a plain scraped document into an Article."""
    if looks_like_html_page(text):
        document = parse_html_page(text, now=now)
    else:
        document = parse_document(text, now=now)
        if looks_like_html(document.body):
            document.body = html_to_text(document.body)
            document.warnings.append(BODY_CONVERTED)
    return _document_article(document)


def _document_article(document: ParsedDocument) -> Article:
    """Build the Article of a parsed document; its id hashes the normalised title and body."""
    return _validated(
        {
            "id": content_id(document.title, document.body),
            "title": document.title,
            "body": document.body,
            "url": document.url,
            "source": document.source,
            "source_country": document.source_country,
            "published_at": document.published_at,
            "language": document.language,
            "related": document.related,
            "warnings": document.warnings,
        }
    )


def _check_content(article: Article, max_body_bytes: int) -> None:
    """Raise `no_content` for an article without words and `too_large` for one over the limit."""
    if not _WORD.search(article.title) and not _WORD.search(article.body):
        raise IntakeError(
            IntakeReason.NO_CONTENT, f"article {article.id!r} has no title and no body with words"
        )
    size = len(article.title.encode("utf-8", "surrogatepass")) + len(
        article.body.encode("utf-8", "surrogatepass")
    )
    if size > max_body_bytes:
        raise IntakeError(
            IntakeReason.TOO_LARGE,
            f"title and body are {size} bytes, over the {max_body_bytes}-byte limit",
        )


def related_articles(article: Article) -> list[Article]:
    """One short title-only Article per related headline, linked to its parent."""
    return [
        Article(
            id=_related_id(article.id, related.id or normalise_for_hash(related.title)),
            title=related.title,
            source=article.source,
            published_at=article.published_at,
            language=article.language,
            parent_id=article.id,
        )
        for related in article.related
    ]


def _related_id(parent_id: str, key: str) -> str:
    """Deterministic id of a related headline from its parent's id and its own key."""
    digest = hashlib.sha256(f"{parent_id}\x1f{key}".encode("utf-8", "surrogatepass"))
    return f"rel_{digest.hexdigest()[:24]}"


def dedupe_key(article: Article) -> str:
    """Duplicate-detection key: the normalised URL, else a hash of normalised title and body."""
    if article.url and (url := normalise_url(article.url)):
        return f"url:{url}"
    return f"text:{content_id(article.title, article.body).removeprefix('doc_')}"


def article_key(article: Article) -> bytes:
    """The Kafka key of an article: its dedupe key as bytes.

    Keyed so, with the default partitioner, a message skips the worker's re-keying hop.
    """
    return dedupe_key(article).encode("utf-8", "surrogatepass")


def message_key(raw: bytes) -> bytes | None:
    """The Kafka key for a raw input message (None when it will not parse)."""
    try:
        return article_key(parse_article(raw))
    except IntakeError:
        return None
