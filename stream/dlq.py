"""Replay dead letters to the input topic after a fix, each at most once per reason.

Progress is one consumer group per reason code (`<prefix>.<reason>`), committed after each
published batch is acknowledged: a re-run, or a run with another `--reason` selection,
skips what was already replayed. The replay stops at the DLQ's end as it was at the start,
so messages that fail again (and land back on the DLQ) are not replayed in a loop.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.errors import KafkaConnectionError
from aiokafka.structs import ConsumerRecord

from stream.core.replay import CARRIED_HEADERS, REPLAY_HEADER
from stream.errors import BrokerError
from stream.ingest.publisher import Publisher
from stream.kafka_io import MAX_REQUEST_BYTES
from stream.tansu import fetch_high_watermarks

__all__ = ["ReplayResult", "replay_dead_letters"]

_UNKNOWN_REASON = "unknown"


@dataclass
class ReplayResult:
    """What a replay did, by reason."""

    replayed: Counter[str] = field(default_factory=Counter)
    already_replayed: Counter[str] = field(default_factory=Counter)
    not_selected: int = 0

    def summary(self) -> str:
        """Human-readable lines: totals, then one per reason."""
        lines = [
            f"replayed {sum(self.replayed.values())}, already replayed "
            f"{sum(self.already_replayed.values())}, not selected {self.not_selected}"
        ]
        for reason in sorted({*self.replayed, *self.already_replayed}):
            lines.append(
                f"  {reason}: replayed {self.replayed[reason]}, "
                f"already replayed {self.already_replayed[reason]}"
            )
        return "\n".join(lines)


def _reason(record: ConsumerRecord[bytes, bytes]) -> str:
    """The record's dlq-reason header."""
    for name, value in record.headers or ():
        if name == "dlq-reason":
            return bytes(value).decode("utf-8", "replace") or _UNKNOWN_REASON
    return _UNKNOWN_REASON


class _Progress:
    """Per-reason consumer groups holding the next offset to replay for each partition."""

    def __init__(self, bootstrap: str, prefix: str, partitions: list[TopicPartition]) -> None:
        self._bootstrap = bootstrap
        self._prefix = prefix
        self._partitions = partitions
        self._groups: dict[str, AIOKafkaConsumer] = {}
        self._next: dict[str, dict[TopicPartition, int]] = {}

    async def next_offset(self, reason: str, tp: TopicPartition) -> int:
        """The first offset of `tp` not yet replayed for `reason`."""
        if reason not in self._groups:
            group = AIOKafkaConsumer(
                bootstrap_servers=self._bootstrap,
                group_id=f"{self._prefix}.{reason}",
                enable_auto_commit=False,
            )
            await group.start()
            group.assign(self._partitions)
            self._groups[reason] = group
            self._next[reason] = {p: (await group.committed(p)) or 0 for p in self._partitions}
        return self._next[reason][tp]

    async def commit(self, reason: str, offsets: dict[TopicPartition, int]) -> None:
        """Record that everything before `offsets` was replayed for `reason`."""
        await self._groups[reason].commit(offsets)
        self._next[reason].update(offsets)

    async def close(self) -> None:
        """Disconnect every group client."""
        for group in self._groups.values():
            await group.stop()


async def replay_dead_letters(
    bootstrap: str,
    dlq_topic: str,
    target_topic: str,
    *,
    group_prefix: str,
    reasons: Collection[str] = (),
) -> ReplayResult:
    """Publish the DLQ's records (those with one of `reasons`, or all) to `target_topic`."""
    reader = AIOKafkaConsumer(
        bootstrap_servers=bootstrap,
        enable_auto_commit=False,
        fetch_max_wait_ms=100,
        max_partition_fetch_bytes=MAX_REQUEST_BYTES,
    )
    try:
        async with asyncio.timeout(15):
            await reader.start()
            partitions = sorted(
                TopicPartition(dlq_topic, p) for p in (await _partition_ids(reader, dlq_topic))
            )
    except (KafkaConnectionError, TimeoutError, BrokerError) as error:
        await reader.stop()
        raise BrokerError(f"cannot read {dlq_topic} at {bootstrap}: {error}") from error
    progress = _Progress(bootstrap, group_prefix, partitions)
    result = ReplayResult()
    try:
        ends = await fetch_high_watermarks(bootstrap, partitions)
        reader.assign(partitions)
        await reader.seek_to_beginning(*partitions)
        async with Publisher(bootstrap, target_topic) as publisher:
            while await _behind(reader, ends):
                batches = await reader.getmany(timeout_ms=500)
                for tp, records in batches.items():
                    wanted = [record for record in records if record.offset < ends[tp]]
                    await _replay_batch(tp, wanted, publisher, progress, set(reasons), result)
    finally:
        await progress.close()
        await reader.stop()
    return result


async def _behind(reader: AIOKafkaConsumer, ends: dict[TopicPartition, int]) -> bool:
    """True while some partition has records before its end snapshot left to read."""
    for tp, end in ends.items():
        if await reader.position(tp) < end:
            return True
    return False


async def _partition_ids(reader: AIOKafkaConsumer, topic: str) -> set[int]:
    """The topic's partition numbers, or BrokerError when it does not exist."""
    if topic not in await reader.topics():
        raise BrokerError(f"topic {topic} does not exist")
    return set(reader.partitions_for_topic(topic) or ())


def _replay_headers(
    tp: TopicPartition, record: ConsumerRecord[bytes, bytes]
) -> list[tuple[str, bytes]]:
    """Headers of a replayed message: where it came from, its first-seen time and reason."""
    carried = [
        (name, bytes(value)) for name, value in record.headers or () if name in CARRIED_HEADERS
    ]
    return [(REPLAY_HEADER, f"{tp.topic}:{tp.partition}:{record.offset}".encode()), *carried]


async def _replay_batch(
    tp: TopicPartition,
    records: list[ConsumerRecord[bytes, bytes]],
    publisher: Publisher,
    progress: _Progress,
    selected: set[str],
    result: ReplayResult,
) -> None:
    """Publish a batch's selected, not yet replayed records, then commit per reason."""
    chosen: list[ConsumerRecord[bytes, bytes]] = []
    for record in records:
        reason = _reason(record)
        if selected and reason not in selected:
            result.not_selected += 1
        elif record.offset < await progress.next_offset(reason, tp):
            result.already_replayed[reason] += 1
        else:
            chosen.append(record)
    await publisher.send_records(
        (record.key, record.value or b"", _replay_headers(tp, record)) for record in chosen
    )
    committed: dict[str, int] = {}
    for record in chosen:
        reason = _reason(record)
        committed[reason] = record.offset + 1
        result.replayed[reason] += 1
    for reason, offset in committed.items():
        await progress.commit(reason, {tp: offset})
