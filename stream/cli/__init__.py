"""The `conflict-alerts` command line: one module per command group."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from stream import __version__
from stream.errors import ConflictAlertsError

__all__ = ["main"]

Handler = Callable[[argparse.Namespace], int]


def _register_all(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add every command module's subcommands."""
    from stream.cli import analyze_cmd, demo_cmd, eval_cmd, service_cmd, topics_cmd

    for module in (demo_cmd, service_cmd, topics_cmd, analyze_cmd, eval_cmd):
        module.register(commands)
    from stream.cli import dlq_cmd, ingest_cmd, rules_cmd, silence_cmd

    for module in (ingest_cmd, dlq_cmd, rules_cmd, silence_cmd):
        module.register(commands)


def build_parser() -> argparse.ArgumentParser:
    """Build the top-level parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="conflict-alerts",
        description="Real-time conflict alerts from news streams (Kafka in, alerts out).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _register_all(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except ConflictAlertsError as error:
        print(f"conflict-alerts: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
