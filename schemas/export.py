"""Write the JSON Schema files under schemas/json/ (run: python -m schemas.export)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import BaseModel

from schemas.alert import Alert
from schemas.article import Article
from schemas.event import Event

__all__ = ["SCHEMA_DIR", "render_schemas", "write_schemas"]

SCHEMA_DIR = Path(__file__).resolve().parent / "json"
_MODELS: dict[str, type[BaseModel]] = {"article": Article, "event": Event, "alert": Alert}


def render_schemas() -> dict[str, str]:
    """Each model's JSON Schema as stable, pretty-printed text, keyed by file name."""
    return {
        f"{name}.schema.json": json.dumps(model.model_json_schema(), indent=2, sort_keys=True)
        + "\n"
        for name, model in _MODELS.items()
    }


def write_schemas(directory: Path = SCHEMA_DIR) -> list[Path]:
    """Write every schema file into `directory`; return the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_schemas().items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_schemas():
        print(path, file=sys.stderr)
