"""Read input files for `publish` and `analyze`: JSON Lines, JSON arrays, or one document."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

__all__ = ["JSONL_SUFFIXES", "read_articles_file", "split_messages"]

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_UTF8_BOM = b"\xef\xbb\xbf"


def read_articles_file(path: Path | str) -> Iterator[bytes]:
    """Yield a file's raw messages: JSONL lines, JSON array items, else the whole file."""
    file = Path(path)
    suffix = file.suffix.lower()
    yield from split_messages(
        file.read_bytes(), jsonl=suffix in JSONL_SUFFIXES, json_array=suffix == ".json"
    )


def split_messages(data: bytes, *, jsonl: bool, json_array: bool = False) -> Iterator[bytes]:
    """Split data into messages: non-empty JSON Lines, the items of a JSON array, or all of it."""
    if jsonl:
        for line in data.removeprefix(_UTF8_BOM).splitlines():
            stripped = line.strip()
            if stripped:
                yield stripped
        return
    if json_array and data.removeprefix(_UTF8_BOM).lstrip().startswith(b"["):
        try:
            items = json.loads(data.removeprefix(_UTF8_BOM))
        except (ValueError, RecursionError):
            items = None
        if isinstance(items, list):
            for item in items:
                yield json.dumps(item, ensure_ascii=False).encode()
            return
    yield data
