"""The mypyc-compiled analysis core gives the same events as its own pure Python."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
INPUTS = (
    REPO / "tests" / "fixtures" / "threats.jsonl",
    REPO / "samples" / "demo-articles.jsonl",
)
# Analyses every JSON row of the files given, then 200 of the bench's 1-5 KB articles, and
# prints each event as JSON, at a fixed time.
ANALYZE = """
import json, sys
from datetime import UTC, datetime
from bench.corpus import generate_articles
from schemas import Article
from stream.core.intake import parse_article
from stream.pipeline import build_analyzer, compiled_core
analyzer, now = build_analyzer(), datetime(2026, 1, 1, tzinfo=UTC)
print(json.dumps({"compiled": compiled_core()}))
for path in sys.argv[1:]:
    for line in open(path, encoding="utf-8"):
        try:
            row = json.loads(line)
        except ValueError:
            continue  # the demo's deliberately broken message
        text = row.get("text") or "\\n\\n".join(filter(None, (row.get("title"), row.get("body"))))
        event = analyzer.analyze(Article(id=str(row["id"]), body=text), received_at=now, now=now)
        print(event.model_dump_json())
for message in generate_articles(200):
    event = analyzer.analyze(parse_article(message), received_at=now, now=now)
    print(event.model_dump_json())
"""


def _events(root: Path) -> list[str]:
    """The output lines of ANALYZE run with `root`'s packages first on the path."""
    result = subprocess.run(
        [sys.executable, "-c", ANALYZE, *map(str, INPUTS)],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return result.stdout.splitlines()


@pytest.mark.slow
def test_compiled_and_pure_python_cores_give_identical_events(tmp_path: Path) -> None:
    for package in ("stream", "schemas", "bench", "samples"):
        shutil.copytree(
            REPO / package,
            tmp_path / package,
            ignore=shutil.ignore_patterns("*.so", "__pycache__"),
        )
    pure, installed = _events(tmp_path), _events(REPO)
    assert pure[0] == '{"compiled": false}'
    assert len(pure) > 350
    assert installed[1:] == pure[1:]
