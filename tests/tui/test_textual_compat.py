"""Textual's private parts stay in one module, and the app works without them."""

from __future__ import annotations

import re
from pathlib import Path

from tests.french import fr
from textual import events

from socialroi_tui.tui import textual_compat

from .helpers import copy_sample, loaded, make_app, text_of, wait_for

SOURCES = Path(__file__).resolve().parents[2] / "src" / "socialroi_tui"
PRIVATE = re.compile(
    r"textual\._|\._compositor\b|_set_dirty|_dirty_widgets|_check_bindings|_layout_cache"
    r"|_rich_style_cache|\._bindings\b|_get_renders|def _on_key\b|_forward_event"
)


def test_no_module_but_the_compatibility_one_names_a_private_textual_part():
    found = [
        f"{path.relative_to(SOURCES)}:{number}: {line.strip()}"
        for path in SOURCES.rglob("*.py")
        if path.name != "textual_compat.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if PRIVATE.search(line)
    ]
    assert found == []


def test_this_textual_offers_every_shortcut():
    """Checked at import: with the Textual these tests run on, nothing falls back."""
    assert textual_compat.RegionCompositor is not None


async def test_without_the_shortcuts_the_app_does_what_textual_does(tmp_path, monkeypatch):
    """As if a Textual release had changed every private part: slower, never wrong."""
    monkeypatch.setattr(textual_compat, "RegionCompositor", None)
    app = make_app(copy_sample("seed-000", tmp_path), lang="fr", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        conversion = app.screen.query_one("#field-conversion_rate")
        app.screen.set_focus(conversion)
        for key, character in [("end", None), ("ctrl+u", None), ("4", "4"), ("%", "%")]:
            app.post_message(events.Key(key, character))
        app.post_message(events.Key("tab", None))
        await wait_for(pilot, lambda: fr("2 500,00 €") in text_of(app, "#budget-figures"))
        assert app.screen.query_one("#field-ctr").value == fr("2 %")
        await pilot.press("ctrl+z")
        await wait_for(pilot, lambda: fr("5 000,00 €") in text_of(app, "#budget-figures"))
        assert conversion.value == fr("2 %")


def test_the_merged_bindings_without_textuals_own_merge_are_the_same():
    from textual.containers import ScrollableContainer
    from textual.widgets import DataTable, DirectoryTree, OptionList

    for widget in (DataTable, OptionList, DirectoryTree, ScrollableContainer):
        merged = {(b.key, b.action) for b in textual_compat.merged_bindings(widget)}
        textual_compat._TURNED_OFF.add("bindings")
        try:
            declared = {(b.key, b.action) for b in textual_compat.merged_bindings(widget)}
        finally:
            textual_compat._TURNED_OFF.discard("bindings")
        assert merged == declared and merged, widget
