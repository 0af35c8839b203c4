"""Run a worker: probe the broker, create topics, load the pipeline, start Faust."""

from __future__ import annotations

import asyncio
import gc

import faust

from stream.alerting import alerting_topic_names
from stream.app import create_app
from stream.dedupe import dedupe_topic_names
from stream.kafka_admin import ensure_topics, probe_broker, topic_names
from stream.logging import configure_logging, get_logger, stdlib_logging_config
from stream.metrics import Metrics
from stream.pipeline import build_analyzer, compiled_core
from stream.rulebook import RuleBook
from stream.settings import Settings

__all__ = ["run_worker"]

log = get_logger(__name__)


def run_worker(settings: Settings) -> int:
    """Start a worker in the foreground until SIGINT/SIGTERM; return the exit code."""
    configure_logging(settings.log_format, settings.log_level)
    book = RuleBook(settings.rules)
    rules = book.current.rules
    profile = asyncio.run(probe_broker(settings))
    names = topic_names(settings, rules) + alerting_topic_names(settings)
    names += dedupe_topic_names(settings)
    counts = asyncio.run(ensure_topics(settings, names))
    analyzer = build_analyzer(settings.places_files, settings.actors_files)
    # The gazetteer and automata live as long as the process: keep full collections off them.
    gc.freeze()
    app = create_app(settings, profile, analyzer, Metrics.create(), counts, rules, book)
    log.info(
        "worker_starting",
        broker=profile.url,
        tansu=profile.tansu,
        rules=len(rules),
        compiled_core=compiled_core(),
    )
    worker = faust.Worker(
        app,
        loglevel=settings.log_level.upper(),
        quiet=True,
        logging_config=stdlib_logging_config(settings.log_format, settings.log_level),
    )
    # Faust keeps a terminal spinner at level warning and up, and to spin it sets the root
    # logger to DEBUG: every library debug record would then be built and dropped.
    worker.spinner = None
    try:
        worker.execute_from_commandline()
    except SystemExit as exit_:
        return int(exit_.code or 0)
    return 0
