"""Turn one decoded JSON object into Article fields: aliases, dates, unknown keys, ids."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from schemas import Article
from stream.core.intake_dates import check_date_range, parse_datetime
from stream.core.intake_decode import ascii_without, clean_text
from stream.core.intake_reasons import IntakeReason
from stream.core.text import normalise_space
from stream.errors import IntakeError

__all__ = ["prepare_fields", "tidy_body"]

_ALIASES = {"text": "body", "headline": "title", "content": "body"}
_OPTIONAL_TEXT = ("url", "source", "source_country", "language", "parent_id")
_NULLABLE: dict[str, type[str] | type[list[Any]]] = {
    "title": str,
    "body": str,
    "related": list,
    "warnings": list,
}
_FIELDS = frozenset(Article.model_fields)
_MILLISECONDS = 10**11
_SHOWN_KEYS = 8
_OTHER_ASCII_SPACES = tuple(
    char for char in map(chr, range(128)) if char.isspace() and char not in " \n"
)


def prepare_fields(
    value: dict[str, Any], *, now: datetime | None
) -> tuple[dict[str, Any], list[str]]:
    """Normalise a JSON object's fields for Article; return them and intake warnings."""
    data = dict(value)
    warnings: list[str] = []
    for alias, field in _ALIASES.items():
        if alias in data and not data.get(field):
            data[field] = data.pop(alias)
    unknown = sorted(key for key in data if key not in _FIELDS)
    if unknown:
        shown = ", ".join(unknown[:_SHOWN_KEYS]) + (", ..." if len(unknown) > _SHOWN_KEYS else "")
        warnings.append(f"ignored unknown fields: {shown}")
        for key in unknown:
            del data[key]
    for key, empty in _NULLABLE.items():
        if key in data and data[key] is None:
            data[key] = empty()
    if isinstance(data.get("id"), int) and not isinstance(data["id"], bool):
        data["id"] = str(data["id"])
    if isinstance(data.get("title"), str):
        data["title"] = normalise_space(clean_text(data["title"]))
    if isinstance(data.get("body"), str):
        data["body"] = clean_text(data["body"])
    for key in _OPTIONAL_TEXT:
        if isinstance(data.get(key), str) and not data[key].strip():
            data[key] = None
    if data.get("published_at") is not None:
        data["published_at"] = _published(data["published_at"], now)
    return data, warnings


def _published(value: object, now: datetime | None) -> object:
    """Read a JSON date: the written forms, or seconds/milliseconds since the epoch."""
    if isinstance(value, str):
        parsed = parse_datetime(value, now=now)
        if parsed is None:
            raise IntakeError(
                IntakeReason.BAD_DATE, f"published_at: unrecognised date {value[:80]!r}"
            )
        return parsed
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = value / 1000 if abs(value) >= _MILLISECONDS else value
        try:
            stamp = datetime.fromtimestamp(seconds, UTC)
        except (OverflowError, OSError, ValueError):
            raise IntakeError(
                IntakeReason.BAD_DATE, f"published_at: impossible timestamp {value!r}"
            ) from None
        return check_date_range(stamp, now=now)
    return value


def tidy_body(text: str) -> str:
    """Collapse spaces within lines and runs of blank lines; strip the ends."""
    if ascii_without(_OTHER_ASCII_SPACES, text):
        # Only spaces and newlines: str's own replace is several times faster than splitting.
        while "  " in text:
            text = text.replace("  ", " ")
        text = text.replace(" \n", "\n").replace("\n ", "\n")
        while "\n\n\n" in text:
            text = text.replace("\n\n\n", "\n\n")
        return text.strip()
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
