"""`analyze`: run the pure analysis pipeline on one document and print its Event JSON."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

from stream.core.intake import parse_article
from stream.errors import ConfigError
from stream.pipeline import build_analyzer

__all__ = ["register"]


def _read(source: str) -> bytes:
    """The bytes of FILE, or of standard input for '-'."""
    if source == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(source).read_bytes()
    except OSError as error:
        raise ConfigError(f"cannot read {source}: {error.strerror}") from error


def _run(args: argparse.Namespace) -> int:
    """Parse the document, analyse it and print the Event (and related headlines' events)."""
    now = datetime.now(UTC)
    article = parse_article(_read(args.file), now=now)
    analyzer = build_analyzer(places_files=args.places, actors_files=args.actors)
    event = analyzer.analyze(article, received_at=now, now=now)
    print(event.model_dump_json(indent=2))
    return 0


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `analyze` command."""
    parser = commands.add_parser(
        "analyze",
        help="analyse one document and print the Event JSON (no Kafka)",
        description="Parse a JSON article, HTML page or raw scraped text document, classify "
        "it, find actors, casualties and places, and print the Event as JSON.",
    )
    parser.add_argument("file", nargs="?", default="-", metavar="FILE", help="document or '-'")
    parser.add_argument(
        "--places", type=Path, action="append", default=[], help="extra gazetteer file"
    )
    parser.add_argument(
        "--actors", type=Path, action="append", default=[], help="extra actor lexicon YAML"
    )
    parser.set_defaults(handler=_run)
