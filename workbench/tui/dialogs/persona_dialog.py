"""Add or edit a persona: who uses the service, what for, and what makes them leave."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.widgets import Button, Input, Label, Select

from workbench.domain.slo.records import Need, Persona
from workbench.service.story_maps import PersonaFields
from workbench.tui.dialogs.form import SavingDialog

__all__ = ["PersonaDialog", "PersonaFields"]


class PersonaDialog(SavingDialog[Persona]):
    """``save(fields)`` runs in a thread and returns the saved persona (the service's
    ``maps.add_persona`` / ``maps.update_persona``)."""

    CSS_PATH = ["../slo.tcss", "../storymap.tcss"]

    def __init__(self, title: str, save: Callable[[PersonaFields], Persona], *,
                 teams: Sequence[str] = (), persona: Persona | None = None) -> None:
        super().__init__(title, save)
        self.teams = list(teams)
        self.persona = persona

    def compose(self) -> ComposeResult:
        p = self.persona
        team = p.team_name if p and p.team_name in self.teams else Select.NULL
        with Vertical(classes="dialog persona-dialog", id="persona-dialog"):
            yield Label(self.dialog_title, classes="dialog-title", markup=False)
            with Grid(classes="form-grid"):
                yield Label("Name")
                yield Input(p.name if p else "", id="name", compact=True,
                            placeholder="e.g. Priya, shopper on the move")
                yield Label("Team")
                yield Select([(Text(t), t) for t in self.teams], prompt="(none)", value=team,
                             id="team", compact=True)
                yield Label("Goal")
                yield Input(p.goal if p else "", id="goal", compact=True,
                            placeholder="what they want to get done")
                yield Label("Time available")
                yield Input(p.time_available if p else "", id="time", compact=True,
                            placeholder="e.g. five minutes between stations")
                yield Label("Environment")
                yield Input(p.environment if p else "", id="environment", compact=True,
                            placeholder="device, network, place")
                yield Label("Needs most")
                yield Select([(n.value, n.value) for n in Need], allow_blank=False,
                             value=p.needs.value if p else Need.AVAILABILITY.value,
                             id="needs", compact=True)
                yield Label("Complaints")
                yield Input(p.complaints if p else "", id="complaints", compact=True,
                            placeholder="what makes them complain or leave")
            yield self.error_line()
            yield self.save_buttons(compact=True)

    def _value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value.strip()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _submit(self) -> None:
        team = self.query_one("#team", Select).value
        needs = self.query_one("#needs", Select).value
        self.submit(PersonaFields(
            name=self._value("name"), team=None if team is Select.NULL else str(team),
            goal=self._value("goal"), time_available=self._value("time"),
            environment=self._value("environment"),
            needs=Need.AVAILABILITY.value if needs is Select.NULL else str(needs),
            complaints=self._value("complaints")))
