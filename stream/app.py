"""Composition root: build the Faust app, its topics and agents from Settings."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import faust
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaConnectionError, TopicAlreadyExistsError

from stream.agents import Dependencies, Topics, build_agents
from stream.core.analysis import Analyzer
from stream.core.intake import parse_article, related_articles
from stream.core.rules import DEFAULT_RULES, Rule, load_rules
from stream.errors import BrokerError
from stream.metrics import Metrics
from stream.settings import Settings
from stream.tansu import faust_overrides, is_tansu

__all__ = ["BrokerProfile", "create_app", "ensure_topics", "probe_broker", "topic_names"]


@dataclass(frozen=True)
class BrokerProfile:
    """What kind of broker the settings point at, and the Faust URL/options that suit it."""

    url: str
    tansu: bool
    options: dict[str, Any]


async def probe_broker(settings: Settings) -> BrokerProfile:
    """Reach the broker and decide whether the Tansu compatibility layer applies."""
    try:
        async with asyncio.timeout(15):
            tansu = (
                settings.broker_compat == "tansu"
                if settings.broker_compat != "auto"
                else await is_tansu(settings.bootstrap_servers)
            )
    except (KafkaConnectionError, TimeoutError, OSError) as error:
        raise BrokerError(f"cannot reach a Kafka broker at {settings.broker}: {error}") from error
    if not tansu:
        return BrokerProfile(settings.broker, tansu=False, options={})
    url = ";".join(f"tansu://{server}" for server in settings.bootstrap_servers.split(","))
    return BrokerProfile(url, tansu=True, options=faust_overrides())


def topic_names(settings: Settings, rules: tuple[Rule, ...]) -> list[str]:
    """Every topic a worker reads or writes."""
    names = [settings.topic_articles, settings.topic_dlq, settings.topic_events,
             settings.topic_alerts]
    names += [topic for rule in rules for topic in rule.topics if topic not in names]
    return list(dict.fromkeys(names))


async def ensure_topics(settings: Settings, names: list[str]) -> None:
    """Create missing topics explicitly (auto-creation gives the wrong partition count)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=settings.bootstrap_servers)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [
            NewTopic(name, settings.topic_partitions, settings.topic_replication)
            for name in names
            if name not in existing
        ]
        if missing:
            try:
                await admin.create_topics(missing)
            except TopicAlreadyExistsError:
                pass
    finally:
        await admin.close()


def create_app(
    settings: Settings,
    profile: BrokerProfile,
    analyzer: Analyzer,
    metrics: Metrics,
    rules: tuple[Rule, ...] | None = None,
) -> faust.App:
    """Build the worker app: topics, agents and dependencies, nothing started yet."""
    rules = rules if rules is not None else (
        load_rules(settings.rules) if settings.rules else DEFAULT_RULES
    )
    app = faust.App(
        settings.app_id,
        broker=profile.url,
        datadir=str(settings.data_dir),
        store="memory://",
        producer_acks=-1,
        topic_partitions=settings.topic_partitions,
        topic_replication_factor=settings.topic_replication,
        consumer_auto_offset_reset="earliest",
        web_enabled=settings.web_enabled,
        web_host=settings.web_host,
        web_port=settings.web_port,
        web_bind=settings.web_host,
        **profile.options,
    )

    def raw_topic(name: str) -> faust.TopicT:
        return app.topic(name, key_type=bytes, value_type=bytes, key_serializer="raw",
                         value_serializer="raw")

    topics = Topics(
        articles=raw_topic(settings.topic_articles),
        dlq=raw_topic(settings.topic_dlq),
        events=raw_topic(settings.topic_events),
        alerts=raw_topic(settings.topic_alerts),
        extra={t: raw_topic(t) for rule in rules for t in rule.topics},
    )
    deps = Dependencies(
        analyzer=analyzer,
        parse=lambda raw: parse_article(raw, max_body_bytes=settings.max_body_bytes),
        related=related_articles,
        rules=rules,
        metrics=metrics,
        clock=lambda: datetime.now(UTC),
    )
    build_agents(app, topics, deps)
    return app
