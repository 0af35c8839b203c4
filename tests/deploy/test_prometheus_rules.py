"""Prometheus config and alerting rules, checked by Debian's promtool."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
PROMETHEUS = REPO / "deploy" / "prometheus"
REQUIRED_ALERTS = {
    "ConflictAlertsConsumerLagGrowing",
    "ConflictAlertsDeadLetterRateHigh",
    "ConflictAlertsWebhookDeliveriesExhausted",
    "ConflictAlertsNoArticles",
    "ConflictAlertsWorkerDown",
    "ConflictAlertsNoWorkers",
}


def _promtool(*args: str) -> subprocess.CompletedProcess[str]:
    promtool = shutil.which("promtool")
    assert promtool, "promtool is missing: run `make test-tools`"
    return subprocess.run(
        [promtool, *args], capture_output=True, text=True, timeout=120, check=False, cwd=PROMETHEUS
    )


def _alerts() -> list[dict[str, object]]:
    document = yaml.safe_load((PROMETHEUS / "alerts.yml").read_text(encoding="utf-8"))
    return [rule for group in document["groups"] for rule in group["rules"]]


def test_promtool_accepts_the_prometheus_config() -> None:
    result = _promtool("check", "config", "prometheus.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_promtool_accepts_the_alerting_rules() -> None:
    result = _promtool("check", "rules", "alerts.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_promtool_unit_tests_of_the_alerting_rules_pass() -> None:
    result = _promtool("test", "rules", "alerts.test.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_service_alerts_cover_lag_dlq_webhooks_silence_and_workers() -> None:
    assert {rule["alert"] for rule in _alerts()} == REQUIRED_ALERTS


def test_every_alert_has_a_unit_test_where_it_fires() -> None:
    tests = yaml.safe_load((PROMETHEUS / "alerts.test.yml").read_text(encoding="utf-8"))
    firing = {
        case["alertname"]
        for test in tests["tests"]
        for case in test.get("alert_rule_test", [])
        if case.get("exp_alerts")
    }
    assert firing == REQUIRED_ALERTS


def test_every_alert_has_a_severity_and_a_summary() -> None:
    for rule in _alerts():
        assert rule["labels"]["severity"] in {"page", "ticket"}, rule["alert"]  # type: ignore[index]
        assert rule["annotations"]["summary"], rule["alert"]  # type: ignore[index]
