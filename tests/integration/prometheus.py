"""A real Prometheus (Debian's package) on a free loopback port, scraping given targets."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stream.broker import free_port

__all__ = ["PrometheusServer", "http_get"]


def http_get(url: str, timeout_s: float = 5.0) -> tuple[int, str, bytes]:
    """GET `url`; return status, content type and body (HTTP errors included)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout_s) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


@dataclass
class PrometheusServer:
    """Prometheus scraping `targets` every second under job `conflict-alerts`."""

    workdir: Path
    targets: list[str]
    process: subprocess.Popen[bytes] | None = None
    port: int = 0

    def start(self, timeout_s: float = 30.0) -> PrometheusServer:
        """Write the config, start the server and wait until it is ready."""
        binary = shutil.which("prometheus")
        assert binary, "Debian's prometheus is missing: run `make test-tools`"
        self.port = free_port()
        config = self.workdir / "prometheus.yml"
        config.write_text(
            json.dumps(
                {
                    "global": {"scrape_interval": "1s", "evaluation_interval": "1s"},
                    "scrape_configs": [
                        {
                            "job_name": "conflict-alerts",
                            "static_configs": [{"targets": self.targets}],
                        }
                    ],
                }
            ),
            encoding="utf-8",
        )
        with (self.workdir / "prometheus.log").open("wb") as log:
            self.process = subprocess.Popen(
                [
                    binary,
                    f"--config.file={config}",
                    f"--storage.tsdb.path={self.workdir / 'tsdb'}",
                    f"--web.listen-address=127.0.0.1:{self.port}",
                ],
                stdout=log,
                stderr=log,
            )
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log()
            try:
                if http_get(f"{self.url}/-/ready", timeout_s=1.0)[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"prometheus did not become ready:\n{self.log()}")

    @property
    def url(self) -> str:
        """Base URL of the HTTP API."""
        return f"http://127.0.0.1:{self.port}"

    def query(self, expr: str) -> dict[str, Any]:
        """Run an instant query; return the decoded API response (errors included)."""
        status, _, body = http_get(
            f"{self.url}/api/v1/query?{urllib.parse.urlencode({'query': expr})}"
        )
        answer: dict[str, Any] = json.loads(body)
        answer["http_status"] = status
        return answer

    def wait_for(self, expr: str, timeout_s: float = 60.0) -> list[dict[str, Any]]:
        """Poll `expr` until it returns samples; return them."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            result: list[dict[str, Any]] = self.query(expr).get("data", {}).get("result", [])
            if result:
                return result
            time.sleep(0.5)
        raise AssertionError(f"no data for {expr!r} within {timeout_s}s:\n{self.log()[-2000:]}")

    def log(self) -> str:
        """What Prometheus logged so far."""
        return (self.workdir / "prometheus.log").read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        """Stop the server."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
