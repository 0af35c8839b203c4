"""Files connector: JSON Lines files and folders of raw documents, each message sent once."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stream.core.intake import message_key
from stream.core.intake_files import read_articles_file
from stream.errors import ConfigError
from stream.ingest.rss import Sink
from stream.ingest.state import StateFile

__all__ = ["BATCH_SIZE", "FileIngestResult", "FileIngester", "expand_paths", "message_hash"]

BATCH_SIZE = 500


@dataclass
class FileIngestResult:
    """Counts of one run over the given paths."""

    files: int = 0
    unchanged_files: int = 0
    sent: int = 0
    already_sent: int = 0

    def summary(self) -> str:
        """One human-readable line."""
        return (
            f"{self.sent} message(s) sent, {self.already_sent} already sent; "
            f"{self.files} file(s) read, {self.unchanged_files} unchanged"
        )


def message_hash(message: bytes) -> str:
    """A message's identity for the state file: a SHA-256 prefix of its bytes."""
    return hashlib.sha256(message).hexdigest()[:32]


def expand_paths(paths: list[Path]) -> Iterator[Path]:
    """The files named, and every non-hidden file under the folders named, in sorted order."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if child.is_file() and not hidden:
                    yield child
        elif path.is_file():
            yield path
        else:
            raise ConfigError(f"{path}: no such file or folder")


def _read(path: Path, files: dict[str, Any]) -> tuple[str, list[int], list[bytes] | None]:
    """A file's state key, size/mtime fingerprint and messages (None when unchanged)."""
    name = str(path.resolve())
    try:
        stat = path.stat()
        fingerprint = [stat.st_size, stat.st_mtime_ns]
        if files.get(name) == fingerprint:
            return name, fingerprint, None
        return name, fingerprint, list(read_articles_file(path))
    except OSError as error:
        raise ConfigError(f"cannot read {path}: {error.strerror}") from error


class FileIngester:
    """Sends the messages of files, remembering (in a state file) the ones already sent."""

    def __init__(self, sink: Sink, state: StateFile) -> None:
        self._sink = sink
        self._state = state
        self._data = state.load()
        self._files: dict[str, Any] = self._data.setdefault("files", {})
        self._sent: list[str] = self._data.setdefault("sent", [])
        self._known = set(self._sent)

    async def ingest(self, paths: list[Path]) -> FileIngestResult:
        """Send every message not sent before; save progress after each acknowledged batch."""
        result = FileIngestResult()
        for path in expand_paths(paths):
            await self._ingest_file(path, result)
        return result

    async def _ingest_file(self, path: Path, result: FileIngestResult) -> None:
        """Send one file's new messages (skipped whole when size and mtime are unchanged)."""
        name, fingerprint, messages = _read(path, self._files)
        if messages is None:
            result.unchanged_files += 1
            return
        result.files += 1
        batch: list[tuple[str, bytes]] = []
        for message in messages:
            digest = message_hash(message)
            if digest in self._known:
                result.already_sent += 1
                continue
            self._known.add(digest)
            batch.append((digest, message))
            if len(batch) >= BATCH_SIZE:
                result.sent += await self._send(batch)
                batch = []
        result.sent += await self._send(batch)
        self._files[name] = fingerprint
        self._state.save(self._data)

    async def _send(self, batch: list[tuple[str, bytes]]) -> int:
        """Send a batch, then record its hashes in the state file."""
        if not batch:
            return 0
        sent = await self._sink.send_all([(message_key(message), message) for _, message in batch])
        self._sent.extend(digest for digest, _ in batch)
        self._state.save(self._data)
        return sent
