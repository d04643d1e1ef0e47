"""The socialroi app: one campaign document, four sections, dialogs on top."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable, Coroutine, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.filter import LineFilter
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.timer import Timer

from socialroi_tui import collector
from socialroi_tui.quicklook import QuickLook, quick_look
from socialroi_tui.text.safe import one_line
from socialroi_tui.text.words import SECTIONS, Language, explain, has_words, t, tn
from socialroi_tui.tui.safe_output import ControlCharacters
from socialroi_tui.tui.typing_gc import TypingCollector
from socialroi_tui.tui.widgets.topbar import TopBar

if TYPE_CHECKING:  # the model (and pydantic) load after the first frame
    from textual.command import Provider

    from socialroi_tui.document import CampaignDocument
    from socialroi_tui.model import Campaign
    from socialroi_tui.recovery import Recovery
    from socialroi_tui.session import CampaignSession
    from socialroi_tui.tui.dialogs.loading import LoadingScreen
    from socialroi_tui.tui.screens.start import StartScreen
    from socialroi_tui.tui.widgets.number_field import NumberField


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


def _scenarios_screen() -> Screen:
    from socialroi_tui.tui.screens.scenarios import ScenariosScreen

    return ScenariosScreen()


def _attribution_screen() -> Screen:
    from socialroi_tui.tui.screens.attribution import AttributionScreen

    return AttributionScreen()


def _start_screen() -> Screen:
    from socialroi_tui.tui.screens.start import StartScreen

    return StartScreen()


def _commands() -> type[Provider]:
    from socialroi_tui.tui.commands import Commands

    return Commands


FULL_LOAD_DELAY = 0.05
"""Seconds between the first frame (drawn from a quick read) and the full load."""


class SocialRoiApp(App[None]):
    """Screens are built the first time they are shown, so that start-up stays fast."""

    CSS_PATH = "app.tcss"
    TITLE = "socialroi"
    COMMANDS = {_commands}
    MODES = {
        "start": _start_screen,
        "objectives": _objectives_screen,
        "kpis": _kpis_screen,
        "funnel": _funnel_screen,
        "budget": _budget_screen,
        "dashboard": _dashboard_screen,
        "scenarios": _scenarios_screen,
        "attribution": _attribution_screen,
    }
    BINDINGS = [
        # Each tooltip names what its key does, for the F1 help and the README (tui/keyhelp.py).
        *(
            Binding(
                str(number),
                f"section('{section}')",
                f"section_{section}",
                tooltip="keyhelp_sections",
                show=False,
                id=f"go_{section}",
            )
            for number, section in enumerate(SECTIONS, 1)
        ),
        Binding("ctrl+s", "save", "key_save", tooltip="keyhelp_save", id="save"),
        Binding(
            "f2", "save_as", "key_save_as", tooltip="keyhelp_save_as", show=False, id="save_as"
        ),
        Binding("ctrl+z", "undo", "key_undo", tooltip="keyhelp_undo", show=False, id="undo"),
        # The palette's key as Textual would add it, declared so that the help lists it.
        Binding(
            "ctrl+p",
            "command_palette",
            "palette",
            tooltip="keyhelp_palette",
            show=False,
            priority=True,
            id="command_palette",
        ),
        Binding("f1", "help", "key_help", tooltip="keyhelp_help", id="help"),
        Binding("ctrl+q", "quit", "key_quit", tooltip="keyhelp_quit", priority=True, id="quit"),
    ]

    def __init__(
        self,
        path: Path | None = None,
        first_section: str | None = None,
        lang: Language = "en",
        room: Path | None = None,
        trainer: Path | None = None,
    ) -> None:
        super().__init__()
        self._room, self._trainer = room, trainer
        """A workshop's folder served to a room, and the trainer's workbook (if given)."""
        self.lang: Language = lang
        self._session: CampaignSession | None = None
        self._recovery_timer: Timer | None = None
        self._last_edit = 0.0
        self._typing_gc = TypingCollector(self)
        self._asking = 0
        """Dialogs of the file's life being asked (save, leave, recovery): while one is
        open, the keys that would start another wait."""
        self.opening = path is not None
        """The file given on the command line is still being loaded."""
        self._reading = False
        """A worker is reading a large file."""
        self._path = path
        self._first_section = first_section or "objectives"
        self._quick: QuickLook | None = None
        self.workshop_open = False
        """A workbook's instructions opened (F6), or folded to their one line."""
        self.workshop_results: dict[str, list[tuple[bool, str]]] = {}
        """The last check of each step: (passed, feedback) per check."""
        self._workshop_step: str | None = None

    @property
    def session(self) -> CampaignSession:
        """The campaign and its file (created at the first use: the model loads after the
        first frame)."""
        if self._session is None:
            from socialroi_tui.session import CampaignSession

            self._session = CampaignSession(self.lang)
            self._session.in_background = self._in_background
        return self._session

    def _in_background(self, work: Callable[[], object], done: Callable[[object], None]) -> None:
        """``work`` in a worker thread, then ``done`` with its outcome and the screen drawn
        again (the attributed sales): asked from any thread."""
        if threading.current_thread() is not threading.main_thread():
            self.call_from_thread(self._in_background, work, done)
            return

        def finished(outcome: object) -> None:
            done(outcome)
            self.refresh_view(force=True)

        def run() -> None:
            outcome = work()
            with contextlib.suppress(RuntimeError):  # the app closed meanwhile
                self.call_from_thread(finished, outcome)

        self.run_worker(run, thread=True, group="background")

    @property
    def document(self) -> CampaignDocument | None:
        return self._session.document if self._session is not None else None

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notifications show their text as it is: a message may quote a file's contents,
        so it is never read as markup and its control characters are made visible."""
        from socialroi_tui.text.safe import visible

        super().notify(
            visible(message), title=visible(title), severity=severity, timeout=timeout, markup=False
        )

    def action_command_palette(self) -> None:
        """Textual's command palette, with its prompt in the user's words."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            placeholder = t("palette_placeholder", self.lang)
            self.push_screen(CommandPalette(id="--command-palette", placeholder=placeholder))

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters (NO_COLOR…), then the guard that keeps a file's control
        characters from the terminal."""
        return [*super().get_line_filters(), _CONTROL_GUARD]

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
        if self._path is None:
            self.switch_mode("start")
            if self._room is not None:
                self.call_after_refresh(self._ask_participant)
            return
        self._quick = quick_look(self._path) if self._first_section == "objectives" else None
        if self._quick is not None:
            # Show the first screen now; the screen asks for the full load once drawn.
            self.switch_mode("objectives")
        else:  # at once: a large file is read by a worker while its progress shows
            self.open_file(self._path, self._first_section)

    def on_ready(self) -> None:
        """The first frame is laid out: what waits for it to be painted starts then.
        (Textual starts up in a batch that holds every paint back: a timer set from the
        first screen's mount could run out before anything was painted.)"""
        self.call_after_refresh(self._first_frame_painted)

    def _first_frame_painted(self) -> None:
        """The collector runs again (``run_app`` held it back); a first frame drawn from
        a quick read of the file is left time to reach the terminal, then the whole file
        is loaded and checked."""
        collector.start_up_ended()
        if self._quick is not None and self.document is None:
            self.set_timer(FULL_LOAD_DELAY, self.finish_opening)

    def open_file(self, path: Path, section: str = "objectives") -> None:
        """Open ``path`` (a missing file starts a new campaign that will be saved there);
        unsaved work left on it by an earlier run is offered back."""
        from socialroi_tui.store import CampaignFileError

        if _is_large(path):
            self._read_in_background(path, section)
            return
        try:
            document = self.session.read(path)
        except CampaignFileError as error:
            self._open_failed(error)
            return
        self._opened(path, document, section)

    def _read_in_background(self, path: Path, section: str) -> None:
        """Read a large file in a worker thread; a bar shows how far it has come."""
        from socialroi_tui.store import CampaignFileError
        from socialroi_tui.tui.dialogs.loading import LoadingScreen

        self.opening = self._reading = True
        loading = LoadingScreen(path.name, self.lang)
        self.push_screen(loading)

        def read() -> None:
            try:
                document = self.session.read(
                    path, lambda fraction: self.call_from_thread(loading.advance, fraction)
                )
            except CampaignFileError as error:
                self.call_from_thread(self._open_failed, error, loading)
                return
            self.call_from_thread(self._opened, path, document, section, loading)

        self.run_worker(read, thread=True, group="open")

    def _open_failed(self, error: Exception, loading: LoadingScreen | None = None) -> None:
        if loading is not None:
            loading.dismiss()
        self.opening = self._reading = False
        self._quick = None
        self.switch_mode("start")
        self.notify(
            explain(error, self.lang),
            title=t("open_failed", self.lang),
            severity="error",
            timeout=15,
        )

    def _opened(
        self,
        path: Path,
        document: CampaignDocument | None,
        section: str,
        loading: LoadingScreen | None = None,
    ) -> None:
        """Work on the document just read: show it, then offer unsaved work left on it."""
        if loading is not None:
            section = loading.section or section  # a key typed meanwhile
            loading.dismiss()
        self.opening = self._reading = False
        opened = self.session.adopt(path, document)
        self._show(self._workbook_section(section))
        _trace("document-ready")
        if self.session.large:
            self.call_after_refresh(
                self.run_worker, self.session.prepare_to_save, thread=True, group="prepare"
            )
        if opened.recovery is not None:
            self._ask_in_turn(self._offer_recovery(opened.recovery))
        if opened.has_comments:
            self.notify(t("comments_warning", self.lang), severity="warning", timeout=8)

    def finish_opening(self) -> None:
        """Load and check the file whose quick read the first screen shows."""
        if self._reading:
            return  # a worker is reading it already
        if self._quick is not None and self.document is None and self._path is not None:
            section = self.current_mode if self.current_mode in SECTIONS else "objectives"
            self.open_file(self._path, section)

    def new_campaign(self, template: str | None) -> None:
        from socialroi_tui.templates import blank_campaign

        if template is None:
            campaign = blank_campaign(self.lang)
        else:
            from socialroi_tui.store import parse_campaign
            from socialroi_tui.templates import template_text

            campaign = parse_campaign(template_text(template), template)
        self.session.start(campaign)
        self._show(self._workbook_section("objectives"))

    def on_start_screen_new_campaign(self, message: StartScreen.NewCampaign) -> None:
        self.new_campaign(message.template)

    def on_start_screen_open_file(self, message: StartScreen.OpenFile) -> None:
        if message.path is None:
            self.action_open()
        else:
            self.open_file(message.path)

    def on_start_screen_recover(self, message: StartScreen.Recover) -> None:
        self.restore_recovery(message.recovery)

    # --- a workbook ----------------------------------------------------------------------

    def _ask_participant(self, problem: str = "") -> None:
        """A room's first screen: the participant's name, then their own workbook."""
        from socialroi_tui.tui.dialogs.prompt import TextPrompt

        lang = self.lang

        def named(name: str | None) -> None:
            if not name or not name.strip():
                self._ask_participant()
                return
            from socialroi_tui.store import CampaignFileError, load_campaign
            from socialroi_tui.store.workshop import room_workbook

            try:
                trainer = load_campaign(self._trainer).campaign if self._trainer else None
                path = room_workbook(self._room, name, trainer, lang)
            except (CampaignFileError, OSError) as error:
                self._ask_participant(one_line(explain(error, lang), 200))
                return
            if path is None:
                self._ask_participant(t("room_no_workbook", lang, name=one_line(name, 60)))
                return
            self.open_file(path)

        hint = problem or t("room_hint", lang)
        self.push_screen(TextPrompt(t("room_title", lang), t("room_name", lang), hint=hint), named)

    def _workbook_section(self, section: str) -> str:
        """A workbook opens on its first unfinished step (unless a screen was asked for);
        a larger terminal shows its instructions opened."""
        self._workshop_step, self.workshop_results = None, {}
        document = self.document
        if document is None or document.campaign.workshop is None:
            return section
        from socialroi_tui.engine.workshop import first_unfinished_step

        step = first_unfinished_step(document.campaign)
        if step is None:
            return section
        self._workshop_step = step.id
        self.workshop_open = self.size.height >= 40
        return step.section if section == "objectives" else section

    def workshop_step(self):
        """The step the participant works on (None: no workbook, or all done)."""
        document = self.document
        workshop = document.campaign.workshop if document is not None else None
        if workshop is None or not workshop.steps:
            return None
        return next((s for s in workshop.steps if s.id == self._workshop_step), workshop.steps[-1])

    def check_workshop_step(self) -> None:
        """Run the current step's checks and keep the outcome in the file; when it
        passes, on to the next unfinished step, on its screen."""
        from socialroi_tui.engine.workshop import check_and_mark, first_unfinished_step
        from socialroi_tui.model.workshop import text_in

        step = self.workshop_step()
        if step is None:
            return
        lang = self.lang
        marked, results = check_and_mark(self.document.campaign, step.id, lang)
        self.workshop_results[step.id] = [(r.passed, r.feedback) for r in results]
        self.edit(lambda c: marked)  # the campaign just checked (checked once)
        workshop = self.document.campaign.workshop
        done = workshop is not None and workshop.progress.get(step.id)
        if not (done and done.done):
            missed = sum(not r.passed for r in results)
            self.notify(tn("panel_workshop_missed", missed, lang), severity="warning")
            self.workshop_open = True
            self.refresh_view()
            self._show_latest_of_step()
            return
        following = first_unfinished_step(self.document.campaign)
        if following is None:
            self.notify(t("panel_workshop_all_done", lang), title=t("panel_workshop_passed", lang))
            self.refresh_view()
            return
        self._workshop_step = following.id
        title = text_in(following.title, lang)
        self.notify(
            t("panel_workshop_next", lang, title=title), title=t("panel_workshop_passed", lang)
        )
        if self.current_mode != following.section:
            self.switch_mode(following.section)
        self.refresh_view()

    def next_workshop_hint(self) -> None:
        """The current step's next hint, opened in its panel (and counted in the file)."""
        from socialroi_tui.engine.workshop import use_hint

        step = self.workshop_step()
        if step is None:
            return
        lang = self.lang
        counted, hint = use_hint(self.document.campaign, step.id, lang)
        if hint is None:
            self.notify(t("panel_workshop_no_hint", lang), severity="warning")
            return
        self.edit(lambda c: counted)
        self.workshop_open = True
        self.refresh_view()
        self._show_latest_of_step()

    def _show_latest_of_step(self) -> None:
        """The step's panel scrolled to its last check and hints."""
        from socialroi_tui.tui.widgets.workshop import WorkshopPanel

        for panel in self.screen.query(WorkshopPanel):
            panel.show_latest()

    def _show(self, section: str) -> None:
        """Show the session's document (just opened, created or reloaded) at ``section``."""
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
            campaign = document.whole
            file = document.path.name if document.path else ""
            bar.show(
                campaign.meta.name,
                file,
                document.dirty or bool(document.unreadable),  # text typed is work too
                self.lang,
                campaign.meta.currency,
                campaign.active_scenario,
            )
        elif self._quick is not None and self._path is not None:
            bar.show(self._quick.name, self._path.name, False, self.lang, self._quick.currency)

    def edit(
        self,
        change: Callable[[Campaign], Campaign],
        key: str | None = None,
        refused: Callable[[str], None] | None = None,
        whole: bool = False,
    ) -> bool:
        """Apply an edit to the campaign as the active scenario plans it (``whole``: to
        the file's campaign, for edits of the scenarios themselves); True if it changed
        something.

        A refused edit changes nothing and says why: to ``refused`` when given (a field
        shows it), else in a notification. Edits with the same ``key`` in a row
        (keystrokes in one field) undo as one."""
        from pydantic import ValidationError

        if self.document is None:
            self.finish_opening()  # a key pressed before the full load: load first
        if self.document is None:
            return False
        try:
            campaign = change(self.document.whole if whole else self.document.campaign)
        except (ValidationError, ValueError) as error:
            message = self._refusal(error)
            if refused is not None:
                refused(message)
            else:
                self.notify(message, severity="error")
            return False
        apply = self.document.apply_whole if whole else self.document.apply
        was_unreadable = key in self.document.unreadable
        changed = apply(campaign, key)
        if changed:
            self.refresh_view()
            self._schedule_recovery()
        elif was_unreadable:  # typed back to the value it held: no longer unsaved work
            self._refresh_header()
        return changed

    def refusal_of(self, change: Callable[[Campaign], Campaign], whole: bool = False) -> str | None:
        """Why ``change`` would be refused, in the user's words (None: it would not be);
        nothing is applied."""
        from pydantic import ValidationError

        if self.document is None:
            return None
        try:
            change(self.document.whole if whole else self.document.campaign)
        except (ValidationError, ValueError) as error:
            return self._refusal(error)
        return None

    def _refusal(self, error: Exception) -> str:
        """Why an edit was refused, in the user's words."""
        from socialroi_tui.editing import FunnelCountError
        from socialroi_tui.model.problems import refusal_words

        if isinstance(error, FunnelCountError):
            return t(f"count_{error.code}", self.lang, stage=one_line(error.base, 30))
        return refusal_words(error, self.lang)

    def field_unreadable(self, field: NumberField) -> None:
        """A field's text cannot be used: the campaign keeps its last value, and a save
        will ask about it."""
        from socialroi_tui.document import UnreadableField

        if self.document is None or field.problem is None:
            return
        changed = self.document.mark_unreadable(
            UnreadableField(field.edit_key, field.label, field.value, field.problem, field.kind)
        )
        if changed:  # the figures go back to the value from before this typing
            self.refresh_view()
            self._schedule_recovery()
        else:
            self._refresh_header()  # the unsaved mark: text typed is work too

    def _refresh_header(self) -> None:
        """The top bar again (its unsaved mark), when the figures have not changed."""
        if (refresh_header := getattr(self.screen, "refresh_header", None)) is not None:
            refresh_header()

    def refresh_view(self, force: bool = False) -> None:
        refresh = getattr(self.screen, "refresh_view", None)
        if refresh is not None:
            refresh(force)

    # --- actions ---------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("save", "save_as", "undo", "section") and self.document is None:
            # Drawn from the quick read, the first screen shows the keys it will offer.
            return self._quick is not None if action in ("section", "save") else False
        return True

    def action_section(self, section: str) -> None:
        if section in SECTIONS and (self.document is not None or self._quick is not None):
            self.switch_mode(section)

    def action_undo(self) -> None:
        """Take back the last edit: a field's typing, or the last change made elsewhere."""
        document = self.document
        if document is None or document.undo() is None:
            self.notify(t("nothing_to_undo", self.lang))
            return
        self.refresh_view(force=True)
        self._schedule_recovery()

    def action_help(self) -> None:
        from socialroi_tui.tui.dialogs.help import HelpScreen

        self.push_screen(HelpScreen(self.lang))

    def action_save(self) -> None:
        if self.document is None:
            return  # still being read: nothing was changed that a save would keep
        self._ask_now(self._save())

    def action_save_as(self) -> None:
        self._ask_now(self._save_as())

    def action_open(self) -> None:
        self._ask_now(self._open())

    def action_start(self) -> None:
        self._ask_now(self._back_to_start())

    async def action_quit(self) -> None:
        self._ask_now(self._quit())

    def action_rename(self) -> None:
        from socialroi_tui.editing import rename
        from socialroi_tui.tui.dialogs.prompt import TextPrompt

        if self.document is None:
            return

        def check(name: str) -> str | None:
            return self.refusal_of(lambda c: rename(c, name.strip()))

        def chosen(name: str | None) -> None:
            if name is not None:
                self.edit(lambda c: rename(c, name.strip()))

        name = self.document.campaign.meta.name
        self.push_screen(
            TextPrompt(t("rename", self.lang), t("campaign_name", self.lang), name, check), chosen
        )

    # --- the file's life: questions asked in turn (workers, read top to bottom) -------

    def _ask_now(self, flow: Coroutine[object, object, object]) -> None:
        """Start a flow the user asked for, unless another one is already asking."""
        if self._asking:
            flow.close()
            self.bell()
            return
        self._ask_in_turn(flow)

    def _ask_in_turn(self, flow: Coroutine[object, object, object]) -> None:
        async def run() -> None:
            self._asking += 1
            try:
                await flow
            finally:
                self._asking -= 1

        self.run_worker(run(), group="file")

    async def _ask(self, dialog: Screen[str | None]) -> str | None:
        return await self.push_screen_wait(dialog)

    async def _save(self, path: Path | None = None) -> bool:
        """Save (to ``path``, or the campaign's file), asking what the user wants wherever
        a save needs it; True once saved."""
        from socialroi_tui.session import (
            CHANGED_ON_DISK,
            NO_FILE_NAME,
            UNREADABLE_FIELD,
            SaveRefused,
        )
        from socialroi_tui.store import CampaignFileError

        session = self.session
        if session.document is None:
            return False
        overwrite = drop_comments = False
        while True:
            if not await self._settle_unreadable_fields():
                return False
            try:
                saved = session.save(path, overwrite=overwrite, drop_comments=drop_comments)
            except SaveRefused as refusal:
                if refusal.reason == UNREADABLE_FIELD:
                    continue  # typed into meanwhile: ask again
                if refusal.reason == NO_FILE_NAME:
                    answer = "save_as"
                elif refusal.reason == CHANGED_ON_DISK:
                    answer = await self._ask_about_conflict()
                else:
                    answer = await self._ask_about_comments()
                if answer == "overwrite":
                    overwrite = True
                elif answer == "save":
                    drop_comments = True
                elif answer == "reload":
                    self._reload()
                    return False
                elif answer == "save_as":
                    path = await self._ask_file_name()
                    if path is None:
                        return False
                else:
                    return False
                continue
            except CampaignFileError as error:
                self.notify(
                    f"{explain(error, self.lang)}\n{t('kept_in_memory', self.lang)}",
                    title=t("save_failed", self.lang),
                    severity="error",
                    timeout=15,
                )
                path = await self._ask_file_name()
                if path is None:
                    return False
                overwrite = drop_comments = False
                continue
            self.notify(t("saved_to", self.lang, path=saved.name), timeout=3)
            self.refresh_view()
            return True

    async def _save_as(self) -> bool:
        path = await self._ask_file_name()
        return path is not None and await self._save(path)

    async def _settle_unreadable_fields(self) -> bool:
        """Each field whose text cannot be read: go back to it, or keep the value it had
        before this typing (never the one a keystroke passed through). False: not now."""
        from socialroi_tui.text.numbers import input_text
        from socialroi_tui.tui.dialogs.choice import ChoiceDialog

        document, lang = self.document, self.lang
        while document is not None and document.unreadable:
            field = next(iter(document.unreadable.values()))
            kept = input_text(document.value_before(field.key), field.kind, lang)
            answer = await self._ask(
                ChoiceDialog(
                    t("unreadable_title", lang),
                    t("unreadable_question", lang, field=field.label, problem=field.problem),
                    [
                        ("back", t("choice_back_to_field", lang)),
                        ("keep", t("choice_keep", lang, value=kept or t("empty_value", lang))),
                        ("cancel", t("choice_cancel", lang)),
                    ],
                )
            )
            if answer == "keep":
                document.revert_field(field.key)
                self.refresh_view(force=True)
                self._schedule_recovery()
            else:
                if answer == "back":
                    await self._go_to_field(field.key)
                return False
        return True

    async def _go_to_field(self, key: str) -> None:
        section = key.partition(".")[0]
        if section in SECTIONS and self.current_mode != section:
            await self.switch_mode(section)
        focus_field = getattr(self.screen, "focus_field", None)
        if focus_field is not None:
            focus_field(key)

    async def _ask_file_name(self) -> Path | None:
        """Where to save: a ``.toml`` file in an existing folder (an existing file only
        once the user confirmed it)."""
        from socialroi_tui.tui.dialogs.prompt import TextPrompt

        document, lang = self.document, self.lang
        if document is None:
            return None
        confirmed: set[Path] = set()
        stem = _file_stem(document.campaign.meta.name, lang)
        default = document.path or Path.cwd() / f"{stem}.toml"

        def check(text: str) -> str | None:
            if not text.strip():
                return t("required", lang)
            if "\x00" in text:
                return t("not_a_file_name", lang)
            path = _toml_path(text)
            if not path.parent.is_dir():
                return t("not_a_folder", lang, folder=str(path.parent))
            if path.exists() and path != document.path and path not in confirmed:
                confirmed.add(path)
                return t("file_exists", lang, path=path.name)
            return None

        text = await self.push_screen_wait(
            TextPrompt(t("save_as_title", lang), t("file_name", lang), str(default), check)
        )
        return _toml_path(text) if text is not None else None

    async def _ask_about_conflict(self) -> str | None:
        from socialroi_tui.tui.dialogs.choice import ChoiceDialog

        lang, path = self.lang, self.session.path
        if not path.exists():  # removed since it was read: nothing to reload
            question = t("conflict_removed_question", lang, name=path.name)
            choices = [
                ("overwrite", t("choice_save_there", lang)),
                ("save_as", t("choice_save_as", lang)),
                ("cancel", t("choice_cancel", lang)),
            ]
        else:
            question = t("conflict_question", lang, name=path.name)
            choices = [
                ("save_as", t("choice_save_as", lang)),
                ("overwrite", t("choice_overwrite", lang)),
                ("reload", t("choice_reload", lang)),
                ("cancel", t("choice_cancel", lang)),
            ]
        return await self._ask(ChoiceDialog(t("conflict_title", lang), question, choices))

    async def _ask_about_comments(self) -> str | None:
        from socialroi_tui.store.toml_store import backup_path
        from socialroi_tui.tui.dialogs.choice import ChoiceDialog

        lang = self.lang
        return await self._ask(
            ChoiceDialog(
                t("comments_title", lang),
                t("comments_question", lang, backup=backup_path(self.session.path).name),
                [
                    ("save", t("choice_save_anyway", lang)),
                    ("save_as", t("choice_save_as", lang)),
                    ("cancel", t("choice_cancel", lang)),
                ],
            )
        )

    def _reload(self) -> None:
        """Read the file again, as it is on disk now; the edits made here are dropped."""
        from socialroi_tui.store import CampaignFileError

        try:
            opened = self.session.reload()
        except CampaignFileError as error:
            self.notify(
                explain(error, self.lang),
                title=t("open_failed", self.lang),
                severity="error",
                timeout=15,
            )
            return
        self._show(self.current_mode if self.current_mode in SECTIONS else "objectives")
        self.refresh_view(force=True)
        if opened.has_comments:
            self.notify(t("comments_warning", self.lang), severity="warning", timeout=8)

    async def _leave_document(self) -> bool:
        """True once the unsaved work is saved or discarded (False: the user cancelled)."""
        from socialroi_tui.text.safe import one_line
        from socialroi_tui.tui.dialogs.choice import ChoiceDialog

        session, lang = self._session, self.lang
        if session is None or not session.needs_saving():
            return True
        name = one_line(session.document.campaign.meta.name or t("untitled", lang), 40)
        answer = await self._ask(
            ChoiceDialog(
                t("quit_title", lang),
                t("quit_question", lang, name=name),
                [
                    ("save", t("choice_save", lang)),
                    ("discard", t("choice_discard", lang)),
                    ("cancel", t("choice_cancel", lang)),
                ],
            )
        )
        if answer == "save":
            return await self._save()
        if answer == "discard":
            session.discard()
            return True
        return False

    async def _quit(self) -> None:
        if await self._leave_document():
            if self._session is not None:
                self._session.left_cleanly = True
            self.exit()

    async def _open(self) -> None:
        from socialroi_tui.tui.dialogs.open_file import OpenDialog

        folder = self.session.path.parent if self.session.path else None
        path = await self.push_screen_wait(OpenDialog(self.lang, folder))
        if path is not None and await self._leave_document():
            self.open_file(path)

    async def _back_to_start(self) -> None:
        if await self._leave_document():
            if self._session is not None:
                self._session.close()
            self._quick = None
            self.switch_mode("start")

    async def _offer_recovery(self, recovery: Recovery) -> None:
        """Unsaved work was left on this file by an earlier run: restore or discard it."""
        from socialroi_tui.tui.dialogs.choice import ChoiceDialog

        lang = self.lang
        when = recovery.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
        name = recovery.original.name if recovery.original else t("untitled", lang)
        answer = await self._ask(
            ChoiceDialog(
                t("recovery_title", lang),
                t("recovery_question", lang, name=name, when=when),
                [
                    ("restore", t("choice_restore", lang)),
                    ("discard", t("choice_discard_copy", lang)),
                    ("later", t("choice_later", lang)),
                ],
            )
        )
        if answer == "restore":
            self.restore_recovery(recovery)
        elif answer == "discard":
            self.session.decline(recovery)

    def restore_recovery(self, recovery: Recovery) -> None:
        """Bring back the unsaved edits of a recovery copy (they stay unsaved)."""
        from socialroi_tui.store import CampaignFileError

        had_document = self.document is not None
        try:
            self.session.restore(recovery)
        except CampaignFileError as error:
            self.notify(
                explain(error, self.lang), title=t("open_failed", self.lang), severity="error"
            )
            return
        if had_document and recovery.original is not None:
            self.refresh_view(force=True)
        else:
            self._show("objectives")
        self._schedule_recovery()

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
            return
        session = self._session
        snapshot = session.recovery_snapshot() if session is not None else None
        if snapshot is not None:
            self.run_worker(
                lambda: session.write_recovery(snapshot),
                thread=True,
                exclusive=True,
                group="recovery",
            )

    def write_recovery_now(self) -> None:
        """On a hang-up, a termination or a crash: keep the last edit, now."""
        if self._session is not None:
            self._session.write_recovery_now()

    def _on_terminating_signal(self, signum: int, frame: object) -> None:
        self.write_recovery_now()
        if signum == signal.SIGHUP:  # the terminal is gone: nothing to restore on it
            os._exit(128 + signum)
        if self._session is not None:
            self._session.left_cleanly = True
        self.exit(return_code=128 + signum)

    def action_export_xlsx(self) -> None:
        """The workbook of the plan shown, beside the campaign's file."""
        self._export("xlsx")

    def action_export_markdown(self) -> None:
        """The Markdown report of the plan shown (and a workbook's progress)."""
        self._export("md")

    def _export(self, suffix: str) -> None:
        """A report beside the campaign's file, written in a thread (a campaign of many
        results takes a while); served to a browser, it is downloaded there too."""
        document, lang = self.document, self.lang
        if document is None:
            return
        folder = document.path.parent if document.path else Path.cwd()
        name = document.campaign.meta.name
        stem = document.path.stem if document.path else _file_stem(name, lang)
        target = folder / f"{stem}.{suffix}"
        campaign, results = document.campaign, document.results

        def export() -> None:
            from socialroi_tui.presenter import markdown_report, xlsx_report
            from socialroi_tui.store.toml_store import write_atomically

            try:
                if suffix == "xlsx":
                    xlsx_report(campaign, results, target, lang)
                else:
                    text = markdown_report(campaign, results, lang)
                    write_atomically(target, text.encode("utf-8"))
            except OSError as error:
                message = t(
                    "export_failed", lang, path=one_line(str(target)), reason=error.strerror
                )
                self.call_from_thread(self.notify, message, severity="error")
                return
            message = t("report_written", lang, path=one_line(str(target)))
            self.call_from_thread(self.notify, message, timeout=6)
            if self.is_web:  # served to a browser: the file is downloaded there
                self.call_from_thread(self.deliver_binary, target)

        self.run_worker(export, thread=True, group="export")

    # --- scenarios -------------------------------------------------------------------

    def switch_scenario(self, name: str) -> None:
        """Show and edit scenario ``name`` (empty: the base plan) from now on."""
        from socialroi_tui.editing import switch_scenario

        document = self.document
        if document is None or document.whole.active_scenario == name:
            return
        # Text that did not read in the plan left belongs to that plan: it goes, and every
        # field shows the figures of the plan switched to.
        document.forget_unreadable(lambda key: True)
        document.end_typing()
        if self.edit(lambda c: switch_scenario(c, name), whole=True):
            self.refresh_view(force=True)  # every field shows the scenario's figures
            shown = one_line(name, 40) if name else t("base_plan", self.lang)
            self.notify(t("scenario_active", self.lang, name=shown), timeout=3)

    def action_new_scenario(self) -> None:
        """A new scenario made from the plan shown, named by the user, made active."""
        from socialroi_tui.editing import add_scenario
        from socialroi_tui.tui.dialogs.prompt import TextPrompt

        document, lang = self.document, self.lang
        if document is None:
            return
        taken = {s.name.casefold() for s in document.whole.scenarios}
        number = len(taken) + 1
        while t("scenario_default_name", lang, number=number).casefold() in taken:
            number += 1

        def check(name: str) -> str | None:
            return self.refusal_of(lambda c: add_scenario(c, name), whole=True)

        def chosen(name: str | None) -> None:
            if name is not None and self.edit(lambda c: add_scenario(c, name), whole=True):
                self.refresh_view(force=True)

        self.push_screen(
            TextPrompt(
                t("new_scenario", lang),
                t("scenario_name", lang),
                t("scenario_default_name", lang, number=number),
                check,
                hint=t("new_scenario_hint", lang),
            ),
            chosen,
        )

    def _scenario_commands(self) -> Iterable[SystemCommand]:
        """Switch to any other scenario, or make a new one, from anywhere."""
        from textual.markup import escape as escape_markup

        lang, whole = self.lang, self.document.whole
        yield SystemCommand(
            t("new_scenario", lang), t("new_scenario_help", lang), self.action_new_scenario
        )
        for name in ["", *(s.name for s in whole.scenarios)]:
            if name != whole.active_scenario:
                # The palette reads its titles as markup: a name is text.
                shown = escape_markup(one_line(name, 40)) if name else t("base_plan", lang)
                yield SystemCommand(
                    t("scenario_command", lang, name=shown),
                    t("scenario_command_help", lang),
                    lambda n=name: self.switch_scenario(n),
                )

    # --- command palette -------------------------------------------------------------

    def _screen_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The keys of the screen the palette was opened on (and of its focused widget),
        as commands: each worded key, with its help (the app's own follow)."""
        lang, seen = self.lang, set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if active.node is self or not active.enabled or binding.action in seen:
                continue
            if not has_words(binding.description):
                continue  # a widget's own (Textual's): not worded here
            seen.add(binding.action)
            tooltip = binding.tooltip if has_words(binding.tooltip) else binding.description
            yield SystemCommand(
                t(binding.description, lang),
                t(tooltip, lang),
                lambda node=active.node, action=binding.action: self.call_later(
                    node.run_action, action
                ),
            )

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        lang = self.lang
        yield from self._screen_commands(screen)
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
            yield SystemCommand(
                t("export_xlsx", lang), t("export_xlsx_help", lang), self.action_export_xlsx
            )
            yield SystemCommand(
                t("export_markdown", lang),
                t("export_markdown_help", lang),
                self.action_export_markdown,
            )
            yield from self._scenario_commands()
        yield SystemCommand(t("start_open", lang), t("open_help", lang), self.action_open)
        yield SystemCommand(t("key_help", lang), t("help_help", lang), self.action_help)
        yield SystemCommand("socialroi", t("start_help", lang), self.action_start)
        yield SystemCommand(t("key_quit", lang), t("quit_help", lang), self.action_quit)


_CONTROL_GUARD = ControlCharacters()

RECOVERY_DELAY = 1.0
"""Seconds of calm after an edit before the recovery copy is written."""


def _trace(event: str) -> None:
    """For ``make bench``: note when the campaign is fully loaded (SOCIALROI_BENCH_TRACE)."""
    trace = os.environ.get("SOCIALROI_BENCH_TRACE")
    if trace:
        with open(trace, "a", encoding="utf-8") as stream:
            stream.write(f"{event} {time.time()}\n")


def _is_large(path: Path) -> bool:
    """A file big enough that reading it takes a moment (read by a worker thread)."""
    from socialroi_tui.quicklook import MAX_QUICK_BYTES

    try:
        return path.is_file() and path.stat().st_size > MAX_QUICK_BYTES
    except (OSError, ValueError):
        return False


def _toml_path(text: str) -> Path:
    """The file a typed name means: ``~`` expanded, ``.toml`` added when missing."""
    path = Path(text.strip()).expanduser()
    return path if path.suffix.lower() == ".toml" else path.with_name(path.name + ".toml")


def _file_stem(name: str, lang: Language) -> str:
    """A file name from a campaign name: letters, digits and dashes (a campaign without
    a name: "campagne" in French)."""
    import re

    stem = re.sub(r"[^\w-]+", "-", name, flags=re.UNICODE).strip("-").lower()
    return stem or t("untitled_file_stem", lang)
