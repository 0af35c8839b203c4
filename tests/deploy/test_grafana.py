"""Grafana provisioning: the datasource and dashboard fit together and cover the service."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]
GRAFANA = REPO / "deploy" / "grafana"
DASHBOARD = GRAFANA / "dashboards" / "conflict-alerts.json"


def _dashboard() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    return document


def _datasource() -> dict[str, Any]:
    document = yaml.safe_load(
        (GRAFANA / "provisioning" / "datasources" / "prometheus.yml").read_text("utf-8")
    )
    (datasource,) = document["datasources"]
    result: dict[str, Any] = datasource
    return result


def _exprs() -> str:
    return "\n".join(
        target["expr"] for panel in _dashboard()["panels"] for target in panel["targets"]
    )


def test_every_panel_queries_the_provisioned_prometheus_datasource() -> None:
    uid = _datasource()["uid"]
    for panel in _dashboard()["panels"]:
        assert panel["datasource"] == {"type": "prometheus", "uid": uid}, panel["title"]
        for target in panel["targets"]:
            assert target["datasource"]["uid"] == uid, panel["title"]


def test_the_datasource_points_at_the_compose_prometheus_service() -> None:
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text("utf-8"))
    assert "prometheus" in compose["services"]
    assert _datasource()["url"] == "http://prometheus:9090"


def test_the_dashboard_provider_loads_the_directory_compose_mounts() -> None:
    provider = yaml.safe_load(
        (GRAFANA / "provisioning" / "dashboards" / "conflict-alerts.yml").read_text("utf-8")
    )["providers"][0]
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text("utf-8"))
    mounts = compose["services"]["grafana"]["volumes"]
    assert f"./deploy/grafana/dashboards:{provider['options']['path']}:ro" in mounts


def test_panel_ids_are_unique_and_every_panel_has_a_position() -> None:
    panels = _dashboard()["panels"]
    assert len({panel["id"] for panel in panels}) == len(panels)
    for panel in panels:
        assert {"x", "y", "w", "h"} <= panel["gridPos"].keys(), panel["title"]
        assert panel["targets"], panel["title"]


def test_the_dashboard_shows_every_metric_family_operators_need() -> None:
    exprs = _exprs()
    for name in (
        "conflict_alerts_articles_consumed_total",
        "conflict_alerts_articles_parsed_total",
        "conflict_alerts_articles_dead_lettered_total",
        "conflict_alerts_articles_duplicate_total",
        "conflict_alerts_events_total",
        "conflict_alerts_alerts_total",
        "conflict_alerts_analysis_seconds_bucket",
        "conflict_alerts_end_to_end_seconds_bucket",
        "conflict_alerts_webhook_attempts_total",
        "conflict_alerts_webhook_deliveries_total",
        "conflict_alerts_webhook_delivery_seconds_bucket",
        "conflict_alerts_consumer_lag",
        "conflict_alerts_rebalances_total",
        "conflict_alerts_build_info",
    ):
        assert name in exprs, name


def test_latency_panels_show_p50_and_p99() -> None:
    exprs = _exprs()
    for histogram in ("analysis_seconds", "end_to_end_seconds", "webhook_delivery_seconds"):
        for quantile in ("0.5", "0.99"):
            assert any(
                f"histogram_quantile({quantile}," in line and histogram in line
                for line in exprs.splitlines()
            ), (histogram, quantile)


def test_the_world_map_places_events_by_iso_country_code() -> None:
    (geomap,) = [panel for panel in _dashboard()["panels"] if panel["type"] == "geomap"]
    (layer,) = geomap["options"]["layers"]
    assert layer["location"] == {
        "mode": "lookup",
        "lookup": "country",
        "gazetteer": "public/gazetteer/countries.json",
    }
    (target,) = geomap["targets"]
    assert "sum by (country)" in target["expr"]
    assert "conflict_alerts_events_total" in target["expr"]
