"""A workshop's files: the participants' copies released, then read back.

- ``release``: one workbook per participant in a folder, never over an existing file;
- ``read_status``: where each participant is, read from the files (never a server);
- ``collect_answers``: the values of the blank fields, per participant.

An unreadable file is a row that says why, never a stop.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from socialroi_tui.engine.workshop import (
    BlankField,
    Progress,
    blank_fields,
    for_participant,
    workshop_progress,
)
from socialroi_tui.model import Campaign, WorkshopStep
from socialroi_tui.store.toml_store import (
    CampaignFileError,
    campaign_bytes,
    create_exclusively,
    load_campaign,
)
from socialroi_tui.text.safe import has_control
from socialroi_tui.text.words import Problem

MOST_PARTICIPANTS = 1000
MOST_NAMES_BYTES = 1024 * 1024
NAME_LENGTH = 60
"""The longest file name made from a participant's name (before ``.toml``)."""
_UNSAFE = re.compile(r"[^\w.-]+")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10))}
_RESERVED |= {f"lpt{i}" for i in range(10)}


def participant_file_name(name: str, number: int) -> str:
    """A file name (without ``.toml``) made from ``name``, safe on every system: letters,
    digits, ``-``, ``_`` and ``.`` only, no leading dot, no path, no control character;
    ``participant-NN`` when nothing usable is left."""
    text = unicodedata.normalize("NFKC", name)
    text = "".join(" " if has_control(c) or unicodedata.category(c) == "Cf" else c for c in text)
    text = _UNSAFE.sub("-", text.strip()).strip("-._")
    text = re.sub(r"-{2,}", "-", text)[:NAME_LENGTH].rstrip("-._").lower()
    if not text or text.split(".")[0] in _RESERVED:
        text = f"participant-{number:02d}"
    return text


def participant_name(text: str) -> str:
    """A name as a participant's workbook keeps it: one line, no control character,
    at most 200 characters."""
    flat = "".join(" " if has_control(c) else c for c in text.replace("\t", " "))
    return " ".join(flat.split())[:200]


def read_names(path: Path) -> list[str]:
    """The names in ``path``, one a line (blank lines and repeats left out);
    ``CampaignFileError`` when it cannot be read, is too large or holds no name."""
    try:
        with Path(path).open("rb") as stream:
            raw = stream.read(MOST_NAMES_BYTES + 1)
    except OSError as error:
        problem = Problem.of("problem_cannot_read", reason=error.strerror)
        raise CampaignFileError(path, [problem]) from None
    if len(raw) > MOST_NAMES_BYTES:
        problem = Problem.of("workshop_names_too_big", limit=MOST_NAMES_BYTES // (1024 * 1024))
        raise CampaignFileError(path, [problem])
    text = raw.decode("utf-8", errors="replace").removeprefix("\ufeff")
    names: list[str] = []
    for line in text.splitlines():
        name = participant_name(line)
        if name and name not in names:
            names.append(name)
    return names


@dataclass(frozen=True)
class Released:
    name: str
    path: Path
    written: bool
    """False: a file was there already, and was left as it was."""


def release(
    trainer: Campaign, folder: Path, names: list[str], lang: str | None = None
) -> list[Released]:
    """One workbook per name in ``folder`` (made if missing): named for them, blanks
    emptied, the trainer's answers and hidden checks removed, progress reset. A file
    already there is left as it is (``written`` False)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    released, taken = [], set()
    for number, raw_name in enumerate(names, start=1):
        name = participant_name(raw_name)
        stem = participant_file_name(name, number)
        base, count = stem, 1
        while stem.casefold() in taken:
            count += 1
            stem = f"{base}-{count}"
        taken.add(stem.casefold())
        path = folder / f"{stem}.toml"
        copy = for_participant(trainer, name, lang)
        written = (
            not path.exists()
            and not path.is_symlink()
            and create_exclusively(path, campaign_bytes(copy, path))
        )
        released.append(Released(name, path, written))
    return released


def room_workbook(
    folder: Path, name: str, trainer: Campaign | None = None, lang: str | None = None
) -> Path | None:
    """The workbook of participant ``name`` in the room's ``folder``: theirs if it is there
    (released to them, or begun earlier), else made from the ``trainer``'s; None when there
    is neither."""
    name = participant_name(name)
    path = Path(folder) / f"{participant_file_name(name, 1)}.toml"
    if path.exists():
        return path
    if trainer is None:
        return None
    return release(trainer, folder, [name], lang)[0].path


def workbook_files(folder: Path) -> list[Path]:
    """The campaign files in ``folder`` (not backups or hidden files), by name."""
    return sorted(
        path
        for path in Path(folder).iterdir()
        if path.suffix.lower() == ".toml" and not path.name.startswith(".")
    )


@dataclass(frozen=True)
class StatusRow:
    path: Path
    participant: str = ""
    progress: Progress | None = None
    saved: dt.datetime | None = None
    """When the file was last written (its modification time)."""
    problem: Problem | str | None = None
    """Why the file gives no progress: unreadable, or not a workbook."""


def _saved(path: Path) -> dt.datetime | None:
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
    except (OSError, ValueError, OverflowError):
        return None


def _read(path: Path) -> tuple[Campaign | None, Problem | str | None]:
    try:
        campaign = load_campaign(path).campaign
    except CampaignFileError as error:
        return None, error.problems[0] if error.problems else str(error)
    if campaign.workshop is None:
        return None, Problem.of("workshop_not_a_workbook")
    return campaign, None


def read_status(folder: Path) -> list[StatusRow]:
    """One row per workbook in ``folder``: its participant and progress, or why not."""
    rows = []
    for path in workbook_files(folder):
        campaign, problem = _read(path)
        if campaign is None:
            rows.append(StatusRow(path, saved=_saved(path), problem=problem))
            continue
        rows.append(
            StatusRow(
                path,
                participant=campaign.workshop.participant,  # type: ignore[union-attr]
                progress=workshop_progress(campaign),
                saved=_saved(path),
            )
        )
    return rows


@dataclass(frozen=True)
class Answers:
    """A workbook's blank fields and their values, by step id (None: unreadable)."""

    label: str
    path: Path | None
    fields: dict[str, list[BlankField]] | None
    problem: Problem | str | None = None
    steps: tuple[WorkshopStep, ...] = ()
    currency: str = "EUR"
    title: str = ""


def answers_of(campaign: Campaign, label: str, path: Path | None = None) -> Answers:
    workshop = campaign.workshop
    steps = workshop.steps if workshop is not None else []
    fields = {step.id: blank_fields(campaign, step) for step in steps}
    title = workshop.title if workshop is not None else ""
    return Answers(label, path, fields, None, tuple(steps), campaign.meta.currency, title)


def collect_answers(folder: Path, skip: Path | None = None) -> list[Answers]:
    """The answers of every workbook in ``folder`` (``skip``: the trainer's file, when
    it is there too)."""
    collected = []
    for path in workbook_files(folder):
        if skip is not None and path.resolve() == skip.resolve():
            continue
        campaign, problem = _read(path)
        if campaign is None:
            collected.append(Answers(path.stem, path, None, problem))
            continue
        label = campaign.workshop.participant or path.stem  # type: ignore[union-attr]
        collected.append(answers_of(campaign, label, path))
    return collected
