"""Run real worker subprocesses against the test broker, each test with its own topics."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from stream.broker import free_port
from stream.core.intake import message_key
from stream.kafka_admin import ensure_topics
from stream.kafka_io import Record, publish_values, read_topic
from stream.settings import Settings

__all__ = ["Deployment", "WorkerProcess"]


@dataclass
class WorkerProcess:
    """A `conflict-alerts worker` subprocess and the files it logs to."""

    process: subprocess.Popen[bytes]
    log_path: Path
    web_port: int

    def stop(self, sig: signal.Signals = signal.SIGTERM, timeout_s: float = 30.0) -> int:
        """Send `sig` and wait for the process to exit; return its exit code."""
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=timeout_s)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode

    def log(self) -> str:
        """Everything the worker wrote to stderr so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")


@dataclass
class Deployment:
    """One test's isolated set of topics and app id on a shared broker."""

    bootstrap: str
    workdir: Path
    extra: dict[str, str] = field(default_factory=dict)
    suffix: str = field(default_factory=lambda: uuid.uuid4().hex[:8])
    workers: list[WorkerProcess] = field(default_factory=list)

    @property
    def fields(self) -> dict[str, str]:
        """Settings fields naming this deployment's broker, app id and topics (plus extras)."""
        return {
            "broker": f"kafka://{self.bootstrap}",
            "app_id": f"test-{self.suffix}",
            "topic_articles": f"articles.raw.{self.suffix}",
            "topic_dlq": f"articles.dlq.{self.suffix}",
            "topic_events": f"events.classified.{self.suffix}",
            "topic_alerts": f"alerts.{self.suffix}",
            "log_format": "json",
            **self.extra,
        }

    @property
    def env(self) -> dict[str, str]:
        """The same fields as the CONFLICT_ALERTS_* variables a worker reads."""
        return {f"CONFLICT_ALERTS_{name.upper()}": value for name, value in self.fields.items()}

    @property
    def settings(self) -> Settings:
        """Settings equal to what the workers read from `env`."""
        return Settings.model_validate(self.fields)

    def start_worker(self, data_dir: Path | None = None) -> WorkerProcess:
        """Start a worker subprocess (own web port and data dir)."""
        port = free_port()
        index = len(self.workers)
        log_path = self.workdir / f"worker-{index}.log"
        env = {
            **os.environ,
            **self.env,
            "CONFLICT_ALERTS_WEB_PORT": str(port),
            "CONFLICT_ALERTS_DATA_DIR": str(data_dir or self.workdir / f"data-{index}"),
        }
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "stream", "worker"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=log,
            )
        worker = WorkerProcess(process, log_path, port)
        self.workers.append(worker)
        return worker

    def create_topics(self) -> None:
        """Create the deployment's topics before anyone publishes."""
        settings = self.settings
        names = [
            settings.topic_articles,
            settings.topic_dlq,
            settings.topic_events,
            settings.topic_alerts,
        ]
        asyncio.run(ensure_topics(settings, names))

    def publish(
        self, messages: Iterable[bytes], topic: str | None = None, *, keyed: bool = False
    ) -> int:
        """Send raw messages to the input topic (or `topic`), keyed by dedupe key if `keyed`."""
        target = topic or self.settings.topic_articles
        items = ((message_key(m) if keyed else None, m) for m in messages)
        return asyncio.run(publish_values(self.bootstrap, target, items))

    def collect(
        self,
        topics: list[str],
        until: Callable[[list[Record]], bool],
        timeout_s: float = 90.0,
        settle_s: float = 1.0,
    ) -> list[Record]:
        """Read `topics` from the beginning until `until(records)` holds and `settle_s` passes."""
        records: list[Record] = []

        async def gather() -> None:
            async with asyncio.timeout(timeout_s):
                async for record in read_topic(
                    self.bootstrap, topics, idle_timeout_s=settle_s, done=lambda: until(records)
                ):
                    records.append(record)

        try:
            asyncio.run(gather())
        except TimeoutError as error:
            logs = "\n".join(worker.log()[-3000:] for worker in self.workers)
            raise AssertionError(
                f"timed out with {len(records)} records on {topics}; worker logs:\n{logs}"
            ) from error
        return records

    def stop_all(self) -> None:
        """Stop every worker this deployment started."""
        for worker in self.workers:
            worker.stop()
