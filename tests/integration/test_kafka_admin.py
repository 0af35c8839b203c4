"""Topic set-up before a worker starts: created with the configured count, counts reported."""

from __future__ import annotations

import uuid

from stream.kafka_admin import ensure_topics
from stream.settings import Settings


async def test_ensure_topics_reports_the_count_of_new_and_existing_topics(
    kafka_bootstrap: str,
) -> None:
    """A topic made earlier with six partitions keeps them; a new one gets the setting's four."""
    suffix = uuid.uuid4().hex[:8]
    wide, fresh = f"admin-wide-{suffix}", f"admin-fresh-{suffix}"
    six = Settings(broker=f"kafka://{kafka_bootstrap}", topic_partitions=6)
    assert await ensure_topics(six, [wide]) == {wide: 6}
    four = Settings(broker=f"kafka://{kafka_bootstrap}", topic_partitions=4)
    assert await ensure_topics(four, [wide, fresh]) == {wide: 6, fresh: 4}
