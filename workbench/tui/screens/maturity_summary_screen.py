"""Summary of one run: per dimension the mean level and percentage (unassessed criteria left
out and counted), overall, the culture named by Westrum's typology, and bars."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Static

from workbench.domain.maturity import AssessmentModel, RunScore, next_reassessment
from workbench.store import assessment_repo as ar
from workbench.store.db import reading
from workbench.tui.screens.base import BaseScreen
from workbench.tui.screens.maturity_common import fmt_level
from workbench.tui.widgets.maturity_bars import BarRow, ScoreBars

CSS_FILE = str(Path(__file__).parent.parent / "maturity.tcss")


def percent_text(value) -> str:
    return "-" if value is None else f"{value}%"


class SummaryScreen(BaseScreen):
    CSS_PATH = CSS_FILE

    BINDINGS: ClassVar = [
        Binding("escape,q", "back", "Back", id="summary-back", tooltip="Back"),
    ]

    class Loaded(Message):
        def __init__(self, run: ar.RunInfo, score: RunScore) -> None:
            super().__init__()
            self.run = run
            self.score = score

    def __init__(self, run: ar.RunInfo, model: AssessmentModel) -> None:
        super().__init__()
        self.run = run
        self.model = model
        self.score: RunScore | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self._head(), id="summary-head", classes="mat-head", markup=False)
        yield ScoreBars(id="summary-bars")
        yield Static("Loading…", id="summary-overall", classes="mat-line", markup=False)
        yield DataTable(id="summary-table", classes="mat-table", cursor_type="row")
        yield Footer()

    def _head(self) -> Text:
        run = self.run
        head = Text.assemble("Summary · ", (run.scope, "bold"),
                             f" · {run.run_date.isoformat()}")
        if run.title:
            head.append(f" · {run.title}")
        head.append(f" · {run.status.value}", style="dim")
        return head

    def on_mount(self) -> None:
        self.title = "Assessment summary"
        self._load()

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _load(self) -> None:
        from workbench.tui.screens.maturity_writer import drain

        drain()  # answers the walk is still saving
        with reading(self.app.engine) as session:
            run = ar.get_run(session, self.run.id)
            score = ar.run_score(session, run.id, self.model)
        self.post_message(self.Loaded(run, score))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.run = message.run
        score = self.score = message.score
        rows = []
        for d in score.dimensions:
            note = ""
            if d.typology_label:
                note = f"{d.typology}: {d.typology_label}"
            elif d.unassessed:
                note = f"{d.unassessed} not assessed"
            rows.append(BarRow(
                d.name, None if d.mean is None else d.mean / d.max_level,
                f"{fmt_level(d.mean)} {percent_text(d.percent_display):>6}", note))
        rows.append(BarRow(
            "Overall", None if score.overall is None else score.overall / score.max_level,
            f"{fmt_level(score.overall)} {percent_text(score.overall_percent_display):>6}",
            bold=True))
        self.query_one("#summary-bars", ScoreBars).set_rows(rows)

        line = Text()
        line.append(f"{score.assessed} of {score.assessed + score.unassessed} criteria "
                    f"assessed, {score.unassessed} not assessed (left out of the means).")
        culture = next((d for d in score.dimensions if d.typology), None)
        if culture is not None:
            label = culture.typology_label or "not assessed"
            line.append(f"\nCulture ({culture.typology}): ")
            line.append(label, style="bold")
        line.append(f"\nNext reassessment due {next_reassessment(message.run.run_date)}")
        self.query_one("#summary-overall", Static).update(line)

        table = self.query_one("#summary-table", DataTable)
        table.clear(columns=True)
        table.add_column("Dimension", key="dimension")
        table.add_column(Text("Level", justify="right"), key="level")
        table.add_column(Text("%", justify="right"), key="percent")
        table.add_column(Text("Assessed", justify="right"), key="assessed")
        table.add_column(Text("Not assessed", justify="right"), key="unassessed")
        table.add_column("Typology", key="typology")
        for d in score.dimensions:
            table.add_row(
                Text(d.name),
                Text(fmt_level(d.mean), justify="right"),
                Text(percent_text(d.percent_display), justify="right"),
                Text(str(d.assessed), justify="right"),
                Text(str(d.unassessed), justify="right"),
                Text(d.typology_label or "", style="italic"),
                key=d.dimension_id,
            )
        table.add_row(
            Text("Overall", style="bold"),
            Text(fmt_level(score.overall), justify="right", style="bold"),
            Text(percent_text(score.overall_percent_display), justify="right", style="bold"),
            Text(str(score.assessed), justify="right"),
            Text(str(score.unassessed), justify="right"),
            Text(""),
            key="overall",
        )

    def action_back(self) -> None:
        self.dismiss(None)
