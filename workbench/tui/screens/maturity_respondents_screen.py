"""Several respondents of one run: how far each got, and once their answers are revealed,
per criterion each respondent's level, the (lower) median and the spread, with criteria
where respondents differ by two levels or more highlighted.

Before the reveal the levels stay hidden here too (this view is what the room sees on the
projector); ``v`` reveals them, after a confirmation."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Static

from workbench.domain.maturity import DISAGREEMENT_SPREAD, Aggregation, AssessmentModel
from workbench.domain.maturity.runs import RespondentProgress, RunInfo, progress_line
from workbench.service.maturity import RespondentsData
from workbench.tui.screens.base import BaseScreen
from workbench.tui.screens.maturity_common import CSS_FILE, run_line

FLAG_STYLE = "bold yellow"


class RespondentsScreen(BaseScreen):
    CSS_PATH = CSS_FILE
    HELP_TITLE = "Respondents"

    BINDINGS: ClassVar = [
        Binding("escape,q", "back", "Back", id="resp-back", tooltip="Back to the runs"),
        Binding("f", "toggle_flagged", "Only flagged", id="resp-flagged",
                tooltip="Show only the criteria where respondents differ (or all again)"),
        Binding("v", "reveal_answers", "Reveal", id="resp-reveal",
                tooltip="Reveal the respondents' answers to everyone"),
    ]

    class Loaded(Message):
        def __init__(self, data: RespondentsData) -> None:
            super().__init__()
            self.data = data

    def __init__(self, run: RunInfo, model: AssessmentModel) -> None:
        super().__init__()
        self.run = run
        self.model = model
        self.aggregation: Aggregation | None = None
        self.levels: dict[tuple[str, str], int | None] = {}  # (respondent, criterion)
        self.progress: tuple[RespondentProgress, ...] = ()
        self.revealed = run.revealed
        self.only_flagged = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading…", id="resp-head", classes="mat-line", markup=False)
        yield DataTable(id="resp-table", classes="mat-table", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Respondents"
        self.query_one("#resp-table", DataTable).focus()
        self._load()

    def reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _load(self) -> None:
        self.post_message(self.Loaded(self.app.service.maturity.respondents(
            self.run.workspace_id, self.run.id, self.model)))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.aggregation = message.data.aggregation
        self.levels = message.data.levels
        self.progress = message.data.progress
        self.revealed = message.data.revealed
        self.refresh_bindings()
        self._draw()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reveal_answers":
            return not self.revealed
        if action == "toggle_flagged":
            return self.revealed
        return True

    def _draw(self) -> None:
        agg = self.aggregation
        head = run_line(self.run)
        table = self.query_one("#resp-table", DataTable)
        table.clear(columns=True)
        if not self.revealed and self.progress:
            head.append("\n" + progress_line(self.progress))
            # hidden here too: this screen is often on a projector in front of the team
            head.append("\nAnswers stay hidden from the respondents, and from this screen, "
                        "so nobody anchors on the first one given: v reveals them.",
                        style="italic")
            self._draw_progress(table)
            self.query_one("#resp-head", Static).update(head)
            return
        if agg is None:
            head.append(f"\nNo respondents yet. Each person answers with `workbench respond "
                        f"{self.run.id} --as NAME` (or --anonymous); offline, send blanks "
                        "with `workbench assess blank` and add the filled ones with "
                        "`workbench assess import`.")
            self.query_one("#resp-head", Static).update(head)
            return
        flagged = len(agg.flagged)
        head.append(f"\n{len(agg.respondents)} respondents: ")
        head.append(", ".join(agg.respondents))
        head.append("\n")
        if flagged:
            head.append(f"⚠ {flagged} criteri{'a' if flagged != 1 else 'on'} where "
                        f"respondents differ by {DISAGREEMENT_SPREAD} levels or more",
                        style=FLAG_STYLE)
        else:
            head.append(f"Respondents differ by less than {DISAGREEMENT_SPREAD} levels "
                        "everywhere.")
        if self.only_flagged:
            head.append(" (showing only those; f shows all)", style="italic")
        self.query_one("#resp-head", Static).update(head)

        table.add_column("Criterion", key="criterion", width=min(22, max(
            cell_len(c.name) for c in agg.criteria)))
        for i, name in enumerate(agg.respondents):
            label = Text(name, no_wrap=True, overflow="ellipsis")
            label.truncate(12, overflow="ellipsis")
            table.add_column(label, key=f"r{i}", width=max(3, min(12, cell_len(name))))
        table.add_column(Text("Med.", justify="right"), key="median", width=4)
        table.add_column(Text("Spr.", justify="right"), key="spread", width=4)
        table.add_column("", key="flag", width=2)
        names = {c.id: c.name for _, c in self.model.iter_criteria()}
        levels = self.levels
        for c in agg.criteria:
            if not c.answers or (self.only_flagged and not c.disagreement):
                continue
            style = FLAG_STYLE if c.disagreement else ""
            name = Text(names.get(c.criterion_id, c.name), style=style, no_wrap=True,
                        overflow="ellipsis")
            cells: list[Text] = [name]
            for i in range(len(agg.respondents)):
                level = levels.get((agg.respondents[i], c.criterion_id))
                cells.append(Text("-" if level is None else str(level), justify="right",
                                  style="italic" if level is None else style))
            cells += [
                Text("-" if c.median is None else str(c.median), justify="right",
                     style="bold"),
                Text("-" if c.spread is None else str(c.spread), justify="right",
                     style=style),
                Text("⚠" if c.disagreement else "", style=style),
            ]
            table.add_row(*cells, key=c.criterion_id)

    def _draw_progress(self, table: DataTable) -> None:
        table.add_column("Respondent", key="respondent", width=min(30, max(
            [10, *(cell_len(p.label) for p in self.progress)])))
        table.add_column(Text("Answered", justify="right"), key="answered", width=8)
        table.add_column("Stage", key="stage", width=11)
        for i, p in enumerate(self.progress):
            name = Text(p.label, no_wrap=True, overflow="ellipsis")
            table.add_row(name, Text(f"{p.answered}/{'?' if p.total is None else p.total}",
                                     justify="right"),
                          Text(p.stage, style="bold green" if p.finished else ""),
                          key=f"p{i}")

    def action_reveal_answers(self) -> None:
        if self.revealed:
            return
        from workbench.tui.dialogs.confirm_dialog import ConfirmDialog

        def done(confirmed: bool | None) -> None:
            if confirmed:
                self._reveal()

        self.app.push_screen(ConfirmDialog(
            "Reveal the answers?",
            "Everyone who answers this run will see the others' answers from now on. This "
            "cannot be taken back.", confirm_label="Reveal", variant="primary"), done)

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _reveal(self) -> None:
        self.run = self.app.service.maturity.reveal(self.run.workspace_id, self.run.id)
        self.app.call_from_thread(self._load)

    def action_toggle_flagged(self) -> None:
        self.only_flagged = not self.only_flagged
        if self.aggregation is not None:
            self._draw()

    def action_back(self) -> None:
        self.dismiss(None)
