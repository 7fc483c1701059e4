"""The "Teams & services" section: two tables, and dialogs to add, rename and remove.

Below them, when there is reason to, a note on the workspace's stakeholder chart: none drawn
yet, or last revised more than six months ago (the chart should be redrawn about twice a
year). It is loaded in its own worker, so the tables never wait for it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Static
from textual.widgets.data_table import RowDoesNotExist

from workbench.domain.organisation import Service, Team, Workspace
from workbench.service.teams import TeamsOverview
from workbench.tui.dialogs.confirm_dialog import ConfirmDialog
from workbench.tui.dialogs.name_dialog import NameDialog
from workbench.tui.dialogs.service_dialog import ServiceDialog
from workbench.tui.messages import TeamsLoaded
from workbench.tui.screens.frame import ReloadingSection
from workbench.tui.widgets.stakeholder_note import ChartNote


class Pane(Vertical):
    """A bordered box around one table; tells the screen when its size changes."""

    class Resized(Message):
        pass

    def on_resize(self) -> None:
        self.post_message(self.Resized())


class TeamsTable(DataTable):
    HELP_GROUP = "Teams table"
    BINDINGS: ClassVar = [
        Binding("a", "screen.add_team", "Add", id="add-team", tooltip="Add a team"),
        Binding("r", "screen.rename_team", "Rename", id="rename-team",
                tooltip="Rename the selected team"),
        Binding("d,delete", "screen.remove_team", "Remove", id="remove-team",
                tooltip="Remove the selected team (its services stay, unowned)"),
    ]


class ServicesTable(DataTable):
    HELP_GROUP = "Services table"
    BINDINGS: ClassVar = [
        Binding("a", "screen.add_service", "Add", id="add-service", tooltip="Add a service"),
        Binding("r", "screen.edit_service", "Edit", id="edit-service",
                tooltip="Rename the selected service or change its team"),
        Binding("d,delete", "screen.remove_service", "Remove", id="remove-service",
                tooltip="Remove the selected service"),
    ]


MIN_DESCRIPTION = 20
"""Narrower than this, a table shows no description column (the details line has it)."""


def _clip(text: str, width: int) -> Text:
    line = Text(" ".join(text.split()), no_wrap=True, overflow="ellipsis")
    line.truncate(width, overflow="ellipsis")
    return line


def _owner(service: Service) -> Text:
    if service.team_name is None:
        return Text("unowned", style="italic")
    return Text(service.team_name)


class TeamsScreen(ReloadingSection):
    SECTION_ID = "teams"

    BINDINGS: ClassVar = [
        Binding("tab", "app.focus_next", "Switch", id="switch-table",
                tooltip="Move between the teams and the services table"),
    ]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace)
        self.overview: TeamsOverview | None = None
        self._widths: tuple[int, int] | None = None

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="tables"):
            with Pane(id="teams-pane", classes="pane"):
                yield TeamsTable(id="teams", cursor_type="row")
            with Pane(id="services-pane", classes="pane"):
                yield ServicesTable(id="services", cursor_type="row")
        yield Static("", id="details", markup=False)
        yield ChartNote(id="chart-note")

    def on_mount(self) -> None:
        # SectionScreen.on_mount (the title) runs too: Textual calls handlers along the MRO
        self._render_tables()
        self._set_pane_titles(None)
        self.query_one("#teams", DataTable).focus()
        self.reload(select=self.pending_reveal)
        self.pending_reveal = None
        self._load_chart_note()

    # --- loading --------------------------------------------------------------------------

    # ``reload(change, select, notice)`` comes from ReloadingSection; ``change`` calls the
    # app's service, and ``select`` is a ("team" | "service", id) pair.

    def load_data(self) -> TeamsOverview:
        overview = self.app.service.teams.overview(self.workspace)
        self.app.post_message(TeamsLoaded(overview))
        return overview

    async def show_data(self, data: TeamsOverview, select: tuple[str, int] | None) -> None:
        self.overview = data
        self._render_tables()
        self._set_pane_titles(self.overview)
        if select is not None:
            self.reveal(*select)
        self._show_details()

    @on(Pane.Resized)
    def _pane_resized(self) -> None:
        self._render_tables(only_if_resized=True)

    def _description_width(self, pane_id: str, *other_columns: int) -> int:
        """Room left for a description column in a pane, or 0 when it is too narrow."""
        room = self.query_one(pane_id).content_size.width
        # every column has one cell of padding each side; keep 2 for a vertical scrollbar
        room -= sum(width + 2 for width in other_columns) + 2 + 2
        return room if room >= MIN_DESCRIPTION else 0

    def _render_tables(self, only_if_resized: bool = False) -> None:
        """(Re)build both tables from the cached overview; wide panes get a description
        column. The selected rows stay selected. Column widths are set here, not measured
        by the DataTable, so a rebuild during a resize always lays out the same way."""
        overview = self.overview
        teams_list = overview.teams if overview else ()
        services_list = overview.services if overview else ()
        team_name_w = max([4, *(cell_len(t.name) for t in teams_list)])
        service_name_w = max([7, *(cell_len(s.name) for s in services_list)])
        owner_w = max([7, *(cell_len(s.team_name or "unowned") for s in services_list)])
        widths = (self._description_width("#teams-pane", team_name_w, 8),
                  self._description_width("#services-pane", service_name_w, owner_w))
        if only_if_resized and widths == self._widths:
            return
        self._widths = widths
        team_desc_w, service_desc_w = widths

        teams = self.query_one("#teams", DataTable)
        services = self.query_one("#services", DataTable)
        team_key = self._selected_key(teams)
        service_key = self._selected_key(services)

        teams.clear(columns=True)
        teams.add_column("Team", key="name", width=team_name_w)
        teams.add_column(Text("Services", justify="right"), key="count", width=8)
        if team_desc_w:
            teams.add_column("Description", key="description", width=team_desc_w)
        for team in teams_list:
            count = overview.service_counts.get(team.id, 0) if overview else 0
            cells = [Text(team.name), Text(str(count), justify="right")]
            if team_desc_w:
                cells.append(_clip(team.description, team_desc_w))
            teams.add_row(*cells, key=str(team.id))

        services.clear(columns=True)
        services.add_column("Service", key="name", width=service_name_w)
        services.add_column("Owner", key="owner", width=owner_w)
        if service_desc_w:
            services.add_column("Description", key="description", width=service_desc_w)
        for service in services_list:
            cells = [Text(service.name), _owner(service)]
            if service_desc_w:
                cells.append(_clip(service.description, service_desc_w))
            services.add_row(*cells, key=str(service.id))

        self._restore(teams, team_key)
        self._restore(services, service_key)

    @staticmethod
    def _selected_key(table: DataTable) -> str | None:
        if table.row_count == 0:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return row_key.value

    @staticmethod
    def _restore(table: DataTable, key: str | None) -> None:
        if key is None or table.row_count == 0:
            return
        try:
            table.move_cursor(row=table.get_row_index(key))
        except RowDoesNotExist:  # the row is gone: keep the cursor where it is (clamped)
            table.move_cursor(row=min(table.cursor_row, table.row_count - 1))

    def _set_pane_titles(self, overview: TeamsOverview | None) -> None:
        teams = len(overview.teams) if overview else 0
        services = len(overview.services) if overview else 0
        self.query_one("#teams-pane").border_title = f"Teams ({teams})"
        self.query_one("#services-pane").border_title = f"Services ({services})"

    @work(thread=True, group="chart-note", exit_on_error=False)
    def _load_chart_note(self) -> None:
        view = self.app.service.stakeholders.view(self.workspace.id)
        self.app.call_from_thread(self._show_chart_note, view)

    def _show_chart_note(self, view) -> None:
        if self.is_attached:  # the user may have gone to another section meanwhile
            self.query_one(ChartNote).show(view)

    # --- selection and details ------------------------------------------------------------

    def selected_team(self) -> Team | None:
        table = self.query_one("#teams", DataTable)
        key = self._selected_key(table)
        if key is None or self.overview is None:
            return None
        return self.overview.team(int(key))

    def selected_service(self) -> Service | None:
        table = self.query_one("#services", DataTable)
        key = self._selected_key(table)
        if key is None or self.overview is None:
            return None
        return self.overview.service(int(key))

    def reveal(self, kind: str, record_id: int) -> None:
        table = self.query_one("#teams" if kind == "team" else "#services", DataTable)
        table.focus()
        try:
            table.move_cursor(row=table.get_row_index(str(record_id)))
        except RowDoesNotExist:
            self.notify("That record no longer exists.", severity="warning")

    def on_descendant_focus(self) -> None:
        self._show_details()

    @on(DataTable.RowHighlighted)
    def _show_details(self) -> None:
        details = self.query_one("#details", Static)
        if self.overview is None:
            details.update("Loading…")
            return
        focused_services = self.focused is self.query_one("#services")
        if focused_services:
            service = self.selected_service()
            if service is None:
                details.update("No services yet: press a to add one.")
                return
            owner = service.team_name or "no team"
            line = Text.assemble((service.name, "bold"), f" · owned by {owner}")
            if service.description:
                line.append(f" · {service.description}")
        else:
            team = self.selected_team()
            if team is None:
                details.update("No teams yet: press a to add one.")
                return
            line = Text.assemble((team.name, "bold"))
            due = self.overview.next_due.get(team.id)
            if due is not None:
                line.append(f" · next maturity reassessment due {due}")
            if team.description:
                line.append(f" · {team.description}")
        details.update(line)

    # --- actions --------------------------------------------------------------------------

    def _after_save(self, kind: str) -> Callable[[Team | Service | None], None]:
        def done(record: Team | Service | None) -> None:
            if record is not None:
                self.reload(select=(kind, record.id))
        return done

    def action_add_team(self) -> None:
        teams, ws = self.app.service.teams, self.workspace.id
        self.app.push_screen(
            NameDialog("Add team", lambda name: teams.add_team(ws, name), label="Team name"),
            self._after_save("team"),
        )

    def action_rename_team(self) -> None:
        team = self.selected_team()
        if team is None:
            self.notify("Select a team to rename.", severity="warning")
            return
        teams, ws = self.app.service.teams, self.workspace.id
        self.app.push_screen(
            NameDialog("Rename team", lambda name: teams.rename_team(ws, team, name),
                       label="New name", value=team.name),
            self._after_save("team"),
        )

    def action_remove_team(self) -> None:
        team = self.selected_team()
        if team is None:
            self.notify("Select a team to remove.", severity="warning")
            return
        count = self.overview.service_counts.get(team.id, 0) if self.overview else 0
        extra = f" Its {count} service(s) stay, without an owner." if count else ""
        teams, ws = self.app.service.teams, self.workspace.id

        def confirmed(ok: bool | None) -> None:
            if ok:
                self.reload(lambda: teams.remove_team(ws, team),
                            notice=f"Removed team {team.name}")

        self.app.push_screen(
            ConfirmDialog("Remove team", f"Remove the team {team.name!r}?{extra}"), confirmed
        )

    def action_add_service(self) -> None:
        service, ws = self.app.service.teams, self.workspace.id
        teams = self.overview.teams if self.overview else ()
        default = self.selected_team()
        self.app.push_screen(
            ServiceDialog("Add service", lambda name, team: service.add_service(ws, name, team),
                          teams, team=default.name if default else None),
            self._after_save("service"),
        )

    def action_edit_service(self) -> None:
        service = self.selected_service()
        if service is None:
            self.notify("Select a service to edit.", severity="warning")
            return
        area, ws = self.app.service.teams, self.workspace.id
        teams = self.overview.teams if self.overview else ()

        def save(name: str, team: str | None) -> Service:
            return area.update_service(ws, service, name=name, team=team)

        self.app.push_screen(
            ServiceDialog("Edit service", save, teams, name=service.name,
                          team=service.team_name),
            self._after_save("service"),
        )

    def action_remove_service(self) -> None:
        service = self.selected_service()
        if service is None:
            self.notify("Select a service to remove.", severity="warning")
            return
        teams, ws = self.app.service.teams, self.workspace.id

        def confirmed(ok: bool | None) -> None:
            if ok:
                self.reload(lambda: teams.remove_service(ws, service),
                            notice=f"Removed service {service.name}")

        self.app.push_screen(
            ConfirmDialog("Remove service", f"Remove the service {service.name!r}?"), confirmed
        )
