"""Column headers of exports, compared the way people read them."""

from __future__ import annotations

import re
import unicodedata


def normalise(header: str) -> str:
    """``Montant dépensé (EUR)`` → ``montant depense``."""
    text = unicodedata.normalize("NFKD", header).encode("ascii", "ignore").decode()
    text = re.sub(r"\(.*?\)", " ", text.lower())
    return " ".join(re.sub(r"[^a-z0-9.]+", " ", text).split())
