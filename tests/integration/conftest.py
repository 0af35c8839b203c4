"""Integration fixtures: an isolated deployment (own topics, app id) per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.workers import Deployment


@pytest.fixture
def deployment(kafka_bootstrap: str, tmp_path: Path) -> Iterator[Deployment]:
    """A fresh set of topics on the test broker; its workers are stopped afterwards."""
    deployment = Deployment(kafka_bootstrap, tmp_path)
    deployment.create_topics()
    try:
        yield deployment
    finally:
        deployment.stop_all()
