"""Feed entries as Article JSON: ids, HTML titles and bodies, dates, languages."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser

from stream.core.intake import parse_article
from stream.ingest.rss import FeedResult, entry_article, entry_key

FEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"


def _articles(name: str) -> list[dict[str, object]]:
    """The Article objects of every entry of a fixture feed."""
    parsed = feedparser.parse((FEEDS / name).read_bytes())
    return [entry_article(entry, parsed.feed) for entry in parsed.entries]


def test_entry_key_prefers_the_id_then_the_link_then_a_text_hash() -> None:
    """id > link > sha256 of title and summary."""
    assert entry_key({"id": " guid-1 ", "link": "https://x.test/a"}) == "guid-1"
    assert entry_key({"link": "https://x.test/a"}) == "https://x.test/a"
    hashed = entry_key({"title": "Clashes", "summary": "Two killed."})
    assert hashed.startswith("sha256:")
    assert hashed == entry_key({"title": "Clashes", "summary": "Two killed."})


def test_rss_items_keep_html_bodies_for_the_intake_parser_and_dates_in_utc() -> None:
    """content:encoded wins over the description; the parser turns its HTML into text."""
    depot = _articles("world.rss")[0]
    assert depot["id"] == "wire-2026-11-20-001"
    assert "<b>Kherson</b>" in str(depot["body"])
    assert depot["published_at"] == "2026-11-20T06:40:00+00:00"
    assert depot["language"] == "en"
    article = parse_article(json.dumps(depot).encode())
    assert "<" not in article.body
    assert "Two workers were injured." in article.body


def test_atom_html_titles_become_text_and_entries_without_a_date_have_none() -> None:
    """type="html" titles are stripped of tags; the updated time stands in for published."""
    attack, schools = _articles("regional.atom")
    assert attack["title"] == "Attaque contre un poste militaire près de Ménaka"
    assert attack["published_at"] == "2026-11-20T13:20:00+00:00"
    assert attack["language"] == "fr"
    assert schools["url"] == "https://sahel.example.net/depeches/5532"


def test_an_entry_without_id_or_link_gets_a_stable_hash_id() -> None:
    """Ids stay deterministic across polls."""
    entry = {"title": "Clashes in Beni", "summary": "Fighting resumed on Sunday."}
    assert entry_article(entry, {})["id"] == entry_article(dict(entry), {})["id"]


def test_feed_results_summarise_in_one_line() -> None:
    """Each outcome prints a line that names the feed."""
    assert FeedResult("u", "fetched", new=2, known=3).summary() == "u: 2 new, 3 already sent"
    assert FeedResult("u", "not_modified").summary() == "u: not modified"
    assert FeedResult("u", "failed", error="HTTP 500").summary() == "u: failed: HTTP 500"
