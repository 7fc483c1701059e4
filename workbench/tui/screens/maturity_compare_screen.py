"""Two runs side by side: what moved per dimension and per criterion, with arrows, biggest
movers first (the domain's order), and when to reassess next."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Static

from workbench.domain.maturity import Comparison, Direction, next_reassessment
from workbench.store import assessment_repo as ar
from workbench.store.db import reading
from workbench.tui.screens.base import BaseScreen
from workbench.tui.screens.maturity_common import ARROWS, fmt_delta, fmt_level

CSS_FILE = str(Path(__file__).parent.parent / "maturity.tcss")


def movement(direction: Direction | None, delta) -> Text:
    """``↑ +1`` in green, ``↓ -0.50`` in red, ``=`` dim, or "new" / "only before"."""
    if direction is None:
        return Text("")
    arrow, style = ARROWS[direction]
    text = Text(arrow, style=style)
    if delta is not None and direction in (Direction.UP, Direction.DOWN):
        text.append(f" {fmt_delta(delta)}", style=style)
    return text


def level_cell(level: int | None) -> Text:
    return Text("-" if level is None else str(level), justify="right",
                style="dim" if level is None else "")


class CompareScreen(BaseScreen):
    CSS_PATH = CSS_FILE

    BINDINGS: ClassVar = [
        Binding("escape,q", "back", "Back", id="compare-back", tooltip="Back to the runs"),
        Binding("tab", "app.focus_next", "Switch", id="compare-switch",
                tooltip="Move between the dimensions and the criteria"),
    ]

    class Loaded(Message):
        def __init__(self, comparison: Comparison, names: dict[str, str]) -> None:
            super().__init__()
            self.comparison = comparison
            self.names = names

    def __init__(self, before: ar.RunInfo, after: ar.RunInfo) -> None:
        super().__init__()
        self.before = before
        self.after = after
        self.comparison: Comparison | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self._head(), id="compare-head", classes="mat-line", markup=False)
        yield DataTable(id="compare-dimensions", classes="mat-table", cursor_type="row")
        yield DataTable(id="compare-criteria", classes="mat-table", cursor_type="row")
        yield Footer()

    def _head(self, comparison: Comparison | None = None) -> Text:
        before, after = self.before, self.after
        head = Text.assemble(
            (after.scope, "bold"), ": ",
            f"{before.run_date.isoformat()} {before.title or ''}".strip(), " → ",
            f"{after.run_date.isoformat()} {after.title or ''}".strip())
        if comparison is not None:
            head.append("\nOverall ")
            head.append(f"{fmt_level(comparison.overall_before)} → "
                        f"{fmt_level(comparison.overall_after)} ")
            head.append_text(movement(comparison.overall_direction,
                                      comparison.overall_delta))
            head.append(f" · next reassessment due {next_reassessment(after.run_date)}",
                        style="dim")
        return head

    def on_mount(self) -> None:
        self.title = "Compare runs"
        self.query_one("#compare-criteria", DataTable).focus()
        self._load()

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _load(self) -> None:
        with reading(self.app.engine) as session:
            comparison = ar.compare_runs(session, self.before.id, self.after.id)
        model = ar.run_model(self.after)
        names = {d.id: d.name for d in model.dimensions}
        self.post_message(self.Loaded(comparison, names))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.comparison = comparison = message.comparison
        self.query_one("#compare-head", Static).update(self._head(comparison))

        dims = self.query_one("#compare-dimensions", DataTable)
        dims.clear(columns=True)
        dims.add_column("Dimension", key="name")
        dims.add_column(Text("Before", justify="right"), key="before")
        dims.add_column(Text("After", justify="right"), key="after")
        dims.add_column("Change", key="change")
        for d in comparison.dimensions:
            dims.add_row(Text(d.name), Text(fmt_level(d.before), justify="right"),
                         Text(fmt_level(d.after), justify="right"),
                         movement(d.direction, d.delta), key=d.dimension_id)

        criteria = self.query_one("#compare-criteria", DataTable)
        criteria.clear(columns=True)
        criteria.add_column("Change", key="change", width=7)
        criteria.add_column(Text("Lvl", justify="right"), key="levels", width=4)
        criteria.add_column("Criterion", key="name")
        criteria.add_column("Dimension", key="dimension")
        for c in comparison.criteria:
            levels = Text(f"{'-' if c.before is None else c.before}→"
                          f"{'-' if c.after is None else c.after}", justify="right")
            criteria.add_row(movement(c.direction, c.delta), levels, Text(c.name),
                             Text(message.names.get(c.dimension_id, c.dimension_id),
                                  style="dim"),
                             key=c.criterion_id)
        moved = sum(1 for c in comparison.criteria if c.delta)
        self.query_one("#compare-criteria").border_title = f"{moved} criteria moved"

    def action_back(self) -> None:
        self.dismiss(None)
