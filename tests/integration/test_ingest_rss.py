"""`ingest rss` against a real local HTTP server: entries sent once, conditional GETs honoured."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from stream.cli import main
from stream.core.intake import message_key, parse_article
from stream.kafka_io import Record
from tests.integration.feed_server import serve_feeds
from tests.integration.workers import Deployment

FEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"


def _ingest(deployment: Deployment, state: Path, *urls: str) -> int:
    """Run `conflict-alerts ingest rss URL... --once` against the deployment's input topic."""
    return main(
        [
            "ingest",
            "rss",
            *urls,
            "--once",
            "--state",
            str(state),
            "--broker",
            deployment.bootstrap,
            "--topic",
            deployment.settings.topic_articles,
        ]
    )


def _sent(deployment: Deployment, expected: int) -> list[Record]:
    """Everything on the input topic once `expected` messages arrived and a second passed."""
    topic = deployment.settings.topic_articles
    return deployment.collect([topic], lambda records: len(records) >= expected, settle_s=1.0)


def _values(records: list[Record]) -> list[bytes]:
    """The records' values."""
    return [record.value for record in records]


def test_rss_and_atom_entries_become_articles_sent_once_with_conditional_gets(
    deployment: Deployment, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """First poll sends 5 entries; the second gets 304s and sends nothing."""
    state = tmp_path / "rss-state.json"
    routes = {"/world.rss": FEEDS / "world.rss", "/sahel.atom": FEEDS / "regional.atom"}
    with serve_feeds(routes) as server:
        urls = [server.url("/world.rss"), server.url("/sahel.atom")]
        assert _ingest(deployment, state, *urls) == 0
        assert _ingest(deployment, state, *urls) == 0
    assert server.statuses("/world.rss") == [200, 304]
    assert server.statuses("/sahel.atom") == [200, 304]
    second_request = [seen for path, seen, _ in server.requests if path == "/world.rss"][1]
    assert second_request["if-none-match"].startswith('"')
    assert second_request["if-modified-since"] == "Fri, 20 Nov 2026 12:00:00 GMT"
    output = capsys.readouterr().out
    assert f"{urls[0]}: 3 new, 0 already sent" in output
    assert f"{urls[0]}: not modified" in output

    records = _sent(deployment, 5)
    articles = {article.id: article for article in map(parse_article, _values(records))}
    assert len(records) == 5
    assert all(record.key == message_key(record.value) for record in records)
    depot = articles["wire-2026-11-20-001"]
    assert depot.title == "Drone strike hits fuel depot near Kherson"
    assert "<b>" not in depot.body
    assert "Kherson overnight, starting a fire" in depot.body
    assert "Two workers were injured." in depot.body
    assert depot.url == "https://wire.example.org/world/2026/11/20/kherson-depot"
    assert depot.source == "Fixture Wire World"
    assert depot.language == "en"
    assert depot.published_at is not None
    assert depot.published_at.isoformat() == "2026-11-20T06:40:00+00:00"
    talks = articles["wire-2026-11-20-002"]
    assert "<em>" not in talks.body
    assert "phased ceasefire" in talks.body
    zamfara = articles["https://wire.example.org/world/2026/11/20/zamfara-market?utm_source=rss"]
    assert zamfara.title.startswith("Gunmen kill four")
    attack = articles["tag:sahel.example.net,2026:dispatch-5531"]
    assert attack.title == "Attaque contre un poste militaire près de Ménaka"
    assert "tuant trois soldats" in attack.body
    assert attack.language == "fr"
    assert json.loads(state.read_text())["feeds"][urls[1]]["etag"]


def test_a_changed_feed_sends_only_its_new_entries_even_without_validators(
    deployment: Deployment, tmp_path: Path
) -> None:
    """A server without ETag/Last-Modified answers 200 each time: only unseen entries go out."""
    state = tmp_path / "rss-state.json"
    routes = {"/world.rss": FEEDS / "world.rss"}
    with serve_feeds(routes, conditional=False) as server:
        url = server.url("/world.rss")
        assert _ingest(deployment, state, url) == 0
        server.routes["/world.rss"] = FEEDS / "world-updated.rss"
        assert _ingest(deployment, state, url) == 0
        assert _ingest(deployment, state, url) == 0
    assert server.statuses("/world.rss") == [200, 200, 200]
    records = _sent(deployment, 4)
    assert len(records) == 4
    assert {parse_article(value).id for value in _values(records)} == {
        "wire-2026-11-20-001",
        "wire-2026-11-20-002",
        "https://wire.example.org/world/2026/11/20/zamfara-market?utm_source=rss",
        "wire-2026-11-21-001",
    }


def test_an_unreachable_feed_fails_the_run_but_the_others_are_still_sent(
    deployment: Deployment, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 404 feed is reported and the exit code is 1; the good feed's entries are sent."""
    with serve_feeds({"/sahel.atom": FEEDS / "regional.atom"}) as server:
        code = _ingest(
            deployment, tmp_path / "s.json", server.url("/gone.rss"), server.url("/sahel.atom")
        )
    assert code == 1
    assert "/gone.rss: failed: HTTP 404" in capsys.readouterr().out
    assert len(_sent(deployment, 2)) == 2


def test_polling_repeats_every_interval_and_stops_cleanly_on_sigterm(
    deployment: Deployment, tmp_path: Path
) -> None:
    """A real `conflict-alerts ingest rss --interval` process polls again and exits 0."""
    state = tmp_path / "rss-state.json"
    with serve_feeds({"/world.rss": FEEDS / "world.rss"}) as server:
        command = [sys.executable, "-m", "stream", "ingest", "rss", server.url("/world.rss")]
        command += ["--interval", "0.3", "--state", str(state), "--broker", deployment.bootstrap]
        command += ["--topic", deployment.settings.topic_articles]
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            deadline = time.monotonic() + 30
            while len(server.statuses("/world.rss")) < 3:
                assert time.monotonic() < deadline and process.poll() is None
                time.sleep(0.1)
        finally:
            process.send_signal(signal.SIGTERM)
            stdout, stderr = process.communicate(timeout=15)
    assert process.returncode == 0, stderr.decode()
    assert server.statuses("/world.rss")[:3] == [200, 304, 304]
    assert stdout.decode().count("not modified") >= 2
    assert len(_sent(deployment, 3)) == 3
