"""The life of a campaign file: open, recovery copies, save, conflicts, reload, discard.

No Textual here. The app asks the user the questions this object raises (a conflict, a
save that would drop comments, a field left unreadable) and calls one method per answer;
every rule about what is written where lives here, and the tests drive it directly.
"""

from __future__ import annotations

import contextlib
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path

from socialroi_tui import collector
from socialroi_tui.document import Background, CampaignDocument
from socialroi_tui.model import Campaign
from socialroi_tui.model.campaign import MOST_SHORT_TEXT
from socialroi_tui.recovery import Recovery, discard_recovery, find_recovery, write_recovery
from socialroi_tui.store import CampaignFileError, dump_campaign, parse_campaign
from socialroi_tui.store.toml_store import (
    Progress,
    campaign_lock,
    check_file_name,
    prepare_to_save,
    tidy_after_killed_saves,
)
from socialroi_tui.text.words import Language, Problem


class SaveRefused(Exception):
    """A save that needs the user's answer first; ``reason`` says which question."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


NO_FILE_NAME = "no_file_name"
CHANGED_ON_DISK = "changed_on_disk"
DROPS_COMMENTS = "drops_comments"
UNREADABLE_FIELD = "unreadable_field"


@dataclass(frozen=True)
class Opened:
    """What opening a file found besides the campaign."""

    recovery: Recovery | None
    """Unsaved work left by an earlier run on this file, to offer back."""
    has_comments: bool
    """The file holds ``#`` comments that a save would drop."""


@dataclass(frozen=True)
class RecoverySnapshot:
    """The state a recovery copy is written from (taken on the interface's thread)."""

    document: CampaignDocument
    campaign: Campaign
    version: int
    path: Path | None


class CampaignSession:
    """The campaign being worked on and its file: one method per step of the file's life."""

    def __init__(self, lang: Language = "en", session_id: str | None = None):
        self.lang: Language = lang
        self.id = session_id or uuid.uuid4().hex[:8]
        """Names this run's recovery copy while the campaign has no file."""
        self.document: CampaignDocument | None = None
        self._set_aside = False
        """The document's objects are out of the collector's way (a large campaign)."""
        self.left_cleanly = False
        """The user saved or discarded before leaving: nothing to keep on the way out."""
        self._recovery_lock = threading.RLock()
        """Held while a recovery copy is written or removed (a worker thread writes it)."""
        self.in_background: Background | None = None
        """Given to each document: an interface's way to work off its thread."""

    @property
    def path(self) -> Path | None:
        return self.document.path if self.document is not None else None

    # --- opening --------------------------------------------------------------------

    def open(self, path: Path) -> Opened:
        """Read ``path`` (``CampaignFileError`` says what is wrong, and nothing changes);
        a missing file starts a new campaign that will be saved there."""
        return self.adopt(path, self.read(path))

    def read(self, path: Path, progress: Progress | None = None) -> CampaignDocument | None:
        """Read and check ``path``, changing nothing here: a large file is read by a
        worker thread while the interface shows ``progress``, and its figures are worked
        out there too (a small file's are, in an instant, when a screen first shows them).
        None for a missing file (a new campaign); ``CampaignFileError`` if it cannot be
        used."""
        check_file_name(path)
        if not path.exists():
            return None
        with collector.held():
            document = CampaignDocument.open(path, progress)
            document.in_background = self.in_background
            if progress:
                document.work_out()
        if progress:
            progress(1.0)
        return document

    def adopt(self, path: Path, document: CampaignDocument | None) -> Opened:
        """Work on ``document``, just read from ``path`` (None: a new campaign there)."""
        from socialroi_tui.recent import remember

        if document is None:
            from socialroi_tui.templates import blank_campaign

            self._work_on(CampaignDocument(blank_campaign(self.lang, path.stem[:MOST_SHORT_TEXT])))
            self.document.path = path
            return Opened(find_recovery(path), False)
        tidy_after_killed_saves(path)
        self._work_on(document)
        remember(path)
        return Opened(find_recovery(path), document.has_comments)

    def start(self, campaign: Campaign) -> None:
        """Work on a new campaign that has no file yet."""
        self._work_on(CampaignDocument(campaign))

    def reload(self) -> Opened:
        """Read the file again, throwing away the edits made here (and their recovery
        copy: the user chose the file's version over them)."""
        path = self.path
        if path is None:
            raise ValueError("no file to reload")
        if not path.is_file():  # removed meanwhile: keep the work (and its copy) as it is
            raise CampaignFileError(path, [Problem.of("problem_nothing_to_reload")])
        self.discard_recovery()
        opened = self.open(path)
        return Opened(None, opened.has_comments)

    def close(self) -> None:
        """Stop working on the campaign (its recovery copy stays if it had unsaved work)."""
        self.document = None

    @property
    def large(self) -> bool:
        """The campaign holds so many results that it was set aside from the collector."""
        return self._set_aside

    def prepare_to_save(self) -> None:
        """Get the next save and recovery copy ready (for a large campaign, in a worker)."""
        if self.document is not None:
            prepare_to_save(self.document.whole)

    def _work_on(self, document: CampaignDocument) -> None:
        if self._set_aside:
            collector.take_back()
        self.document = document
        document.in_background = self.in_background
        self._set_aside = len(document.whole.actuals) >= collector.LARGE
        if self._set_aside:
            collector.set_aside()
        self.left_cleanly = False

    # --- recovery copies ----------------------------------------------------------

    def restore(self, recovery: Recovery) -> None:
        """Bring back the unsaved edits of a recovery copy; they stay unsaved (and are
        undoable). ``CampaignFileError`` if the copy cannot be read."""
        try:
            campaign = parse_campaign(recovery.text(), recovery.copy)
        except OSError as error:
            problem = Problem.of("problem_cannot_read", reason=error.strerror)
            raise CampaignFileError(recovery.copy, [problem]) from None
        except UnicodeDecodeError:
            raise CampaignFileError(recovery.copy, [Problem.of("problem_copy_not_utf8")]) from None
        if self.document is None or recovery.original is None:
            self.start(campaign)
        else:
            self.document.apply(campaign)
        with self._recovery_lock:
            recovery.discard()  # this session keeps its own copy from now on

    def decline(self, recovery: Recovery) -> None:
        """The user does not want the unsaved work back: remove it."""
        with self._recovery_lock:
            recovery.discard()

    def recovery_snapshot(self) -> RecoverySnapshot | None:
        """What the recovery copy should hold now; None (and no copy left) when there is
        no unsaved work."""
        document = self.document
        if document is None:
            return None
        if not document.dirty:
            self.discard_recovery()
            return None
        return RecoverySnapshot(document, document.whole, document.version, document.path)

    def write_recovery(self, snapshot: RecoverySnapshot) -> None:
        """Write the recovery copy (from a worker thread). Skipped when the work was saved
        or discarded, or has changed, since the snapshot was taken: a later one follows."""
        text = dump_campaign(snapshot.campaign)
        with self._recovery_lock:
            document = self.document
            if (
                document is not snapshot.document
                or document.version != snapshot.version
                or not document.dirty
                or self.left_cleanly
            ):
                return
            self._write_copy(text, snapshot.path)

    def write_recovery_now(self) -> None:
        """On a hang-up, a termination or a crash: keep the last edit, now."""
        document = self.document
        if document is None or not document.dirty or self.left_cleanly:
            return
        with self._recovery_lock:
            self._write_copy(dump_campaign(document.whole), document.path)

    def _write_copy(self, text: str, path: Path | None) -> None:
        # Without a state folder the work is still in memory, and saving still works.
        with contextlib.suppress(OSError):
            write_recovery(text, path, self.id)

    def discard_recovery(self) -> None:
        """Remove the recovery copy of the current campaign (under its file and untitled)."""
        with self._recovery_lock:
            path = self.path
            discard_recovery(path, self.id)
            if path is not None:
                discard_recovery(None, self.id)

    def discard(self) -> None:
        """The user chose to throw the unsaved work away before leaving."""
        self.discard_recovery()
        self.left_cleanly = True

    # --- saving ---------------------------------------------------------------------

    def needs_saving(self) -> bool:
        """Unsaved edits, or text typed in a field that cannot be read yet."""
        document = self.document
        return document is not None and (document.dirty or bool(document.unreadable))

    def changed_on_disk(self) -> bool:
        return self.document is not None and self.document.changed_on_disk()

    def save(
        self,
        path: Path | None = None,
        *,
        overwrite: bool = False,
        drop_comments: bool = False,
    ) -> Path:
        """Save to ``path`` (or the campaign's file). Raises ``SaveRefused`` when the user
        must answer first (a field still unreadable, no file name, the file changed on disk
        since it was read, comments a save would drop) and ``CampaignFileError`` when the
        file cannot be written; either way nothing is lost."""
        from socialroi_tui.recent import remember

        document = self.document
        if document is None:
            raise ValueError("no campaign to save")
        if document.unreadable:
            raise SaveRefused(UNREADABLE_FIELD)
        target = path or document.path
        if target is None:
            raise SaveRefused(NO_FILE_NAME)
        same_file = target == document.path
        if same_file and document.has_comments and not drop_comments:
            raise SaveRefused(DROPS_COMMENTS)
        previous = document.path
        with campaign_lock(target):  # nobody writes between the check and the save
            if same_file and not overwrite and document.changed_on_disk():
                raise SaveRefused(CHANGED_ON_DISK)
            document.save(target)
        with self._recovery_lock:
            discard_recovery(previous, self.id)
            discard_recovery(target, self.id)
            discard_recovery(None, self.id)
        remember(target)
        return target
