"""Benchmark place extraction and resolution: startup, gazetteer memory, ms per 3 KB article.

Run: .venv/bin/python bench/bench_places.py [--articles FILE.jsonl] [--repeat N]
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import statistics
import sys
import time
from pathlib import Path

from schemas import EventType
from stream.core.analysis import Classification
from stream.pipeline import compiled_core

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "samples" / "alalam-2017-01-02-mosul-intisar.txt"

# Made-up articles in the style of wire reports, used when no --articles file is given.
_PARAGRAPHS = [
    "Iraqi forces recaptured the Intisar neighbourhood of eastern Mosul on Sunday, officers "
    "said, as hundreds of civilians fled towards Gogjali and the Khazir camp.",
    "A car bomb exploded near a market in Tikrit, Salahuddin province, killing four people "
    "and wounding eleven, a police source told reporters in Baghdad.",
    "Gunmen attacked a checkpoint in Hit district, Anbar province, late on Friday; two "
    "soldiers were killed before reinforcements arrived from Ramadi.",
    "Fighting continued around Kunduz as Taliban militants pushed towards the city from "
    "Chahar Dara district, the governor's spokesman said.",
    "In Nigeria, suspected Boko Haram insurgents raided a village near Maiduguri in Borno "
    "State, burning homes and abducting at least twelve women.",
    "Protesters gathered in Tahrir Square in Cairo and outside the parliament in Beirut, "
    "while in Sanaa Houthi officials warned of retaliation.",
    "The United Nations said aid convoys had reached Idlib and Aleppo in northern Syria "
    "after weeks of shelling along the Turkish border.",
    "Security forces in Mogadishu said al-Shabaab fighters had briefly seized Afgooye in "
    "Lower Shabelle before withdrawing overnight.",
]


def _articles(path: Path | None, size: int) -> list[str]:
    """3 KB articles: from a JSONL file's texts, else built from the made-up paragraphs."""
    if path is not None and path.suffix != ".jsonl":
        return [path.read_text(encoding="utf-8")[:size]]
    if path is not None:
        texts = []
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            texts.append(row.get("text") or f"{row.get('title', '')}\n\n{row.get('body', '')}")
        joined = "\n\n".join(texts)
        return [joined[i : i + size] for i in range(0, len(joined) - size, size)][:500]
    articles = []
    for shift in range(len(_PARAGRAPHS)):
        rotated = _PARAGRAPHS[shift:] + _PARAGRAPHS[:shift]
        text = ""
        while len(text) < size:
            text += "\n\n".join(rotated) + "\n\n"
        articles.append(text[:size])
    if SEED.exists():
        articles.append(SEED.read_text(encoding="utf-8")[:size])
    return articles


def main(argv: list[str] | None = None) -> int:
    """Print startup seconds, gazetteer RSS MB and median ms per 3 KB article."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--articles", type=Path, help="JSONL with text (or title/body) fields, or one raw document"
    )
    parser.add_argument("--repeat", type=int, default=20, help="passes over the articles")
    parser.add_argument("--size", type=int, default=3000, help="article size in characters")
    args = parser.parse_args(argv)

    gc.collect()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    cpu_start = time.process_time()
    from stream.core.places import load_place_finder

    finder = load_place_finder()
    startup = time.perf_counter() - start
    startup_cpu = time.process_time() - cpu_start
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    gc.freeze()  # as the worker does: full collections skip what was loaded at start-up

    articles = _articles(args.articles, args.size)
    empty = Classification(labels=[], primary=EventType.OTHER)
    for text in articles:
        finder.locate(text, empty)
    timings = []
    for _ in range(args.repeat):
        for text in articles:
            began = time.process_time()
            finder.locate(text, empty)
            timings.append((time.process_time() - began) * 1000)
    print(f"startup_s={startup:.2f} cpu_s={startup_cpu:.2f} (from the cache the first run builds)")
    print(f"compiled_core={compiled_core()}")
    print(f"gazetteer_rss_mb={rss_after - rss_before:.0f} (peak RSS growth while loading)")
    print(f"process_rss_mb={rss_after:.0f}")
    print(f"articles={len(articles)} size_chars={args.size} runs={len(timings)}")
    median = statistics.median(timings)
    print(f"median_ms={median:.3f} mean_ms={statistics.fmean(timings):.3f} (CPU time)")
    print(f"p90_ms={statistics.quantiles(timings, n=10)[-1]:.3f}")
    print(f"p95_ms={statistics.quantiles(timings, n=20)[-1]:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
