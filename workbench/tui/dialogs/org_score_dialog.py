"""The coach's score (1 poor fit to 5 best fit, or none) and note for one model on one
criterion, with the book's rating and what the criterion means beside the fields.

Decisions:
- The dialog sends the decision's whole list of scores with this one replaced (or dropped,
  when both the score and the note are cleared), since the service replaces the list.
- A score that is not a whole number is sent as typed, so the service's refusal names it
  (``scores[3].score: 'x' is not a whole number; use 1 to 5``) and the field is marked.
  Only ASCII digits make a number (``str.isdigit()`` also takes ``²``, which ``int()``
  cannot read): ``²`` is refused like any other text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from textual.containers import Grid
from textual.widgets import Input, Static

from workbench.domain.formats import is_ascii_digits
from workbench.domain.org import (
    CRITERION_NOTES,
    Criterion,
    OrgDecision,
    OrgModel,
    book_rating,
    decision_values,
)
from workbench.tui.dialogs.document_form import DocumentPartDialog, Save, field_label


class OrgScoreDialog(DocumentPartDialog):
    """``values()``: ``{"scores": [...]}`` (every score of the decision)."""

    DIALOG_ID = "org-score-dialog"
    FIRST_FIELD = "#score"
    FIELD_IDS: ClassVar[dict[str, str]] = {"score": "score", "note": "note"}

    def __init__(self, save: Save, *, decision: OrgDecision, model: OrgModel,
                 criterion: Criterion) -> None:
        super().__init__(f"{criterion.title} · {model.title}", save)
        self.decision = decision
        self.model = model
        self.criterion = criterion

    def compose_fields(self) -> Iterable[Any]:
        rating = book_rating(self.model, self.criterion)
        yield Static(CRITERION_NOTES[self.criterion], classes="dialog-hint", markup=False)
        yield Static(f"The book rates it: {rating}" if rating else
                     "The book's comparison does not rate this hybrid: your note is all it "
                     "shows.", id="org-book-rating", classes="dialog-hint", markup=False)
        current = self.decision.score(self.model, self.criterion)
        with Grid(classes="doc-form"):
            yield field_label("Score", "score")
            yield Input(str(current.score) if current and current.score is not None else "",
                        id="score", compact=True,
                        placeholder="1 (poor fit) to 5 (best fit); empty: no score")
            yield field_label("Note", "note")
            yield Input(current.note if current else "", id="note", compact=True,
                        placeholder="why, in a few words (optional)")

    def values(self) -> dict[str, Any]:
        typed = self.query_one("#score", Input).value.strip()
        note = self.query_one("#note", Input).value.strip()
        score: Any = int(typed) if is_ascii_digits(typed) else (typed or None)
        key = (self.model.value, self.criterion.value)
        entry: dict[str, Any] | None = None
        if score is not None or note:
            entry = {"model": key[0], "criterion": key[1]}
            if score is not None:
                entry["score"] = score
            if note:
                entry["note"] = note
        scores, placed = [], False
        for item in decision_values(self.decision)["scores"]:
            if (item["model"], item["criterion"]) != key:
                scores.append(item)
            elif entry is not None:  # in its place, so the document's order stays
                scores.append(entry)
                placed = True
        if entry is not None and not placed:
            scores.append(entry)
        return {"scores": scores}
