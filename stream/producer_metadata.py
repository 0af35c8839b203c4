"""Keep the worker producer's metadata whole when it first writes to a topic created later."""

from __future__ import annotations

from typing import Any, cast

import faust

__all__ = ["track_topic"]


async def track_topic(app: faust.App, name: str) -> None:
    """Make the producer track `name` together with every topic it already knows.

    Once aiokafka tracks any topic it refreshes metadata for the tracked ones only, so the
    first record to a topic missing from its metadata (one created by a rules reload) would
    drop every other topic, and batches queued for them would wait for a leader forever.
    """
    client = cast(Any, app.producer)._ensure_producer().client
    known = set(client.cluster.topics())
    if name not in known:
        await client.set_topics(sorted(known | {name}))
