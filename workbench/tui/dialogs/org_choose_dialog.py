"""Which model the organisation (or product) chose, among those considered, and on which
day; the hint under the fields sums up the model highlighted, in our words after the book."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.containers import Grid
from textual.widgets import Input, Select, Static

from workbench.domain.org import MODEL_SUMMARIES, OrgDecision, OrgModel
from workbench.tui.dialogs.document_form import DocumentPartDialog, Save, field_label
from workbench.tui.widgets.org_table import models_shown


def summary(value: object) -> str:
    if value is Select.NULL:
        return "No model chosen: the decision cannot be agreed until one is."
    return MODEL_SUMMARIES[OrgModel(str(value))]


class OrgChooseDialog(DocumentPartDialog):
    """``values()``: ``{"chosen": model or None, "decided_on": date text or None}``; a
    first choice is dated today unless a day is typed."""

    DIALOG_ID = "org-choose-dialog"
    FIRST_FIELD = "#chosen"
    FIELD_IDS: ClassVar[dict[str, str]] = {"decided_on": "decided-on"}

    def __init__(self, save: Save, *, decision: OrgDecision, today: date) -> None:
        super().__init__(f"The model chosen for {decision.product or 'the organisation'}",
                         save)
        self.decision = decision
        self.today = today

    def compose_fields(self) -> Iterable[Any]:
        decision = self.decision
        value = decision.chosen.value if decision.chosen else Select.NULL
        with Grid(classes="doc-form"):
            yield field_label("Chosen", "chosen")
            yield Select([(Text(m.title), m.value) for m in models_shown(decision)],
                         prompt="(none yet)", value=value, compact=True, id="chosen")
            yield field_label("Decided on", "decided-on")
            day = decision.decided_on or (None if decision.chosen else self.today)
            yield Input(day.isoformat() if day else "", id="decided-on", compact=True,
                        placeholder="YYYY-MM-DD")
        yield Static(summary(value), id="org-model-summary", classes="dialog-hint",
                     markup=False)
        yield Static("Only a model considered can be chosen (m changes which are).",
                     classes="dialog-hint", markup=False)

    @on(Select.Changed, "#chosen")
    def _chosen(self, event: Select.Changed) -> None:
        self.query_one("#org-model-summary", Static).update(summary(event.value))

    def values(self) -> dict[str, Any]:
        chosen = self.query_one("#chosen", Select).value
        day = self.query_one("#decided-on", Input).value.strip()
        return {"chosen": None if chosen is Select.NULL else str(chosen),
                "decided_on": day or None}
