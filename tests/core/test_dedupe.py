"""The pure duplicate window and the origin headers that survive a repartition."""

from __future__ import annotations

from stream.core.analysis import SourcePosition
from stream.core.dedupe import (
    FirstSeen,
    expired_keys,
    judge,
    origin_headers,
    origin_of,
    partition_for,
    source_label,
)

HERE = SourcePosition("articles.raw", 2, 41)
ELSEWHERE = SourcePosition("articles.raw", 0, 7)
WINDOW = 48 * 3600.0


def test_an_unseen_key_is_not_a_duplicate() -> None:
    """Nothing in the table: process it."""
    assert not judge(None, HERE, now=1000.0, window_s=WINDOW).duplicate


def test_a_key_seen_from_another_message_within_the_window_is_a_duplicate() -> None:
    """Another input message with the same key an hour earlier: drop."""
    entry = FirstSeen(1000.0, source_label(ELSEWHERE))
    verdict = judge(entry, HERE, now=1000.0 + 3600, window_s=WINDOW)
    assert verdict.duplicate
    assert verdict.reason == "duplicate"


def test_a_key_seen_longer_ago_than_the_window_has_expired() -> None:
    """Older than the window: process it again."""
    entry = FirstSeen(1000.0, source_label(ELSEWHERE))
    assert judge(entry, HERE, now=1000.0 + WINDOW + 1, window_s=WINDOW).reason == "expired"


def test_the_same_input_message_redelivered_is_processed_again() -> None:
    """A redelivery after a crash is not a duplicate (at-least-once)."""
    entry = FirstSeen(1000.0, source_label(HERE))
    verdict = judge(entry, HERE, now=1001.0, window_s=WINDOW)
    assert not verdict.duplicate
    assert verdict.reason == "redelivery"


def test_first_seen_round_trips_through_json_and_rejects_garbage() -> None:
    """Table values read back equal; malformed values read as unseen."""
    entry = FirstSeen(12.5, "t:1:2")
    assert FirstSeen.from_json(entry.to_json()) == entry
    assert FirstSeen.from_json({"at": "soon", "source": "t:1:2"}) is None
    assert FirstSeen.from_json(None) is None


def test_origin_headers_round_trip_as_a_list_or_a_mapping() -> None:
    """The input position and timestamp come back from either header shape."""
    headers = origin_headers(HERE, 1_700_000_000_123)
    assert origin_of(headers) == (HERE, 1_700_000_000_123)
    assert origin_of(dict(headers)) == (HERE, 1_700_000_000_123)


def test_messages_without_origin_headers_have_no_origin() -> None:
    """Missing or malformed headers: None, so the message's own position is used."""
    assert origin_of(None) is None
    assert origin_of([("origin-topic", b"t")]) is None
    assert (
        origin_of(
            [*origin_headers(HERE, 5)[:2], ("origin-offset", b"x"), ("origin-timestamp-ms", b"1")]
        )
        is None
    )


def test_partition_for_is_stable_and_spreads_keys() -> None:
    """Same key, same partition; many keys use every partition."""
    assert partition_for("url:a.example/x", 4) == partition_for("url:a.example/x", 4)
    assert {partition_for(f"text:{index}", 4) for index in range(64)} == {0, 1, 2, 3}


def test_expired_keys_lists_old_or_unreadable_entries_of_one_partition() -> None:
    """Fresh entries and other partitions' keys stay."""
    keys = [f"k{index}" for index in range(30)]
    entries = [
        (key, {"at": 0.0 if index % 2 else 500.0, "source": "s"}) for index, key in enumerate(keys)
    ]
    entries.append(("junk", "not an entry"))
    found = expired_keys(entries, partition=1, partitions=2, now=WINDOW + 100, window_s=WINDOW)
    expected = [key for index, key in enumerate(keys) if index % 2 and partition_for(key, 2) == 1]
    assert found == expected + (["junk"] if partition_for("junk", 2) == 1 else [])
