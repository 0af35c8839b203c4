"""`rules check FILE`: validate a rules file and report problems with line numbers."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from stream.core.rules import load_rule_set
from stream.errors import RulesError

__all__ = ["register"]


def _check(args: argparse.Namespace) -> int:
    """Print 'OK' and a summary, or every problem as FILE:LINE: message (exit 1)."""
    try:
        rule_set = load_rule_set(args.file, os.environ)
    except RulesError as error:
        for line, message in error.problems:
            print(f"{error.path}:{line or '?'}: {message}", file=sys.stderr)
        return 1
    topics = ", ".join(rule_set.topics) or "none"
    print(
        f"{args.file}: OK — {len(rule_set.rules)} rule(s), {len(rule_set.receivers)} "
        f"receiver(s), {len(rule_set.inhibit_rules)} inhibit rule(s); extra topics: {topics}"
    )
    return 0


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `rules` command group."""
    rules = commands.add_parser(
        "rules",
        help="work with alert rules files",
        description="Work with alert rules files (see deploy/rules.example.yaml).",
    )
    actions = rules.add_subparsers(dest="rules_command", metavar="ACTION", required=True)
    check = actions.add_parser(
        "check",
        help="validate a rules file",
        description="Validate a rules file; errors are printed as FILE:LINE: message (exit 1).",
    )
    check.add_argument("file", type=Path, help="the rules YAML file")
    check.set_defaults(handler=_check)
