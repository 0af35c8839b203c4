"""One exception tree for conflict-alerts.

ConflictAlertsError
├── ConfigError            bad settings or files given by the operator
│   └── RulesError         an invalid rules file (carries line numbers)
├── IntakeError            an input message that cannot become an Article (carries a reason code)
├── BrokerError            the embedded broker cannot start or a broker cannot be reached
└── DeliveryError          a webhook delivery failed (carries receiver and whether to retry)
"""

from __future__ import annotations

__all__ = [
    "BrokerError",
    "ConfigError",
    "ConflictAlertsError",
    "DeliveryError",
    "IntakeError",
    "RulesError",
]


class ConflictAlertsError(Exception):
    """Root of every error this package raises on purpose."""


class ConfigError(ConflictAlertsError):
    """Settings or an operator-supplied file are invalid."""


class RulesError(ConfigError):
    """A rules file is invalid; `problems` lists (line, message) pairs."""

    def __init__(self, path: str, problems: list[tuple[int | None, str]]) -> None:
        self.path = path
        self.problems = problems
        lines = [f"{path}:{line or '?'}: {message}" for line, message in problems]
        super().__init__("\n".join(lines))


class IntakeError(ConflictAlertsError):
    """An input message cannot become an Article; `reason` is a stable machine code."""

    def __init__(
        self,
        reason: str,
        message: str,
        *,
        topic: str | None = None,
        partition: int | None = None,
        offset: int | None = None,
    ) -> None:
        self.reason = reason
        self.message = message
        self.topic = topic
        self.partition = partition
        self.offset = offset
        where = f" ({topic}[{partition}]@{offset})" if topic is not None else ""
        super().__init__(f"{reason}: {message}{where}")


class BrokerError(ConflictAlertsError):
    """The embedded broker cannot start, or no broker answers at the given address."""


class DeliveryError(ConflictAlertsError):
    """A webhook delivery attempt failed."""

    def __init__(self, receiver: str, message: str, *, retryable: bool) -> None:
        self.receiver = receiver
        self.retryable = retryable
        super().__init__(f"{receiver}: {message}")
