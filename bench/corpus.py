"""Benchmark input: realistic 1-5 KB articles generated from the project's own demo articles."""

from __future__ import annotations

import json
import random
from pathlib import Path

__all__ = ["generate_articles"]

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
_FILLER = (
    "Residents described hearing heavy gunfire through the night. ",
    "Local officials said the situation remained tense on Sunday morning. ",
    "Aid agencies appealed for safe access to the affected districts. ",
    "The government said it would send reinforcements to the area. ",
    "Witnesses said several buildings were damaged and roads were closed. ",
    "A spokesman declined to give further details, citing security concerns. ",
    "Schools and markets stayed shut as families sheltered at home. ",
    "Observers said the violence was the worst in the region for months. ",
)


def _seed_articles() -> list[dict[str, object]]:
    """The demo's JSON articles that parse (the malformed demo line is skipped)."""
    seeds = []
    for line in (SAMPLES / "demo-articles.jsonl").read_text(encoding="utf-8").splitlines():
        try:
            seeds.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return seeds


def generate_articles(count: int, seed: int = 7) -> list[bytes]:
    """`count` JSON articles of 1-5 KB, unique ids, varied bodies."""
    rng = random.Random(seed)
    seeds = _seed_articles()
    articles = []
    for index in range(count):
        base = seeds[index % len(seeds)]
        target = rng.randint(1000, 5000)
        body = str(base["body"])
        while len(body) < target:
            body += " " + "".join(rng.sample(_FILLER, 3))
        article = {
            **base,
            "id": f"bench-{seed}-{index:07d}",
            "body": body[:target],
            "url": f"https://example.org/bench/{seed}/{index}",
        }
        articles.append(json.dumps(article).encode())
    return articles
