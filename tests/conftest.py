"""Shared fixtures: paths to the sample campaigns, a clean language environment."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

# No deadline: an example's time depends on the machine's load and on fsync, not on the
# law being checked (speed is measured by `make bench`, never by tests).
settings.register_profile("socialroi", deadline=None)
settings.load_profile("socialroi")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "src" / "socialroi_tui" / "samples"


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch, tmp_path_factory):
    """Tests depend neither on the developer's locale nor on their state and config folders."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "NO_COLOR"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))


@pytest.fixture
def sample_path():
    def path(name: str) -> Path:
        return SAMPLES / f"{name}.toml"

    return path
