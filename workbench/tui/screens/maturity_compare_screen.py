"""Two runs side by side: what moved per dimension and per criterion, with arrows, biggest
movers first (the domain's order), and when to reassess next."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Static

from workbench.domain.maturity import Comparison, next_reassessment, score_text
from workbench.domain.maturity.runs import RunInfo
from workbench.service.maturity import CompareData
from workbench.tui.screens.base import BaseScreen
from workbench.tui.screens.maturity_common import CSS_FILE, movement


class CompareScreen(BaseScreen):
    CSS_PATH = CSS_FILE
    HELP_TITLE = "Compare runs"

    BINDINGS: ClassVar = [
        Binding("escape,q", "back", "Back", id="compare-back", tooltip="Back to the runs"),
        Binding("tab", "app.focus_next", "Switch", id="compare-switch",
                tooltip="Move between the dimensions and the criteria"),
    ]

    class Loaded(Message):
        def __init__(self, data: CompareData) -> None:
            super().__init__()
            self.data = data

    def __init__(self, before: RunInfo, after: RunInfo) -> None:
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
            head.append(f"{score_text(comparison.overall_before)} → "
                        f"{score_text(comparison.overall_after)} ")
            head.append_text(movement(comparison.overall_direction,
                                      comparison.overall_delta))
            head.append(f" · next reassessment due {next_reassessment(after.run_date)}")
        return head

    def on_mount(self) -> None:
        self.title = "Compare runs"
        self.query_one("#compare-criteria", DataTable).focus()
        self._load()

    def reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _load(self) -> None:
        self.post_message(self.Loaded(self.app.service.maturity.compare(
            self.after.workspace_id, self.before.id, self.after.id)))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        data = message.data
        self.before, self.after = data.before, data.after
        self.comparison = comparison = data.comparison
        self.query_one("#compare-head", Static).update(self._head(comparison))

        dims = self.query_one("#compare-dimensions", DataTable)
        dims.clear(columns=True)
        dims.add_column("Dimension", key="name")
        dims.add_column(Text("Before", justify="right"), key="before")
        dims.add_column(Text("After", justify="right"), key="after")
        dims.add_column("Change", key="change")
        for d in comparison.dimensions:
            dims.add_row(Text(d.name), Text(score_text(d.before), justify="right"),
                         Text(score_text(d.after), justify="right"),
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
                             Text(data.dimension_names.get(c.dimension_id, c.dimension_id)),
                             key=c.criterion_id)
        moved = sum(1 for c in comparison.criteria if c.delta)
        self.query_one("#compare-criteria").border_title = f"{moved} criteria moved"

    def action_back(self) -> None:
        self.dismiss(None)
