"""Start a maturity assessment run: for which team (or the whole organisation), with which
model, on which date, with an optional title."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from workbench.domain.formats import parse_iso_date
from workbench.domain.maturity import AssessmentModel
from workbench.domain.maturity.runs import RunInfo
from workbench.domain.organisation import Team
from workbench.errors import UsageError
from workbench.service.maturity import DEFAULT_MODEL
from workbench.tui.dialogs.form import SavingDialog

ORGANISATION = "\x00organisation"
"""Select value of the "whole organisation" option (no team name can be this)."""


def parse_day(text: str) -> date:
    try:
        return parse_iso_date(text)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


class StartRunDialog(SavingDialog[RunInfo]):
    """``save(team_or_None, model, day, title)`` runs in a thread and returns the new run."""

    CSS_PATH = str(Path(__file__).parent.parent / "maturity.tcss")

    def __init__(self, save: Callable[[str | None, AssessmentModel, date, str], RunInfo],
                 teams: Sequence[Team], models: Sequence[AssessmentModel], *,
                 team: str | None = None, day: date) -> None:
        super().__init__("Start an assessment", save)
        self.teams = list(teams)
        self.models = list(models)
        self.initial_team = team
        self.initial_day = day

    def compose(self) -> ComposeResult:
        teams = [(Text(t.name), t.name) for t in self.teams]
        teams.append((Text("whole organisation", style="italic"), ORGANISATION))
        known = {t.name for t in self.teams}
        team = self.initial_team if self.initial_team in known else ORGANISATION
        models = [(Text(f"{m.title} (v{m.version}, {len(m.levels)} levels)"), i)
                  for i, m in enumerate(self.models)]
        with Vertical(classes="dialog", id="mat-start"):
            yield Label(self.dialog_title, classes="dialog-title")
            yield Label("Team", classes="field-label")
            yield Select(teams, allow_blank=False, value=team, id="team")
            yield Label("Model", classes="field-label")
            default = next((i for i, m in enumerate(self.models) if m.id == DEFAULT_MODEL), 0)
            yield Select(models, allow_blank=False, value=default, id="model")
            with Horizontal(id="mat-start-when"):
                with Vertical(id="mat-start-day"):
                    yield Label("Date", classes="field-label")
                    yield Input(self.initial_day.isoformat(), placeholder="YYYY-MM-DD",
                                id="day")
                with Vertical(id="mat-start-title"):
                    yield Label("Title (optional)", classes="field-label")
                    yield Input("", placeholder="e.g. Baseline", id="title")
            yield self.error_line()
            with Horizontal(classes="dialog-buttons"):
                yield Button("Start", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.focus_first()

    def focus_first(self) -> None:
        self.query_one("#team", Select).focus()

    def _show_error(self, message: str) -> None:
        error = self.query_one("#dialog-error", Static)
        error.update(message)
        error.add_class("-shown")
        self.app.bell()
        self.query_one("#day", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _submit(self) -> None:
        try:
            day = parse_day(self.query_one("#day", Input).value)
        except UsageError as exc:
            self._show_error(str(exc))
            return
        team = self.query_one("#team", Select).value
        model = self.models[int(self.query_one("#model", Select).value)]  # type: ignore[arg-type]
        self.submit(None if team == ORGANISATION else str(team), model, day,
                    self.query_one("#title", Input).value)
