"""The SRE Workbench terminal app. Build it with ``build_app``; nothing here does I/O before
the app runs, and all database work happens in thread workers."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from workbench.domain.organisation import Workspace
from workbench.errors import WorkbenchError
from workbench.service import Workbench
from workbench.tui.messages import TeamsLoaded, WorkspaceReady
from workbench.tui.screens.frame import SectionScreen
from workbench.tui.screens.opening_screen import OpeningScreen
from workbench.tui.sections import SECTIONS, section_by_id

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from workbench.service.teams import TeamsOverview


class StartupFailed(Message):
    """The database could not be opened; the app ends and the CLI prints the reason."""

    def __init__(self, error: WorkbenchError) -> None:
        super().__init__()
        self.error = error


class DatabaseOpened(Message):
    """The start-up worker opened (and if needed migrated) the database."""

    def __init__(self, engine: Engine, workspace: Workspace | None, notice: str) -> None:
        super().__init__()
        self.engine = engine
        self.workspace = workspace
        self.notice = notice


# Screens and providers not needed for the first frame are imported when first used: every
# module imported up front delays that frame (see benchmarks/startup.py).


def _commands_provider():
    from workbench.tui.palette import WorkbenchCommands

    return WorkbenchCommands


def _picker_screen() -> Screen:
    from workbench.tui.screens.picker_screen import PickerScreen

    return PickerScreen()


def describe_db(url: str) -> str:
    """Where the data lives, for the header: a file path, or the URL without password."""
    from workbench.store.db import display_url, sqlite_path

    path = sqlite_path(url)
    if path is not None:
        return str(path)
    return display_url(url)


class WorkbenchApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "SRE Workbench"
    COMMANDS = App.COMMANDS | {lambda: _commands_provider()}

    BINDINGS: ClassVar = [
        Binding("ctrl+q", "quit", "Quit", priority=True, id="quit",
                tooltip="Quit SRE Workbench"),
        Binding("f1", "help", "Help", id="help", tooltip="Show all keys"),
        Binding("question_mark", "help", "Help", show=False, id="help-alt",
                tooltip="Show all keys"),
    ]

    def __init__(self, engine: Engine | None, *, db_url: str | None = None,
                 workspace_id: int | None = None, workspace_name: str | None = None,
                 today: date | None = None) -> None:
        super().__init__()
        self.engine = engine
        self.db_url = db_url
        self.today_override = today
        # The one door to the store: screens call it from workers (None until the database
        # is open).
        self.service: Workbench | None = (
            Workbench(engine, today=today) if engine is not None else None)
        self.start_workspace_id = workspace_id
        self.start_workspace_name = workspace_name
        self.workspace: Workspace | None = None
        self.teams_overview: TeamsOverview | None = None
        self.known_workspaces: list[Workspace] = []
        # Set when the database cannot be opened; the CLI reports it after the app exits.
        self.startup_error: WorkbenchError | None = None
        if db_url and engine is not None:
            self.sub_title = describe_db(db_url)
        for section in SECTIONS:
            self.bind(section.key, f"section('{section.id}')", description=section.title,
                      show=False)

    def on_mount(self) -> None:
        if self.engine is None:
            # Paint first, then open the database: importing the store and checking migrations
            # takes longer than drawing the whole app.
            # The worker starts after that paint: its imports would otherwise compete with
            # the first frame for the interpreter.
            self.push_screen(OpeningScreen(self.db_url or ""))
            self.call_after_refresh(self._open_database)
            return
        if self.start_workspace_id is None:
            self._show_main(_picker_screen())
        else:
            self._load_start_workspace(self.start_workspace_id)

    # --- workers and their failures -------------------------------------------------------

    def report_worker_failure(self, worker: Worker) -> None:
        """The one place a failed worker ends up (screens forward theirs here)."""
        error = worker.error
        if isinstance(error, WorkbenchError):
            self.notify(str(error), title="Could not do that", severity="error", markup=False)
        else:
            self.log.error(f"worker {worker.name!r} failed: {error!r}")
            self.notify(f"{type(error).__name__}: {error}", title="Unexpected error",
                        severity="error", markup=False, timeout=15)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.report_worker_failure(event.worker)

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _open_database(self) -> None:
        from workbench.errors import NotFoundError
        from workbench.store.db import reading
        from workbench.store.session import choose_workspace, open_database

        try:
            db = open_database(self.db_url or "")
            with reading(db.engine) as session:
                try:
                    workspace = choose_workspace(session, self.start_workspace_name)
                except NotFoundError:
                    if self.start_workspace_name:
                        raise
                    workspace = None  # none yet, or several: the picker asks
        except WorkbenchError as exc:
            self.post_message(StartupFailed(exc))
            return
        notice = f"Database upgraded; backup saved to {db.backup}" if db.backup else ""
        self.post_message(DatabaseOpened(db.engine, workspace, notice))

    @on(StartupFailed)
    def _startup_failed(self, message: StartupFailed) -> None:
        self.startup_error = message.error
        self.exit(return_code=message.error.exit_code)

    @on(DatabaseOpened)
    def _database_opened(self, message: DatabaseOpened) -> None:
        self.engine = message.engine
        self.service = Workbench(message.engine, today=self.today_override)
        if self.db_url:
            self.sub_title = describe_db(self.db_url)
        if message.notice:
            self.notify(message.notice, title="Database", markup=False, timeout=10)
        if message.workspace is None:
            self._show_main(_picker_screen())
        else:
            self.open_workspace(message.workspace)

    def today(self) -> date:
        """The day the screens work with (fixed by ``build_app(today=...)`` in tests)."""
        return self.service.today() if self.service is not None else (
            self.today_override or date.today())

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _load_start_workspace(self, workspace_id: int) -> None:
        try:
            workspace = self.service.workspaces.get(workspace_id)
        except WorkbenchError:
            self.call_from_thread(self.action_pick_workspace)
            raise
        self.post_message(WorkspaceReady(workspace))

    @work(thread=True, exclusive=True, group="teams", exit_on_error=False)
    def _load_teams(self, workspace: Workspace) -> None:
        self.post_message(TeamsLoaded(self.service.teams.overview(workspace)))

    @work(thread=True, group="state", exit_on_error=False)
    def _remember(self, workspace: Workspace) -> None:
        from workbench.store.session import remember_workspace

        remember_workspace(workspace)

    @on(WorkspaceReady)
    def _workspace_ready(self, message: WorkspaceReady) -> None:
        self.open_workspace(message.workspace)

    @on(TeamsLoaded)
    def _teams_loaded(self, message: TeamsLoaded) -> None:
        if self.workspace is not None and message.overview.workspace.id == self.workspace.id:
            self.teams_overview = message.overview

    # --- navigation -----------------------------------------------------------------------

    def _show_main(self, screen: Screen) -> None:
        """Replace the main screen (picker or a section); dialogs are pushed on top of it."""
        # Screens pushed over a section (a walk, a summary) belong to it: drop them, or a jump
        # from the palette would leave the old section lurking underneath.
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def open_workspace(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.teams_overview = None
        self._remember(workspace)
        self._load_teams(workspace)
        self._show_main(SECTIONS[0].factory(workspace))

    def show_section(self, section_id: str, reveal: tuple[str, int] | None = None) -> None:
        if self.workspace is None:
            return
        current = self.screen
        if isinstance(current, SectionScreen) and section_id == current.SECTION_ID:
            if reveal is not None:
                current.reveal(*reveal)
            return
        screen = section_by_id(section_id).factory(self.workspace)
        screen.pending_reveal = reveal
        self._show_main(screen)

    def reveal(self, section_id: str, kind: str, record_id: int) -> None:
        """Open a section and select one of its records (used by the command palette)."""
        self.show_section(section_id, (kind, record_id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "section":
            return self.workspace is not None and isinstance(self.screen, SectionScreen)
        return True

    def action_section(self, section_id: str) -> None:
        self.show_section(section_id)

    def action_pick_workspace(self) -> None:
        self.workspace = None
        self.teams_overview = None
        self._show_main(_picker_screen())

    def help_rows(self) -> list[tuple[str, str]]:
        """Key and description of the bindings the footer shows for the current screen (with
        their aliases), then the sections and the command palette."""
        active_bindings = [a for a in self.screen.active_bindings.values()
                           if a.enabled and not a.binding.system and a.binding.description]
        shown = {a.binding.action for a in active_bindings if a.binding.show}
        rows: dict[tuple[str, str], list[str]] = {}
        for active in active_bindings:
            binding = active.binding
            if binding.action not in shown:  # widgets' own keys, or aliases of hidden ones
                continue
            key = (binding.action, binding.tooltip or binding.description)
            display = self.get_key_display(binding)
            if display not in rows.setdefault(key, []):
                rows[key].append(display)
        result = [(" / ".join(keys), description) for (_, description), keys in rows.items()]
        if isinstance(self.screen, SectionScreen):
            result += [(section.key, f"Go to {section.title}") for section in SECTIONS]
        result.append((self.get_key_display(Binding(self.COMMAND_PALETTE_BINDING, "")),
                       "Command palette: jump to a section, team or service"))
        return result

    def action_help(self) -> None:
        from workbench.tui.screens.help_screen import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
            return
        self.push_screen(HelpScreen(self.help_rows()))


def build_app(engine: Engine | None, *, db_url: str | None = None,
              workspace_id: int | None = None, workspace_name: str | None = None,
              today: date | None = None) -> WorkbenchApp:
    """The app for ``engine``: opens ``workspace_id`` directly, or the workspace picker.

    Without an engine the app opens ``db_url`` itself once its first screen is drawn, then
    shows ``workspace_name`` (or the last used / only workspace, else the picker). ``today``
    fixes the day every screen works with (default: the real date)."""
    return WorkbenchApp(engine, db_url=db_url, workspace_id=workspace_id,
                        workspace_name=workspace_name, today=today)
