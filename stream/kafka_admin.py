"""Broker set-up before a worker starts: detect the broker kind, create topics explicitly."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass
from typing import Any

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaConnectionError, TopicAlreadyExistsError

from stream.core.rules import Rule
from stream.errors import BrokerError
from stream.settings import Settings
from stream.tansu import faust_overrides, is_tansu

__all__ = ["BrokerProfile", "ensure_topics", "probe_broker", "topic_names"]


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
    names = [
        settings.topic_articles,
        settings.topic_dlq,
        settings.topic_events,
        settings.topic_alerts,
    ]
    names += [topic for rule in rules for topic in rule.topics if topic not in names]
    return list(dict.fromkeys(names))


async def ensure_topics(settings: Settings, names: list[str]) -> dict[str, int]:
    """Create missing topics explicitly (auto-creation gives the wrong partition count);
    return each named topic's partition count."""
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
            with contextlib.suppress(TopicAlreadyExistsError):
                await admin.create_topics(missing)
        counts = {topic.name: settings.topic_partitions for topic in missing}
        found = [name for name in names if name in existing]
        for described in await admin.describe_topics(found) if found else []:
            if described["error_code"] == 0:
                counts[described["topic"]] = len(described["partitions"])
        return counts
    finally:
        await admin.close()
