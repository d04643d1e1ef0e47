"""Shared fixtures: paths to the sample campaigns, a clean language environment."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "src" / "socialroi_tui" / "samples"


@pytest.fixture(autouse=True)
def _english_locale(monkeypatch):
    """Tests do not depend on the developer's locale."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def sample_path():
    def path(name: str) -> Path:
        return SAMPLES / f"{name}.toml"

    return path
