"""parse_article, related_articles and dedupe_key on the seed document and JSON articles."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from schemas import Article
from stream.core.intake import dedupe_key, parse_article, related_articles
from stream.errors import IntakeError

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
SEED_TITLE = "New VIDEO: Iraqi Forces Make Advance in Mosul Eastern Intisar District"


def _reason(raw: bytes, **kwargs: int) -> str:
    """The reason code parse_article gives when it rejects raw."""
    with pytest.raises(IntakeError) as caught:
        parse_article(raw, now=NOW, **kwargs)
    return caught.value.reason


def test_seed_document_has_the_headline_as_title(seed_document: bytes) -> None:
    assert parse_article(seed_document, now=NOW).title == SEED_TITLE


def test_seed_document_dateline_becomes_published_at_in_utc(seed_document: bytes) -> None:
    published = parse_article(seed_document, now=NOW).published_at
    assert published == datetime(2017, 1, 2, 10, 30, 4, tzinfo=UTC)


def test_seed_document_source_line_gives_source_and_country(seed_document: bytes) -> None:
    article = parse_article(seed_document, now=NOW)
    assert (article.source, article.source_country) == ("Alalam", "Iraq")


def test_seed_document_body_starts_with_the_first_paragraph(seed_document: bytes) -> None:
    body = parse_article(seed_document, now=NOW).body
    assert body.startswith("Officers from Iraq's Federal Police said")


def test_seed_document_body_ends_with_the_last_paragraph(seed_document: bytes) -> None:
    body = parse_article(seed_document, now=NOW).body
    assert body.endswith("to avoid detection by Islamic State.")


def test_seed_document_body_holds_no_junk_and_no_source_line(seed_document: bytes) -> None:
    body = parse_article(seed_document, now=NOW).body
    assert "string(" not in body
    assert "contenttypeid" not in body
    assert "Alalam - Iraq" not in body


def test_seed_document_paragraphs_are_separated_by_blank_lines(seed_document: bytes) -> None:
    paragraphs = parse_article(seed_document, now=NOW).body.split("\n\n")
    assert len(paragraphs) == 12
    assert all(paragraph.strip() == paragraph and paragraph for paragraph in paragraphs)


def test_seed_document_lists_the_three_related_headlines(seed_document: bytes) -> None:
    related = parse_article(seed_document, now=NOW).related
    assert [item.title for item in related] == [
        "VIDEO: 'ISIS Nightclub Killer' Pictured for First Time after 39 Gunned Down",
        "Britain 'Under Real Threat' from ISIS Chemical Weapon Atrocity",
        "VIDEO: ISIS Attacks Iraqi Police near Najaf, Kills Seven",
    ]
    assert [item.id for item in related] == ["1905757", "1905762", "1905765"]


def test_seed_document_id_is_the_same_on_every_parse(seed_document: bytes) -> None:
    first = parse_article(seed_document, now=NOW).id
    assert first.startswith("doc_")
    assert parse_article(seed_document, now=NOW).id == first


def test_seed_document_with_windows_line_endings_parses_the_same(seed_document: bytes) -> None:
    unix = parse_article(seed_document, now=NOW)
    windows = parse_article(seed_document.replace(b"\n", b"\r\n"), now=NOW)
    assert windows == unix


def test_seed_document_with_utf8_bom_parses_the_same(seed_document: bytes) -> None:
    unix = parse_article(seed_document, now=NOW)
    assert parse_article(b"\xef\xbb\xbf" + seed_document, now=NOW) == unix


def test_related_articles_are_title_only_and_linked_to_the_parent(seed_document: bytes) -> None:
    parent = parse_article(seed_document, now=NOW)
    children = related_articles(parent)
    assert [child.title for child in children] == [item.title for item in parent.related]
    assert {child.parent_id for child in children} == {parent.id}
    assert {child.published_at for child in children} == {parent.published_at}
    assert all(child.body == "" for child in children)


def test_related_article_ids_are_distinct_and_stable(seed_document: bytes) -> None:
    parent = parse_article(seed_document, now=NOW)
    ids = [child.id for child in related_articles(parent)]
    assert len(set(ids)) == 3
    assert ids == [child.id for child in related_articles(parent)]
    assert parent.id not in ids


def test_json_article_round_trips_unchanged() -> None:
    article = Article(
        id="a-1",
        title="Shelling reported near Kharkiv",
        body="Two people were injured.\n\nOfficials said more strikes were likely.",
        url="https://example.org/news/1",
        published_at=datetime(2024, 3, 1, 8, 0, tzinfo=UTC),
    )
    assert parse_article(article.model_dump_json().encode(), now=NOW) == article


def test_json_article_without_id_gets_one_from_the_url() -> None:
    raw = {"url": "https://example.org/news/1", "title": "Clashes in Tripoli"}
    first = parse_article(json.dumps(raw).encode(), now=NOW)
    other = {"url": "https://www.example.org/news/1/?utm_source=feed", "title": "Other"}
    assert first.id.startswith("url_")
    assert parse_article(json.dumps(other).encode(), now=NOW).id == first.id


def test_json_article_without_id_or_url_gets_a_content_hash_id() -> None:
    first = parse_article(b'{"title": "Clashes in Tripoli", "body": "Heavy fire."}', now=NOW)
    spaced = parse_article(b'{"title": "clashes  in TRIPOLI!", "body": "Heavy fire"}', now=NOW)
    assert first.id.startswith("doc_")
    assert spaced.id == first.id


def test_json_text_field_is_read_as_the_body() -> None:
    article = parse_article(b'{"id": "n1", "text": "Gunmen attacked a convoy."}', now=NOW)
    assert article.body == "Gunmen attacked a convoy."


def test_json_unknown_fields_are_dropped_with_a_warning() -> None:
    article = parse_article(b'{"id": "n1", "title": "T", "feed": "rss"}', now=NOW)
    assert article.warnings == ["ignored unknown fields: feed"]


def test_json_written_date_is_parsed() -> None:
    raw = b'{"id": "n1", "title": "T", "published_at": "January 2, 2017 at 10:30 GMT"}'
    assert parse_article(raw, now=NOW).published_at == datetime(2017, 1, 2, 10, 30, tzinfo=UTC)


def test_json_epoch_seconds_date_is_parsed() -> None:
    raw = b'{"id": "n1", "title": "T", "published_at": 1483353004}'
    assert parse_article(raw, now=NOW).published_at == datetime(2017, 1, 2, 10, 30, 4, tzinfo=UTC)


def test_json_html_body_is_converted_to_paragraphs() -> None:
    raw = json.dumps({"id": "h", "body": "<p>First <b>one</b>.</p>\n<p>Second.</p>"}).encode()
    article = parse_article(raw, now=NOW)
    assert article.body == "First one.\n\nSecond."
    assert "body converted from HTML" in article.warnings


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "empty"),
        (b" \r\n\t ", "empty"),
        (b'{"id": not json}', "invalid_json"),
        (b'{"id": "x", "title": "T"', "invalid_json"),
        (b"[1, 2]", "invalid_article"),
        (b'[{"id": "x", "title": "T"}]', "invalid_article"),
        (b'[{"id": "x", "title": "T"},', "invalid_json"),
        (b'"just a string"', "invalid_article"),
        (b'{"id": "x", "title": 5}', "invalid_article"),
        (b'{"id": "x", "title": "T", "related": "nope"}', "invalid_article"),
        (b'{"id": "x"}', "no_content"),
        (b'{"url": "https://example.org/a", "title": "  ", "body": ""}', "no_content"),
        (b'{"id": "x", "title": "T", "published_at": "2017-13-02"}', "bad_date"),
        (b'{"id": "x", "title": "T", "published_at": "someday"}', "bad_date"),
        (b'{"id": "x", "title": "T", "published_at": "1850-01-01"}', "bad_date"),
        (b'{"id": "x", "title": "T", "published_at": 1e300}', "bad_date"),
        (b"%PDF-1.7 binary", "binary"),
        (b"abc\x00def", "binary"),
        (b"\x01\x02\x03\x04\x05\x06 text", "binary"),
        (b"\xff\xfe\x00\xd8", "undecodable"),
    ],
)
def test_unusable_input_is_rejected_with_its_reason(raw: bytes, reason: str) -> None:
    assert _reason(raw) == reason


def test_body_over_the_limit_is_too_large() -> None:
    raw = json.dumps({"id": "big", "body": "x" * 2000}).encode()
    assert _reason(raw, max_body_bytes=1000) == "too_large"


def test_message_far_over_the_limit_is_rejected_before_parsing() -> None:
    assert _reason(b"{" * 5000, max_body_bytes=1000) == "too_large"


def test_body_at_the_limit_is_accepted() -> None:
    raw = json.dumps({"id": "big", "body": "x" * 1000}).encode()
    assert len(parse_article(raw, max_body_bytes=1000, now=NOW).body) == 1000


def test_intake_error_carries_a_human_message() -> None:
    with pytest.raises(IntakeError) as caught:
        parse_article(b'{"id": "x", "title": "T"', now=NOW)
    assert "line 1 column" in caught.value.message


def test_dedupe_key_uses_the_normalised_url() -> None:
    one = Article(id="1", title="A", url="https://www.example.org/a/?utm_medium=x#top")
    two = Article(id="2", title="B", url="http://example.org/a")
    assert dedupe_key(one) == dedupe_key(two) == "url:example.org/a"


def test_dedupe_key_without_url_ignores_case_space_and_punctuation() -> None:
    one = Article(id="1", title="Clashes in Tripoli", body="Heavy fire, residents said.")
    two = Article(id="2", title="CLASHES  in tripoli", body="Heavy fire residents said!")
    assert dedupe_key(one) == dedupe_key(two)
    assert dedupe_key(one) != dedupe_key(Article(id="3", title="Clashes in Misrata"))
