"""`dlq replay`: re-publish dead letters after a fix, resumable and at most once per reason."""

from __future__ import annotations

import argparse
import asyncio

from stream.cli.service_cmd import settings_from
from stream.dlq import replay_dead_letters

__all__ = ["register"]


def _replay(args: argparse.Namespace) -> int:
    """Replay the selected dead letters and print the counts."""
    settings = settings_from(args)
    result = asyncio.run(
        replay_dead_letters(
            settings.bootstrap_servers,
            args.dlq_topic or settings.topic_dlq,
            args.topic or settings.topic_articles,
            group_prefix=args.group or f"{settings.app_id}-dlq-replay",
            reasons=args.reasons or (),
        )
    )
    print(result.summary(), flush=True)
    return 0


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `dlq` command group."""
    dlq = commands.add_parser(
        "dlq",
        help="work with the dead-letter topic (replay after a fix)",
        description="Dead letters keep the original bytes; replay sends them back for another try.",
    )
    actions = dlq.add_subparsers(dest="action", metavar="ACTION", required=True)
    replay = actions.add_parser(
        "replay",
        help="re-publish dead letters (all, or by reason) to the input topic",
        description="Re-publish dead letters up to the DLQ's current end. Progress is "
        "committed per reason (consumer groups PREFIX.REASON), so a re-run replays nothing twice.",
    )
    replay.add_argument(
        "--reason",
        dest="reasons",
        action="append",
        metavar="CODE",
        help="replay only dead letters with this reason code (repeatable; default: all)",
    )
    replay.add_argument("--topic", help="target topic (default: the input topic)")
    replay.add_argument("--dlq-topic", help="dead-letter topic (default: from settings)")
    replay.add_argument("--group", help="consumer group prefix (default: APP_ID-dlq-replay)")
    replay.add_argument("--broker", help="broker URL (default: CONFLICT_ALERTS_BROKER)")
    replay.set_defaults(handler=_replay)
