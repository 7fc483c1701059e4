"""Add or edit a transformation hypothesis: for which stakeholder group, "we believe
<capability> will result in <outcome>; we know we succeeded when <signal>", the criteria of
the model it should move, when to review it, its status and the evidence.

Decisions:
- The criteria are picked from the model's list (shown by dimension and name, stored by
  id), so only ids of that model can be chosen; the store checks them again. Linked ids
  the model no longer has stay listed, marked, so they can be unlinked.
- The team is chosen when adding; a hypothesis keeps its team (edit shows it, fixed).
- The statement below the fields reads back what was typed, as it will be published (on
  terminals of 36 lines or more: at 24 lines the error and the buttons need the room).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Select, SelectionList, Static
from textual.widgets.selection_list import Selection

from workbench.domain.maturity import AssessmentModel, HypothesisStatus
from workbench.domain.maturity.runs import ORGANISATION, StoredHypothesis
from workbench.domain.organisation import Team
from workbench.service.maturity import HypothesisFields
from workbench.tui.dialogs.form import SavingDialog

ORGANISATION_VALUE = "\x00organisation"
"""Select value of the "whole organisation" option (no team name can be this)."""

Save = Callable[[HypothesisFields, str | None], StoredHypothesis]
TALL = 36  # from this height on, the statement is read back below the fields


class HypothesisDialog(SavingDialog[StoredHypothesis]):
    """``save(fields, team_or_None)`` runs in a thread and returns the saved hypothesis."""

    CSS_PATH = str(Path(__file__).parent.parent / "maturity.tcss")
    FIRST_FIELD = "#hyp-group"
    BINDINGS: ClassVar = [
        Binding("ctrl+s", "save", "Save", id="hyp-save", tooltip="Save the hypothesis"),
    ]

    def __init__(self, title: str, save: Save, *, model: AssessmentModel | None,
                 teams: Sequence[Team], team: str | None = None,
                 stored: StoredHypothesis | None = None) -> None:
        super().__init__(title, save)
        self.model = model
        self.teams = list(teams)
        self.team = stored.team if stored is not None else team
        self.stored = stored

    def compose(self) -> ComposeResult:
        h = self.stored.hypothesis if self.stored is not None else None
        known = {t.name for t in self.teams}
        teams = [(Text(t.name), t.name) for t in self.teams]
        teams.append((Text(ORGANISATION, style="italic"), ORGANISATION_VALUE))
        team = self.team if self.team in known else ORGANISATION_VALUE
        if self.stored is not None and self.team is not None and self.team not in known:
            teams.insert(0, (Text(self.team), self.team))  # its team was renamed or removed
            team = self.team
        with VerticalScroll(classes="dialog", id="hyp-dialog"):
            yield Label(self.dialog_title, classes="dialog-title", markup=False)
            with Grid(id="hyp-form"):
                yield Label("Team")
                yield Select(teams, value=team, allow_blank=False, id="hyp-team", compact=True,
                             disabled=self.stored is not None)
                yield Label("Stakeholders")
                yield Input(h.stakeholder_group if h else "", id="hyp-group", compact=True,
                            placeholder="e.g. Developers")
                yield Label("We believe")
                yield Input(h.capability if h else "", id="hyp-capability", compact=True,
                            placeholder="a capability, e.g. sharing on-call")
                yield Label("will result in")
                yield Input(h.outcome if h else "", id="hyp-outcome", compact=True,
                            placeholder="an outcome, e.g. faster recovery")
                yield Label("succeeded when")
                yield Input(h.signal if h else "", id="hyp-signal", compact=True,
                            placeholder="a measurable signal, e.g. restore time < 30 min")
                yield Label("Review date")
                yield Input(h.review_date.isoformat() if h and h.review_date else "",
                            id="hyp-review", compact=True, placeholder="YYYY-MM-DD, optional")
                yield Label("Status")
                yield Select([(s.value, s.value) for s in HypothesisStatus],
                             value=h.status.value if h else HypothesisStatus.OPEN.value,
                             allow_blank=False, id="hyp-status", compact=True)
                yield Label("Evidence")
                yield Input(h.evidence if h else "", id="hyp-evidence", compact=True,
                            placeholder="what the signal showed (needed to confirm or refute)")
            yield Label(self._criteria_label(), id="hyp-criteria-label", classes="field-label",
                        markup=False)
            yield SelectionList[str](*self._selections(), id="hyp-criteria")
            yield Static("", id="hyp-statement", markup=False)
            yield self.error_line()
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="save", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def _criteria_label(self, picked: int | None = None) -> str:
        if picked is None:
            picked = len(self.stored.hypothesis.criterion_ids) if self.stored else 0
        missing = "" if self.model else "; its model is missing"
        return f"Criteria it should move: {picked} picked (space picks or unpicks){missing}"

    @on(SelectionList.SelectedChanged, "#hyp-criteria")
    def _picked(self, event: SelectionList.SelectedChanged) -> None:
        self.query_one("#hyp-criteria-label", Label).update(
            self._criteria_label(len(event.selection_list.selected)))

    def _selections(self) -> list[Selection[str]]:
        linked = list(self.stored.hypothesis.criterion_ids) if self.stored else []
        items = []
        known: set[str] = set()
        if self.model is not None:
            for dimension, criterion in self.model.iter_criteria():
                known.add(criterion.id)
                items.append(Selection(Text(f"{dimension.name}: {criterion.name}"),
                                       criterion.id, criterion.id in linked))
        for criterion_id in linked:
            if criterion_id not in known:
                items.append(Selection(Text(f"{criterion_id} (not in the model)",
                                            style="italic"), criterion_id, True))
        return items

    def on_mount(self) -> None:
        super().on_mount()
        self._show_statement()

    def on_resize(self) -> None:
        # at 80x24 every line counts: a shorter criteria list and no read-back, so an error
        # and the buttons stay in view; taller terminals get both
        tall = self.size.height >= TALL
        self.query_one("#hyp-statement").display = tall
        self.query_one("#hyp-criteria").set_class(tall, "-tall")

    @on(Input.Changed)
    def _show_statement(self) -> None:
        parts = [self._value(f"hyp-{key}") for key in ("capability", "outcome", "signal")]
        if not all(parts):
            self.query_one("#hyp-statement", Static).update("")
            return
        capability, outcome, signal = parts
        self.query_one("#hyp-statement", Static).update(Text.assemble(
            ("We believe ", "italic"), capability, (" will result in ", "italic"), outcome,
            (". We know we succeeded when ", "italic"), signal, "."))

    def _value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value.strip()

    def fields(self) -> HypothesisFields:
        chosen = set(self.query_one("#hyp-criteria", SelectionList).selected)
        order = [s.value for s in self._selections()]
        return HypothesisFields(
            stakeholder_group=self._value("hyp-group"),
            capability=self._value("hyp-capability"),
            outcome=self._value("hyp-outcome"),
            signal=self._value("hyp-signal"),
            criterion_ids=tuple(c for c in order if c in chosen),
            review_date=self._value("hyp-review"),
            status=str(self.query_one("#hyp-status", Select).value),
            evidence=self._value("hyp-evidence"),
        )

    def chosen_team(self) -> str | None:
        value = self.query_one("#hyp-team", Select).value
        return None if value == ORGANISATION_VALUE else str(value)

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        self.submit(self.fields(), self.chosen_team())
