"""The connectors' state file: atomic replacement, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from stream.errors import ConfigError
from stream.ingest.state import StateFile


def test_a_missing_state_file_loads_as_empty_and_saves_into_new_folders(tmp_path: Path) -> None:
    """First run: {}; save creates parent folders and round-trips."""
    state = StateFile(tmp_path / "deep" / "state.json")
    assert state.load() == {}
    state.save({"feeds": {"u": {"sent": ["a"]}}})
    assert state.load() == {"feeds": {"u": {"sent": ["a"]}}}


def test_saving_leaves_no_temporary_files_behind(tmp_path: Path) -> None:
    """Only the state file remains after repeated saves."""
    state = StateFile(tmp_path / "state.json")
    for index in range(3):
        state.save({"n": index})
    assert [path.name for path in tmp_path.iterdir()] == ["state.json"]


def test_a_failed_save_keeps_the_previous_version(tmp_path: Path) -> None:
    """Unserialisable data raises and the old file is intact."""
    state = StateFile(tmp_path / "state.json")
    state.save({"n": 1})
    with pytest.raises(TypeError):
        state.save({"n": object()})
    assert state.load() == {"n": 1}
    assert [path.name for path in tmp_path.iterdir()] == ["state.json"]


def test_a_corrupt_state_file_is_a_config_error_naming_it(tmp_path: Path) -> None:
    """Not JSON, or not an object: ConfigError with the path."""
    path = tmp_path / "state.json"
    path.write_text("{half", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"state\.json"):
        StateFile(path).load()
    path.write_text("[]", encoding="utf-8")
    with pytest.raises(ConfigError, match="JSON object"):
        StateFile(path).load()
