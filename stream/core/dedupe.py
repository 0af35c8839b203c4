"""Duplicate detection within a time window, and the headers that carry a message's origin."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from stream.core.analysis import SourcePosition
from stream.core.partitioning import kafka_partition

__all__ = [
    "ORIGIN_HEADERS",
    "FirstSeen",
    "Verdict",
    "expired_keys",
    "judge",
    "origin_headers",
    "origin_of",
    "partition_for",
    "source_label",
]

ORIGIN_HEADERS = ("origin-topic", "origin-partition", "origin-offset", "origin-timestamp-ms")


@dataclass(frozen=True, slots=True)
class FirstSeen:
    """When an article's dedupe key was first processed, and from which input message."""

    at: float
    source: str

    def to_json(self) -> dict[str, Any]:
        """The table value: a small JSON object."""
        return {"at": self.at, "source": self.source}

    @classmethod
    def from_json(cls, value: object) -> FirstSeen | None:
        """Read a table value back; None for anything unexpected (treated as unseen)."""
        if not isinstance(value, Mapping):
            return None
        at, source = value.get("at"), value.get("source")
        if not isinstance(at, int | float) or not isinstance(source, str):
            return None
        return cls(float(at), source)


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether to drop a message as a duplicate, and why."""

    duplicate: bool
    reason: str


def source_label(position: SourcePosition) -> str:
    """A message's identity on its input topic: 'topic:partition:offset'."""
    return f"{position.topic}:{position.partition}:{position.offset}"


def judge(
    entry: FirstSeen | None, position: SourcePosition, *, now: float, window_s: float
) -> Verdict:
    """Duplicate when the key was first seen within the window from another input message.

    The same input message seen again (a redelivery after a crash) is not a duplicate: it is
    processed again, which keeps the analyze agent at-least-once.
    """
    if entry is None:
        return Verdict(False, "new")
    if entry.source == source_label(position):
        return Verdict(False, "redelivery")
    if now - entry.at > window_s:
        return Verdict(False, "expired")
    return Verdict(True, "duplicate")


def partition_for(key: str, partitions: int) -> int:
    """The partition of a dedupe key: Kafka's default partitioner, so producers can match it."""
    return kafka_partition(key.encode("utf-8", "surrogatepass"), partitions)


def expired_keys(
    entries: Iterable[tuple[str, object]],
    *,
    partition: int,
    partitions: int,
    now: float,
    window_s: float,
) -> list[str]:
    """Keys of `partition` whose first-seen time is older than the window (or unreadable);
    only those are hashed to their partition, not every key of the table."""
    expired = []
    for key, value in entries:
        entry = FirstSeen.from_json(value)
        if (entry is None or now - entry.at > window_s) and partition_for(
            key, partitions
        ) == partition:
            expired.append(key)
    return expired


def origin_headers(position: SourcePosition, timestamp_ms: int) -> list[tuple[str, bytes]]:
    """Headers that carry a message's input position through a repartition topic."""
    values = (position.topic, position.partition, position.offset, timestamp_ms)
    return [(name, str(value).encode()) for name, value in zip(ORIGIN_HEADERS, values, strict=True)]


def origin_of(
    headers: Mapping[str, bytes] | Iterable[tuple[str, bytes]] | None,
) -> tuple[SourcePosition, int] | None:
    """The input position and timestamp (ms) carried by `origin_headers`, if present."""
    if headers is None:
        return None
    found = dict(headers.items() if isinstance(headers, Mapping) else headers)
    try:
        topic, partition, offset, timestamp = (found[name] for name in ORIGIN_HEADERS)
        return SourcePosition(topic.decode(), int(partition), int(offset)), int(timestamp)
    except (KeyError, ValueError, UnicodeDecodeError):
        return None
