"""F1: the help scrolls, opens at the screen's section, and its key tables (and the
README's) are built from the bindings, so that they cannot drift from the keys."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual import events
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Markdown

from socialroi_tui.text.words import catalog, has_words, t
from socialroi_tui.tui import keyhelp
from socialroi_tui.tui.dialogs.help import HelpScreen, help_source, help_text

from .helpers import copy_sample, loaded, make_app

README = Path(__file__).resolve().parents[2] / "README.md"
LANGS = ["fr", "en"]
TEXTUAL_ONLY = {"ctrl+c", "super+c"}
"""Textual's own keys that the tables leave out: copy the selected text, and the hint
that Ctrl+C does not quit."""


async def until(pilot, condition, what: str) -> None:
    """Wait (frame by frame, never a fixed delay) until ``condition()`` holds."""
    for _ in range(300):
        if condition():
            return
        await pilot.pause()
    raise AssertionError(f"still waiting for {what}")


async def open_help(pilot) -> tuple[HelpScreen, VerticalScroll]:
    await loaded(pilot)
    await pilot.press("f1")
    app = pilot.app
    await until(
        pilot,
        lambda: isinstance(app.screen, HelpScreen) and app.screen.positioned,
        "the help to open",
    )
    return app.screen, app.screen.query_one("#help-scroll", VerticalScroll)


def heading(help_screen: HelpScreen, table: str) -> Widget:
    """The ``##`` heading of the section that holds ``table``'s keys."""
    title = keyhelp.headings(help_source(help_screen.lang))[table]
    contents = help_screen.query_one(Markdown).table_of_contents
    block_id = next(id_ for level, text, id_ in contents if level == 2 and text == title)
    return help_screen.query_one(f"#{block_id}")


def shows(scroll: VerticalScroll, widget: Widget) -> bool:
    """Whether the first line of ``widget`` is in the part of ``scroll`` on screen (from
    the layout and the scroll position, not from the last frame drawn)."""
    top, node = 0, widget
    while node is not scroll:
        top += node.virtual_region.y
        node = node.parent
    return scroll.scroll_y <= top < scroll.scroll_y + scroll.scrollable_content_region.height


# --- scrolling -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
async def test_the_help_scrolls_to_its_end_and_back(tmp_path, lang):
    app = make_app(copy_sample("seed-000", tmp_path), lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        help_screen, scroll = await open_help(pilot)
        assert scroll.has_focus
        assert scroll.max_scroll_y > 0  # more than one screenful at 80×24
        await pilot.press("end")
        await until(pilot, lambda: scroll.scroll_y == scroll.max_scroll_y, "the end")
        assert scroll.scroll_y > 0
        assert shows(scroll, heading(help_screen, "help"))  # the last section
        await pilot.press("home")
        await until(pilot, lambda: scroll.scroll_y == 0, "the top")
        await pilot.press("down")
        await until(pilot, lambda: scroll.scroll_y == 1, "a line down")
        await pilot.press("pagedown")
        await until(pilot, lambda: scroll.scroll_y > 1, "a page down")
        paged = scroll.scroll_y
        assert paged >= scroll.scrollable_content_region.height - 1
        await pilot.press("up")
        await until(pilot, lambda: scroll.scroll_y == paged - 1, "a line up")
        await pilot.press("pageup")
        await until(pilot, lambda: scroll.scroll_y == 0, "a page up")


@pytest.mark.parametrize("lang", LANGS)
async def test_the_funnel_keys_are_reachable_in_the_help(tmp_path, lang):
    app = make_app(copy_sample("seed-000", tmp_path), lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        help_screen, scroll = await open_help(pilot)
        funnel = heading(help_screen, "funnel")
        assert not shows(scroll, funnel)
        for _ in range(20):
            if shows(scroll, funnel):
                break
            await pilot.press("pagedown")
        assert shows(scroll, funnel) and scroll.scroll_y > 0
        assert "Ctrl+N" in help_text(lang) and "Ctrl+L" in help_text(lang)


@pytest.mark.parametrize("lang", LANGS)
async def test_the_mouse_wheel_scrolls_the_help(tmp_path, lang):
    app = make_app(copy_sample("seed-000", tmp_path), lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        _help_screen, scroll = await open_help(pilot)
        await pilot.press("home")
        await until(pilot, lambda: scroll.scroll_y == 0, "the top")
        await pilot._post_mouse_events([events.MouseScrollDown], scroll, offset=(10, 5))
        await until(pilot, lambda: scroll.scroll_y > 0, "the wheel to scroll")


@pytest.mark.parametrize(
    ("screen", "table"), [("funnel", "funnel"), ("dashboard", "dashboard"), ("budget", "budget")]
)
@pytest.mark.parametrize("lang", LANGS)
async def test_the_help_opens_at_the_screens_section(tmp_path, lang, screen, table):
    app = make_app(copy_sample("seed-000", tmp_path), lang=lang, screen=screen)
    async with app.run_test(size=(80, 24)) as pilot:
        help_screen, scroll = await open_help(pilot)
        assert scroll.scroll_y > 0
        section = heading(help_screen, table)
        await until(pilot, lambda: shows(scroll, section), "the section on screen")


async def test_from_the_start_screen_the_help_opens_at_its_top():
    app = make_app(lang="fr")
    async with app.run_test(size=(80, 24)) as pilot:
        help_screen, scroll = await open_help(pilot)
        assert app.current_mode == "start"
        assert scroll.scroll_y == 0 and shows(scroll, heading(help_screen, "app"))


@pytest.mark.parametrize("key", ["escape", "f1", "q"])
@pytest.mark.parametrize("lang", LANGS)
async def test_escape_f1_and_q_close_the_help(tmp_path, lang, key):
    app = make_app(copy_sample("seed-000", tmp_path), lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_help(pilot)
        await pilot.press(key)
        await until(pilot, lambda: not isinstance(app.screen, HelpScreen), "the help to close")
        assert app.current_mode == "objectives"


@pytest.mark.parametrize("lang", LANGS)
async def test_the_help_shows_its_keys_in_its_border(tmp_path, lang):
    app = make_app(copy_sample("seed-000", tmp_path), lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        _help_screen, scroll = await open_help(pilot)
        hint = str(scroll.border_subtitle)
        assert hint == keyhelp.help_hint(lang)
        assert hint.startswith("↑ ↓ ") and t("keyname_escape", lang) in hint
        assert len(hint) < 76  # within the border at 80 columns


# --- key tables from the bindings ------------------------------------------------------


def test_every_binding_names_what_it_does_in_both_languages():
    for table in keyhelp.TABLES:
        for binding, key in keyhelp.entries(table):
            assert key is not None, f"{table}: {binding.key} ({binding.action}) has no i18n key"
            assert has_words(key)
            assert t(key, "fr") != t(key, "en")  # worded in each language


def test_textual_keys_name_real_bindings():
    for table, keys in keyhelp.TEXTUAL_KEYS.items():
        for widget, action, _help in keys:
            assert keyhelp.textual_bindings(widget, action), (table, widget, action)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("table", keyhelp.TABLES)
def test_each_table_lists_every_binding_of_its_classes(table, lang):
    text = keyhelp.key_table(table, lang)
    rows = keyhelp.key_rows(table)
    for owner in keyhelp.owners(table):
        for binding in keyhelp.own_bindings(owner):
            row = next(r for r in rows if binding.key in r.keys)
            line = next(
                line for line in text.splitlines() if t(row.help, lang).replace("|", r"\|") in line
            )
            if not binding.key.isdigit():
                assert f"`{keyhelp.key_name(binding.key, lang)}`" in line, (table, binding.key)
    assert text.splitlines()[0] == f"| {t('keyhelp_key', lang)} | {t('keyhelp_does', lang)} |"


@pytest.mark.parametrize("table", keyhelp.SECTION_TABLES)
def test_every_key_of_a_screen_is_in_its_table_or_the_apps(table):
    documented = {key for row in keyhelp.key_rows("app") for key in row.keys}
    documented |= {key for row in keyhelp.key_rows(table) for key in row.keys}
    screen = keyhelp.owners(table)[0]
    for owner in (screen, keyhelp.owners("app")[0]):
        for key, binding in owner._merge_bindings():
            assert key in documented | TEXTUAL_ONLY, f"{table}: {key} ({binding.action})"


def test_the_funnel_table_has_the_funnel_keys():
    table = keyhelp.key_table("funnel", "en")
    for keys in ("`Ctrl+N`", "`Ctrl+R`", "`Shift+↑` / `Shift+↓`", "`Ctrl+L`", "`↑` / `↓`"):
        assert keys in table
    assert "`Maj+↑` / `Maj+↓`" in keyhelp.key_table("funnel", "fr")


def test_the_tables_list_the_keys_widgets_handle():
    app = keyhelp.key_table("app", "en")
    assert "`Tab` / `Shift+Tab`" in app and "`Esc`" in app and "`Ctrl+P`" in app
    assert "`1` … `7`" in app
    assert "`Space` / `Enter`" in keyhelp.key_table("objectives", "en")
    assert "`e` / `Enter`" in keyhelp.key_table("kpis", "en")
    assert "`Space` / `Enter` / `→`" in keyhelp.key_table("budget", "en")
    assert "`Enter`" in keyhelp.key_table("dashboard", "en")
    assert "`Espace` / `Entrée` / `→`" in keyhelp.key_table("budget", "fr")


@pytest.mark.parametrize(
    ("key", "fr", "en"),
    [
        ("ctrl+s", "Ctrl+S", "Ctrl+S"),
        ("f1", "F1", "F1"),
        ("shift+up", "Maj+↑", "Shift+↑"),
        ("space", "Espace", "Space"),
        ("enter", "Entrée", "Enter"),
        ("delete", "Suppr", "Delete"),
        ("escape", "Échap", "Esc"),
        ("pagedown", "PgSuiv", "PgDn"),
        ("a", "a", "a"),
        ("question_mark", "?", "?"),
    ],
)
def test_keys_are_written_the_way_people_write_them(key, fr, en):
    assert (keyhelp.key_name(key, "fr"), keyhelp.key_name(key, "en")) == (fr, en)


# --- the help files ----------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_help_files_hold_prose_and_a_placeholder_per_table(lang):
    source = help_source(lang)
    assert not [line for line in source.splitlines() if line.startswith("|")]  # no table
    assert [m.group(1) for m in keyhelp.PLACEHOLDER.finditer(source)] == list(keyhelp.TABLES)
    text = help_text(lang)
    assert "{keys:" not in text
    for table in keyhelp.TABLES:
        assert keyhelp.key_table(table, lang, space="") in text
    assert list(keyhelp.headings(source)) == list(keyhelp.TABLES)


def test_an_unknown_table_is_an_error():
    with pytest.raises(KeyError, match="no key table named 'nope'"):
        keyhelp.fill("{keys:nope}", "en")


def test_french_key_help_uses_no_break_spaces():
    for key in catalog("en")._catalog:  # the French catalog's typography is checked too
        if isinstance(key, str) and key.startswith(("keyhelp_", "keyname_")):
            assert not re.search(r" [:;!?»]|« ", t(key, "fr")), key


# --- the README ----------------------------------------------------------------------------


def test_the_readme_key_tables_are_the_generated_ones():
    block = keyhelp.readme_block(README.read_text("utf-8"))
    assert block is not None, "README.md lost the markers of its key tables"
    assert block == keyhelp.readme_tables(), (
        "README.md's key tables differ from the bindings: "
        "run `.venv/bin/python -m socialroi_tui.tui.keyhelp --readme README.md`"
    )


def test_the_readme_tables_are_regenerated_in_place(tmp_path, capsys):
    readme = tmp_path / "README.md"
    start, end = keyhelp.README_START, keyhelp.README_END
    readme.write_text(f"# Title\n\n{start}\n| old | table |\n{end}\n\nAfter.\n", "utf-8")
    assert keyhelp.main(["--readme", str(readme)]) == 0
    text = readme.read_text("utf-8")
    assert text == f"# Title\n\n{keyhelp.readme_tables()}\n\nAfter.\n"
    assert keyhelp.main(["--readme"]) == 0
    assert keyhelp.readme_tables() in capsys.readouterr().out
    readme.write_text("no markers\n", "utf-8")
    assert keyhelp.main(["--readme", str(readme)]) == 1
