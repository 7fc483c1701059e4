"""The compliance periods of one SLO as a compact table: the period, the SLI achieved, the
budget consumed, met or missed, and the worst day with its bad events.

Decisions:
- A verdict is a mark and a word as well as a colour (``✓ met``, ``✗ missed``,
  ``… running``, ``○ no data``), so it reads in any theme and without colour.
- Rows run oldest first, as ``wb.slos.history`` returns them and as the CLI and the SLO
  document print them; the running period is the last row.
- A rolling window's label ``28 days to 2026-11-25`` is shortened to ``28d to 2026-11-25``,
  so the table stays within 80 columns for both kinds of period. Numbers are right-aligned.
- ``history_rows`` is a pure function of the records (tested without a terminal); the
  widget only puts its cells into the table.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from workbench.domain.slo.period_history import PeriodRecord
from workbench.tui.slo_meaning import percent

VERDICTS = {
    "met": ("✓ met", "green"),
    "missed": ("✗ missed", "bold red"),
    "running": ("… running", "bold"),
    "no data": ("○ no data", "italic"),
}
COLUMNS = (("Period", "period", False), ("SLI", "sli", True), ("Consumed", "consumed", True),
           ("Verdict", "verdict", False), ("Worst day", "worst", False),
           ("Bad that day", "worst-bad", True))


def period_label(record: PeriodRecord) -> str:
    """``2026 P12``, or ``28d to 2026-11-25`` for a rolling window."""
    return record.label.replace("28 days to ", "28d to ", 1)


def verdict_text(record: PeriodRecord) -> Text:
    words, style = VERDICTS[record.verdict]
    return Text(words, style=style)


def history_rows(records: Sequence[PeriodRecord]) -> list[tuple[Text, ...]]:
    """One row of cells per period, in the order given."""
    rows = []
    for record in records:
        consumed = record.consumed_percent
        rows.append((
            Text(period_label(record)),
            Text(percent(record.sli_percent, 4), justify="right"),
            Text(percent(consumed, 2), justify="right",
                 style="red" if consumed is not None and consumed > 100 else ""),
            verdict_text(record),
            Text(record.worst_day.isoformat() if record.worst_day else "-"),
            Text(f"{record.worst_day_bad:,}" if record.worst_day else "-", justify="right"),
        ))
    return rows


def history_summary(records: Sequence[PeriodRecord]) -> str:
    """``Last 13 periods · 1 missed, 11 met, 1 running`` (verdicts that occur, in that
    order)."""
    counts = {verdict: sum(1 for r in records if r.verdict == verdict)
              for verdict in ("missed", "met", "running", "no data")}
    parts = [f"{n} {verdict}" for verdict, n in counts.items() if n]
    noun = "period" if len(records) == 1 else "periods"
    return f"Last {len(records)} {noun}" + (" · " + ", ".join(parts) if parts else "")


class PeriodHistoryTable(DataTable):
    """``show(records)`` fills the table; ``select_period(start)`` moves the cursor to the
    row of the period starting that day; ``record_at_cursor()`` is the highlighted one."""

    BINDINGS: ClassVar = [
        # DataTable's own enter, named so the help (f1) lists what it does here
        Binding("enter", "select_cursor", "Show period", id="history-show", show=False,
                tooltip="Show the highlighted period in the figures and the chart"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.records: tuple[PeriodRecord, ...] = ()

    def show(self, records: Sequence[PeriodRecord], select: date | None = None) -> None:
        self.records = tuple(records)
        rows = history_rows(self.records)
        # Columns as wide as their widest cell, fixed when added: auto widths are worked
        # out when the table is idle, and a real terminal could draw the rows before that.
        self.clear(columns=True)
        for index, (title, key, numeric) in enumerate(COLUMNS):
            width = max([cell_len(title), *(row[index].cell_len for row in rows)])
            self.add_column(Text(title, justify="right") if numeric else title, key=key,
                            width=width)
        for record, cells in zip(self.records, rows, strict=True):
            self.add_row(*cells, key=record.start.isoformat())
        if select is not None:
            self.select_period(select)
        elif self.records:
            self.move_cursor(row=len(self.records) - 1)

    def select_period(self, start: date) -> None:
        """The cursor on the period starting on ``start``; on the oldest row for a period
        before them all (the chart may show one further back than the history)."""
        for index, record in enumerate(self.records):
            if record.start == start:
                self.move_cursor(row=index)
                return
        if self.records:
            self.move_cursor(row=0 if start < self.records[0].start else
                             len(self.records) - 1)

    def record_at_cursor(self) -> PeriodRecord | None:
        if not self.records or not 0 <= self.cursor_row < len(self.records):
            return None
        return self.records[self.cursor_row]
