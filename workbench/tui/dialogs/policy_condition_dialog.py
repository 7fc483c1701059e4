"""Add or edit one condition of a policy: its key, its trigger and the figures that trigger
takes, and a description. Its consequences are kept as they are (they have their own
dialog).

Decisions:
- Only the figures the chosen trigger takes are shown (percent for "budget consumed", a
  window and a burn rate for "burn rate over a window", ...); the others are not sent, so
  a figure typed for another trigger never makes the policy invalid.
- A line under the fields reads the condition back as it will be saved ("30% of the budget
  consumed within 24h"), or says what is wrong with it, as it is typed; the domain's reader
  decides both, so the dialog, the command line and the import refuse the same things.
- The whole list of conditions is saved (``{"conditions": [...]}``), built from the policy
  as the user opened it; the version check refuses it when someone changed the policy
  since.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.containers import Grid
from textual.widgets import Input, Select, Static

from workbench.domain.policy import TRIGGER_TITLES, Policy, Trigger, policy_values, read_policy
from workbench.domain.policy.model import MAY_HAVE_WINDOW, NEEDS_PERCENT
from workbench.tui.dialogs.policy_form import PolicyPartDialog, Save, field_label

FIGURES = ("percent", "window", "burn_rate", "dependency")
FIGURE_IDS = {"percent": "percent", "window": "window", "burn_rate": "burn-rate",
              "dependency": "dependency"}


def takes(trigger: Trigger) -> set[str]:
    """The figures a trigger takes (a window is optional for "projected to run out")."""
    found = set()
    if trigger in NEEDS_PERCENT:
        found.add("percent")
    if trigger in MAY_HAVE_WINDOW:
        found.add("window")
    if trigger is Trigger.BURN_RATE:
        found.add("burn_rate")
    if trigger is Trigger.DEPENDENCY:
        found.add("dependency")
    return found


class PolicyConditionDialog(PolicyPartDialog):
    """``index`` None: a new condition, appended. ``values()``: ``{"conditions": [...]}``."""

    DIALOG_ID = "pol-condition-dialog"
    FIRST_FIELD = "#key"
    FIELD_IDS: ClassVar[dict[str, str]] = {"burn_rate": "burn-rate"}

    def __init__(self, save: Save, *, policy: Policy, index: int | None = None) -> None:
        condition = policy.conditions[index] if index is not None else None
        title = (f"Condition {condition.key} of {policy.name}" if condition
                 else f"New condition for {policy.name}")
        super().__init__(title, save)
        self.policy = policy
        self.index = index
        self.conditions: list[dict[str, Any]] = policy_values(policy)["conditions"]
        self.original: dict[str, Any] = (
            self.conditions[index] if index is not None
            else {"trigger": Trigger.CONSUMED.value, "consequences": []})

    def compose_fields(self) -> Iterable[Any]:
        values = self.original
        with Grid(classes="pol-form"):
            yield field_label("Key", "key")
            yield Input(values.get("key", ""), id="key", compact=True,
                        placeholder="short, unique in the policy, e.g. fast-burn")
            yield field_label("Trigger", "trigger")
            yield Select([(Text(f"{t.value}: {TRIGGER_TITLES[t]}"), t.value) for t in Trigger],
                         value=values.get("trigger", Trigger.CONSUMED.value),
                         allow_blank=False, id="trigger", compact=True)
            yield field_label("Percent", "percent")
            yield Input(str(values.get("percent", "")), id="percent", compact=True,
                        placeholder="e.g. 30 (% of the budget, or of the bad events)")
            yield field_label("Window", "window")
            yield Input(str(values.get("window", "")), id="window", compact=True,
                        placeholder="e.g. 24h, 7d, 90m (optional for projected)")
            yield field_label("Burn rate", "burn-rate")
            yield Input(str(values.get("burn_rate", "")), id="burn-rate", compact=True,
                        placeholder="times the rate the budget allows, e.g. 14.4")
            yield field_label("Dependency", "dependency")
            yield Input(values.get("dependency", ""), id="dependency", compact=True,
                        placeholder="empty: whichever caused the most, e.g. upi-switch")
            yield field_label("Description", "description")
            yield Input(values.get("description", ""), id="description", compact=True,
                        placeholder="optional, e.g. a fast burn: act the same day")
        yield Static("", id="pol-reads", markup=False)

    def on_mount(self) -> None:
        self.focus_first()
        self._changed()

    def trigger(self) -> Trigger:
        return Trigger(str(self.query_one("#trigger", Select).value))

    @on(Select.Changed, "#trigger")
    @on(Input.Changed)
    def _changed(self) -> None:
        needed = takes(self.trigger())
        for name in FIGURES:
            show = name in needed
            self.query_one(f"#{FIGURE_IDS[name]}").display = show
            self.query_one(f"#{FIGURE_IDS[name]}-label").display = show
        self._read_back()

    def condition(self) -> dict[str, Any]:
        """The condition as typed: only the figures its trigger takes."""
        trigger = self.trigger()
        found: dict[str, Any] = {"key": self.query_one("#key", Input).value,
                                 "trigger": trigger.value}
        for name in sorted(takes(trigger)):
            text = self.query_one(f"#{FIGURE_IDS[name]}", Input).value.strip()
            if text:
                found[name] = text
        description = self.query_one("#description", Input).value
        if description.strip():
            found["description"] = description
        found["consequences"] = self.original.get("consequences", [])
        return found

    def _read_back(self) -> None:
        policy, problems = read_policy({"name": "x", "conditions": [self.condition()]})
        line = self.query_one("#pol-reads", Static)
        mine = [p for p in problems if p.part.startswith("conditions[0]")
                and ".consequences" not in p.part]
        if mine:
            line.update("⚠ " + "; ".join(
                f"{p.part.removeprefix('conditions[0].')}: {p.message}" for p in mine))
            line.set_class(True, "-error")
        else:
            line.update(f"Reads: {policy.conditions[0].describe()}")
            line.set_class(False, "-error")

    def values(self) -> dict[str, Any]:
        conditions = list(self.conditions)
        if self.index is None:
            conditions.append(self.condition())
        else:
            conditions[self.index] = self.condition()
        return {"conditions": conditions}
