"""Tests of `rules check` and of the `silence` command's argument checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from stream.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "deploy" / "rules.example.yaml"
SECRET = "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="


def test_rules_check_accepts_the_example_and_summarises_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exit 0 and a one-line summary."""
    monkeypatch.setenv("OPS_WEBHOOK_SECRET", SECRET)
    assert main(["rules", "check", str(EXAMPLE)]) == 0
    assert "OK — 5 rule(s), 3 receiver(s), 1 inhibit rule(s)" in capsys.readouterr().out


def test_rules_check_prints_each_problem_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exit 1; FILE:LINE: path: message on stderr for every problem."""
    path = tmp_path / "rules.yaml"
    path.write_text("rules:\n  - name: a\n    match: {min_score: 3}\n  - name: a\n", "utf-8")
    assert main(["rules", "check", str(path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{path}:3: rules[0].match.min_score")
    assert len(err) == 1


def test_rules_check_reports_a_missing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A path that does not exist is a problem, not a crash."""
    assert main(["rules", "check", str(tmp_path / "none.yaml")]) == 1
    assert "cannot read" in capsys.readouterr().err


def test_silence_add_rejects_a_malformed_matcher_before_touching_kafka(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Exit 2 with the matcher problem; no broker is needed to find it."""
    assert main(["silence", "--broker", "127.0.0.1:1", "add", "country"]) == 2
    assert "invalid silence" in capsys.readouterr().err
