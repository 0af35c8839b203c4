"""Skip a re-keying hop when a record already sits where its re-keyed copy would go."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from stream.core.partitioning import kafka_partition

__all__ = ["Placement"]


class Placement:
    """Knows whether a consumed record is keyed and partitioned as a re-keyed copy would be.

    Faust assigns partition N of every topic with the same partition count to the same
    worker, so such a record can use the table shard of its key where it is. The counts come
    from the broker at start-up: Faust's own answer is known to the group leader only.
    """

    def __init__(self, partitions: int, topic_partitions: Mapping[str, int]) -> None:
        self._partitions = partitions
        self._co_partitioned = frozenset(
            topic for topic, count in topic_partitions.items() if count == partitions
        )

    def holds(self, message: Any, key: bytes) -> bool:
        """True when `message` has `key` and sits on the partition `key` maps to."""
        return (
            message.key == key
            and message.tp.topic in self._co_partitioned
            and message.tp.partition == kafka_partition(key, self._partitions)
        )
