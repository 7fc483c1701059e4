"""How disagreements are settled: the tiebreaker (the role that decides when the parties do
not agree), the procedure in the team's words, and the escalation contacts (name, role, how
to reach them).

Decisions:
- Contacts are rows of three fields: every contact the policy has, and one empty row to add
  another (up to the policy's limit); a row left empty is dropped, a row with only a role
  or a channel is sent so the service says the name is missing.
- Contacts are also parties who must agree (after operations, development and the product
  owner), unless the policy names its parties; the dialog says so, since adding a contact
  changes who signs.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.containers import Grid
from textual.widgets import Input, Label, Static, TextArea

from workbench.domain.policy import Policy
from workbench.domain.policy.model import MAX_CONTACTS
from workbench.tui.dialogs.policy_form import PolicyPartDialog, Save, field_label


class PolicyEscalationDialog(PolicyPartDialog):
    """``values()``: ``{"escalation": {"tiebreaker", "procedure", "contacts": [...]}}``."""

    DIALOG_ID = "pol-escalation-dialog"
    FIRST_FIELD = "#tiebreaker"

    def __init__(self, save: Save, *, policy: Policy) -> None:
        super().__init__(f"Escalation of {policy.name}", save)
        self.policy = policy
        self.rows = min(MAX_CONTACTS, max(2, len(policy.contacts) + 1))
        self.sent_rows: list[int] = list(range(self.rows))
        """The dialog row of each contact sent (empty rows are not), to mark a refusal."""

    def compose_fields(self) -> Iterable[Any]:
        policy = self.policy
        with Grid(classes="pol-form"):
            yield field_label("Tiebreaker", "tiebreaker")
            yield Input(policy.tiebreaker, id="tiebreaker", compact=True,
                        placeholder="the role that decides when the parties disagree")
            yield field_label("Procedure", "procedure")
            yield TextArea(policy.escalation, id="procedure", soft_wrap=True, compact=True,
                           placeholder="optional; e.g. raise it in the weekly review, the "
                                       "tiebreaker decides within two days")
        yield Label("Escalation contacts", id="contacts-label", classes="pol-column")
        with Grid(id="pol-contacts"):
            yield Label("Name", classes="pol-column")
            yield Label("Role", classes="pol-column")
            yield Label("How to reach", classes="pol-column")
            for row in range(self.rows):
                contact = policy.contacts[row] if row < len(policy.contacts) else None
                yield Input(contact.name if contact else "", id=f"contact-{row}-name",
                            compact=True, placeholder="name")
                yield Input(contact.role if contact else "", id=f"contact-{row}-role",
                            compact=True, placeholder="e.g. head of operations")
                yield Input(contact.how if contact else "", id=f"contact-{row}-how",
                            compact=True, placeholder="e.g. #ops-escalation")
        if not policy.parties:
            yield Static("Contacts also sign the policy, after operations, development "
                         "and the product owner.", classes="dialog-hint", markup=False)

    def field_for(self, part: str) -> str | None:
        """``escalation.contacts[1].name`` -> ``contact-1-name``."""
        if ".contacts[" in part:
            index = int(part.split(".contacts[", 1)[1].split("]", 1)[0])
            row = self.sent_rows[index] if index < len(self.sent_rows) else index
            field = part.rsplit(".", 1)[-1] if part.count(".") > 1 else "name"
            return f"contact-{row}-{field}"
        return super().field_for(part)

    def values(self) -> dict[str, Any]:
        contacts = []
        self.sent_rows = []
        for row in range(self.rows):
            contact = {field: self.query_one(f"#contact-{row}-{field}", Input).value
                       for field in ("name", "role", "how")}
            if any(value.strip() for value in contact.values()):
                contacts.append({k: v for k, v in contact.items() if v.strip()})
                self.sent_rows.append(row)
        return {"escalation": {
            "tiebreaker": self.query_one("#tiebreaker", Input).value,
            "procedure": self.query_one("#procedure", TextArea).text,
            "contacts": contacts}}
