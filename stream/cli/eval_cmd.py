"""`eval`: score the analysis pipeline on labelled JSONL (labels, casualties, geography)."""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from schemas import Article, Event
from stream.core.evaluation import GoldRow, Scorer
from stream.errors import ConfigError
from stream.pipeline import build_analyzer

__all__ = ["article_from_row", "read_rows", "register"]


def read_rows(path: Path, limit: int | None, sample: int | None, seed: int) -> list[dict[str, Any]]:
    """Read labelled rows; keep a random sample and/or the first `limit` of them."""
    try:
        lines = path.read_text("utf-8").splitlines()
    except OSError as error:
        raise ConfigError(f"cannot read {path}: {error.strerror}") from error
    rows: list[dict[str, Any]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise ConfigError(f"{path}:{number}: invalid JSON: {error.msg}") from error
        if not isinstance(row, dict) or "label" not in row:
            raise ConfigError(f"{path}:{number}: a row needs a gold 'label'")
        rows.append(row)
    if sample is not None and sample < len(rows):
        rows = random.Random(seed).sample(rows, sample)  # noqa: S311 - sampling, not secrets
    return rows[:limit] if limit is not None else rows


def article_from_row(row: dict[str, Any], number: int) -> Article:
    """An Article from a row's `title` and `body`, or from its `text`."""
    article_id = str(row.get("id") or f"row-{number}")
    title, body = row.get("title"), row.get("body")
    if title or body:
        return Article(id=article_id, title=str(title or ""), body=str(body or ""))
    return Article(id=article_id, body=str(row.get("text") or ""))


def _run(args: argparse.Namespace) -> int:
    """Analyse every row, score it and print the report."""
    rows = read_rows(args.data, args.limit, args.sample, args.seed)
    analyzer = build_analyzer(places_files=args.places, actors_files=args.actors)
    scorer = Scorer()
    errors: list[tuple[float, dict[str, Any], Event]] = []
    now = datetime.now(UTC)
    started = time.perf_counter()
    for number, row in enumerate(rows, start=1):
        event = analyzer.analyze(article_from_row(row, number), received_at=now, now=now)
        gold = GoldRow.from_json(row)
        scorer.add(gold, event)
        if event.type.value != gold.label:
            confidence = max((label.score for label in event.labels), default=0.0)
            errors.append((confidence, row, event))
    report = scorer.report(time.perf_counter() - started)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        _print_report(report)
    if args.errors:
        _print_errors(
            sorted(errors, key=lambda item: -item[0])[: args.errors],
            sys.stderr if args.json else sys.stdout,
        )
    return 0


def _print_report(report: dict[str, Any]) -> None:
    """Human-readable tables of the report."""
    print(f"rows: {report['n']}   articles/s: {report['articles_per_s']}")
    print(f"{'label':<9}{'precision':>10}{'recall':>8}{'f1':>8}{'support':>9}")
    for label, metrics in report["per_label"].items():
        print(
            f"{label:<9}{metrics['precision']:>10.3f}{metrics['recall']:>8.3f}"
            f"{metrics['f1']:>8.3f}{metrics['support']:>9}"
        )
    print(f"macro F1: {report['macro_f1']:.3f}")
    labels = list(report["confusion"])
    print("confusion (rows gold, columns predicted):")
    print(" " * 9 + "".join(f"{label:>9}" for label in labels))
    for gold in labels:
        counts = report["confusion"][gold]
        print(f"{gold:<9}" + "".join(f"{counts[pred]:>9}" for pred in labels))
    if "per_label_multi" in report:
        multi = ", ".join(f"{k} {v['f1']:.3f}" for k, v in report["per_label_multi"].items())
        print(f"multi-label F1: {multi}")
    deaths, geo = report["deaths"], report["geo"]
    print(f"deaths exact: {deaths['exact']} (n={deaths['n']})")
    print(
        f"geo (n={geo['n']}): within 25 km {geo['within_25km']}, within 161 km "
        f"{geo['within_161km']}, median {geo['median_km']} km, wrong country "
        f"{geo['wrong_country']}"
    )


def _print_errors(errors: list[tuple[float, dict[str, Any], Event]], out: TextIO) -> None:
    """The most confident misclassifications with their evidence."""
    print(f"\nworst {len(errors)} misclassification(s):", file=out)
    for confidence, row, event in errors:
        text = " ".join(str(row.get("text") or row.get("title") or "").split())
        triggers = "; ".join(
            f"{label.label.value}: " + ", ".join(t.text for e in label.evidence for t in e.triggers)
            for label in event.labels
            if label.evidence
        )
        print(
            f"- {row.get('id', '?')} gold={row['label']} predicted={event.type.value} "
            f"score={confidence:.2f}",
            file=out,
        )
        print(f"  {text[:200]}", file=out)
        if triggers:
            print(f"  triggers: {triggers}", file=out)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `eval` command."""
    parser = commands.add_parser(
        "eval",
        help="score the pipeline on labelled JSONL",
        description="Analyse each labelled row (text, or title and body) and report per-label "
        "precision/recall/F1, macro F1, the confusion matrix, casualty exact match, focus "
        "place distances and articles per second.",
    )
    parser.add_argument("data", type=Path, metavar="DATA.jsonl")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--limit", type=int, help="score only the first N rows (after sampling)")
    parser.add_argument("--sample", type=int, help="score a random sample of N rows")
    parser.add_argument("--seed", type=int, default=0, help="random seed for --sample")
    parser.add_argument(
        "--errors", type=int, default=0, metavar="N", help="print the N worst misclassifications"
    )
    parser.add_argument(
        "--places", type=Path, action="append", default=[], help="extra gazetteer file"
    )
    parser.add_argument(
        "--actors", type=Path, action="append", default=[], help="extra actor lexicon YAML"
    )
    parser.set_defaults(handler=_run)
