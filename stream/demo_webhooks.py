"""The demo's webhook receiver: a loopback aiohttp server that verifies every signature with
the reference `standardwebhooks` package and prints what it receives."""

from __future__ import annotations

import asyncio
import base64
import secrets
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from aiohttp import web
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from stream.broker import free_port

__all__ = ["DemoWebhookReceiver", "demo_rules"]


def demo_rules(url: str, secret: str) -> str:
    """The demo's rules: the three built-in rules, routed to the local receiver."""
    return f"""# written by `conflict-alerts demo`
receivers:
  - name: demo-receiver
    url: {url}
    secret: {secret}
    allow_private: true
    timeout: 5s
delivery:
  initial_delay: 1s
  max_delay: 10s
  horizon: 5m
rules:
  - name: attacks
    match: {{types: [attack]}}
    severity: {{default: warning, when: [{{min_casualties: 5, severity: critical}}]}}
    routes: {{receivers: [demo-receiver]}}
    continue: true
  - name: advances
    match: {{types: [advance]}}
    severity: warning
    routes: {{receivers: [demo-receiver]}}
    continue: true
  - name: threats
    match: {{types: [threat]}}
    severity: warning
    routes: {{receivers: [demo-receiver]}}
    continue: true
"""


class DemoWebhookReceiver:
    """Receives the demo's webhooks on loopback; `on_webhook` sees each verified payload once."""

    def __init__(self, on_webhook: Callable[[str, dict[str, Any]], None]) -> None:
        self.secret = "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()
        self.port = free_port()
        self.seen: set[str] = set()
        self.rejected = 0
        self._on_webhook = on_webhook

    @property
    def url(self) -> str:
        """Where the worker POSTs."""
        return f"http://127.0.0.1:{self.port}/webhooks"

    def write_rules(self, directory: Path) -> Path:
        """Write the demo rules file (routing to this receiver) into `directory`."""
        path = directory / "demo-rules.yaml"
        path.write_text(demo_rules(self.url, self.secret), encoding="utf-8")
        return path

    async def _handle(self, request: web.Request) -> web.Response:
        """Verify the signature; hand each webhook-id to the callback once."""
        body = await request.read()
        headers = {name.lower(): value for name, value in request.headers.items()}
        try:
            payload = Webhook(self.secret).verify(body, headers)
        except WebhookVerificationError:
            self.rejected += 1
            return web.Response(status=400, text="invalid signature")
        webhook_id = headers["webhook-id"]
        if webhook_id not in self.seen:
            self.seen.add(webhook_id)
            self._on_webhook(webhook_id, payload)
        return web.Response(status=204)

    @contextmanager
    def serving(self) -> Iterator[DemoWebhookReceiver]:
        """Serve on a background thread while the context is open."""
        loop = asyncio.new_event_loop()
        ready = threading.Event()
        runners: list[web.AppRunner] = []

        async def start() -> None:
            app = web.Application()
            app.router.add_post("/webhooks", self._handle)
            runner = web.AppRunner(app, handle_signals=False, access_log=None)
            await runner.setup()
            await web.TCPSite(runner, "127.0.0.1", self.port).start()
            runners.append(runner)
            ready.set()

        def serve() -> None:
            asyncio.set_event_loop(loop)
            loop.run_until_complete(start())
            loop.run_forever()
            loop.run_until_complete(runners[0].cleanup())
            loop.close()

        thread = threading.Thread(target=serve, name="demo-webhooks", daemon=True)
        thread.start()
        ready.wait(10)
        try:
            yield self
        finally:
            loop.call_soon_threadsafe(loop.stop)
            thread.join(10)
