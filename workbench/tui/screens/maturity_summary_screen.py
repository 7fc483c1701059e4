"""Summary of one run: per dimension the mean level and percentage, overall, the culture
named by Westrum's typology, and bars; per criterion its level, or whether it was marked
"not assessed" or is still unanswered.

Decisions:
- "Not assessed" (the coach decided the criterion does not apply or could not be judged) and
  "unanswered" (nobody has said anything yet) are both left out of the means, but they are
  counted and shown apart: one is a decision, the other is work still to do.
- The table shows the dimensions or, after ``v``, every criterion: at 80x24 there is room
  for one of them below the bars.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Static

from workbench.domain.maturity import (
    AssessmentModel,
    DimensionScore,
    RunScore,
    next_reassessment,
    percent_text,
    score_text,
)
from workbench.domain.maturity.runs import RunInfo
from workbench.service.maturity import SummaryData
from workbench.tui.screens.base import BaseScreen
from workbench.tui.screens.maturity_common import (
    CSS_FILE,
    NOT_ASSESSED_STYLE,
    UNANSWERED_STYLE,
    run_line,
)
from workbench.tui.widgets.maturity_bars import BarRow, ScoreBars

NOT_ASSESSED = "not assessed"
UNANSWERED = "unanswered"


def open_counts(not_assessed: int, unanswered: int) -> str:
    """``2 not assessed, 1 unanswered``; empty when everything has a level."""
    parts = []
    if not_assessed:
        parts.append(f"{not_assessed} {NOT_ASSESSED}")
    if unanswered:
        parts.append(f"{unanswered} {UNANSWERED}")
    return ", ".join(parts)


def dimension_note(d: DimensionScore) -> str:
    if d.typology_label:
        return f"{d.typology}: {d.typology_label}"
    return open_counts(d.not_assessed, d.unanswered)


class SummaryScreen(BaseScreen):
    CSS_PATH = CSS_FILE
    HELP_TITLE = "Assessment summary"

    BINDINGS: ClassVar = [
        Binding("v", "show('criteria')", "Criteria", id="summary-criteria-view",
                tooltip="Show every criterion: its level, not assessed, or unanswered"),
        Binding("v", "show('dimensions')", "Dimensions", id="summary-dimensions-view",
                tooltip="Show the dimensions again"),
        Binding("escape,q", "back", "Back", id="summary-back", tooltip="Back"),
    ]

    class Loaded(Message):
        def __init__(self, data: SummaryData) -> None:
            super().__init__()
            self.data = data

    def __init__(self, run: RunInfo, model: AssessmentModel) -> None:
        super().__init__()
        self.run = run
        self.model = model
        self.score: RunScore | None = None
        self.view = "dimensions"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self._head(), id="summary-head", classes="mat-head", markup=False)
        yield ScoreBars(id="summary-bars")
        yield Static("Loading…", id="summary-overall", classes="mat-line", markup=False)
        yield DataTable(id="summary-table", classes="mat-table", cursor_type="row")
        yield DataTable(id="summary-criteria", classes="mat-table", cursor_type="row")
        yield Footer()

    def _head(self) -> Text:
        head = Text("Summary · ")
        head.append_text(run_line(self.run))
        head.append(f" · {self.run.status.value}")
        return head

    def on_mount(self) -> None:
        self.title = "Assessment summary"
        self.query_one("#summary-criteria").display = False
        self.query_one("#summary-table", DataTable).focus()
        self._load()

    def reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _load(self) -> None:
        data = self.app.service.maturity.summary(self.run.workspace_id, self.run.id,
                                                 self.model)
        self.post_message(self.Loaded(data))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.run = message.data.run
        score = self.score = message.data.score
        self.query_one("#summary-head", Static).update(self._head())
        rows = [BarRow(d.name, None if d.mean is None else d.mean / d.max_level,
                       f"{score_text(d.mean)} {percent_text(d.percent):>6}",
                       dimension_note(d))
                for d in score.dimensions]
        rows.append(BarRow(
            "Overall", None if score.overall is None else score.overall / score.max_level,
            f"{score_text(score.overall)} {percent_text(score.overall_percent):>6}",
            bold=True))
        self.query_one("#summary-bars", ScoreBars).set_rows(rows)
        self.query_one("#summary-overall", Static).update(
            self._overall(score, message.data.from_respondents))
        self._fill_dimensions(score)
        self._fill_criteria(score)

    def _overall(self, score: RunScore, from_respondents: int = 0) -> Text:
        total = score.assessed + score.unassessed
        line = Text(f"{score.assessed} of {total} criteria assessed")
        if from_respondents:
            line.append(f" ({from_respondents} by the respondents' median)")
        if score.unassessed:
            line.append(" · not in the means: ")
        if score.not_assessed:
            line.append(f"{score.not_assessed} {NOT_ASSESSED}", style=NOT_ASSESSED_STYLE)
        if score.not_assessed and score.unanswered:
            line.append(", ")
        if score.unanswered:
            line.append(f"{score.unanswered} {UNANSWERED}", style=UNANSWERED_STYLE)
        culture = next((d for d in score.dimensions if d.typology), None)
        if culture is not None:
            line.append(f"\nCulture ({culture.typology}): ")
            line.append(culture.typology_label or "nothing assessed yet", style="bold")
        line.append(f"\nNext reassessment due {next_reassessment(self.run.run_date)}")
        return line

    def _fill_dimensions(self, score: RunScore) -> None:
        table = self.query_one("#summary-table", DataTable)
        table.clear(columns=True)
        table.add_column("Dimension", key="dimension")
        table.add_column(Text("Level", justify="right"), key="level")
        table.add_column(Text("%", justify="right"), key="percent")
        table.add_column(Text("Assessed", justify="right"), key="assessed")
        table.add_column(Text("Not assessed", justify="right"), key="not_assessed")
        table.add_column(Text("Unanswered", justify="right"), key="unanswered")
        table.add_column("Typology", key="typology")

        def counts(assessed: int, not_assessed: int, unanswered: int) -> list[Text]:
            return [Text(str(assessed), justify="right"),
                    Text(str(not_assessed), justify="right"),
                    Text(str(unanswered), justify="right",
                         style=UNANSWERED_STYLE if unanswered else "")]

        for d in score.dimensions:
            table.add_row(
                Text(d.name),
                Text(score_text(d.mean), justify="right"),
                Text(percent_text(d.percent), justify="right"),
                *counts(d.assessed, d.not_assessed, d.unanswered),
                Text(d.typology_label or "", style="italic"),
                key=d.dimension_id,
            )
        table.add_row(
            Text("Overall", style="bold"),
            Text(score_text(score.overall), justify="right", style="bold"),
            Text(percent_text(score.overall_percent), justify="right", style="bold"),
            *counts(score.assessed, score.not_assessed, score.unanswered),
            Text(""),
            key="overall",
        )

    def _fill_criteria(self, score: RunScore) -> None:
        table = self.query_one("#summary-criteria", DataTable)
        table.clear(columns=True)
        names = {d.dimension_id: d.name for d in score.dimensions}
        dimension_w = max(len(name) for name in names.values())
        criterion_w = min(max(len(c.name) for c in score.criteria),
                          44 if self.size.width >= 120 else 24)
        answer_w = max(12, self.size.width - dimension_w - criterion_w - 3 - 4 * 2 - 2)
        table.add_column("Dimension", key="dimension", width=dimension_w)
        table.add_column("Criterion", key="criterion", width=criterion_w)
        table.add_column(Text("Lvl", justify="right"), key="level", width=3)
        table.add_column("Answer", key="answer", width=answer_w)
        shown_dimension = None
        for c in score.criteria:
            if c.level is not None:
                answer = Text(c.label or "")
            elif c.not_assessed:
                answer = Text(NOT_ASSESSED, style=NOT_ASSESSED_STYLE)
            else:
                answer = Text(UNANSWERED, style=UNANSWERED_STYLE)
            dimension = "" if c.dimension_id == shown_dimension else names[c.dimension_id]
            shown_dimension = c.dimension_id
            table.add_row(Text(dimension, style="bold"), self._clip(c.name, criterion_w),
                          Text("-" if c.level is None else str(c.level), justify="right"),
                          self._clip(answer, answer_w), key=c.criterion_id)

    @staticmethod
    def _clip(text: str | Text, width: int) -> Text:
        clipped = Text(text) if isinstance(text, str) else text.copy()
        clipped.truncate(width, overflow="ellipsis")
        return clipped

    def on_resize(self) -> None:
        if self.score is not None:
            self._fill_criteria(self.score)

    def action_show(self, view: str) -> None:
        self.view = view
        criteria = view == "criteria"
        dims = self.query_one("#summary-table", DataTable)
        per_criterion = self.query_one("#summary-criteria", DataTable)
        dims.display, per_criterion.display = not criteria, criteria
        (per_criterion if criteria else dims).focus()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "show":  # one "v" at a time: to the view not shown
            return parameters[0] != self.view
        return True

    def action_back(self) -> None:
        self.dismiss(None)
