"""Area cues: phrases that place a report in known regions without naming them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import TypeAdapter

from stream.core.places_text import fold_key

__all__ = ["AreaCues", "Cue", "Region", "load_area_cues"]

Region = tuple[str, str]
"""A first-level region as the gazetteer keys it: (country code, region name)."""

_CUES_SHAPE = TypeAdapter(dict[str, list[str]])


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue phrase found in a text, with the regions it points to (the first is its own)."""

    start: int
    end: int
    regions: tuple[Region, ...]


class AreaCues:
    """Finds the cue phrases of a folded text and the regions they point to."""

    def __init__(self, cues: dict[str, list[str]]) -> None:
        """`cues` maps 'CC:Region name' (as the gazetteer names the region) to its phrases."""
        by_phrase: dict[str, list[Region]] = {}
        for label, phrases in cues.items():
            country, _, region = label.partition(":")
            for phrase in phrases:
                by_phrase.setdefault(fold_key(phrase).strip(), []).append((country, region))
        self._cues = tuple((phrase, tuple(regions)) for phrase, regions in by_phrase.items())

    def regions(self) -> set[Region]:
        """Every region that some cue points to."""
        return {region for _, regions in self._cues for region in regions}

    def find(self, folded: str) -> list[Cue]:
        """The first whole-word occurrence of each cue phrase in `folded` (see
        places_text.fold: lower case, punctuation as spaces), in text order."""
        found: list[Cue] = []
        for phrase, regions in self._cues:
            start = folded.find(phrase)
            while start >= 0:
                end = start + len(phrase)
                if (start == 0 or folded[start - 1] == " ") and folded[end : end + 1] in ("", " "):
                    found.append(Cue(start, end, regions))
                    break
                start = folded.find(phrase, start + 1)
        found.sort(key=lambda cue: cue.start)
        return found


def load_area_cues(path: Path) -> AreaCues:
    """Read an area-cues YAML file ('CC:Region name': [phrases])."""
    return AreaCues(
        _CUES_SHAPE.validate_python(yaml.safe_load(path.read_text(encoding="utf-8")), strict=True)
    )
