"""What a team's charter covers and what it leaves to others: two lists, one item per line."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from textual.containers import Grid
from textual.widgets import Static, TextArea

from workbench.domain.charter import Charter
from workbench.tui.dialogs.document_form import DocumentPartDialog, Save, field_label, lines_of


class CharterScopeDialog(DocumentPartDialog):
    """``values()``: ``{"scope": {"in": [...], "out": [...]}}``."""

    DIALOG_ID = "ch-scope-dialog"
    FIRST_FIELD = "#scope-in"
    FIELD_IDS: ClassVar[dict[str, str]] = {"in": "scope-in", "out": "scope-out",
                                           "scope": "scope-in"}

    def __init__(self, save: Save, *, charter: Charter) -> None:
        super().__init__(f"Scope of the {charter.team} charter", save)
        self.charter = charter

    def compose_fields(self) -> Iterable[Any]:
        yield Static("One item per line. In scope: what the team owns; out of scope: what "
                     "others do (say who).", classes="dialog-hint", markup=False)
        with Grid(classes="doc-form"):
            yield field_label("In scope", "scope-in")
            yield TextArea("\n".join(self.charter.scope_in), id="scope-in", soft_wrap=True,
                           compact=True, placeholder="e.g. Observability")
            yield field_label("Out of scope", "scope-out")
            yield TextArea("\n".join(self.charter.scope_out), id="scope-out", soft_wrap=True,
                           compact=True,
                           placeholder="e.g. Infrastructure provisioning (Platform)")

    def values(self) -> dict[str, Any]:
        return {"scope": {"in": lines_of(self.query_one("#scope-in", TextArea).text),
                          "out": lines_of(self.query_one("#scope-out", TextArea).text)}}
