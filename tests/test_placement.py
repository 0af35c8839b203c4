"""Placement: a record analysed where it sits only when its re-keyed copy would land there."""

from __future__ import annotations

from dataclasses import dataclass

from stream.core.partitioning import kafka_partition
from stream.placement import Placement

KEY = b"url:news.example.org/2026/11/ambush"


@dataclass(frozen=True)
class _TopicPartition:
    topic: str
    partition: int


@dataclass(frozen=True)
class _Message:
    key: bytes | None
    tp: _TopicPartition


def _message(key: bytes | None, topic: str, partition: int) -> _Message:
    """A consumed record's key and position."""
    return _Message(key, _TopicPartition(topic, partition))


def test_a_record_keyed_and_placed_as_its_copy_would_be_is_held() -> None:
    """Same key, same partition count, the key's partition: analysed in place."""
    placement = Placement(4, {"articles": 4})
    assert placement.holds(_message(KEY, "articles", kafka_partition(KEY, 4)), KEY)


def test_another_key_or_partition_takes_the_hop() -> None:
    """An unkeyed record, or one on another partition, is re-keyed."""
    placement = Placement(4, {"articles": 4})
    home = kafka_partition(KEY, 4)
    assert not placement.holds(_message(None, "articles", home), KEY)
    assert not placement.holds(_message(KEY, "articles", (home + 1) % 4), KEY)


def test_a_topic_with_another_partition_count_is_never_held() -> None:
    """Partition N of a 6-partition input need not be on the worker holding table shard N."""
    placement = Placement(4, {"articles": 6, "events": 4})
    assert not placement.holds(_message(KEY, "articles", kafka_partition(KEY, 4)), KEY)
    assert placement.holds(_message(KEY, "events", kafka_partition(KEY, 4)), KEY)


def test_a_topic_of_unknown_size_is_never_held() -> None:
    """A topic the broker did not describe is treated as not co-partitioned."""
    placement = Placement(4, {})
    assert not placement.holds(_message(KEY, "articles", kafka_partition(KEY, 4)), KEY)
