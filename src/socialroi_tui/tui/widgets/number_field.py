"""A field for one number of the campaign: read as typed, in French or English."""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import Protocol, runtime_checkable

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.color import Color
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Input

from socialroi_tui.text.numbers import (
    NumberError,
    Ratio,
    input_text,
    parse_number,
    parse_rate_or_ratio,
)
from socialroi_tui.text.words import Language
from socialroi_tui.tui.widgets.measure import content_width
from socialroi_tui.tui.widgets.plain import PlainLines

MAX_TYPED = 80
"""Characters a field holds: every keystroke reads the whole text, so a flood of keys
costs time in proportion to their number, not to its square."""
UNREADABLE = object()
"""What a field's text means when it is not a number."""


@runtime_checkable
class FieldOwner(Protocol):
    """The screen of number fields: told at each keystroke what its fields now read, in
    the keystroke itself (a message would cost a dispatch before the frame)."""

    def number_field_parsed(self, field: NumberField, value: Decimal | None) -> None:
        """``field`` reads ``value`` (None: empty)."""

    def number_field_invalid(self, field: NumberField) -> None:
        """``field`` does not read; ``field.problem`` says why."""


@functools.cache
def _declared_keys(field_class: type) -> dict[str, list[Binding]]:
    """Key → the bindings a field class declares (its own and Input's), from the public
    ``BINDINGS`` of each class."""
    found: dict[str, list[Binding]] = {}
    for cls in reversed(field_class.__mro__):
        for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", ())):
            found.setdefault(binding.key, []).insert(0, binding)
    return found


class NumberField(PlainLines, Input):
    """Reads its text as a number on every keystroke and tells its screen at once
    (``number_field_parsed`` / ``number_field_invalid``), so that the recalculated
    figures go out in the same frame as the typed character."""

    DEFAULT_CSS = """
    NumberField.-textual-compact {
        background: $boost;
    }
    NumberField.-workshop-blank {
        background: $warning 25%;
    }
    """

    def __init__(
        self,
        key: str,
        kind: str,
        label: str,
        lang: Language,
        *,
        allow_empty: bool = True,
        allow_above_100: bool = False,
        allow_ratio: bool = False,
        edit_key: str = "",
        **kwargs,
    ) -> None:
        self._drawing_styles: dict[object, Style] = {}
        """Styles Input asks for at every drawing, until the CSS changes."""
        super().__init__(compact=True, select_on_focus=False, max_length=MAX_TYPED, **kwargs)
        self.key = key
        self.edit_key = edit_key or key
        """The key of this field's edits (``budget.ctr``: see ``editing.field_value``)."""
        self.kind = kind
        self.label = label
        self.lang = lang
        self.allow_empty = allow_empty
        self.allow_above_100 = allow_above_100
        self.allow_ratio = allow_ratio
        """A rate field that also reads ``1 in 6``, ``1 sur 6``, ``1/6`` (a ``Ratio``)."""
        self._showing = False
        self.problem: str | None = None
        """Why the text is not a number (it is then drawn in the error colour), or None."""
        self.doubtful = False
        """The value reads but is unusual (a plausibility warning): drawn in the warning
        colour, underlined."""
        self._shown: tuple[Decimal | None, str] | None = None

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawing_styles.clear()

    @property
    def rich_style(self) -> Style:
        """Input asks at every drawing, and Textual works it out from every ancestor each
        time: kept until the styles change (as Textual's DataTable keeps its own)."""
        style = self._drawing_styles.get("")
        if style is None:
            style = self._drawing_styles[""] = super().rich_style
        return style

    def get_component_rich_style(
        self, *names: str, partial: bool = False, default: Style | None = None
    ) -> Style:
        """The cursor's style, kept like ``rich_style`` (Textual forgets it at every
        refresh, that is at every keystroke)."""
        key = (names, partial)
        style = self._drawing_styles.get(key)
        if style is None:
            style = super().get_component_rich_style(*names, partial=partial, default=default)
            self._drawing_styles[key] = style
        return style

    def validate_virtual_size(self, size: Size) -> Size:
        """Never narrower than the field: Input sets its virtual size to the text's width on
        every keystroke, and each change costs a layout of the whole screen."""
        return Size(max(size.width, content_width(self)), size.height)

    def validate(self, value: str) -> None:
        """No Textual validators: ``watch_value`` marks unreadable text itself. (Input's
        own marking toggled a CSS class, and restyled the field, on every key.)"""
        return None

    def parse(self, text: str) -> Decimal | None:
        """The value of ``text``; ``NumberError`` names this field and shows an example."""
        if not text.strip() and self.allow_empty:
            return None
        if self.allow_ratio:
            return parse_rate_or_ratio(text, lang=self.lang, field=self.label)
        return parse_number(
            text,
            self.kind,  # type: ignore[arg-type]
            lang=self.lang,
            field=self.label,
            allow_above_100=self.allow_above_100,
        )

    def watch_value(self, text: str) -> None:
        if self._showing or not self.is_mounted:
            return
        owner = self.screen
        if not isinstance(owner, FieldOwner):
            return
        try:
            value = self.parse(text)
        except NumberError as error:
            self._show_problem(str(error))
            owner.number_field_invalid(self)
            return
        self._show_problem(None)
        owner.number_field_parsed(self, value)

    def refuse(self, problem: str) -> None:
        """The value reads, but the campaign cannot take it: show why, as for text that
        does not read."""
        self._show_problem(problem)

    def clear_problem(self) -> None:
        """The field's text is being tried again: no error until it is refused anew."""
        self._show_problem(None)

    def _show_problem(self, problem: str | None) -> None:
        """Repaint the field alone (drawn by ``render_line``) when it turns readable or
        not: a CSS class would restyle it, about 1 ms at each switch."""
        switched = (problem is None) != (self.problem is None)
        self.problem = problem
        if switched:
            self.refresh()

    def render_line(self, y: int) -> Strip:
        if y == 0 and self.value.isprintable() and self.value and not self.has_focus:
            strip = self._unfocused_line()
        else:
            strip = super().render_line(y)
        if self.problem is not None:
            colour, bold = self.app.theme_variables.get("error", "red"), True
        elif self.doubtful:
            colour, bold = self.app.theme_variables.get("warning", "yellow"), False
        else:
            return strip
        style = Style(color=Color.parse(colour).rich_color, bold=bold, underline=True)
        return Strip(Segment.apply_style(strip, post_style=style), strip.cell_length)

    def mark_doubtful(self, doubtful: bool) -> None:
        """Draw the value as one worth a second look (or not any more)."""
        if doubtful != self.doubtful:
            self.doubtful = doubtful
            self.refresh()

    def _unfocused_line(self) -> Strip:
        """The text alone, as Input draws a field without the focus: without going
        through Rich's text layout (about 0.3 ms a field, for every figure shown)."""
        width = content_width(self) + 1  # Input's scrollable_content_region + 1
        scroll_x = self.scroll_offset.x
        strip = Strip([Segment(self.value)]).crop(scroll_x, scroll_x + width)
        return strip.extend_cell_length(width).apply_style(self.rich_style)

    async def on_key(self, event: events.Key) -> None:
        """A key that is not typed (⌫, arrows, Ctrl+U) runs its binding here, as the app
        would once the key had gone up through every container to it: a message less per
        container between the field and the app.

        The field's own bindings run on this field, even if the focus has moved on since
        the key arrived (keys sent together: ``End Ctrl+U 3 Tab`` edits this field, not
        the next one); other keys (Ctrl+Z, Ctrl+S) go up to the app's bindings."""
        if event.is_printable:
            return  # Input types it
        for binding in _declared_keys(type(self)).get(event.key, ()):
            if await self.app.run_action(binding.action, self):
                event.stop()
                return

    def post_message(self, message: Message) -> bool:
        """Input.Changed is not sent: ``watch_value`` has handled the change within the
        keystroke, and the message would only cost a dispatch before the frame."""
        if isinstance(message, Input.Changed):
            return False
        return super().post_message(message)

    def show(self, value: Decimal | None, force: bool = False) -> None:
        """Display ``value``; never over what the user is typing, nor over text left
        unreadable (its error stays until it is fixed), unless ``force`` (undo)."""
        if not force and (
            self._shown == (value, self.value)  # as last shown: no need to read it again
            or self.problem is not None
            or self.has_focus
        ):
            return
        if self._means(self.value) == value:
            self._shown = (value, self.value)
            return  # keep the user's way of writing it
        text = input_text(value, self.kind, self.lang, self._text_width(value))
        if self._shown is not None and not self.has_focus:
            self._show_unfocused(text)
        else:
            self._showing = True
            try:
                self.value = text
                self.cursor_position = len(text)  # typing goes on after the value shown (undo)
            finally:
                self._showing = False
        self._shown = (value, self.value)
        self._show_problem(None)

    def _means(self, text: str) -> object:
        """What ``text`` reads as (``UNREADABLE`` if it is not a number); known without
        reading it again when it is the text last shown."""
        if self._shown is not None and self._shown[1] == text:
            return self._shown[0]
        try:
            return self.parse(text) if text.strip() else None
        except NumberError:
            return UNREADABLE

    def _show_unfocused(self, text: str) -> None:
        """Put a figure in a field without the focus, with only what Input's own value
        watchers do that such a field shows (0.13 ms less for each figure shown: no
        cursor to place on screen, nothing to scroll to)."""
        self.set_reactive(Input.value, text)
        self.set_reactive(Input.selection, self.validate_selection(self.selection))
        self._fit_virtual_size(text)
        self.refresh()

    def _fit_virtual_size(self, text: str) -> None:
        """Input's virtual size for ``text`` (what it scrolls through), set without the
        layout of the screen that a change of virtual size asks for: the field's width
        comes from the CSS, not from its text."""
        virtual_size = self.validate_virtual_size(Size(cell_len(text) + 1, 1))
        self.set_reactive(Input.virtual_size, virtual_size)

    def _text_width(self, value: Decimal | None) -> int | None:
        """How many characters the field shows, for a ``Ratio`` (``1 sur 6`` in a field
        too narrow for it is written shorter); None until the field has its width."""
        if not isinstance(value, Ratio):
            return None
        return content_width(self) or None

    def on_resize(self) -> None:
        self._fit_virtual_size(self.value)
        shown = self._shown  # a ratio shown as it fits: written again for the new width
        if (
            shown is not None
            and isinstance(shown[0], Ratio)
            and shown[1] == self.value
            and not self.has_focus
            and self.problem is None
        ):
            text = input_text(shown[0], self.kind, self.lang, self._text_width(shown[0]))
            if text != self.value:
                self._show_unfocused(text)
                self._shown = (shown[0], text)
