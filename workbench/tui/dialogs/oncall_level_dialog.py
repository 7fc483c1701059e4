"""One level of an escalation policy: who is paged (a rotation's role, a person, or a named
role with who holds it) and how many minutes without an acknowledgement before the next
level is paged; with the policy's name and how often the whole chain repeats.

``values()``: ``{"name", "repeats", "level": {...plain level...}}``; the screen puts the
level in place (or last) and sends every policy to ``wb.oncall.change``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.containers import Grid
from textual.widgets import Input, Select, Static

from workbench.domain.oncall.model import ROLE_TITLES, ROLES, Escalation, Level, LevelKind
from workbench.tui.dialogs.document_form import DocumentPartDialog, Save, field_label

KIND_TITLES = {LevelKind.ROTATION: "a rotation's role", LevelKind.PERSON: "a person",
               LevelKind.ROLE: "a named role (e.g. engineering manager)"}


class OnCallLevelDialog(DocumentPartDialog):
    DIALOG_ID = "oc-level-dialog"
    FIRST_FIELD = "#kind"
    CSS_PATH: ClassVar = ["../documents.tcss", "../oncall.tcss"]
    FIELD_IDS: ClassVar[dict[str, str]] = {
        "name": "policy-name", "rotation": "who", "person": "who", "role": "level-role",
        "delay": "delay", "repeats": "repeats", "levels": "who"}

    def __init__(self, save: Save, *, policy: Escalation | None, level: Level | None,
                 number: int, rotations: Sequence[str], team: str) -> None:
        what = f"level {number}" if level else f"new level {number}"
        super().__init__(f"Escalation {policy.name if policy else team}: {what}", save)
        self.policy = policy
        self.level = level
        self.rotations = list(rotations)
        self.team = team

    def compose_fields(self) -> Iterable[Any]:
        lv, policy = self.level, self.policy
        kind = lv.kind if lv else (LevelKind.ROTATION if self.rotations else LevelKind.PERSON)
        with Grid(classes="doc-form"):
            yield field_label("Pages", "kind")
            yield Select([(Text(KIND_TITLES[k]), k.value) for k in LevelKind], compact=True,
                         id="kind", allow_blank=False, value=kind.value)
            yield field_label("Who", "who")
            default = self.rotations[0] if not lv and self.rotations else ""
            yield Input(lv.name if lv else default, id="who", compact=True,
                        placeholder="rotation, person or role name")
            yield field_label("Rotation role", "level-role")
            yield Select([(Text(ROLE_TITLES[r]), r) for r in ROLES], compact=True,
                         id="level-role", allow_blank=False,
                         value=lv.role if lv and lv.kind is LevelKind.ROTATION else "main")
            yield field_label("Held by", "level-person")
            yield Input(lv.person if lv else "", id="level-person", compact=True,
                        placeholder="who holds the role (the paging tool pages people)")
            yield field_label("Wait (min)", "delay")
            yield Input(str(lv.delay if lv else 30), id="delay", compact=True)
            yield field_label("Policy name", "policy-name")
            yield Input(policy.name if policy else f"{self.team} escalation",
                        id="policy-name", compact=True)
            yield field_label("Repeats", "repeats")
            yield Input(str(policy.repeats if policy else 0), id="repeats", compact=True)
        rotations = ", ".join(self.rotations) or "none yet"
        yield Static(f"Rotations: {rotations}. Repeats: how often the chain runs again "
                     "when nobody acknowledged.", classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self._kind_changed()

    @on(Select.Changed, "#kind")
    def _kind_changed(self) -> None:
        kind = str(self.query_one("#kind", Select).value)
        for widget_id, shown in (("level-role", kind == LevelKind.ROTATION.value),
                                 ("level-person", kind == LevelKind.ROLE.value)):
            self.query_one(f"#{widget_id}").display = shown
            self.query_one(f"#{widget_id}-label").display = shown

    def values(self) -> dict[str, Any]:
        kind = str(self.query_one("#kind", Select).value)
        who = self.query_one("#who", Input).value.strip()
        delay = self.query_one("#delay", Input).value.strip()
        level: dict[str, Any] = {kind: who, "delay": delay}
        if kind == LevelKind.ROTATION.value:
            level["role"] = str(self.query_one("#level-role", Select).value)
        elif kind == LevelKind.ROLE.value:
            person = self.query_one("#level-person", Input).value.strip()
            if person:
                level["person"] = person
        return {"name": self.query_one("#policy-name", Input).value.strip(),
                "repeats": self.query_one("#repeats", Input).value.strip(), "level": level}
