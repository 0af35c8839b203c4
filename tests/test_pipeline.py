"""stream/pipeline.py: the analysis core runs compiled, as installed."""

from __future__ import annotations

import os
import re
from pathlib import Path

from stream.pipeline import compiled_core

REPO = Path(__file__).resolve().parents[1]


def test_the_installed_core_is_the_compiled_one_unless_pure_python_was_asked_for() -> None:
    assert compiled_core() is (os.environ.get("CONFLICT_ALERTS_PURE_PYTHON") != "1")


def test_every_module_setup_py_compiles_is_a_core_module_that_exists() -> None:
    listed = re.findall(r'"(stream/core/\w+\.py)"', (REPO / "setup.py").read_text("utf-8"))
    assert "stream/core/places.py" in listed
    assert listed == sorted(listed)
    for module in listed:
        assert (REPO / module).is_file(), module
