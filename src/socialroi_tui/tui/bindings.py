"""Key bindings whose descriptions are i18n keys, shown in the user's language."""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from socialroi_tui.i18n import STRINGS, Language, t


def localize_bindings(node: DOMNode, lang: Language) -> None:
    """Replace each binding description that names an i18n key by its text in ``lang``."""
    key_to_bindings = node._bindings.key_to_bindings
    for key, bindings in key_to_bindings.items():
        key_to_bindings[key] = [
            replace(
                b,
                description=t(b.description, lang) if b.description in STRINGS else b.description,
                tooltip=t(b.tooltip, lang) if b.tooltip in STRINGS else b.tooltip,
            )
            for b in bindings
        ]
