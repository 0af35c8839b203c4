"""The framework floor: a do-nothing Faust agent forwarding each record to another topic."""

from __future__ import annotations

import argparse
import sys

import faust

from stream.tansu import faust_overrides


def main() -> int:
    """Run a forwarding worker until SIGTERM."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--broker", required=True, help="tansu://host:port or kafka://host:port")
    parser.add_argument("--source", required=True)
    parser.add_argument("--target", required=True)
    parser.add_argument("--app-id", required=True)
    parser.add_argument("--data-dir", required=True)
    parser.add_argument(
        "--direct",
        action="store_true",
        help="send with app.producer.send, as the service does, instead of Topic.send",
    )
    args = parser.parse_args()
    options = faust_overrides() if args.broker.startswith("tansu://") else {}
    app = faust.App(
        args.app_id,
        broker=args.broker,
        web_enabled=False,
        datadir=args.data_dir,
        producer_acks=-1,
        consumer_auto_offset_reset="earliest",
        **options,
    )
    source = app.topic(args.source, value_serializer="raw", key_serializer="raw")
    target = app.topic(args.target, value_serializer="raw", key_serializer="raw")

    async def forward(stream: faust.StreamT[bytes]) -> None:
        async for value in stream:
            if args.direct:
                await app.producer.send(args.target, None, value, None, None, None)
            else:
                await target.send(value=value)

    app.agent(source, name="forward")(forward)
    worker = faust.Worker(app, loglevel="WARNING", quiet=True)
    worker.spinner = None  # as in the service: no spinner, so no DEBUG root logger
    try:
        worker.execute_from_commandline()
    except SystemExit as exit_:
        return int(exit_.code or 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
