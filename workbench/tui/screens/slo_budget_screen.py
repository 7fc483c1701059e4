"""The budget view of one SLO: one compliance period's figures and its burn-down chart;
step to earlier periods and back, and import counts.

Decisions:
- The view starts on today's period. ``[`` and ``]`` move a whole period (a rolling window
  by its length), ``t`` returns to today's; ``]`` stops at today's period, since nothing
  later has counts. A past period is shown to its last day.
- The SLO is loaded by its uid, so the view keeps working when someone renames it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Static

from workbench.domain.formats import days_hours_minutes
from workbench.domain.organisation import Workspace
from workbench.domain.slo.records import SloBudget, SloDefinition, SloKind, move_period
from workbench.service.slos import ref_of
from workbench.tui.screens.base import BaseScreen
from workbench.tui.slo_meaning import number, percent
from workbench.tui.widgets.burndown import BurnDownChart

PERIOD = Binding.Group("Period")
PERIOD_TEXT = {"4w": "periods of four ISO weeks", "28d": "rolling 28 days"}


def exhaustion_text(minutes: Decimal | None) -> str:
    if minutes is None:
        return "never"
    if minutes <= 0:
        return "already spent"
    return days_hours_minutes(minutes)


def budget_rows(budget: SloBudget, today: date) -> list[tuple[str, Text]]:
    """(label, value) rows for the figures table (values of at most 16 characters)."""
    status = budget.status
    shown_to = min(budget.as_of, budget.end)
    elapsed = (shown_to - budget.start).days + 1
    running = budget.start <= today <= budget.end
    rows = [("Period", Text(f"{budget.start:%d %b} → {budget.end:%d %b}")),
            ("Day", Text(f"{elapsed} of {budget.days}" + ("" if running else " (past)")))]
    if status is None:
        return [*rows, ("Counts", Text("none yet", style="bold")),
                ("", Text("i imports a CSV"))]
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
    ]
    if running:
        rows += [
            ("Time to exhaustion", Text(exhaustion_text(status.time_to_exhaustion_minutes))),
            ("Runs out in period", Text("yes", style="bold red")
             if status.projected_exhaustion else Text("no", style="green")),
        ]
    else:  # an ended period: what happened, not a projection
        rows.append(("Ran out", Text("yes", style="bold red") if status.exhausted
                     else Text("no", style="green")))
    if budget.slo.kind is SloKind.AVAILABILITY:  # a latency budget is slow answers, not time
        rows.append(("Allowed downtime", Text(f"{number(status.allowed_downtime_minutes)} min")))
    return rows


class SloBudgetScreen(BaseScreen):
    CSS_PATH = "../slo.tcss"

    BINDINGS: ClassVar = [
        Binding("escape", "back", "Back", id="budget-back", tooltip="Back to the SLO list"),
        Binding("left_square_bracket", "period(-1)", "Earlier", id="budget-prev",
                group=PERIOD, tooltip="Show the compliance period before this one"),
        Binding("right_square_bracket", "period(1)", "Later", id="budget-next",
                group=PERIOD, tooltip="Show the next compliance period (up to today's)"),
        Binding("t", "this_period", "Today", id="budget-today",
                tooltip="Back to the compliance period of today"),
        Binding("i", "import_counts", "Import CSV", id="budget-import",
                tooltip="Import daily counts (date,good,bad) from a CSV file"),
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
        yield Static(self._title(), id="budget-title", markup=False)
        with Horizontal(id="budget-body"):
            with Vertical(id="budget-figures-pane", classes="pane"):
                yield DataTable(id="budget-figures", cursor_type="none", show_header=False,
                                zebra_stripes=True)
            with Vertical(id="budget-chart-pane", classes="pane"):
                yield BurnDownChart(id="burndown")
        yield Footer()

    def _title(self) -> Text:
        period = PERIOD_TEXT.get(self.slo.period, self.slo.period)
        return Text.assemble((self.slo.name, "bold"), f" · {self.slo.describe()} · {period}")

    def on_mount(self) -> None:
        self.title = self.workspace.name
        self.sub_title = f"Budget of {self.slo.name}"
        self.query_one("#budget-figures-pane").border_title = "Loading…"
        self.query_one("#budget-chart-pane").border_title = "Budget left per day"
        table = self.query_one("#budget-figures", DataTable)
        table.add_column("Figure", key="label")
        table.add_column("Value", key="value")
        self.load()

    def reload(self) -> None:
        """Load again (after an import, or when asked to after a conflict)."""
        self.load()

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def load(self, notice: str | None = None) -> None:
        budget = self.app.service.slos.budget(self.workspace.id, ref_of(self.slo), self.as_of)
        self.post_message(self.Loaded(budget, notice))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.budget = budget = message.budget
        if budget.slo.name != self.slo.name:  # renamed meanwhile
            self.sub_title = f"Budget of {budget.slo.name}"
        self.slo = budget.slo
        self.query_one("#budget-title", Static).update(self._title())
        today = self.app.today()
        table = self.query_one("#budget-figures", DataTable)
        table.clear()
        for label, value in budget_rows(budget, today):
            table.add_row(Text(label), value)
        current = budget.start <= today <= budget.end
        self.query_one("#budget-figures-pane").border_title = (
            f"As of {budget.as_of} · " + ("this period" if current else "earlier period"))
        self.query_one(BurnDownChart).show(budget.burn_down, budget.start, budget.days,
                                           budget.as_of if current else None)
        if message.notice:
            self.notify(message.notice, markup=False)

    def action_back(self) -> None:
        self.dismiss(None)

    def action_period(self, step: int) -> None:
        budget = self.budget
        if budget is None:
            return
        today = self.app.today()
        day = move_period(self.slo.period, budget.as_of, step, today)
        if day == budget.as_of:
            self.notify("This is the period of today; there is nothing later yet.",
                        severity="warning")
            return
        self.as_of = day
        self.load()

    def action_this_period(self) -> None:
        self.as_of = self.app.today()
        self.load()

    def action_import_counts(self) -> None:
        from workbench.tui.screens.slo_screen import import_dialog

        service, ws, slo = self.app.service, self.workspace.id, self.slo

        def done(days: int | None) -> None:
            if days is not None:
                self.load(f"Imported {days} day(s) for {slo.name}")

        self.app.push_screen(import_dialog(
            slo.name, lambda path: service.slos.import_counts_file(ws, ref_of(slo), path)),
            done)
