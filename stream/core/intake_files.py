"""Read input files for `publish` and `analyze`: JSON Lines, or one raw document per file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

__all__ = ["JSONL_SUFFIXES", "read_articles_file", "split_messages"]

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})


def read_articles_file(path: Path | str) -> Iterator[bytes]:
    """Yield the raw messages in a file: one per non-empty line for .jsonl, else the file."""
    file = Path(path)
    yield from split_messages(file.read_bytes(), jsonl=file.suffix.lower() in JSONL_SUFFIXES)


def split_messages(data: bytes, *, jsonl: bool) -> Iterator[bytes]:
    """Yield JSON Lines (stripped, non-empty, BOM dropped) or the whole data as one message."""
    if not jsonl:
        yield data
        return
    for line in data.removeprefix(b"\xef\xbb\xbf").splitlines():
        stripped = line.strip()
        if stripped:
            yield stripped
