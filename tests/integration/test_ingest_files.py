"""`ingest files`: JSONL files and folders of raw documents, each message sent once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stream.cli import main
from stream.kafka_io import Record
from tests.integration.workers import Deployment

RAW_DOCUMENT = """Police: two killed in grenade attack on Garissa bus stop

Wed Nov 18, 2026 08:12:40

Two people were killed and five wounded when a grenade was thrown at a bus stop in Garissa
on Tuesday evening, police said.

Fixture Courier - Kenya
"""


def _ingest(deployment: Deployment, state: Path, *paths: Path) -> int:
    """Run `conflict-alerts ingest files PATH...` against the deployment's input topic."""
    topic = deployment.settings.topic_articles
    args = ["ingest", "files", *map(str, paths), "--state", str(state), "--topic", topic]
    return main([*args, "--broker", deployment.bootstrap])


def _line(index: int) -> str:
    """One JSON Lines article."""
    return json.dumps(
        {"id": f"jl-{index}", "title": f"Clashes reported in district {index}", "body": "..."}
    )


def test_files_and_folders_are_sent_once_and_only_appended_lines_go_out_later(
    deployment: Deployment, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """3 lines + 2 documents; a re-run sends nothing; an appended line is sent alone."""
    jsonl = tmp_path / "batch.jsonl"
    jsonl.write_text("\n".join(_line(index) for index in range(3)) + "\n\n", encoding="utf-8")
    folder = tmp_path / "scraped"
    (folder / "nested").mkdir(parents=True)
    (folder / "garissa.txt").write_text(RAW_DOCUMENT, encoding="utf-8")
    (folder / "nested" / "page.html").write_text(
        "<html><head><title>Rocket fire on Sderot</title></head><body><p>Rockets hit "
        "Sderot on Monday, lightly wounding one man.</p></body></html>",
        encoding="utf-8",
    )
    (folder / ".partial.txt").write_text("half a download", encoding="utf-8")
    state = tmp_path / "files-state.json"

    assert _ingest(deployment, state, jsonl, folder) == 0
    assert _ingest(deployment, state, jsonl, folder) == 0
    with jsonl.open("a", encoding="utf-8") as file:
        file.write(_line(3) + "\n")
    assert _ingest(deployment, state, jsonl, folder) == 0

    output = capsys.readouterr().out.splitlines()
    assert output == [
        "5 message(s) sent, 0 already sent; 3 file(s) read, 0 unchanged",
        "0 message(s) sent, 0 already sent; 0 file(s) read, 3 unchanged",
        "1 message(s) sent, 3 already sent; 1 file(s) read, 2 unchanged",
    ]
    topic = deployment.settings.topic_articles
    records: list[Record] = deployment.collect([topic], lambda found: len(found) >= 6)
    values = sorted(record.value for record in records)
    assert len(values) == 6
    assert values.count(_line(3).encode()) == 1
    assert RAW_DOCUMENT.encode() in values
    assert not any(b"half a download" in value for value in values)


def test_a_missing_path_is_a_usage_error(
    deployment: Deployment, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exit code 2 and a message naming the path."""
    assert _ingest(deployment, tmp_path / "state.json", tmp_path / "nowhere") == 2
    assert "nowhere: no such file or folder" in capsys.readouterr().err
