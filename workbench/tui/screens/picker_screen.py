"""The first screen when no workspace was chosen: list workspaces, open or create one."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Footer, Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from workbench import paths
from workbench.domain.organisation import Workspace
from workbench.tui.dialogs.name_dialog import NameDialog
from workbench.tui.screens.base import BaseScreen


class WorkspaceList(OptionList):
    BINDINGS: ClassVar = [Binding("enter", "select", "Open", id="open-workspace")]


class PickerScreen(BaseScreen):
    BINDINGS: ClassVar = [
        Binding("n", "new_workspace", "New workspace", id="new-workspace"),
    ]

    class Loaded(Message):
        def __init__(self, workspaces: list[Workspace], last_used: str | None) -> None:
            super().__init__()
            self.workspaces = workspaces
            self.last_used = last_used

    def __init__(self) -> None:
        super().__init__(id="picker-screen")
        self.workspaces: list[Workspace] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="picker"):
            yield Label("Workspaces", id="picker-title")
            yield WorkspaceList(id="workspaces")
            yield Static("Loading…", id="picker-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.title = None
        self.query_one("#workspaces").focus()
        self.load()

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def load(self) -> None:
        workspaces = self.app.service.workspaces.list()
        self.post_message(self.Loaded(workspaces, paths.read_state().get("last_workspace")))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.workspaces = message.workspaces
        self.app.known_workspaces = list(message.workspaces)  # for the command palette
        options = self.query_one("#workspaces", WorkspaceList)
        options.clear_options()
        for index, ws in enumerate(self.workspaces):
            if index:
                options.add_option(None)  # a separator line
            prompt = Text(ws.name, style="bold")
            if ws.description:
                prompt.append("\n")
                prompt.append(ws.description, style="dim")
            options.add_option(Option(prompt, id=str(ws.id)))
        if self.workspaces:
            last = next((str(ws.id) for ws in self.workspaces if ws.name == message.last_used),
                        None)
            options.highlighted = options.get_option_index(last) if last else 0
        hint = self.query_one("#picker-hint", Static)
        if self.workspaces:
            hint.update("enter opens the highlighted workspace · n creates a new one")
        else:
            hint.update("No workspace yet: press n to create one.")

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        chosen = next(ws for ws in self.workspaces if str(ws.id) == event.option.id)
        self.app.open_workspace(chosen)

    def action_new_workspace(self) -> None:
        service = self.app.service

        def save(name: str) -> Workspace:
            return service.workspaces.create(name)

        def created(workspace: Workspace | None) -> None:
            if workspace is not None:
                self.app.open_workspace(workspace)

        self.app.push_screen(NameDialog("New workspace", save, label="Workspace name"), created)
