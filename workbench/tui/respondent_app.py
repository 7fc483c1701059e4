"""Respondent mode: the app for one person answering one assessment run, and nothing else.

``workbench respond RUN_ID --as NAME`` (or ``--anonymous``) runs it. It opens the database
like the coach's app, joins the run (``MaturityService.join``) and shows only that run's
walk for that respondent.

Decisions:
- No way out of the run: no sections, no workspace picker, no command palette (it jumps
  anywhere); escape in the walk ends the app. Help and the theme switch stay.
- A save refused because the same respondent changed that answer elsewhere (a second
  window) reloads the walk, so the person sees what is stored before answering again.
- Who answered is kept in ``joined`` after the app ends, so the command can say how to
  carry on (an anonymous respondent must know their pseudonym to resume).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual import on, work
from textual.message import Message
from textual.worker import Worker

from workbench.errors import VersionConflict, WorkbenchError
from workbench.service import Workbench
from workbench.tui.app import StartupFailed, WorkbenchApp

if TYPE_CHECKING:
    from workbench.config import LoadedSettings
    from workbench.domain.organisation import Workspace
    from workbench.service.maturity import Joined


class RunJoined(Message):
    def __init__(self, joined: Joined, notice: str) -> None:
        super().__init__()
        self.joined = joined
        self.notice = notice


class RespondentApp(WorkbenchApp):
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, *, db_url: str, run_id: int, name: str | None,
                 today: date | None = None, settings: LoadedSettings | None = None) -> None:
        super().__init__(None, db_url=db_url, today=today, settings=settings)
        self.run_id = run_id
        self.respondent_name = name
        self.joined: Joined | None = None

    # The coach app's on_mount paints the opening screen and then calls this worker (Textual
    # runs every class's on_mount, so this app must not add its own): here it joins the run
    # instead of choosing a workspace.
    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _open_database(self) -> None:
        from workbench.store.session import open_database

        try:
            db = open_database(self.db_url or "", remember=False)
            self.engine = db.engine
            self.service = Workbench(db.engine, today=self.today_override)
            joined = self.service.maturity.join(self.run_id, self.respondent_name)
        except WorkbenchError as exc:
            self.post_message(StartupFailed(exc))
            return
        notice = f"Database upgraded; backup saved to {db.backup}" if db.backup else ""
        self.post_message(RunJoined(joined, notice))

    @on(RunJoined)
    def _joined(self, message: RunJoined) -> None:
        from workbench.tui.screens.maturity_walk_screen import walk_screen

        joined = message.joined
        self.joined = joined
        self.sub_title = f"run {joined.run.id} · {joined.run.scope}"
        if message.notice:
            self.notify(message.notice, title="Database", markup=False, timeout=10)
        if joined.new and joined.respondent.anonymous:
            self.notify(f"You answer as {joined.respondent.label}: nothing links that name "
                        "to you. Keep it to carry on later.", title="Anonymous",
                        markup=False, timeout=15)
        elif not joined.new:
            self.notify(f"Welcome back, {joined.respondent.label}: you carry on where you "
                        "stopped.", markup=False)
        self.switch_screen(walk_screen(joined.run, joined.model, joined.respondent))

    # --- nowhere else to go ---------------------------------------------------------------

    def open_workspace(self, workspace: Workspace) -> None:
        return None

    def action_pick_workspace(self) -> None:
        return None

    def show_section(self, section_id: str, reveal: tuple[str, int] | None = None) -> None:
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("section", "pick_workspace", "command_palette"):
            return False
        return super().check_action(action, parameters)

    def help_groups(self) -> list[tuple[str, list[tuple[str, str]]]]:
        groups = super().help_groups()
        # the command palette is off here: do not offer it in the help
        return [(heading, [row for row in rows if not row[1].startswith("Command palette")])
                for heading, rows in groups]

    def report_worker_failure(self, worker: Worker) -> None:
        super().report_worker_failure(worker)
        if isinstance(worker.error, VersionConflict):
            reload = getattr(self.screen, "reload", None)
            if reload is not None:
                reload()


def build_respondent_app(db_url: str, run_id: int, name: str | None, *,
                         today: date | None = None,
                         settings: LoadedSettings | None = None) -> RespondentApp:
    """The respondent mode app; ``name`` None joins anonymously."""
    if settings is None:
        from workbench.config import load_settings

        settings = load_settings()
    return RespondentApp(db_url=db_url, run_id=run_id, name=name, today=today,
                         settings=settings)
