"""What each team of the workspace is for the sizing (a development team, an SRE team, or
neither: platform, IT), and the sizing settings: how many people an SRE team holds, and how
many SREs each development team's rotation gets. The line under the fields shows what the
chosen model then implies, as it changes.

Decisions:
- One choice per team rather than two lists to tick: a team is one kind, so it can never be
  listed as an SRE team and another team at once.
- A team the decision names that the workspace no longer has keeps its row, marked, so it
  is never dropped silently (the service reports it).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.containers import Grid
from textual.css.query import NoMatches
from textual.widgets import Input, Select, Static

from workbench.domain.formats import is_ascii_digits
from workbench.domain.org import OrgDecision, sizing
from workbench.tui.dialogs.document_form import DocumentPartDialog, Save, field_label
from workbench.tui.widgets.org_table import sizing_text


def _whole(text: str) -> Any:
    """A whole number (ASCII digits) as a number, anything else as typed (the service names
    it): ``²`` passes ``str.isdigit()`` but is no number ``int()`` reads."""
    text = text.strip()
    return int(text) if is_ascii_digits(text) else (text or None)


DEVELOPMENT, SRE, OTHER = "development", "sre", "other"
KIND_TITLES = {DEVELOPMENT: "development team", SRE: "SRE team",
               OTHER: "other (platform, IT)"}


class OrgTeamsDialog(DocumentPartDialog):
    """``values()``: ``{"teams": {"sre": [...], "other": [...]}, "sizing":
    {"sre_team_size": n, "sres_per_team": n}}``."""

    DIALOG_ID = "org-teams-dialog"
    FIRST_FIELD = "#team-0-kind"
    FIELD_IDS: ClassVar[dict[str, str]] = {"sre_team_size": "team-size",
                                           "sres_per_team": "per-team"}

    def __init__(self, save: Save, *, decision: OrgDecision, teams: Sequence[str]) -> None:
        super().__init__(f"Teams and sizing for {decision.product or 'the organisation'}",
                         save)
        self.decision = decision
        self.workspace_teams = list(teams)
        self.teams = list(teams)
        for name in (*decision.sre_teams, *decision.other_teams):
            if name not in self.teams:
                self.teams.append(name)

    def kind_of(self, team: str) -> str:
        if team in self.decision.sre_teams:
            return SRE
        return OTHER if team in self.decision.other_teams else DEVELOPMENT

    def compose_fields(self) -> Iterable[Any]:
        decision = self.decision
        options = [(Text(title), kind) for kind, title in KIND_TITLES.items()]
        with Grid(classes="doc-form", id="org-team-kinds"):
            for index, team in enumerate(self.teams):
                note = "" if team in self.workspace_teams else " (not a team here)"
                yield field_label(team + note, f"team-{index}-kind")
                yield Select(options, value=self.kind_of(team), allow_blank=False,
                             compact=True, id=f"team-{index}-kind")
        with Grid(classes="doc-form"):
            yield field_label("SRE team size", "team-size")
            yield Input(str(decision.sre_team_size), id="team-size", compact=True,
                        placeholder="people in one SRE team, e.g. 8")
            yield field_label("SREs per team", "per-team")
            yield Input(str(decision.sres_per_team), id="per-team", compact=True,
                        placeholder="SREs on each development team's rotation, e.g. 1")
        yield Static(self._preview(), id="org-sizing-preview", classes="dialog-hint",
                     markup=False)

    def _kinds(self) -> dict[str, str]:
        """Team -> the kind chosen (what is stored while the dialog is composed)."""
        try:
            return {team: str(self.query_one(f"#team-{i}-kind", Select).value)
                    for i, team in enumerate(self.teams)}
        except NoMatches:
            return {team: self.kind_of(team) for team in self.teams}

    def _preview(self) -> str:
        kinds = self._kinds()
        try:
            size = _whole(self.query_one("#team-size", Input).value)
            per = _whole(self.query_one("#per-team", Input).value)
        except NoMatches:
            size, per = self.decision.sre_team_size, self.decision.sres_per_team
        if not (isinstance(size, int) and isinstance(per, int) and size > 0 and per > 0):
            return "Sizing: the team size and SREs per team are whole numbers from 1."
        trial = replace(self.decision,
                        sre_teams=tuple(t for t, k in kinds.items() if k == SRE),
                        other_teams=tuple(t for t, k in kinds.items() if k == OTHER),
                        sre_team_size=size, sres_per_team=per)
        chosen = self.decision.chosen
        if chosen is None:
            return "Sizing: no model chosen yet."
        return f"Sizing for {chosen.short}: {sizing_text(sizing(trial, self.workspace_teams))}"

    @on(Select.Changed)
    @on(Input.Changed)
    def _changed(self) -> None:
        self.query_one("#org-sizing-preview", Static).update(self._preview())

    def values(self) -> dict[str, Any]:
        kinds = self._kinds()
        return {"teams": {"sre": [t for t in self.teams if kinds[t] == SRE],
                          "other": [t for t in self.teams if kinds[t] == OTHER]},
                "sizing": {"sre_team_size": _whole(self.query_one("#team-size", Input).value),
                           "sres_per_team": _whole(self.query_one("#per-team", Input).value)}}
