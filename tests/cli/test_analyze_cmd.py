"""Tests of the `analyze` command."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from stream.cli import main

DOCUMENT = (
    "Iraqi forces retake village from ISIS\n\n"
    "Mon Mar 6, 2017 09:15:00\n\n"
    "Iraqi federal police said on Monday they had recaptured the village of Al Noor from "
    "Daesh fighters after clashes in which four militants were killed.\n\n"
    "Alalam - Iraq\n"
)


def test_analyze_prints_the_event_of_a_raw_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "article.txt"
    path.write_text(DOCUMENT, "utf-8")
    assert main(["analyze", str(path)]) == 0
    event = json.loads(capsys.readouterr().out)
    assert event["type"] == "advance"
    assert "Islamic State" in {actor["name"] for actor in event["actors"]}
    assert event["casualties"]["killed"] == 4


def test_analyze_reads_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"Car bomb kills 5 in market\n\nA car bomb exploded."))
    monkeypatch.setattr("sys.stdin", stdin)
    assert main(["analyze", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["type"] == "attack"


def test_missing_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(tmp_path / "missing.txt")]) == 2
    assert "missing.txt" in capsys.readouterr().err
