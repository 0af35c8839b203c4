"""Headers a replayed dead letter carries, so a second failure keeps its first-seen time."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

__all__ = ["CARRIED_HEADERS", "FIRST_SEEN_HEADER", "REPLAY_HEADER", "first_seen_of"]

REPLAY_HEADER = "dlq-replayed-from"
FIRST_SEEN_HEADER = "dlq-first-seen"
CARRIED_HEADERS = (FIRST_SEEN_HEADER, "dlq-reason")


def first_seen_of(
    headers: Mapping[str, bytes] | Iterable[tuple[str, bytes]] | None,
) -> datetime | None:
    """The first-seen time a replayed message carries, if any and if it is a valid aware time."""
    if headers is None:
        return None
    found = dict(headers.items() if isinstance(headers, Mapping) else headers)
    if REPLAY_HEADER not in found or FIRST_SEEN_HEADER not in found:
        return None
    try:
        value = datetime.fromisoformat(bytes(found[FIRST_SEEN_HEADER]).decode())
    except (ValueError, UnicodeDecodeError):
        return None
    return value if value.tzinfo is not None else None
