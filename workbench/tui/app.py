"""The SRE Workbench terminal app. Build it with ``build_app``, which reads the settings file;
nothing in the app does I/O before it runs, and all database and file work happens in thread
workers."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.theme import Theme
from textual.worker import Worker, WorkerState

from workbench.config import LoadedSettings, Settings
from workbench.domain.organisation import Workspace
from workbench.errors import WorkbenchError
from workbench.service import Workbench
from workbench.tui.messages import TeamsLoaded, WorkspaceReady
from workbench.tui.screens.frame import SectionScreen
from workbench.tui.screens.opening_screen import OpeningScreen
from workbench.tui.sections import SECTIONS, section_by_id
from workbench.tui.theme import HIGH_CONTRAST_NAME, THEMES

if TYPE_CHECKING:
    from collections.abc import Iterable

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
        # priority: it works in dialogs too (Textual stops other app keys at a modal screen)
        Binding("ctrl+t", "toggle_theme", "Theme", show=False, priority=True, id="toggle-theme",
                tooltip="Switch the high-contrast theme for projectors on or off"),
    ]

    def __init__(self, engine: Engine | None, *, db_url: str | None = None,
                 workspace_id: int | None = None, workspace_name: str | None = None,
                 today: date | None = None, settings: LoadedSettings | None = None) -> None:
        super().__init__()
        for theme in THEMES:
            self.register_theme(theme)
        self.settings: Settings = settings.settings if settings else Settings()
        self.settings_path = settings.path if settings else None
        # Shown once the app runs: a broken settings file costs a warning, never the start.
        self.setting_warnings: list[str] = list(settings.warnings) if settings else []
        self._theme_before_contrast = self.theme  # where ctrl+t returns to
        self._apply_theme_setting(self.settings.theme)
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
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        for warning in self.setting_warnings:
            self.notify(warning, title="Settings", severity="warning", markup=False,
                        timeout=10)
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

    # --- look: header and theme ----------------------------------------------------------

    def format_title(self, title: str, sub_title: str) -> Content:
        """Title and sub-title (the database) for the header. Textual dims the sub-title,
        which a projector washes out; where the data lives is worth reading."""
        if not sub_title:
            return Content(title)
        return Content.assemble(Content(title), " — ", Content(sub_title).stylize("italic"))

    def _apply_theme_setting(self, name: str | None) -> None:
        if name is None or name == self.theme:
            return
        if name not in self.available_themes:
            known = ", ".join(sorted(self.available_themes))
            self.setting_warnings.append(
                f"The theme {name!r} in the settings is not known (known: {known}); "
                f"using {self.theme}")
            return
        if name != HIGH_CONTRAST_NAME:
            self._theme_before_contrast = name
        self.theme = name

    def action_toggle_theme(self) -> None:
        """High contrast on, or back to the theme used before it."""
        if self.theme == HIGH_CONTRAST_NAME:
            self.theme = self._theme_before_contrast
        else:
            self.theme = HIGH_CONTRAST_NAME

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Switch theme",
                            "High-contrast theme for projectors on or off (ctrl+t)",
                            self.action_toggle_theme)

    def _theme_changed(self, theme: Theme) -> None:
        """Every way of choosing a theme (ctrl+t, the palette, Textual's theme picker) ends
        here: remember it for the next start."""
        if theme.name != HIGH_CONTRAST_NAME:
            self._theme_before_contrast = theme.name
        if theme.name != self.settings.theme:
            self.settings = replace(self.settings, theme=theme.name)
            self._save_settings()

    @work(thread=True, group="settings", exit_on_error=False)
    def _save_settings(self) -> None:
        from workbench.config import save_settings

        # The newest choice when this runs (a quick series of changes saves the last one)
        theme = self.settings.theme
        try:
            save_settings(self.settings_path, theme=theme)
        except OSError as exc:
            self.call_from_thread(
                self.notify, f"The theme could not be saved: {exc.strerror or exc}",
                title="Settings", severity="warning", markup=False)

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

    def help_groups(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """(heading, [(keys, description)]) for the help: every binding of the current
        screen and its focused widgets that has a description (hidden ones too, with their
        aliases); the keys of other parts of the screen that name themselves with a
        ``HELP_GROUP`` class attribute (e.g. the services table while the teams table has
        focus); the section keys; the keys that work everywhere."""
        screen = self.screen
        screen_rows = _HelpRows(self)
        app_rows = _HelpRows(self)
        for active in screen.active_bindings.values():
            if active.enabled:
                (app_rows if active.node is self else screen_rows).add(active.binding)
        groups = []
        in_focus = list(screen.focused.ancestors_with_self) if screen.focused else []
        focused_group = next((getattr(node, "HELP_GROUP", "") for node in in_focus
                              if getattr(node, "HELP_GROUP", "")), "")
        if screen_rows:
            heading = f"{focused_group} (focused) and this screen" if focused_group \
                else "This screen"
            groups.append((heading, screen_rows.rows()))
        for widget in screen.query("*"):
            heading = getattr(widget, "HELP_GROUP", "")
            if not heading or widget in in_focus:
                continue
            rows = _HelpRows(self)
            for binding in Binding.make_bindings(type(widget).BINDINGS):
                rows.add(binding)
            if rows:
                groups.append((heading, rows.rows()))
        if isinstance(screen, SectionScreen):
            groups.append(("Sections", [(section.key, f"Go to {section.title}")
                                        for section in SECTIONS]))
        everywhere = app_rows.rows()
        finds = ("jump to a section, team, service, SLO, story, persona, policy, "
                 "charter, org decision or on-call agreement"
                 if self.workspace is not None else "open a workspace")
        everywhere.append((self.get_key_display(Binding(self.COMMAND_PALETTE_BINDING, "")),
                           f"Command palette: {finds}; switch the theme"))
        groups.append(("Everywhere", everywhere))
        return groups

    def help_rows(self) -> list[tuple[str, str]]:
        """Every row of ``help_groups``, without the headings."""
        return [row for _, rows in self.help_groups() for row in rows]

    def action_help(self) -> None:
        from workbench.tui.screens.help_screen import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
            return
        screen = self.screen
        if isinstance(screen, SectionScreen) and screen.SECTION_ID:
            name = section_by_id(screen.SECTION_ID).title
        else:
            name = getattr(screen, "HELP_TITLE", "")
        self.push_screen(HelpScreen(self.help_groups(), title=name))


class _HelpRows:
    """Help rows in binding order: one row per action and description, listing every key
    bound to it ("d / del")."""

    def __init__(self, app: App) -> None:
        self.app = app
        self._keys: dict[tuple[str, str], list[str]] = {}

    def add(self, binding: Binding) -> None:
        if binding.system or not binding.description:
            return
        # Textual's own hidden keys (cursor movement in tables and lists) have no id; ours
        # all do.
        if not binding.id and not binding.show:
            return
        keys = self._keys.setdefault((binding.action, binding.tooltip or binding.description),
                                     [])
        display = self.app.get_key_display(binding)
        if display not in keys:
            keys.append(display)

    def __bool__(self) -> bool:
        return bool(self._keys)

    def rows(self) -> list[tuple[str, str]]:
        return [(" / ".join(keys), description)
                for (_, description), keys in self._keys.items()]


def build_app(engine: Engine | None, *, db_url: str | None = None,
              workspace_id: int | None = None, workspace_name: str | None = None,
              today: date | None = None,
              settings: LoadedSettings | None = None) -> WorkbenchApp:
    """The app for ``engine``: opens ``workspace_id`` directly, or the workspace picker.

    Without an engine the app opens ``db_url`` itself once its first screen is drawn, then
    shows ``workspace_name`` (or the last used / only workspace, else the picker). ``today``
    fixes the day every screen works with (default: the real date). ``settings`` default to
    ``workbench.config.load_settings()`` (the settings file and the environment); a CLI flag
    is passed as ``load_settings(theme=...)``."""
    if settings is None:
        from workbench.config import load_settings

        settings = load_settings()
    return WorkbenchApp(engine, db_url=db_url, workspace_id=workspace_id,
                        workspace_name=workspace_name, today=today, settings=settings)
