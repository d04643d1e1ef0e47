"""What the app draws its own way (the section screens' compositor, figure lines) gives
the same cells as Textual's own drawing."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region
from textual.widget import Widget

from socialroi_tui.tui.textual_compat import RegionCompositor
from socialroi_tui.tui.widgets.figures import FigureLines
from socialroi_tui.tui.widgets.number_field import NumberField

from .helpers import copy_sample, loaded, make_app

WIDTH, HEIGHT = 80, 24


@st.composite
def regions(draw) -> Region:
    x = draw(st.integers(0, WIDTH - 1))
    y = draw(st.integers(0, HEIGHT - 1))
    width = draw(st.integers(1, WIDTH - x))
    height = draw(st.integers(1, HEIGHT - y))
    return Region(x, y, width, height)


def painted(update: ChopsUpdate | None) -> dict[tuple[int, int], tuple[str, object]]:
    """The cells an update writes to the terminal, as ``ChopsUpdate.render_segments``
    writes them (a chop met by a changed span is written from its start)."""
    cells: dict[tuple[int, int], tuple[str, object]] = {}
    if update is None:
        return cells
    for y, x1, x2 in update.spans:
        for end, (x, strip) in zip(update.chop_ends[y], update.chops[y].items(), strict=True):
            if strip is None or x > x2 or end <= x1:
                continue
            column = x
            for segment in strip.crop(0, min(end, x2) - x):
                for char in segment.text:
                    cells[(column, y)] = (char, segment.style)
                    column += cell_len(char)
    return cells


def update_for(compositor: Compositor, changed: set[Region], *, textuals: bool) -> ChopsUpdate:
    compositor._dirty_regions.clear()
    compositor._dirty_regions.update(changed)
    if textuals:
        return Compositor.render_partial_update(compositor)
    return compositor.render_partial_update()


@pytest.mark.parametrize(
    ("screen", "scroll"),
    [
        ("objectives", True),  # the description scrolled: widgets clipped by their parent
        ("kpis", False),
        ("funnel", False),
        ("budget", False),
        ("dashboard", False),
    ],
)
async def test_partial_updates_write_the_same_cells_as_textuals(tmp_path, screen, scroll):
    app = make_app(copy_sample("seed-000", tmp_path), lang="fr", screen=screen)
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        await loaded(pilot)
        if scroll:
            box = app.screen.query_one("#objective-detail-box")
            box.scroll_to(y=3, animate=False)
            await pilot.pause()
            assert box.scroll_y == 3
        compositor = app.screen._compositor
        assert isinstance(compositor, RegionCompositor)

        @settings(
            max_examples=60,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture],
        )
        @given(changed=st.sets(regions(), min_size=1, max_size=6))
        def same_cells(changed):
            ours = update_for(compositor, changed, textuals=False)
            theirs = update_for(compositor, changed, textuals=True)
            assert painted(ours) == painted(theirs)

        same_cells()


async def test_a_keystroke_draws_only_the_widgets_it_changes(tmp_path, monkeypatch):
    """Typing into the CTR draws the field and the figure lines that change, not the
    containers around them, nor the other fields."""
    app = make_app(copy_sample("seed-000", tmp_path), lang="fr", screen="budget")
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        await loaded(pilot)
        app.screen.query_one("#field-ctr").focus()
        await pilot.press("end", "left", "left")
        await pilot.pause()
        drawn: list[Widget] = []

        def recorded(render_lines):
            def record(widget, crop):
                drawn.append(widget)
                return render_lines(widget, crop)

            return record

        for drawing in (Widget, FigureLines, NumberField):
            monkeypatch.setattr(drawing, "render_lines", recorded(drawing.render_lines))
        await pilot.press("5")  # 2 % → 25 %: every figure changes
        await pilot.pause()
        kinds = {type(widget).__name__ for widget in drawn}
        assert "NumberField" in kinds and "FigureLines" in kinds
        assert not kinds & {"BudgetScreen", "Vertical", "Horizontal", "VerticalScroll"}
        fields = [widget for widget in drawn if type(widget).__name__ == "NumberField"]
        assert {field.id for field in fields} == {"field-ctr"}


@pytest.mark.parametrize("padded", [False, True])
async def test_fields_and_figures_draw_as_textuals_style_cache_would(tmp_path, padded):
    """Number fields (with the focus or not, readable or not) and figure lines draw
    their lines without the style cache: the same cells, for whole widgets and parts of
    them; with padding they leave the drawing to the style cache."""

    def cells(strips):
        return [[(char, s.style) for s in strip for char in s.text] for strip in strips]

    app = make_app(copy_sample("seed-000", tmp_path), lang="fr", screen="budget")
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("tab", "tab", "tab", "end", "x")  # an unreadable CTR: stale line
        await pilot.pause()
        assert isinstance(app.screen.focused, NumberField)
        for figures in app.screen.query(f"{FigureLines.__name__}, {NumberField.__name__}"):
            if padded:
                figures.styles.padding = (0, 2)
                await pilot.pause()
            width, height = figures.size
            for crop in (Region(0, 0, width, height), Region(3, 0, width - 5, height)):
                ours = figures.render_lines(crop)
                figures._styles_cache.clear()
                theirs = Widget.render_lines(figures, crop)
                assert cells(ours) == cells(theirs), (figures.id, crop)
