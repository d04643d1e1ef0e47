"""Column headers of exports, compared the way people read them."""

from __future__ import annotations

import re
import unicodedata

_BRACKETED = re.compile(r"\(.*?\)")
_NOT_WORD = re.compile(r"[^a-z0-9.]+")


def normalise(header: str) -> str:
    """``Montant dépensé (EUR)`` → ``montant depense``."""
    text = header
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = _BRACKETED.sub(" ", text.lower())
    return " ".join(_NOT_WORD.sub(" ", text).split())
