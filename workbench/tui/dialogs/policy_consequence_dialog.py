"""Add or edit one consequence of a condition: assign people to reliability work, conduct an
activity, stop one (a freeze, with what stays allowed) or declare code yellow or red; when it
ends; and a detail in the team's words.

Decisions:
- Only the fields the chosen action takes are shown (how many people or what share for
  assign, the activity for conduct and stop, what stays allowed for stop, the code for
  declare); the others are not sent.
- The activity offers the book's usual ones as the user types (a suggestion, not a list to
  pick from: any activity may be written); what stays allowed is a comma-separated list.
- A line under the fields reads the consequence back as it will be saved, or says what is
  wrong with it, from the domain's own reader.
- The conditions are saved whole (``{"conditions": [...]}``) from the policy as the user
  opened it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.text import Text
from textual import on
from textual.containers import Grid
from textual.suggester import SuggestFromList
from textual.widgets import Input, Select, Static

from workbench.domain.policy import (
    COMMON_ACTIVITIES,
    COMMON_ALLOWED,
    COMMON_STOPPED,
    ENDS_TITLES,
    Action,
    Code,
    Ends,
    Policy,
    policy_values,
    read_policy,
)
from workbench.tui.dialogs.policy_form import PolicyPartDialog, Save, comma_list, field_label

ACTION_TITLES = {Action.ASSIGN: "assign people to reliability work",
                 Action.CONDUCT: "conduct an activity",
                 Action.STOP: "stop an activity (a freeze)",
                 Action.DECLARE: "declare code yellow or red"}
FIELDS_OF = {Action.ASSIGN: {"people", "share"}, Action.CONDUCT: {"activity"},
             Action.STOP: {"activity", "allowed"}, Action.DECLARE: {"code"}}
OPTIONAL = ("activity", "people", "share", "allowed", "code")


class PolicyConsequenceDialog(PolicyPartDialog):
    """``number`` None: a new consequence of condition ``index``, appended.
    ``values()``: ``{"conditions": [...]}``."""

    DIALOG_ID = "pol-consequence-dialog"
    FIRST_FIELD = "#action"

    def __init__(self, save: Save, *, policy: Policy, index: int,
                 number: int | None = None) -> None:
        condition = policy.conditions[index]
        title = (f"Consequence {number + 1} of {condition.key}" if number is not None
                 else f"New consequence of {condition.key}")
        super().__init__(title, save)
        self.policy = policy
        self.index = index
        self.number = number
        self.conditions: list[dict[str, Any]] = policy_values(policy)["conditions"]
        consequences = self.conditions[index]["consequences"]
        self.original: dict[str, Any] = (
            consequences[number] if number is not None
            else {"action": Action.CONDUCT.value, "ends": Ends.CLEARED.value})

    def compose_fields(self) -> Iterable[Any]:
        values = self.original
        with Grid(classes="pol-form"):
            yield field_label("Action", "action")
            yield Select([(Text(f"{a.value}: {ACTION_TITLES[a]}"), a.value) for a in Action],
                         value=values.get("action", Action.CONDUCT.value), allow_blank=False,
                         id="action", compact=True)
            yield field_label("Activity", "activity")
            yield Input(values.get("activity", ""), id="activity", compact=True,
                        placeholder="e.g. postmortem, feature releases",
                        suggester=SuggestFromList(COMMON_ACTIVITIES + COMMON_STOPPED,
                                                  case_sensitive=False))
            yield field_label("People", "people")
            yield Input(str(values.get("people", "")), id="people", compact=True,
                        placeholder="how many, e.g. 2 (or a share below)")
            yield field_label("Share %", "share")
            yield Input(str(values.get("share", "")), id="share", compact=True,
                        placeholder="of the team, e.g. 50")
            yield field_label("Still allowed", "allowed")
            yield Input(", ".join(values.get("allowed", [])), id="allowed", compact=True,
                        placeholder="comma-separated, e.g. " + ", ".join(COMMON_ALLOWED),
                        suggester=SuggestFromList(COMMON_ALLOWED, case_sensitive=False))
            yield field_label("Code", "code")
            yield Select([(c.value, c.value) for c in Code],
                         value=values.get("code", Code.RED.value), allow_blank=False,
                         id="code", compact=True)
            yield field_label("Ends", "ends")
            yield Select([(ENDS_TITLES[e], e.value) for e in Ends],
                         value=values.get("ends", Ends.CLEARED.value), allow_blank=False,
                         id="ends", compact=True)
            yield field_label("Detail", "detail")
            yield Input(values.get("detail", ""), id="detail", compact=True,
                        placeholder="optional, e.g. the on-call lead runs it within two days")
        yield Static("", id="pol-reads", markup=False)

    def on_mount(self) -> None:
        self.focus_first()
        self._changed()

    def action(self) -> Action:
        return Action(str(self.query_one("#action", Select).value))

    @on(Select.Changed)
    @on(Input.Changed)
    def _changed(self) -> None:
        fields = FIELDS_OF[self.action()]
        for name in OPTIONAL:
            self.query_one(f"#{name}").display = name in fields
            self.query_one(f"#{name}-label").display = name in fields
        self._read_back()

    def consequence(self) -> dict[str, Any]:
        """The consequence as typed: only the fields its action takes."""
        action = self.action()
        found: dict[str, Any] = {"action": action.value}
        fields = FIELDS_OF[action]
        for name in ("activity", "people", "share"):
            text = self.query_one(f"#{name}", Input).value.strip()
            if name in fields and text:
                found[name] = text
        if "allowed" in fields:
            allowed = comma_list(self.query_one("#allowed", Input).value)
            if allowed:
                found["allowed"] = allowed
        if "code" in fields:
            found["code"] = str(self.query_one("#code", Select).value)
        detail = self.query_one("#detail", Input).value
        if detail.strip():
            found["detail"] = detail
        found["ends"] = str(self.query_one("#ends", Select).value)
        return found

    def _read_back(self) -> None:
        condition = {**self.conditions[self.index], "consequences": [self.consequence()]}
        policy, problems = read_policy({"name": "x", "conditions": [condition]})
        prefix = "conditions[0].consequences[0]."
        mine = [p for p in problems if p.part.startswith(prefix)]
        line = self.query_one("#pol-reads", Static)
        if mine:
            line.update("⚠ " + "; ".join(f"{p.part.removeprefix(prefix)}: {p.message}"
                                         for p in mine))
            line.set_class(True, "-error")
        else:
            cons = policy.conditions[0].consequences[0]
            line.update(f"Reads: {cons.describe()}, ends {ENDS_TITLES[cons.ends]}")
            line.set_class(False, "-error")

    def values(self) -> dict[str, Any]:
        conditions = [dict(c) for c in self.conditions]
        consequences = list(conditions[self.index]["consequences"])
        if self.number is None:
            consequences.append(self.consequence())
        else:
            consequences[self.number] = self.consequence()
        conditions[self.index]["consequences"] = consequences
        return {"conditions": conditions}
