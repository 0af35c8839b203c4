"""The alerting agent: events in, alerts out on the alerts topic and each rule's topics."""

from __future__ import annotations

from collections.abc import AsyncIterator

import faust
import structlog

from stream.agents import Dependencies, Topics, dead_letter
from stream.core.processing import process_event

__all__ = ["build_alerting_agent"]

log = structlog.get_logger(__name__)


def build_alerting_agent(app: faust.App, topics: Topics, deps: Dependencies) -> None:
    """Register the alerting agent on the app."""

    async def alerting(stream: faust.StreamT[bytes]) -> AsyncIterator[None]:
        """Events → Alerts on the alerts topic and each rule's own topics."""
        routes = {rule.name: rule.topics for rule in deps.rules}
        async for delivery in stream.events():
            message = delivery.message
            with structlog.contextvars.bound_contextvars(
                article_id=(message.key or b"").decode("utf-8", "replace"),
                topic=message.tp.topic,
                partition=message.tp.partition,
                offset=message.offset,
            ):
                outcome = process_event(message.value or b"", rules=deps.rules, clock=deps.clock)
                if outcome.dead_letter is not None:
                    await dead_letter(topics, deps, message, outcome.dead_letter)
                    continue
                for alert in outcome.alerts:
                    body = alert.model_dump_json().encode()
                    key = alert.incident_key.encode()
                    await topics.alerts.send(key=key, value=body)
                    for name in routes.get(alert.rule, ()):
                        await topics.extra[name].send(key=key, value=body)
                    deps.metrics.alerts.labels(rule=alert.rule, severity=alert.severity.value).inc()
                    if alert.received_at is not None:
                        lag = (deps.clock() - alert.received_at).total_seconds()
                        deps.metrics.end_to_end_seconds.observe(max(lag, 0.0))
                    log.info("alert_published", alert_id=alert.id, rule=alert.rule)
            yield None

    app.agent(topics.events, name="alerting")(alerting)
