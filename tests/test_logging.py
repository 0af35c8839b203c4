"""Logging: JSON lines with bound context, secrets redacted."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from collections.abc import Iterator

import pytest
import structlog

from stream.logging import REDACTED, LogContext, configure_logging, get_logger, redact_secrets


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    """Undo configure_logging: structlog defaults, the root logger's handlers and level."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    structlog.reset_defaults()
    root.handlers[:] = handlers
    root.setLevel(level)
    logging.captureWarnings(False)


def test_secret_looking_keys_are_redacted() -> None:
    event = {"event": "x", "ingest_token": "abc", "Authorization": "Bearer abc", "n": 1}
    assert redact_secrets(None, "info", event) == {
        "event": "x",
        "ingest_token": REDACTED,
        "Authorization": REDACTED,
        "n": 1,
    }


def test_credentials_inside_urls_are_redacted() -> None:
    event = {"event": "x", "broker": "kafka://user:pa55@host:9092"}
    assert redact_secrets(None, "info", event)["broker"] == f"kafka://{REDACTED}@host:9092"


def test_json_lines_carry_the_bound_message_context(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("json", "info")
    with structlog.contextvars.bound_contextvars(
        article_id="a1", topic="articles.raw", partition=2, offset=7
    ):
        get_logger("test").info("alert_published", webhook_secret="s3cret")
    line = json.loads(capsys.readouterr().err.strip().splitlines()[-1])
    assert line["event"] == "alert_published"
    assert (line["article_id"], line["topic"], line["partition"], line["offset"]) == (
        "a1",
        "articles.raw",
        2,
        7,
    )
    assert line["webhook_secret"] == REDACTED
    assert line["level"] == "info"
    assert "timestamp" in line


def test_library_log_records_render_as_json_with_context(
    capsys: pytest.CaptureFixture[str],
) -> None:
    configure_logging("json", "info")
    with structlog.contextvars.bound_contextvars(topic="articles.raw", offset=3):
        logging.getLogger("aiokafka.consumer").warning("commit failed for %s", "g1")
    line = json.loads(capsys.readouterr().err.strip().splitlines()[-1])
    assert line["event"] == "commit failed for g1"
    assert (line["logger"], line["level"]) == ("aiokafka.consumer", "warning")
    assert (line["topic"], line["offset"]) == ("articles.raw", 3)


def test_library_info_records_are_dropped_below_warning(
    capsys: pytest.CaptureFixture[str],
) -> None:
    configure_logging("json", "info")
    logging.getLogger("faust.worker").info("Starting...")
    assert "Starting..." not in capsys.readouterr().err


def test_python_warnings_are_log_lines_too() -> None:
    program = (
        "import warnings; from stream.logging import configure_logging; "
        "configure_logging('json', 'info'); warnings.warn('core is stale', RuntimeWarning)"
    )
    done = subprocess.run(
        [sys.executable, "-W", "default", "-c", program],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    line = json.loads(done.stderr.strip().splitlines()[-1])
    assert (line["logger"], line["level"]) == ("py.warnings", "warning")
    assert "RuntimeWarning: core is stale" in line["event"]


def test_a_log_context_binds_its_values_and_restores_the_previous_ones() -> None:
    """Inside, lines carry the values; after, an outer binding is back and new keys are gone."""
    structlog.contextvars.clear_contextvars()
    structlog.contextvars.bind_contextvars(topic="outer")
    with LogContext(topic="inner", offset=7):
        assert structlog.contextvars.get_contextvars() == {"topic": "inner", "offset": 7}
    assert structlog.contextvars.get_contextvars() == {"topic": "outer"}
    structlog.contextvars.clear_contextvars()
