"""Hand one turn of a rotation over: who takes a role in the turn starting on a day, and
why. The override is kept with the rotation, so it survives every regeneration; an empty
person removes the override of that turn and role.

``values()``: ``{"role", "person" (None: remove), "note"}``; the screen's ``save`` sends
them to ``wb.oncall.override``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from rich.text import Text
from textual.containers import Grid
from textual.widgets import Input, Select, Static

from workbench.domain.oncall.model import ROLE_TITLES
from workbench.tui.dialogs.document_form import DocumentPartDialog, Save, field_label
from workbench.tui.widgets.oncall_schedule import day_text


class OnCallOverrideDialog(DocumentPartDialog):
    DIALOG_ID = "oc-override-dialog"
    FIRST_FIELD = "#person"
    CSS_PATH: ClassVar = ["../documents.tcss", "../oncall.tcss"]

    def __init__(self, save: Save, *, rotation: Any, turn: Any) -> None:
        super().__init__(f"Hand over: {rotation.name}, turn of {day_text(turn.day)} "
                         f"{turn.day.year}", save)
        self.rotation = rotation
        self.turn = turn

    def compose_fields(self) -> Iterable[Any]:
        held = ", ".join(f"{ROLE_TITLES[s.role]} {s.person or 'nobody'}"
                         for s in self.turn.slots)
        yield Static(f"Now: {held}.", classes="dialog-hint", markup=False)
        with Grid(classes="doc-form"):
            yield field_label("Role", "role")
            yield Select([(Text(ROLE_TITLES[r]), r) for r in self.rotation.roles],
                         compact=True, id="role", allow_blank=False, value="main")
            yield field_label("Taken by", "person")
            yield Input("", id="person", compact=True,
                        placeholder="who takes it (empty: undo the override)")
            yield field_label("Note", "note")
            yield Input("", id="note", compact=True, placeholder="e.g. swapped at the retro")

    def values(self) -> dict[str, Any]:
        person = self.query_one("#person", Input).value.strip()
        return {"role": str(self.query_one("#role", Select).value), "person": person or None,
                "note": self.query_one("#note", Input).value.strip()}
