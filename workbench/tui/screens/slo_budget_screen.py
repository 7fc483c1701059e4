"""The budget view of one SLO: this period's figures and a burn-down chart; import counts."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Static

from workbench.domain.organisation import Workspace
from workbench.domain.slo.records import SloBudget, SloDefinition
from workbench.tui.screens.base import BaseScreen
from workbench.tui.slo_data import import_counts_file, load_budget
from workbench.tui.slo_meaning import number, percent
from workbench.tui.widgets.burndown import BurnDownChart


def exhaustion_text(minutes: Decimal | None) -> str:
    if minutes is None:
        return "never (no bad events)"
    if minutes <= 0:
        return "already spent"
    whole = int(minutes)
    days, rest = divmod(whole, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h"
    return f"{hours} h {mins} min" if hours else f"{mins} min"


def budget_rows(budget: SloBudget) -> list[tuple[str, Text]]:
    """(label, value) rows for the figures table."""
    status = budget.status
    elapsed = (min(budget.as_of, budget.end) - budget.start).days + 1
    rows = [("Period", Text(f"{budget.start:%d %b} → {budget.end:%d %b %Y}")),
            ("Day", Text(f"{elapsed} of {budget.days}"))]
    if status is None:
        return [*rows, ("Counts", Text("none in this period; press i to import a CSV",
                                       style="dim"))]
    remaining = status.remaining_percent
    rows += [
        ("Valid events", Text(f"{status.total:,}")),
        ("Bad events", Text(f"{status.bad:,}")),
        # Mid-period, the budget is for the events the whole period is expected to have.
        ("Allowed bad events", Text(f"{status.allowed_bad:,}" + (
            " projected" if elapsed < budget.days else ""))),
        ("SLI achieved", Text(percent(status.sli_percent, 4))),
        ("Budget consumed", Text(percent(status.consumed_percent, 4))),
        ("Budget remaining", Text(percent(remaining, 4),
                                  style="bold red" if remaining < 0 else "bold")),
        ("Burn rate", Text(number(status.burn_rate, 4))),
        ("Time to exhaustion", Text(exhaustion_text(status.time_to_exhaustion_minutes))),
        ("Runs out in period", Text("yes", style="bold red")
         if status.projected_exhaustion else Text("no", style="green")),
        ("Allowed downtime", Text(f"{number(status.allowed_downtime_minutes)} min")),
    ]
    return rows


class SloBudgetScreen(BaseScreen):
    CSS_PATH = "../slo.tcss"

    BINDINGS: ClassVar = [
        Binding("escape", "back", "Back", id="budget-back", tooltip="Back to the SLO list"),
        Binding("i", "import_counts", "Import CSV", id="budget-import",
                tooltip="Import daily counts (date,good,bad) from a CSV file"),
        Binding("left_square_bracket", "period(-1)", "Prev period", id="budget-prev",
                tooltip="Show the previous compliance period"),
        Binding("right_square_bracket", "period(1)", "Next period", id="budget-next",
                tooltip="Show the next compliance period"),
    ]

    class Loaded(Message):
        def __init__(self, budget: SloBudget, notice: str | None) -> None:
            super().__init__()
            self.budget = budget
            self.notice = notice

    def __init__(self, workspace: Workspace, slo: SloDefinition, as_of: date) -> None:
        super().__init__()
        self.workspace = workspace
        self.slo = slo
        self.as_of = as_of
        self.budget: SloBudget | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text.assemble((self.slo.name, "bold"), f" · {self.slo.describe()}"),
                     id="budget-title", markup=False)
        with Horizontal(id="budget-body"):
            with Vertical(id="budget-figures-pane", classes="pane"):
                yield DataTable(id="budget-figures", cursor_type="none", show_header=False,
                                zebra_stripes=True)
            with Vertical(id="budget-chart-pane", classes="pane"):
                yield BurnDownChart(id="burndown")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.workspace.name
        self.sub_title = f"Budget of {self.slo.name}"
        self.query_one("#budget-figures-pane").border_title = "This period"
        self.query_one("#budget-chart-pane").border_title = "Remaining budget per day"
        table = self.query_one("#budget-figures", DataTable)
        table.add_column("Figure", key="label")
        table.add_column("Value", key="value")
        self.load()

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def load(self, notice: str | None = None) -> None:
        budget = load_budget(self.app.engine, self.workspace.id, self.slo.name, self.as_of)
        self.post_message(self.Loaded(budget, notice))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.budget = budget = message.budget
        table = self.query_one("#budget-figures", DataTable)
        table.clear()
        for label, value in budget_rows(budget):
            table.add_row(Text(label, style="dim"), value)
        self.query_one("#budget-figures-pane").border_title = f"As of {budget.as_of}"
        self.query_one("#budget-chart-pane").border_title = "Remaining budget per day"
        self.query_one(BurnDownChart).show(budget.burn_down, budget.start, budget.days)
        if message.notice:
            self.notify(message.notice, markup=False)

    def action_back(self) -> None:
        self.dismiss(None)

    def action_period(self, step: int) -> None:
        budget = self.budget
        if budget is None:
            return
        if self.slo.period.strip().lower() == "28d":  # a rolling window: move by its length
            self.as_of = budget.as_of + timedelta(days=step * budget.days)
        else:
            self.as_of = budget.start - timedelta(days=1) if step < 0 else (
                budget.end + timedelta(days=1))
        self.load()

    def action_import_counts(self) -> None:
        from workbench.tui.screens.slo_screen import import_dialog

        engine, ws, name = self.app.engine, self.workspace.id, self.slo.name

        def done(days: int | None) -> None:
            if days is not None:
                self.load(f"Imported {days} day(s) for {name}")

        self.app.push_screen(import_dialog(
            name, lambda path: import_counts_file(engine, ws, name, path)), done)
