"""The key tables of the F1 help and of the README, built from the bindings themselves.

Every binding names, in its ``tooltip``, the i18n key (the word catalogs) of what it does;
a binding without one is described by its ``description`` (the key bar's short label)
when that is an i18n key. A table lists the bindings its classes declare (``owners``),
then the keys that Textual's own widgets handle for a screen of ours (``TEXTUAL_KEYS``):
those keys are read from the widgets' bindings too, so no key is written by hand.

The help files hold a line ``{keys:NAME}`` where a table goes (see ``fill``); the README's
tables are rewritten with ``python -m socialroi_tui.tui.keyhelp --readme README.md``.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer
from textual.keys import format_key
from textual.widgets import DataTable, OptionList

from socialroi_tui.text.words import Language, has_words, t
from socialroi_tui.tui.textual_compat import merged_bindings

SECTION_TABLES = (
    "objectives",
    "kpis",
    "funnel",
    "budget",
    "dashboard",
    "scenarios",
    "attribution",
)
TABLES = ("app", *SECTION_TABLES, "help")
"""``app``: the keys of every section screen; ``help``: the keys of the help itself."""

TEXTUAL_KEYS: dict[str, tuple[tuple[type, str, str], ...]] = {
    # Enter on the list selects the option: the screen toggles the objective.
    "objectives": ((OptionList, "select", "keyhelp_toggle_objective"),),
    # Enter on a row selects it: the screen opens the KPI's editor.
    "kpis": ((DataTable, "select_cursor", "keyhelp_edit_kpi"),),
    # Enter on a network's row selects it: the screen folds its publications.
    "dashboard": ((DataTable, "select_cursor", "keyhelp_fold"),),
    # The help's text scrolls in a VerticalScroll.
    "help": (
        (ScrollableContainer, "scroll_up", "keyhelp_scroll_line"),
        (ScrollableContainer, "scroll_down", "keyhelp_scroll_line"),
        (ScrollableContainer, "page_up", "keyhelp_scroll_page"),
        (ScrollableContainer, "page_down", "keyhelp_scroll_page"),
        (ScrollableContainer, "scroll_home", "keyhelp_scroll_ends"),
        (ScrollableContainer, "scroll_end", "keyhelp_scroll_ends"),
    ),
}
"""Keys that a Textual widget handles rather than a binding of ours, with what they do on
that screen: (the widget's class, the action of its binding, an i18n key). Declared as
bindings of the screen, these would also act while another widget has the focus (and the
dashboard has no action to bind Enter to)."""

ARROWS = {"up": "↑", "down": "↓", "left": "←", "right": "→"}


def owners(table: str) -> tuple[type, ...]:
    """The classes whose own bindings make ``table``: the app's keys with those every
    section screen shares, each section screen with the widgets of ours it holds."""
    from socialroi_tui.tui.app import SocialRoiApp
    from socialroi_tui.tui.dialogs.help import HelpScreen
    from socialroi_tui.tui.screens.attribution import AttributionScreen
    from socialroi_tui.tui.screens.budget import BudgetScreen
    from socialroi_tui.tui.screens.dashboard import DashboardScreen
    from socialroi_tui.tui.screens.funnel import FunnelScreen
    from socialroi_tui.tui.screens.kpis import KpisScreen
    from socialroi_tui.tui.screens.objectives import ObjectivesScreen
    from socialroi_tui.tui.screens.scenarios import ScenariosScreen, ScenarioTable
    from socialroi_tui.tui.screens.section import SectionScreen
    from socialroi_tui.tui.widgets.choice import Choice

    return {
        "app": (SocialRoiApp, SectionScreen),
        "objectives": (ObjectivesScreen,),
        "kpis": (KpisScreen,),
        "funnel": (FunnelScreen,),
        "budget": (BudgetScreen, Choice),  # the mode and media buying are Choices
        "dashboard": (DashboardScreen,),
        "scenarios": (ScenariosScreen, ScenarioTable),
        "attribution": (AttributionScreen,),
        "help": (HelpScreen,),
    }[table]


def own_bindings(owner: type) -> list[Binding]:
    """The bindings ``owner`` declares itself (not those it inherits), one per key."""
    declared: list[BindingType] = owner.__dict__.get("BINDINGS", [])
    return list(Binding.make_bindings(declared))


def help_key(binding: Binding) -> str | None:
    """The i18n key of what ``binding`` does: its tooltip, else its description."""
    for text in (binding.tooltip, binding.description):
        if has_words(text):
            return text
    return None


def textual_bindings(widget: type, action: str) -> list[Binding]:
    """The bindings of one of Textual's widgets (or of its bases) that run ``action``."""
    return [binding for binding in merged_bindings(widget) if binding.action == action]


def entries(table: str) -> list[tuple[Binding, str | None]]:
    """Each key of ``table`` with the i18n key of what it does (None: it has none)."""
    found = [(b, help_key(b)) for owner in owners(table) for b in own_bindings(owner)]
    for widget, action, key in TEXTUAL_KEYS.get(table, ()):
        found += [(binding, key) for binding in textual_bindings(widget, action)]
    return found


@dataclass
class KeyRow:
    """A line of a key table: keys that do the same thing."""

    help: str
    """An i18n key, or (for a binding that has none) its description or action."""
    keys: list[str] = field(default_factory=list)


def key_rows(table: str) -> list[KeyRow]:
    """The lines of ``table``, in the order of the bindings; keys described by the same
    i18n key share a line (``Shift+↑`` / ``Shift+↓``)."""
    rows: dict[str, KeyRow] = {}
    for binding, key in entries(table):
        text = key or binding.description or binding.action
        row = rows.setdefault(text, KeyRow(text))
        if binding.key not in row.keys:
            row.keys.append(binding.key)
    return list(rows.values())


def key_name(key: str, lang: Language) -> str:
    """``ctrl+s`` → ``Ctrl+S``, ``shift+up`` → ``Shift+↑`` (``Maj+↑``), ``f1`` → ``F1``,
    ``space`` → ``Space`` (``Espace``), ``a`` → ``a``: as people write keys."""
    *modifiers, base = key.split("+")
    names = [t("keyname_shift", lang) if m == "shift" else m.capitalize() for m in modifiers]
    if base in ARROWS:
        name = ARROWS[base]
    elif has_words(f"keyname_{base}"):
        name = t(f"keyname_{base}", lang)
    elif re.fullmatch(r"f\d{1,2}", base):
        name = base.upper()
    elif len(base) == 1:
        name = base.upper() if modifiers else base
    else:
        name = format_key(base)  # question_mark → ?
    return "+".join([*names, name])


def keys_text(keys: list[str], lang: Language, space: str = " ") -> str:
    """The keys of a line, as Markdown: `` `1` … `5` `` for a run of digits. ``space``
    goes around the ``/`` between keys (none keeps them on one line)."""
    digits = [int(key) for key in keys if len(key) == 1 and key.isdigit()]
    if (
        len(keys) >= 3
        and len(digits) == len(keys)
        and digits == list(range(digits[0], digits[-1] + 1))
    ):
        return f"`{keys[0]}`{space}…{space}`{keys[-1]}`"
    return f"{space}/{space}".join(f"`{key_name(key, lang)}`" for key in keys)


def key_table(table: str, lang: Language, space: str = " ") -> str:
    """The Markdown table of ``table``'s keys in ``lang`` (``space``: see ``keys_text``)."""
    lines = [f"| {t('keyhelp_key', lang)} | {t('keyhelp_does', lang)} |", "|---|---|"]
    for row in key_rows(table):
        does = t(row.help, lang) if has_words(row.help) else row.help
        does = does.replace("|", "\\|")
        lines.append(f"| {keys_text(row.keys, lang, space)} | {does} |")
    return "\n".join(lines)


PLACEHOLDER = re.compile(r"^\{keys:(\w+)\}$", re.MULTILINE)
"""Where a key table goes in a help file: a line ``{keys:funnel}``."""


def fill(text: str, lang: Language) -> str:
    """``text`` with each ``{keys:NAME}`` line replaced by that key table, whose keys
    are not split over lines (``Shift+↑ / Shift+↓`` stays whole in a narrow column)."""

    def table(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in TABLES:
            raise KeyError(f"no key table named {name!r}: {', '.join(TABLES)}")
        return key_table(name, lang, space="")

    return PLACEHOLDER.sub(table, text)


def headings(text: str) -> dict[str, str]:
    """Table name → the title of the ``##`` section of ``text`` that holds its table."""
    found: dict[str, str] = {}
    heading = ""
    for line in text.splitlines():
        if line.startswith("## "):
            heading = line[3:].strip()
        elif match := PLACEHOLDER.fullmatch(line.strip()):
            found.setdefault(match.group(1), heading)
    return found


def help_hint(lang: Language) -> str:
    """One line for the help's border: its scrolling keys, then those that close it."""
    scroll, close = [], []
    for row in key_rows("help"):
        names = [key_name(key, lang) for key in row.keys]
        (close if row.help == "keyhelp_close_help" else scroll).extend(names)
    return (
        f"{' '.join(scroll)} {t('keyhelp_scroll_short', lang)} · "
        f"{' '.join(close)} {t('keyhelp_close_short', lang)}"
    )


README_START = (
    "<!-- Key tables generated from the bindings: do not edit them here; after changing a key,"
    " run `python -m socialroi_tui.tui.keyhelp --readme README.md`. -->"
)
README_END = "<!-- End of the generated key tables. -->"
README_BLOCK = re.compile(re.escape(README_START) + r".*?" + re.escape(README_END), re.DOTALL)


def readme_tables() -> str:
    """The README's key tables (in English), between their two markers."""
    parts = [README_START]
    for table in ("app", *SECTION_TABLES):
        title = t("keyhelp_everywhere" if table == "app" else f"section_{table}", "en")
        parts += ["", f"#### {title}", "", key_table(table, "en")]
    parts += ["", README_END]
    return "\n".join(parts)


def readme_block(readme: str) -> str | None:
    """The key tables a README holds now, markers included (None: it has no markers)."""
    match = README_BLOCK.search(readme)
    return match.group(0) if match else None


def update_readme(readme: str) -> str:
    """``readme`` with its key tables generated again."""
    if readme_block(readme) is None:
        raise ValueError("the README has no generated key tables (their markers are missing)")
    return README_BLOCK.sub(lambda _match: readme_tables(), readme, count=1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m socialroi_tui.tui.keyhelp",
        description="Print the README's key tables, generated from the bindings.",
    )
    parser.add_argument(
        "--readme",
        nargs="?",
        const="",
        metavar="FILE",
        required=True,
        help="print the tables, or rewrite them in FILE (between their markers)",
    )
    args = parser.parse_args(argv)
    if not args.readme:
        print(readme_tables())
        return 0
    path = Path(args.readme)
    try:
        text = path.read_text("utf-8")
        updated = update_readme(text)
    except (OSError, ValueError) as error:
        print(f"{path}: {error}", file=sys.stderr)
        return 1
    if updated != text:
        path.write_text(updated, "utf-8")
        print(f"{path}: key tables generated again")
    else:
        print(f"{path}: key tables already up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
