"""The metrics module: one registry, bounded labels, series initialised before traffic."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from prometheus_client import CollectorRegistry, generate_latest

from stream import __version__
from stream.metrics import (
    NO_RECEIVER,
    UNKNOWN_COUNTRY,
    Metrics,
    country_label,
    status_class,
)


@dataclass(frozen=True)
class _Rule:
    name: str


def _sample(metrics: Metrics, name: str, **labels: str) -> float | None:
    return metrics.registry.get_sample_value(name, labels)


def test_metrics_register_on_the_injected_registry_only() -> None:
    registry = CollectorRegistry()
    metrics = Metrics.create(registry)
    metrics.articles_consumed.inc()
    assert registry.get_sample_value("conflict_alerts_articles_consumed_total") == 1.0
    assert Metrics.create().registry is not registry


def test_two_metric_sets_can_coexist_in_one_process() -> None:
    first, second = Metrics.create(), Metrics.create()
    first.alerts.labels(rule="r", severity="warning").inc()
    assert _sample(second, "conflict_alerts_alerts_total", rule="r", severity="warning") is None


def test_build_info_carries_the_package_version() -> None:
    (family,) = [
        f for f in Metrics.create().registry.collect() if f.name == "conflict_alerts_build"
    ]
    assert family.samples[0].labels["version"] == __version__


def test_every_counter_name_ends_in_total_and_durations_in_seconds() -> None:
    metrics = Metrics.create()
    names = {family.name: family.type for family in metrics.registry.collect()}
    for name, kind in names.items():
        assert name.startswith("conflict_alerts_")
        if kind == "histogram":
            assert name.endswith("_seconds"), name
    text = generate_latest(metrics.registry).decode()
    for line in text.splitlines():
        if line.startswith("# TYPE") and line.endswith(" counter"):
            assert line.split()[2].endswith("_total"), line


def test_initialise_creates_zero_series_for_every_dead_letter_reason() -> None:
    metrics = Metrics.create()
    metrics.initialise([])
    for reason in ("invalid_json", "binary", "too_large", "internal_error", "invalid_event"):
        assert _sample(metrics, "conflict_alerts_articles_dead_lettered_total", reason=reason) == 0


def test_initialise_creates_alert_series_per_rule_and_severity() -> None:
    metrics = Metrics.create()
    metrics.initialise([_Rule("attacks")])
    for severity in ("info", "warning", "critical"):
        value = _sample(metrics, "conflict_alerts_alerts_total", rule="attacks", severity=severity)
        assert value == 0


def test_initialise_without_receivers_uses_the_placeholder_receiver() -> None:
    metrics = Metrics.create()
    metrics.initialise([])
    value = _sample(
        metrics, "conflict_alerts_webhook_attempts_total", receiver=NO_RECEIVER, status_class="2xx"
    )
    assert value == 0


def test_initialise_with_receivers_labels_each_receiver_and_no_placeholder() -> None:
    metrics = Metrics.create()
    metrics.initialise([], receivers=["ops-chat"])
    sample = "conflict_alerts_webhook_deliveries_total"
    assert _sample(metrics, sample, receiver="ops-chat", outcome="exhausted") == 0
    assert _sample(metrics, sample, receiver=NO_RECEIVER, outcome="exhausted") is None


def test_record_event_counts_under_type_and_iso_country() -> None:
    metrics = Metrics.create()
    metrics.record_event("attack", "sd")
    metrics.record_event("attack", "SD")
    metrics.record_event("attack", "Sudan")
    assert _sample(metrics, "conflict_alerts_events_total", type="attack", country="SD") == 2
    assert _sample(metrics, "conflict_alerts_events_total", type="attack", country="unknown") == 1


def test_record_alert_counts_under_rule_and_severity() -> None:
    metrics = Metrics.create()
    metrics.initialise([_Rule("r")])
    metrics.record_alert("r", "warning")
    metrics.record_alert("r", "warning")
    assert _sample(metrics, "conflict_alerts_alerts_total", rule="r", severity="warning") == 2
    assert _sample(metrics, "conflict_alerts_alerts_total", rule="r", severity="critical") == 0


@pytest.mark.parametrize("code", [None, "", "Sudan", "XX", "S", "s d"])
def test_country_label_maps_anything_but_an_iso_code_to_unknown(code: str | None) -> None:
    assert country_label(code) == UNKNOWN_COUNTRY


def test_country_label_has_bounded_cardinality() -> None:
    labels = {country_label(f"{a}{b}") for a in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" for b in "ABCDEFGH"}
    assert len(labels) <= 26 * 8 + 1


@pytest.mark.parametrize(
    ("status", "expected"),
    [(200, "2xx"), (204, "2xx"), (301, "3xx"), (410, "4xx"), (429, "4xx"), (503, "5xx")],
)
def test_status_class_groups_http_statuses_by_hundreds(status: int, expected: str) -> None:
    assert status_class(status) == expected


@pytest.mark.parametrize("status", [None, 0, 99, 600])
def test_status_class_is_error_without_a_valid_response(status: int | None) -> None:
    assert status_class(status) == "error"


def test_build_info_names_the_python_and_faust_versions() -> None:
    (family,) = [
        f for f in Metrics.create().registry.collect() if f.name == "conflict_alerts_build"
    ]
    assert {"version", "python", "faust"} <= family.samples[0].labels.keys()
