"""The first screen when no workspace was chosen: list workspaces; open, create, rename or
delete one.

Every read and write goes through ``self.app.service`` in one exclusive thread worker, and
the list is loaded again after every change (also a failed one, so it shows what is stored).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

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
from workbench.errors import WorkbenchError
from workbench.tui.dialogs.confirm_dialog import ConfirmDialog
from workbench.tui.dialogs.name_dialog import NameDialog
from workbench.tui.screens.base import BaseScreen
from workbench.tui.screens.reloading import ReloadsData

if TYPE_CHECKING:
    from workbench.service.workspaces import WorkspaceContents


class WorkspaceList(OptionList):
    BINDINGS: ClassVar = [
        Binding("enter", "select", "Open", id="open-workspace",
                tooltip="Open the highlighted workspace"),
    ]


class PickerScreen(ReloadsData, BaseScreen):
    BINDINGS: ClassVar = [
        Binding("n", "new_workspace", "New", id="new-workspace",
                tooltip="Create a new workspace"),
        Binding("r", "rename_workspace", "Rename", id="rename-workspace",
                tooltip="Rename the highlighted workspace"),
        Binding("d,delete", "delete_workspace", "Delete", id="delete-workspace",
                tooltip="Delete the highlighted workspace and everything in it (asks first)"),
    ]
    HELP_TITLE = "Workspaces"

    class ContentsLoaded(Message):
        def __init__(self, contents: WorkspaceContents) -> None:
            super().__init__()
            self.contents = contents

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
        self.reload()

    # --- loading and changing -------------------------------------------------------------

    def load_data(self) -> tuple[list[Workspace], str | None]:
        return (self.app.service.workspaces.list(),
                paths.read_state().get("last_workspace"))

    async def show_data(self, data: tuple[list[Workspace], str | None],
                        select: int | None) -> None:
        self.workspaces, last_used = data
        self.app.known_workspaces = list(self.workspaces)  # for the command palette
        options = self.query_one("#workspaces", WorkspaceList)
        previous = self.highlighted()
        options.clear_options()
        for index, ws in enumerate(self.workspaces):
            if index:
                options.add_option(None)  # a separator line
            prompt = Text(ws.name, style="bold")
            if ws.description:
                prompt.append("\n")
                prompt.append(ws.description, style="italic")
            options.add_option(Option(prompt, id=str(ws.id)))
        if self.workspaces:
            ids = {ws.id for ws in self.workspaces}
            wanted = select if select in ids else None
            if wanted is None and previous is not None and previous.id in ids:
                wanted = previous.id
            if wanted is None:
                wanted = next((ws.id for ws in self.workspaces
                               if ws.name == last_used), self.workspaces[0].id)
            options.highlighted = options.get_option_index(str(wanted))
        hint = self.query_one("#picker-hint", Static)
        if self.workspaces:
            hint.update("enter opens the highlighted workspace · n creates a new one")
        else:
            hint.update("No workspace yet: press n to create one.")

    def highlighted(self) -> Workspace | None:
        options = self.query_one("#workspaces", WorkspaceList)
        if options.highlighted is None or options.option_count == 0:
            return None
        option_id = options.get_option_at_index(options.highlighted).id
        return next((ws for ws in self.workspaces if str(ws.id) == option_id), None)

    # --- actions --------------------------------------------------------------------------

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

    def action_rename_workspace(self) -> None:
        workspace = self.highlighted()
        if workspace is None:
            self.notify("There is no workspace to rename yet.", severity="warning")
            return
        service = self.app.service

        def save(name: str) -> Workspace:
            return service.workspaces.rename(workspace, name)

        def renamed(result: Workspace | None) -> None:
            if result is not None:
                self.reload(select=result.id, notice=f"Renamed to {result.name}")

        self.app.push_screen(NameDialog("Rename workspace", save, label="New name",
                                        value=workspace.name), renamed)

    def action_delete_workspace(self) -> None:
        workspace = self.highlighted()
        if workspace is None:
            self.notify("There is no workspace to delete.", severity="warning")
            return
        self._count_contents(workspace)

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _count_contents(self, workspace: Workspace) -> None:
        try:
            contents = self.app.service.workspaces.contents(workspace)
        except WorkbenchError:
            self.app.call_from_thread(self.reload)  # it is gone already: show what is stored
            raise
        self.post_message(self.ContentsLoaded(contents))

    @on(ContentsLoaded)
    def _confirm_delete(self, message: ContentsLoaded) -> None:
        contents = message.contents
        # The version counted: a rename in between makes the delete refuse.
        workspace = contents.workspace
        service = self.app.service

        def confirmed(ok: bool | None) -> None:
            if ok:
                self.reload(lambda: service.workspaces.delete(workspace),
                            notice=f"Deleted workspace {workspace.name}")

        lost = contents.describe()
        if lost:
            question = (f"Delete the workspace {workspace.name!r}? {lost} All of it is "
                        "deleted for good: export the workspace first to keep a copy.")
        else:
            question = f"Delete the empty workspace {workspace.name!r}?"
        self.app.push_screen(ConfirmDialog("Delete workspace", question, confirm_label="Delete"),
                             confirmed)
