"""`make bench`: raw relay, Faust floor, the service, pure analysis, latency, memory — one run."""

from __future__ import annotations

import argparse
import gc
import json
import platform
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from bench.corpus import generate_articles
from bench.measure import Run, StalledError
from stream.broker import EmbeddedBroker
from stream.pipeline import compiled_core

RESULTS = Path(__file__).resolve().parent / "results"
# one and two workers read the same six-partition topics, so their rates compare
SCALING_PARTITIONS = 6


def _median(label: str, repeat: int, measure: Callable[[], float]) -> float:
    """Median of `repeat` measurements, printing each."""
    values = []
    for index in range(repeat):
        try:
            value = measure()
        except StalledError as error:
            print(f"  {label} run {index + 1}/{repeat}: STALLED ({error})", flush=True)
            continue
        values.append(value)
        print(f"  {label} run {index + 1}/{repeat}: {value:,.0f}/s", flush=True)
    return statistics.median(values) if values else float("nan")


def analysis_rate(messages: list[bytes], repeat: int) -> float:
    """Pure parse + analysis on one core, no Kafka: articles per second (median)."""
    from stream.core.intake import parse_article
    from stream.pipeline import build_analyzer

    analyzer = build_analyzer()
    now = datetime.now(UTC)

    def once() -> float:
        started = time.perf_counter()
        for message in messages:
            analyzer.analyze(parse_article(message), received_at=now, now=now)
        return len(messages) / (time.perf_counter() - started)

    # As the worker does: full collections skip what was loaded at start-up.
    gc.freeze()
    try:
        once()
        return _median("analysis", repeat, once)
    finally:
        gc.unfreeze()


def main() -> int:
    """Run every measurement and write bench/results/latest.json."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=20_000, help="articles per throughput run")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions (median reported)")
    parser.add_argument("--rates", default="100,200", help="paced latency rates, articles/s")
    parser.add_argument("--latency-seconds", type=float, default=30.0)
    parser.add_argument(
        "--rss-articles",
        type=int,
        default=100_000,
        help="articles processed before reading the worker's peak RSS",
    )
    parser.add_argument(
        "--quick", action="store_true", help="small sizes for a smoke run (numbers not comparable)"
    )
    args = parser.parse_args()
    if args.quick:
        args.articles, args.repeat, args.latency_seconds, args.rss_articles = 2000, 1, 5.0, 5000
    messages = generate_articles(args.articles)
    results: dict[str, object] = {
        "machine": {
            "cpus": len(__import__("os").sched_getaffinity(0)),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "compiled_core": compiled_core(),
        },
        "articles": args.articles,
        "repeat": args.repeat,
        "mean_article_bytes": round(sum(map(len, messages)) / len(messages)),
    }
    print(f"{len(messages):,} articles, mean {results['mean_article_bytes']} bytes", flush=True)
    results["analysis_per_s"] = analysis_rate(messages[:5000], args.repeat)
    with EmbeddedBroker() as broker:
        run = Run(broker.bootstrap)
        results["raw_relay_per_s"] = _median(
            "raw relay", args.repeat, lambda: run.raw_relay(messages)
        )
        results["faust_floor_per_s"] = _median(
            "faust floor", args.repeat, lambda: run.faust_floor(messages)
        )
        results["faust_floor_direct_per_s"] = _median(
            "faust floor, direct sends", args.repeat, lambda: run.faust_floor(messages, direct=True)
        )
        results["service_per_s"] = _median(
            "service", args.repeat, lambda: run.service(messages, partitions=SCALING_PARTITIONS)
        )
        results["service_through_alerts_per_s"] = _median(
            "service, through the alerts",
            args.repeat,
            lambda: run.service(messages, partitions=SCALING_PARTITIONS, through_alerts=True),
        )
        results["two_workers_per_s"] = _median(
            "two workers",
            args.repeat,
            lambda: run.service(messages, workers=2, partitions=SCALING_PARTITIONS),
        )
        results["latency_ms"] = {
            rate: run.latency(float(rate), args.latency_seconds) for rate in args.rates.split(",")
        }
        peak, rate = run.peak_rss_mb(generate_articles(args.rss_articles, seed=11))
        results["peak_rss_mb"] = round(peak, 1)
        results["rss_run_per_s"] = round(rate)
    service, raw, floor, two = (
        float(str(results[key]))
        for key in ("service_per_s", "raw_relay_per_s", "faust_floor_per_s", "two_workers_per_s")
    )
    results["service_vs_raw"] = round(service / raw, 3)
    results["service_vs_floor"] = round(service / floor, 3)
    results["service_vs_floor_direct"] = round(
        service / float(str(results["faust_floor_direct_per_s"])), 3
    )
    results["two_workers_scaling"] = round(two / service, 2)
    results["measured_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    _print_table(results)
    RESULTS.mkdir(exist_ok=True)
    name = "quick.json" if args.quick else "latest.json"
    (RESULTS / name).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS / name}")
    return 0


def _print_table(results: dict[str, object]) -> None:
    """Print the results as a table."""
    rows = [
        ("raw aiokafka relay", f"{results['raw_relay_per_s']:,.0f} records/s"),
        ("do-nothing Faust forwarder", f"{results['faust_floor_per_s']:,.0f} records/s"),
        (
            "  same, producer.send",
            f"{results['faust_floor_direct_per_s']:,.0f} records/s",
        ),
        ("service, 1 worker", f"{results['service_per_s']:,.0f} articles/s"),
        (
            "  to its last alert",
            f"{results['service_through_alerts_per_s']:,.0f} articles/s",
        ),
        ("service, 2 workers (6 partitions)", f"{results['two_workers_per_s']:,.0f} articles/s"),
        ("pure analysis, 1 core", f"{results['analysis_per_s']:,.0f} articles/s"),
        ("service / raw relay", f"{results['service_vs_raw']:.1%}"),
        ("service / Faust floor", f"{results['service_vs_floor']:.1%}"),
        ("service / floor with producer.send", f"{results['service_vs_floor_direct']:.1%}"),
        ("2 workers / 1 worker", f"{results['two_workers_scaling']:.2f}x"),
        ("worker peak RSS", f"{results['peak_rss_mb']} MB"),
    ]
    latency = results["latency_ms"]
    assert isinstance(latency, dict)
    for rate, figures in latency.items():
        rows.append(
            (
                f"latency at {rate}/s (p50/p95/p99)",
                f"{figures['p50']:.0f} / {figures['p95']:.0f} / {figures['p99']:.0f} ms",
            )
        )
    width = max(len(name) for name, _ in rows)
    print("\n" + "\n".join(f"{name:<{width}}  {value}" for name, value in rows))


if __name__ == "__main__":
    sys.exit(main())
