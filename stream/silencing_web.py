"""Silences over HTTP on the worker's web port: GET/POST /silences/, DELETE /silences/{id}/."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import faust
from faust.web import Request, Response, View
from pydantic import ValidationError

from stream.core.durations import parse_duration
from stream.core.silences import LabelMatcher, Silence, new_silence
from stream.settings import Settings
from stream.silencing import SilenceStore, publish_silence

__all__ = ["register_silence_pages", "silence_from_request"]


def silence_from_request(body: Any, now: datetime) -> Silence:
    """Validate a POSTed silence: {matchers: [...], duration: '2h', comment, created_by}."""
    if not isinstance(body, dict):
        raise ValueError("expected a JSON object")
    matchers = [LabelMatcher.model_validate(item) for item in body.get("matchers") or []]
    if not matchers:
        raise ValueError("a silence needs at least one matcher")
    duration = parse_duration(body.get("duration", "1h"))
    if duration <= 0:
        raise ValueError("duration must be positive")
    return new_silence(
        matchers,
        now=now,
        duration=timedelta(seconds=duration),
        created_by=str(body.get("created_by", "http")),
        comment=str(body.get("comment", "")),
    )


def register_silence_pages(app: faust.App, settings: Settings, store: SilenceStore) -> None:
    """List, add and expire silences; changes go to the silences topic that workers replay."""
    bootstrap = settings.bootstrap_servers
    topic = settings.topic_silences

    @app.page("/silences/", name="silences")
    class Silences(View):
        """The silences collection."""

        async def get(self, request: Request) -> Response:
            """Every silence this worker knows, active ones first."""
            now = datetime.now(UTC)
            items = sorted(store.silences.values(), key=lambda s: (not s.active(now), s.ends_at))
            return self.json(
                [{**s.model_dump(mode="json"), "active": s.active(now)} for s in items]
            )

        async def post(self, request: Request) -> Response:
            """Add a silence; 201 with the silence, 400 with the problem."""
            try:
                silence = silence_from_request(await request.json(), datetime.now(UTC))
            except (ValueError, ValidationError) as error:
                return self.json({"error": str(error)}, status=400)
            await publish_silence(bootstrap, topic, silence)
            return self.json(silence.model_dump(mode="json"), status=201)

    @app.page("/silences/{silence_id}/", name="silence")
    class SilenceItem(View):
        """One silence."""

        async def delete(self, request: Request, silence_id: str) -> Response:
            """Expire a silence now; 404 when unknown."""
            silence = store.silences.get(silence_id)
            if silence is None:
                return self.json({"error": f"no silence {silence_id}"}, status=404)
            expired = silence.model_copy(update={"ends_at": datetime.now(UTC)})
            await publish_silence(bootstrap, topic, expired)
            return self.json(expired.model_dump(mode="json"))
