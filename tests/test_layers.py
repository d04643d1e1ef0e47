"""The engine, model, catalog and store never import Textual."""

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "socialroi_tui"
CORE = ["text", "engine", "model", "catalog", "store"]
CORE_MODULES = [
    "presenter",
    "templates",
    "session",
    "document",
    "editing",
    "recovery",
    "recent",
    "quicklook",
    "collector",
]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_sources_do_not_import_textual():
    files = [f for layer in [*CORE, "cli"] for f in (PACKAGE / layer).rglob("*.py")]
    files += [PACKAGE / f"{name}.py" for name in CORE_MODULES]
    assert len(files) > 10
    for path in files:
        textual = {m for m in imported_modules(path) if m.split(".")[0] in ("textual", "rich")}
        assert not textual, f"{path.relative_to(PACKAGE)} imports {textual}"
        tui = {m for m in imported_modules(path) if m.startswith("socialroi_tui.tui")}
        if path.parent.name != "cli":  # the command line launches the app
            assert not tui, f"{path.relative_to(PACKAGE)} imports {tui}"


def test_core_runs_without_loading_textual():
    code = (
        "import sys\n"
        "from socialroi_tui import catalog, cli, engine, model, store, presenter\n"
        "from socialroi_tui.engine import evaluate\n"
        "catalog.load_catalog()\n"
        "cli.main(['plan', '--target-sales', '1', '--conversion-rate', '0.5',\n"
        "          '--ctr', '0.5', '--cpm', '1', '--json'])\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_pydantic_builds_the_model_without_looking_for_plugins():
    code = (
        "import sys\n"
        "from socialroi_tui.model import Campaign\n"
        "Campaign.model_validate({'meta': {'name': 'x'}})\n"
        "assert 'importlib.metadata' not in sys.modules, 'plugins were looked for'\n"
        "from pydantic.plugin._loader import PYDANTIC_ENTRY_POINT_GROUP, get_plugins\n"
        "assert PYDANTIC_ENTRY_POINT_GROUP == 'pydantic' and not list(get_plugins())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_a_campaign_opens_without_what_only_other_screens_need(tmp_path):
    """Start-up memory and time: the first screen and the full load of a plain campaign
    leave the dashboard's, the reports', attribution's and workshops' parts unloaded."""
    campaign = tmp_path / "seed-000.toml"
    shutil.copy(PACKAGE / "samples" / "seed-000.toml", campaign)
    code = (
        "import asyncio, sys\n"
        "from pathlib import Path\n"
        "from socialroi_tui.tui.app import SocialRoiApp\n"
        "async def main():\n"
        f"    app = SocialRoiApp(path=Path({str(campaign)!r}))\n"
        "    async with app.run_test() as pilot:\n"
        "        while app.opening or app.document is None:\n"
        "            await pilot.pause(0.05)\n"
        "        await pilot.pause()\n"
        "asyncio.run(main())\n"
        "heavy = ['polars', 'xlsxwriter', 'rich.markdown', 'importlib.metadata', 'argparse',\n"
        "         'socialroi_tui.cli.commands', 'socialroi_tui.engine.workshop', 'tomli_w']\n"
        "print([name for name in heavy if name in sys.modules])\n"
    )
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, env=env
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
