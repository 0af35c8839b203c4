"""`publish` and `tail`: put articles on the input topic, print what a topic carries."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from stream.cli.service_cmd import settings_from
from stream.core.intake import message_key
from stream.core.intake_files import read_articles_file
from stream.errors import ConfigError
from stream.kafka_io import publish_values, read_topic

__all__ = ["read_messages", "register"]


def read_messages(path: Path) -> list[bytes]:
    """The raw messages in a file, or a ConfigError naming the file it cannot read."""
    try:
        return list(read_articles_file(path))
    except OSError as error:
        raise ConfigError(f"cannot read {path}: {error.strerror}") from error


def _publish(args: argparse.Namespace) -> int:
    """Send every file's articles to the input topic."""
    settings = settings_from(args)
    topic = args.topic or settings.topic_articles
    messages = [message for path in args.files for message in read_messages(path)]
    sent = asyncio.run(
        publish_values(settings.bootstrap_servers, topic, ((message_key(m), m) for m in messages))
    )
    print(f"published {sent} message(s) to {topic}", file=sys.stderr)
    return 0


async def _tail(bootstrap: str, topics: list[str], idle: float | None, limit: int | None) -> int:
    """Print records as JSON lines until idle or the limit is reached."""
    count = 0
    async for record in read_topic(bootstrap, topics, idle_timeout_s=idle):
        print(record.value.decode("utf-8", errors="replace"), flush=True)
        count += 1
        if limit is not None and count >= limit:
            break
    return 0


def _run_tail(args: argparse.Namespace) -> int:
    """Subscribe to a topic from its beginning and print its messages."""
    settings = settings_from(args)
    topic = args.topic or settings.topic_alerts
    return asyncio.run(_tail(settings.bootstrap_servers, [topic], args.idle, args.max))


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `publish` and `tail` commands."""
    publish = commands.add_parser(
        "publish",
        help="send JSONL articles or raw text documents to the input topic",
        description="Send articles: each line of a .jsonl file is one message; "
        "any other file is sent whole as one raw document.",
    )
    publish.add_argument("files", nargs="+", type=Path, metavar="FILE")
    publish.add_argument("--broker", help="broker URL (default: CONFLICT_ALERTS_BROKER)")
    publish.add_argument("--topic", help="target topic (default: the input topic)")
    publish.set_defaults(handler=_publish)

    tail = commands.add_parser(
        "tail",
        help="print alerts (or any topic) as JSON lines",
        description="Read a topic from its beginning and print each message on one line.",
    )
    tail.add_argument("topic", nargs="?", help="topic (default: the alerts topic)")
    tail.add_argument("--broker", help="broker URL (default: CONFLICT_ALERTS_BROKER)")
    tail.add_argument("--idle", type=float, help="stop after this many seconds without messages")
    tail.add_argument("--max", type=int, help="stop after this many messages")
    tail.set_defaults(handler=_run_tail)
