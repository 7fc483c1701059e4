"""What the maturity screens draw alike: arrows for movement, score cells, and the line that
names a run. The figures themselves are written by ``workbench.domain.maturity.formatting``
(one rounding rule everywhere); this module only adds styles."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text

from workbench.domain.maturity import Direction, delta_text, percent_text, score_text
from workbench.domain.maturity.runs import RunInfo

CSS_FILE = str(Path(__file__).parent.parent / "maturity.tcss")

ARROWS = {
    Direction.UP: ("↑", "bold green"),
    Direction.DOWN: ("↓", "bold red"),
    Direction.SAME: ("=", ""),
    Direction.ONLY_BEFORE: ("only before", "italic"),
    Direction.ONLY_AFTER: ("new", "italic"),
}

NOT_ASSESSED_STYLE = "italic"
UNANSWERED_STYLE = "bold yellow"


def movement(direction: Direction | None, delta) -> Text:
    """``↑ +1`` in green, ``↓ -0.50`` in red, ``=``, or "new" / "only before"."""
    if direction is None:
        return Text("")
    arrow, style = ARROWS[direction]
    text = Text(arrow, style=style)
    if delta is not None and direction in (Direction.UP, Direction.DOWN):
        text.append(f" {delta_text(delta)}", style=style)
    return text


def score_cell(level, percent, *, percent_places: int = 0) -> str:
    """``1.13 56%``: a mean level and its percentage."""
    return f"{score_text(level)} {percent_text(percent, percent_places)}"


def run_line(run: RunInfo) -> Text:
    """``Checkout · 2026-11-11 · Six-month reassessment`` (the title is user text)."""
    line = Text.assemble((run.scope, "bold"), f" · {run.run_date.isoformat()}")
    if run.title:
        line.append(f" · {run.title}")
    return line
