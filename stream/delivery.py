"""WebhookSender: signed POSTs with timeouts, no redirects and an SSRF guard on resolved IPs."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver

from stream.core.outbox import AttemptResult
from stream.core.rules_config import Receiver
from stream.core.webhooks import signed_headers

__all__ = ["BLOCKED_HOSTNAMES", "GuardedResolver", "WebhookSender", "blocked_address"]

BLOCKED_HOSTNAMES = frozenset({"metadata", "metadata.google.internal", "metadata.azure.internal"})


class BlockedTarget(OSError):
    """The receiver resolves to an address it may not reach."""


def blocked_address(address: str) -> bool:
    """True for loopback, private, link-local (metadata), shared, reserved or multicast IPs."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


class GuardedResolver(AbstractResolver):
    """Resolves like aiohttp, then refuses hosts with any non-public address (no rebinding)."""

    def __init__(self) -> None:
        self._inner = DefaultResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        """Resolve `host`; raise BlockedTarget when any address is not public."""
        if host.rstrip(".").lower() in BLOCKED_HOSTNAMES:
            raise BlockedTarget("target host is a metadata service")
        results = await self._inner.resolve(host, port, family)
        if any(blocked_address(result["host"]) for result in results):
            raise BlockedTarget("target resolves to a non-public address")
        return results

    async def close(self) -> None:
        """Close the wrapped resolver."""
        await self._inner.close()


def _literal_blocked(url: str) -> bool:
    """True when the URL's host is an IP literal that is not public (no resolver runs)."""
    host = urlsplit(url).hostname or ""
    try:
        return blocked_address(host)
    except ValueError:
        return False


def _error_kind(error: BaseException) -> str:
    """A short, secret-free description of a failed request."""
    if isinstance(error, TimeoutError | asyncio.TimeoutError):
        return "timeout: no response in time"
    if isinstance(error, BlockedTarget) or isinstance(error.__cause__, BlockedTarget):
        return "blocked: target address refused (SSRF guard)"
    if isinstance(error, aiohttp.ClientConnectorError) and isinstance(
        error.os_error, BlockedTarget
    ):
        return "blocked: target address refused (SSRF guard)"
    return f"connection: {type(error).__name__}"


class WebhookSender:
    """Sends one signed attempt to one receiver; one connection pool per receiver."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._sessions: dict[tuple[str, bool], aiohttp.ClientSession] = {}

    def _session(self, receiver: Receiver) -> aiohttp.ClientSession:
        """The receiver's session; private targets are only reachable when allow-listed."""
        key = (receiver.name, receiver.allow_private)
        session = self._sessions.get(key)
        if session is None or session.closed:
            connector_args: dict[str, Any] = {"limit": 16}
            if not receiver.allow_private:
                connector_args["resolver"] = GuardedResolver()
            session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(**connector_args),
                headers={"user-agent": "conflict-alerts-webhooks/1"},
            )
            self._sessions[key] = session
        return session

    async def send(self, receiver: Receiver, webhook_id: str, body: bytes) -> AttemptResult:
        """POST the body with fresh Standard Webhooks headers; never raises, never follows 3xx."""
        started = time.perf_counter()
        if not receiver.allow_private and _literal_blocked(receiver.url):
            return AttemptResult(error="blocked: target address refused (SSRF guard)")
        secrets = [secret.get_secret_value() for secret in receiver.secrets]
        headers = signed_headers(webhook_id, int(self._clock()), body, secrets)
        try:
            async with self._session(receiver).post(
                receiver.url,
                data=body,
                headers=headers,
                allow_redirects=False,
                timeout=aiohttp.ClientTimeout(total=receiver.timeout_s),
            ) as response:
                await response.read()
                return AttemptResult(
                    status=response.status,
                    retry_after=response.headers.get("retry-after"),
                    seconds=time.perf_counter() - started,
                )
        except (aiohttp.ClientError, TimeoutError, OSError) as error:
            return AttemptResult(error=_error_kind(error), seconds=time.perf_counter() - started)

    async def close(self) -> None:
        """Close every receiver's session."""
        for session in self._sessions.values():
            await session.close()
        self._sessions.clear()
