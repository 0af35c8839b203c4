"""Tests of the `eval` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stream.cli import main

ROWS = [
    {"title": "Car bomb kills 9 in market", "body": "A car bomb exploded in a market on "
     "Monday, killing nine people, police said.", "label": "attack", "labels": ["attack"],
     "deaths": 9},
    {"text": "Parliament approved the budget on Tuesday after a long debate.", "label": "other"},
    {"text": "Rebels threatened to kill the hostages unless troops left.", "label": "threat"},
    {"text": "Troops recaptured the town from militants on Sunday.", "label": "advance"},
]  # fmt: skip


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A small labelled JSONL file written for these tests."""
    path = tmp_path / "rows.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in ROWS), "utf-8")
    return path


def test_json_report_has_the_documented_keys(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["eval", str(data), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report) >= {"n", "per_label", "macro_f1", "geo", "deaths", "articles_per_s"}
    assert set(report["per_label"]["attack"]) == {"precision", "recall", "f1", "support"}


def test_limit_scores_only_the_first_rows(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["eval", str(data), "--json", "--limit", "2"])
    assert json.loads(capsys.readouterr().out)["n"] == 2


def test_sample_scores_a_random_subset(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["eval", str(data), "--json", "--sample", "3", "--seed", "1"])
    assert json.loads(capsys.readouterr().out)["n"] == 3


def test_text_report_prints_a_table(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["eval", str(data)])
    assert "macro F1" in capsys.readouterr().out


def test_errors_option_lists_misclassifications(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "wrong.jsonl"
    path.write_text(json.dumps({"text": "A car bomb killed five.", "label": "other"}) + "\n")
    main(["eval", str(path), "--errors", "5"])
    assert "gold=other predicted=attack" in capsys.readouterr().out


def test_row_without_label_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"text": "no label"}) + "\n")
    assert main(["eval", str(path)]) == 2
    assert "bad.jsonl:1" in capsys.readouterr().err
