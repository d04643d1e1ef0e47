"""``python -m socialroi_tui.catalog``: write ``catalog.json`` from ``catalog.toml``."""

from pathlib import Path

from socialroi_tui.catalog import compiled_catalog

if __name__ == "__main__":
    target = Path(__file__).with_name("catalog.json")
    target.write_text(compiled_catalog(), encoding="utf-8")
    print(f"wrote {target}")
