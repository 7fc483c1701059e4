"""The "Maturity" section: assessment runs per team (or the whole organisation), and the way
into starting, walking, summarising and comparing them."""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.data_table import RowDoesNotExist
from textual.widgets.option_list import Option, OptionDoesNotExist

from workbench.domain.maturity import AssessmentModel
from workbench.domain.organisation import Workspace
from workbench.store import assessment_repo as ar
from workbench.store.db import transaction
from workbench.tui.dialogs.maturity_start_dialog import StartRunDialog
from workbench.tui.screens.frame import SectionScreen
from workbench.tui.screens.maturity_common import (
    ALL_SCOPES,
    ORGANISATION_SCOPE,
    Overview,
    RunRow,
    fmt_level,
    fmt_percent,
    load_overview,
    scope_key,
    today,
)

CSS_FILE = str(Path(__file__).parent.parent / "maturity.tcss")


class RunsTable(DataTable):
    BINDINGS: ClassVar = [
        Binding("space", "screen.mark", "Mark", id="mat-mark",
                tooltip="Mark a run to compare the selected one with"),
    ]


class MaturityScreen(SectionScreen):
    SECTION_ID = "maturity"
    CSS_PATH = CSS_FILE

    BINDINGS: ClassVar = [
        Binding("a", "start", "Start", id="mat-start", tooltip="Start an assessment run"),
        Binding("w", "walk", "Walk", id="mat-walk-w",
                tooltip="Walk the selected run criterion by criterion (or enter)"),
        Binding("s", "summary", "Summary", id="mat-summary",
                tooltip="Scores per dimension of the selected run"),
        Binding("c", "compare", "Compare", id="mat-compare",
                tooltip="Compare the selected run with the marked one (or the one before)"),
        Binding("r", "respondents", "Resp.", id="mat-respondents",
                tooltip="Respondents of the selected run: medians and spreads"),
        Binding("h", "hypotheses", "Hypoth.", id="mat-hypotheses",
                tooltip="Transformation hypotheses and their criteria's movement"),
        Binding("tab", "app.focus_next", "Switch", id="mat-switch", show=False,
                tooltip="Move between the teams and the runs"),
    ]

    class Loaded(Message):
        def __init__(self, overview: Overview, select_run: int | None) -> None:
            super().__init__()
            self.overview = overview
            self.select_run = select_run

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
        self.reload()

    # --- loading --------------------------------------------------------------------------

    def reload(self, select_run: int | None = None) -> None:
        self._load(select_run)

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _load(self, select_run: int | None) -> None:
        self.post_message(self.Loaded(load_overview(self.app.engine, self.workspace),
                                      select_run))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.overview = message.overview
        if message.select_run is not None:
            row = self._row(message.select_run)
            if row is not None and self.scope not in (ALL_SCOPES, row.scope_key):
                self.scope = row.scope_key
        self._render_scopes()
        self._render_runs(message.select_run)
        if message.overview.model_error:
            self.notify(message.overview.model_error, title="A model file is broken",
                        severity="error", markup=False, timeout=15)

    def _row(self, run_id: int) -> RunRow | None:
        if self.overview is None:
            return None
        return next((r for r in self.overview.rows if r.run.id == run_id), None)

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
                label.append(f" ({count})", style="dim")
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
        table.clear(columns=True)
        table.add_column("", key="mark", width=1)
        table.add_column("Date", key="date", width=10)
        if show_team:
            team_w = max([4, *(len(r.run.scope) for r in rows)])
            table.add_column("Team", key="team", width=min(team_w, 18))
        table.add_column("Status", key="status", width=6)
        table.add_column(Text("Done", justify="right"), key="done", width=5)
        table.add_column(Text("Score", justify="right"), key="score", width=10)
        used = sum(column.width + 2 for column in table.columns.values())
        title_w = self.query_one("#mat-runs-pane").content_size.width - used - 2
        if title_w >= 6:
            table.add_column("Title", key="title", width=title_w)
        for row in rows:
            run = row.run
            status = Text(run.status.value, style="" if run.editable else "dim")
            done = f"{row.answered}/{row.total}"
            score = row.score
            cells = [
                Text("●" if run.id == self.marked else "", style="bold"),
                Text(run.run_date.isoformat()),
            ]
            if show_team:
                cells.append(Text(run.scope, style="" if run.team else "italic"))
            cells += [
                status,
                Text(done, justify="right",
                     style="" if row.answered == row.total else "yellow"),
                Text(f"{fmt_level(score.overall)} {fmt_percent(score.overall_percent)}",
                     justify="right"),
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

    # --- selection and details ------------------------------------------------------------

    def selected(self) -> RunRow | None:
        table = self.query_one("#mat-runs", DataTable)
        if table.row_count == 0:
            return None
        key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return self._row(int(key.value)) if key.value else None

    @on(DataTable.RowHighlighted, "#mat-runs")
    def _show_details(self) -> None:
        details = self.query_one("#mat-details", Static)
        overview = self.overview
        if overview is None:
            details.update("Loading…")
            return
        row = self.selected()
        due_scope = row.scope_key if row is not None else self.scope
        due = overview.next_due(due_scope)
        if row is None:
            first = "No runs here yet: press a to start an assessment."
            line = Text(first)
        else:
            run = row.run
            model = overview.run_models.get((run.model_id, run.model_version))
            line = Text.assemble((run.scope, "bold"), f" · {run.run_date.isoformat()} · ",
                                 model.title if model else run.model_id,
                                 f" v{run.model_version} · {row.answered}/{row.total} answered")
            if self.marked is not None and self.marked != run.id:
                marked = self._row(self.marked)
                if marked is not None:
                    line.append(f" · c compares with {marked.run.run_date.isoformat()}")
        if due is not None:
            late = due <= today()
            line.append("\nNext reassessment " + ("overdue since " if late else "due ")
                        + due.isoformat(), style="bold yellow" if late else "")
        details.update(line)

    def reveal(self, kind: str, record_id: int) -> None:
        if kind == "run":
            self.scope = ALL_SCOPES
            self.reload(select_run=record_id)

    # --- actions --------------------------------------------------------------------------

    def _need_run(self) -> RunRow | None:
        row = self.selected()
        if row is None:
            self.notify("Select a run first (or press a to start one).", severity="warning")
        return row

    def _model_of(self, row: RunRow) -> AssessmentModel:
        assert self.overview is not None
        return self.overview.run_models[(row.run.model_id, row.run.model_version)]

    def _back_here(self, run_id: int | None = None):
        def done(_result: object) -> None:
            self.reload(select_run=run_id)
        return done

    def action_start(self) -> None:
        overview = self.overview
        if overview is None:
            return
        if not overview.models:
            self.notify("No assessment models found.", severity="error")
            return
        team = None
        if self.scope not in (ALL_SCOPES, ORGANISATION_SCOPE):
            team = next((t.name for t in overview.teams if str(t.id) == self.scope), None)
        elif self.scope == ALL_SCOPES and (row := self.selected()) is not None:
            team = row.run.team
        ws = self.workspace.id
        engine = self.app.engine

        def save(team_name: str | None, model: AssessmentModel, day: date,
                 title: str) -> ar.RunInfo:
            with transaction(engine) as session:
                return ar.create_run(session, ws, team_name, model.id, model.version, day,
                                     title=title)

        def started(run: ar.RunInfo | None) -> None:
            if run is None:
                return
            model = next(m for m in overview.models if m.key == (run.model_id,
                                                                   run.model_version))
            self.scope = scope_key(run.team_id)
            self.reload(select_run=run.id)
            self._open_walk(run, model)

        self.app.push_screen(
            StartRunDialog(save, overview.teams, overview.models, team=team, day=today()),
            started,
        )

    def _open_walk(self, run: ar.RunInfo, model: AssessmentModel) -> None:
        from workbench.tui.screens.maturity_walk_screen import walk_screen

        self.app.push_screen(walk_screen(run, model), self._back_here(run.id))

    @on(DataTable.RowSelected, "#mat-runs")
    def action_walk(self) -> None:
        row = self._need_run()
        if row is not None:
            self._open_walk(row.run, self._model_of(row))

    def action_summary(self) -> None:
        row = self._need_run()
        if row is None:
            return
        from workbench.tui.screens.maturity_summary_screen import SummaryScreen

        self.app.push_screen(SummaryScreen(row.run, self._model_of(row)),
                             self._back_here(row.run.id))

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
        other: RunRow | None = None
        if self.marked is not None and self.marked != row.run.id:
            other = self._row(self.marked)
        if other is None:  # the scope's run before this one
            earlier = [r for r in self.overview.rows
                       if r.scope_key == row.scope_key and r.run.model_id == row.run.model_id
                       and (r.run.run_date, r.run.id) < (row.run.run_date, row.run.id)]
            other = earlier[-1] if earlier else None
        if other is None:
            self.notify("Nothing to compare with: mark another run with space first.",
                        severity="warning")
            return
        if other.run.model_id != row.run.model_id:
            self.notify("These runs use different models and cannot be compared.",
                        severity="warning")
            return
        before, after = sorted((other, row), key=lambda r: (r.run.run_date, r.run.id))
        from workbench.tui.screens.maturity_compare_screen import CompareScreen

        self.app.push_screen(CompareScreen(before.run, after.run), self._back_here(row.run.id))

    def action_respondents(self) -> None:
        row = self._need_run()
        if row is None:
            return
        from workbench.tui.screens.maturity_respondents_screen import RespondentsScreen

        self.app.push_screen(RespondentsScreen(row.run, self._model_of(row)),
                             self._back_here(row.run.id))

    def action_hypotheses(self) -> None:
        from workbench.tui.screens.maturity_hypotheses_screen import HypothesesScreen

        team = None
        if self.scope not in (ALL_SCOPES, ORGANISATION_SCOPE) and self.overview:
            team = next((t.name for t in self.overview.teams if str(t.id) == self.scope), None)
        self.app.push_screen(HypothesesScreen(self.workspace, team), self._back_here())
