"""Add or edit a service: its name and its owning team."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Input, Label, Select

from workbench.domain.organisation import Service, Team
from workbench.tui.dialogs.form import SavingDialog


class ServiceDialog(SavingDialog[Service]):
    """``save(name, team_name_or_None)`` runs in a thread and returns the saved service."""

    def __init__(self, title: str, save: Callable[[str, str | None], Service],
                 teams: Sequence[Team], *, name: str = "", team: str | None = None) -> None:
        super().__init__(title, save)
        self.teams = list(teams)
        self.initial_name = name
        self.initial_team = team

    def compose(self) -> ComposeResult:
        options = [(Text(t.name), t.name) for t in self.teams]
        known = {t.name for t in self.teams}
        initial = self.initial_team if self.initial_team in known else Select.NULL
        with Vertical(classes="dialog"):
            yield Label(self.dialog_title, classes="dialog-title", markup=False)
            yield Label("Name", classes="field-label")
            yield Input(self.initial_name, id="name")
            yield Label("Owning team", classes="field-label")
            yield Select(options, prompt="No owning team", allow_blank=True, value=initial,
                         id="team")
            yield self.error_line()
            yield self.save_buttons()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _submit(self) -> None:
        team = self.query_one("#team", Select).value
        self.submit(self.query_one("#name", Input).value,
                    None if team is Select.NULL else str(team))
