"""`ingest` and `dlq` on the command line: help, usage errors, absent brokers."""

from __future__ import annotations

from pathlib import Path

import pytest

from stream.broker import free_port
from stream.cli import main


@pytest.mark.parametrize("command", [["ingest", "rss"], ["ingest", "files"], ["dlq", "replay"]])
def test_every_intake_command_has_help(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """`conflict-alerts ingest rss --help` and friends print usage and exit 0."""
    with pytest.raises(SystemExit) as exit_:
        main([*command, "--help"])
    assert exit_.value.code == 0
    assert f"conflict-alerts {' '.join(command)}" in capsys.readouterr().out


@pytest.mark.parametrize("command", [["ingest", "rss"], ["ingest", "files"], ["ingest"], ["dlq"]])
def test_missing_arguments_are_usage_errors(command: list[str]) -> None:
    """No URL, no path, or no subcommand: exit 2."""
    with pytest.raises(SystemExit) as exit_:
        main(command)
    assert exit_.value.code == 2


@pytest.mark.parametrize(
    "command",
    [
        ["ingest", "rss", "http://127.0.0.1:9/feed.rss", "--once"],
        ["ingest", "files", "."],
        ["dlq", "replay"],
    ],
)
def test_an_unreachable_broker_is_a_clear_error(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exit code 2 and a message naming the broker address."""
    broker = f"127.0.0.1:{free_port()}"
    extra = ["--state", str(tmp_path / "state.json")] if command[0] == "ingest" else []
    assert main([*command, "--broker", broker, *extra]) == 2
    assert broker in capsys.readouterr().err
