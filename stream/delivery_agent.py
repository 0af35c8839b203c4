"""The delivery agent: outbox records → Faust tables of pending deliveries → signed attempts.

Every state change (enqueued, attempted, finished) is a record on the outbox topic, so a
restarted worker recovers its pending deliveries from the table's changelog and resumes them.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import random
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import faust
import structlog
from faust.types import TP
from pydantic import ValidationError

from stream.alerting import AlertingWiring
from stream.core.outbox import AttemptResult, Delivery, after_attempt
from stream.core.rules_config import Receiver
from stream.delivery import WebhookSender
from stream.metrics import Metrics, status_class

__all__ = ["build_delivery_agent"]

log = structlog.get_logger(__name__)

DISPATCH_INTERVAL_S = 0.1
FINISHED_RETENTION = timedelta(days=1)
PRUNE_EVERY = timedelta(minutes=1)


def _url_key(receiver: Receiver) -> str:
    """A digest of the receiver URL (URLs may embed tokens, so never stored in clear)."""
    return hashlib.sha256(receiver.url.encode()).hexdigest()[:16]


class _Dispatcher:
    """Starts due attempts, at most `concurrency` per receiver, never waiting on another."""

    def __init__(
        self,
        app: faust.App,
        wiring: AlertingWiring,
        tables: dict[str, Any],
        sender: WebhookSender,
        metrics: Metrics,
        clock: Callable[[], datetime],
    ) -> None:
        self.app = app
        self.wiring = wiring
        self.pending = tables["pending"]
        self.disabled = tables["disabled"]
        self.sender = sender
        self.metrics = metrics
        self.clock = clock
        self.inflight: dict[str, int] = {}
        self.tasks: set[asyncio.Task[None]] = set()
        self.limits: dict[str, asyncio.Semaphore] = {}

    def _due(self, now: datetime) -> list[Delivery]:
        """Pending deliveries on this worker's active partitions whose time has come."""
        if self.app.rebalancing:
            return []
        topic = self.wiring.outbox.get_topic_name()
        actives = self.app.assignor.assigned_actives()
        due = []
        for key, value in list(self.pending.items()):
            if key in self.inflight or TP(topic, value["partition"]) not in actives:
                continue
            delivery = Delivery.model_validate(value["delivery"])
            if delivery.next_at <= now:
                due.append(delivery)
        return due

    async def run(self) -> None:
        """Poll the pending table and start due attempts until the worker stops."""
        try:
            while True:
                await asyncio.sleep(DISPATCH_INTERVAL_S)
                for delivery in self._due(self.clock()):
                    self.inflight[delivery.webhook_id] = delivery.attempts + 1
                    task = asyncio.create_task(self._attempt(delivery))
                    self.tasks.add(task)
                    task.add_done_callback(self.tasks.discard)
        finally:
            for task in list(self.tasks):
                task.cancel()
            await self.sender.close()

    def _limit(self, receiver: Receiver) -> asyncio.Semaphore:
        """The receiver's own concurrency limit."""
        if receiver.name not in self.limits:
            concurrency = self.wiring.book.current.delivery.concurrency
            self.limits[receiver.name] = asyncio.Semaphore(concurrency)
        return self.limits[receiver.name]

    async def _call(self, delivery: Delivery, receiver: Receiver | None) -> AttemptResult:
        """One HTTP attempt, or the reason none was made."""
        if receiver is None:
            return AttemptResult(error="unknown_receiver: not in the current rules file")
        if self.disabled.get(receiver.name) == _url_key(receiver):
            return AttemptResult(status=410, error="disabled: receiver answered 410 Gone before")
        async with self._limit(receiver):
            result = await self.sender.send(receiver, delivery.webhook_id, delivery.body.encode())
        klass = status_class(result.status)
        self.metrics.webhook_attempts.labels(receiver=receiver.name, status_class=klass).inc()
        return result

    async def _attempt(self, delivery: Delivery) -> None:
        """Make one attempt and record the delivery's next state on the outbox topic."""
        try:
            rule_set = self.wiring.book.current
            receiver = rule_set.receivers.get(delivery.receiver)
            started = self.clock()
            result = await self._call(delivery, receiver)
            policy = rule_set.delivery
            if receiver is None:
                policy = policy.model_copy(update={"max_attempts": 1})
            state = after_attempt(
                delivery,
                result,
                started_at=started,
                now=self.clock(),
                policy=policy,
                random=random.random,
            )
            log.info(
                "webhook_attempt",
                receiver=delivery.receiver,
                webhook_id=delivery.webhook_id,
                attempt=state.attempts,
                status=result.status,
                error=result.error,
                state=state.state,
                next_at=state.next_at.isoformat() if state.state == "pending" else None,
                seconds=round(result.seconds, 3),
            )
            await self.wiring.outbox.send(
                key=delivery.webhook_id.encode(), value=state.model_dump_json().encode()
            )
        except Exception:
            log.exception("webhook_attempt_failed", webhook_id=delivery.webhook_id)
            self.inflight.pop(delivery.webhook_id, None)


def build_delivery_agent(
    app: faust.App,
    wiring: AlertingWiring,
    metrics: Metrics,
    dlq_topic: str,
    clock: Callable[[], datetime],
) -> None:
    """Register the outbox agent, its tables and the dispatcher task."""
    tables = {
        "pending": app.Table("webhook-pending", default=None),
        "finished": app.Table("webhook-finished", default=None),
        "disabled": app.Table("webhook-disabled", default=None),
    }
    dlq = wiring.topic(dlq_topic)
    dispatcher = _Dispatcher(app, wiring, tables, WebhookSender(), metrics, clock)

    async def finish(delivery: Delivery) -> None:
        """Count a finished delivery; dead letters for given-up ones; 410 disables."""
        metrics.webhook_deliveries.labels(receiver=delivery.receiver, outcome=delivery.state).inc()
        if delivery.state == "delivered":
            seconds = (clock() - delivery.created_at).total_seconds()
            metrics.webhook_delivery_seconds.labels(receiver=delivery.receiver).observe(seconds)
            return
        await dlq.send(key=delivery.webhook_id.encode(), value=delivery.model_dump_json().encode())
        receiver = wiring.book.current.receivers.get(delivery.receiver)
        if delivery.state == "gone" and receiver is not None:
            tables["disabled"][delivery.receiver] = _url_key(receiver)
        log.warning(
            "webhook_given_up",
            receiver=delivery.receiver,
            webhook_id=delivery.webhook_id,
            state=delivery.state,
            attempts=delivery.attempts,
            error=delivery.last_error,
            status=delivery.last_status,
        )

    pruned_at: dict[int, datetime] = {}

    def forget_finished(partition: int, now: datetime) -> None:
        """Drop this partition's finished markers older than the retention (once a minute)."""
        if now - pruned_at.get(partition, datetime.min.replace(tzinfo=now.tzinfo)) < PRUNE_EVERY:
            return
        pruned_at[partition] = now
        cutoff = (now - FINISHED_RETENTION).isoformat()
        for key, value in list(tables["finished"].items()):
            if value["partition"] == partition and value["at"] < cutoff:
                del tables["finished"][key]

    async def deliveries(stream: faust.StreamT[bytes]) -> None:
        """Fold outbox records into the pending/finished tables (stale records ignored)."""
        async for event in stream.events():
            message = event.message
            try:
                delivery = Delivery.model_validate_json(message.value or b"")
            except ValidationError:
                log.warning("outbox_record_invalid", offset=message.offset)
                continue
            try:
                await fold(delivery, message.partition)
            except Exception:
                log.exception("outbox_record_failed", webhook_id=delivery.webhook_id)
            if dispatcher.inflight.get(delivery.webhook_id, 0) <= delivery.attempts:
                dispatcher.inflight.pop(delivery.webhook_id, None)

    async def fold(delivery: Delivery, partition: int) -> None:
        """Store a newer state; finish terminal ones; ignore stale or repeated records."""
        key = delivery.webhook_id
        current = tables["pending"].get(key)
        known = Delivery.model_validate(current["delivery"]).attempts if current else -1
        if tables["finished"].get(key) is not None or known >= delivery.attempts:
            return
        if delivery.terminal:
            now = clock()
            tables["finished"][key] = {"partition": partition, "at": now.isoformat()}
            tables["pending"].pop(key, None)
            await finish(delivery)
            forget_finished(partition, now)
        else:
            tables["pending"][key] = {
                "partition": partition,
                "delivery": delivery.model_dump(mode="json"),
            }

    async def dispatch() -> None:
        """Run the dispatcher for the life of the worker."""
        with contextlib.suppress(asyncio.CancelledError):
            await dispatcher.run()

    app.agent(wiring.outbox, name="webhook-deliveries")(deliveries)
    app.task(dispatch)
