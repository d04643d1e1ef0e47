"""The workshop loop: a trainer releases workbooks, participants fill them in the app
(instructions beside the section, blanks marked, F7 to check, F8 for a hint, on to the
next step), the trainer sees where everyone is and collects the answers."""

from __future__ import annotations

from pathlib import Path

from tests.test_workshop import answer

from socialroi_tui.cli import main as cli_main
from socialroi_tui.engine.workshop import workshop_progress
from socialroi_tui.store import load_campaign

from .helpers import loaded, make_app, wait_for


def released(tmp_path, capsys) -> Path:
    trainer = tmp_path / "trainer.toml"
    assert cli_main(["new", str(trainer), "--template", "workshop-en"]) == 0
    names = tmp_path / "names.txt"
    names.write_text("Ann\nBob\nCleo\n", encoding="utf-8")
    room = tmp_path / "room"
    assert (
        cli_main(["workshop", "release", str(trainer), "--to", str(room), "--names", str(names)])
        == 0
    )
    capsys.readouterr()
    return room


def _done(app, step_id: str) -> bool:
    progress = app.document.campaign.workshop.progress.get(step_id)
    return progress is not None and progress.done


async def fill_in_the_app(path: Path, steps: int) -> None:
    """Open the workbook and work ``steps`` steps: the budget's blanks typed in their
    fields, the others answered as their screens would, each checked with F7."""
    app = make_app(path, lang="en")
    async with app.run_test(size=(100, 40)) as pilot:
        await loaded(pilot)
        workshop = app.document.campaign.workshop
        for step in workshop.steps[:steps]:
            await wait_for(pilot, lambda step=step: app.current_mode == step.section)
            panel = app.screen.query_one("#workshop")  # its line, on top of its screen
            await wait_for(
                pilot, lambda step=step, panel=panel: step.title.split()[0] in panel.plain
            )
            if step.id == "budget":
                for key, text in (
                    ("target_conversions", "1000"),
                    ("conversion_rate", "2 %"),
                    ("ctr", "2 %"),
                    ("price", "2"),
                ):
                    field = app.screen.query_one(f"#field-{key}")
                    assert field.has_class("-workshop-blank")  # marked until filled
                    field.focus()
                    await pilot.press(*text)
                    await wait_for(
                        pilot, lambda field=field: not field.has_class("-workshop-blank")
                    )
                await pilot.press("escape")
            else:
                app.edit(lambda c, step=step: answer(c, step.id))
            await pilot.press("f7")
            await wait_for(pilot, lambda step=step: _done(app, step.id))
        if steps < len(workshop.steps):
            await pilot.press("f8")  # a hint on the step reached: shown and counted
            step = workshop.steps[steps]
            await wait_for(
                pilot, lambda: app.document.campaign.workshop.progress[step.id].hints_used == 1
            )
            assert "Hint 1:" in app.screen.query_one("#workshop").plain
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not app.document.dirty)


async def test_the_whole_loop_release_fill_check_status_and_collect(tmp_path, capsys):
    room = released(tmp_path, capsys)
    await fill_in_the_app(room / "ann.toml", 7)
    await fill_in_the_app(room / "bob.toml", 3)
    done = [
        workshop_progress(load_campaign(room / f"{n}.toml").campaign).steps_done
        for n in ("ann", "bob", "cleo")
    ]
    assert done == [7, 3, 0]
    assert cli_main(["workshop", "status", str(room)]) == 0
    out = capsys.readouterr().out
    assert "| Ann | ann.toml | 7 | 7/7 |" in out and "| Bob | bob.toml | 4 | 3/7 |" in out
    assert "| Cleo | cleo.toml | 1 | 0/7 |" in out
    collected = tmp_path / "answers.md"
    trainer = tmp_path / "trainer.toml"
    assert (
        cli_main(
            ["workshop", "collect", str(room), "--trainer", str(trainer), "-o", str(collected)]
        )
        == 0
    )
    text = collected.read_text(encoding="utf-8")
    assert "Ann" in text and "Bob" in text and "Cleo" in text


async def test_a_missed_check_says_why_and_stays_on_the_step(tmp_path, capsys):
    room = released(tmp_path, capsys)
    app = make_app(room / "cleo.toml", lang="fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await wait_for(pilot, lambda: app.current_mode == "objectives")
        assert (
            "Étape 1/7 — Objectifs" in app.screen.query_one("#workshop").plain
        )  # folded to one line at 80×24
        await pilot.press("f7")
        await wait_for(pilot, lambda: "✗" in app.screen.query_one("#workshop").plain)
        # Nothing chosen: its two checks say once to choose first.
        panel = app.screen.query_one("#workshop").plain
        assert panel.count("✗ Pas encore d'objectif principal") == 1
        assert app.current_mode == "objectives"
        assert not app.document.campaign.workshop.progress["objective"].done
        await pilot.press("f6")  # folds the instructions again
        await wait_for(pilot, lambda: not app.screen.query_one("#workshop").has_class("-open"))


async def test_a_room_asks_the_name_and_opens_that_participants_workbook(tmp_path, capsys):
    from socialroi_tui.tui.app import SocialRoiApp
    from socialroi_tui.tui.dialogs.prompt import TextPrompt

    room = released(tmp_path, capsys)
    app = SocialRoiApp(room=room, trainer=tmp_path / "trainer.toml", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TextPrompt))
        app.screen.query_one("Input").value = "../../Dana\x1b[31m"
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.document is not None)
        path = app.document.path
        assert path.parent == room and path.name == "dana-31m.toml"
        assert app.document.campaign.workshop.participant.startswith("../../Dana")
        assert app.current_mode == "objectives"  # the first step's screen
        app.action_export_markdown()  # the report, beside the workbook
        await wait_for(pilot, lambda: (room / "dana-31m.md").exists())
    assert "Workshop" in (room / "dana-31m.md").read_text(encoding="utf-8")


async def test_a_room_without_the_trainers_workbook_opens_only_released_ones(tmp_path, capsys):
    from socialroi_tui.tui.app import SocialRoiApp
    from socialroi_tui.tui.dialogs.prompt import TextPrompt

    room = released(tmp_path, capsys)
    app = SocialRoiApp(room=room, lang="fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TextPrompt))
        app.screen.query_one("Input").value = "Zoé"
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: isinstance(app.screen, TextPrompt) and "Zoé" in app.screen.hint
        )
        assert not (room / "zoé.toml").exists()
        app.screen.query_one("Input").value = "bob"
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.document is not None)
        assert app.document.path == room / "bob.toml"


def test_the_served_app_answers_over_http_on_localhost(tmp_path, capsys):
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    room = released(tmp_path, capsys)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "socialroi_tui", "serve", "--workshop", str(room)]
    server = subprocess.Popen(
        [*command, "--port", str(port), "--lang", "en"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        page = ""
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://localhost:{port}/", timeout=5) as answer:
                    page = answer.read().decode("utf-8", "replace")
                    break
            except OSError:
                time.sleep(0.2)
        assert "socialroi" in page and "<html" in page.lower()
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0].decode("utf-8", "replace")
    assert f"http://localhost:{port}" in output and "No login" in output
