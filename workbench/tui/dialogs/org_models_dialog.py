"""Which models the decision compares: every model of the book's spectrum and its two
hybrids, ticked or not, each with its summary in the hint below as it is highlighted.

Decisions:
- Unticking a model drops its scores and notes (a score can only be given for a model that
  is considered); the dialog says how many before they go, and the earlier revision keeps
  them.
- The chosen model must stay ticked: the service refuses otherwise, and says so here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.text import Text
from textual import on
from textual.widgets import SelectionList, Static

from workbench.domain.org import MODEL_SUMMARIES, OrgDecision, OrgModel, decision_values
from workbench.tui.dialogs.document_form import DocumentPartDialog, Save


class OrgModelsDialog(DocumentPartDialog):
    """``values()``: ``{"considered": [...], "scores": [...]}`` (the scores of models no
    longer considered dropped)."""

    DIALOG_ID = "org-models-dialog"
    FIRST_FIELD = "#considered"

    def __init__(self, save: Save, *, decision: OrgDecision) -> None:
        super().__init__(f"Models compared for {decision.product or 'the organisation'}",
                         save)
        self.decision = decision

    def compose_fields(self) -> Iterable[Any]:
        held = set(self.decision.considered)
        yield Static("Space ticks a model; compare at least two.", classes="dialog-hint",
                     markup=False)
        yield SelectionList[str](*[(Text(m.title), m.value, m in held) for m in OrgModel],
                                 id="considered", compact=True, classes="doc-choices")
        yield Static(MODEL_SUMMARIES[OrgModel.YOU_RUN], id="org-model-summary",
                     classes="dialog-hint", markup=False)
        yield Static("", id="org-dropped", classes="dialog-hint", markup=False)

    @on(SelectionList.SelectionHighlighted, "#considered")
    def _highlighted(self, event: SelectionList.SelectionHighlighted) -> None:
        self.query_one("#org-model-summary", Static).update(
            MODEL_SUMMARIES[OrgModel(str(event.selection.value))])

    @on(SelectionList.SelectedChanged, "#considered")
    def _changed(self) -> None:
        ticked = set(self.query_one("#considered", SelectionList).selected)
        dropped = sum(1 for s in self.decision.scores if s.model.value not in ticked)
        self.query_one("#org-dropped", Static).update(
            f"Saving drops {dropped} score{'s' if dropped != 1 else ''} and notes of the "
            "models unticked (the history keeps them)." if dropped else "")

    def values(self) -> dict[str, Any]:
        ticked = set(self.query_one("#considered", SelectionList).selected)
        considered = [m.value for m in OrgModel if m.value in ticked]
        scores = [s for s in decision_values(self.decision)["scores"]
                  if s["model"] in ticked]
        return {"considered": considered, "scores": scores}
