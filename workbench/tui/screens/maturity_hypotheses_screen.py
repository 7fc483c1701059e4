"""Transformation hypotheses: stakeholder group, statement, status, review date, and how the
linked criteria moved across the review date (when runs exist on both sides of it)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Static

from workbench.domain.maturity import Direction, HypothesisStatus
from workbench.domain.organisation import Workspace
from workbench.store import assessment_repo as ar
from workbench.store.db import reading
from workbench.tui.screens.base import BaseScreen
from workbench.tui.screens.maturity_common import ARROWS, fmt_delta, today

CSS_FILE = str(Path(__file__).parent.parent / "maturity.tcss")

STATUS_STYLE = {
    HypothesisStatus.OPEN: "",
    HypothesisStatus.CONFIRMED: "bold green",
    HypothesisStatus.REFUTED: "bold red",
    HypothesisStatus.DROPPED: "dim",
}


def delta_summary(delta: ar.HypothesisDelta | None) -> Text:
    """``↑2 =1`` for the linked criteria, or a dim dash when there is no pair of runs."""
    if delta is None:
        return Text("-", style="dim")
    text = Text()
    for direction in (Direction.UP, Direction.DOWN, Direction.SAME):
        count = sum(1 for c in delta.criteria if c.direction is direction)
        if count:
            arrow, style = ARROWS[direction]
            if text:
                text.append(" ")
            text.append(f"{arrow}{count}", style=style)
    return text or Text("n/a", style="dim")


class HypothesesScreen(BaseScreen):
    CSS_PATH = CSS_FILE

    BINDINGS: ClassVar = [
        Binding("escape,q", "back", "Back", id="hyp-back", tooltip="Back to the runs"),
    ]

    class Loaded(Message):
        def __init__(self, items: list[tuple[ar.StoredHypothesis, ar.HypothesisDelta | None]],
                     names: dict[str, str]) -> None:
            super().__init__()
            self.items = items
            self.names = names

    def __init__(self, workspace: Workspace, team: str | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.team = team
        self.items: list[tuple[ar.StoredHypothesis, ar.HypothesisDelta | None]] = []
        self.names: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading…", id="hyp-head", classes="mat-head", markup=False)
        yield DataTable(id="hyp-table", classes="mat-table", cursor_type="row")
        yield Static("", id="hyp-details", classes="mat-line", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Hypotheses"
        self.query_one("#hyp-table", DataTable).focus()
        self._load()

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _load(self) -> None:
        names: dict[str, str] = {}
        with reading(self.app.engine) as session:
            stored = ar.list_hypotheses(session, self.workspace.id, self.team)
            items = [(h, ar.hypothesis_delta(session, h.id)) for h in stored]
        for model_id in {h.model_id for h in stored}:
            model = ar.load_model(model_id)
            names.update({c.id: c.name for _, c in model.iter_criteria()})
        self.post_message(self.Loaded(items, names))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.items, self.names = message.items, message.names
        scope = f"for {self.team} and the whole organisation" if self.team else "all teams"
        self.query_one("#hyp-head", Static).update(
            Text(f"{len(self.items)} hypotheses · {scope}"))
        table = self.query_one("#hyp-table", DataTable)
        table.clear(columns=True)
        table.add_column("Group", key="group")
        table.add_column("Team", key="team")
        table.add_column("Status", key="status")
        table.add_column("Review", key="review")
        table.add_column("Criteria", key="delta")
        table.add_column("We believe…", key="capability")
        now = today()
        for stored, delta in self.items:
            h = stored.hypothesis
            review = Text("-" if h.review_date is None else h.review_date.isoformat())
            if h.is_due(now):
                review.stylize("bold yellow")
                review.append(" due", style="bold yellow")
            capability = Text(h.capability, no_wrap=True, overflow="ellipsis")
            table.add_row(Text(h.stakeholder_group),
                          Text(stored.scope, style="" if stored.team else "italic"),
                          Text(h.status.value, style=STATUS_STYLE[h.status]), review,
                          delta_summary(delta), capability, key=str(stored.id))
        if not self.items:
            self.query_one("#hyp-details", Static).update(Text(
                "No hypotheses yet. Add them with `workbench assess hypothesis add`.",
                style="dim"))
        else:
            self._show_details()

    @on(DataTable.RowHighlighted, "#hyp-table")
    def _show_details(self) -> None:
        table = self.query_one("#hyp-table", DataTable)
        if not self.items or table.row_count == 0:
            return
        stored, delta = self.items[table.cursor_row]
        h = stored.hypothesis
        text = Text()
        text.append(h.stakeholder_group, style="bold")
        text.append(": " + h.statement())
        if h.evidence:
            text.append("\nEvidence: ", style="bold")
            text.append(h.evidence)
        text.append("\nCriteria: ", style="bold")
        if delta is None:
            text.append(", ".join(self.names.get(c, c) for c in h.criterion_ids) or "none")
            if h.criterion_ids:
                text.append(" (no runs on both sides of the review date yet)", style="dim")
        else:
            text.append(f"{delta.before.run_date} → {delta.after.run_date}: ", style="dim")
            for i, c in enumerate(delta.criteria):
                if i:
                    text.append(", ")
                arrow, style = ARROWS[c.direction]
                text.append(f"{self.names.get(c.criterion_id, c.name)} ")
                before = "-" if c.before is None else c.before
                after = "-" if c.after is None else c.after
                text.append(f"{before}→{after}")
                if c.delta:
                    text.append(f" {arrow}{fmt_delta(c.delta)}", style=style)
            for missing in delta.missing:
                text.append(f", {self.names.get(missing, missing)} not assessed",
                            style="dim")
        self.query_one("#hyp-details", Static).update(text)

    def action_back(self) -> None:
        self.dismiss(None)
