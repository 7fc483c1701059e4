"""Add a planned maintenance window to an SLO (or to every SLO of its service): when it
starts (wall-clock time in an IANA zone), how many minutes, an optional RFC 5545 repeat
rule, whether its events are left out or counted as good, why, and who records it.

``values()``: ``{"scope": "slo" | "service", "by", "start", "minutes", "zone", "rrule",
"treatment", "reason"}``; the screen's ``save`` sends them to ``wb.slos.add_maintenance``.

Decisions:
- What was typed is checked with the domain's own reader (``read_maintenance``) before it
  is sent, so every problem shows at once, under the fields, worded for this dialog (the
  store's words for a missing name speak of the CLI's ``--by``). The service checks again.
- As every dialog that saves: nothing typed is lost on a refusal, and the field the first
  problem names gets the focus.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding
from textual.containers import Grid
from textual.widgets import Input, Select, Static

from workbench.domain.slo.adjustments import (
    DEFAULT_ZONE,
    TREATMENT_TEXT,
    Treatment,
    read_maintenance,
)
from workbench.domain.slo.records import SloDefinition
from workbench.tui.dialogs.document_form import DocumentPartDialog, Save, field_label

FIELDS = ("start", "minutes", "zone", "rrule", "reason", "by")


class MaintenanceDialog(DocumentPartDialog):
    DIALOG_ID = "slo-maintenance-dialog"
    FIRST_FIELD = "#start"
    CSS_PATH: ClassVar = ["../documents.tcss", "../slo.tcss"]

    BINDINGS: ClassVar = [
        Binding("ctrl+s", "save", "Save", id="maintenance-save",
                tooltip="Record the maintenance window (the budget figures change with it)"),
    ]

    def __init__(self, save: Save, *, slo: SloDefinition) -> None:
        super().__init__(f"Maintenance window for {slo.name}", save)
        self.slo = slo

    def compose_fields(self) -> Iterable[Any]:
        slo = self.slo
        yield Static("Its events are not held against the budget. Times are wall-clock "
                     "in the zone given.", classes="dialog-hint", markup=False)
        with Grid(classes="doc-form"):
            yield field_label("For", "scope")
            scopes = [(Text(f"this SLO ({slo.name})"), "slo")]
            if slo.service_name:
                scopes.append((Text(f"every SLO of service {slo.service_name}"), "service"))
            yield Select(scopes, value="slo", allow_blank=False, id="scope", compact=True)
            yield field_label("Start", "start")
            yield Input("", id="start", compact=True,
                        placeholder="YYYY-MM-DD HH:MM, e.g. 2026-11-29 01:00")
            yield field_label("Minutes", "minutes")
            yield Input("", id="minutes", compact=True, placeholder="e.g. 60")
            yield field_label("Zone", "zone")
            yield Input(DEFAULT_ZONE, id="zone", compact=True,
                        placeholder="IANA zone, e.g. Europe/London")
            yield field_label("Repeats", "rrule")
            yield Input("", id="rrule", compact=True,
                        placeholder="empty: once; or e.g. FREQ=WEEKLY;BYDAY=SU")
            yield field_label("Events", "treatment")
            yield Select([(TREATMENT_TEXT[t], t.value) for t in Treatment],
                         value=Treatment.EXCLUDE.value, allow_blank=False, id="treatment",
                         compact=True)
            yield field_label("Reason", "reason")
            yield Input("", id="reason", compact=True, placeholder="e.g. database patching")
            yield field_label("Recorded by", "by")
            yield Input("", id="by", compact=True, placeholder="your name")

    def values(self) -> dict[str, Any] | None:
        values: dict[str, Any] = {
            key: self.query_one(f"#{key}", Input).value.strip() for key in FIELDS}
        values["treatment"] = str(self.query_one("#treatment", Select).value)
        values["scope"] = str(self.query_one("#scope", Select).value)
        problems = list(read_maintenance(values).problems)
        if not values["by"]:
            problems.append("by: say who records this window (your name)")
        if problems:
            self.post_message(self.Failed("; ".join(problems)))
            return None
        return values
