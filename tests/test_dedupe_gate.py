"""The first-seen gate over a table (a dict here): drop, count, remember, expire."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from stream.core.analysis import SourcePosition
from stream.core.dedupe import partition_for
from stream.dedupe import FirstSeenGate
from stream.metrics import Metrics

WINDOW = 3600.0
PARTITIONS = 4


class DictTable:
    """A table store over a dict, as the gate reads and writes it."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    def get(self, key: str) -> Any:
        """The stored value or None."""
        return self.data.get(key)

    def items(self) -> list[tuple[str, Any]]:
        """Every entry."""
        return list(self.data.items())

    async def set(self, key: str, value: Any) -> None:
        """Store a value."""
        self.data[key] = value

    async def delete(self, key: str) -> None:
        """Remove a key."""
        del self.data[key]


def _gate(table: dict[str, Any], now: list[float]) -> tuple[FirstSeenGate, Metrics]:
    """A gate over `table` whose clock reads now[0]."""
    metrics = Metrics.create()
    gate = FirstSeenGate(
        DictTable(table),
        window_s=WINDOW,
        partitions=PARTITIONS,
        metrics=metrics,
        clock=lambda: now[0],
    )
    return gate, metrics


def _message(key: str) -> SimpleNamespace:
    """A message as the intake agent forwards it: keyed by dedupe key."""
    partition = SimpleNamespace(partition=partition_for(key, PARTITIONS))
    return SimpleNamespace(key=key.encode(), tp=partition)


def _duplicates(metrics: Metrics) -> float:
    """The duplicate counter's value."""
    value = metrics.registry.get_sample_value("conflict_alerts_articles_duplicate_total")
    return value or 0.0


async def test_a_second_message_with_the_same_key_is_dropped_and_counted() -> None:
    """First admitted and remembered; another input message with the key is not."""
    table: dict[str, Any] = {}
    gate, metrics = _gate(table, [1000.0])
    first, second = SourcePosition("in", 0, 5), SourcePosition("in", 3, 9)
    assert await gate.admit(_message("url:x"), first)
    await gate.remember(_message("url:x"), first)
    assert not await gate.admit(_message("url:x"), second)
    assert _duplicates(metrics) == 1


async def test_a_redelivered_message_is_admitted_and_its_first_seen_time_kept() -> None:
    """At-least-once: the same input position is processed again, the entry unchanged."""
    table: dict[str, Any] = {}
    now = [1000.0]
    gate, metrics = _gate(table, now)
    position = SourcePosition("in", 1, 2)
    await gate.remember(_message("k"), position)
    now[0] = 1500.0
    assert await gate.admit(_message("k"), position)
    await gate.remember(_message("k"), position)
    assert table["k"]["at"] == 1000.0
    assert _duplicates(metrics) == 0


async def test_an_entry_older_than_the_window_lets_the_article_through_again() -> None:
    """After the window the key is new again, and re-remembered."""
    table: dict[str, Any] = {}
    now = [1000.0]
    gate, _ = _gate(table, now)
    await gate.remember(_message("k"), SourcePosition("in", 0, 1))
    now[0] = 1000.0 + WINDOW + 1
    later = SourcePosition("in", 0, 99)
    assert await gate.admit(_message("k"), later)
    await gate.remember(_message("k"), later)
    assert table["k"] == {"at": now[0], "source": "in:0:99"}


async def test_expired_entries_of_the_message_partition_are_swept_at_most_once_a_minute() -> None:
    """Only keys of the current partition are deleted (their tombstones land there)."""
    keys = [f"url:example.org/{index}" for index in range(40)]
    table: dict[str, Any] = {key: {"at": 0.0, "source": "in:0:0"} for key in keys}
    now = [WINDOW + 10]
    gate, _ = _gate(table, now)
    probe = _message(keys[0])
    mine = {key for key in keys if partition_for(key, PARTITIONS) == probe.tp.partition}
    assert 0 < len(mine) < len(keys)
    await gate.admit(probe, SourcePosition("in", 0, 1))
    assert set(table) == set(keys) - mine
    table["url:example.org/0"] = {"at": 0.0, "source": "in:0:0"}
    now[0] += 30
    await gate.admit(probe, SourcePosition("in", 0, 2))
    assert "url:example.org/0" in table
