"""Stable reason codes for input that cannot become an Article (IntakeError.reason)."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["IntakeReason"]


class IntakeReason(StrEnum):
    """Why a message went to the dead-letter topic; values are stable snake_case codes."""

    EMPTY = "empty"
    """The message holds no bytes, or only whitespace."""
    BINARY = "binary"
    """The bytes are binary data (NUL bytes, a known file signature, control characters)."""
    UNDECODABLE = "undecodable"
    """The bytes are neither UTF-8/UTF-16 nor cp1252 text."""
    TOO_LARGE = "too_large"
    """The message or the article body is over the configured size limit."""
    INVALID_JSON = "invalid_json"
    """The message starts like JSON (`{"`, `{'`, `{}`, `[{`, `["`...) but is not valid JSON."""
    INVALID_ARTICLE = "invalid_article"
    """Valid JSON that is not an Article (not an object, or fields of the wrong type)."""
    NO_CONTENT = "no_content"
    """Neither a title nor a body with a letter or digit in it could be found."""
    BAD_DATE = "bad_date"
    """A publication date or dateline holds an impossible or unreadable date."""
