"""`silence add|list|expire`: manage silences on the silences topic that workers replay."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
from datetime import UTC, datetime, timedelta

from pydantic import ValidationError

from stream.cli.service_cmd import settings_from
from stream.core.durations import parse_duration
from stream.core.silences import LabelMatcher, new_silence
from stream.errors import ConfigError
from stream.silencing import publish_silence, read_silences

__all__ = ["register"]


def _add(args: argparse.Namespace) -> int:
    """Publish a new silence; print its id."""
    settings = settings_from(args)
    try:
        matchers = [LabelMatcher.model_validate(text) for text in args.matchers]
        duration = parse_duration(args.duration)
    except (ValueError, ValidationError) as error:
        raise ConfigError(f"invalid silence: {error}") from error
    silence = new_silence(
        matchers,
        now=datetime.now(UTC),
        duration=timedelta(seconds=duration),
        created_by=args.author or getpass.getuser(),
        comment=args.comment or "",
    )
    asyncio.run(publish_silence(settings.bootstrap_servers, settings.topic_silences, silence))
    print(silence.id)
    return 0


def _list(args: argparse.Namespace) -> int:
    """Print silences (active only unless --all) as JSON lines."""
    settings = settings_from(args)
    silences = asyncio.run(read_silences(settings.bootstrap_servers, settings.topic_silences))
    now = datetime.now(UTC)
    for silence in sorted(silences.values(), key=lambda s: s.starts_at):
        if args.all or silence.active(now):
            print(json.dumps({**silence.model_dump(mode="json"), "active": silence.active(now)}))
    return 0


def _expire(args: argparse.Namespace) -> int:
    """End a silence now."""
    settings = settings_from(args)
    silences = asyncio.run(read_silences(settings.bootstrap_servers, settings.topic_silences))
    silence = silences.get(args.id)
    if silence is None:
        raise ConfigError(f"no silence {args.id} on {settings.topic_silences}")
    expired = silence.model_copy(update={"ends_at": datetime.now(UTC)})
    asyncio.run(publish_silence(settings.bootstrap_servers, settings.topic_silences, expired))
    print(f"expired {args.id}")
    return 0


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `silence` command group."""
    silence = commands.add_parser(
        "silence",
        help="add, list or expire alert silences",
        description="Silences mute alerts whose labels match every matcher until they expire. "
        "Labels: rule, type, severity, country, admin1, place, precision, source.",
    )
    silence.add_argument("--broker", help="broker URL, e.g. kafka://127.0.0.1:9092")
    actions = silence.add_subparsers(dest="silence_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add a silence", description="Add a silence.")
    add.add_argument("matchers", nargs="+", help="matchers such as country=IQ or rule=~attack.*")
    add.add_argument("--duration", default="1h", help="how long, e.g. 30m, 2h, 1d (default 1h)")
    add.add_argument("--comment", help="why")
    add.add_argument("--author", help="who (default: the current user)")
    add.set_defaults(handler=_add)
    listing = actions.add_parser("list", help="list silences", description="List silences.")
    listing.add_argument("--all", action="store_true", help="include expired silences")
    listing.set_defaults(handler=_list)
    expire = actions.add_parser("expire", help="end a silence now", description="End a silence.")
    expire.add_argument("id", help="the silence id (sil_...)")
    expire.set_defaults(handler=_expire)
