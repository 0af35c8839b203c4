"""Settings come from CONFLICT_ALERTS_* variables and are frozen."""

from __future__ import annotations

import pydantic
import pytest

from stream.settings import Settings


def test_environment_variables_set_fields(monkeypatch: pytest.MonkeyPatch) -> None:
    """CONFLICT_ALERTS_BROKER and _TOPIC_ALERTS override the defaults."""
    monkeypatch.setenv("CONFLICT_ALERTS_BROKER", "kafka://kafka-1:9092")
    monkeypatch.setenv("CONFLICT_ALERTS_TOPIC_ALERTS", "alerts.custom")
    settings = Settings()
    assert settings.broker == "kafka://kafka-1:9092"
    assert settings.topic_alerts == "alerts.custom"
    assert settings.topic_articles == "articles.raw"


def test_bootstrap_servers_strip_schemes_of_every_host() -> None:
    """A multi-host broker URL becomes a comma-separated bootstrap list."""
    settings = Settings(broker="kafka://a:9092;kafka://b:9093")
    assert settings.bootstrap_servers == "a:9092,b:9093"


def test_settings_are_frozen() -> None:
    """Assigning to a field after construction fails."""
    settings = Settings()
    with pytest.raises(pydantic.ValidationError):
        settings.broker = "kafka://elsewhere:9092"  # type: ignore[misc]


def test_unknown_compat_mode_is_rejected() -> None:
    """broker_compat accepts only auto, kafka or tansu."""
    with pytest.raises(pydantic.ValidationError):
        Settings(broker_compat="redpanda")  # type: ignore[arg-type]
