"""Benchmark: median milliseconds for the full pure analysis of a 3 KB article (no Kafka)."""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import UTC, datetime

from schemas import Article
from stream.pipeline import build_analyzer

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


def sample_article(target_bytes: int = 3000) -> Article:
    """A made-up news article of about `target_bytes` bytes."""
    body: list[str] = []
    while len("\n\n".join(body).encode()) < target_bytes:
        body.append(PARAGRAPHS[len(body) % len(PARAGRAPHS)])
    return Article(id="bench", title="Iraqi forces retake eastern district", body="\n\n".join(body))


def main() -> None:
    """Time start-up and the median analysis time over N runs."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=500, help="timed analyses (default 500)")
    parser.add_argument("--bytes", type=int, default=3000, help="article size (default 3000)")
    args = parser.parse_args()
    started = time.perf_counter()
    analyzer = build_analyzer()
    load_s = time.perf_counter() - started
    article = sample_article(args.bytes)
    now = datetime.now(UTC)
    analyzer.analyze(article, received_at=now, now=now)
    timings = []
    for _ in range(args.runs):
        begin = time.perf_counter()
        analyzer.analyze(article, received_at=now, now=now)
        timings.append((time.perf_counter() - begin) * 1000)
    text = article.text
    labels = analyzer.classifier.classify(text)
    steps = {
        "classify": lambda: analyzer.classifier.classify(text),
        "places": lambda: analyzer.places.locate(text, labels),
        "actors": lambda: analyzer.actors.find(text, labels),
        "casualties": lambda: analyzer.casualties.extract(text, labels),
    }
    print(f"start-up: {load_s:.2f} s")
    print(f"article: {len(article.text.encode())} bytes, {args.runs} runs")
    print(
        f"median: {statistics.median(timings):.3f} ms  p90: "
        f"{statistics.quantiles(timings, n=10)[-1]:.3f} ms"
    )
    for name, step in steps.items():
        begin = time.perf_counter()
        for _ in range(args.runs):
            step()
        print(f"  {name}: {(time.perf_counter() - begin) * 1000 / args.runs:.3f} ms")


if __name__ == "__main__":
    main()
