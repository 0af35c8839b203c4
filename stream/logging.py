"""Configure structlog once: JSON lines in production, readable lines on a terminal."""

from __future__ import annotations

import logging
import logging.config
import re
import sys
from collections.abc import Mapping, MutableMapping
from contextvars import Token
from typing import Any, Literal

import structlog

__all__ = [
    "REDACTED",
    "LogContext",
    "configure_logging",
    "get_logger",
    "redact_secrets",
    "stdlib_logging_config",
]

REDACTED = "[redacted]"
_SECRET_KEY = re.compile(r"token|secret|password|passwd|authorization|api_?key|signature", re.I)
_URL_CREDENTIALS = re.compile(r"(?<=://)[^/@\s:]+:[^/@\s]+@")


def redact_secrets(
    _logger: Any, _method: str, event_dict: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    """Blank values under secret-looking keys and credentials embedded in URLs."""
    for key, value in event_dict.items():
        if _SECRET_KEY.search(key):
            event_dict[key] = REDACTED
        elif isinstance(value, str) and "@" in value:
            event_dict[key] = _URL_CREDENTIALS.sub(f"{REDACTED}@", value)
    return event_dict


LogFormat = Literal["auto", "json", "console"]


def _use_json(log_format: LogFormat) -> bool:
    """JSON unless asked for console lines or writing to a terminal."""
    return log_format == "json" or (log_format == "auto" and not sys.stderr.isatty())


def _shared_processors() -> list[structlog.typing.Processor]:
    """Steps every line takes, ours and the libraries': context, redaction, level, time."""
    return [
        structlog.contextvars.merge_contextvars,
        redact_secrets,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]


def _rendering(use_json: bool) -> list[structlog.typing.Processor]:
    """The final steps: JSON with formatted tracebacks, or console lines (pretty tracebacks)."""
    if use_json:
        return [structlog.processors.format_exc_info, structlog.processors.JSONRenderer()]
    return [structlog.dev.ConsoleRenderer()]


def stdlib_logging_config(log_format: LogFormat = "auto", level: str = "info") -> dict[str, Any]:
    """A `logging.config.dictConfig` rendering library records (Faust, aiokafka) like ours."""
    use_json = _use_json(log_format)
    stdlib_level = max(logging.getLevelName(level.upper()), logging.WARNING)
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "structlog": {
                "()": structlog.stdlib.ProcessorFormatter,
                "foreign_pre_chain": [structlog.stdlib.add_logger_name, *_shared_processors()],
                "processors": [
                    structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                    *_rendering(use_json),
                ],
            }
        },
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stderr",
                "formatter": "structlog",
            }
        },
        "root": {"level": stdlib_level, "handlers": ["stderr"]},
    }


def configure_logging(log_format: LogFormat = "auto", level: str = "info") -> None:
    """Set up structlog (and stdlib logging, Python warnings included) with context variables
    bound per message."""
    use_json = _use_json(log_format)
    structlog.configure(
        processors=[*_shared_processors(), *_rendering(use_json)],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level.upper())),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
        cache_logger_on_first_use=True,
    )
    logging.config.dictConfig(stdlib_logging_config(log_format, level))
    logging.captureWarnings(True)


class LogContext:
    """Binds log context variables for a `with` block and restores the previous values after.

    structlog's `bound_contextvars` does the same but first copies the whole context to find
    the values to restore (about 10 us per message more); resetting the tokens restores them.
    """

    __slots__ = ("_tokens", "_values")

    def __init__(self, **values: Any) -> None:
        self._values = values
        self._tokens: Mapping[str, Token[Any]] = {}

    def __enter__(self) -> None:
        """Bind the values."""
        self._tokens = structlog.contextvars.bind_contextvars(**self._values)

    def __exit__(self, *_exc: object) -> None:
        """Restore what the variables held before."""
        structlog.contextvars.reset_contextvars(**self._tokens)


def get_logger(name: str) -> structlog.stdlib.BoundLogger:
    """Return a structlog logger named after its module."""
    logger: structlog.stdlib.BoundLogger = structlog.get_logger(name)
    return logger
