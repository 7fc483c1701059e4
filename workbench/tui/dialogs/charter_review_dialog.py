"""How often a charter is reviewed (monthly to yearly) and when next (YYYY-MM-DD, checked by
the service with the rest). The hint under the fields proposes the date one cadence from
today, and follows the cadence chosen."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.containers import Grid
from textual.widgets import Input, Select, Static

from workbench.domain.charter import REVIEW_CADENCES, Cadence, Charter, add_cadence
from workbench.tui.dialogs.document_form import DocumentPartDialog, Save, field_label


def proposal(cadence: Cadence | None, today: date) -> str:
    if cadence is None:
        return "Choose how often the team reviews its charter."
    proposed = add_cadence(today, cadence)
    return f"Reviewed {cadence.title}: one review from today is {proposed.isoformat()}." \
        if proposed else f"Reviewed {cadence.title}."


class CharterReviewDialog(DocumentPartDialog):
    """``values()``: ``{"review": {"cadence": value or None, "next": date text or None}}``."""

    DIALOG_ID = "ch-review-dialog"
    FIRST_FIELD = "#review-cadence"
    FIELD_IDS: ClassVar[dict[str, str]] = {"cadence": "review-cadence", "next": "review-next",
                                           "review": "review-cadence"}

    def __init__(self, save: Save, *, charter: Charter, today: date) -> None:
        super().__init__(f"Review of the {charter.team} charter", save)
        self.charter = charter
        self.today = today

    def compose_fields(self) -> Iterable[Any]:
        charter = self.charter
        with Grid(classes="doc-form"):
            yield field_label("Reviewed", "review-cadence")
            yield Select([(Text(c.title), c.value) for c in REVIEW_CADENCES],
                         prompt="(how often)", compact=True, id="review-cadence",
                         value=charter.review_cadence.value if charter.review_cadence
                         in REVIEW_CADENCES else Select.NULL)
            yield field_label("Next review", "review-next")
            yield Input(charter.next_review.isoformat() if charter.next_review else "",
                        id="review-next", compact=True, placeholder="YYYY-MM-DD")
        yield Static(proposal(charter.review_cadence, self.today), id="review-proposal",
                     classes="dialog-hint", markup=False)

    @on(Select.Changed, "#review-cadence")
    def _cadence_chosen(self, event: Select.Changed) -> None:
        cadence = None if event.value is Select.NULL else Cadence(str(event.value))
        self.query_one("#review-proposal", Static).update(proposal(cadence, self.today))

    def values(self) -> dict[str, Any]:
        cadence = self.query_one("#review-cadence", Select).value
        text = self.query_one("#review-next", Input).value.strip()
        return {"review": {"cadence": None if cadence is Select.NULL else str(cadence),
                           "next": text or None}}
