"""Large campaigns: 10 000 and 100 000 results opened to the dashboard, and an export of
100 000 rows imported, each next to its floor measured in the same run.

- Opening, in a pseudo-terminal of 80×24: the complete first screen (objectives, drawn
  from a quick read while the results load) against the bare Textual app's, as the
  start-up benchmark sees them (median of paired ratios), and, started on the dashboard,
  the dashboard with its figures (the whole file read and checked).
- Importing, in this process: reading the export and adding its rows to a campaign (what
  the app and ``socialroi import`` do), against a plain read of the same file: its rows
  by ``csv.DictReader``, their figures as ``Decimal`` (the floor the target is set on),
  and, for scale, ``csv.reader`` counting its rows.
"""

from __future__ import annotations

import csv
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from benchmarks.campaigns import campaign_with_results
from benchmarks.startup import BARE_SCREEN, OUR_SCREEN, time_to_screen
from benchmarks.terminal import time_to_marker

NUMERIC_COLUMNS = (
    "Amount spent (USD)",
    "Impressions",
    "Reach",
    "Link clicks",
    "Purchases",
    "Purchase conversion value",
)
DASHBOARD_MARKER = "▸ Facebook".encode()
FIRST_SCREEN_PAIRS = 9
"""Paired runs (ours, then the bare app) for the first screen's ratio."""


def write_export(path: Path, rows: int) -> Path:
    """A Meta Ads export of ``rows`` ads, numbers written the English way."""
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(
            [
                "Ad name",
                "Reporting starts",
                "Amount spent (USD)",
                "Impressions",
                "Reach",
                "Link clicks",
                "Purchases",
                "Purchase conversion value",
            ]
        )
        for i in range(rows):
            writer.writerow(
                [
                    f"Ad {i}, carousel",
                    f"2026-10-{i % 28 + 1:02d}",
                    f"{1000 + i % 500:,}.{i % 100:02d}",
                    f"{52000 + i:,}",
                    "40,100",
                    980,
                    61,
                    "3,050.00",
                ]
            )
    return path


def bench_large_campaigns(rounds: int = 3) -> None:
    with tempfile.TemporaryDirectory() as folder:
        print(
            f"large campaigns in an 80x24 pty: first screen, median of {FIRST_SCREEN_PAIRS}"
            f" paired runs; dashboard, median of {rounds}:"
        )
        for results, target in ((10_000, 1.0), (100_000, 3.0)):
            path = campaign_with_results(Path(folder), results)
            argv = [sys.executable, "-m", "socialroi_tui", str(path), "--lang", "en"]
            ratios, first, shown, memory = [], [], [], []
            for _ in range(FIRST_SCREEN_PAIRS):  # a fraction of a second each: noisy
                bare, _ = time_to_screen([sys.executable, "-m", "benchmarks.bare_app"], BARE_SCREEN)
                ours, _ = time_to_screen(argv, OUR_SCREEN)
                first.append(ours)
                ratios.append(ours / bare)
            for _ in range(rounds):
                dashboard = time_to_marker([*argv, "--screen", "dashboard"], DASHBOARD_MARKER, 60)
                shown.append(dashboard.seconds)
                memory.append(dashboard.peak_rss_mb)
            median = statistics.median
            print(
                f"  {results:>7,} results ({path.stat().st_size / 1e6:.0f} MB): complete first"
                f" screen {median(first):.2f} s ({median(ratios):.2f}x the bare app's, paired),"
                f" dashboard {median(shown):.2f} s (target <= {target:.0f} s),"
                f" peak {median(memory):.0f} MB"
            )


def plain_read(path: Path) -> int:
    """The export read as a short script would: rows as dicts, figures as Decimal."""
    with path.open(newline="", encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    for row in rows:
        for name in NUMERIC_COLUMNS:
            row[name] = Decimal(row[name].replace(",", ""))
    return len(rows)


def bench_import(rows: int = 100_000, rounds: int = 5) -> None:
    from socialroi_tui import collector
    from socialroi_tui.store.csv_import import import_into, read_export_file
    from socialroi_tui.templates import blank_campaign

    with tempfile.TemporaryDirectory() as folder:
        path = write_export(Path(folder) / "meta.csv", rows)
        counted, plain, held, ours = [], [], [], []
        for _ in range(rounds):
            start = time.perf_counter()
            with path.open(newline="", encoding="utf-8") as stream:
                sum(1 for _ in csv.reader(stream))
            counted.append(time.perf_counter() - start)
            start = time.perf_counter()
            read = plain_read(path)
            plain.append(time.perf_counter() - start)
            with collector.held():
                start = time.perf_counter()
                plain_read(path)
                held.append(time.perf_counter() - start)
            start = time.perf_counter()
            campaign = import_into(blank_campaign("en", "import"), read_export_file(path))
            ours.append(time.perf_counter() - start)
            assert len(campaign.actuals) == read
        ratios = [mine / floor for mine, floor in zip(ours, plain, strict=True)]
        strict = [mine / floor for mine, floor in zip(ours, held, strict=True)]
        print(
            f"import of {rows:,} rows ({path.stat().st_size / 1e6:.0f} MB), median of {rounds}:"
            f" {statistics.median(ours):.2f} s against {statistics.median(plain):.2f} s for a"
            f" plain read with exact figures ({statistics.median(ratios):.1f}x, target <= 3x;"
            f" csv.reader alone counts the rows in {statistics.median(counted):.2f} s)\n"
            f"  the plain read with the collector held, as the import holds it:"
            f" {statistics.median(held):.2f} s ({statistics.median(strict):.1f}x)"
        )
