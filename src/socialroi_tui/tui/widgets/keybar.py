"""A one-line footer of the keys that apply now: lighter than Textual's Footer (one widget
instead of one per key), which keeps start-up fast. Keys can be clicked."""

from __future__ import annotations

from textual.content import Content
from textual.events import Click
from textual.screen import Screen
from textual.widgets import Static

from socialroi_tui.text.words import SECTIONS, has_words, t


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._spans: list[tuple[int, int, str]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._keys_changed)
        self._draw()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self) -> None:
        self._draw()

    def _keys_changed(self, screen: Screen) -> None:
        if screen is self.screen:
            self._draw()

    def _draw(self) -> None:
        parts: list[tuple[str, str]] = []
        self._spans = []
        position = 0
        if getattr(self.screen, "SECTION", ""):  # a section screen: the others are 1 key away
            lang = getattr(self.app, "lang", "en")
            key_text, label = f" 1-{len(SECTIONS)}", f" {t('sections', lang)}"
            parts += [(key_text, "bold $footer-key-foreground"), (label, "")]
            position += len(key_text) + len(label)
        lang = getattr(self.app, "lang", "en")
        shown: set[str] = set()
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            if not binding.show or binding.action in shown or not active.enabled:
                continue
            if not has_words(binding.description):
                continue  # a widget's own (Textual's Select: "Dismiss menu"): not worded here
            shown.add(binding.action)
            key_text = f" {_key_name(binding.key, self.app.get_key_display(binding), lang)}"
            label = f" {_words(binding.description, lang)}"
            parts += [(key_text, "bold $footer-key-foreground"), (label, "")]
            self._spans.append((position, position + len(key_text) + len(label), key))
            position += len(key_text) + len(label)
        palette = f"^p {t('palette', lang)} "
        if position + len(palette) >= self.size.width:
            palette = "^p "
        gap = max(self.size.width - position - len(palette), 1)
        parts += [(" " * gap, ""), (palette, "$footer-description-foreground")]
        self._spans.append((position + gap, position + gap + len(palette), "ctrl+p"))
        content = Content.assemble(*parts)
        if content.plain != getattr(self, "_shown", None):
            self._shown = content.plain
            self.update(content, layout=False)

    async def on_click(self, event: Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                await self.app.run_action(f"simulate_key('{key}')")
                return


def _words(description: str, lang: str) -> str:
    """A binding's description names a catalog entry: its words in the user's language."""
    return t(description, lang) if has_words(description) else description


def _key_name(key: str, display: str, lang: str) -> str:
    """A key as the key bar shows it: ``^s``, and named keys in the user's words."""
    name = f"keyname_{key}"
    return t(name, lang) if has_words(name) else display
