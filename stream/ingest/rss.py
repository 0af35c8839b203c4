"""RSS/Atom connector: conditional GETs, entries mapped to Article JSON, each sent once."""

from __future__ import annotations

import calendar
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal, Protocol

import feedparser
import httpx

from stream.core.intake import message_key
from stream.core.intake_html import html_to_text, looks_like_html
from stream.errors import BrokerError
from stream.ingest.state import StateFile

__all__ = ["FeedPoller", "FeedResult", "entry_article", "entry_key"]

MAX_REMEMBERED = 10_000
_MAX_ID_CHARS = 512


class Sink(Protocol):
    """Where a connector sends messages (a Publisher)."""

    async def send_all(self, items: list[tuple[bytes | None, bytes]]) -> int:
        """Send every (key, value) pair; return once all are acknowledged."""


@dataclass(frozen=True, slots=True)
class FeedResult:
    """What one poll of one feed did."""

    url: str
    outcome: Literal["fetched", "not_modified", "failed"]
    new: int = 0
    known: int = 0
    error: str | None = None

    def summary(self) -> str:
        """One human-readable line."""
        if self.outcome == "failed":
            return f"{self.url}: failed: {self.error}"
        if self.outcome == "not_modified":
            return f"{self.url}: not modified"
        return f"{self.url}: {self.new} new, {self.known} already sent"


def entry_key(entry: Mapping[str, Any]) -> str:
    """What identifies an entry within its feed: its id, its link, or a hash of its text."""
    for field in ("id", "link"):
        value = entry.get(field)
        if isinstance(value, str) and value.strip():
            return value.strip()
    text = f"{entry.get('title', '')}\x1f{entry.get('summary', '')}"
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _published(entry: Mapping[str, Any]) -> str | None:
    """The entry's publication (or update) time as ISO 8601 UTC."""
    for field in ("published_parsed", "updated_parsed"):
        value = entry.get(field)
        if value:
            return datetime.fromtimestamp(calendar.timegm(value), UTC).isoformat()
    return None


def _body(entry: Mapping[str, Any]) -> str:
    """The fullest text the entry has: its content (HTML allowed), else its summary."""
    contents = [item.get("value", "") for item in entry.get("content") or []]
    longest = max(contents, key=len, default="")
    summary = entry.get("summary", "")
    return str(longest if len(longest) >= len(summary) else summary)


def _language(feed: Mapping[str, Any]) -> str | None:
    """The feed's ISO 639-1 language, e.g. 'en' from 'en-GB'."""
    code = str(feed.get("language") or "").split("-")[0].strip().lower()
    return code if len(code) == 2 and code.isalpha() else None


def entry_article(entry: Mapping[str, Any], feed: Mapping[str, Any]) -> dict[str, Any]:
    """An Article JSON object for a feed entry; HTML bodies are left to the intake parser."""
    title = str(entry.get("title", ""))
    key = entry_key(entry)
    if len(key) > _MAX_ID_CHARS:
        key = "sha256:" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
    article = {
        "id": key,
        "title": html_to_text(title) if looks_like_html(title) else title,
        "body": _body(entry),
        "url": entry.get("link") or None,
        "source": feed.get("title") or None,
        "published_at": _published(entry),
        "language": _language(feed),
    }
    return {name: value for name, value in article.items() if value is not None}


class FeedPoller:
    """Polls feeds with conditional GETs and sends entries it has not sent before."""

    def __init__(self, client: httpx.AsyncClient, sink: Sink, state: StateFile) -> None:
        self._client = client
        self._sink = sink
        self._state = state
        self._data = state.load()

    def _feed_state(self, url: str) -> dict[str, Any]:
        """The saved validators and sent keys of one feed."""
        feeds: dict[str, Any] = self._data.setdefault("feeds", {})
        return feeds.setdefault(url, {"sent": []})  # type: ignore[no-any-return]

    async def poll(self, url: str) -> FeedResult:
        """Fetch one feed (conditionally), send its new entries, remember them."""
        saved = self._feed_state(url)
        headers = {}
        if saved.get("etag"):
            headers["If-None-Match"] = saved["etag"]
        if saved.get("last_modified"):
            headers["If-Modified-Since"] = saved["last_modified"]
        try:
            response = await self._client.get(url, headers=headers)
        except httpx.HTTPError as error:
            return FeedResult(url, "failed", error=f"{type(error).__name__}: {error}")
        if response.status_code == httpx.codes.NOT_MODIFIED:
            return FeedResult(url, "not_modified")
        if response.status_code != httpx.codes.OK:
            return FeedResult(url, "failed", error=f"HTTP {response.status_code}")
        parsed = feedparser.parse(
            response.content,
            response_headers={
                "content-type": response.headers.get("content-type", "application/xml"),
                "content-location": str(response.url),
            },
        )
        if parsed.get("bozo") and not parsed.entries:
            return FeedResult(url, "failed", error=f"not a feed: {parsed.get('bozo_exception')}")
        sent: list[str] = saved["sent"]
        known = set(sent)
        fresh = [entry for entry in parsed.entries if entry_key(entry) not in known]
        messages = [
            json.dumps(entry_article(entry, parsed.feed), ensure_ascii=False).encode()
            for entry in fresh
        ]
        items = [(message_key(message), message) for message in messages]
        try:
            await self._sink.send_all(items)
        except BrokerError as error:
            return FeedResult(url, "failed", error=str(error))
        sent.extend(dict.fromkeys(entry_key(entry) for entry in fresh))
        del sent[:-MAX_REMEMBERED]
        saved["etag"] = response.headers.get("etag")
        saved["last_modified"] = response.headers.get("last-modified")
        self._state.save(self._data)
        return FeedResult(url, "fetched", new=len(items), known=len(parsed.entries) - len(items))
