"""The budget view of one SLO: one compliance period's figures and its burn-down chart, the
last 13 periods (met or missed), the maintenance windows and corrections that apply, and
the alert tiers at the SLO's target; step to earlier periods and back, import counts, add
a maintenance window.

Decisions:
- The view starts on today's period. ``[`` and ``]`` move a whole period (a rolling window
  by its length), ``t`` returns to today's; ``]`` stops at today's period, since nothing
  later has counts. A past period is shown to its last day.
- The history always covers the 13 periods up to today, whichever period the chart shows;
  its cursor follows the period shown, and enter on a row shows that period.
- At 160x45 (at least ``WIDE`` columns and ``TALL`` rows) the chart and the history are
  both on screen. Below that they share the body: ``h`` switches between the two, so the
  footer (with ^q and f1) and every row stay whole at 80x24.
- The alert tiers are those exports use (``MULTIWINDOW_RULES``); a tier that can never fire
  at the target is marked in the figures and explained with what to do instead in the
  list under the history.
- The SLO is loaded by its uid, so the view keeps working when someone renames it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Static

from workbench.domain.formats import days_hours_minutes
from workbench.domain.organisation import Workspace
from workbench.domain.slo import decimal_text
from workbench.domain.slo.adjustments import Adjustment
from workbench.domain.slo.alerts import MULTIWINDOW_RULES, AlertThreshold, alert_thresholds
from workbench.domain.slo.period_history import DEFAULT_PERIODS, PeriodRecord
from workbench.domain.slo.records import SloBudget, SloDefinition, SloKind, move_period
from workbench.service.slos import ref_of
from workbench.tui.screens.base import BaseScreen
from workbench.tui.slo_meaning import number, percent
from workbench.tui.widgets.adjustment_list import AdjustmentList, notes_title
from workbench.tui.widgets.burndown import BurnDownChart
from workbench.tui.widgets.period_history import PeriodHistoryTable, history_summary

PERIOD = Binding.Group("Period")
PERIOD_TEXT = {"4w": "periods of four ISO weeks", "28d": "rolling 28 days"}
LABEL_WIDTH, VALUE_WIDTH = 18, 16
"""Characters of the figures table's columns (its pane is 40 wide with the border)."""
WIDE, TALL = 120, 40
"""From this size on, the chart and the history are shown together."""


def exhaustion_text(minutes: Decimal | None) -> str:
    if minutes is None:
        return "never"
    if minutes <= 0:
        return "already spent"
    return days_hours_minutes(minutes)


def allowed_text(allowed: int, *, projected: bool) -> str:
    """``1,000``, ``12,627 projected``, or ``189,420 proj.`` where the word would make the
    value longer than the figures table's 16 characters."""
    text = f"{allowed:,}"
    if not projected:
        return text
    return f"{text} projected" if len(text) <= 6 else f"{text} proj."


def budget_rows(budget: SloBudget, today: date) -> list[tuple[str, Text]]:
    """(label, value) rows for the figures table (labels of at most ``LABEL_WIDTH``,
    values of at most ``VALUE_WIDTH`` characters)."""
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
        ("Allowed bad events", Text(allowed_text(status.allowed_bad,
                                                 projected=elapsed < budget.days))),
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


def tier_thresholds(slo: SloDefinition) -> list[AlertThreshold]:
    """The thresholds of the alert tiers exports use, at the SLO's target."""
    return alert_thresholds(slo.target, MULTIWINDOW_RULES)


def alert_rows(thresholds: Sequence[AlertThreshold]) -> list[tuple[str, Text]]:
    """(label, value) rows for the figures table: the bad share above which each tier
    fires, or ``✗ never: 144%`` for a tier that needs more than every event to be bad."""
    rows = [("Alerts (burn rate)", Text("fire above", style="italic"))]
    for t in thresholds:
        label = f"{t.rule.name} ({decimal_text(t.rule.burn_rate)}x)"
        share = f"{decimal_text(t.bad_share_percent, 3)}%"
        rows.append((label, Text(f"{share} bad") if t.can_fire
                     else Text(f"✗ never: {share}", style="bold yellow")))
    return rows


class SloBudgetScreen(BaseScreen):
    CSS_PATH = "../slo.tcss"
    HELP_TITLE = "SLO budget"

    BINDINGS: ClassVar = [
        Binding("escape", "back", "Back", id="budget-back", tooltip="Back to the SLO list"),
        Binding("left_square_bracket", "period(-1)", "Earlier", id="budget-prev",
                group=PERIOD, tooltip="Show the compliance period before this one"),
        Binding("right_square_bracket", "period(1)", "Later", id="budget-next",
                group=PERIOD, tooltip="Show the next compliance period (up to today's)"),
        Binding("t", "this_period", "Today", id="budget-today",
                tooltip="Back to the compliance period of today"),
        # One key, two words: only the one that applies is active (check_action); at
        # 160x45 both views are shown and neither is.
        Binding("h", "view('history')", "History", id="budget-history",
                tooltip="Show the last 13 periods, maintenance windows and alert tiers"),
        Binding("h", "view('chart')", "Burn-down", id="budget-chart",
                tooltip="Show the figures and the burn-down chart again"),
        # in the help (f1) only: at 80 columns the footer keeps room for ^q and f1
        Binding("i", "import_counts", "Import CSV", id="budget-import", show=False,
                tooltip="Import daily counts (date,good,bad) from a CSV file"),
        Binding("m", "add_maintenance", "Maintenance", id="budget-maintenance", show=False,
                tooltip="Add a maintenance window for this SLO or its service"),
    ]

    class Loaded(Message):
        """A period's budget; the history and adjustments too, or None when unchanged."""

        def __init__(self, budget: SloBudget, history: list[PeriodRecord] | None,
                     adjustments: list[Adjustment] | None, notice: str | None) -> None:
            super().__init__()
            self.budget = budget
            self.history = history
            self.adjustments = adjustments
            self.notice = notice

    def __init__(self, workspace: Workspace, slo: SloDefinition, as_of: date) -> None:
        super().__init__()
        self.workspace = workspace
        self.slo = slo
        self.as_of = as_of
        self.budget: SloBudget | None = None
        self.history: list[PeriodRecord] = []
        self.adjustments: list[Adjustment] = []
        self._past_loaded = False  # the history and adjustments have arrived once
        self.showing = "chart"
        """The view shown below ``WIDE`` x ``TALL``: chart or history."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self._title(), id="budget-title", markup=False)
        with Vertical(id="budget-body"):
            with Horizontal(id="budget-main"):
                with Vertical(id="budget-figures-pane", classes="pane"):
                    yield DataTable(id="budget-figures", cursor_type="none",
                                    show_header=False, zebra_stripes=True)
                with Vertical(id="budget-chart-pane", classes="pane"):
                    yield BurnDownChart(id="burndown")
            with Horizontal(id="budget-past"):
                with Vertical(id="budget-history-pane", classes="pane"):
                    yield PeriodHistoryTable(id="budget-history")
                with VerticalScroll(id="budget-notes-pane", classes="pane"):
                    yield AdjustmentList(id="budget-notes")
        yield Footer()

    def _title(self) -> Text:
        period = PERIOD_TEXT.get(self.slo.period, self.slo.period)
        return Text.assemble((self.slo.name, "bold"), f" · {self.slo.describe()} · {period}")

    def on_mount(self) -> None:
        self.title = self.workspace.name
        self.sub_title = f"Budget of {self.slo.name}"
        self.query_one("#budget-figures-pane").border_title = "Loading…"
        self.query_one("#budget-chart-pane").border_title = "Budget left per day"
        self.query_one("#budget-history-pane").border_title = "Loading…"
        self.query_one("#budget-notes-pane").border_title = "Maintenance & corrections"
        table = self.query_one("#budget-figures", DataTable)
        # Fixed widths (the pane's 38 columns): auto widths are worked out when the table
        # is idle, and a real terminal could show the first rows before that, cut short.
        table.add_column("Figure", key="label", width=LABEL_WIDTH)
        table.add_column("Value", key="value", width=VALUE_WIDTH)
        self._arrange(self.size.width, self.size.height)
        self.load()

    def reload(self) -> None:
        """Load again (after an import, or when asked to after a conflict)."""
        self.load()

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def load(self, notice: str | None = None, *, past: bool = True) -> None:
        """Load the budget of the period shown; with ``past``, also the history (always up
        to today) and the adjustments, which stepping between periods does not change."""
        service, ws, ref = self.app.service, self.workspace.id, ref_of(self.slo)
        budget = service.slos.budget(ws, ref, self.as_of)
        history = adjustments = None
        if past or not self._past_loaded:  # a first load may have been cut short
            _, history = service.slos.history(ws, ref, self.app.today(),
                                              periods=DEFAULT_PERIODS)
            adjustments = service.slos.adjustments(ws, ref)
        self.post_message(self.Loaded(budget, history, adjustments, notice))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.budget = budget = message.budget
        if message.history is not None:
            self.history, self._past_loaded = message.history, True
        if message.adjustments is not None:
            self.adjustments = message.adjustments
        if budget.slo.name != self.slo.name:  # renamed meanwhile
            self.sub_title = f"Budget of {budget.slo.name}"
        self.slo = budget.slo
        self.query_one("#budget-title", Static).update(self._title())
        today = self.app.today()
        thresholds = tier_thresholds(budget.slo)
        table = self.query_one("#budget-figures", DataTable)
        table.clear()
        for label, value in [*budget_rows(budget, today), *alert_rows(thresholds)]:
            table.add_row(Text(label), value)
        current = budget.start <= today <= budget.end
        self.query_one("#budget-figures-pane").border_title = (
            f"As of {budget.as_of} · " + ("this period" if current else "earlier period"))
        self.query_one(BurnDownChart).show(budget.burn_down, budget.start, budget.days,
                                           budget.as_of if current else None)
        self.query_one(PeriodHistoryTable).show(self.history, select=budget.start)
        self.query_one("#budget-history-pane").border_title = history_summary(self.history)
        self.query_one(AdjustmentList).show(self.adjustments, thresholds)
        self.query_one("#budget-notes-pane").border_title = notes_title(
            self.adjustments, thresholds)
        if message.notice:
            self.notify(message.notice, markup=False)

    # --- layout ---------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._arrange(event.size.width, event.size.height)

    def _arrange(self, width: int, height: int) -> None:
        both = width >= WIDE and height >= TALL
        history = not both and self.showing == "history"
        if (both, history) == (self.has_class("-both"), self.has_class("-history")):
            return
        self.set_class(both, "-both")
        self.set_class(history, "-history")
        # Only on a change: refreshing the footer while a table is being filled can leave
        # the table drawn with its old column widths (seen at 80x24 in a real terminal).
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "view":
            return not self.has_class("-both") and parameters[0] != self.showing
        return True

    def action_view(self, view: str) -> None:
        self.showing = view
        self._arrange(self.size.width, self.size.height)
        if view == "history":
            self.query_one(PeriodHistoryTable).focus()

    @on(DataTable.RowSelected, "#budget-history")
    def _period_chosen(self) -> None:
        """Enter on a period of the history: show it in the figures and the chart."""
        record = self.query_one(PeriodHistoryTable).record_at_cursor()
        if record is None:
            return
        self.as_of = min(record.end, self.app.today())
        if not self.has_class("-both"):
            self.action_view("chart")
        self.load(past=False)

    # --- keys -----------------------------------------------------------------------------

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
        self.load(past=False)

    def action_this_period(self) -> None:
        self.as_of = self.app.today()
        self.load(past=False)

    def action_import_counts(self) -> None:
        from workbench.tui.screens.slo_screen import import_dialog

        service, ws, slo = self.app.service, self.workspace.id, self.slo

        def done(days: int | None) -> None:
            if days is not None:
                self.load(f"Imported {days} day(s) for {slo.name}")

        self.app.push_screen(import_dialog(
            slo.name, lambda path: service.slos.import_counts_file(ws, ref_of(slo), path)),
            done)

    def action_add_maintenance(self) -> None:
        from workbench.tui.dialogs.maintenance_dialog import MaintenanceDialog

        service, ws, slo = self.app.service, self.workspace.id, self.slo

        def save(values: dict) -> Adjustment:
            values = dict(values)
            by, scope = values.pop("by"), values.pop("scope")
            if scope == "service" and slo.service_name:
                return service.slos.add_maintenance(ws, values, by=by,
                                                    service=slo.service_name)
            return service.slos.add_maintenance(ws, values, by=by, slo=ref_of(slo))

        def done(added: Adjustment | None) -> None:
            if added is not None:
                self.load(f"Added maintenance {added.describe()} ({added.scope})")

        self.app.push_screen(MaintenanceDialog(save, slo=slo), done)
