"""A text burn-down chart: remaining error budget (%) per day of a compliance period, with
the ideal straight line from 100% to 0% (dots, or a dark dash across a bar). Bars are green
while at or above the ideal line, yellow below it, red below zero. One widget, drawn from
its size."""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text
from textual.widget import Widget

from workbench.domain.slo.records import BurnDownPoint

LABEL_WIDTH = 6


def _label(value: float) -> str:
    return f"{value:.0f}%".rjust(LABEL_WIDTH - 1) + "┤"


def burndown_lines(points: tuple[BurnDownPoint, ...], start: date, days: int, width: int,
                   height: int) -> list[Text]:
    """The chart as ``height`` lines of at most ``width`` cells (plus two axis lines)."""
    plot_height = max(3, height - 2)
    plot_width = max(days, width - LABEL_WIDTH)
    cell = max(1, min(4, plot_width // max(days, 1)))
    by_day = {(p.day - start).days: p for p in points}
    values = [float(p.remaining_percent) for p in points]
    low = min([0.0, *values])
    high = 100.0
    step = (high - low) / plot_height
    ideal_rows = {}
    for day in range(days):
        ideal = 100.0 - 100.0 * (day + 1) / days
        ideal_rows[day] = min(plot_height - 1, max(0, int((high - ideal) / step)))
    zero_row = int((high - 0.0) / step) if low < 0 else None
    lines: list[Text] = []
    for row in range(plot_height):
        top = high - row * step
        bottom = top - step
        middle = (top + bottom) / 2
        if row == 0 or row == plot_height - 1 or row == zero_row:
            label = _label(high if row == 0 else low if row == plot_height - 1 else 0.0)
        else:
            label = " " * (LABEL_WIDTH - 1) + "│"
        line = Text(label, style="dim", no_wrap=True)
        for day in range(days):
            point = by_day.get(day)
            char, style = " ", ""
            if point is not None:
                value = float(point.remaining_percent)
                filled = (0 <= middle <= value) if value >= 0 else (value <= middle < 0)
                if filled:
                    behind = point.remaining_percent < point.ideal_remaining_percent
                    char = "█"
                    style = "red" if value < 0 else "yellow" if behind else "green"
            if ideal_rows[day] == row:  # the ideal line shows through the bars too
                char, style = ("·", "dim") if char == " " else ("━", f"black on {style}")
            elif char == " " and row == zero_row:
                char, style = "─", "dim"
            line.append(char * cell, style=style)
        lines.append(line)
    axis = Text(" " * (LABEL_WIDTH - 1) + "└" + "─" * (days * cell), style="dim", no_wrap=True)
    end = start + timedelta(days=days - 1)
    first, last = start.strftime("%d %b"), end.strftime("%d %b")
    gap = max(1, days * cell - len(first) - len(last))
    dates = Text(" " * LABEL_WIDTH + first + " " * gap + last, style="dim", no_wrap=True)
    return [*lines, axis, dates]


class BurnDownChart(Widget):
    DEFAULT_CSS = """
    BurnDownChart {
        height: 1fr;
        min-height: 6;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.points: tuple[BurnDownPoint, ...] = ()
        self.start: date | None = None
        self.days = 0

    def show(self, points: tuple[BurnDownPoint, ...], start: date, days: int) -> None:
        self.points, self.start, self.days = points, start, days
        self.refresh()

    def render(self) -> Text:
        if self.start is None or self.days <= 0:
            return Text("No counts in this period yet: press i to import a CSV.", style="dim")
        lines = burndown_lines(self.points, self.start, self.days, self.size.width,
                               self.size.height)
        return Text("\n").join(lines)
