"""`demo`: the whole pipeline on the embedded broker with the bundled sample articles."""

from __future__ import annotations

import argparse
from pathlib import Path

from stream.demo import DEMO_DIR, run_demo

__all__ = ["register"]


def _run(args: argparse.Namespace) -> int:
    """Run the demo."""
    return run_demo(args.articles, timeout_s=args.timeout)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `demo` command."""
    demo = commands.add_parser(
        "demo",
        help="run broker + worker, publish the sample articles, print alerts, exit",
        description="Start the embedded broker and a worker, publish the bundled sample "
        "articles, print each alert as one line and a closing summary, then stop everything.",
    )
    demo.add_argument(
        "--articles",
        type=Path,
        default=DEMO_DIR,
        help=f"folder of articles to publish (default: {DEMO_DIR})",
    )
    demo.add_argument("--timeout", type=float, default=180.0, help="give up after N seconds")
    demo.set_defaults(handler=_run)
