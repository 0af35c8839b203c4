"""`broker` and `worker`: run the embedded broker or a worker in the foreground."""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path
from typing import Any

from stream.broker import EmbeddedBroker
from stream.settings import Settings

__all__ = ["register", "settings_from"]


def settings_from(args: argparse.Namespace, **fields: Any) -> Settings:
    """Settings from the environment, overridden by the flags the user gave."""
    overrides = {key: value for key, value in fields.items() if value is not None}
    broker = getattr(args, "broker", None)
    if broker:
        overrides["broker"] = broker if "://" in broker else f"kafka://{broker}"
    return Settings(**overrides)


def _run_broker(args: argparse.Namespace) -> int:
    """Run the embedded broker until Ctrl-C or SIGTERM."""
    broker = EmbeddedBroker(port=args.port).start()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"embedded broker listening on {broker.bootstrap} (Ctrl-C stops it)", flush=True)
    try:
        return broker.wait()
    except (KeyboardInterrupt, SystemExit):
        return 0
    finally:
        broker.stop()


def _run_worker(args: argparse.Namespace) -> int:
    """Run a worker with settings from the environment and flags."""
    from stream.worker import run_worker

    settings = settings_from(
        args,
        rules=args.rules,
        web_port=args.web_port,
        data_dir=args.data_dir,
        places_files=args.places or None,
    )
    return run_worker(settings)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `broker` and `worker` commands."""
    broker = commands.add_parser(
        "broker",
        help="run the embedded Kafka-compatible broker (Tansu) in the foreground",
        description="Run the embedded, memory-only Tansu broker for development and demos.",
    )
    broker.add_argument("--port", type=int, default=0, help="port to listen on (default: free)")
    broker.set_defaults(handler=_run_broker)

    worker = commands.add_parser(
        "worker",
        help="run a worker (Faust): analyse articles, raise alerts",
        description="Run a worker. Settings come from CONFLICT_ALERTS_* variables; flags win.",
    )
    worker.add_argument("--broker", help="broker URL, e.g. kafka://127.0.0.1:9092")
    worker.add_argument("--rules", type=Path, help="alert rules YAML file")
    worker.add_argument("--web-port", type=int, help="port of the web server (metrics, health)")
    worker.add_argument("--data-dir", type=Path, help="directory for table state")
    worker.add_argument(
        "--places", type=Path, action="append", help="extra places file (repeatable)"
    )
    worker.set_defaults(handler=_run_worker)
