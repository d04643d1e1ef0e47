"""What every section screen shares: the header, the section bar and the footer."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

from socialroi_tui.tui.textual_compat import use_region_compositor
from socialroi_tui.tui.widgets.keybar import KeyBar
from socialroi_tui.tui.widgets.topbar import SectionBar, TopBar
from socialroi_tui.tui.widgets.workshop import WorkshopPanel, WorkshopView

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from decimal import Decimal

    from socialroi_tui.model import Campaign
    from socialroi_tui.tui.app import SocialRoiApp
    from socialroi_tui.tui.widgets.number_field import NumberField


class SectionScreen(Screen):
    """A section of the workbook; ``refresh_view`` redraws it from the document."""

    SECTION: ClassVar[str] = ""
    BINDINGS = [
        Binding("escape", "leave_field", tooltip="keyhelp_leave_field", show=False),
        # Textual's own, declared again so that the help lists them, and with priority:
        # the focus moves as the key arrives, so that what is typed right after a Tab goes
        # to the next field, not to the one the Tab left.
        Binding("tab", "app.focus_next", tooltip="keyhelp_focus", show=False, priority=True),
        Binding(
            "shift+tab", "app.focus_previous", tooltip="keyhelp_focus", show=False, priority=True
        ),
        # A workbook's keys, named in its step's line (shown only for a workbook).
        Binding("f6", "workshop_panel", tooltip="keyhelp_workshop_panel", show=False),
        Binding("f7", "workshop_check", tooltip="keyhelp_workshop_check", show=False),
        Binding("f8", "workshop_hint", tooltip="keyhelp_workshop_hint", show=False),
    ]

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    """As Textual's, without repainting the whole screen at each Tab (8 KB over SSH):
    the widgets gaining and losing the focus restyle themselves."""

    def __init__(self) -> None:
        super().__init__(name=self.SECTION)
        use_region_compositor(self)
        self._ready = False
        """Composed and mounted: a resume or resize may come before that."""
        self._document_drawn: object = None

    @property
    def roi_app(self) -> SocialRoiApp:
        return self.app  # type: ignore[return-value]

    @property
    def lang(self):
        return self.app.lang  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        top_bar = TopBar(id="topbar")
        self.roi_app.describe_header(top_bar)  # drawn in the first frame (wider once laid out)
        yield top_bar
        yield SectionBar(self.SECTION, self.lang, self.app.size.width, id="sections")
        yield WorkshopPanel(id="workshop")
        yield from self.compose_body()
        yield KeyBar()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self._ready = True
        self.refresh_view()

    def on_screen_resume(self) -> None:
        self.refresh_view()

    def on_descendant_blur(self) -> None:
        """Leaving a field ends its typing: coming back to it starts a new edit."""
        document = self.roi_app.document
        if document is not None:
            document.end_typing()

    def on_resize(self) -> None:
        """Figures are laid out to the panels' widths: draw them again at the new size."""
        self.refresh_header()
        if self._ready and self.roi_app.document is not None:
            self.call_after_refresh(self.refresh_body)

    def action_leave_field(self) -> None:
        """Esc leaves a text field, so that 1-5 switch sections again."""
        if isinstance(self.focused, Input):
            self.set_focus(None)

    def on_section_bar_chosen(self, message: SectionBar.Chosen) -> None:
        self.roi_app.action_section(message.section)

    def refresh_header(self) -> None:
        if self._ready:
            self.roi_app.describe_header(self.query_one(TopBar))

    def refresh_view(self, force: bool = False) -> None:
        """Redraw from the current document (after every edit); ``force`` also rewrites
        the field being typed in (after an undo). A document opened or reloaded since the
        last drawing rewrites every field."""
        if not self._ready:
            return
        self.refresh_header()
        document = self.roi_app.document
        if document is not None:
            if document is not self._document_drawn:
                self._document_drawn = document
                force = True
            self.refresh_body(force)
            self.refresh_workshop_if_any()

    # --- a workbook's step ------------------------------------------------------------

    _workshop_drawn = False

    def refresh_workshop_if_any(self) -> None:
        """The workbook's step, for a workbook (or to hide the one shown before)."""
        document = self.roi_app.document
        if document is not None and (
            document.campaign.workshop is not None or self._workshop_drawn
        ):
            self.refresh_workshop()

    def refresh_workshop(self) -> None:
        """The current step's line (and panel), and its blank fields marked."""
        from socialroi_tui.engine.workshop import blank_fields, workshop_progress
        from socialroi_tui.model.workshop import text_in
        from socialroi_tui.presenter import blank_label
        from socialroi_tui.tui.widgets.number_field import NumberField

        app, lang = self.roi_app, self.lang
        campaign = app.document.campaign
        step = app.workshop_step()
        panel = self.query_one(WorkshopPanel)
        self._workshop_drawn = step is not None
        blanks: set[str] = set()
        if step is None:
            panel.show(None, False, lang)
        else:
            from socialroi_tui.engine.workshop import hints_shown

            steps = campaign.workshop.steps
            fields = blank_fields(campaign, step)
            blanks = {field.key for field in fields if not field.filled}
            view = WorkshopView(
                number=steps.index(step) + 1,
                total=len(steps),
                section=step.section,
                title=text_in(step.title, lang),
                instructions=text_in(step.instructions, lang),
                blanks=[
                    f"{blank_label(campaign, field.key, lang)} {'✓' if field.filled else '✎'}"
                    for field in fields
                ],
                results=app.workshop_results.get(step.id, []),
                hints=hints_shown(campaign, step.id, lang),
                done=workshop_progress(campaign).steps_done,
            )
            panel.show(view, app.workshop_open, lang)
        for field in self.query(NumberField):
            field.set_class(field.edit_key in blanks, "-workshop-blank")

    def action_workshop_panel(self) -> None:
        """F6 opens or folds the step's instructions."""
        if self.roi_app.workshop_step() is not None:
            self.roi_app.workshop_open = not self.roi_app.workshop_open
            self.refresh_workshop()

    def action_workshop_check(self) -> None:
        """F7 runs the step's checks; a step that passes leads to the next one."""
        self.roi_app.check_workshop_step()

    def action_workshop_hint(self) -> None:
        """F8 shows the step's next hint (each one taken is counted)."""
        self.roi_app.next_workshop_hint()

    def refresh_body(self, force: bool = False) -> None:
        """Subclasses redraw their figures here."""

    def show_field(self, field: NumberField, value: Decimal | None, force: bool) -> None:
        """Show the campaign's ``value`` in ``field``. ``force`` (an undo, a reload) rewrites
        what the user typed, except in a field whose text still waits to be read; a field
        whose unreadable text was taken back (from another screen) is rewritten too."""
        waiting = field.edit_key in self.roi_app.document.unreadable
        field.show(value, force=not waiting and (force or field.problem is not None))

    def send_field_edit(self, field: NumberField, change: Callable[[Campaign], Campaign]) -> bool:
        """Apply what ``field`` now holds; if the campaign cannot take it, the field says why
        and a save asks about it, as for text that does not read."""

        def refused(problem: str) -> None:
            separator = "\u00a0: " if self.lang == "fr" else ": "
            field.refuse(f"{field.label}{separator}{problem}")
            self.roi_app.field_unreadable(field)

        return self.roi_app.edit(change, key=field.edit_key, refused=refused)

    def field_unreadable(self, field: NumberField) -> None:
        """``field``'s text does not read: the figures stay, a save asks about it."""
        self.roi_app.field_unreadable(field)

    def focus_field(self, key: str) -> None:
        """Put the focus in the field whose edits have ``key`` (a save asked to go back)."""
        for field in self.number_fields():
            if field.edit_key == key:
                self.set_focus(field)
                field.cursor_position = len(field.value)
                return

    def number_fields(self) -> Iterable[NumberField]:
        """The screen's number fields, kept by the screen (no query at each keystroke)."""
        return ()

    def field_problem(self) -> str | None:
        """Why the first unreadable number field cannot be read, or None. While there is
        one, the figures shown are the last valid ones."""
        return next((f.problem for f in self.number_fields() if f.problem), None)
