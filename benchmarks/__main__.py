"""Run every benchmark: ``python -m benchmarks`` (or ``make bench``)."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from socialroi_tui.engine.evaluate import evaluate
from socialroi_tui.store import load_campaign

SAMPLE = Path(__file__).resolve().parent.parent / "sample_campaigns" / "seed-000.toml"


def bench_evaluate(runs: int = 2000) -> None:
    """How long the engine takes to evaluate a campaign (what each keystroke costs)."""
    campaign = load_campaign(SAMPLE).campaign
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        evaluate(campaign)
        timings.append(time.perf_counter() - start)
    timings.sort()
    print(
        f"evaluate(seed-000): median {statistics.median(timings) * 1e6:.0f} µs, "
        f"p95 {timings[int(runs * 0.95)] * 1e6:.0f} µs over {runs} runs"
    )


def main() -> None:
    from benchmarks.keystrokes import bench_keystrokes
    from benchmarks.large import bench_import, bench_large_campaigns
    from benchmarks.startup import bench_startup

    bench_evaluate()
    bench_startup()
    bench_keystrokes()
    bench_large_campaigns()
    bench_import()


if __name__ == "__main__":
    main()
