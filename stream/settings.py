"""One frozen Settings object; every field can come from CONFLICT_ALERTS_* environment variables."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings"]


class Settings(BaseSettings):
    """Configuration of a worker and of the command line; flags override the environment."""

    model_config = SettingsConfigDict(
        env_prefix="CONFLICT_ALERTS_", frozen=True, extra="forbid", env_nested_delimiter="__"
    )

    broker: str = Field(
        default="kafka://127.0.0.1:9092",
        description="Kafka bootstrap URL(s), e.g. kafka://host:9092;host2:9092.",
    )
    broker_compat: Literal["auto", "kafka", "tansu"] = Field(
        default="auto",
        description="'tansu' applies the embedded-broker workarounds; 'auto' detects the broker.",
    )
    app_id: str = Field(default="conflict-alerts", description="Consumer group and app id.")
    topic_articles: str = "articles.raw"
    topic_dlq: str = "articles.dlq"
    topic_events: str = "events.classified"
    topic_alerts: str = "alerts"
    topic_outbox: str = Field(default="webhooks.outbox", description="Durable webhook deliveries.")
    topic_webhooks_dlq: str = Field(default="webhooks.dlq", description="Deliveries given up.")
    topic_silences: str = Field(default="alerts.silences", description="Silences (a log).")
    topic_partitions: int = Field(default=4, ge=1, description="Partitions of created topics.")
    topic_replication: int = Field(default=1, ge=1)
    rules: Path | None = Field(default=None, description="Alert rules YAML; None = built-in.")
    places_files: list[Path] = Field(
        default_factory=list, description="Extra GeoNames dumps or custom place files."
    )
    actors_files: list[Path] = Field(default_factory=list, description="Extra actor lexicons.")
    max_body_bytes: int = Field(default=1_048_576, ge=1024, description="Larger bodies go to DLQ.")
    web_host: str = "127.0.0.1"
    web_port: int = Field(default=6066, ge=0, le=65535)
    web_enabled: bool = True
    producer_linger_s: float = Field(
        default=0.005, ge=0.0, le=1.0, description="Producer batching delay in seconds."
    )
    producer_max_batch_bytes: int = Field(
        default=262_144,
        ge=16_384,
        le=1_000_000,
        description="Largest record batch per partition (below the broker's 1 MB message limit).",
    )
    data_dir: Path = Field(default=Path("data"), description="Faust table state directory.")
    log_format: Literal["auto", "json", "console"] = "auto"
    log_level: Literal["debug", "info", "warning", "error"] = "info"
    ingest_token: SecretStr | None = Field(
        default=None, description="Bearer token for POST /articles."
    )
    ingest_max_request_bytes: int = Field(
        default=8 * 1_048_576, ge=1024, description="Largest POST /articles request body."
    )
    dedupe_window_s: float = Field(
        default=48 * 3600.0,
        gt=0,
        description="An article seen again within this many seconds is dropped as a duplicate.",
    )

    @property
    def bootstrap_servers(self) -> str:
        """The broker URL without its scheme, as Kafka clients take it."""
        return ",".join(
            part.split("://", 1)[-1] for part in self.broker.replace(";", ",").split(",")
        )
