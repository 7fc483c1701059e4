"""Horizontal bars drawn with block characters: one row per dimension, its name, a bar as long
as its score, and the score as level and percentage."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget

from workbench.display_width import display_width, fit

EIGHTHS = " ▏▎▍▌▋▊▉"
MAX_BAR = 60  # longer bars are harder to compare, not easier


def bar(fraction: Fraction | float | None, width: int) -> Text:
    """A bar filling ``fraction`` (0..1) of ``width`` cells, in eighths of a cell; the rest
    is a faint track so an empty bar still shows its length."""
    if width <= 0:
        return Text()
    if fraction is None:
        return Text("·" * width, style="dim")
    fraction = min(max(Fraction(fraction), Fraction(0)), Fraction(1))
    eighths = math.floor(fraction * width * 8 + Fraction(1, 2))  # half-up, as every figure
    full, part = divmod(eighths, 8)
    text = Text("█" * full, style="green")
    if part:
        text.append(EIGHTHS[part], style="green")
    rest = width - full - (1 if part else 0)
    text.append("░" * rest, style="dim")
    return text


@dataclass(frozen=True)
class BarRow:
    label: str
    fraction: Fraction | None  # 0..1, None = nothing to show
    value: str  # e.g. "1.00  50%"
    note: str = ""  # e.g. "Westrum: bureaucratic", "2 not assessed"
    bold: bool = False


class ScoreBars(Widget):
    """Rows of labelled bars; the bars take whatever width is left."""

    DEFAULT_CSS = """
    ScoreBars {
        height: auto;
    }
    """

    def __init__(self, rows: Sequence[BarRow] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows = list(rows)

    def set_rows(self, rows: Sequence[BarRow]) -> None:
        self.rows = list(rows)
        self.refresh(layout=True)

    def get_content_height(self, container, viewport, width: int) -> int:
        return max(1, len(self.rows))

    def render(self) -> Text:
        if not self.rows:
            return Text("Nothing assessed yet.", style="italic")
        width = self.size.width
        label_w = min(max(display_width(r.label) for r in self.rows), 22)
        value_w = max(cell_len(r.value) for r in self.rows)
        note_w = max(cell_len(r.note) for r in self.rows)
        bar_w = width - label_w - value_w - 5  # one cell of slack at the right
        if note_w and bar_w - note_w - 2 >= 10:
            bar_w -= note_w + 2
        else:
            note_w = 0
        bar_w = min(bar_w, MAX_BAR)
        lines = []
        for row in self.rows:
            line = Text(no_wrap=True, overflow="ellipsis")
            # cut and padded by display width, so the bars start in one column
            label = Text(fit(row.label, label_w), style="bold" if row.bold else "")
            line.append_text(label)
            line.append("  ")
            line.append_text(bar(row.fraction, max(bar_w, 0)))
            line.append("  ")
            line.append(row.value.rjust(value_w), style="bold" if row.bold else "")
            if note_w:
                line.append("  ")
                line.append(row.note, style="italic")
            lines.append(line)
        return Text("\n").join(lines)
