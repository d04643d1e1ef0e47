"""Campaigns the benchmarks open: seed-000, with as many results as asked."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_campaigns" / "seed-000.toml"


def campaign_with_results(folder: Path, results: int) -> Path:
    """seed-000 with ``results`` publications on Facebook written after it, as a save
    writes them (``folder/seed-000-N.toml``)."""
    rows = "".join(
        f'\n[[actuals]]\nchannel = "facebook"\npublication = "Post {i}"\n'
        f"date = 2026-10-{i % 28 + 1:02d}\nspend = 12.5\nimpressions = 1000\nclicks = 20\n"
        f"conversions = {i % 3}\nrevenue = 30.1\n"
        for i in range(results)
    )
    path = folder / f"seed-000-{results}.toml"
    path.write_text(SAMPLE.read_text(encoding="utf-8") + rows, encoding="utf-8")
    return path
