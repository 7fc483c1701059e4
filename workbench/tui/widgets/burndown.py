"""The burn-down chart of one SLO's compliance period: the error budget left at the end of
each day (bars), the even spend from 100% to 0% over the period (a dotted line), the 0% line
with overspending drawn below it, today, axes with dates and percentages, and a legend.

Decisions:
- The geometry is a pure function of the data and the size (``layout``), and the drawing
  (``draw``) of the geometry; both are unit-tested over many sizes, so the chart cannot
  spill over its area at 80x24, 160x45 or anything between. The widget only maps the
  drawing's roles to theme colours (component classes), so every theme works.
- The y axis always runs from 100% (a budget cannot grow) down to 0%, or to a round
  percentage below the lowest value when the budget is overspent; ticks are round numbers
  at least two rows apart. The x axis shares the plot's columns out among the days (up to
  six columns a day); on a narrow chart several days share a column, which shows the
  last of them.
- The even-spend line is computed per column from the plot's own width, so it starts at the
  top-left and ends exactly on 0% in the last column whatever the size.
- A bar is green while at or above the even spend, yellow below it, red below 0%.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from workbench.domain.slo.records import BurnDownPoint

MIN_WIDTH = 20
MIN_HEIGHT = 6
MAX_DAY_WIDTH = 6
"""Columns one day may get on a wide chart (wider bars read no better)."""
DATE_LABEL = "%d %b"
DATE_WIDTH = 6
TICK_DAYS = (1, 7, 14, 28)

BAR, IDEAL, TODAY, ZERO = "█", "•", "┊", "─"
TONES = ("ok", "behind", "spent")


@dataclass(frozen=True)
class Column:
    """One column of the plot: the budget left at the end of its last day with counts."""

    remaining: float | None
    tone: str | None
    """ok, behind or spent (None: no counts for this column's days)."""
    ideal_row: int


@dataclass(frozen=True)
class Layout:
    width: int
    height: int
    label_width: int
    """Columns left of the plot: the percentage labels and the axis."""
    plot_width: int
    plot_height: int
    high: float
    low: float
    zero_row: int
    y_ticks: tuple[tuple[int, str], ...]
    """(plot row, label) from the top."""
    x_ticks: tuple[tuple[int, int, str], ...]
    """(column of the tick, column where its date label starts, label) from the left."""
    columns: tuple[Column, ...]
    today_column: int | None
    legend: tuple[tuple[str, str, str], ...]
    """(symbol, role, words) of each legend entry."""

    def row(self, value: float) -> int:
        """The plot row (0 = top) of a percentage; always inside the plot. 100% to 0% map
        onto the rows down to the 0% line, 0% to the axis' low end onto those below it."""
        bottom = self.plot_height - 1
        if value >= 0 or self.low >= 0:
            share, first, rows = (self.high - value) / self.high, 0, self.zero_row
        else:
            share, first, rows = value / self.low, self.zero_row, bottom - self.zero_row
        row = first + math.floor(share * rows + 0.5)  # halves round down the plot
        return min(bottom, max(0, row))

    def bar_rows(self, column: Column) -> range:
        """The rows a column's bar covers: from its value down to the 0% line, or from just
        below the 0% line down to its (negative) value."""
        if column.remaining is None:
            return range(0)
        top = self.row(column.remaining)
        if column.remaining >= 0:
            return range(top, self.zero_row + 1)
        first = min(self.zero_row + 1, self.plot_height - 1)
        return range(first, max(first, top) + 1)


def zero_line_row(low: float, high: float, plot_height: int) -> int:
    """The row of 0%: in proportion to the axis, but with at least one row above it (100%)
    and, when the budget is overspent, one below it, however small the chart."""
    bottom = plot_height - 1
    if low >= 0:
        return bottom
    return min(bottom - 1, max(1, math.floor(high / (high - low) * bottom + 0.5)))


def _steps() -> list[float]:
    return [m * 10.0 ** k for k in range(1, 10) for m in (1, 2, 2.5, 5)]


def _y_scale(lowest: float, plot_height: int) -> tuple[float, float]:
    """(low end of the axis, tick step): the smallest round step that leaves at least two
    rows between ticks, and the axis ending on a multiple of it."""
    rows = max(1, plot_height - 1)
    for step in _steps():
        low = min(0.0, math.floor(lowest / step) * step)
        if step * rows / (100.0 - low) >= 2:
            return low, step
    step = next(s for s in _steps() if s >= max(100.0, -lowest))
    return (0.0 if lowest >= 0 else -step), step


def _percent(value: float) -> str:
    return f"{round(value)}%"


def _legend(width: int, today: date | None) -> tuple[tuple[str, str, str], ...]:
    day = [(TODAY, "today", f"today {today:{DATE_LABEL}}")] if today else []
    short_day = [(TODAY, "today", "today")] if today else []
    variants = [
        [(BAR, "ok", "on track"), (BAR, "behind", "behind even spend"),
         (BAR, "spent", "overspent"), (IDEAL, "ideal", "even spend"), *day],
        [(BAR, "ok", "budget left"), (IDEAL, "ideal", "even spend"), *day],
        [(BAR, "ok", "left"), (IDEAL, "ideal", "even spend"), *short_day],
        [(BAR, "ok", "left"), (IDEAL, "ideal", "even"), *short_day],
        [(BAR, "ok", "left"), (IDEAL, "ideal", "even")],
    ]
    for items in variants:
        if legend_width(items) <= width:
            return tuple(items)
    return ()


def legend_width(items: Sequence[tuple[str, str, str]]) -> int:
    return sum(len(symbol) + 1 + len(words) for symbol, _, words in items) + 2 * max(
        0, len(items) - 1)


def layout(points: Sequence[BurnDownPoint], start: date, days: int, as_of: date | None,
           width: int, height: int) -> Layout:
    """Where everything of the chart goes in ``width`` x ``height`` cells (at least
    ``MIN_WIDTH`` x ``MIN_HEIGHT``): one legend row, the plot, the x axis, the dates."""
    width, height, days = max(width, MIN_WIDTH), max(height, MIN_HEIGHT), max(days, 1)
    plot_height = height - 3
    by_day = {(p.day - start).days: p for p in points if 0 <= (p.day - start).days < days}
    lowest = min([0.0, *(float(p.remaining_percent) for p in by_day.values())])
    high = 100.0
    low, step = _y_scale(lowest, plot_height)
    ticks = [high, 0.0, low] + [k * step for k in range(int(high // step), int(low // step) - 1,
                                                         -1)]
    zero_row = zero_line_row(low, high, plot_height)
    probe = Layout(width, height, 0, 0, plot_height, high, low, zero_row, (), (), (), None,
                   ())
    y_ticks: dict[int, str] = {}
    for value in ticks:
        row = probe.row(value)
        if low <= value <= high and row not in y_ticks and value <= high:
            y_ticks[row] = _percent(value)
    label_width = max(len(label) for label in y_ticks.values()) + 1
    plot_width = min(width - label_width, days * MAX_DAY_WIDTH)
    # days share the columns as evenly as whole columns allow (bars touch, so a bar one
    # column wider than its neighbour does not show); on a narrow chart several days share
    # a column
    first_column = [d * plot_width // days for d in range(days)]
    day_of_column: dict[int, list[int]] = {}
    for day in range(days):
        last = first_column[day + 1] if day + 1 < days else plot_width
        for column in range(first_column[day], max(last, first_column[day] + 1)):
            day_of_column.setdefault(column, []).append(day)
    probe = Layout(width, height, label_width, plot_width, plot_height, high, low, zero_row,
                   (), (), (), None, ())
    columns = []
    for column in range(plot_width):
        ideal = high - high * (column + 1) / plot_width
        shown = [by_day[d] for d in day_of_column.get(column, []) if d in by_day]
        if shown:
            point = shown[-1]
            value = float(point.remaining_percent)
            tone = "spent" if value < 0 else (
                "behind" if point.remaining_percent < point.ideal_remaining_percent else "ok")
            columns.append(Column(value, tone, probe.row(ideal)))
        else:
            columns.append(Column(None, None, probe.row(ideal)))
    today = None
    if as_of is not None and 0 <= (as_of - start).days < days:
        index = (as_of - start).days
        today = max(c for c, ds in day_of_column.items() if index in ds)
    x_ticks = _x_ticks(start, days, plot_width, first_column)
    return Layout(width, height, label_width, plot_width, plot_height, high, low,
                  zero_row, tuple(sorted(y_ticks.items())), x_ticks, tuple(columns),
                  today, _legend(width, as_of if today is not None else None))


def _x_ticks(start: date, days: int, plot_width: int,
             first_column: list[int]) -> tuple[tuple[int, int, str], ...]:
    """Dates under the axis every day, week, two or four weeks (whichever leaves room for
    the labels), then the period's last day, right-aligned, when there is room for it."""
    per_day = plot_width / days
    every = next((n for n in TICK_DAYS if n * per_day >= DATE_WIDTH + 1), TICK_DAYS[-1])
    ticks: list[tuple[int, int, str]] = []
    end = -1
    for day in range(0, days, every):
        column = first_column[day]
        if column > end and column + DATE_WIDTH <= plot_width:
            ticks.append((column, column, f"{start + timedelta(days=day):{DATE_LABEL}}"))
            end = column + DATE_WIDTH
    last = plot_width - DATE_WIDTH
    if days > 1 and last > end and (days - 1) % every:
        ticks.append((plot_width - 1, last,
                      f"{start + timedelta(days=days - 1):{DATE_LABEL}}"))
    return tuple(ticks)


Cell = tuple[str, str]
"""(character, role): roles are ok, behind, spent, ideal, today, axis, label, legend, and
"ideal@TONE" for the even-spend line crossing a bar."""


def draw(chart: Layout) -> list[list[Cell]]:
    """The chart as ``height`` rows of exactly ``width`` cells."""
    blank: Cell = (" ", "")
    rows: list[list[Cell]] = [[blank] * chart.width for _ in range(chart.height)]

    def put(row: int, column: int, text: str, role: str) -> None:
        for offset, char in enumerate(text):
            if 0 <= column + offset < chart.width:
                rows[row][column + offset] = (char, role)

    column = 0
    for index, (symbol, role, words) in enumerate(chart.legend):
        if index:
            column += 2
        put(0, column, symbol, role)
        put(0, column + len(symbol) + 1, words, "legend")
        column += len(symbol) + 1 + len(words)

    left, top = chart.label_width, 1
    labels = dict(chart.y_ticks)
    for row in range(chart.plot_height):
        label = labels.get(row)
        if label is not None:
            put(top + row, left - 1 - len(label), label, "label")
        put(top + row, left - 1, "┤" if label is not None else "│", "axis")
    for x in range(chart.plot_width):
        put(top + chart.zero_row, left + x, ZERO, "axis")
    for x, column_data in enumerate(chart.columns):
        bar = chart.bar_rows(column_data)
        for row in bar:
            put(top + row, left + x, BAR, column_data.tone or "ok")
        if x == chart.today_column:
            above = bar.start if bar and column_data.remaining is not None and (
                column_data.remaining >= 0) else chart.zero_row
            for row in range(above):
                put(top + row, left + x, TODAY, "today")
        ideal = column_data.ideal_row
        if ideal in bar:
            put(top + ideal, left + x, IDEAL, f"ideal@{column_data.tone}")
        else:
            put(top + ideal, left + x, IDEAL, "ideal")

    axis = top + chart.plot_height
    put(axis, left - 1, "└", "axis")
    put(axis, left, "─" * chart.plot_width, "axis")
    for x, _, _ in chart.x_ticks:
        put(axis, left + x, "┬", "axis")
    if chart.today_column is not None:
        put(axis, left + chart.today_column, "┴", "today")
    for _, x, label in chart.x_ticks:
        put(axis + 1, left + x, label, "label")
    return rows


def plain_rows(chart: Layout) -> list[str]:
    """The drawing as text, one string per row (for tests and for reading)."""
    return ["".join(char for char, _ in row) for row in draw(chart)]


DEFAULT_STYLES: dict[str, Style] = {
    "ok": Style(color="green"), "behind": Style(color="yellow"), "spent": Style(color="red"),
    "ideal": Style(bold=True), "today": Style(color="cyan", bold=True), "axis": Style(),
    "label": Style(), "legend": Style(),
}


def to_text(rows: list[list[Cell]], styles: dict[str, Style]) -> Text:
    """Rich text of a drawing; ``ideal@TONE`` is the even-spend style on the bar's colour."""
    text = Text(no_wrap=True, overflow="crop")
    for index, row in enumerate(rows):
        if index:
            text.append("\n")
        for char, role in row:
            if role.startswith("ideal@"):
                bar = styles.get(role.split("@", 1)[1], Style())
                style = styles.get("ideal", Style()) + Style(bgcolor=bar.color)
            else:
                style = styles.get(role, Style())
            text.append(char, style)
    return text


def too_small(width: int, height: int) -> Text:
    return Text("Enlarge the window to see the chart"[:max(1, width)], no_wrap=True)


class BurnDownChart(Widget):
    """``show(points, start, days, as_of)`` draws one period; the size comes from layout."""

    COMPONENT_CLASSES = {"burndown--ok", "burndown--behind", "burndown--spent",
                         "burndown--ideal", "burndown--today", "burndown--axis",
                         "burndown--label"}
    DEFAULT_CSS = """
    BurnDownChart {
        height: 1fr;
        min-height: 6;
    }
    BurnDownChart > .burndown--ok { color: $success; }
    BurnDownChart > .burndown--behind { color: $warning; }
    BurnDownChart > .burndown--spent { color: $error; }
    BurnDownChart > .burndown--ideal { color: $text; text-style: bold; }
    BurnDownChart > .burndown--today { color: $accent; text-style: bold; }
    BurnDownChart > .burndown--axis { color: $foreground; }
    BurnDownChart > .burndown--label { color: $text; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.points: tuple[BurnDownPoint, ...] = ()
        self.start: date | None = None
        self.days = 0
        self.as_of: date | None = None

    def show(self, points: tuple[BurnDownPoint, ...], start: date, days: int,
             as_of: date | None = None) -> None:
        self.points, self.start, self.days, self.as_of = points, start, days, as_of
        self.refresh()

    def chart(self) -> Layout | None:
        if self.start is None or self.days <= 0:
            return None
        return layout(self.points, self.start, self.days, self.as_of, self.size.width,
                      self.size.height)

    def render(self) -> Text:
        width, height = self.size.width, self.size.height
        if self.start is None:
            return Text("Loading…")
        if width < MIN_WIDTH or height < MIN_HEIGHT:
            return too_small(width, height)
        styles = {role: self.get_component_rich_style(f"burndown--{role}", partial=True)
                  for role in ("ok", "behind", "spent", "ideal", "today", "axis", "label")}
        styles["legend"] = styles["label"]
        return to_text(draw(self.chart()), styles)
