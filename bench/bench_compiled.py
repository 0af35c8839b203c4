"""Benchmark: the mypyc-compiled analysis core against its own pure Python, in one run.

The pure copy is the checkout's `stream/` and `schemas/` without the compiled `.so` files, in
a temporary folder; both sides run `bench.bench_analysis` in turn, and each side's median of
medians is printed with the speed-up.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
_MEDIAN = re.compile(r"^median: ([0-9.]+) ms", re.MULTILINE)
_COMPILED = re.compile(r"compiled core: (True|False)")


def pure_copy(target: Path) -> Path:
    """Copy the packages the analysis needs, without compiled modules, into `target`."""
    skip = shutil.ignore_patterns("*.so", "__pycache__")
    for package in ("stream", "schemas", "bench"):
        shutil.copytree(REPO / package, target / package, ignore=skip)
    return target


def median_ms(root: Path, compiled: bool, bench_args: list[str]) -> float:
    """One `bench_analysis` run with `root` first on the path; its median milliseconds."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    output = subprocess.run(
        [sys.executable, "-m", "bench.bench_analysis", *bench_args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found, kind = _MEDIAN.search(output), _COMPILED.search(output)
    if found is None or kind is None:
        raise RuntimeError(f"unexpected bench_analysis output:\n{output}")
    if (kind.group(1) == "True") is not compiled:
        raise RuntimeError(f"expected compiled={compiled}, the run says {kind.group()}")
    return float(found.group(1))


def main() -> int:
    """Alternate pure and compiled runs; print each run, the medians and the speed-up."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3, help="runs of each side (default 3)")
    parser.add_argument(
        "bench_args",
        nargs="*",
        default=["--runs", "400"],
        help="arguments for bench.bench_analysis after '--' (default: --runs 400)",
    )
    args = parser.parse_args()
    # Both sides run in other folders: a file named relative to here is passed absolute.
    bench_args = [str(Path(a).resolve()) if Path(a).is_file() else a for a in args.bench_args]
    with tempfile.TemporaryDirectory(prefix="pure-core-") as folder:
        pure_root = pure_copy(Path(folder))
        timings: dict[str, list[float]] = {"pure": [], "compiled": []}
        for round_ in range(1, args.rounds + 1):
            for side, root in (("pure", pure_root), ("compiled", REPO)):
                timings[side].append(median_ms(root, side == "compiled", bench_args))
                print(f"round {round_}: {side} {timings[side][-1]:.3f} ms", flush=True)
    pure, compiled = (statistics.median(timings[side]) for side in ("pure", "compiled"))
    print(f"pure Python: {pure:.3f} ms, compiled: {compiled:.3f} ms")
    print(f"speed-up: {pure / compiled:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
