"""Column mappings for CSV exports the importer does not know, saved for next time."""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from pathlib import Path

from socialroi_tui.store.headers import normalise
from socialroi_tui.store.toml_store import write_atomically
from socialroi_tui.text.safe import one_line
from socialroi_tui.text.words import Problem


def mappings_folder() -> Path:
    from platformdirs import user_config_path

    return user_config_path("socialroi", appauthor=False) / "mappings"


class MappingError(ValueError):
    """A mapping name that is not allowed, or a saved mapping that cannot be read (its one
    argument is the ``Problem``)."""

    def words(self, lang: str) -> str:
        return self.args[0].words(lang)


MAX_MAPPING_BYTES = 1024 * 1024


def mapping_path(name: str) -> Path:
    """Where the mapping ``name`` is kept (``MappingError`` for a name that is not
    letters, digits, dots and dashes)."""
    if not re.fullmatch(r"[\w.-]{1,64}", name, flags=re.ASCII) or name in (".", ".."):
        raise MappingError(Problem.of("problem_mapping_name", name=name))
    return mappings_folder() / f"{name}.json"


def save_mapping(name: str, mapping: dict[str, str]) -> Path:
    path = mapping_path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, json.dumps(mapping, indent=1, ensure_ascii=False).encode("utf-8"))
    return path


def load_mapping(name: str) -> dict[str, str]:
    """A saved mapping. Only a regular file is read (a FIFO or a device would block or
    never end)."""
    path = mapping_path(name)
    try:
        if not path.exists():
            raise MappingError(Problem.of("problem_no_mapping", name=name))
        if not path.is_file():
            raise MappingError(Problem.of("problem_mapping_not_file", name=name))
        if path.stat().st_size > MAX_MAPPING_BYTES:
            raise MappingError(Problem.of("problem_mapping_too_large", name=name))
        data = json.loads(path.read_text(encoding="utf-8"))
    except MappingError:
        raise
    except (OSError, ValueError) as error:
        reason = one_line(str(error), 80)
        raise MappingError(
            Problem.of("problem_mapping_unreadable", name=name, reason=reason)
        ) from None
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise MappingError(Problem.of("problem_mapping_not_pairs", name=name))
    return data


def headers_signature(headers: list[str]) -> str:
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
    except MappingError:
        return None
