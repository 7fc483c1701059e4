"""The "SLOs" section: every SLO with its budget this period and where it stands (draft or
agreed); add, edit or rename, remove, agree, reopen, history, import counts, and open the
budget view of one SLO. An SLO that an agreed error budget policy has under a freeze
(``wb.policies.freezes``, loaded with the rest) is marked in the table and its details name
the policy.

Everything it reads and writes goes through ``self.app.service`` from workers
(``ReloadingSection.reload`` and the dialogs' own workers). SLOs are handed to the service
as the SLO the user opened, so a save over someone else's change is refused, and found by
their uid, so a rename elsewhere does not lose them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import replace
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Static
from textual.widgets.data_table import RowDoesNotExist
from textual.worker import get_current_worker

from workbench.domain.lifecycle import LifecycleState
from workbench.domain.organisation import ArtifactStatus, Workspace
from workbench.domain.slo.records import SloBudget, SloDefinition, SloKind
from workbench.service.slos import SloData, SloSaved, ref_of
from workbench.tui import document_actions
from workbench.tui.dialogs.confirm_dialog import ConfirmDialog
from workbench.tui.dialogs.name_dialog import NameDialog
from workbench.tui.dialogs.slo_dialog import SloDialog, SloFields
from workbench.tui.screens.frame import ReloadingSection
from workbench.tui.slo_meaning import number, percent

LOW_BUDGET = 25
"""Below this share (%) of the budget left, the table calls the budget low."""
FREEZE_MARK = "❄"


def freeze_cell(policies: tuple[str, ...] | None) -> Text:
    """``❄ frozen`` for an SLO under a freeze of a policy in force, else nothing."""
    return Text(f"{FREEZE_MARK} frozen", style="bold red") if policies else Text("")


def freeze_text(policies: tuple[str, ...] | None) -> str:
    """The details line's account: "❄ under a freeze of policy checkout"."""
    if not policies:
        return ""
    noun = "policy" if len(policies) == 1 else "policies"
    return f"{FREEZE_MARK} under a freeze of {noun} {', '.join(policies)}"


def budget_health(budget: SloBudget | None) -> Text:
    """A short word for the budget: ok, low (under 25% left), burning (runs out before the
    period ends at the current rate), spent (nothing left)."""
    if budget is None or budget.status is None:
        return Text("no data", style="italic")
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
        return Text("-", justify="right")
    value = budget.status.remaining_percent
    style = "red" if value < 0 else "yellow" if value < LOW_BUDGET else ""
    return Text(percent(value, 1), style=style, justify="right")


def status_cell(slo: SloDefinition, state: LifecycleState | None) -> Text:
    """``agreed``, ``draft``, or ``draft*`` for a draft while an agreed revision is in force."""
    status = state.status if state is not None else slo.status
    if status is ArtifactStatus.AGREED:
        return Text("agreed", style="bold green")
    if state is not None and state.in_force is not None:
        return Text("draft*", style="yellow")
    return Text(status.value)


def lifecycle_text(state: LifecycleState | None) -> str:
    """The details line's account of the lifecycle: "draft · agreed revision 3 in force;
    waiting for development, product owner"."""
    if state is None:
        return ""
    if state.status is ArtifactStatus.AGREED:
        return "agreed"
    parts = []
    if state.in_force is not None:
        parts.append(f"agreed revision {state.in_force} in force")
    missing = state.missing
    if missing:
        parts.append("waiting for " + ", ".join(p.label for p in missing))
    elif state.required:
        parts.append("every party has signed")
    return "draft" + (" · " + "; ".join(parts) if parts else "")


def dialog_fields(fields: SloFields) -> dict[str, Any]:
    """What the editor shows, as ``service.slos.save`` takes it (the fields the editor does
    not show, such as the description, are not given and so keep their values)."""
    return {"kind": fields.kind, "target": fields.target,
            "threshold_ms": fields.threshold_ms, "bad_status": fields.bad_status,
            "period": fields.period, "historical_attainment": fields.historical_attainment,
            "service": fields.service, "story_id": fields.story_id}


class SloTable(DataTable):
    BINDINGS: ClassVar = [
        Binding("a", "screen.add_slo", "Add", id="add-slo", tooltip="Add an SLO"),
        Binding("e", "screen.edit_slo", "Edit", id="edit-slo",
                tooltip="Edit or rename the selected SLO (enter too)"),
        Binding("d,delete", "screen.remove_slo", "Remove", id="remove-slo", show=False,
                tooltip="Remove the selected SLO and its counts"),
        Binding("b", "screen.budget", "Budget", id="slo-budget",
                tooltip="Budget figures and burn-down of the selected SLO"),
        Binding("i", "screen.import_counts", "Import CSV", id="slo-import", show=False,
                tooltip="Import daily counts (date,good,bad) for the selected SLO"),
    ]


class SloScreen(ReloadingSection):
    SECTION_ID = "slos"
    CSS_PATH = "../slo.tcss"

    # Agree is shown in the footer; reopen and history only in the help (F1): at 80
    # columns the footer keeps room for ^q Quit and f1 Help.
    BINDINGS: ClassVar = [
        replace(b, show=b.key == document_actions.AGREE_KEY)
        for b in document_actions.bindings()
    ]

    FIRST_PAGE: ClassVar[int] = 100
    """SLOs shown at once; the rest follow in pages of ``PAGE`` from a background worker,
    so a workspace of thousands of SLOs shows its first rows as fast as one of ten."""
    PAGE: ClassVar[int] = 1000

    class MoreSlos(Message):
        def __init__(self, page: SloData, seq: int) -> None:
            super().__init__()
            self.page = page
            self.seq = seq

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace)
        self.data: SloData | None = None
        self._pending_select: int | None = None
        """An SLO to select once its page has arrived."""
        self.freezes: dict[str, tuple[str, ...]] = {}
        """SLO name -> the policies in force that freeze it (``wb.policies.freezes``)."""
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

    def load_data(self) -> tuple[SloData, dict[str, tuple[str, ...]]]:
        service, today = self.app.service, self.app.today()
        return (service.slos.page(self.workspace.id, today, 0, self.FIRST_PAGE),
                service.policies.freezes(self.workspace.id, today))

    async def show_data(self, data: tuple[SloData, dict[str, tuple[str, ...]]],
                        select: int | None) -> None:
        self.data, self.freezes = data
        self._render_table(select)
        self._show_details()
        if not self.data.complete:
            self._load_rest(self.data, self._shown_seq)
        if self._add_for_story is not None:
            story_id, self._add_for_story = self._add_for_story, None
            self._open_dialog("Add SLO", None, story_id)

    @work(thread=True, exclusive=True, group="slo-pages", exit_on_error=False)
    def _load_rest(self, first: SloData, seq: int) -> None:
        worker = get_current_worker()
        offset = first.offset + len(first.slos)
        while not worker.is_cancelled and seq == self._shown_seq:
            page = self.app.service.slos.page(self.workspace.id, first.as_of, offset,
                                              self.PAGE)
            self.post_message(self.MoreSlos(page, seq))
            offset += len(page.slos)
            if page.complete or not page.slos:
                return

    @on(MoreSlos)
    def _more_slos(self, message: MoreSlos) -> None:
        if message.seq != self._shown_seq or self.data is None:
            return  # a reload started since: its own pages follow
        self.data = self.data.joined(message.page)
        table = self.query_one("#slos", DataTable)
        self._add_rows(table, message.page.slos)
        self._title()
        if self._pending_select is not None:
            with contextlib.suppress(RowDoesNotExist):
                table.move_cursor(row=table.get_row_index(str(self._pending_select)))
                self._pending_select = None

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
        table.add_column("Freeze", key="freeze")
        table.add_column("Kind", key="kind")
        table.add_column(Text("Thresh.", justify="right"), key="threshold")
        table.add_column("Period", key="period")
        table.add_column("Service", key="service")
        table.add_column("Story", key="story")
        if data is None:
            return
        self._add_rows(table, data.slos)
        self._title()
        self._pending_select = None
        if keep is not None:
            try:
                table.move_cursor(row=table.get_row_index(str(keep)))
            except RowDoesNotExist:
                if not data.complete:
                    self._pending_select = keep

    def _title(self) -> None:
        data = self.data
        if data is None:
            return
        shown = len(data.slos)
        count = (f"{shown:,}" if data.complete
                 else f"{shown:,} of {data.total:,}, loading the rest")
        self.query_one("#slo-pane").border_title = (
            f"SLOs ({count}) · budget left this period, as of {data.as_of}")

    def _add_rows(self, table: DataTable, slos: tuple[SloDefinition, ...]) -> None:
        data = self.data
        assert data is not None
        for slo in slos:
            budget = data.budgets.get(slo.id)
            threshold = (f"{number(slo.threshold_ms)} ms" if slo.threshold_ms is not None
                         else "-")
            table.add_row(
                Text(slo.name),
                Text(f"{number(slo.target)}%", justify="right"),
                remaining_cell(budget),
                budget_health(budget),
                status_cell(slo, data.states.get(slo.id)),
                freeze_cell(self.freezes.get(slo.name)),
                Text("avail." if slo.kind is SloKind.AVAILABILITY else "latency"),
                Text(threshold, justify="right"),
                Text(slo.period),
                Text(slo.service_name or "-"),
                Text(slo.story_title or "-"),
                key=str(slo.id),
            )

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
        line = Text.assemble((slo.name, "bold"), f" · {slo.describe()}")
        lifecycle = lifecycle_text(self.data.states.get(slo.id))
        if lifecycle:
            line.append(f" · {lifecycle}")
        frozen = freeze_text(self.freezes.get(slo.name))
        if frozen:
            line.append(f" · {frozen}", style="bold red")
        budget = self.data.budgets.get(slo.id)
        if budget is not None and budget.status is not None:
            status = budget.status
            line.append(f" · {budget.start} to {budget.end}: {status.bad:,} bad of "
                        f"{status.allowed_bad:,} allowed")
        line.append(f" · {slo.sli_text()}")
        if slo.story_title:
            line.append(f" · story: {slo.map_title} / {slo.story_title}")
        if slo.description:
            line.append(f" · {slo.description}")
        details.update(line)

    # --- actions --------------------------------------------------------------------------

    def _saved(self, result: SloSaved | None) -> None:
        if result is None:
            return
        self.reload(select=result.slo.id)
        for warning in result.warnings:
            self.notify(warning, title=result.slo.name, severity="warning", markup=False,
                        timeout=10)

    def _open_dialog(self, title: str, slo: SloDefinition | None,
                     story_id: int | None = None) -> None:
        if self.data is None:
            return
        self._choices_then_dialog(title, slo, story_id)

    @work(thread=True, exclusive=True, group="slo-choices", exit_on_error=False)
    def _choices_then_dialog(self, title: str, slo: SloDefinition | None,
                             story_id: int | None) -> None:
        # The services and stories are read when the editor opens, not with the list: a
        # large workspace has thousands of them and the list must show at once.
        service, ws = self.app.service, self.workspace.id
        choices = service.slos.choices(ws)

        def save(fields: SloFields) -> SloSaved:
            return service.slos.save(ws, fields.name, dialog_fields(fields), original=slo)

        def show() -> None:
            self.app.push_screen(SloDialog(title, save, services=choices.services,
                                           stories=choices.stories, slo=slo,
                                           story_id=story_id,
                                           service=choices.story_services.get(story_id or -1)),
                                 self._saved)
        self.app.call_from_thread(show)

    def _need_slo(self, what: str) -> SloDefinition | None:
        slo = self.selected_slo()
        if slo is None:
            self.notify(f"Select an SLO to {what}.", severity="warning")
        return slo

    def action_add_slo(self) -> None:
        self._open_dialog("Add SLO", None)

    def action_edit_slo(self) -> None:
        slo = self._need_slo("edit")
        if slo is not None:
            self._open_dialog(f"Edit SLO {slo.name}", slo)

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_edit_slo()

    def action_remove_slo(self) -> None:
        slo = self._need_slo("remove")
        if slo is None:
            return
        service, ws = self.app.service, self.workspace.id

        def confirmed(ok: bool | None) -> None:
            if ok:
                self.reload(lambda: service.slos.remove(ws, slo),
                            notice=f"Removed SLO {slo.name}")

        self.app.push_screen(ConfirmDialog(
            "Remove SLO", f"Remove the SLO {slo.name!r} and its daily counts?"), confirmed)

    def _document_done(self, slo: SloDefinition) -> document_actions.Done:
        def done(notice: str | None) -> None:
            if notice is not None:
                self.reload(select=slo.id, notice=notice)
        return done

    def action_agree(self) -> None:
        slo = self._need_slo("agree to")
        if slo is not None:
            document_actions.agree(self, "slo", ref_of(slo), self._document_done(slo))

    def action_reopen(self) -> None:
        slo = self._need_slo("reopen")
        if slo is not None:
            document_actions.reopen(self, "slo", ref_of(slo), self._document_done(slo))

    def action_history(self) -> None:
        slo = self._need_slo("see the history of")
        if slo is not None:
            document_actions.history(self, "slo", ref_of(slo),
                                     lambda _: self.reload(select=slo.id))

    def action_budget(self) -> None:
        slo = self._need_slo("see its budget")
        if slo is None:
            return
        from workbench.tui.screens.slo_budget_screen import SloBudgetScreen

        self.app.push_screen(SloBudgetScreen(self.workspace, slo, self.app.today()),
                             lambda _: self.reload())

    def action_import_counts(self) -> None:
        slo = self._need_slo("import counts for")
        if slo is None:
            return
        service, ws = self.app.service, self.workspace.id

        def done(days: int | None) -> None:
            if days is not None:
                self.reload(select=slo.id, notice=f"Imported {days} day(s) for {slo.name}")

        self.app.push_screen(import_dialog(
            slo.name, lambda path: service.slos.import_counts_file(ws, ref_of(slo), path)),
            done)


def import_dialog(slo_name: str, save: Callable[[str], int]) -> NameDialog[int]:
    return NameDialog(f"Import counts for {slo_name}", save,
                      label="CSV file with a header line date,good,bad",
                      placeholder="e.g. ~/counts.csv")
