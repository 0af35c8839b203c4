"""stream/pipeline.py: the analysis core runs compiled, as installed."""

from __future__ import annotations

import os
import re
from pathlib import Path

from stream.pipeline import compiled_core, stale_compiled_modules

REPO = Path(__file__).resolve().parents[1]


def test_the_installed_core_is_the_compiled_one_unless_pure_python_was_asked_for() -> None:
    assert compiled_core() is (os.environ.get("CONFLICT_ALERTS_PURE_PYTHON") != "1")


def test_every_module_setup_py_compiles_is_a_core_module_that_exists() -> None:
    listed = re.findall(r'"(stream/core/\w+\.py)"', (REPO / "setup.py").read_text("utf-8"))
    assert "stream/core/places.py" in listed
    assert listed == sorted(listed)
    for module in listed:
        assert (REPO / module).is_file(), module


def test_a_source_edited_after_its_build_is_named_stale(tmp_path: Path) -> None:
    for name in ("edited", "fresh", "lone"):
        (tmp_path / f"{name}.py").write_text("x = 1\n", "utf-8")
    for name in ("edited", "fresh", "orphan"):
        (tmp_path / f"{name}.cpython-311-x86_64-linux-gnu.so").write_bytes(b"")
    built = 1_000_000.0
    for path in tmp_path.glob("*.so"):
        os.utime(path, (built, built))
    os.utime(tmp_path / "edited.py", (built + 60, built + 60))
    os.utime(tmp_path / "fresh.py", (built + 1, built + 1))
    assert stale_compiled_modules(tmp_path) == ["edited.py"]
