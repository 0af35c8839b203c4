"""POST /articles body handling without a server: one article, arrays, 413 and 422."""

from __future__ import annotations

import json

import pytest

from stream.web_ingest import IngestRejection, parse_ingest_body

LIMIT = 2048


def _item(article_id: str) -> dict[str, str]:
    """A valid article object."""
    return {"id": article_id, "title": "Clashes near Kismayo", "body": "Fighting resumed."}


def test_a_single_object_or_raw_document_is_one_message_kept_byte_for_byte() -> None:
    """The body itself is queued, whatever its format."""
    body = json.dumps(_item("one")).encode()
    [(article, message)] = parse_ingest_body(body, max_body_bytes=LIMIT)
    assert (article.id, message) == ("one", body)
    raw = b"Clashes near Kismayo\n\nFighting resumed on Sunday, residents said.\n"
    [(document, message)] = parse_ingest_body(raw, max_body_bytes=LIMIT)
    assert message == raw
    assert document.title == "Clashes near Kismayo"


def test_an_array_is_split_into_one_message_per_article() -> None:
    """Each item becomes its own JSON message."""
    body = json.dumps([_item("a"), _item("b")]).encode()
    parsed = parse_ingest_body(b"  " + body, max_body_bytes=LIMIT)
    assert [article.id for article, _ in parsed] == ["a", "b"]
    assert json.loads(parsed[1][1]) == _item("b")


def test_invalid_items_are_listed_with_index_reason_and_message() -> None:
    """422 names every bad item; valid ones are not returned."""
    body = json.dumps([_item("ok"), {"id": "t", "title": 3}, "text"]).encode()
    with pytest.raises(IngestRejection) as caught:
        parse_ingest_body(body, max_body_bytes=LIMIT)
    assert caught.value.status == 422
    errors = caught.value.payload["errors"]
    assert [(e["index"], e["reason"]) for e in errors] == [
        (1, "invalid_article"),
        (2, "invalid_article"),
    ]
    assert errors[0]["message"].startswith("title")


@pytest.mark.parametrize("body", [b"[", b"[]", b"[1, 2"])
def test_a_broken_or_empty_array_is_422(body: bytes) -> None:
    """Nothing to queue."""
    with pytest.raises(IngestRejection) as caught:
        parse_ingest_body(body, max_body_bytes=LIMIT)
    assert caught.value.status == 422


def test_an_article_over_the_body_limit_is_413() -> None:
    """too_large wins over other errors."""
    big = {"id": "big", "title": "x", "body": "word " * 1000}
    body = json.dumps([big, {"id": "bad", "title": 1}]).encode()
    with pytest.raises(IngestRejection) as caught:
        parse_ingest_body(body, max_body_bytes=LIMIT)
    assert caught.value.status == 413
