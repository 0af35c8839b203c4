"""Extension files: GeoNames country dumps (.txt) and custom places (.yaml/.yml/.csv)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import yaml

from schemas import PlaceKind
from stream.core.gazetteer import Gazetteer, Place
from stream.errors import ConfigError

__all__ = ["load_extension"]

_DUMP_CLASSES: Final = frozenset("PALT")
_NEIGHBOURHOOD_CODES: Final = frozenset({"PPLX", "PPLL"})
_POPULATED_PRIORITY: Final = 500


@dataclass(frozen=True, slots=True)
class _Entry:
    """A place read from an extension file with its names."""

    place: Place
    names: tuple[str, ...]


def load_extension(gazetteer: Gazetteer, path: Path) -> int:
    """Add the places of one extension file to `gazetteer`; return how many were added."""
    suffix = path.suffix.lower()
    if suffix == ".txt":
        entries = list(_read_dump(gazetteer, path))
    elif suffix in (".yaml", ".yml"):
        entries = list(_read_custom(gazetteer, path, _yaml_rows(path)))
    elif suffix == ".csv":
        entries = list(_read_custom(gazetteer, path, _csv_rows(path)))
    else:
        raise ConfigError(f"{path}: unknown places file type {suffix!r} (.txt, .yaml or .csv)")
    names = [(name, local) for local, entry in enumerate(entries) for name in entry.names]
    gazetteer.extend([entry.place for entry in entries], names)
    return len(entries)


def _read_dump(gazetteer: Gazetteer, path: Path) -> Iterator[_Entry]:
    """Rows of a GeoNames dump (geoname table, 19 tab-separated columns)."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 15:
                raise ConfigError(f"{path}:{number}: expected 19 tab-separated GeoNames columns")
            if cols[6] not in _DUMP_CLASSES:
                continue
            code = cols[7]
            region = gazetteer.by_id.get(f"admin1:{cols[8]}.{cols[10]}")
            place = Place(
                id=cols[0],
                name=cols[1],
                lat=_number(path, number, cols[4]),
                lon=_number(path, number, cols[5]),
                country_code=cols[8] or None,
                admin1=gazetteer.place(region).name if region is not None else None,
                kind=_dump_kind(cols[6], code),
                population=int(cols[14] or 0) or _POPULATED_PRIORITY * (cols[6] == "P"),
                feature_code=code or None,
            )
            alternates = tuple(name for name in cols[3].split(",") if name)
            yield _Entry(place, (cols[1], cols[2], *alternates))


def _dump_kind(feature_class: str, code: str) -> PlaceKind:
    """The PlaceKind of a GeoNames feature class and code."""
    if code in _NEIGHBOURHOOD_CODES:
        return PlaceKind.NEIGHBOURHOOD
    if code.startswith("PCL"):
        return PlaceKind.COUNTRY
    if code == "ADM1":
        return PlaceKind.REGION
    if feature_class == "A":
        return PlaceKind.DISTRICT
    return PlaceKind.TOWN


def _yaml_rows(path: Path) -> list[dict[str, Any]]:
    """The `places` list of a custom YAML file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ConfigError(f"{path}: invalid YAML: {error}") from error
    rows = data.get("places") if isinstance(data, dict) else data
    if not isinstance(rows, list):
        raise ConfigError(f"{path}: expected a list of places (or a 'places:' list)")
    return rows


def _csv_rows(path: Path) -> list[dict[str, Any]]:
    """Rows of a custom CSV file; `aliases` are separated by '|'."""
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))
    rows: list[dict[str, Any]] = []
    for row in reader:
        aliases = row.get("aliases") or ""
        rows.append({**row, "aliases": [alias for alias in aliases.split("|") if alias]})
    return rows


def _read_custom(
    gazetteer: Gazetteer, path: Path, rows: Sequence[dict[str, Any]]
) -> Iterator[_Entry]:
    """Custom places: name, aliases, lat/lon, parent place, kind (and optional id, country)."""
    for number, row in enumerate(rows, start=1):
        name = str(row.get("name") or "").strip()
        if not name:
            raise ConfigError(f"{path}: place {number} has no name")
        parent = _parent(gazetteer, path, row.get("parent"))
        try:
            kind = PlaceKind(str(row.get("kind") or "town").strip())
        except ValueError as error:
            raise ConfigError(
                f"{path}: place {name!r}: unknown kind {row.get('kind')!r}"
            ) from error
        place_id = str(row.get("id") or "").strip() or name.lower().replace(" ", "-")
        place = Place(
            id=f"custom:{place_id}",
            name=name,
            lat=_number(path, number, row.get("lat")),
            lon=_number(path, number, row.get("lon")),
            country_code=(row.get("country_code") or (parent.country_code if parent else None)),
            admin1=row.get("admin1") or (parent.admin1 if parent else None),
            kind=kind,
            population=int(row.get("population") or 0),
            feature_code=row.get("feature_code") or None,
            parent=parent.id if parent else None,
        )
        aliases = tuple(str(alias) for alias in row.get("aliases") or ())
        yield _Entry(place, (name, *aliases))


def _parent(gazetteer: Gazetteer, path: Path, ref: object) -> Place | None:
    """The parent place named by 'Name, CC' or by a place id; the most populous match."""
    if not ref:
        return None
    text = str(ref).strip()
    if text in gazetteer.by_id:
        return gazetteer.place(gazetteer.by_id[text])
    name, _, country = text.partition(",")
    country = country.strip().upper()
    found = [
        gazetteer.place(index)
        for index in gazetteer.lookup(name)
        if not country or gazetteer.table.country_of(index) == country
    ]
    if not found:
        raise ConfigError(f"{path}: parent place {text!r} is not in the gazetteer")
    return max(found, key=lambda place: (place.kind == PlaceKind.TOWN, place.population))


def _number(path: Path, number: int, value: object) -> float:
    """A coordinate as float, or a ConfigError naming the file and entry."""
    try:
        return float(str(value))
    except ValueError as error:
        raise ConfigError(f"{path}: entry {number}: bad coordinate {value!r}") from error
