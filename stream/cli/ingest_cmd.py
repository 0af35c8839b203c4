"""`ingest rss` and `ingest files`: connectors that send articles once, resumable by state file."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
from pathlib import Path

import httpx

from stream import __version__
from stream.cli.service_cmd import settings_from
from stream.ingest.files import FileIngester
from stream.ingest.publisher import Publisher
from stream.ingest.rss import FeedPoller
from stream.ingest.state import StateFile
from stream.settings import Settings

__all__ = ["register"]

FETCH_TIMEOUT_S = 30.0


def _target(args: argparse.Namespace, settings: Settings, default_state: str) -> tuple[str, Path]:
    """The topic to send to and the state file to use."""
    return args.topic or settings.topic_articles, args.state or settings.data_dir / default_state


async def _poll_feeds(args: argparse.Namespace) -> int:
    """Poll the feeds once, or every `--interval` seconds until SIGINT/SIGTERM."""
    settings = settings_from(args)
    topic, state = _target(args, settings, "ingest-rss.json")
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    failed = False
    async with (
        Publisher(settings.bootstrap_servers, topic) as publisher,
        httpx.AsyncClient(
            timeout=FETCH_TIMEOUT_S,
            follow_redirects=True,
            headers={"User-Agent": f"conflict-alerts/{__version__}"},
        ) as client,
    ):
        poller = FeedPoller(client, publisher, StateFile(state))
        while not stop.is_set():
            for url in args.urls:
                result = await poller.poll(url)
                failed = failed or result.outcome == "failed"
                print(result.summary(), flush=True)
            if args.once:
                break
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=args.interval)
    return 1 if failed and args.once else 0


def _run_rss(args: argparse.Namespace) -> int:
    """Run the RSS/Atom connector."""
    return asyncio.run(_poll_feeds(args))


async def _ingest_files(args: argparse.Namespace) -> int:
    """Send the files' messages not sent before and print the counts."""
    settings = settings_from(args)
    topic, state = _target(args, settings, "ingest-files.json")
    async with Publisher(settings.bootstrap_servers, topic) as publisher:
        result = await FileIngester(publisher, StateFile(state)).ingest(args.paths)
    print(result.summary(), flush=True)
    return 0


def _run_files(args: argparse.Namespace) -> int:
    """Run the files connector."""
    return asyncio.run(_ingest_files(args))


def _common(parser: argparse.ArgumentParser) -> None:
    """Flags every connector takes."""
    parser.add_argument("--broker", help="broker URL (default: CONFLICT_ALERTS_BROKER)")
    parser.add_argument("--topic", help="target topic (default: the input topic)")
    parser.add_argument(
        "--state", type=Path, help="state file remembering what was sent (default: in data dir)"
    )


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `ingest` command group."""
    ingest = commands.add_parser(
        "ingest",
        help="connectors: send RSS/Atom entries or files to the input topic, each once",
        description="Connectors that remember what they sent (a JSON state file), so a "
        "re-run or a restart sends nothing twice.",
    )
    connectors = ingest.add_subparsers(dest="connector", metavar="CONNECTOR", required=True)

    rss = connectors.add_parser(
        "rss",
        help="poll RSS/Atom feeds (conditional GET with ETag/Last-Modified)",
        description="Poll feeds and send each new entry as an Article JSON message.",
    )
    rss.add_argument("urls", nargs="+", metavar="URL")
    rss.add_argument(
        "--interval", type=float, default=300.0, help="seconds between polls (default: 300)"
    )
    rss.add_argument("--once", action="store_true", help="poll each feed once and exit")
    _common(rss)
    rss.set_defaults(handler=_run_rss)

    files = connectors.add_parser(
        "files",
        help="send JSONL files and folders of raw documents",
        description="Send each line of .jsonl/.ndjson files, and every other file whole as "
        "one raw document; folders are read recursively.",
    )
    files.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    _common(files)
    files.set_defaults(handler=_run_files)
