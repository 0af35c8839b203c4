"""Durations as operators write them in config: 500ms, 30s, 5m, 4h, 2d (or plain seconds)."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

__all__ = ["Duration", "parse_duration"]

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$")
_UNIT_S = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86_400.0, None: 1.0}


def parse_duration(value: Any) -> float:
    """Seconds from a number or a string like '500ms', '30s', '5m', '4h', '2d'."""
    if isinstance(value, bool):
        raise ValueError("expected a duration such as 30s, 5m or 4h")
    if isinstance(value, int | float):
        return float(value)
    found = _DURATION.match(str(value))
    if found is None:
        raise ValueError(f"{value!r} is not a duration such as 30s, 5m or 4h")
    return float(found.group(1)) * _UNIT_S[found.group(2)]


Duration = Annotated[float, BeforeValidator(parse_duration), Field(ge=0)]
