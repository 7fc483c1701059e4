"""The "Maturity" section: assessment runs per team (or the whole organisation) with their
status, progress and score, and the way into starting, walking, summarising, comparing,
agreeing and reopening them.

Decisions:
- The footer shows what a coach does in a session (start, walk, summary, compare) and
  leaves room for quit and help at 80 columns; agree / reopen / history, respondents,
  hypotheses and marking a run are listed in F1 (and named in the details line).
- Status ``draft*``: a draft while an agreed revision of the run is still in force.
- "Done" counts the criteria the coach answered, "n/a" those of them marked "not
  assessed"; the rest are unanswered.
- The details line says how far each respondent got; ``v`` reveals their answers (after a
  confirmation: respondents then see each other's) and opens the disagreement view.
"""

from __future__ import annotations

import contextlib
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.data_table import RowDoesNotExist
from textual.widgets.option_list import Option, OptionDoesNotExist

from workbench.domain.maturity import AssessmentModel
from workbench.domain.maturity.runs import RunInfo, ScoredRun, progress_line
from workbench.domain.organisation import ArtifactStatus, Workspace
from workbench.service.maturity import (
    ALL_SCOPES,
    ORGANISATION_SCOPE,
    RUN_KIND,
    Overview,
    scope_key,
)
from workbench.tui import document_actions
from workbench.tui.dialogs.maturity_start_dialog import StartRunDialog
from workbench.tui.screens.frame import ReloadingSection
from workbench.tui.screens.maturity_common import (
    CSS_FILE,
    UNANSWERED_STYLE,
    run_line,
    score_cell,
)
from workbench.tui.widgets.story_card import plural

STATUS_STYLES = {"agreed": "bold green", "draft*": "bold", "draft": ""}


class RunsTable(DataTable):
    BINDINGS: ClassVar = [
        Binding("space", "screen.mark", "Mark", id="mat-mark", show=False,
                tooltip="Mark a run to compare the selected one with"),
    ]


class MaturityScreen(ReloadingSection):
    SECTION_ID = "maturity"
    CSS_PATH = CSS_FILE

    BINDINGS: ClassVar = [
        Binding("a", "start", "Start", id="mat-start", tooltip="Start an assessment run"),
        Binding("w", "walk", "Walk", id="mat-walk-w",
                tooltip="Walk the selected run criterion by criterion (or enter)"),
        Binding("s", "summary", "Summary", id="mat-summary",
                tooltip="Scores per dimension and per criterion of the selected run"),
        Binding("c", "compare", "Compare", id="mat-compare",
                tooltip="Compare the selected run with the marked one (or the one before)"),
        *document_actions.bindings(),
        Binding("r", "respondents", "Respondents", id="mat-respondents", show=False,
                tooltip="Respondents of the selected run: progress, medians and spreads"),
        Binding("v", "reveal_answers", "Reveal", id="mat-reveal", show=False,
                tooltip="Reveal the respondents' answers to everyone and compare them"),
        Binding("h", "hypotheses", "Hypotheses", id="mat-hypotheses", show=False,
                tooltip="Transformation hypotheses: add, edit, remove, and how their "
                        "criteria moved"),
        Binding("tab", "app.focus_next", "Switch", id="mat-switch", show=False,
                tooltip="Move between the teams and the runs"),
    ]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace)
        self.overview: Overview | None = None
        self.scope = ALL_SCOPES
        self.marked: int | None = None

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="mat-body"):
            with Vertical(id="mat-scopes-pane", classes="pane"):
                yield OptionList(id="mat-scopes")
            with Vertical(id="mat-runs-pane", classes="pane"):
                yield RunsTable(id="mat-runs", cursor_type="row")
        yield Static("Loading…", id="mat-details", markup=False)

    def on_mount(self) -> None:
        self.query_one("#mat-scopes-pane").border_title = "Teams"
        self.query_one("#mat-runs-pane").border_title = "Runs"
        self.query_one("#mat-runs", DataTable).focus()
        if self.pending_reveal is not None:
            kind, record_id = self.pending_reveal
            self.pending_reveal = None
            self.reveal(kind, record_id)
        else:
            self.reload()

    # --- loading (ReloadingSection: in a worker, then on the UI thread) --------------------

    def load_data(self) -> Overview:
        return self.app.service.maturity.overview(self.workspace.id)

    async def show_data(self, data: Overview, select: int | None) -> None:
        self.overview = data
        if select is not None:
            row = data.row(select)
            if row is not None and self.scope not in (ALL_SCOPES, scope_key(row.run.team_id)):
                self.scope = scope_key(row.run.team_id)
        if self.marked is not None and data.row(self.marked) is None:
            self.marked = None
        self._render_scopes()
        self._render_runs(select)
        if data.model_error:
            self.notify(data.model_error, title="A model file is missing or broken",
                        severity="error", markup=False, timeout=15)

    def _render_scopes(self) -> None:
        overview = self.overview
        assert overview is not None
        options = self.query_one("#mat-scopes", OptionList)
        scopes = [(ALL_SCOPES, Text("All runs", style="italic"))]
        scopes += [(str(t.id), Text(t.name)) for t in overview.teams]
        scopes.append((ORGANISATION_SCOPE, Text("whole organisation", style="italic")))
        options.clear_options()
        for key, label in scopes:
            count = len(overview.rows_for(key))
            label = label.copy()
            if count:
                label.append(f" ({count})")
            options.add_option(Option(label, id=key))
        try:
            options.highlighted = options.get_option_index(self.scope)
        except OptionDoesNotExist:  # the team is gone
            self.scope = ALL_SCOPES
            options.highlighted = 0

    def on_resize(self) -> None:
        self.call_after_refresh(self._render_runs, None)

    @on(OptionList.OptionHighlighted, "#mat-scopes")
    def _scope_changed(self, event: OptionList.OptionHighlighted) -> None:
        key = event.option.id or ALL_SCOPES
        if key != self.scope:
            self.scope = key
            self._render_runs(None)

    @on(OptionList.OptionSelected, "#mat-scopes")
    def _scope_chosen(self) -> None:
        self.query_one("#mat-runs", DataTable).focus()

    def _render_runs(self, select_run: int | None) -> None:
        overview = self.overview
        if overview is None:
            return
        table = self.query_one("#mat-runs", DataTable)
        if select_run is None and table.row_count:
            key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
            select_run = int(key.value) if key.value else None
        # grouped by team (the whole organisation last), newest first
        rows = sorted(overview.rows_for(self.scope), key=lambda r: (
            r.run.team is None, r.run.scope.casefold(), -r.run.run_date.toordinal(),
            -r.run.id))
        show_team = self.scope == ALL_SCOPES
        done_w = max([4, *(len(self._done(r)) for r in rows)])
        width = self.query_one("#mat-runs-pane").content_size.width
        fixed = {"mark": 1, "date": 10, "status": 6, "done": done_w, "na": 3, "score": 9}
        # every column has a cell of padding on each side; the team takes what is left at
        # 80 columns (its name is in full on the left and in the details below)
        team_w = 0
        if show_team:
            room = width - sum(w + 2 for w in fixed.values()) - 2
            team_w = max(4, min(18, room, max([4, *(len(r.run.scope) for r in rows)])))
        table.clear(columns=True)
        table.add_column("", key="mark", width=1)
        table.add_column("Date", key="date", width=10)
        if show_team:
            table.add_column("Team", key="team", width=team_w)
        table.add_column("Status", key="status", width=6)
        table.add_column(Text("Done", justify="right"), key="done", width=done_w)
        table.add_column(Text("n/a", justify="right"), key="na", width=3)
        table.add_column(Text("Score", justify="right"), key="score", width=9)
        used = sum(column.width + 2 for column in table.columns.values())
        title_w = width - used - 2
        if title_w >= 6:
            table.add_column("Title", key="title", width=title_w)
        for row in rows:
            run = row.run
            cells = [
                Text("●" if run.id == self.marked else "", style="bold"),
                Text(run.run_date.isoformat()),
            ]
            if show_team:
                team = Text(run.scope, style="" if run.team else "italic")
                team.truncate(team_w, overflow="ellipsis")
                cells.append(team)
            cells += [
                Text(row.status_label, style=STATUS_STYLES.get(row.status_label, "")),
                Text(self._done(row), justify="right",
                     style="" if row.complete else UNANSWERED_STYLE),
                Text(str(row.not_assessed) if row.not_assessed else "", justify="right"),
                Text(self._score(row), justify="right"),
            ]
            if title_w >= 6:
                title = Text(run.title, no_wrap=True, overflow="ellipsis")
                title.truncate(title_w, overflow="ellipsis")
                cells.append(title)
            table.add_row(*cells, key=str(run.id))
        if select_run is not None:
            with contextlib.suppress(RowDoesNotExist):
                table.move_cursor(row=table.get_row_index(str(select_run)))
        self.query_one("#mat-runs-pane").border_title = f"Runs ({len(rows)})"
        self._show_details()

    @staticmethod
    def _done(row: ScoredRun) -> str:
        return f"{row.answered}/{'?' if row.total is None else row.total}"

    @staticmethod
    def _score(row: ScoredRun) -> str:
        if row.score is None:
            return "no model"
        return score_cell(row.score.overall, row.score.overall_percent)

    # --- selection and details ------------------------------------------------------------

    def selected(self) -> ScoredRun | None:
        table = self.query_one("#mat-runs", DataTable)
        if table.row_count == 0 or self.overview is None:
            return None
        key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return self.overview.row(int(key.value)) if key.value else None

    @on(DataTable.RowHighlighted, "#mat-runs")
    def _show_details(self) -> None:
        details = self.query_one("#mat-details", Static)
        overview = self.overview
        if overview is None:
            details.update("Loading…")
            return
        row = self.selected()
        due_scope = scope_key(row.run.team_id) if row is not None else self.scope
        due = overview.next_due(due_scope)
        if row is None:
            line = Text("No runs here yet: press a to start an assessment.")
        else:
            run = row.run
            model = row.model.title if row.model else f"{run.model_id} (model missing)"
            line = run_line(run)
            line.append(f" · {model} v{run.model_version}\n")
            line.append_text(self._progress(row))
            line.append("\n")
            line.append(row.state.describe(),
                        style="bold green" if row.state.status is ArtifactStatus.AGREED
                        else "")
            line.append_text(self._respondents(row))
            if self.marked is not None and self.marked != run.id:
                marked = overview.row(self.marked)
                if marked is not None:
                    line.append(f" · c compares with {marked.run.run_date.isoformat()}")
        if due is not None:
            late = due <= self.app.today()
            line.append("\nNext reassessment " + ("overdue since " if late else "due ")
                        + due.isoformat(), style="bold yellow" if late else "")
        # one row per line, cut rather than wrapped, so the runs keep their height
        line.no_wrap, line.overflow = True, "ellipsis"
        details.update(line)

    @staticmethod
    def _progress(row: ScoredRun) -> Text:
        """``Walk: 22/28 answered (2 not assessed), 4 unanswered; the respondents' median
        gives 3 levels``."""
        text = Text(f"Walk: {MaturityScreen._done(row)} answered")
        if row.not_assessed:
            text.append(f" ({row.not_assessed} not assessed)")
        if row.unanswered:
            text.append(f", {row.unanswered} unanswered", style=UNANSWERED_STYLE)
        if row.from_respondents and row.run.revealed:
            text.append(f"; the respondents' median gives "
                        f"{plural(row.from_respondents, 'level')}")
        return text

    @staticmethod
    def _respondents(row: ScoredRun) -> Text:
        """`` · 3 respondents: 1 finished, 2 part way, hidden (v reveals)``; nothing once
        the run is agreed, when nobody can answer any more."""
        text = Text()
        if row.progress and row.state.status is not ArtifactStatus.AGREED:
            text.append(" · " + progress_line(row.progress, names=False))
            if not row.run.revealed:
                text.append(", hidden (v reveals)", style="italic")
        return text

    def reveal(self, kind: str, record_id: int) -> None:
        if kind == "run":
            self.scope = ALL_SCOPES
            self.reload(select=record_id)

    # --- actions --------------------------------------------------------------------------

    def _need_run(self) -> ScoredRun | None:
        row = self.selected()
        if row is None:
            self.notify("Select a run first (or press a to start one).", severity="warning")
        return row

    def _need_model(self) -> tuple[ScoredRun, AssessmentModel] | None:
        row = self._need_run()
        if row is None:
            return None
        if row.model is None:
            self.notify(row.model_error or f"The model {row.run.model_id} of this run is "
                        "missing.", title="Cannot open this run", severity="error",
                        markup=False)
            return None
        return row, row.model

    def _back_here(self, run_id: int | None = None):
        def done(_result: object) -> None:
            self.reload(select=run_id)
        return done

    def action_start(self) -> None:
        overview = self.overview
        if overview is None:
            return
        if not overview.models:
            self.notify("No assessment models found.", severity="error")
            return
        team = overview.team_name(self.scope)
        if self.scope == ALL_SCOPES and (row := self.selected()) is not None:
            team = row.run.team
        service, ws = self.app.service, self.workspace.id

        def save(team_name: str | None, model: AssessmentModel, day: date,
                 title: str) -> RunInfo:
            return service.maturity.start_run(ws, team_name, model, day, title)

        def started(run: RunInfo | None) -> None:
            if run is None:
                return
            model = next(m for m in overview.models if m.key == (run.model_id,
                                                                   run.model_version))
            self.scope = scope_key(run.team_id)
            self.reload(select=run.id)
            self._open_walk(run, model)

        self.app.push_screen(
            StartRunDialog(save, overview.teams, overview.models, team=team,
                           day=self.app.today()),
            started,
        )

    def _open_walk(self, run: RunInfo, model: AssessmentModel) -> None:
        from workbench.tui.screens.maturity_walk_screen import walk_screen

        self.app.push_screen(walk_screen(run, model), self._back_here(run.id))

    @on(DataTable.RowSelected, "#mat-runs")
    def action_walk(self) -> None:
        found = self._need_model()
        if found is not None:
            row, model = found
            self._open_walk(row.run, model)

    def action_summary(self) -> None:
        found = self._need_model()
        if found is None:
            return
        from workbench.tui.screens.maturity_summary_screen import SummaryScreen

        row, model = found
        self.app.push_screen(SummaryScreen(row.run, model), self._back_here(row.run.id))

    def action_mark(self) -> None:
        row = self._need_run()
        if row is None:
            return
        self.marked = None if self.marked == row.run.id else row.run.id
        self._render_runs(row.run.id)

    def action_compare(self) -> None:
        row = self._need_run()
        if row is None or self.overview is None:
            return
        other: ScoredRun | None = None
        if self.marked is not None and self.marked != row.run.id:
            other = self.overview.row(self.marked)
        if other is None:
            other = self.overview.earlier_run(row)
        if other is None:
            self.notify("Nothing to compare with: mark another run with space first.",
                        severity="warning")
            return
        if other.run.model_id != row.run.model_id:
            self.notify("These runs use different models and cannot be compared.",
                        severity="warning")
            return
        if other.model is None or row.model is None:
            self.notify("A model of these runs is missing; they cannot be compared.",
                        severity="warning")
            return
        before, after = sorted((other, row), key=lambda r: (r.run.run_date, r.run.id))
        from workbench.tui.screens.maturity_compare_screen import CompareScreen

        self.app.push_screen(CompareScreen(before.run, after.run), self._back_here(row.run.id))

    def action_respondents(self) -> None:
        found = self._need_model()
        if found is not None:
            row, model = found
            self._open_respondents(row.run, model)

    def action_reveal_answers(self) -> None:
        found = self._need_model()
        if found is None:
            return
        row, model = found
        if row.run.revealed:
            self.action_respondents()
            return
        if not row.progress:
            self.notify("Nobody has answered this run yet: there is nothing to reveal.",
                        severity="warning")
            return
        from workbench.tui.dialogs.confirm_dialog import ConfirmDialog

        def done(confirmed: bool | None) -> None:
            if confirmed:
                self._reveal(row.run, model)

        self.app.push_screen(ConfirmDialog(
            "Reveal the answers?",
            f"{progress_line(row.progress)}.\n\nEveryone who answers this run will see the "
            "others' answers from now on, and the disagreement view opens. This cannot be "
            "taken back.", confirm_label="Reveal", variant="primary"), done)

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _reveal(self, run: RunInfo, model: AssessmentModel) -> None:
        revealed = self.app.service.maturity.reveal(self.workspace.id, run.id)
        self.app.call_from_thread(self._open_respondents, revealed, model)

    def _open_respondents(self, run: RunInfo, model: AssessmentModel) -> None:
        from workbench.tui.screens.maturity_respondents_screen import RespondentsScreen

        self.app.push_screen(RespondentsScreen(run, model), self._back_here(run.id))

    def action_hypotheses(self) -> None:
        from workbench.tui.screens.maturity_hypotheses_screen import HypothesesScreen

        team = self.overview.team_name(self.scope) if self.overview else None
        row = self.selected()
        model_id = row.run.model_id if row is not None else None
        self.app.push_screen(HypothesesScreen(self.workspace, team, model_id=model_id),
                             self._back_here(row.run.id if row else None))

    # --- the run's lifecycle (the same keys on every document list) -----------------------

    def _document_done(self, run_id: int):
        def done(notice: str | None) -> None:
            self.reload(select=run_id, notice=notice)
        return done

    def action_agree(self) -> None:
        row = self._need_run()
        if row is not None:
            document_actions.agree(self, RUN_KIND, str(row.run.id),
                                   self._document_done(row.run.id))

    def action_reopen(self) -> None:
        row = self._need_run()
        if row is not None:
            document_actions.reopen(self, RUN_KIND, str(row.run.id),
                                    self._document_done(row.run.id))

    def action_history(self) -> None:
        row = self._need_run()
        if row is not None:
            document_actions.history(self, RUN_KIND, str(row.run.id),
                                     self._document_done(row.run.id))
