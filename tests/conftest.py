"""Session fixtures: the real broker (embedded Tansu, or KAFKA_BOOTSTRAP) and helpers."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from stream.broker import EmbeddedBroker
from stream.pipeline import stale_compiled_modules

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def pytest_sessionstart(session: pytest.Session) -> None:
    """Stop before testing stale code: a core module edited after mypyc compiled it."""
    stale = stale_compiled_modules()
    if stale:
        pytest.exit(
            f"{', '.join(stale)} changed after mypyc compiled them; run `make install` "
            "to rebuild (or delete stream/core/*.so to test the pure Python)",
            returncode=2,
        )


@pytest.fixture(scope="session")
def kafka_bootstrap() -> Iterator[str]:
    """A reachable Kafka bootstrap address: KAFKA_BOOTSTRAP if set, else an embedded broker."""
    external = os.environ.get("KAFKA_BOOTSTRAP")
    if external:
        yield external
        return
    with EmbeddedBroker() as broker:
        yield broker.bootstrap


@pytest.fixture(scope="session")
def seed_document() -> bytes:
    """The real scraped article from shared/samples (read by path, never copied); tests using
    it are skipped in a clone that has no shared/ folder beside it."""
    path = SHARED / "samples" / "alalam-2017-01-02-mosul-intisar.txt"
    if not path.exists():
        pytest.skip(f"{path} is not beside this clone (the seed article is never copied)")
    return path.read_bytes()
