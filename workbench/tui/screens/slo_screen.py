"""The "SLOs" section: every SLO with its budget this period; add, edit, remove, import
counts, and open the budget view of one SLO."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static
from textual.widgets.data_table import RowDoesNotExist

from workbench.domain.organisation import Workspace
from workbench.domain.slo.records import SloBudget, SloDefinition, SloKind
from workbench.store import slo_repo
from workbench.store.db import transaction
from workbench.tui.dialogs.confirm_dialog import ConfirmDialog
from workbench.tui.dialogs.name_dialog import NameDialog
from workbench.tui.dialogs.slo_dialog import SloDialog, SloFields, SloSaved
from workbench.tui.screens.frame import ReloadingSection
from workbench.tui.slo_data import SloData, import_counts_file, load_slo_data
from workbench.tui.slo_meaning import number, percent

LOW_BUDGET = 25
"""Below this share (%) of the budget left, the table calls the budget low."""


def today() -> date:
    """The day budgets are computed for (tests replace this to freeze the date)."""
    return date.today()


def budget_health(budget: SloBudget | None) -> Text:
    """A short word for the budget: ok, low (under 25% left), burning (runs out before the
    period ends at the current rate), spent (nothing left)."""
    if budget is None or budget.status is None:
        return Text("no data", style="dim")
    status = budget.status
    if status.exhausted:
        return Text("spent", style="bold red")
    if status.projected_exhaustion:
        return Text("burning", style="yellow")
    if status.remaining_percent < LOW_BUDGET:
        return Text("low", style="yellow")
    return Text("ok", style="green")


def remaining_cell(budget: SloBudget | None) -> Text:
    if budget is None or budget.status is None:
        return Text("-", style="dim", justify="right")
    value = budget.status.remaining_percent
    style = "red" if value < 0 else "yellow" if value < LOW_BUDGET else ""
    return Text(percent(value, 1), style=style, justify="right")


class SloTable(DataTable):
    BINDINGS: ClassVar = [
        Binding("a", "screen.add_slo", "Add", id="add-slo", tooltip="Add an SLO"),
        Binding("e", "screen.edit_slo", "Edit", id="edit-slo",
                tooltip="Edit the selected SLO (enter too)"),
        Binding("d,delete", "screen.remove_slo", "Remove", id="remove-slo",
                tooltip="Remove the selected SLO and its counts"),
        Binding("b", "screen.budget", "Budget", id="slo-budget",
                tooltip="Budget status and burn-down of the selected SLO"),
        Binding("i", "screen.import_counts", "Import CSV", id="slo-import",
                tooltip="Import daily counts (date,good,bad) for the selected SLO"),
    ]


class SloScreen(ReloadingSection):
    SECTION_ID = "slos"
    CSS_PATH = "../slo.tcss"

    def __init__(self, workspace: Workspace, as_of: date | None = None) -> None:
        super().__init__(workspace)
        self.as_of = as_of or today()
        self.data: SloData | None = None
        self._add_for_story: int | None = None

    def compose_body(self) -> ComposeResult:
        with Vertical(id="slo-pane", classes="pane"):
            yield SloTable(id="slos", cursor_type="row", zebra_stripes=True)
        yield Static("Loading…", id="slo-details", markup=False)

    def on_mount(self) -> None:
        self.query_one("#slo-pane").border_title = "SLOs"
        self.query_one("#slos", DataTable).focus()
        reveal = self.pending_reveal
        self.pending_reveal = None
        if reveal is not None and reveal[0] == "story":  # "add an SLO for this story"
            self._add_for_story = reveal[1]
        self.reload(select=reveal[1] if reveal and reveal[0] == "slo" else None)

    # --- loading --------------------------------------------------------------------------

    def load_data(self) -> SloData:
        return load_slo_data(self.app.engine, self.workspace.id, self.as_of)

    async def show_data(self, data: SloData, select: int | None) -> None:
        self.data = data
        self._render_table(select)
        self._show_details()
        if self._add_for_story is not None:
            story_id, self._add_for_story = self._add_for_story, None
            self._open_dialog("Add SLO", None, story_id)

    def _render_table(self, select: int | None = None) -> None:
        table = self.query_one("#slos", DataTable)
        data = self.data
        keep = select if select is not None else self._selected_id()
        table.clear(columns=True)
        # the figures that change come first, so an 80-column terminal shows them
        table.add_column("SLO", key="name")
        table.add_column(Text("Target", justify="right"), key="target")
        table.add_column(Text("Budget", justify="right"), key="remaining")
        table.add_column("Health", key="health")
        table.add_column("Status", key="status")
        table.add_column("Kind", key="kind")
        table.add_column(Text("Thresh.", justify="right"), key="threshold")
        table.add_column("Period", key="period")
        table.add_column("Service", key="service")
        table.add_column("Story", key="story")
        if data is None:
            return
        for slo in data.slos:
            budget = data.budgets.get(slo.id)
            threshold = (f"{number(slo.threshold_ms)} ms" if slo.threshold_ms is not None
                         else "-")
            table.add_row(
                Text(slo.name),
                Text(f"{number(slo.target)}%", justify="right"),
                remaining_cell(budget),
                budget_health(budget),
                Text(slo.status.value, style="dim" if slo.status.value == "draft" else ""),
                Text("avail." if slo.kind is SloKind.AVAILABILITY else "latency"),
                Text(threshold, justify="right", style="" if slo.threshold_ms else "dim"),
                Text(slo.period),
                Text(slo.service_name or "-", style="" if slo.service_name else "dim"),
                Text(slo.story_title or "-", style="" if slo.story_title else "dim"),
                key=str(slo.id),
            )
        self.query_one("#slo-pane").border_title = (
            f"SLOs ({len(data.slos)}) · budget left this period, as of {data.as_of}")
        if keep is not None:
            with contextlib.suppress(RowDoesNotExist):
                table.move_cursor(row=table.get_row_index(str(keep)))

    def _selected_id(self) -> int | None:
        table = self.query_one("#slos", DataTable)
        if table.row_count == 0:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return int(row_key.value) if row_key.value is not None else None

    def selected_slo(self) -> SloDefinition | None:
        slo_id = self._selected_id()
        if slo_id is None or self.data is None:
            return None
        return self.data.slo(slo_id)

    def reveal(self, kind: str, record_id: int) -> None:
        """Select the SLO ``("slo", id)``, or add one for the story ``("story", id)``."""
        if kind == "slo":
            self._render_table(record_id)
            self.query_one("#slos", DataTable).focus()
        elif kind == "story":
            self._open_dialog("Add SLO", None, record_id)

    @on(DataTable.RowHighlighted)
    def _show_details(self) -> None:
        details = self.query_one("#slo-details", Static)
        if self.data is None:
            details.update("Loading…")
            return
        slo = self.selected_slo()
        if slo is None:
            details.update("No SLOs yet: press a to add one.")
            return
        line = Text.assemble((slo.name, "bold"), f" · {slo.describe()} · {slo.sli_text()}")
        if slo.story_title:
            line.append(f" · story: {slo.map_title} / {slo.story_title}")
        budget = self.data.budgets.get(slo.id)
        if budget is not None and budget.status is not None:
            status = budget.status
            line.append(f" · {budget.start} to {budget.end}: {status.bad:,} bad of "
                        f"{status.allowed_bad:,} allowed")
        if slo.description:
            line.append(f" · {slo.description}")
        details.update(line)

    # --- actions --------------------------------------------------------------------------

    def _save(self, fields: SloFields) -> SloSaved:
        with transaction(self.app.engine) as session:
            slo, warnings = slo_repo.save_slo(
                session, self.workspace.id, fields.name, kind=fields.kind,
                target=fields.target, threshold_ms=fields.threshold_ms,
                bad_status=fields.bad_status, period=fields.period,
                historical_attainment=fields.historical_attainment, status=fields.status,
                description=self._description(fields.name), service=fields.service,
                story_id=fields.story_id)
        return SloSaved(slo, tuple(warnings))

    def _description(self, name: str) -> str:
        """An edit keeps the description (the dialog does not show it)."""
        if self.data is None:
            return ""
        key = " ".join(name.split()).casefold()
        found = next((s for s in self.data.slos if s.name.casefold() == key), None)
        return found.description if found else ""

    def _saved(self, result: SloSaved | None) -> None:
        if result is None:
            return
        self.reload(select=result.slo.id)
        for warning in result.warnings:
            self.notify(warning, title=result.slo.name, severity="warning", markup=False,
                        timeout=10)

    def _open_dialog(self, title: str, slo: SloDefinition | None,
                     story_id: int | None = None) -> None:
        data = self.data
        if data is None:
            return
        self.app.push_screen(SloDialog(title, self._save, services=data.services,
                                       stories=data.stories, slo=slo, story_id=story_id,
                                       service=data.story_services.get(story_id or -1)),
                             self._saved)

    def action_add_slo(self) -> None:
        self._open_dialog("Add SLO", None)

    def action_edit_slo(self) -> None:
        slo = self.selected_slo()
        if slo is None:
            self.notify("Select an SLO to edit.", severity="warning")
            return
        self._open_dialog(f"Edit SLO {slo.name}", slo)

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_edit_slo()

    def action_remove_slo(self) -> None:
        slo = self.selected_slo()
        if slo is None:
            self.notify("Select an SLO to remove.", severity="warning")
            return
        engine, ws = self.app.engine, self.workspace.id

        def remove() -> None:
            with transaction(engine) as session:
                slo_repo.remove_slo(session, ws, slo.name)

        def confirmed(ok: bool | None) -> None:
            if ok:
                self.reload(remove, notice=f"Removed SLO {slo.name}")

        self.app.push_screen(ConfirmDialog(
            "Remove SLO", f"Remove the SLO {slo.name!r} and its daily counts?"), confirmed)

    def action_budget(self) -> None:
        slo = self.selected_slo()
        if slo is None:
            self.notify("Select an SLO to see its budget.", severity="warning")
            return
        from workbench.tui.screens.slo_budget_screen import SloBudgetScreen

        self.app.push_screen(SloBudgetScreen(self.workspace, slo, self.as_of),
                             lambda _: self.reload())

    def action_import_counts(self) -> None:
        slo = self.selected_slo()
        if slo is None:
            self.notify("Select an SLO to import counts for.", severity="warning")
            return
        engine, ws = self.app.engine, self.workspace.id

        def done(days: int | None) -> None:
            if days is not None:
                self.reload(select=slo.id, notice=f"Imported {days} day(s) for {slo.name}")

        self.app.push_screen(import_dialog(
            slo.name, lambda path: import_counts_file(engine, ws, slo.name, path)), done)


def import_dialog(slo_name: str, save: Callable[[str], int]) -> NameDialog[int]:
    return NameDialog(f"Import counts for {slo_name}", save,
                      label="CSV file with a header line date,good,bad",
                      placeholder="e.g. ~/counts.csv")
