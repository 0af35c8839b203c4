"""A real worker that processed the demo articles, scraped by a real Prometheus."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.integration.prometheus import PrometheusServer, http_get
from tests.integration.workers import Deployment, WorkerProcess

pytestmark = [pytest.mark.integration, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
DASHBOARD = REPO / "deploy" / "grafana" / "dashboards" / "conflict-alerts.json"
DEMO_FILES = [REPO / "samples" / "demo-articles.jsonl", REPO / "samples" / "demo-raw-khartoum.txt"]
SECRET = "ingest-token-must-not-leak-5f1c"
# What Grafana substitutes for its macros before a query reaches Prometheus.
GRAFANA_MACROS = {"$__rate_interval": "1m", "$__interval": "15s", "$__range": "1h"}


@dataclass
class Stack:
    """The deployment, its worker and the Prometheus scraping it."""

    deployment: Deployment
    worker: WorkerProcess
    prometheus: PrometheusServer

    def page(self, path: str) -> tuple[int, str, bytes]:
        """GET a page from the worker's web port."""
        return http_get(f"http://127.0.0.1:{self.worker.web_port}{path}")


def _wait_ready(worker: WorkerProcess, timeout_s: float = 90.0) -> None:
    """Poll /readyz until it answers 200."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        assert worker.process.poll() is None, worker.log()[-3000:]
        try:
            if http_get(f"http://127.0.0.1:{worker.web_port}/readyz", 1.0)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"worker not ready within {timeout_s}s:\n{worker.log()[-3000:]}")


@pytest.fixture(scope="module")
def stack(kafka_bootstrap: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """Worker + Prometheus; the demo articles (and one binary message) already processed."""
    workdir = tmp_path_factory.mktemp("observability")
    deployment = Deployment(kafka_bootstrap, workdir, extra={"ingest_token": SECRET})
    deployment.create_topics()
    prometheus: PrometheusServer | None = None
    try:
        worker = deployment.start_worker()
        _wait_ready(worker)
        prometheus = PrometheusServer(workdir, [f"127.0.0.1:{worker.web_port}"]).start()
        prometheus.wait_for('up{job="conflict-alerts"} == 1')
        settings = deployment.settings
        subprocess.run(
            [
                *(sys.executable, "-m", "stream", "publish", *map(str, DEMO_FILES)),
                *("--broker", kafka_bootstrap, "--topic", settings.topic_articles),
            ],
            check=True,
            capture_output=True,
            timeout=60,
        )
        deployment.publish([b"\x00\x01\x02 binary, not an article"])
        deployment.collect([settings.topic_alerts], until=lambda records: len(records) >= 3)
        prometheus.wait_for("sum(conflict_alerts_alerts_total) > 0")
        prometheus.wait_for("sum(conflict_alerts_articles_dead_lettered_total) > 0")
        prometheus.wait_for("sum(conflict_alerts_consumer_lag) >= 0")
        # Series born while processing need two scrapes before rate() and increase() see them.
        prometheus.wait_for("min(count_over_time(conflict_alerts_events_total[1m])) >= 3")
        yield Stack(deployment, worker, prometheus)
    finally:
        if prometheus is not None:
            prometheus.stop()
        deployment.stop_all()


def _dashboard_queries() -> list[tuple[str, str]]:
    """(panel title, PromQL) for every target of every panel of the dashboard."""
    dashboard = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    return [
        (panel["title"], target["expr"])
        for panel in dashboard["panels"]
        for target in panel.get("targets", [])
    ]


def _expand_macros(expr: str) -> str:
    """Replace Grafana's macros as Grafana does; fail on any other variable."""
    for macro, value in GRAFANA_MACROS.items():
        expr = expr.replace(macro, value)
    assert "$" not in expr, f"unexpanded Grafana variable in {expr!r}"
    return expr


def test_healthz_answers_ok_while_the_worker_runs(stack: Stack) -> None:
    status, _, body = stack.page("/healthz")
    assert (status, json.loads(body)) == (200, {"status": "ok"})


def test_readyz_reports_ready_with_broker_assignment_and_rules(stack: Stack) -> None:
    status, _, body = stack.page("/readyz")
    assert (status, json.loads(body)) == (200, {"status": "ready"})


def test_metrics_page_serves_prometheus_text_format(stack: Stack) -> None:
    status, content_type, body = stack.page("/metrics")
    assert status == 200
    assert content_type.startswith("text/plain; version=")
    names = {family.name for family in text_string_to_metric_families(body.decode())}
    assert {"conflict_alerts_build_info", "conflict_alerts_articles_consumed"} <= names


def test_consumer_lag_is_reported_for_each_assigned_input_partition(stack: Stack) -> None:
    settings = stack.deployment.settings
    result = stack.prometheus.query(
        f'conflict_alerts_consumer_lag{{topic="{settings.topic_articles}"}}'
    )["data"]["result"]
    partitions = sorted(int(sample["metric"]["partition"]) for sample in result)
    assert partitions == list(range(settings.topic_partitions))
    assert all(float(sample["value"][1]) >= 0 for sample in result)


def test_events_by_country_use_iso_codes_of_the_demo_places(stack: Stack) -> None:
    result = stack.prometheus.query("sum by (country) (conflict_alerts_events_total)")
    countries = {sample["metric"]["country"] for sample in result["data"]["result"]}
    assert "SD" in countries
    assert all(re.fullmatch(r"[A-Z]{2}|unknown", country) for country in countries)


def test_every_dashboard_query_is_valid_and_returns_data(stack: Stack) -> None:
    queries = _dashboard_queries()
    assert len(queries) >= 15
    failures = []
    for title, expr in queries:
        answer = stack.prometheus.query(_expand_macros(expr))
        if answer.get("status") != "success":
            failures.append(f"{title}: {expr} -> {answer.get('error')}")
        elif not answer["data"]["result"]:
            failures.append(f"{title}: {expr} -> no data")
    assert not failures, "\n".join(failures)


def test_processing_log_lines_carry_article_id_topic_partition_and_offset(
    stack: Stack,
) -> None:
    lines = [json.loads(line) for line in stack.worker.log().splitlines() if line[:1] == "{"]
    published = [line for line in lines if line.get("event") == "alert_published"]
    assert published
    for line in published:
        assert {"article_id", "topic", "partition", "offset"} <= line.keys(), line
    dead = [line for line in lines if line.get("event") == "dead_lettered"]
    assert dead and all({"topic", "partition", "offset"} <= line.keys() for line in dead)


def test_secret_settings_never_appear_in_the_logs(stack: Stack) -> None:
    assert SECRET not in stack.worker.log()


def test_every_worker_log_line_is_json_in_production_format(stack: Stack) -> None:
    lines = [line for line in stack.worker.log().splitlines() if line.strip()]
    assert lines
    for line in lines:
        assert isinstance(json.loads(line), dict), line
