"""The alerting agent: events keyed by country, incidents and inhibition in Faust tables,
alerts out on the alerts topic, each rule's topics and the webhook outbox."""

from __future__ import annotations

import asyncio
import functools
import signal
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

import faust
import structlog
from pydantic import ValidationError

from schemas import Alert, Event
from stream.agents import Dependencies, Topics, dead_letter
from stream.changelog import DirectTable, TableStore
from stream.core.alert_flow import EventOutcome, decide, partition_key
from stream.core.incidents import Incident
from stream.core.outbox import enqueue
from stream.core.processing import DeadLetter
from stream.core.rules import Rule, RuleSet
from stream.core.silences import ActiveSource
from stream.direct_topic import raw_topic
from stream.kafka_admin import ensure_topics
from stream.logging import LogContext
from stream.metrics import Metrics
from stream.placement import Placement
from stream.producer_metadata import track_topic
from stream.rulebook import RuleBook
from stream.settings import Settings
from stream.silencing import SilenceStore

__all__ = ["AlertingWiring", "alerting_topic_names", "build_alerting_agent"]

log = structlog.get_logger(__name__)

MAX_SOURCES = 500
SILENCES_READY_TIMEOUT_S = 60.0
TABLES = (
    "alert-incidents",
    "alert-inhibitors",
    "webhook-pending",
    "webhook-finished",
    "webhook-disabled",
)


def alerting_topic_names(settings: Settings) -> list[str]:
    """Internal topics of the alerting stage (created explicitly before the worker starts)."""
    changelogs = [f"{settings.app_id}-{table}-changelog" for table in TABLES]
    return [
        f"{settings.app_id}-events-by-country",
        settings.topic_outbox,
        settings.topic_webhooks_dlq,
        settings.topic_silences,
        *changelogs,
    ]


@dataclass
class AlertingWiring:
    """What the alerting agents need beyond the shared topics and dependencies."""

    book: RuleBook
    settings: Settings
    by_country: faust.TopicT
    outbox: faust.TopicT
    silences: SilenceStore
    placement: Placement
    topic: Callable[[str], faust.TopicT]
    track: Callable[[str], Awaitable[None]]
    extra: dict[str, faust.TopicT] = field(default_factory=dict)
    background: set[asyncio.Future[dict[str, int]]] = field(default_factory=set)

    @classmethod
    def create(
        cls, app: faust.App, settings: Settings, book: RuleBook, placement: Placement
    ) -> AlertingWiring:
        """Declare the alerting topics on the app."""

        raw = functools.partial(raw_topic, app)
        return cls(
            book=book,
            settings=settings,
            by_country=raw(f"{settings.app_id}-events-by-country"),
            outbox=raw(settings.topic_outbox),
            silences=SilenceStore(settings.bootstrap_servers, settings.topic_silences),
            placement=placement,
            topic=raw,
            track=lambda name: track_topic(app, name),
        )

    def create_rule_topics(self, rule_set: RuleSet) -> None:
        """Create a reloaded rule set's topics in the background."""
        task = asyncio.ensure_future(ensure_topics(self.settings, rule_set.topics))
        self.background.add(task)
        task.add_done_callback(self.background.discard)

    async def rule_topic(self, name: str) -> faust.TopicT:
        """The Faust topic for a per-rule topic (declared and tracked on first use, e.g. after
        a reload)."""
        if name not in self.extra:
            await self.track(name)
            self.extra[name] = self.topic(name)
        return self.extra[name]


def _decode(raw: bytes) -> Event | DeadLetter:
    """The event, or why it cannot be one."""
    try:
        return Event.model_validate_json(raw)
    except ValidationError as error:
        return DeadLetter("invalid_event", str(error.errors()[0]["msg"]))


def _incidents(table: TableStore, key: str) -> list[Incident]:
    """Open incidents stored under a table key."""
    return [Incident.model_validate(item) for item in table.get(key) or []]


async def _publish(
    topics: Topics, wiring: AlertingWiring, deps: Dependencies, rule: Rule, alert: Alert
) -> None:
    """Send an alert to the alerts topic, the rule's topics and its receivers' outbox."""
    body = alert.model_dump_json().encode()
    key = alert.incident_key.encode()
    await topics.alerts.send(key=key, value=body)
    for name in rule.routes.topics:
        await (await wiring.rule_topic(name)).send(key=key, value=body)
    rule_set: RuleSet = wiring.book.current
    for receiver_name in rule.routes.receivers:
        receiver = rule_set.receivers.get(receiver_name)
        if receiver is None:
            continue
        delivery = enqueue(alert, receiver, deps.clock())
        await wiring.outbox.send(
            key=delivery.webhook_id.encode(), value=delivery.model_dump_json().encode()
        )
    deps.metrics.record_alert(alert.rule, alert.severity.value)
    if alert.received_at is not None and alert.status == "new":
        lag = (deps.clock() - alert.received_at).total_seconds()
        deps.metrics.end_to_end_seconds.observe(max(lag, 0.0))
    log.info(
        "alert_published",
        alert_id=alert.id,
        rule=alert.rule,
        incident=alert.incident_key,
        status=alert.status,
    )


def _record_outcome(outcome: EventOutcome, metrics: Metrics) -> None:
    """Log reports folded into an incident; log and count muted alerts."""
    for item in outcome.rules:
        if item.alert is None:
            log.info("report_grouped", rule=item.rule.name, incident=item.incident_id)
        elif item.muted_by is not None:
            reason = "silenced" if item.muted_by.startswith("silence:") else "inhibited"
            metrics.alerts_muted.labels(rule=item.rule.name, reason=reason).inc()
            log.info("alert_muted", rule=item.rule.name, alert_id=item.alert.id, by=item.muted_by)


def build_alerting_agent(
    app: faust.App, topics: Topics, deps: Dependencies, wiring: AlertingWiring
) -> None:
    """Register the alerting agents (events, and re-keyed events) with their tables, and
    silences."""
    incidents = DirectTable(app.Table("alert-incidents", default=None))
    inhibitors = DirectTable(app.Table("alert-inhibitors", default=None))

    def alerting(*, rekeyed: bool) -> Callable[[faust.StreamT[bytes]], Coroutine[Any, Any, None]]:
        """The agent body for the events topic, or (`rekeyed`) for the by-country topic."""

        async def consume(stream: faust.StreamT[bytes]) -> None:
            """Events → incidents, silences, inhibition → alerts and outbox records; an event
            not on its country's partition is first re-keyed through the by-country topic."""
            async for delivery in stream.events():
                message = delivery.message
                decoded = _decode(message.value or b"")
                if isinstance(decoded, DeadLetter):
                    await dead_letter(topics, deps, message, decoded)
                    continue
                country = partition_key(decoded)
                if not rekeyed and not wiring.placement.holds(message, country.encode()):
                    await wiring.by_country.send(key=country.encode(), value=message.value)
                else:
                    await guarded(message, decoded, country)

        return consume

    async def guarded(message: Any, event: Event, country: str) -> None:
        """Handle one event once silences are loaded; an unexpected error dead-letters it."""
        await wiring.silences.wait_ready(SILENCES_READY_TIMEOUT_S)
        with LogContext(
            event_id=event.id,
            article_id=event.article.id,
            topic=message.tp.topic,
            partition=message.tp.partition,
            offset=message.offset,
        ):
            try:
                await handle(event, country)
            except Exception as error:
                log.exception("alerting_failed")
                await dead_letter(topics, deps, message, DeadLetter("internal_error", repr(error)))

    async def handle(event: Event, country: str) -> None:
        """Decide, publish, then store the incident and inhibition state."""
        now = deps.clock()
        outcome = decide(
            wiring.book.current,
            event,
            incidents_for=lambda key: _incidents(incidents, key),
            sources=[ActiveSource.model_validate(s) for s in inhibitors.get(country) or ()],
            silences=wiring.silences.active(now),
            now=now,
        )
        for rule, alert in outcome.published:
            await _publish(topics, wiring, deps, rule, alert)
        for item in outcome.rules:
            if not item.replay:
                await incidents.set(
                    item.group_key,
                    [incident.model_dump(mode="json") for incident in item.incidents],
                )
        kept = [source.model_dump(mode="json") for source in outcome.sources[-MAX_SOURCES:]]
        if kept != (inhibitors.get(country) or []):
            await inhibitors.set(country, kept)
        _record_outcome(outcome, deps.metrics)

    async def follow_silences() -> None:
        """Replay and follow the silences topic for the life of the worker."""
        await wiring.silences.run()

    async def reload_on_sighup() -> None:
        """Reload the rules file on SIGHUP (creating new rule topics); tables are untouched."""
        if wiring.book.path is None:
            return
        wiring.book.on_reload(wiring.create_rule_topics)
        app.loop.add_signal_handler(signal.SIGHUP, wiring.book.reload)

    app.agent(topics.events, name="alerting")(alerting(rekeyed=False))
    app.agent(wiring.by_country, name="alerting-rekeyed")(alerting(rekeyed=True))
    app.task(follow_silences)
    app.task(reload_on_sighup)
