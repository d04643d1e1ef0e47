"""The way from a keystroke to its frame: one frame with every change, and no message
round that the drawing does not need."""

from __future__ import annotations

from textual.events import Key
from textual.message_pump import MessagePump
from textual.screen import Screen

from socialroi_tui.tui.widgets.number_field import NumberField

from .helpers import copy_sample, loaded, make_app, text_of


def record_dispatches(monkeypatch) -> list[tuple[MessagePump, object]]:
    """Every message dispatched from now on, with the widget (or screen, app) it went to."""
    dispatched: list[tuple[MessagePump, object]] = []
    dispatch = MessagePump._dispatch_message

    async def recorded(pump, message):
        dispatched.append((pump, message))
        return await dispatch(pump, message)

    monkeypatch.setattr(MessagePump, "_dispatch_message", recorded)
    return dispatched


def record_frames(monkeypatch) -> list[set]:
    """For every frame drawn from now on, the widgets it drew again."""
    frames: list[set] = []
    refresh = Screen._compositor_refresh

    def recorded(screen):
        frames.append(set(screen._dirty_widgets))
        return refresh(screen)

    monkeypatch.setattr(Screen, "_compositor_refresh", recorded)
    return frames


async def test_a_key_that_makes_a_field_unreadable_shows_everything_in_one_frame(
    tmp_path, monkeypatch
):
    """The field, the figures and the error under the form change in the same frame,
    not one a frame later."""
    app = make_app(copy_sample("seed-000", tmp_path), lang="en", screen="budget")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        field = app.screen.query_one("#field-ctr", NumberField)
        field.cursor_blink = False  # frames from the key alone
        field.focus()
        await pilot.press("end")
        await pilot.pause()
        frames = record_frames(monkeypatch)
        await pilot.press("x")
        await pilot.pause()
        assert "CTR" in text_of(app, "#budget-error")
        ids = [{widget.id for widget in frame} for frame in frames]
        assert len(frames) == 1, ids
        assert {"field-ctr", "budget-error", "budget-figures"} <= ids[0]


async def test_a_key_bound_by_the_field_goes_through_no_container(tmp_path, monkeypatch):
    """⌫ is Input's binding: it runs from the field, not after the key has gone up
    through every container to the app; keys bound further up still work from a field."""
    app = make_app(copy_sample("seed-000", tmp_path), lang="en", screen="funnel")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        field = app.screen.query_one("#stage-1 .stage-step", NumberField)
        field.focus()
        await pilot.press("end", "left")  # "10|%"
        await pilot.pause()
        dispatched = record_dispatches(monkeypatch)
        await pilot.press("backspace")
        await pilot.pause()
        assert field.value == "1%"
        got_the_key = {pump for pump, message in dispatched if isinstance(message, Key)}
        assert got_the_key == {app, field}
        await pilot.press("ctrl+z")  # the app's binding, from the field
        await pilot.pause()
        assert field.value == "10%"
        await pilot.press("tab")  # the screen's
        await pilot.pause()
        assert app.screen.focused is not field
