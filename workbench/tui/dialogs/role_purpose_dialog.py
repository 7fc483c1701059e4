"""What the SRE role is called in this organisation and what it is for (several lines)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.containers import Grid
from textual.widgets import Input, Static, TextArea

from workbench.domain.org import SreRole
from workbench.tui.dialogs.document_form import DocumentPartDialog, Save, field_label


class RolePurposeDialog(DocumentPartDialog):
    """``values()``: ``{"title": text, "purpose": text}`` (an empty title is the default,
    "Site Reliability Engineer")."""

    DIALOG_ID = "role-purpose-dialog"
    FIRST_FIELD = "#title"

    def __init__(self, save: Save, *, role: SreRole) -> None:
        super().__init__("Title and purpose of the SRE role", save)
        self.role = role

    def compose_fields(self) -> Iterable[Any]:
        with Grid(classes="doc-form"):
            yield field_label("Title", "title")
            yield Input(self.role.title, id="title", compact=True,
                        placeholder="e.g. Site Reliability Engineer")
            yield field_label("Purpose", "purpose")
            yield TextArea(self.role.purpose, id="purpose", soft_wrap=True, compact=True,
                           placeholder="what the role is for in this organisation")
        yield Static("Name the role deliberately: the title tells people what to expect.",
                     classes="dialog-hint", markup=False)

    def values(self) -> dict[str, Any]:
        return {"title": self.query_one("#title", Input).value,
                "purpose": self.query_one("#purpose", TextArea).text}
