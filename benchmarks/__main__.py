"""Run every benchmark: ``python -m benchmarks`` (or ``make bench``)."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.campaigns import SAMPLE, campaign_with_results


def bench_evaluate(runs: int = 400) -> None:
    """What each keystroke costs the engine: an edit of the CTR, then every figure worked
    out again, on seed-000 and on seed-000 with 100 000 results."""
    from decimal import Decimal

    from socialroi_tui import editing
    from socialroi_tui.document import CampaignDocument

    with tempfile.TemporaryDirectory() as folder:
        for results in (0, 100_000):
            path = campaign_with_results(Path(folder), results) if results else SAMPLE
            document = CampaignDocument.open(path)
            document.work_out()  # the results are added up once, on opening
            timings = []
            for run in range(runs):
                ctr = Decimal("0.02") + Decimal(run % 7) / 1000
                start = time.perf_counter()
                document.apply(editing.set_budget(document.campaign, ctr=ctr), key="ctr")
                document.work_out()
                timings.append(time.perf_counter() - start)
            timings.sort()
            print(
                f"edit + every figure (seed-000, {results:,} results): median "
                f"{statistics.median(timings) * 1e6:.0f} µs, "
                f"p95 {timings[int(runs * 0.95)] * 1e6:.0f} µs over {runs} edits"
            )


def main() -> None:
    from benchmarks.attribution import bench_attribution
    from benchmarks.dashboard import bench_dashboard
    from benchmarks.keystrokes import bench_keystrokes
    from benchmarks.large import bench_import, bench_large_campaigns
    from benchmarks.startup import bench_startup
    from benchmarks.typing_seen import bench_typing

    bench_evaluate()
    bench_startup()
    bench_typing()
    bench_keystrokes()
    bench_large_campaigns()
    bench_dashboard()
    bench_import()
    bench_attribution()


if __name__ == "__main__":
    main()
