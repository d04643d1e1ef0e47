"""The French app speaks French: every screen and dialog, driven as a user would, shows
no English sentence, and its French is typeset (no-break spaces before : ; ! ? %)."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

from socialroi_tui.recovery import find_recovery
from socialroi_tui.tui.dialogs.choice import ChoiceDialog
from socialroi_tui.tui.dialogs.kpi import KpiEditor, KpiPicker
from socialroi_tui.tui.dialogs.loading import LoadingScreen
from socialroi_tui.tui.dialogs.open_file import ImportFileDialog
from socialroi_tui.tui.dialogs.prompt import TextPrompt

from .helpers import choose_export, copy_sample, funnel_ready, loaded, make_app, wait_for

EXPORTS = Path(__file__).resolve().parents[1] / "data" / "exports"
SIZE = (120, 60)
ENGLISH_WORDS = frozenset(
    re.findall(
        r"\w+",
        """
        the and with this that is are of to from your you has have was were will it for not no
        cannot press search found matches dismiss row rows file files save saved quit help open
        select value values screen stage above below imported already unknown missing expected
        number must should enter choose recover keep back cancel yes done new name empty
        invalid error warning unsaved changes discard
        """,
    )
)
_TEXT = re.compile(r'<text[^>]*?y="([\d.]+)"[^>]*>(.*?)</text>', re.S)
_TYPESETTING = re.compile(r"\S ([:;!?%])(?=\s|$)")


def screen_lines(app) -> list[str]:
    """What the terminal shows, line by line (from Textual's own screenshot)."""
    rows: dict[float, list[str]] = {}
    for y, content in _TEXT.findall(app.export_screenshot()):
        rows.setdefault(float(y), []).append(html.unescape(re.sub("<[^>]+>", "", content)))
    return ["".join(parts) for _, parts in sorted(rows.items())]


def english_in(lines: list[str]) -> list[str]:
    """Lines holding an English word (file names, paths and key names aside)."""
    found = []
    for line in lines:
        words = [
            word.strip("()[]«»“”\"',;:.!?…•*✓⚠▸◂").lower()
            for word in line.replace("\u00a0", " ").split()
            if not any(mark in word for mark in "/_.-=")  # a path, a file name, a formula
        ]
        if ENGLISH_WORDS.intersection(words):
            found.append(line.strip())
    return found


def untypeset_in(lines: list[str]) -> list[str]:
    """Lines where French punctuation follows an ordinary space (it wants a no-break one)."""
    return [line.strip() for line in lines if _TYPESETTING.search(line.replace("│", " "))]


class Seen:
    """Everything shown along the way, by step."""

    def __init__(self, app):
        self.app = app
        self.steps: dict[str, list[str]] = {}

    async def look(self, pilot, step: str) -> None:
        await pilot.pause()
        self.steps[step] = screen_lines(self.app)

    def english(self) -> dict[str, list[str]]:
        return {step: found for step, lines in self.steps.items() if (found := english_in(lines))}

    def untypeset(self) -> dict[str, list[str]]:
        return {step: found for step, lines in self.steps.items() if (found := untypeset_in(lines))}


def test_the_detector_finds_english_and_plain_spaces():
    assert english_in(["  Press Enter to save the file  "]) == ["Press Enter to save the file"]
    assert english_in(["Appuyez sur Entrée pour enregistrer", "/tmp/the-file.toml"]) == []
    assert untypeset_in(["Budget : 5 000 €", "Taux 2 %"]) == ["Budget : 5 000 €", "Taux 2 %"]
    assert untypeset_in(["Budget\u00a0: 5 000\u00a0€", "Taux 2\u00a0%"]) == []


async def test_every_screen_and_dialog_in_french(tmp_path, monkeypatch):
    from socialroi_tui.tui import app as app_module

    monkeypatch.setattr(app_module, "RECOVERY_DELAY", 0.05)
    start = make_app(lang="fr")
    seen = Seen(start)
    async with start.run_test(size=SIZE) as pilot:
        await seen.look(pilot, "start")
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: len(start.screen_stack) > 1)
        await seen.look(pilot, "palette")
        await pilot.press(*"zzqx")
        await wait_for(pilot, lambda: "zzqx" in "\n".join(screen_lines(start)))
        await seen.look(pilot, "palette, no match")
    steps = dict(seen.steps)

    path = copy_sample("seed-000", tmp_path)
    app = make_app(path, lang="fr")
    seen = Seen(app)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await seen.look(pilot, "objectives")
        await pilot.press("space")
        await seen.look(pilot, "objective chosen")
        await pilot.press("2")
        await loaded(pilot)
        await seen.look(pilot, "kpis")
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, KpiPicker))
        await seen.look(pilot, "kpi picker")
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, KpiEditor))
        await seen.look(pilot, "kpi editor")
        app.screen.query_one("#kpi-target").value = "beaucoup"
        await pilot.click("#kpi-ok")
        await seen.look(pilot, "kpi editor, refused")
        app.screen.query_one("#kpi-target").value = "45 %"
        await pilot.click("#kpi-ok")
        await seen.look(pilot, "kpi editor, implausible")
        await pilot.press("escape")
        await pilot.press("a", "end", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, KpiEditor))
        await pilot.click("#kpi-ok")
        await seen.look(pilot, "custom kpi, no name")
        await pilot.press("escape")
        await pilot.press("d")
        await seen.look(pilot, "delete kpi?")
        await pilot.press("escape")

        await pilot.press("3")
        await funnel_ready(pilot)
        await seen.look(pilot, "funnel")
        await pilot.press("tab", "ctrl+a", "backspace", *"100x")
        await seen.look(pilot, "funnel, unreadable count")
        await pilot.press("ctrl+z")
        await pilot.press("ctrl+s")
        await seen.look(pilot, "funnel, saved")

        await pilot.press("escape", "4")  # leave the field: a digit in it is typed
        await loaded(pilot)
        await seen.look(pilot, "budget")
        await pilot.press("tab", "tab", "ctrl+a", "backspace", *"1,5x")
        await seen.look(pilot, "budget, unreadable")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await seen.look(pilot, "save while unreadable")
        await pilot.click("#answer-back")
        await pilot.press("ctrl+a", "backspace", *"45")
        await seen.look(pilot, "budget, implausible")
        await pilot.press("ctrl+z")
        await pilot.press("escape", "ctrl+g")
        await wait_for(pilot, lambda: len(app.screen_stack) > 1)
        await seen.look(pilot, "ranges dialog")
        await pilot.press("escape")
        views = ("bars", "tornado, budget", "tornado, CPA", "tornado, ROI", "ranges view")
        for view in views:
            await pilot.press("ctrl+t")
            await seen.look(pilot, view)
        await pilot.press("ctrl+t")  # the split again
        await wait_for(pilot, lambda: app.screen._channel_shares)
        app.screen._channel_shares[0].focus()
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: len(app.screen_stack) > 1)
        await seen.look(pilot, "network settings")
        await pilot.press("escape")
        await pilot.press("escape", "6")
        await wait_for(pilot, lambda: app.current_mode == "scenarios")
        await seen.look(pilot, "scenarios")
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, TextPrompt))
        await seen.look(pilot, "new scenario")
        await pilot.press("escape", "right", "d")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await seen.look(pilot, "delete a scenario")
        await pilot.press("escape")

        await pilot.press("escape", "5")  # leave the field: a digit in it is typed
        await loaded(pilot)
        await seen.look(pilot, "dashboard")
        await pilot.press("a")
        await wait_for(pilot, lambda: len(app.screen_stack) > 1)
        await seen.look(pilot, "result entry")
        await pilot.click("#result-ok")
        await seen.look(pilot, "result entry, refused")
        await pilot.press("escape")
        for export, step in (
            ("nope.csv", "import, no such file"),
            ("broken.csv", "import, broken rows"),
            ("custom.csv", "import, unknown columns"),
            ("meta_fr.csv", "import preview"),
        ):
            if step == "import preview":
                await pilot.press("i")
                await wait_for(pilot, lambda: isinstance(app.screen, ImportFileDialog))
                await seen.look(pilot, "import browser")
                await pilot.press("escape")
            await choose_export(pilot, EXPORTS / export)
            await wait_for(  # read by a worker
                pilot, lambda: not isinstance(app.screen, (ImportFileDialog, LoadingScreen))
            )
            await seen.look(pilot, step)
            if len(app.screen_stack) > 1:
                await pilot.press("escape")

        await pilot.press("f1")
        await seen.look(pilot, "help")
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await seen.look(pilot, "palette with a campaign")
        await pilot.press("escape")
        await pilot.press("f2")
        await wait_for(pilot, lambda: isinstance(app.screen, TextPrompt))
        await seen.look(pilot, "save as")
        app.screen.query_one("#prompt-input").value = str(tmp_path / "missing" / "x.toml")
        await pilot.press("enter")
        await seen.look(pilot, "save as, no folder")
        await pilot.press("escape")
        await pilot.press("space")
        await wait_for(pilot, lambda: find_recovery(path) is not None)
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await seen.look(pilot, "quit with unsaved work")
        await pilot.press("escape")
        app.action_open()
        await wait_for(pilot, lambda: len(app.screen_stack) > 1)
        await seen.look(pilot, "open")
        await pilot.press("escape")
        app.push_screen(LoadingScreen("grand.toml", "fr"))
        await seen.look(pilot, "loading")
    steps.update(seen.steps)

    again = make_app(path, lang="fr")  # the unsaved edit above is offered back
    seen = Seen(again)
    async with again.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await wait_for(pilot, lambda: isinstance(again.screen, ChoiceDialog))
        await seen.look(pilot, "recovery offered")
    broken = tmp_path / "cassé.toml"
    shutil.copy(path, broken)
    broken.write_text(broken.read_text("utf-8").replace("[meta]", "[meta"), "utf-8")
    failed = make_app(broken, lang="fr")
    async with failed.run_test(size=SIZE) as pilot:
        seen.app = failed
        await wait_for(pilot, lambda: any("cassé" in n.message for n in failed._notifications))
        await seen.look(pilot, "open failed")
        seen.steps["open failed"] += [n.message for n in failed._notifications]
    steps.update(seen.steps)

    assert len(steps) >= 35
    seen.steps = steps
    assert seen.english() == {}
    assert seen.untypeset() == {}
