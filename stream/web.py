"""Operational pages on the worker's web port: /metrics, /healthz and /readyz."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import faust
from faust import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from stream.metrics import Metrics

__all__ = ["BROKER_STALE_AFTER_S", "Readiness", "register_pages"]

BROKER_STALE_AFTER_S = 30.0


@dataclass
class Readiness:
    """What /readyz reports: broker reachable, partitions assigned, rules loaded."""

    rules_loaded: bool = False
    assignment_received: bool = False
    broker_seen_at: float | None = None
    broker_error: str | None = None
    clock: Callable[[], float] = field(default=time.monotonic, repr=False)

    def broker_reached(self) -> None:
        """Record a successful round trip to the broker."""
        self.broker_seen_at = self.clock()
        self.broker_error = None

    def broker_failed(self, error: str) -> None:
        """Record a failed round trip to the broker."""
        self.broker_error = error

    def problems(self) -> list[str]:
        """Why the worker is not ready; empty when it is."""
        problems = []
        seen = self.broker_seen_at
        if seen is None or self.clock() - seen > BROKER_STALE_AFTER_S:
            problems.append(f"broker not reached: {self.broker_error or 'no contact yet'}")
        if not self.assignment_received:
            problems.append("no partition assignment received")
        if not self.rules_loaded:
            problems.append("alert rules not loaded")
        return problems


def register_pages(app: faust.App, metrics: Metrics, readiness: Readiness) -> None:
    """Serve the metrics registry and the health checks on the app's web server."""

    @app.page("/metrics", name="prometheus_metrics")
    async def prometheus_metrics(self: web.View, request: web.Request) -> web.Response:
        """Prometheus text exposition of the worker's registry."""
        return self.bytes(
            generate_latest(metrics.registry), headers={"Content-Type": CONTENT_TYPE_LATEST}
        )

    @app.page("/healthz", name="healthz")
    async def healthz(self: web.View, request: web.Request) -> web.Response:
        """Liveness: the process is up and serving."""
        return self.json({"status": "ok"})

    @app.page("/readyz", name="readyz")
    async def readyz(self: web.View, request: web.Request) -> web.Response:
        """Readiness: broker reachable, assignment received, rules loaded (503 otherwise)."""
        problems = readiness.problems()
        if problems:
            return self.json({"status": "not ready", "problems": problems}, status=503)
        return self.json({"status": "ready"})
