"""The sender's SSRF guard and redirect policy, against real servers on loopback."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
from aiohttp import web

from stream.broker import free_port
from stream.core.rules_config import Receiver
from stream.delivery import WebhookSender, blocked_address
from tests.integration.alerting_support import SECRET
from tests.integration.receiver import WebhookReceiver


@pytest.fixture
def target() -> Iterator[WebhookReceiver]:
    """An accepting receiver on loopback."""
    with WebhookReceiver(SECRET).serving() as receiver:
        yield receiver


@pytest.fixture
async def sender() -> AsyncIterator[WebhookSender]:
    """A sender, closed afterwards."""
    sender = WebhookSender()
    yield sender
    await sender.close()


def receiver_for(url: str, allow_private: bool = False) -> Receiver:
    """A receiver config pointing at `url`."""
    return Receiver.model_validate(
        {
            "name": "r",
            "url": url,
            "secrets": [SECRET],
            "allow_private": allow_private,
            "timeout": 2,
        }
    )


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "224.0.0.1",
    ],
)
def test_non_public_addresses_are_blocked(address: str) -> None:
    """Loopback, private, link-local/metadata, shared, unspecified, mapped and multicast."""
    assert blocked_address(address)


def test_public_addresses_pass() -> None:
    """A global unicast address is allowed."""
    assert not blocked_address("93.184.216.34")
    assert not blocked_address("2606:4700::1111")


async def test_loopback_ip_is_refused_unless_allow_listed(
    sender: WebhookSender, target: WebhookReceiver
) -> None:
    """Without allow_private nothing is sent; with it the receiver gets the webhook."""
    refused = await sender.send(receiver_for(target.url), "msg_1", b"{}")
    assert refused.status is None
    assert refused.error is not None and refused.error.startswith("blocked")
    assert target.requests == []
    allowed = await sender.send(receiver_for(target.url, allow_private=True), "msg_1", b"{}")
    assert allowed.status == 204
    assert len(target.requests) == 1


async def test_a_hostname_resolving_to_loopback_is_refused_at_send_time(
    sender: WebhookSender, target: WebhookReceiver
) -> None:
    """'localhost' resolves to 127.0.0.1: the resolved address is checked, not the name."""
    url = target.url.replace("127.0.0.1", "localhost")
    result = await sender.send(receiver_for(url), "msg_1", b"{}")
    assert result.error is not None and result.error.startswith("blocked")
    assert target.requests == []


async def test_redirects_are_not_followed(sender: WebhookSender, target: WebhookReceiver) -> None:
    """A 307 to another URL is a failed attempt; the redirect target sees nothing."""

    async def redirect(request: web.Request) -> web.Response:
        raise web.HTTPTemporaryRedirect(target.url)

    app = web.Application()
    app.router.add_post("/hook", redirect)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        url = f"http://127.0.0.1:{port}/hook"
        result = await sender.send(receiver_for(url, allow_private=True), "msg_1", b"{}")
    finally:
        await runner.cleanup()
    assert result.status == 307
    assert target.requests == []


async def test_errors_never_contain_the_secret_or_the_url(sender: WebhookSender) -> None:
    """A connection failure is described by its kind only."""
    url = f"http://127.0.0.1:{free_port()}/hook?token=abc"
    result = await sender.send(receiver_for(url, allow_private=True), "msg_1", b"{}")
    assert result.error is not None
    assert SECRET not in result.error
    assert "token" not in result.error
