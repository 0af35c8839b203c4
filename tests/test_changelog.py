"""DirectTable writes the changelog records Faust's own table writes would queue."""

from __future__ import annotations

from typing import Any

import faust

from stream.changelog import DirectTable

PARTITION = 3


class RecordingProducer:
    """Stands in for the worker's producer: keeps direct sends and buffered messages."""

    def __init__(self) -> None:
        self.sent: list[tuple[Any, ...]] = []
        self.buffered: list[Any] = []

    async def send(self, *record: Any) -> None:
        """A direct send: (topic, key, value, partition, timestamp, headers)."""
        self.sent.append(record)

    def send_soon(self, future: Any) -> None:
        """What `table[key] = value` queues on Faust's producer buffer."""
        self.buffered.append(future.message)


def _table(name: str) -> tuple[faust.Table[str, Any], RecordingProducer]:
    """A table on an app that is never started, written on PARTITION."""
    app = faust.App(f"test-{name}", broker="kafka://127.0.0.1:1", store="memory://")
    table = app.Table(name, default=None)
    producer = RecordingProducer()
    app.producer = producer  # type: ignore[assignment]
    table.partition_for_key = lambda _key: PARTITION  # type: ignore[method-assign]
    return table, producer


def _queued(message: Any) -> tuple[Any, ...]:
    """A buffered Faust message as the producer would be handed it."""
    topic = message.channel.get_topic_name()
    return (topic, message.key, message.value, message.partition, None, message.headers)


async def test_a_set_sends_the_record_faust_would_queue_and_stores_the_value() -> None:
    """Same topic, key and value bytes, partition and headers; the local copy is the value."""
    table, producer = _table("incidents")
    value = [{"id": "inc_1", "at": 1.5, "tokens": ["a", "b"]}, {"id": "inc_2", "at": None}]
    await DirectTable(table).set("attacks|IQ", value)
    table["attacks|IQ"] = value
    assert producer.sent == [_queued(producer.buffered[0])]
    assert producer.sent[0][1:3] == (
        b'"attacks|IQ"',
        b'[{"id":"inc_1","at":1.5,"tokens":["a","b"]},{"id":"inc_2","at":null}]',
    )
    assert DirectTable(table).get("attacks|IQ") == value


async def test_a_delete_sends_the_tombstone_faust_would_queue_and_drops_the_key() -> None:
    """A None value under the key, on the same partition; the key is gone locally."""
    table, producer = _table("first-seen")
    direct = DirectTable(table)
    await direct.set("url:example.org/a", {"at": 1.0, "source": "in:0:1"})
    table["url:example.org/b"] = {"at": 1.0, "source": "in:0:2"}
    await direct.delete("url:example.org/a")
    del table["url:example.org/b"]
    topic, key, value, partition, timestamp, headers = producer.sent[-1]
    expected = _queued(producer.buffered[-1])
    assert (topic, value, partition, timestamp, headers) == expected[:1] + expected[2:]
    assert (key, value) == (b'"url:example.org/a"', None)
    assert list(direct.items()) == []
