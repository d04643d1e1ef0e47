"""Compiling and checking the word catalogs (a development tool: it needs Babel).

``python -m socialroi_tui.text.catalogs`` compiles each ``locale/<lang>.po`` to its
``.mo`` and prints what is wrong: a key missing from a language, placeholders that differ
from the English ones (a message flagged ``drops-values`` may leave some out), a plural
without its forms, or French punctuation without its no-break space (or with a curly
apostrophe, where the rest uses '). The tests run the same checks and fail when a
``.mo`` is out of date.
"""

from __future__ import annotations

import io
import re
import string
import sys

from socialroi_tui.text.words import FALLBACK, LOCALE

NBSP = "\u00a0"
_FRENCH_SPACING = re.compile(r"(?<=\S) [:;!?%»]|« ")
"""French typography: a no-break space before ``: ; ! ? %`` and ``»``, after ``«``."""


def read(lang: str):
    from babel.messages.pofile import read_po

    with (LOCALE / f"{lang}.po").open("rb") as stream:
        return read_po(stream, locale=lang)


def compiled(lang: str) -> bytes:
    """The ``.mo`` bytes of ``lang``'s catalog."""
    from babel.messages.mofile import write_mo

    out = io.BytesIO()
    write_mo(out, read(lang))
    return out.getvalue()


def languages() -> list[str]:
    return sorted(path.stem for path in LOCALE.glob("*.po"))


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def problems() -> list[str]:
    """What is wrong in the catalogs (empty when all is well)."""
    found = []
    reference = {message.id: message for message in read(FALLBACK) if message.id}
    for lang in languages():
        messages = {message.id: message for message in read(lang) if message.id}
        for key in reference.keys() - messages.keys():
            found.append(f"{lang}: {key!r} has no words")
        for key, message in messages.items():
            name = key[0] if isinstance(key, tuple) else key
            texts = message.string if isinstance(message.string, tuple) else (message.string,)
            if not all(texts):
                found.append(f"{lang}: {name!r} is empty (or lacks a plural form)")
            english = reference.get(key)
            if english is not None:
                wanted = set().union(*map(_fields, _as_tuple(english.string)))
                for text in texts:
                    dropped = "drops-values" in message.flags and _fields(text) < wanted
                    if _fields(text) != wanted and not dropped:
                        found.append(f"{lang}: {name!r} has {_fields(text)}, not {wanted}")
            if lang == "fr":
                for text in texts:
                    for match in _FRENCH_SPACING.finditer(text):
                        found.append(f"fr: {name!r}: no-break space wanted at {match.group()!r}")
                    if "\u2019" in text:
                        found.append(f"fr: {name!r}: the apostrophe is ' here, not \u2019")
    return found


def _as_tuple(text):
    return text if isinstance(text, tuple) else (text,)


def main() -> int:
    for lang in languages():
        (LOCALE / f"{lang}.mo").write_bytes(compiled(lang))
    found = problems()
    for problem in found:
        print(problem)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
