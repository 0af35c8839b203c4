"""Skip a re-keying hop when a record already sits where its re-keyed copy would go."""

from __future__ import annotations

from typing import Any

import faust

from stream.core.partitioning import kafka_partition

__all__ = ["Placement"]


class Placement:
    """Knows whether a consumed record is keyed and partitioned as a re-keyed copy would be.

    Faust assigns partition N of every topic with the same partition count to the same
    worker, so such a record can use the table shard of its key where it is.
    """

    def __init__(self, app: faust.App, partitions: int) -> None:
        self._app = app
        self._partitions = partitions
        self._co_partitioned: dict[str, bool] = {}

    def holds(self, message: Any, key: bytes) -> bool:
        """True when `message` has `key` and sits on the partition `key` maps to."""
        return (
            message.key == key
            and self._same_partition_count(message.tp.topic)
            and message.tp.partition == kafka_partition(key, self._partitions)
        )

    def _same_partition_count(self, topic: str) -> bool:
        """Whether `topic` has as many partitions as the tables (cached once known)."""
        known = self._co_partitioned.get(topic)
        if known is None:
            count = self._app.consumer.topic_partitions(topic)
            if count is None:
                return False
            known = self._co_partitioned[topic] = count == self._partitions
        return known
