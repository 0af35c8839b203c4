"""Benchmark: median milliseconds for the full pure analysis of a 3 KB article (no Kafka)."""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from schemas import Article
from stream.core.analysis import Analyzer
from stream.pipeline import build_analyzer, compiled_core

PARAGRAPHS = (
    "Government forces said on Sunday they had recaptured the district of Al Noor in the east of"
    " the city from Islamic State fighters after three days of heavy fighting, as hundreds of "
    "families fled toward camps on the southern outskirts.",
    "A military spokesman told reporters that troops backed by air strikes pushed into the "
    "neighbourhood before dawn and cleared it street by street. At least 12 militants were "
    "killed and four soldiers were wounded, he said.",
    "Residents reached by telephone described mortar rounds landing near the market and a car "
    "bomb that exploded at a checkpoint on the main road, killing two policemen.",
    "The offensive, launched in October with the support of a US-led coalition, has pushed the "
    "militants out of most of the eastern bank of the river. Commanders say they expect to reach"
    " the old city within weeks, although progress has been slowed by snipers and booby traps.",
    "Aid agencies warned that food and water were running short in areas still held by the "
    "group, and that thousands more people could be displaced as the fighting moves west.",
    "The prime minister said in a televised address that the country would be free of the "
    "militants by the spring and thanked the federal police and the army for their sacrifices.",
    "In a separate incident, gunmen opened fire on a minibus north of the capital on Saturday, "
    "wounding five passengers, police said. No group has claimed responsibility.",
    "Officials said talks with tribal leaders on the return of displaced families would resume"
    " next week, once engineers have removed explosives left behind in homes and schools.",
)
STEPS = ("classify", "places", "actors", "casualties")


def sample_article(target_bytes: int = 3000) -> Article:
    """A made-up news article of about `target_bytes` bytes."""
    body: list[str] = []
    while len("\n\n".join(body).encode()) < target_bytes:
        body.append(PARAGRAPHS[len(body) % len(PARAGRAPHS)])
    return Article(id="bench", title="Iraqi forces retake eastern district", body="\n\n".join(body))


def chunk_articles(path: Path, target_bytes: int) -> Iterator[Article]:
    """Articles of at least `target_bytes` bytes, each joining consecutive JSONL rows' texts."""
    texts: list[str] = []
    size = 0
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        text = row.get("text") or "\n\n".join(filter(None, (row.get("title"), row.get("body"))))
        texts.append(str(text))
        size += len(texts[-1].encode()) + 2
        if size >= target_bytes:
            yield Article(id=f"chunk-{path.stem}", body="\n\n".join(texts))
            texts, size = [], 0


def step_calls(analyzer: Analyzer, article: Article) -> dict[str, Callable[[], object]]:
    """Each analysis step of one article as a call, the classification computed once."""
    text = article.text
    labels = analyzer.classifier.classify(text)
    return {
        "classify": lambda: analyzer.classifier.classify(text),
        "places": lambda: analyzer.places.locate(text, labels),
        "actors": lambda: analyzer.actors.find(text, labels),
        "casualties": lambda: analyzer.casualties.extract(text, labels),
    }


def time_ms(call: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and CPU milliseconds of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    call()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def print_median(wall: list[float], cpu: list[float]) -> None:
    """Print the median and 90th percentile wall-clock time and the median CPU time."""
    print(
        f"median: {statistics.median(wall):.3f} ms  "
        f"p90: {statistics.quantiles(wall, n=10)[-1]:.3f} ms  "
        f"cpu median: {statistics.median(cpu):.3f} ms"
    )


def bench_sample(analyzer: Analyzer, runs: int, size: int) -> None:
    """Time the made-up article `runs` times: the full analysis, then each step alone."""
    article = sample_article(size)
    now = datetime.now(UTC)
    analyzer.analyze(article, received_at=now, now=now)
    call = partial(analyzer.analyze, article, received_at=now, now=now)
    timings = [time_ms(call) for _ in range(runs)]
    print(f"article: {len(article.text.encode())} bytes, {runs} runs")
    print_median([wall for wall, _ in timings], [cpu for _, cpu in timings])
    for name, step in step_calls(analyzer, article).items():
        begin = time.perf_counter()
        for _ in range(runs):
            step()
        print(f"  {name}: {(time.perf_counter() - begin) * 1000 / runs:.3f} ms")


def bench_articles(analyzer: Analyzer, path: Path, size: int, passes: int) -> None:
    """Time every chunked article `passes` times: median of the full analysis and each step."""
    articles = list(chunk_articles(path, size))
    now = datetime.now(UTC)
    for article in articles[:20]:
        analyzer.analyze(article, received_at=now, now=now)
    full: list[float] = []
    cpu: list[float] = []
    steps: dict[str, list[float]] = {name: [] for name in STEPS}
    for _ in range(passes):
        for article in articles:
            wall, used = time_ms(partial(analyzer.analyze, article, received_at=now, now=now))
            full.append(wall)
            cpu.append(used)
            for name, step in step_calls(analyzer, article).items():
                steps[name].append(time_ms(step)[0])
    mean_bytes = statistics.mean(len(article.text.encode()) for article in articles)
    print(f"articles: {len(articles)} from {path.name}, {mean_bytes:.0f} bytes on average")
    print_median(full, cpu)
    for name, values in steps.items():
        print(f"  {name}: {statistics.median(values):.3f} ms")


def main() -> None:
    """Time start-up, then the made-up article or chunks of a JSONL file's texts."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=500, help="timed analyses (default 500)")
    parser.add_argument("--bytes", type=int, default=3000, help="article size (default 3000)")
    parser.add_argument(
        "--articles",
        type=Path,
        help="JSONL rows (text, or title and body) joined into articles of --bytes instead",
    )
    parser.add_argument(
        "--passes", type=int, default=3, help="timed passes over --articles (default 3)"
    )
    args = parser.parse_args()
    started = time.perf_counter()
    analyzer = build_analyzer()
    print(f"start-up: {time.perf_counter() - started:.2f} s (compiled core: {compiled_core()})")
    gc.freeze()  # as the worker does: full collections skip what was loaded at start-up
    if args.articles is None:
        bench_sample(analyzer, args.runs, args.bytes)
    else:
        bench_articles(analyzer, args.articles, args.bytes, args.passes)


if __name__ == "__main__":
    main()
