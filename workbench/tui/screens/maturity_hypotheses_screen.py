"""Transformation hypotheses: stakeholder group, statement, status, review date, and how the
linked criteria moved across the review date (when runs exist on both sides of it); add,
edit and remove them.

Decisions:
- Every change runs in one worker with the reload after it, so the list always shows what
  is stored; a failed change still reloads and its error goes to the app.
- Edits and removals name the version of the hypothesis that was shown: if someone else
  changed it meanwhile, nothing is written and the dialog offers to reload.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Static

from workbench.domain.maturity import Direction, HypothesisStatus, delta_text
from workbench.domain.maturity.runs import HypothesisDelta, StoredHypothesis
from workbench.domain.organisation import Workspace
from workbench.service.maturity import DEFAULT_MODEL, HypothesesData, HypothesisFields
from workbench.tui.screens.base import BaseScreen
from workbench.tui.screens.maturity_common import ARROWS, CSS_FILE
from workbench.tui.screens.reloading import ReloadsData

STATUS_STYLE = {
    HypothesisStatus.OPEN: "",
    HypothesisStatus.CONFIRMED: "bold green",
    HypothesisStatus.REFUTED: "bold red",
    HypothesisStatus.DROPPED: "italic",
}


def delta_summary(delta: HypothesisDelta | None) -> Text:
    """``↑2 =1`` for the linked criteria, or a dash when there is no pair of runs."""
    if delta is None:
        return Text("-")
    text = Text()
    for direction in (Direction.UP, Direction.DOWN, Direction.SAME):
        count = sum(1 for c in delta.criteria if c.direction is direction)
        if count:
            arrow, style = ARROWS[direction]
            if text:
                text.append(" ")
            text.append(f"{arrow}{count}", style=style)
    return text or Text("n/a", style="italic")


def clip(text: str, width: int, style: str = "") -> Text:
    """User text in one cell: as typed (never markup), cut with an ellipsis."""
    cell = Text(text, style=style, no_wrap=True, overflow="ellipsis")
    cell.truncate(width, overflow="ellipsis")
    return cell


class HypothesesScreen(ReloadsData, BaseScreen):
    CSS_PATH = CSS_FILE
    HELP_TITLE = "Hypotheses"

    BINDINGS: ClassVar = [
        Binding("a", "add", "Add", id="hyp-add", tooltip="Add a hypothesis"),
        Binding("e", "edit", "Edit", id="hyp-edit",
                tooltip="Edit the selected hypothesis: statement, criteria, review, status, "
                        "evidence (or enter)"),
        Binding("x,delete", "remove", "Remove", id="hyp-remove",
                tooltip="Remove the selected hypothesis (asks first)"),
        Binding("escape,q", "back", "Back", id="hyp-back", tooltip="Back to the runs"),
    ]

    def __init__(self, workspace: Workspace, team: str | None = None, *,
                 model_id: str | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.team = team
        self.model_id = model_id or DEFAULT_MODEL
        """The model new hypotheses link criteria of (the selected run's)."""
        self.data: HypothesesData | None = None

    @property
    def items(self) -> tuple[tuple[StoredHypothesis, HypothesisDelta | None], ...]:
        return self.data.items if self.data else ()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading…", id="hyp-head", classes="mat-head", markup=False)
        yield DataTable(id="hyp-table", classes="mat-table", cursor_type="row")
        yield Static("", id="hyp-details", classes="mat-line", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Hypotheses"
        self.query_one("#hyp-table", DataTable).focus()
        self.reload()

    # --- loading --------------------------------------------------------------------------

    def reload(self, change: Callable[[], object] | None = None, select: int | None = None,
               notice: str | None = None) -> None:
        """Run ``change`` (if any), then load, in one worker; keeps the selection."""
        if select is None and (current := self.selected()) is not None:
            select = current.id
        super().reload(change, select, notice)

    def load_data(self) -> HypothesesData:
        return self.app.service.maturity.hypotheses(self.workspace.id, self.team,
                                                    model_ids=(self.model_id,))

    async def show_data(self, data: HypothesesData, select: int | None) -> None:
        self.data = data
        scope = f"for {self.team} and the whole organisation" if self.team else "all teams"
        count = len(self.items)
        self.query_one("#hyp-head", Static).update(
            Text(f"{count} hypothes{'i' if count == 1 else 'e'}s · {scope}"))
        self._render_table(select)

    def on_resize(self) -> None:
        if self.data is not None:
            self._render_table(None)

    def _render_table(self, select: int | None) -> None:
        if select is None and (current := self.selected()) is not None:
            select = current.id
        table = self.query_one("#hyp-table", DataTable)
        table.clear(columns=True)
        widths = {"group": max([5, *(len(s.hypothesis.stakeholder_group) for s, _ in
                                     self.items)]),
                  "team": max([4, *(len(s.scope) for s, _ in self.items)]),
                  "status": 9, "review": 14, "delta": 8}
        # at 80 columns the statement needs room too: long groups and teams are cut (the
        # details below show them in full)
        caps = {"group": 20, "team": 18} if self.size.width >= 120 else {"group": 14,
                                                                          "team": 10}
        widths = {key: min(width, caps.get(key, width)) for key, width in widths.items()}
        for key, label in (("group", "Group"), ("team", "Team"), ("status", "Status"),
                           ("review", "Review"), ("delta", "Criteria")):
            table.add_column(label, key=key, width=widths[key])
        capability_w = max(10, self.size.width - sum(widths.values()) - 6 * 2 - 2)
        table.add_column("We believe…", key="capability", width=capability_w)
        now = self.app.today()
        for stored, delta in self.items:
            h = stored.hypothesis
            review = Text("-" if h.review_date is None else h.review_date.isoformat())
            if h.is_due(now):
                review.stylize("bold yellow")
                review.append(" due", style="bold yellow")
            table.add_row(clip(h.stakeholder_group, widths["group"]),
                          clip(stored.scope, widths["team"], "" if stored.team else "italic"),
                          Text(h.status.value, style=STATUS_STYLE[h.status]), review,
                          delta_summary(delta), clip(h.capability, capability_w),
                          key=str(stored.id))
        if select is not None:
            index = next((i for i, (s, _) in enumerate(self.items) if s.id == select), None)
            if index is not None:
                table.move_cursor(row=index)
        self._show_details()

    def selected(self) -> StoredHypothesis | None:
        table = self.query_one("#hyp-table", DataTable)
        if not self.items or table.row_count == 0:
            return None
        key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return next((s for s, _ in self.items if str(s.id) == key.value), None)

    @on(DataTable.RowHighlighted, "#hyp-table")
    def _show_details(self) -> None:
        details = self.query_one("#hyp-details", Static)
        data = self.data
        stored = self.selected()
        if data is None or stored is None:
            details.update(Text("No hypotheses yet: press a to add one."))
            return
        delta = next(d for s, d in self.items if s.id == stored.id)
        h = stored.hypothesis

        def name(criterion_id: str) -> str:
            return data.criterion_name(stored.model_id, criterion_id)

        text = Text()
        text.append(h.stakeholder_group, style="bold")
        text.append(": " + h.statement())
        if h.evidence:
            text.append("\nEvidence: ", style="bold")
            text.append(h.evidence)
        text.append("\nCriteria: ", style="bold")
        if delta is None:
            text.append(", ".join(name(c) for c in h.criterion_ids) or "none")
            if h.criterion_ids:
                text.append(" (no runs on both sides of the review date yet)", style="italic")
        else:
            text.append(f"{delta.before.run_date} → {delta.after.run_date}: ")
            for i, c in enumerate(delta.criteria):
                if i:
                    text.append(", ")
                arrow, style = ARROWS[c.direction]
                text.append(f"{name(c.criterion_id)} ")
                before = "-" if c.before is None else c.before
                after = "-" if c.after is None else c.after
                text.append(f"{before}→{after}")
                if c.delta:
                    text.append(f" {arrow}{delta_text(c.delta)}", style=style)
            for missing in delta.missing:
                text.append(f", {name(missing)} not assessed", style="italic")
        details.update(text)

    # --- actions --------------------------------------------------------------------------

    def _need_hypothesis(self) -> StoredHypothesis | None:
        stored = self.selected()
        if stored is None:
            self.notify("Select a hypothesis first (or press a to add one).",
                        severity="warning")
        return stored

    def _saved(self, verb: str) -> Callable[[StoredHypothesis | None], None]:
        def done(stored: StoredHypothesis | None) -> None:
            if stored is not None:
                self.reload(select=stored.id, notice=f"Hypothesis for "
                            f"{stored.hypothesis.stakeholder_group} {verb}")
        return done

    def action_add(self) -> None:
        from workbench.tui.dialogs.maturity_hypothesis_dialog import HypothesisDialog

        if self.data is None:
            return
        service, ws, model_id = self.app.service, self.workspace.id, self.model_id

        def save(fields: HypothesisFields, team: str | None) -> StoredHypothesis:
            return service.maturity.add_hypothesis(ws, fields, team=team, model_id=model_id)

        self.app.push_screen(HypothesisDialog(
            "Add a hypothesis", save, model=self.data.models.get(model_id),
            teams=self.data.teams, team=self.team), self._saved("added"))

    @on(DataTable.RowSelected, "#hyp-table")
    def action_edit(self) -> None:
        from workbench.tui.dialogs.maturity_hypothesis_dialog import HypothesisDialog

        stored = self._need_hypothesis()
        if stored is None or self.data is None:
            return
        service, ws = self.app.service, self.workspace.id

        def save(fields: HypothesisFields, _team: str | None) -> StoredHypothesis:
            return service.maturity.update_hypothesis(ws, stored, fields)

        self.app.push_screen(HypothesisDialog(
            f"Edit the hypothesis for {stored.hypothesis.stakeholder_group}", save,
            model=self.data.models.get(stored.model_id), teams=self.data.teams,
            stored=stored), self._saved("saved"))

    def action_remove(self) -> None:
        from workbench.tui.dialogs.confirm_dialog import ConfirmDialog

        stored = self._need_hypothesis()
        if stored is None:
            return
        service, ws = self.app.service, self.workspace.id
        group = stored.hypothesis.stakeholder_group

        def confirmed(ok: bool | None) -> None:
            if ok:
                self.reload(lambda: service.maturity.remove_hypothesis(ws, stored),
                            notice=f"Removed the hypothesis for {group} (its revisions stay "
                                   "in the history)")

        self.app.push_screen(ConfirmDialog(
            "Remove this hypothesis?",
            f"{group} ({stored.scope}): {stored.hypothesis.statement()}\n\nIt leaves the "
            "list; its revisions stay in the history."), confirmed)

    def action_back(self) -> None:
        self.dismiss(None)
