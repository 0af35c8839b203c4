"""The command line: help on every command, clear errors for bad input and absent brokers."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import pytest

from stream.broker import free_port
from stream.cli import main
from stream.kafka_io import read_topic


async def _values(bootstrap: str, topic: str) -> list[bytes]:
    """Every value on `topic`, read until a second of silence."""
    return [record.value async for record in read_topic(bootstrap, [topic], idle_timeout_s=1.0)]


COMMANDS = ["demo", "broker", "worker", "publish", "tail", "analyze", "eval"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`conflict-alerts COMMAND --help` prints usage and exits 0."""
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0
    assert f"conflict-alerts {command}" in capsys.readouterr().out


def test_an_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown command exits 2 and names the valid choices."""
    with pytest.raises(SystemExit) as exit_:
        main(["explode"])
    assert exit_.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_publishing_an_unreadable_file_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing input file exits 2 with the path in the message."""
    missing = tmp_path / "absent.jsonl"
    assert main(["publish", str(missing), "--broker", "127.0.0.1:9"]) == 2
    assert "absent.jsonl" in capsys.readouterr().err


def test_publishing_to_an_unreachable_broker_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No broker at the address: exit 2 and 'cannot reach', not a traceback."""
    articles = tmp_path / "a.jsonl"
    articles.write_text(json.dumps({"id": "x", "title": "t"}) + "\n")
    port = free_port()
    assert main(["publish", str(articles), "--broker", f"127.0.0.1:{port}"]) == 2
    assert "cannot reach a Kafka broker" in capsys.readouterr().err


def test_publish_sends_each_jsonl_line_and_whole_documents(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    """A .jsonl file gives one message per line; a .txt file is one message."""
    lines = tmp_path / "two.jsonl"
    lines.write_text('{"id": "1", "title": "a"}\n\n{"id": "2", "title": "b"}\n')
    document = tmp_path / "doc.txt"
    document.write_text("Headline\n\nBody line one.\nBody line two.\n")
    topic = f"publish-{free_port()}"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "stream",
            "publish",
            str(lines),
            str(document),
            "--broker",
            kafka_bootstrap,
            "--topic",
            topic,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    values = asyncio.run(_values(kafka_bootstrap, topic))
    assert sorted(values) == sorted(
        [b'{"id": "1", "title": "a"}', b'{"id": "2", "title": "b"}', document.read_bytes()]
    )
