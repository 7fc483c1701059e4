"""When the policy is reviewed next: a date (YYYY-MM-DD, checked by the service with the rest)
and whether a major outage calls for a review as well."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from textual.containers import Grid
from textual.widgets import Checkbox, Input

from workbench.domain.policy import Policy
from workbench.tui.dialogs.policy_form import PolicyPartDialog, Save, field_label


class PolicyReviewDialog(PolicyPartDialog):
    """``values()``: ``{"review": {"next": date text or None, "after_major_outage": bool}}``."""

    DIALOG_ID = "pol-review-dialog"
    FIRST_FIELD = "#next-review"
    FIELD_IDS: ClassVar[dict[str, str]] = {"next": "next-review",
                                           "after_major_outage": "after-outage"}

    def __init__(self, save: Save, *, policy: Policy) -> None:
        super().__init__(f"Next review of {policy.name}", save)
        self.policy = policy

    def compose_fields(self) -> Iterable[Any]:
        policy = self.policy
        with Grid(classes="pol-form"):
            yield field_label("Next review", "next-review")
            yield Input(policy.next_review.isoformat() if policy.next_review else "",
                        id="next-review", compact=True, placeholder="YYYY-MM-DD, e.g. 2027-02-24")
            yield field_label("Also", "after-outage")
            yield Checkbox("review after every major outage",
                           policy.review_after_major_outage, id="after-outage", compact=True)

    def values(self) -> dict[str, Any]:
        text = self.query_one("#next-review", Input).value.strip()
        return {"review": {"next": text or None,
                           "after_major_outage": self.query_one("#after-outage",
                                                                Checkbox).value}}
