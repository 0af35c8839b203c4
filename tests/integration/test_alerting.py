"""Alerting against a real worker: incidents, restarts, rules files, the wire contract."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import jsonschema
from confluent_kafka import Consumer, TopicPartition

from schemas import Alert
from tests.alert_events import make_event
from tests.integration.alerting_support import (
    alerts_in,
    isolate,
    publish_events,
    wait_for,
    write_rules,
)
from tests.integration.workers import Deployment

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "schemas" / "json" / "alert.schema.json").read_text()
)
OUTLETS = ["Reuters", "AP", "AFP", "BBC", "Al Jazeera", "Rudaw", "Kurdistan24", "NYT", "CNN", "DW"]
TITLES = [
    "Car bomb kills {n} at Mosul market",
    "Mosul market car bomb blast kills {n}",
    "Explosion at crowded Mosul market, {n} dead",
]
RULES = """
rules:
  - name: attacks
    match: {{types: [attack]}}
    routes: {{topics: [{topic}]}}
    group: {{group_interval: 1h}}
"""


def outlet_events(killed: list[int], prefix: str = "") -> list:
    """One Mosul bombing reported by len(killed) outlets, a minute apart, with these tolls."""
    return [
        make_event(
            f"{prefix}{OUTLETS[index]}-mosul",
            TITLES[index % 3].format(n=toll),
            killed=toll,
            source=OUTLETS[index],
            minutes=index,
        )
        for index, toll in enumerate(killed)
    ]


def distinct(alerts: list[Alert]) -> list[Alert]:
    """Alerts de-duplicated by id, as a subscriber does (at-least-once repeats keep their id)."""
    return list({alert.id: alert for alert in alerts}.values())


def started(deployment: Deployment, tmp_path: Path, topic: str) -> Path:
    """Write the attacks rules (routed to `topic`) and isolate the deployment."""
    rules = write_rules(tmp_path / "rules.yaml", RULES.format(topic=topic))
    isolate(deployment, rules)
    return rules


def read_with_confluent(bootstrap: str, topic: str, expected: int) -> list[tuple[bytes, dict]]:
    """Read a topic with librdkafka (not our client) until `expected` messages arrived."""
    consumer = Consumer(
        {
            "bootstrap.servers": bootstrap,
            "group.id": f"check-{time.time_ns()}",
            "enable.auto.commit": False,
        }
    )
    metadata = consumer.list_topics(topic, timeout=10)
    partitions = [TopicPartition(topic, p, 0) for p in metadata.topics[topic].partitions]
    consumer.assign(partitions)
    messages: list[tuple[bytes, dict]] = []
    deadline = time.monotonic() + 60
    try:
        while len(messages) < expected and time.monotonic() < deadline:
            message = consumer.poll(0.5)
            if message is None or message.error():
                continue
            messages.append((message.key(), json.loads(message.value())))
    finally:
        consumer.close()
    return messages


def test_ten_outlets_reporting_one_incident_raise_one_alert_and_updates(
    deployment: Deployment, tmp_path: Path
) -> None:
    """10 reports, tolls rising twice: 1 'new' + 2 'update' alerts, one incident key."""
    started(deployment, tmp_path, f"alerts.mosul.{deployment.suffix}")
    deployment.start_worker()
    tolls = [5, 5, 5, 7, 7, 7, 7, 12, 12, 12]
    publish_events(deployment, outlet_events(tolls), key=b"in-order")
    records = deployment.collect(
        [deployment.settings.topic_alerts], until=lambda r: len(r) >= 3, settle_s=3.0
    )
    alerts = distinct(alerts_in(records))
    assert [(a.status, a.event.killed) for a in alerts] == [
        ("new", 5),
        ("update", 7),
        ("update", 12),
    ]
    assert len({a.incident_key for a in alerts}) == 1
    assert alerts[-1].reports == 8
    assert {r.key for r in records} == {alerts[0].incident_key.encode()}


def test_alert_topics_validate_against_the_json_schema_read_by_librdkafka(
    deployment: Deployment, tmp_path: Path
) -> None:
    """Every message on alerts and the per-rule topic is schema-valid and keyed by incident."""
    rule_topic = f"alerts.mosul.{deployment.suffix}"
    started(deployment, tmp_path, rule_topic)
    deployment.start_worker()
    aleppo = ("Aleppo", "170063", 36.202, 37.134, "SY", "Aleppo")
    events = [
        *outlet_events([3, 9]),
        make_event("sy-1", "Shelling kills 4 in Aleppo", place=aleppo),
    ]
    publish_events(deployment, events, key=b"in-order")
    for topic in (deployment.settings.topic_alerts, rule_topic):
        messages = read_with_confluent(deployment.bootstrap, topic, 3)
        assert len(messages) == 3
        for key, value in messages:
            jsonschema.validate(value, SCHEMA)
            assert key == value["incident_key"].encode()
        assert sorted(value["status"] for _, value in messages) == ["new", "new", "update"]


def test_incidents_survive_a_restart_with_a_fresh_data_directory(
    deployment: Deployment, tmp_path: Path
) -> None:
    """After a restart (table recovered from its changelog) a later report is an update."""
    started(deployment, tmp_path, f"alerts.mosul.{deployment.suffix}")
    first = deployment.start_worker(tmp_path / "data-a")
    topic = deployment.settings.topic_alerts
    publish_events(deployment, outlet_events([5]))
    deployment.collect([topic], until=lambda r: len(r) >= 1, settle_s=3.0)
    first.stop(signal.SIGTERM, timeout_s=60.0)
    deployment.start_worker(tmp_path / "data-b")
    publish_events(deployment, outlet_events([5, 9])[1:])
    # The new member joins the group, then replays the incidents changelog before it alerts:
    # on a loaded machine that took longer than the default 90 s once.
    records = deployment.collect(
        [topic], until=lambda r: len(r) >= 2, timeout_s=180.0, settle_s=3.0
    )
    alerts = distinct(alerts_in(records))
    assert [a.status for a in alerts] == ["new", "update"]
    assert alerts[0].incident_key == alerts[1].incident_key


def test_reprocessed_events_do_not_raise_a_second_new_alert(
    deployment: Deployment, tmp_path: Path
) -> None:
    """The same event published twice yields one 'new' alert id."""
    started(deployment, tmp_path, f"alerts.mosul.{deployment.suffix}")
    deployment.start_worker()
    event = outlet_events([5])[0]
    publish_events(deployment, [event, event])
    records = deployment.collect(
        [deployment.settings.topic_alerts], until=lambda r: len(r) >= 1, settle_s=4.0
    )
    assert {a.id for a in alerts_in(records)} == {alerts_in(records)[0].id}
    assert [a.status for a in alerts_in(records)] in (["new"], ["new", "new"])


def test_a_worker_refuses_to_start_with_an_invalid_rules_file(
    deployment: Deployment, tmp_path: Path
) -> None:
    """Exit code 2 and the file:line of the problem on stderr."""
    rules = write_rules(tmp_path / "bad.yaml", "rules:\n  - name: a\n    match: {min_score: 7}\n")
    isolate(deployment, rules)
    worker = deployment.start_worker()
    assert worker.process.wait(timeout=60) == 2
    assert f"{rules}:3: rules[0].match.min_score" in worker.log()


def test_sighup_reloads_the_rules_and_keeps_incident_state(
    deployment: Deployment, tmp_path: Path
) -> None:
    """After SIGHUP a new rule routes to its topic; the existing incident still updates."""
    new_topic = f"alerts.reloaded.{deployment.suffix}"
    rules = started(deployment, tmp_path, f"alerts.mosul.{deployment.suffix}")
    worker = deployment.start_worker()
    topic = deployment.settings.topic_alerts
    publish_events(deployment, outlet_events([5]))
    deployment.collect([topic], until=lambda r: len(r) >= 1, settle_s=2.0)
    rules.write_text(RULES.format(topic=new_topic), encoding="utf-8")
    worker.process.send_signal(signal.SIGHUP)
    time.sleep(1.0)
    publish_events(deployment, outlet_events([5, 9])[1:])
    alerts = alerts_in(deployment.collect([new_topic], until=lambda r: len(r) >= 1, settle_s=2.0))
    assert [a.status for a in alerts] == ["update"]
    assert "rules_reloaded" in worker.log()
    assert worker.stop(timeout_s=20) == 0, "the producer must not hang on a changelog batch"


def test_silences_added_with_the_cli_mute_matching_alerts(
    deployment: Deployment, tmp_path: Path
) -> None:
    """`silence add country=IQ` mutes Mosul; Aleppo still alerts; `silence list` shows it."""
    started(deployment, tmp_path, f"alerts.mosul.{deployment.suffix}")
    env = {**deployment.env}
    command = [sys.executable, "-m", "stream", "silence"]
    added = subprocess.run(
        [*command, "add", "country=IQ", "--duration", "1h", "--comment", "test"],
        env={**env, "PATH": ""},
        capture_output=True,
        check=True,
        timeout=60,
    )
    silence_id = added.stdout.decode().strip()
    assert silence_id.startswith("sil_")
    listed = subprocess.run(
        [*command, "list"], env=env, capture_output=True, check=True, timeout=60
    ).stdout.decode()
    assert silence_id in listed
    deployment.start_worker()
    aleppo = ("Aleppo", "170063", 36.202, 37.134, "SY", "Aleppo")
    publish_events(
        deployment, [*outlet_events([5]), make_event("sy-1", "Shelling in Aleppo", place=aleppo)]
    )
    records = deployment.collect(
        [deployment.settings.topic_alerts], until=lambda r: len(r) >= 1, settle_s=4.0
    )
    assert [a.event.country_code for a in alerts_in(records)] == ["SY"]


def test_silences_can_be_added_and_expired_over_http(
    deployment: Deployment, tmp_path: Path
) -> None:
    """POST /silences/ then DELETE /silences/{id}/: muted while active, not after."""
    started(deployment, tmp_path, f"alerts.mosul.{deployment.suffix}")
    worker = deployment.start_worker()
    web = f"http://127.0.0.1:{worker.web_port}"
    base = f"{web}/silences/"

    def ready() -> bool:
        try:
            return httpx.get(f"{web}/readyz").status_code == 200
        except httpx.TransportError:
            return False

    def listed(silence_id: str, active: bool) -> bool:
        return any(
            item["id"] == silence_id and item["active"] is active for item in httpx.get(base).json()
        )

    wait_for(ready, 90, "worker ready", worker.log)
    response = httpx.post(base, json={"matchers": ["rule=attacks"], "duration": "1h"})
    assert response.status_code == 201
    silence_id = response.json()["id"]
    wait_for(lambda: listed(silence_id, True), 30, "silence applied", worker.log)
    publish_events(deployment, outlet_events([5], prefix="muted-"))
    muted = 'conflict_alerts_alerts_muted_total{reason="silenced",rule="attacks"} 1.0'
    wait_for(lambda: muted in httpx.get(f"{web}/metrics").text, 30, "muted metric", worker.log)
    assert httpx.delete(f"{base}{silence_id}/").status_code == 200
    wait_for(lambda: listed(silence_id, False), 30, "silence expired", worker.log)
    publish_events(deployment, outlet_events([5], prefix="later-"))
    records = deployment.collect(
        [deployment.settings.topic_alerts], until=lambda r: len(r) >= 1, settle_s=3.0
    )
    assert [a.event.article_id for a in alerts_in(records)] == ["later-Reuters-mosul"]
