"""docker-compose.yml: valid compose-spec, and wired exactly like the tests run the workers."""

from __future__ import annotations

import base64
import json
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from stream.settings import Settings

REPO = Path(__file__).resolve().parents[2]
COMPOSE = REPO / "docker-compose.yml"
PREFIX = "CONFLICT_ALERTS_"
SCHEMA_FILE = "check_jsonschema/builtin_schemas/vendor/compose-spec.json"
LICENSE_FILE = "check_jsonschema/builtin_schemas/vendor/licenses/LICENSE.compose-spec"


@cache
def _compose() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    return document


def _vendored(path: str) -> Path:
    """A file shipped by the check-jsonschema distribution (read without importing it)."""
    located = metadata.distribution("check-jsonschema").locate_file(path)
    return Path(str(located))


def _worker_env() -> dict[str, str]:
    environment: dict[str, str] = _compose()["services"]["worker"]["environment"]
    return environment


def test_compose_file_validates_against_the_compose_spec_schema() -> None:
    schema = json.loads(_vendored(SCHEMA_FILE).read_text(encoding="utf-8"))
    # The schema says draft-07 with a URL spelling jsonschema does not recognise by itself.
    jsonschema.Draft7Validator.check_schema(schema)
    jsonschema.Draft7Validator(schema).validate(_compose())


def test_the_compose_spec_schema_ships_with_its_license() -> None:
    license_file = _vendored(LICENSE_FILE)
    assert "Apache License" in license_file.read_text(encoding="utf-8")


def test_compose_runs_the_official_apache_kafka_image_in_kraft_mode() -> None:
    kafka = _compose()["services"]["kafka"]
    assert kafka["image"].startswith("apache/kafka:")
    assert kafka["image"].split(":")[1][0].isdigit()
    roles = set(kafka["environment"]["KAFKA_PROCESS_ROLES"].split(","))
    assert roles == {"broker", "controller"}
    assert "ZOOKEEPER" not in json.dumps(kafka).upper()


def test_kafka_cluster_id_is_a_base64url_uuid() -> None:
    cluster_id = _compose()["services"]["kafka"]["environment"]["CLUSTER_ID"]
    assert len(base64.urlsafe_b64decode(cluster_id + "==")) == 16


def test_every_worker_variable_is_a_real_settings_field() -> None:
    fields = set(Settings.model_fields)
    for name in _worker_env():
        assert name.startswith(PREFIX), name
        assert name.removeprefix(PREFIX).lower() in fields, name


def test_worker_environment_is_accepted_by_settings() -> None:
    fields = {name.removeprefix(PREFIX).lower(): value for name, value in _worker_env().items()}
    settings = Settings.model_validate(fields)
    assert settings.bootstrap_servers == "kafka:9092"


def test_worker_topics_are_the_settings_defaults() -> None:
    env = _worker_env()
    for field in ("topic_articles", "topic_dlq", "topic_events", "topic_alerts"):
        assert env[PREFIX + field.upper()] == Settings.model_fields[field].default, field


def test_topic_creation_creates_the_same_topics_the_workers_use() -> None:
    init_env = _compose()["services"]["kafka-init"]["environment"]
    worker_env = _worker_env()
    for name in ("TOPIC_ARTICLES", "TOPIC_DLQ", "TOPIC_EVENTS", "TOPIC_ALERTS", "TOPIC_PARTITIONS"):
        assert init_env[name] == worker_env[PREFIX + name], name
    script = "\n".join(_compose()["services"]["kafka-init"]["command"])
    for name in ("TOPIC_ARTICLES", "TOPIC_DLQ", "TOPIC_EVENTS", "TOPIC_ALERTS"):
        assert f'"$${name}"' in script, name


def test_workers_reach_kafka_by_its_service_name_and_listener() -> None:
    kafka_env = _compose()["services"]["kafka"]["environment"]
    broker = _worker_env()[PREFIX + "BROKER"]
    assert broker.removeprefix("kafka://") in kafka_env["KAFKA_ADVERTISED_LISTENERS"]


def test_prometheus_scrapes_the_worker_service_on_its_web_port() -> None:
    config = yaml.safe_load((REPO / "deploy/prometheus/prometheus.yml").read_text("utf-8"))
    job = next(job for job in config["scrape_configs"] if job["job_name"] == "conflict-alerts")
    (discovery,) = job["dns_sd_configs"]
    assert discovery["names"] == ["worker"]
    assert str(discovery["port"]) == _worker_env()[PREFIX + "WEB_PORT"]
    assert _worker_env()[PREFIX + "WEB_HOST"] == "0.0.0.0"


def test_every_long_running_service_has_a_healthcheck() -> None:
    for name, service in _compose()["services"].items():
        if name != "kafka-init":
            assert service["healthcheck"]["test"], name


def test_stateful_services_keep_their_data_in_named_volumes() -> None:
    compose = _compose()
    volumes = set(compose["volumes"])
    for service, mount in [
        ("kafka", "/var/lib/kafka/data"),
        ("prometheus", "/prometheus"),
        ("grafana", "/var/lib/grafana"),
    ]:
        sources = {
            entry.split(":")[0]
            for entry in compose["services"][service]["volumes"]
            if entry.split(":")[1] == mount
        }
        assert sources and sources <= volumes, service


def test_bind_mounted_paths_exist_in_the_repository() -> None:
    for service in _compose()["services"].values():
        for entry in service.get("volumes", []):
            source = entry.split(":")[0]
            if source.startswith("./"):
                assert (REPO / source).exists(), source


def test_grafana_admin_password_comes_from_the_environment() -> None:
    env = _compose()["services"]["grafana"]["environment"]
    assert env["GF_SECURITY_ADMIN_PASSWORD"].startswith("${GRAFANA_ADMIN_PASSWORD")
