"""The exported JSON Schema files match the pydantic models."""

from schemas.export import SCHEMA_DIR, render_schemas


def test_schema_files_are_up_to_date() -> None:
    """Every committed schema file equals a fresh export (run `python -m schemas.export`)."""
    for name, text in render_schemas().items():
        assert (SCHEMA_DIR / name).read_text(encoding="utf-8") == text, f"{name} is stale"
