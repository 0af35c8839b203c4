"""A real webhook receiver on loopback: verifies every signature with `standardwebhooks`,
answers from a script (failures, a timeout, 429 + Retry-After), de-duplicates by webhook-id."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from stream.broker import free_port

__all__ = ["Request", "WebhookReceiver"]


@dataclass(frozen=True)
class Request:
    """One request the receiver got, and what it answered."""

    webhook_id: str
    received_at: float
    verified: bool
    answer: str
    payload: Any


@dataclass
class WebhookReceiver:
    """Answers the scripted responses in order ('500', '429', 'timeout', ...), then 200."""

    secret: str
    script: list[str] = field(default_factory=list)
    timeout_sleep_s: float = 3.0
    retry_after_s: int = 1
    requests: list[Request] = field(default_factory=list)
    processed: dict[str, Any] = field(default_factory=dict)
    port: int = field(default_factory=free_port)

    @property
    def url(self) -> str:
        """Where to POST."""
        return f"http://127.0.0.1:{self.port}/hook"

    @property
    def attempts(self) -> dict[str, list[Request]]:
        """Requests grouped by webhook-id, in arrival order."""
        grouped: dict[str, list[Request]] = {}
        for request in self.requests:
            grouped.setdefault(request.webhook_id, []).append(request)
        return grouped

    async def _handle(self, request: web.Request) -> web.Response:
        """Verify, answer from the script, process each webhook-id once."""
        body = await request.read()
        headers = {name.lower(): value for name, value in request.headers.items()}
        webhook_id = headers.get("webhook-id", "")
        try:
            payload = Webhook(self.secret).verify(body, headers)
            verified = True
        except WebhookVerificationError:
            payload, verified = json.loads(body or b"null"), False
        answer = self.script.pop(0) if self.script else "200"
        self.requests.append(Request(webhook_id, time.monotonic(), verified, answer, payload))
        if not verified:
            return web.Response(status=400, text="bad signature")
        if answer == "timeout":
            await asyncio.sleep(self.timeout_sleep_s)
            return web.Response(status=504)
        if answer == "429":
            return web.Response(status=429, headers={"Retry-After": str(self.retry_after_s)})
        if answer != "200":
            return web.Response(status=int(answer))
        self.processed.setdefault(webhook_id, payload)
        return web.Response(status=204)

    @contextmanager
    def serving(self) -> Iterator[WebhookReceiver]:
        """Serve on a background thread while the context is open."""
        loop = asyncio.new_event_loop()
        started = threading.Event()
        runner_box: list[web.AppRunner] = []

        async def start() -> None:
            app = web.Application()
            app.router.add_post("/hook", self._handle)
            runner = web.AppRunner(app, handle_signals=False, shutdown_timeout=1.0)
            await runner.setup()
            await web.TCPSite(runner, "127.0.0.1", self.port).start()
            runner_box.append(runner)
            started.set()

        def serve() -> None:
            asyncio.set_event_loop(loop)
            loop.run_until_complete(start())
            loop.run_forever()
            loop.run_until_complete(runner_box[0].cleanup())
            loop.close()

        thread = threading.Thread(target=serve, daemon=True)
        thread.start()
        started.wait(10)
        try:
            yield self
        finally:
            loop.call_soon_threadsafe(loop.stop)
            thread.join(10)
