"""Column mappings for CSV exports the importer does not know, saved for next time."""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from pathlib import Path

from socialroi_tui.store.toml_store import write_atomically


def mappings_folder() -> Path:
    from platformdirs import user_config_path

    return user_config_path("socialroi", appauthor=False) / "mappings"


def _path(name: str) -> Path:
    if not re.fullmatch(r"[\w.-]{1,64}", name):
        raise ValueError(f"mapping name {name!r}: letters, digits, dots and dashes only")
    return mappings_folder() / f"{name}.json"


def save_mapping(name: str, mapping: dict[str, str]) -> Path:
    path = _path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, json.dumps(mapping, indent=1, ensure_ascii=False).encode("utf-8"))
    return path


def load_mapping(name: str) -> dict[str, str]:
    path = _path(name)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"no saved mapping named {name!r}") from None
    except (OSError, ValueError) as error:
        raise ValueError(f"mapping {name!r} cannot be read ({error})") from None
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise ValueError(f"mapping {name!r} is not a list of 'header: field'")
    return data


def headers_signature(headers: list[str]) -> str:
    from socialroi_tui.store.csv_import import normalise

    joined = "|".join(normalise(h) for h in headers)
    return "auto-" + hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


def remember_mapping(headers: list[str], mapping: dict[str, str]) -> None:
    """Keep a mapping for files with these very columns (ignored if it cannot be written)."""
    with contextlib.suppress(OSError):
        save_mapping(headers_signature(headers), mapping)


def mapping_for_headers(headers: list[str]) -> dict[str, str] | None:
    """The mapping kept for files with these columns, if any."""
    try:
        return load_mapping(headers_signature(headers))
    except ValueError:
        return None
