"""Logging: JSON lines with bound context, secrets redacted."""

from __future__ import annotations

import json

import pytest
import structlog

from stream.logging import REDACTED, configure_logging, get_logger, redact_secrets


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
    try:
        with structlog.contextvars.bound_contextvars(
            article_id="a1", topic="articles.raw", partition=2, offset=7
        ):
            get_logger("test").info("alert_published", webhook_secret="s3cret")
        line = json.loads(capsys.readouterr().err.strip().splitlines()[-1])
    finally:
        structlog.reset_defaults()
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
