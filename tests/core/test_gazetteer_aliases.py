"""The aliases file names only regions that the gazetteer really builds."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from stream.core.gazetteer_build import (
    ALIASES_FILE,
    _bare,
    _read_cities,
    _region_names,
    load_aliases,
)


class _UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that refuses duplicate mapping keys (PyYAML keeps the last silently)."""


def _no_duplicates(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[object, object]:
    keys = [loader.construct_object(key) for key, _ in node.value]
    duplicates = {key for key in keys if keys.count(key) > 1}
    assert not duplicates, f"duplicate keys in {ALIASES_FILE.name}: {sorted(map(str, duplicates))}"
    return loader.construct_mapping(node)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicates)


def test_the_aliases_file_has_no_duplicate_keys() -> None:
    """A repeated key would silently drop the earlier entry's names."""
    yaml.load(ALIASES_FILE.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)


def test_every_region_alias_key_names_a_built_region() -> None:
    """Each 'CC:Region' key matches a first-level region, or its names would be dropped."""
    regions = _region_names(_read_cities())
    built = {(country, _bare(name)) for (country, _), name in regions.items()}
    keys = load_aliases()["regions"]
    unknown = [
        key for key in keys if (key.partition(":")[0], _bare(key.partition(":")[2])) not in built
    ]
    assert unknown == []


def test_every_alias_key_and_name_reads_as_a_string() -> None:
    """Norway's code NO, unquoted, would read as False and tag Norwegians with no country."""
    demonyms = load_aliases()["demonyms"]
    assert "Norwegian" in demonyms["NO"]


def test_an_unquoted_yaml_boolean_is_a_clear_error(tmp_path: Path) -> None:
    """A key YAML reads as a boolean is refused, naming where it is."""
    path = tmp_path / "aliases.yaml"
    path.write_text("demonyms:\n  NO: [Norwegian]\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="demonyms"):
        load_aliases(path)
