"""The first-seen time a replayed dead letter carries back to the DLQ."""

from __future__ import annotations

from datetime import UTC, datetime

from stream.core.replay import first_seen_of

SEEN = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


def test_a_replayed_message_carries_its_first_seen_time() -> None:
    """Both the replay marker and an aware time: that time."""
    headers = [("dlq-replayed-from", b"dlq:0:4"), ("dlq-first-seen", SEEN.isoformat().encode())]
    assert first_seen_of(headers) == SEEN
    assert first_seen_of(dict(headers)) == SEEN


def test_a_first_seen_header_without_the_replay_marker_is_ignored() -> None:
    """Producers cannot backdate a dead letter by sending the header themselves."""
    assert first_seen_of([("dlq-first-seen", SEEN.isoformat().encode())]) is None


def test_malformed_or_naive_first_seen_times_are_ignored() -> None:
    """Not ISO 8601, or without a time zone: None (the clock is used)."""
    marker = ("dlq-replayed-from", b"dlq:0:4")
    assert first_seen_of([marker, ("dlq-first-seen", b"yesterday")]) is None
    assert first_seen_of([marker, ("dlq-first-seen", b"2026-11-24T10:00:00")]) is None
    assert first_seen_of(None) is None
