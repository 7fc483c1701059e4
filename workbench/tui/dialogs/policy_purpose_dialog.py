"""The purpose of a policy: why the team keeps it, in its own words (several lines)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.widgets import Static, TextArea

from workbench.domain.policy import Policy
from workbench.tui.dialogs.policy_form import PolicyPartDialog, Save


class PolicyPurposeDialog(PolicyPartDialog):
    """``values()``: ``{"purpose": text}``."""

    DIALOG_ID = "pol-purpose-dialog"
    FIRST_FIELD = "#purpose"

    def __init__(self, save: Save, *, policy: Policy) -> None:
        super().__init__(f"Purpose of {policy.name}", save)
        self.policy = policy

    def compose_fields(self) -> Iterable[Any]:
        yield Static("What is the policy for? Enter starts a new line; ctrl+s saves.",
                     id="purpose-label", classes="dialog-hint", markup=False)
        yield TextArea(self.policy.purpose, id="purpose", soft_wrap=True, compact=True,
                       placeholder="e.g. balance new features against reliability, using "
                                   "the error budget to decide")

    def values(self) -> dict[str, Any]:
        return {"purpose": self.query_one("#purpose", TextArea).text}
