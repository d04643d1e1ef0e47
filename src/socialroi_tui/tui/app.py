"""The socialroi app: one campaign document, four sections, dialogs on top."""

from __future__ import annotations

import contextlib
import os
import signal
import time
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer

from socialroi_tui.i18n import Language, t
from socialroi_tui.quicklook import QuickLook, quick_look
from socialroi_tui.tui.bindings import localize_bindings
from socialroi_tui.tui.typing_gc import TypingCollector
from socialroi_tui.tui.widgets.topbar import SECTIONS, TopBar

if TYPE_CHECKING:  # the model (and pydantic) load after the first frame
    from socialroi_tui.document import CampaignDocument
    from socialroi_tui.model import Campaign
    from socialroi_tui.recovery import Recovery


def _objectives_screen() -> Screen:
    from socialroi_tui.tui.screens.objectives import ObjectivesScreen

    return ObjectivesScreen()


def _kpis_screen() -> Screen:
    from socialroi_tui.tui.screens.kpis import KpisScreen

    return KpisScreen()


def _funnel_screen() -> Screen:
    from socialroi_tui.tui.screens.funnel import FunnelScreen

    return FunnelScreen()


def _budget_screen() -> Screen:
    from socialroi_tui.tui.screens.budget import BudgetScreen

    return BudgetScreen()


def _dashboard_screen() -> Screen:
    from socialroi_tui.tui.screens.dashboard import DashboardScreen

    return DashboardScreen()


def _start_screen() -> Screen:
    from socialroi_tui.tui.screens.start import StartScreen

    return StartScreen()


class SocialRoiApp(App[None]):
    """Screens are built the first time they are shown, so that start-up stays fast."""

    CSS_PATH = "app.tcss"
    TITLE = "socialroi"
    MODES = {
        "start": _start_screen,
        "objectives": _objectives_screen,
        "kpis": _kpis_screen,
        "funnel": _funnel_screen,
        "budget": _budget_screen,
        "dashboard": _dashboard_screen,
    }
    BINDINGS = [
        Binding("1", "section('objectives')", "section_objectives", show=False, id="go_objectives"),
        Binding("2", "section('kpis')", "section_kpis", show=False, id="go_kpis"),
        Binding("3", "section('funnel')", "section_funnel", show=False, id="go_funnel"),
        Binding("4", "section('budget')", "section_budget", show=False, id="go_budget"),
        Binding("5", "section('dashboard')", "section_dashboard", show=False, id="go_dashboard"),
        Binding("ctrl+s", "save", "key_save", tooltip="save_help", id="save"),
        Binding("f2", "save_as", "key_save_as", tooltip="save_as_help", show=False, id="save_as"),
        Binding("ctrl+z", "undo", "key_undo", show=False, id="undo"),
        Binding("f1", "help", "key_help", tooltip="help_help", id="help"),
        Binding("ctrl+q", "quit", "key_quit", priority=True, id="quit"),
    ]

    def __init__(
        self,
        path: Path | None = None,
        first_section: str | None = None,
        lang: Language = "en",
        document: CampaignDocument | None = None,
    ) -> None:
        super().__init__()
        self.lang: Language = lang
        self.document = document
        self.session = uuid.uuid4().hex[:8]
        """Names this run's recovery copy while the campaign has no file."""
        self.left_cleanly = False
        """Set when the user saved or chose to discard before quitting."""
        self._recovery_timer: Timer | None = None
        self._last_edit = 0.0
        self._typing_gc = TypingCollector(self)
        self.opening = path is not None and document is None
        """The file given on the command line is still being loaded."""
        self._path = path
        self._first_section = first_section or "objectives"
        self._quick: QuickLook | None = None
        localize_bindings(self, lang)

    # --- opening ---------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self._typing_gc.key_pressed()
        await super().on_event(event)

    def on_unmount(self) -> None:
        self._typing_gc.resume()

    def on_mount(self) -> None:
        for signum in (signal.SIGHUP, signal.SIGTERM):
            signal.signal(signum, self._on_terminating_signal)
        if self.document is not None:
            self.switch_mode(self._first_section)
        elif self._path is not None:
            self._quick = quick_look(self._path) if self._first_section == "objectives" else None
            if self._quick is not None:
                # Show the first screen now; the screen asks for the full load once drawn.
                self.switch_mode("objectives")
            else:
                # A large file takes a few seconds to check: say so before it starts.
                self.switch_mode("start")
                if self._path.exists():
                    self.notify(t("loading", self.lang, name=self._path.name), timeout=30)
                self.set_timer(0.1, lambda: self.open_file(self._path, self._first_section))
        else:
            self.switch_mode("start")

    def open_file(self, path: Path, section: str = "objectives") -> None:
        """Open ``path`` (a missing file starts a new campaign that will be saved there)."""
        from socialroi_tui.document import CampaignDocument
        from socialroi_tui.recent import remember
        from socialroi_tui.store import CampaignFileError

        self.opening = False
        self.clear_notifications()  # "Opening…"
        if not path.exists():
            from socialroi_tui.templates import blank_campaign

            self._show(CampaignDocument(blank_campaign(self.lang, path.stem), path=None), section)
            self.document.path = path
            return
        try:
            document = CampaignDocument.open(path)
        except CampaignFileError as error:
            self._quick = None
            self.switch_mode("start")
            self.notify(str(error), title=t("open_failed", self.lang), severity="error", timeout=15)
            return
        remember(path)
        self._show(document, section)
        _trace("document-ready")
        self._offer_recovery(path)
        if document.has_comments:
            self.notify(t("comments_warning", self.lang), severity="warning", timeout=8)

    def finish_opening(self) -> None:
        """Load and check the file whose quick read the first screen shows."""
        if self._quick is not None and self.document is None and self._path is not None:
            section = self.current_mode if self.current_mode in SECTIONS else "objectives"
            self.open_file(self._path, section)

    def new_campaign(self, template: str | None) -> None:
        from socialroi_tui.document import CampaignDocument
        from socialroi_tui.templates import blank_campaign

        if template is None:
            campaign = blank_campaign(self.lang)
        else:
            from socialroi_tui.cli import template_text
            from socialroi_tui.store import parse_campaign

            campaign = parse_campaign(template_text(template), template)
        self._show(CampaignDocument(campaign), "objectives")

    def _show(self, document: CampaignDocument, section: str) -> None:
        self.document = document
        self._quick = None
        self.refresh_bindings()  # save and undo apply now
        if self.current_mode == section:
            self.refresh_view()
        else:
            self.switch_mode(section)

    # --- what screens ask of the app -------------------------------------------------

    def chosen_objectives(self) -> dict[str, bool]:
        """Objective id → primary, from the document (or the first quick read)."""
        if self.document is not None:
            return {o.id: o.primary for o in self.document.campaign.objectives}
        return dict(self._quick.objectives) if self._quick else {}

    def describe_header(self, bar: TopBar) -> None:
        document = self.document
        if document is not None:
            meta = document.campaign.meta
            file = document.path.name if document.path else ""
            bar.show(meta.name, file, document.dirty, self.lang, meta.currency)
        elif self._quick is not None and self._path is not None:
            bar.show(self._quick.name, self._path.name, False, self.lang, self._quick.currency)

    def edit(self, change: Callable[[Campaign], Campaign], key: str | None = None) -> bool:
        """Apply an edit to the campaign; a refused edit says why and changes nothing.

        Edits with the same ``key`` in a row (keystrokes in one field) undo as one."""
        from pydantic import ValidationError

        if self.document is None:
            self.finish_opening()  # a key pressed before the full load: load first
        if self.document is None:
            return False
        try:
            campaign = change(self.document.campaign)
        except (ValidationError, ValueError) as error:
            from socialroi_tui.store.toml_store import describe_validation_error

            message = (
                "\n".join(describe_validation_error(error))
                if isinstance(error, ValidationError)
                else str(error)
            )
            self.notify(message, severity="error")
            return False
        changed = self.document.apply(campaign, key)
        if changed:
            self.refresh_view()
            self._schedule_recovery()
        return changed

    def refresh_view(self, force: bool = False) -> None:
        refresh = getattr(self.screen, "refresh_view", None)
        if refresh is not None:
            refresh(force)

    # --- actions ---------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("save", "save_as", "undo", "section") and self.document is None:
            return self._quick is not None if action == "section" else False
        return True

    def action_section(self, section: str) -> None:
        if section in SECTIONS and (self.document is not None or self._quick is not None):
            self.switch_mode(section)

    def action_undo(self) -> None:
        if self.document is not None and self.document.undo():
            self.refresh_view(force=True)
            self._schedule_recovery()
        else:
            self.notify(t("nothing_to_undo", self.lang))

    def action_help(self) -> None:
        from socialroi_tui.tui.dialogs.help import HelpScreen

        self.push_screen(HelpScreen(self.lang))

    def action_save(self, then: Callable[[], None] | None = None) -> None:
        """Save to the current file (asking first if it holds comments a save would drop)."""
        document = self.document
        if document is None:
            return
        if document.path is None:
            self.action_save_as(then)
            return
        if document.changed_on_disk():
            self._resolve_conflict(then)
            return
        if not document.has_comments:
            if self._save_to(document.path, then) and then:
                then()
            return
        from socialroi_tui.store.toml_store import backup_path
        from socialroi_tui.tui.dialogs.choice import ChoiceDialog

        def answered(answer: str | None) -> None:
            if answer == "save" and self._save_to(document.path, then) and then:
                then()
            elif answer == "save_as":
                self.action_save_as(then)

        lang = self.lang
        self.push_screen(
            ChoiceDialog(
                t("comments_title", lang),
                t("comments_question", lang, backup=backup_path(document.path).name),
                [
                    ("save", t("choice_save_anyway", lang)),
                    ("save_as", t("choice_save_as", lang)),
                    ("cancel", t("choice_cancel", lang)),
                ],
            ),
            answered,
        )

    def _save_to(self, path: Path, then: Callable[[], None] | None = None) -> bool:
        """Save; on failure say why, keep the work in memory and offer "save as"."""
        from socialroi_tui.recent import remember
        from socialroi_tui.recovery import discard_recovery
        from socialroi_tui.store import CampaignFileError

        previous = self.document.path
        try:
            self.document.save(path)
        except CampaignFileError as error:
            self.notify(
                f"{error}\n{t('kept_in_memory', self.lang)}",
                title=t("save_failed", self.lang),
                severity="error",
                timeout=15,
            )
            self.action_save_as(then)
            return False
        discard_recovery(previous, self.session)
        discard_recovery(path, self.session)
        remember(path)
        self.notify(t("saved_to", self.lang, path=path.name), timeout=3)
        self.refresh_view()
        return True

    def action_save_as(self, then: Callable[[], None] | None = None) -> None:
        from socialroi_tui.tui.dialogs.prompt import TextPrompt

        document = self.document
        if document is None:
            return
        lang = self.lang
        confirmed: set[Path] = set()
        default = document.path or Path.cwd() / f"{_file_stem(document.campaign.meta.name)}.toml"

        def check(text: str) -> str | None:
            path = Path(text.strip()).expanduser()
            if not text.strip():
                return t("required", lang)
            if path.suffix.lower() != ".toml":
                path = path.with_name(path.name + ".toml")
            if not path.parent.is_dir():
                return t("not_a_folder", lang, folder=str(path.parent))
            if path.exists() and path != document.path and path not in confirmed:
                confirmed.add(path)
                return t("file_exists", lang, path=path.name)
            return None

        def chosen(text: str | None) -> None:
            if text is None:
                return
            path = Path(text.strip()).expanduser()
            if path.suffix.lower() != ".toml":
                path = path.with_name(path.name + ".toml")
            if self._save_to(path, then) and then:
                then()

        self.push_screen(
            TextPrompt(t("save_as_title", lang), t("file_name", lang), str(default), check), chosen
        )

    def _resolve_conflict(self, then: Callable[[], None] | None) -> None:
        """The file changed on disk since we read it: never overwrite it in silence."""
        from socialroi_tui.tui.dialogs.choice import ChoiceDialog

        document, lang = self.document, self.lang

        def answered(answer: str | None) -> None:
            if answer == "overwrite":
                if self._save_to(document.path, then) and then:
                    then()
            elif answer == "save_as":
                self.action_save_as(then)
            elif answer == "reload":
                self.open_file(document.path, self.current_mode)

        self.push_screen(
            ChoiceDialog(
                t("conflict_title", lang),
                t("conflict_question", lang, name=document.path.name),
                [
                    ("save_as", t("choice_save_as", lang)),
                    ("overwrite", t("choice_overwrite", lang)),
                    ("reload", t("choice_reload", lang)),
                    ("cancel", t("choice_cancel", lang)),
                ],
            ),
            answered,
        )

    def action_open(self) -> None:
        from socialroi_tui.tui.dialogs.open_file import OpenDialog

        def chosen(path: Path | None) -> None:
            if path is not None:
                self._leave_document(lambda: self.open_file(path))

        folder = self.document.path.parent if self.document and self.document.path else None
        self.push_screen(OpenDialog(self.lang, folder), chosen)

    def action_start(self) -> None:
        self._leave_document(lambda: self._back_to_start())

    def _back_to_start(self) -> None:
        self.document = None
        self._quick = None
        self.switch_mode("start")

    def action_rename(self) -> None:
        from socialroi_tui.editing import rename
        from socialroi_tui.tui.dialogs.prompt import TextPrompt

        if self.document is None:
            return

        def chosen(name: str | None) -> None:
            if name is not None:
                self.edit(lambda c: rename(c, name.strip()))

        name = self.document.campaign.meta.name
        self.push_screen(
            TextPrompt(t("rename", self.lang), t("campaign_name", self.lang), name), chosen
        )

    async def action_quit(self) -> None:
        self._leave_document(self._exit_cleanly)

    def _exit_cleanly(self) -> None:
        self.left_cleanly = True
        self.exit()

    def _leave_document(self, then: Callable[[], None]) -> None:
        """Run ``then`` once unsaved changes are saved or discarded (or not at all: cancel)."""
        document = self.document
        if document is None or not document.dirty:
            then()
            return
        from socialroi_tui.textsafe import one_line
        from socialroi_tui.tui.dialogs.choice import ChoiceDialog

        lang = self.lang

        def answered(answer: str | None) -> None:
            if answer == "save":
                self.action_save(then)
            elif answer == "discard":
                from socialroi_tui.recovery import discard_recovery

                discard_recovery(document.path, self.session)
                then()

        name = one_line(document.campaign.meta.name or t("untitled", lang), 40)
        self.push_screen(
            ChoiceDialog(
                t("quit_title", lang),
                t("quit_question", lang, name=name),
                [
                    ("save", t("choice_save", lang)),
                    ("discard", t("choice_discard", lang)),
                    ("cancel", t("choice_cancel", lang)),
                ],
            ),
            answered,
        )

    # --- recovery of unsaved work ------------------------------------------------

    def _schedule_recovery(self) -> None:
        """Keep the recovery copy up to date, a moment after the typing stops (one timer
        for a burst of keystrokes, not one per key)."""
        self._last_edit = time.monotonic()
        if self._recovery_timer is None:
            self._recovery_timer = self.set_timer(RECOVERY_DELAY, self._recovery_due)

    def _recovery_due(self) -> None:
        self._recovery_timer = None
        quiet = time.monotonic() - self._last_edit
        if quiet < RECOVERY_DELAY:  # still typing: wait for the rest of the pause
            self._recovery_timer = self.set_timer(RECOVERY_DELAY - quiet, self._recovery_due)
        else:
            self._keep_recovery()

    def _keep_recovery(self) -> None:
        document = self.document
        if document is None:
            return
        from socialroi_tui.recovery import discard_recovery

        if not document.dirty:
            discard_recovery(document.path, self.session)
            return
        campaign, path = document.campaign, document.path
        self.run_worker(
            lambda: self._write_recovery(campaign, path),
            thread=True,
            exclusive=True,
            group="recovery",
        )

    def _write_recovery(self, campaign: Campaign, path: Path | None) -> None:
        from socialroi_tui.recovery import write_recovery
        from socialroi_tui.store import dump_campaign

        # Without a state folder the work is still in memory, and saving still works.
        with contextlib.suppress(OSError):
            write_recovery(dump_campaign(campaign), path, self.session)

    def write_recovery_now(self) -> None:
        """On a hang-up, a termination or a crash: keep the last edit, now."""
        document = self.document
        if document is not None and document.dirty and not self.left_cleanly:
            self._write_recovery(document.campaign, document.path)

    def _on_terminating_signal(self, signum: int, frame: object) -> None:
        self.write_recovery_now()
        if signum == signal.SIGHUP:  # the terminal is gone: nothing to restore on it
            os._exit(128 + signum)
        self.left_cleanly = True
        self.exit(return_code=128 + signum)

    def _offer_recovery(self, path: Path) -> None:
        """A recovery copy was left for this file: offer to restore or discard it."""
        from socialroi_tui.recovery import find_recovery

        recovery = find_recovery(path)
        if recovery is None:
            return
        from socialroi_tui.tui.dialogs.choice import ChoiceDialog

        lang = self.lang
        when = recovery.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")

        def answered(answer: str | None) -> None:
            if answer == "restore":
                self.restore_recovery(recovery)
            elif answer == "discard":
                recovery.discard()

        self.push_screen(
            ChoiceDialog(
                t("recovery_title", lang),
                t("recovery_question", lang, name=path.name, when=when),
                [
                    ("restore", t("choice_restore", lang)),
                    ("discard", t("choice_discard_copy", lang)),
                    ("later", t("choice_later", lang)),
                ],
            ),
            answered,
        )

    def restore_recovery(self, recovery: Recovery) -> None:
        """Bring back the unsaved edits of a recovery copy (they stay unsaved)."""
        from socialroi_tui.store import CampaignFileError, parse_campaign

        try:
            campaign = parse_campaign(recovery.text(), recovery.copy)
        except (CampaignFileError, OSError) as error:
            self.notify(str(error), title=t("open_failed", self.lang), severity="error")
            return
        if self.document is None or recovery.original is None:
            from socialroi_tui.document import CampaignDocument

            self._show(CampaignDocument(campaign), "objectives")
            recovery.discard()  # this session keeps its own copy from now on
        else:
            self.document.apply(campaign)
            self.refresh_view(force=True)
        self._schedule_recovery()

    # --- command palette -------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        lang = self.lang
        if self.document is not None:
            for section in SECTIONS:
                name = t(f"section_{section}", lang)
                yield SystemCommand(
                    t("go_to", lang, section=name),
                    t("go_to_help", lang, section=name),
                    lambda s=section: self.action_section(s),
                )
            yield SystemCommand(t("key_save", lang), t("save_help", lang), self.action_save)
            yield SystemCommand(
                t("key_save_as", lang), t("save_as_help", lang), self.action_save_as
            )
            yield SystemCommand(t("rename", lang), t("rename_help", lang), self.action_rename)
        yield SystemCommand(t("start_open", lang), t("open_help", lang), self.action_open)
        yield SystemCommand(t("key_help", lang), t("help_help", lang), self.action_help)
        yield SystemCommand("socialroi", t("start_help", lang), self.action_start)
        yield SystemCommand(t("key_quit", lang), t("quit_help", lang), self.action_quit)


RECOVERY_DELAY = 1.0
"""Seconds of calm after an edit before the recovery copy is written."""


def _trace(event: str) -> None:
    """For ``make bench``: note when the campaign is fully loaded (SOCIALROI_BENCH_TRACE)."""
    import os

    trace = os.environ.get("SOCIALROI_BENCH_TRACE")
    if trace:
        import time

        with open(trace, "a", encoding="utf-8") as stream:
            stream.write(f"{event} {time.time()}\n")


def _file_stem(name: str) -> str:
    """A file name from a campaign name: letters, digits and dashes."""
    import re

    stem = re.sub(r"[^\w-]+", "-", name, flags=re.UNICODE).strip("-").lower()
    return stem or "campaign"
