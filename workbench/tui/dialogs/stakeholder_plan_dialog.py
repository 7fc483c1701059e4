"""Change the engagement plan of one quadrant: how often the coach contacts its people (a
whole number of days) and what kind of contact that is.

The days are read with the shared whole-number rule and checked, with the text, by the
service (1 to 366 days, the text required), as the command line does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, Footer, Input, Label

from workbench.domain.formats import parse_whole
from workbench.domain.stakeholders import ContactPlan, Quadrant
from workbench.errors import UsageError
from workbench.tui.dialogs.form import SavingDialog

Save = Callable[[str, str], Any]


def read_days(text: str) -> int:
    """The days as typed, or a refusal naming the field (as the service names its own)."""
    try:
        return parse_whole(text, "every_days:")
    except ValueError as exc:
        raise UsageError(str(exc), topic="stakeholder") from None


class PlanDialog(SavingDialog[Any]):
    """``save(days_text, contact)`` runs in a thread (``read_days`` reads the days) and
    returns the new chart view."""

    CSS_PATH = "../stakeholders.tcss"
    FIRST_FIELD = "#every-days"

    BINDINGS: ClassVar = [
        Binding("ctrl+s", "save", "Save", id="sh-plan-save", tooltip="Save the plan"),
        Binding("ctrl+q", "app.quit", "Quit", id="sh-plan-quit",
                tooltip="Quit SRE Workbench (what is typed here is not saved)"),
        Binding("f1", "app.help", "Help", id="sh-plan-help",
                tooltip="Show every key of this dialog"),
    ]

    def __init__(self, quadrant: Quadrant, plan: ContactPlan, save: Save) -> None:
        super().__init__(f"Engagement plan: {quadrant.title}", save)
        self.quadrant = quadrant
        self.plan = plan

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="sh-plan-dialog"):
            yield Label(self.dialog_title, classes="dialog-title", markup=False)
            yield Label(f"Contact every how many days? (now {self.plan.rhythm})",
                        classes="field-label", markup=False)
            yield Input(str(self.plan.every_days), id="every-days", placeholder="e.g. 14")
            yield Label("What kind of contact?", classes="field-label", markup=False)
            yield Input(self.plan.contact, id="contact",
                        placeholder="e.g. a one-to-one meeting every week")
            yield self.error_line()
            yield self.save_buttons()
        yield Footer()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        self.submit(self.query_one("#every-days", Input).value,
                    self.query_one("#contact", Input).value)
