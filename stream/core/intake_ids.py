"""Deterministic article ids and duplicate-detection keys from URLs and normalised text."""

from __future__ import annotations

import hashlib
import itertools
import re
import unicodedata
from functools import cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

__all__ = ["content_id", "normalise_for_hash", "normalise_url", "url_id"]

_TRACKING_PARAMS = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "ref", "cmpid"}
)
_DEFAULT_PORTS = {"http": 80, "https": 443}
_DIGEST_CHARS = 24
# Planes 0 and 1 hold every punctuation and symbol character; plane 14 holds tag characters.
_PLANES_0_1_END = 0x20000
_TAGS_START, _TAGS_END = 0xE0000, 0xE1000
_HAS_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*://")


@cache
def _separators() -> dict[int, str]:
    """Translation table: punctuation, symbols, separators and controls become spaces."""
    codepoints = itertools.chain(range(_PLANES_0_1_END), range(_TAGS_START, _TAGS_END))
    return {
        point: " "
        for point in codepoints
        if unicodedata.category(chr(point))[0] in "PSZ"
        or unicodedata.category(chr(point)) in ("Cc", "Cf")
    }


def normalise_for_hash(text: str) -> str:
    """Lowercase (casefold), strip punctuation and symbols, collapse whitespace (NFKC first)."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(folded.translate(_separators()).split())


def _digest(*parts: str) -> str:
    """Short hex SHA-256 of the parts joined with a unit separator."""
    joined = "\x1f".join(parts).encode("utf-8", "surrogatepass")
    return hashlib.sha256(joined).hexdigest()[:_DIGEST_CHARS]


def content_id(title: str, body: str) -> str:
    """Id of an article without one: a hash of its normalised title and body."""
    return f"doc_{_digest(normalise_for_hash(title), normalise_for_hash(body))}"


def url_id(url: str) -> str:
    """Id of an article known only by its URL: a hash of the normalised URL."""
    return f"url_{_digest(normalise_url(url))}"


def normalise_url(url: str) -> str:
    """Scheme-less, lowercase host, no default port, 'www.', fragment or tracking params."""
    stripped = url.strip()
    try:
        parts = urlsplit(stripped if _HAS_SCHEME.match(stripped) else f"//{stripped}")
        host = (parts.hostname or "").removeprefix("www.")
        port = parts.port
    except ValueError:
        return " ".join(stripped.split())
    if port is not None and port != _DEFAULT_PORTS.get(parts.scheme.lower()):
        host = f"{host}:{port}"
    query = sorted(
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not key.lower().startswith("utm_") and key.lower() not in _TRACKING_PARAMS
    )
    path = parts.path.rstrip("/") or ""
    return urlunsplit(("", host, path, urlencode(query), "")).removeprefix("//")
