"""One incident priority: its name, the criteria that make an incident this priority, the
response expected, whether it needs a hotfix, a postmortem and management informed, how
often stakeholders get an update, and which stakeholder rings are informed.

``values()``: ``{"priority": {...plain priority...}}``; the screen puts it in place (or
last, at most five) and sends every priority to ``wb.oncall.change``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from textual.containers import Grid, Horizontal
from textual.widgets import Checkbox, Input, Static

from workbench.domain.oncall.model import Priority
from workbench.tui.dialogs.document_form import DocumentPartDialog, Save, field_label
from workbench.tui.dialogs.policy_form import comma_list

FLAGS = (("hotfix", "Hotfix"), ("postmortem", "Postmortem"), ("management", "Management"))


class OnCallPriorityDialog(DocumentPartDialog):
    DIALOG_ID = "oc-priority-dialog"
    FIRST_FIELD = "#name"
    CSS_PATH: ClassVar = ["../documents.tcss", "../oncall.tcss"]
    FIELD_IDS: ClassVar[dict[str, str]] = {"update_hours": "update-hours", "rings": "rings"}

    def __init__(self, save: Save, *, priority: Priority | None, team: str) -> None:
        super().__init__(f"Incident priority {priority.name}" if priority else
                         f"New incident priority for {team}", save)
        self.priority = priority

    def compose_fields(self) -> Iterable[Any]:
        p = self.priority
        with Grid(classes="doc-form"):
            yield field_label("Name", "name")
            yield Input(p.name if p else "", id="name", compact=True, placeholder="e.g. P4")
            yield field_label("Criteria", "criteria")
            yield Input(p.criteria if p else "", id="criteria", compact=True,
                        placeholder="what makes an incident this priority")
            yield field_label("Response", "response")
            yield Input(p.response if p else "", id="response", compact=True,
                        placeholder="e.g. acknowledge within 15 minutes")
            yield field_label("Updates (h)", "update-hours")
            yield Input(str(p.update_hours) if p and p.update_hours else "",
                        id="update-hours", compact=True, placeholder="hours between updates")
            yield field_label("Rings", "rings")
            yield Input(", ".join(str(n) for n in p.rings) if p else "", id="rings",
                        compact=True, placeholder="e.g. 1, 2")
            yield field_label("Example", "example")
            yield Input(p.example if p else "", id="example", compact=True)
        with Horizontal(id="oc-priority-flags"):
            for key, title in FLAGS:
                yield Checkbox(title, bool(p and getattr(p, key)), id=key, compact=True)
        yield Static("Space ticks a box. Rings: the stakeholder rings informed, by number.",
                     classes="dialog-hint", markup=False)

    def values(self) -> dict[str, Any]:
        def text(widget_id: str) -> str:
            return self.query_one(f"#{widget_id}", Input).value.strip()

        values: dict[str, Any] = {key: text(key) for key in ("name", "criteria", "response",
                                                              "example")}
        values["update_hours"] = text("update-hours") or None
        values["rings"] = comma_list(text("rings"))
        for key, _ in FLAGS:
            values[key] = self.query_one(f"#{key}", Checkbox).value
        return {"priority": values}
