"""The engine, model, catalog and store never import Textual."""

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "socialroi_tui"
CORE = ["text", "engine", "model", "catalog", "store"]
CORE_MODULES = [
    "cli",
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
    files = [f for layer in CORE for f in (PACKAGE / layer).rglob("*.py")]
    files += [PACKAGE / f"{name}.py" for name in CORE_MODULES]
    assert len(files) > 10
    for path in files:
        textual = {m for m in imported_modules(path) if m.split(".")[0] in ("textual", "rich")}
        assert not textual, f"{path.relative_to(PACKAGE)} imports {textual}"
        tui = {m for m in imported_modules(path) if m.startswith("socialroi_tui.tui")}
        if path.name != "cli.py":
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
