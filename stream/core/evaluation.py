"""Pure scoring of analysed events against gold rows: labels, casualties and geography.

Conventions: per-label precision/recall/F1 and the confusion matrix compare primary types
(one gold label per row); `per_label_multi` compares label sets on rows that give `labels`.
`macro_f1` averages the labels that occur in the gold data. A row with gold coordinates and
no focus place counts as a miss for `within_*` and is not `wrong_country`; `median_km`
covers rows that have a focus. Deaths: rows with a gold count; a missing killed count
reads as 0 (nothing reported).
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pycountry

from schemas import Event, EventType
from stream.core.geo import haversine_km

__all__ = ["GoldRow", "Scorer", "country_code", "prf"]

LABELS = tuple(label.value for label in EventType)
_COUNTRY_ALIASES = {
    "democratic republic of congo": "CD",
    "democratic republic of the congo": "CD",
    "drc": "CD",
    "congo": "CG",
    "republic of congo": "CG",
    "ivory coast": "CI",
    "cote d'ivoire": "CI",
    "russia": "RU",
    "iran": "IR",
    "syria": "SY",
    "palestine": "PS",
    "kosovo": "XK",
    "laos": "LA",
    "south korea": "KR",
    "north korea": "KP",
    "tanzania": "TZ",
    "bolivia": "BO",
    "venezuela": "VE",
    "vietnam": "VN",
    "turkey": "TR",
    "eswatini": "SZ",
    "swaziland": "SZ",
    "burma": "MM",
    "macedonia": "MK",
    "moldova": "MD",
    "czech republic": "CZ",
}


@lru_cache(maxsize=1024)
def country_code(value: str | None) -> str | None:
    """ISO 3166-1 alpha-2 code for a country name or code; None when unknown."""
    if not value:
        return None
    text = value.strip()
    alias = _COUNTRY_ALIASES.get(text.lower())
    if alias:
        return alias
    try:
        country = pycountry.countries.lookup(text)
    except LookupError:
        return None
    return str(country.alpha_2)


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall and F1 from counts (0 when undefined)."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


@dataclass(frozen=True, slots=True)
class GoldRow:
    """The gold annotations of one evaluation row."""

    label: str
    labels: tuple[str, ...] | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    deaths: int | None = None

    @classmethod
    def from_json(cls, row: Mapping[str, Any]) -> GoldRow:
        """Read the gold fields of an `eval` input row."""
        labels = row.get("labels")
        lat, lon = row.get("lat"), row.get("lon")
        deaths = row.get("deaths")
        return cls(
            label=str(row["label"]),
            labels=tuple(str(label) for label in labels) if labels else None,
            lat=float(lat) if lat is not None and lon is not None else None,
            lon=float(lon) if lat is not None and lon is not None else None,
            country=str(row["country"]) if row.get("country") else None,
            deaths=int(deaths) if deaths is not None else None,
        )


@dataclass(slots=True)
class Scorer:
    """Accumulates gold/predicted pairs and reports the `eval` metrics."""

    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    multi: Counter[tuple[str, str]] = field(default_factory=Counter)
    distances: list[float | None] = field(default_factory=list)
    wrong_country: int = 0
    deaths_n: int = 0
    deaths_exact: int = 0

    def add(self, gold: GoldRow, event: Event) -> None:
        """Score one analysed event against its gold row."""
        self.confusion[(gold.label, event.type.value)] += 1
        if gold.labels is not None:
            predicted = {label.label.value for label in event.labels} or {EventType.OTHER.value}
            for label in LABELS:
                key = ("tp" if label in predicted else "fn") if label in gold.labels else "fp"
                if key != "fp" or label in predicted:
                    self.multi[(label, key)] += 1
        if gold.deaths is not None:
            self.deaths_n += 1
            self.deaths_exact += int((event.casualties.killed or 0) == gold.deaths)
        if gold.lat is not None and gold.lon is not None:
            self._add_geo(gold, event)

    def _add_geo(self, gold: GoldRow, event: Event) -> None:
        """Record the focus distance and country agreement of one row with coordinates."""
        focus = event.focus
        if focus is None:
            self.distances.append(None)
            return
        assert gold.lat is not None and gold.lon is not None
        self.distances.append(haversine_km(gold.lat, gold.lon, focus.lat, focus.lon))
        expected = country_code(gold.country)
        if expected and focus.country_code and expected != focus.country_code.upper():
            self.wrong_country += 1

    def report(self, elapsed_s: float) -> dict[str, Any]:
        """The metrics as the `eval --json` document."""
        n = sum(self.confusion.values())
        per_label = self._per_label()
        present = [label for label in LABELS if per_label[label]["support"]]
        macro = sum(float(per_label[label]["f1"]) for label in present) / len(present or [1])
        report: dict[str, Any] = {
            "n": n,
            "per_label": per_label,
            "macro_f1": round(macro, 4),
            "confusion": {
                gold: {pred: self.confusion[(gold, pred)] for pred in LABELS} for gold in LABELS
            },
            "geo": self._geo(),
            "deaths": {
                "n": self.deaths_n,
                "exact": round(self.deaths_exact / self.deaths_n, 4) if self.deaths_n else None,
            },
            "articles_per_s": round(n / elapsed_s, 1) if elapsed_s > 0 else None,
        }
        if self.multi:
            report["per_label_multi"] = {
                label: {
                    **prf(
                        self.multi[(label, "tp")],
                        self.multi[(label, "fp")],
                        self.multi[(label, "fn")],
                    ),
                    "support": self.multi[(label, "tp")] + self.multi[(label, "fn")],
                }
                for label in LABELS
            }
        return report

    def _per_label(self) -> dict[str, dict[str, float | int]]:
        """Primary-type precision, recall, F1 and support for every label."""
        result: dict[str, dict[str, float | int]] = {}
        for label in LABELS:
            tp = self.confusion[(label, label)]
            fp = sum(c for (g, p), c in self.confusion.items() if p == label and g != label)
            fn = sum(c for (g, p), c in self.confusion.items() if g == label and p != label)
            result[label] = {**prf(tp, fp, fn), "support": tp + fn}
        return result

    def _geo(self) -> dict[str, Any]:
        """Focus-place distances: shares within 25 and 161 km, median, wrong country."""
        n = len(self.distances)
        known = [d for d in self.distances if d is not None]
        return {
            "n": n,
            "within_25km": _share((d <= 25 for d in known), n),
            "within_161km": _share((d <= 161 for d in known), n),
            "median_km": round(statistics.median(known), 1) if known else None,
            "wrong_country": round(self.wrong_country / n, 4) if n else None,
        }


def _share(flags: Iterable[bool], n: int) -> float | None:
    """Share of true flags among n rows (None when there are no rows)."""
    return round(sum(flags) / n, 4) if n else None
