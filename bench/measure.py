"""Measurements on a broker: relay rates, worker rates, paced latency, worker memory."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from bench.corpus import generate_articles
from schemas import Alert
from stream.broker import free_port
from stream.core.intake import message_key
from stream.kafka_admin import ensure_topics
from stream.kafka_io import publish_values
from stream.settings import Settings

__all__ = ["Run", "StalledError"]

BENCH = Path(__file__).resolve().parent
PARTITIONS = 4
# The alert topic counts as caught up once no alert has arrived for this long.
ALERTS_QUIET_S = 5.0


class StalledError(RuntimeError):
    """A measured run stopped producing output before its input was processed."""


def _rate(timestamps_ms: list[int], end_ms: int | None = None) -> float:
    """Records per second between the first output record and the last one (or `end_ms`,
    when later)."""
    last = max(timestamps_ms) if end_ms is None else max(end_ms, max(timestamps_ms))
    span = (last - min(timestamps_ms)) / 1000.0
    return (len(timestamps_ms) - 1) / span if span > 0 else float("inf")


class Run:
    """One benchmark run against one broker; each measurement uses fresh topics."""

    def __init__(self, bootstrap: str) -> None:
        self.bootstrap = bootstrap

    def _topics(self, *names: str, partitions: int = PARTITIONS) -> list[str]:
        """Create uniquely named topics; return their names."""
        suffix = uuid.uuid4().hex[:8]
        topics = [f"bench.{name}.{suffix}" for name in names]
        settings = Settings(broker=f"kafka://{self.bootstrap}", topic_partitions=partitions)
        asyncio.run(ensure_topics(settings, topics))
        return topics

    def _fill(self, topic: str, messages: list[bytes]) -> None:
        """Publish the input (keyed by dedupe key, as the connectors do) before the consumer
        under test starts."""
        asyncio.run(publish_values(self.bootstrap, topic, ((message_key(m), m) for m in messages)))

    async def _output_timestamps(
        self, topic: str, expected: int, timeout_s: float, quiet_s: float | None = None
    ) -> list[int]:
        """Read `topic` until `expected` records arrived (with `quiet_s`: and then until none
        arrived for that long); return their timestamps."""
        consumer = AIOKafkaConsumer(
            topic,
            bootstrap_servers=self.bootstrap,
            auto_offset_reset="earliest",
            fetch_max_wait_ms=100,
            max_partition_fetch_bytes=8 * 1024 * 1024,
        )
        await consumer.start()
        stamps: list[int] = []
        loop = asyncio.get_running_loop()
        last_arrival = loop.time()
        try:
            async with asyncio.timeout(timeout_s):
                while len(stamps) < expected or (
                    quiet_s is not None and loop.time() - last_arrival < quiet_s
                ):
                    batches = await consumer.getmany(timeout_ms=500, max_records=10000)
                    arrived = [r.timestamp for records in batches.values() for r in records]
                    if arrived:
                        stamps += arrived
                        last_arrival = loop.time()
        finally:
            await consumer.stop()
        return stamps

    def raw_relay(self, messages: list[bytes]) -> float:
        """A bare aiokafka consume→produce loop; records per second."""
        source, target = self._topics("relay-in", "relay-out")
        self._fill(source, messages)

        async def relay() -> None:
            consumer = AIOKafkaConsumer(
                source,
                bootstrap_servers=self.bootstrap,
                group_id=f"relay-{uuid.uuid4().hex[:6]}",
                auto_offset_reset="earliest",
                fetch_max_wait_ms=100,
                enable_auto_commit=False,
                max_partition_fetch_bytes=8 * 1024 * 1024,
            )
            producer = AIOKafkaProducer(
                bootstrap_servers=self.bootstrap,
                acks="all",
                enable_idempotence=False,
                linger_ms=5,
                max_request_size=8 * 1024 * 1024,
            )
            await consumer.start()
            await producer.start()
            done = 0
            try:
                while done < len(messages):
                    batches = await consumer.getmany(timeout_ms=500, max_records=2000)
                    for records in batches.values():
                        for record in records:
                            await producer.send(target, value=record.value)
                            done += 1
                    await producer.flush()
                    await consumer.commit()
            finally:
                await producer.stop()
                await consumer.stop()

        asyncio.run(relay())
        stamps = asyncio.run(self._output_timestamps(target, len(messages), 60))
        return _rate(stamps)

    def _workers_rate(
        self,
        commands: list[tuple[list[str], dict[str, str]]],
        output: str,
        expected: int,
        timeout_s: float,
        alerts: str | None = None,
    ) -> float:
        """Start worker processes, read `output` until `expected` records; records/s (with
        `alerts`, until that topic's last record once it has caught up)."""
        with tempfile.TemporaryFile() as log:
            processes = [
                subprocess.Popen(
                    command, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=log
                )
                for command, env in commands
            ]
            try:
                stamps = asyncio.run(self._output_timestamps(output, expected, timeout_s))
                end = None
                if alerts is not None:
                    caught_up = self._output_timestamps(alerts, 0, timeout_s, ALERTS_QUIET_S)
                    end = max(asyncio.run(caught_up), default=None)
            except TimeoutError:
                log.seek(0)
                tail = log.read().decode(errors="replace")[-2000:]
                raise StalledError(f"output stalled before {expected} records:\n{tail}") from None
            finally:
                for process in processes:
                    process.terminate()
                for process in processes:
                    process.wait(timeout=30)
        return _rate(stamps, end)

    def faust_floor(self, messages: list[bytes], *, direct: bool = False) -> float:
        """A do-nothing Faust forwarder on the same broker and transport; records per second
        (`direct`: sending with the producer as the service does, not Topic.send)."""
        source, target = self._topics("floor-in", "floor-out")
        self._fill(source, messages)
        with tempfile.TemporaryDirectory() as data_dir:
            command = [
                sys.executable,
                str(BENCH / "faust_forwarder.py"),
                "--broker",
                f"tansu://{self.bootstrap}",
                "--source",
                source,
                "--target",
                target,
                "--app-id",
                f"floor-{uuid.uuid4().hex[:6]}",
                "--data-dir",
                data_dir,
                *(["--direct"] if direct else []),
            ]
            return self._workers_rate([(command, {})], target, len(messages), 300)

    def _service_env(
        self, topics: list[str], app_id: str, data_dir: str, partitions: int = PARTITIONS
    ) -> dict[str, str]:
        """Environment of a real worker on the given (articles, dlq, events, alerts) topics,
        told their partition count (a worker that expects another count re-keys every record)."""
        articles, dlq, events, alerts = topics
        return {
            "CONFLICT_ALERTS_BROKER": f"kafka://{self.bootstrap}",
            "CONFLICT_ALERTS_APP_ID": app_id,
            "CONFLICT_ALERTS_TOPIC_ARTICLES": articles,
            "CONFLICT_ALERTS_TOPIC_DLQ": dlq,
            "CONFLICT_ALERTS_TOPIC_EVENTS": events,
            "CONFLICT_ALERTS_TOPIC_ALERTS": alerts,
            "CONFLICT_ALERTS_LOG_LEVEL": "warning",
            "CONFLICT_ALERTS_LOG_FORMAT": "json",
            "CONFLICT_ALERTS_WEB_PORT": str(free_port()),
            "CONFLICT_ALERTS_DATA_DIR": data_dir,
            "CONFLICT_ALERTS_RULES": str(BENCH / "rules.yaml"),
            "CONFLICT_ALERTS_TOPIC_PARTITIONS": str(partitions),
        }

    def service(
        self,
        messages: list[bytes],
        workers: int = 1,
        partitions: int = PARTITIONS,
        *,
        through_alerts: bool = False,
    ) -> float:
        """Real workers in one consumer group processing articles end to end; articles/s from
        the first event to the last event (`through_alerts`: to the last alert, read once the
        alert topic has caught up)."""
        topics = self._topics("articles", "dlq", "events", "alerts", partitions=partitions)
        self._fill(topics[0], messages)
        app_id = f"service-{uuid.uuid4().hex[:6]}"
        with tempfile.TemporaryDirectory() as data_dir:
            commands = [
                (
                    [sys.executable, "-m", "stream", "worker"],
                    self._service_env(topics, app_id, f"{data_dir}/{index}", partitions),
                )
                for index in range(workers)
            ]
            return self._workers_rate(
                commands,
                topics[2],
                len(messages),
                60 + len(messages) / 20,
                alerts=topics[3] if through_alerts else None,
            )

    def latency(self, rate: float, seconds: float) -> dict[str, float]:
        """Paced load into a running worker: arrival-to-alert latency percentiles in ms.

        Every article is new (the worker drops duplicates): one to warm up, then the paced ones.
        """
        total = int(rate * seconds)
        warm_up, *messages = generate_articles(total + 1, seed=int(rate) * 1000 + int(seconds))
        topics = self._topics("articles", "dlq", "events", "alerts")
        app_id = f"latency-{uuid.uuid4().hex[:6]}"
        with tempfile.TemporaryDirectory() as data_dir, tempfile.TemporaryFile() as log:
            env = self._service_env(topics, app_id, data_dir)
            process = subprocess.Popen(
                [sys.executable, "-m", "stream", "worker"],
                env={**os.environ, **env},
                stdout=subprocess.DEVNULL,
                stderr=log,
            )
            try:
                asyncio.run(self._warm_up(topics, warm_up))
                asyncio.run(self._paced(topics[0], messages, rate))
                latencies = asyncio.run(self._alert_latencies(topics[3], topics[2], total + 1))
            finally:
                process.terminate()
                process.wait(timeout=30)
        latencies.sort()
        return {
            f"p{q}": round(latencies[min(len(latencies) - 1, int(len(latencies) * q / 100))], 1)
            for q in (50, 95, 99)
        } | {"n": float(len(latencies))}

    async def _warm_up(self, topics: list[str], message: bytes) -> None:
        """Send one article and wait for its event: the worker is then assigned and warm."""
        await publish_values(self.bootstrap, topics[0], [(message_key(message), message)])
        await self._output_timestamps(topics[2], 1, 120)

    async def _paced(self, topic: str, messages: list[bytes], rate: float) -> None:
        """Send every message, `rate` per second."""
        producer = AIOKafkaProducer(
            bootstrap_servers=self.bootstrap, acks="all", enable_idempotence=False, linger_ms=0
        )
        await producer.start()
        keyed = [(message_key(message), message) for message in messages]
        loop = asyncio.get_running_loop()
        start = loop.time()
        try:
            for index, (key, message) in enumerate(keyed):
                delay = start + index / rate - loop.time()
                if delay > 0:
                    await asyncio.sleep(delay)
                await producer.send(topic, message, key=key)
            await producer.flush()
        finally:
            await producer.stop()

    async def _alert_latencies(self, alerts: str, events: str, expected_events: int) -> list[float]:
        """Alert record time minus its article's arrival time, for every alert, in ms."""
        consumer = AIOKafkaConsumer(
            alerts,
            events,
            bootstrap_servers=self.bootstrap,
            auto_offset_reset="earliest",
            fetch_max_wait_ms=100,
        )
        await consumer.start()
        latencies: list[float] = []
        seen_events = 0
        try:
            async with asyncio.timeout(300):
                while seen_events < expected_events:
                    batches = await consumer.getmany(timeout_ms=500)
                    for tp, records in batches.items():
                        if tp.topic == events:
                            seen_events += len(records)
                            continue
                        for record in records:
                            alert = Alert.model_validate_json(record.value)
                            if alert.received_at is not None:
                                arrival_ms = alert.received_at.timestamp() * 1000
                                latencies.append(record.timestamp - arrival_ms)
        finally:
            await consumer.stop()
        return latencies

    def peak_rss_mb(self, messages: list[bytes]) -> tuple[float, float]:
        """A worker's peak resident memory (MB) after processing all `messages`, and its rate."""
        topics = self._topics("articles", "dlq", "events", "alerts")
        self._fill(topics[0], messages)
        app_id = f"rss-{uuid.uuid4().hex[:6]}"
        with tempfile.TemporaryDirectory() as data_dir:
            env = self._service_env(topics, app_id, data_dir)
            process = subprocess.Popen(
                [sys.executable, "-m", "stream", "worker"],
                env={**os.environ, **env},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            try:
                stamps = asyncio.run(self._output_timestamps(topics[2], len(messages), 1800))
                peak = _peak_rss_mb(process.pid)
            finally:
                process.terminate()
                process.wait(timeout=30)
        return peak, _rate(stamps)


def _peak_rss_mb(pid: int) -> float:
    """VmHWM (peak resident set) of a process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")
