"""Read publication dates and datelines: ISO 8601, RFC 2822 and the common written forms."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

from stream.core.intake_reasons import IntakeReason
from stream.errors import IntakeError

__all__ = ["check_date_range", "parse_datetime"]

MIN_YEAR = 1900
_FUTURE_SLACK = timedelta(days=1)
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
# Unambiguous zone abbreviations only (AST, IST, CST-as-China... are left out on purpose).
_ZONES = {
    "z": 0, "ut": 0, "utc": 0, "gmt": 0, "wet": 0, "bst": 60, "cet": 60, "cest": 120,
    "eet": 120, "eest": 180, "msk": 180, "est": -300, "edt": -240, "cdt": -300,
    "mst": -420, "mdt": -360, "pst": -480, "pdt": -420, "wat": 60, "cat": 120, "sast": 120,
    "eat": 180, "irst": 210, "pkt": 300, "hkt": 480, "sgt": 480, "jst": 540, "kst": 540,
    "aest": 600, "aedt": 660, "nzst": 720,
}  # fmt: skip
_MONTH = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_TIME = (
    r"(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,](?P<fraction>\d{1,9}))?)?"
    r"\s*(?P<ampm>[ap]\.?m\.?)?"
)
_ZONE = (
    r"(?P<zone>(?:gmt|utc)?\s*[+-]\d{1,2}(?::?\d{2})?|"
    + "|".join(sorted(_ZONES, key=len, reverse=True))
    + ")"
)
_TAIL = rf"(?:,?\s+(?:at\s+)?{_TIME})?(?:\s*\(?{_ZONE}\)?)?"
_WRITTEN = re.compile(
    rf"(?:{_WEEKDAY})?(?:(?P<day1>{_DAY})\s+(?P<month1>{_MONTH}),?\s+(?P<year1>\d{{4}})"
    rf"|(?P<month2>{_MONTH})\s+(?P<day2>{_DAY}),?\s+(?P<year2>\d{{4}})){_TAIL}",
    re.IGNORECASE,
)
_ISO = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
    rf"(?:(?:T|\s+){_TIME})?(?:\s*{_ZONE})?",
    re.IGNORECASE,
)
_LABEL = re.compile(
    r"(?:(?:last updated|published|updated|posted|dated|date)(?:\s+on)?\s*:?\s*)",
    re.IGNORECASE,
)
_MAX_LENGTH = 120
# The form producers write most (UTC, whole seconds), read without the general patterns.
_ISO_UTC = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")


def parse_datetime(text: str, *, now: datetime | None = None) -> datetime | None:
    """Parse a whole-line date into an aware datetime (naive means UTC); None if not a date.

    Raises IntakeError `bad_date` when `text` has the shape of a date but its values are
    impossible: month 13, 31 February, hour 25, a year before 1900 or after tomorrow.
    """
    if _ISO_UTC.fullmatch(text):
        try:
            return check_date_range(datetime.fromisoformat(text), now=now)
        except ValueError:
            pass  # an impossible value: the general path names it
    candidate = " ".join(text.split())
    if not candidate or len(candidate) > _MAX_LENGTH:
        return None
    candidate = _LABEL.sub("", candidate, count=1) if _LABEL.match(candidate) else candidate
    candidate = candidate.rstrip(" .")
    match = _ISO.fullmatch(candidate)
    if match:
        year, month, day = match["year"], match["month"], match["day"]
    else:
        match = _WRITTEN.fullmatch(candidate)
        if match is None:
            return None
        year = match["year1"] or match["year2"]
        month = str(_MONTHS[(match["month1"] or match["month2"]).rstrip(".").lower()])
        day = re.sub(r"\D", "", match["day1"] or match["day2"])
    parsed = _build(candidate, match, int(year), int(month), int(day))
    return check_date_range(parsed, now=now)


def _build(text: str, match: re.Match[str], year: int, month: int, day: int) -> datetime:
    """Assemble the datetime from matched parts or raise `bad_date`."""
    hour = int(match["hour"] or 0)
    if match["ampm"]:
        if not 1 <= hour <= 12:
            raise IntakeError(IntakeReason.BAD_DATE, f"impossible hour {hour} in {text!r}")
        hour = hour % 12 + (12 if match["ampm"].lower().startswith("p") else 0)
    fraction = (match["fraction"] or "").ljust(6, "0")[:6]
    try:
        return datetime(
            year,
            month,
            day,
            hour,
            int(match["minute"] or 0),
            int(match["second"] or 0),
            int(fraction),
            tzinfo=_zone(match["zone"]),
        )
    except ValueError as error:
        raise IntakeError(IntakeReason.BAD_DATE, f"impossible date {text!r}: {error}") from None


def _zone(text: str | None) -> timezone:
    """Return the zone named by an abbreviation or a numeric offset; UTC when absent."""
    if not text:
        return UTC
    name = text.strip().lower()
    if name in _ZONES:
        return timezone(timedelta(minutes=_ZONES[name]))
    offset = re.sub(r"^(?:gmt|utc)\s*", "", name)
    sign = -1 if offset.startswith("-") else 1
    digits = offset[1:].replace(":", "")
    hours, minutes = (digits, "0") if len(digits) <= 2 else (digits[:-2], digits[-2:])
    total = int(hours) * 60 + int(minutes)
    if int(hours) > 14 or int(minutes) >= 60:
        raise IntakeError(IntakeReason.BAD_DATE, f"impossible UTC offset {text!r}")
    return timezone(timedelta(minutes=sign * total))


def check_date_range(value: datetime, *, now: datetime | None = None) -> datetime:
    """Return `value` as an aware datetime (naive means UTC) if it lies in 1900..now+1 day."""
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    latest = (now or datetime.now(UTC)) + _FUTURE_SLACK
    if aware.year < MIN_YEAR or aware > latest:
        raise IntakeError(
            IntakeReason.BAD_DATE,
            f"date {aware.isoformat()} is before {MIN_YEAR} or in the future",
        )
    return aware
