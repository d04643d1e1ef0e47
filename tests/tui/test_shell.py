"""The app's shell: opening, sections, header, saving, quitting, help, language."""

from __future__ import annotations

from socialroi_tui.store import load_campaign
from socialroi_tui.tui.dialogs.choice import ChoiceDialog
from socialroi_tui.tui.dialogs.help import HelpScreen
from socialroi_tui.tui.dialogs.prompt import TextPrompt
from socialroi_tui.tui.widgets.keybar import KeyBar

from .helpers import copy_sample, loaded, make_app, text_of, wait_for


async def test_opens_a_file_on_the_objectives_screen(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert app.document is not None
        assert app.current_mode == "objectives"
        header = text_of(app, "#topbar")
        assert "Lancement e-book automne" in header and "seed-000.toml" in header
        assert "●" not in header


async def test_each_section_is_one_key_away(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        for key, mode in (("2", "kpis"), ("3", "funnel"), ("4", "budget"), ("1", "objectives")):
            await pilot.press(key)
            await pilot.pause()
            assert app.current_mode == mode


async def test_section_bar_is_clickable(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.click("#sections", offset=(17, 0))
        await pilot.pause()
        assert app.current_mode == "kpis"


def _first_command(app) -> str:
    """The command the palette would run on Enter (its first match so far)."""
    from textual.command import CommandList

    matches = app.screen.query(CommandList)
    if not matches or not matches.first().option_count:
        return ""
    return str(matches.first().get_option_at_index(0).prompt)


async def test_command_palette_lists_sections_and_save(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path), lang="fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Aller à\u00a0: KPI" in titles and "Enregistrer" in titles and "Quitter" in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        for key in "Budget":
            await pilot.press(key)
        await wait_for(pilot, lambda: _first_command(app).startswith("Aller à\u00a0: Budget"))
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "budget"


async def test_start_screen_without_a_file_creates_from_a_template():
    app = make_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert app.current_mode == "start"
        await pilot.press("down", "down", "down", "down", "down", "enter")  # seed-000, in French
        await pilot.pause()
        assert app.current_mode == "objectives"
        assert app.document.campaign.meta.name == "Lancement e-book automne"
        assert app.document.path is None and app.document.dirty
        assert "no file yet" in text_of(app, "#topbar")


async def test_start_screen_new_blank_campaign_then_save_as(tmp_path):
    app = make_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert [s.id for s in app.document.campaign.funnel.stages] == [
            "impressions",
            "engagements",
            "clicks",
            "leads",
            "customers",
        ]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        prompt = app.screen.query_one("#prompt-input")
        assert prompt.value.endswith("/campaign.toml")  # a campaign without a name
        prompt.value = str(tmp_path / "fresh")
        await pilot.press("enter")
        await pilot.pause()
        assert (tmp_path / "fresh.toml").exists()
        assert not app.document.dirty
        assert load_campaign(tmp_path / "fresh.toml").campaign.meta.name == "fresh"


async def test_a_french_campaign_without_a_name_is_offered_a_french_file_name():
    app = make_app(lang="fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("enter")  # a new blank campaign
        await wait_for(pilot, lambda: app.document is not None)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, TextPrompt))
        assert app.screen.query_one("#prompt-input").value.endswith("/campagne.toml")


async def test_open_a_file_by_typing_its_path(tmp_path):
    path = copy_sample("two-ads", tmp_path)
    app = make_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        app.action_open()
        await pilot.pause()
        app.screen.query_one("#open-path").value = str(path)
        app.screen.query_one("#open-path").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.document.path == path
        assert app.current_mode == "objectives"


async def test_the_start_screen_lists_recent_files(tmp_path):
    path = copy_sample("two-ads", tmp_path)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
    app = make_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        options = app.screen.query_one("#start-choices")
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any(path.name in p for p in prompts)
        await pilot.press(*["down"] * (options.option_count - 1), "enter")
        await pilot.pause()
        assert app.document.path == path


async def test_a_file_that_cannot_be_read_is_reported_and_left_alone(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text("[meta\nname = 'x'\n", encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert app.document is None
        assert app.current_mode == "start"
        assert any("line 1, column 6" in n.message for n in app._notifications)
    assert path.read_text(encoding="utf-8") == "[meta\nname = 'x'\n"


async def test_a_missing_file_starts_a_campaign_saved_there(tmp_path):
    path = tmp_path / "new-idea.toml"
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert app.document.path == path and app.document.dirty
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert load_campaign(path).campaign.meta.name == "new-idea"


async def test_ctrl_s_saves_atomically_with_a_backup(tmp_path):
    path = copy_sample("seed-000", tmp_path)
    original = path.read_bytes()
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("down", "down", "space")  # engagement
        await pilot.pause()
        assert "●" in text_of(app, "#topbar")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "●" not in text_of(app, "#topbar")
    assert (tmp_path / "seed-000.toml.bak").read_bytes() == original
    chosen = [o.id for o in load_campaign(path).campaign.objectives]
    assert chosen == ["sales", "leads", "engagement"]


async def test_saving_a_file_with_comments_asks_first(tmp_path):
    path = tmp_path / "workshop.toml"
    path.write_text('# Step 1: pick objectives\n[meta]\nname = "Atelier"\n', encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("space")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")  # cancel: nothing written
        await pilot.pause()
        assert path.read_text(encoding="utf-8").startswith("# Step 1")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.click("#answer-save")
        await pilot.pause()
    assert not path.read_text(encoding="utf-8").startswith("#")
    assert (tmp_path / "workshop.toml.bak").read_text(encoding="utf-8").startswith("# Step 1")


async def test_quit_with_unsaved_changes_asks_save_discard_or_cancel(tmp_path):
    path = copy_sample("seed-000", tmp_path)
    original = path.read_bytes()
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("space")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.click("#answer-cancel")
        await pilot.pause()
        assert app.is_running and app.document.dirty
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.click("#answer-discard")
        await pilot.pause()
    assert not app.is_running
    assert path.read_bytes() == original


async def test_quit_and_save(tmp_path):
    path = copy_sample("seed-000", tmp_path)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("space")
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("enter")  # "Save" has the focus
        await pilot.pause()
    assert not app.is_running
    assert "awareness" in [o.id for o in load_campaign(path).campaign.objectives]


async def test_quit_without_changes_does_not_ask(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running


async def test_undo_and_the_unsaved_marker(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("space")
        assert app.document.dirty
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert not app.document.dirty
        assert "●" not in text_of(app, "#topbar")


async def test_f1_opens_help_in_the_users_language(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path), lang="fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        from socialroi_tui.tui.dialogs.help import help_text

        assert "Touches partout" in help_text("fr") and "Keys everywhere" in help_text("en")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_footer_and_bindings_speak_the_language(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path), lang="fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        keys = str(app.screen.query_one(KeyBar).render())
        for words in ("Enregistrer", "Aide", "Quitter", "Choisir", "Principal"):
            assert words in keys


def test_no_color_is_honoured(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    assert make_app().no_color


def test_language_comes_from_the_option_then_the_locale(monkeypatch):
    from socialroi_tui.text.words import detect_language

    assert detect_language("fr") == "fr"
    monkeypatch.setenv("LANG", "fr_CA.UTF-8")
    assert detect_language(None) == "fr"
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")
    assert detect_language(None) == "en"
    monkeypatch.delenv("LC_ALL")
    monkeypatch.delenv("LANG")
    assert detect_language(None) == "en"


async def test_keys_pressed_before_the_full_load_are_not_lost(tmp_path, monkeypatch):
    from socialroi_tui.tui import app as app_module

    monkeypatch.setattr(app_module, "FULL_LOAD_DELAY", 30)
    app = make_app(copy_sample("seed-000", tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.document is None  # the first frame comes from a quick read
        await pilot.press("space")  # awareness
        await pilot.pause()
        assert "awareness" in [o.id for o in app.document.campaign.objectives]
        await pilot.press("2")
        await wait_for(pilot, lambda: app.current_mode == "kpis")


async def test_switching_section_before_the_full_load_stays_there(tmp_path, monkeypatch):
    from socialroi_tui.tui import app as app_module

    monkeypatch.setattr(app_module, "FULL_LOAD_DELAY", 0.5)
    app = make_app(copy_sample("seed-000", tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.document is None
        await pilot.press("2")
        await wait_for(pilot, lambda: app.document is not None)
        await pilot.pause()
        assert app.current_mode == "kpis"


async def test_a_dialog_takes_one_answer(tmp_path):
    """A second key or click while the first answer is acted upon (restoring a large
    campaign takes seconds) is ignored: it used to pop the screen under the dialog."""
    from socialroi_tui.tui.dialogs.choice import ChoiceDialog

    app = make_app(copy_sample("seed-000", tmp_path), lang="en")
    answers: list[str | None] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        under = app.screen
        dialog = ChoiceDialog("Title", "Question?", [("yes", "Yes"), ("no", "No")])
        app.push_screen(dialog, answers.append)
        await wait_for(pilot, lambda: app.screen is dialog)
        dialog.dismiss("yes")
        dialog.dismiss("no")
        await wait_for(pilot, lambda: app.screen is under)
        await pilot.pause()
        assert answers == ["yes"] and app.screen is under


async def test_the_palette_exports_the_excel_report_beside_the_campaign(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path), lang="fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        for key in "Excel":
            await pilot.press(key)
        await wait_for(pilot, lambda: _first_command(app).startswith("Exporter le rapport Excel"))
        await pilot.press("enter")
        await wait_for(pilot, lambda: (tmp_path / "seed-000.xlsx").exists())


async def test_the_collector_held_back_at_start_runs_again_after_the_first_frame(tmp_path):
    """``run_app`` holds the collector back until the first frame is painted (a full
    collection fell in the first render); it must run again after, or memory grows."""
    import gc

    from socialroi_tui import collector

    collector.hold_until_started()
    try:
        app = make_app(copy_sample("seed-000", tmp_path))
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, gc.isenabled)
            await loaded(pilot)
            assert app.document is not None
    finally:
        gc.enable()


async def test_a_name_too_long_is_refused_in_the_rename_dialog_which_stays_open(tmp_path):
    app = make_app(copy_sample("seed-000", tmp_path), lang="fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        app.action_rename()
        await wait_for(pilot, lambda: isinstance(app.screen, TextPrompt))
        app.screen.query_one("#prompt-input").value = "n" * 201
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)  # the typed name is not lost
        error = text_of(app, "#prompt-error")
        assert "dépasse 200\u00a0caractères" in error and "name" not in error
        assert app.document.campaign.meta.name == "Lancement e-book automne"
