"""Guarantees: recovery copies, conflict detection, failed saves keep the work."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from socialroi_tui.recovery import find_recovery, untitled_recoveries
from socialroi_tui.store import load_campaign
from socialroi_tui.tui.dialogs.choice import ChoiceDialog
from socialroi_tui.tui.dialogs.prompt import TextPrompt

from .helpers import copy_sample, loaded, make_app, wait_for

ROOT = Path(__file__).resolve().parents[2]


async def test_unsaved_edits_keep_a_recovery_copy_that_is_offered_back(tmp_path, monkeypatch):
    from socialroi_tui.tui import app as app_module

    monkeypatch.setattr(app_module, "RECOVERY_DELAY", 0.05)
    path = copy_sample("seed-000", tmp_path)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("space")  # awareness
        await wait_for(pilot, lambda: find_recovery(path) is not None)
        recovery = find_recovery(path)
        assert recovery is not None and 'id = "awareness"' in recovery.text()
    # The app ended without saving (as a crash would): the next start offers the edit back.
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.click("#answer-restore")
        await pilot.pause()
        assert "awareness" in [o.id for o in app.document.campaign.objectives]
        assert app.document.dirty  # restored, not yet saved
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert find_recovery(path) is None  # saving removes the copy
    assert "awareness" in [o.id for o in load_campaign(path).campaign.objectives]


async def test_a_discarded_recovery_is_gone(tmp_path, monkeypatch):
    from socialroi_tui.tui import app as app_module

    monkeypatch.setattr(app_module, "RECOVERY_DELAY", 0.05)
    path = copy_sample("seed-000", tmp_path)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("space")
        await wait_for(pilot, lambda: find_recovery(path) is not None)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.pause()
        await pilot.click("#answer-discard")
        await pilot.pause()
        assert find_recovery(path) is None
        assert "awareness" not in [o.id for o in app.document.campaign.objectives]


async def test_quitting_with_discard_leaves_no_copy(tmp_path, monkeypatch):
    from socialroi_tui.tui import app as app_module

    monkeypatch.setattr(app_module, "RECOVERY_DELAY", 0.05)
    path = copy_sample("seed-000", tmp_path)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("space")
        await wait_for(pilot, lambda: find_recovery(path) is not None)
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.click("#answer-discard")
        await pilot.pause()
    app.write_recovery_now()  # what the launcher does on the way out
    assert find_recovery(path) is None


async def test_an_untitled_campaign_is_offered_on_the_start_screen(tmp_path, monkeypatch):
    from socialroi_tui.tui import app as app_module

    monkeypatch.setattr(app_module, "RECOVERY_DELAY", 0.05)
    app = make_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # new blank campaign
        await pilot.pause()
        await pilot.press("space")
        await wait_for(pilot, untitled_recoveries)
    assert len(untitled_recoveries()) == 1
    app = make_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        options = app.screen.query_one("#start-choices")
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        recover = next(i for i, p in enumerate(prompts) if p.startswith("Recover:"))
        await pilot.press(*["down"] * recover, "enter")
        await pilot.pause()
        assert [o.id for o in app.document.campaign.objectives] == ["awareness"]


async def test_a_file_changed_on_disk_is_never_overwritten_in_silence(tmp_path):
    path = copy_sample("seed-000", tmp_path)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("space")
        path.write_text(path.read_text(encoding="utf-8").replace("automne", "hiver"), "utf-8")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")  # cancel
        await pilot.pause()
        assert "hiver" in path.read_text(encoding="utf-8")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.click("#answer-reload")
        await pilot.pause()
        assert app.document.campaign.meta.name == "Lancement e-book hiver"
        await pilot.press("space")
        path.write_text(path.read_text(encoding="utf-8").replace("hiver", "été"), "utf-8")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.click("#answer-overwrite")
        await pilot.pause()
    assert "été" not in path.read_text(encoding="utf-8")
    assert "été" in (tmp_path / "seed-000.toml.bak").read_text(encoding="utf-8")


async def test_a_failed_save_keeps_the_work_and_offers_save_as(tmp_path, monkeypatch):
    path = copy_sample("seed-000", tmp_path)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("space")

        def full_disk(*args, **kwargs):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "replace", full_disk)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any("the disk is full" in n.message for n in app._notifications)
        assert isinstance(app.screen, TextPrompt)  # save as is offered
        assert app.document.dirty and "awareness" in [
            o.id for o in app.document.campaign.objectives
        ]
        monkeypatch.undo()
        app.screen.query_one("#prompt-input").value = str(tmp_path / "elsewhere.toml")
        await pilot.press("enter")
        await pilot.pause()
        assert not app.document.dirty
    assert "awareness" in [
        o.id for o in load_campaign(tmp_path / "elsewhere.toml").campaign.objectives
    ]


async def test_saving_into_a_missing_folder_says_so(tmp_path):
    app = make_app(tmp_path / "gone" / "c.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any("the folder does not exist" in n.message for n in app._notifications)
        assert isinstance(app.screen, TextPrompt)


UNSAVED_MARK = "●".encode()


def _screen_until(fd: int, expected: bytes | None, timeout: float = 15.0) -> bytes:
    """What the app writes until ``expected`` shows (or ``timeout`` seconds pass; with
    None, all it writes in ``timeout`` seconds)."""
    import select

    output = b""
    end = time.monotonic() + timeout
    while (expected is None or expected not in output) and time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                output += os.read(fd, 65536)
            except OSError:
                break
    return output


def _wait_for_exit(pid: int, fd: int, timeout: float = 15.0) -> int:
    """The app's exit status, reading what it writes meanwhile (a full pty would block it)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            os.close(fd)
            return status
        _screen_until(fd, None, 0.05)
    os.kill(pid, signal.SIGKILL)
    raise AssertionError("the app did not exit")


def _start_in_terminal(path: Path, env: dict) -> tuple[int, int]:
    import fcntl
    import pty
    import struct
    import termios

    pid, fd = pty.fork()
    if pid == 0:
        argv = [sys.executable, "-m", "socialroi_tui", str(path), "--lang", "en"]
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    return pid, fd


def test_a_hang_up_keeps_the_last_edit_and_the_next_start_offers_it(tmp_path):
    """The real app in a pseudo-terminal: type an edit, hang up, start again."""
    path = copy_sample("seed-000", tmp_path)
    env = {**os.environ, "TERM": "xterm-256color", "XDG_STATE_HOME": str(tmp_path / "state")}
    pid, fd = _start_in_terminal(path, env)
    assert b"Brand awareness" in _screen_until(fd, b"Brand awareness")
    os.write(fd, b" ")  # select "Brand awareness": an unsaved edit (loads the file first)
    # Hang up as soon as the edit shows, before the recovery delay: only the hang-up can
    # save it.
    assert UNSAVED_MARK in _screen_until(fd, UNSAVED_MARK)
    os.kill(pid, signal.SIGHUP)
    status = _wait_for_exit(pid, fd)
    assert os.WEXITSTATUS(status) == 128 + signal.SIGHUP
    assert path.read_bytes() == (ROOT / "sample_campaigns" / "seed-000.toml").read_bytes()

    pid, fd = _start_in_terminal(path, env)
    assert b"Unsaved work found" in _screen_until(fd, b"Unsaved work found")
    os.write(fd, b"\r")  # "Restore" has the focus
    assert UNSAVED_MARK in _screen_until(fd, UNSAVED_MARK)
    os.write(fd, b"\x11")  # Ctrl+Q: unsaved changes, so it asks
    assert b"Unsaved changes" in _screen_until(fd, b"Unsaved changes")
    os.write(fd, b"\r")  # Save
    _wait_for_exit(pid, fd)
    assert "awareness" in [o.id for o in load_campaign(path).campaign.objectives]


def test_sigterm_keeps_the_last_edit(tmp_path):
    path = copy_sample("seed-000", tmp_path)
    env = {**os.environ, "TERM": "xterm-256color", "XDG_STATE_HOME": str(tmp_path / "state")}
    pid, fd = _start_in_terminal(path, env)
    _screen_until(fd, b"Brand awareness")
    os.write(fd, b" ")
    assert UNSAVED_MARK in _screen_until(fd, UNSAVED_MARK)
    os.kill(pid, signal.SIGTERM)
    _wait_for_exit(pid, fd)
    check = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; "
            "from socialroi_tui.recovery import find_recovery; "
            "r = find_recovery(Path(sys.argv[1])); "
            "print('awareness' in r.text() if r else 'none')",
            str(path),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert check.stdout.strip() == "True"
