"""The embedded broker starts on a free port, accepts connections, stops cleanly."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from stream.broker import EmbeddedBroker
from stream.errors import BrokerError


def _connects(port: int) -> bool:
    """True when a TCP connection to the loopback port succeeds."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def test_broker_listens_while_running_and_not_after_stop() -> None:
    """The port accepts connections inside the context and refuses them after."""
    with EmbeddedBroker() as broker:
        assert broker.port > 0
        assert broker.url == f"kafka://127.0.0.1:{broker.port}"
        assert _connects(broker.port)
    assert not _connects(broker.port)


def test_missing_binary_is_a_clear_error(tmp_path: Path) -> None:
    """A binary path that does not exist raises BrokerError naming it."""
    missing = tmp_path / "no-such-tansu"
    with pytest.raises(BrokerError, match="no-such-tansu"):
        EmbeddedBroker(binary=missing).start()


def test_a_binary_that_exits_at_once_is_reported(tmp_path: Path) -> None:
    """A broker process that dies during start-up raises BrokerError with its exit code."""
    fake = tmp_path / "tansu"
    fake.write_text("#!/bin/sh\necho 'bad listener' >&2\nexit 3\n")
    fake.chmod(0o755)
    with pytest.raises(BrokerError, match="exited with code 3"):
        EmbeddedBroker(binary=fake).start()
