"""Add or edit one stakeholder: every field of the chart, the quadrant shown live from formal
power and interest.

Decisions:
- Choices are Select widgets (group, power, interest, stance, influence, stage); the
  optional ones can be left unset. Dates are typed as YYYY-MM-DD and checked by the
  service with the rest, so the dialog and the command line refuse the same things; the
  field a refusal names is marked and gets the focus.
- Editing sends only the fields that changed (a rename is a change of ``name``), so two
  coaches editing different people never undo each other; a save over a newer chart is
  refused by its version and offers to reload.
- The uid is not shown: it only keeps a person recognisable across renames.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.css.query import NoMatches
from textual.widgets import Button, Footer, Input, Label, Select, Static, TextArea

from workbench.domain.stakeholders import (
    Group,
    Level,
    Quadrant,
    Stage,
    Stakeholder,
    Stance,
    quadrant_of,
    stakeholder_values,
)
from workbench.tui.dialogs.form import SavingDialog

TEXT_FIELDS = {"name": "Name", "role": "Role", "owner": "Owner (coach)",
               "next_action": "Next action", "next_action_due": "Action due",
               "last_contact": "Last contact"}
PLACEHOLDERS = {"name": "e.g. Asha Rao", "role": "e.g. Head of Operations",
                "owner": "who keeps in touch, e.g. Meera",
                "next_action": "e.g. invite to the SLO workshop",
                "next_action_due": "YYYY-MM-DD", "last_contact": "YYYY-MM-DD"}
CHOICES: dict[str, tuple[str, list[str], bool]] = {
    # field: (label, values, may be unset)
    "group": ("Group", [g.value for g in Group], False),
    "power": ("Formal power", [v.value for v in Level], False),
    "interest": ("Interest", [v.value for v in Level], False),
    "stance": ("Stance", [s.value for s in Stance], True),
    "influence": ("Influence", [v.value for v in Level], True),
    "stage": ("Funnel stage", [s.value for s in Stage], True),
}
UNSET = {"stance": "(not known)", "influence": "(not known)", "stage": "(no stage yet)"}
ORDER = ("name", "role", "group", "power", "interest", "stance", "influence", "stage",
         "owner", "last_contact", "next_action", "next_action_due", "notes")
"""The fields in the order the dialog shows them: every field but the uid."""

Save = Callable[[dict[str, Any]], Any]


def _same(a: Any, b: Any) -> bool:
    return (a or "") == (b or "")


def changed_fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of ``after`` that differ from ``before`` (None and "" are both unset)."""
    return {k: v for k, v in after.items() if not _same(before.get(k), v)}


class StakeholderDialog(SavingDialog[Any]):
    """``save(values)`` runs in a thread: for a new person every field, for an edit only
    the changed ones (an empty dict is not saved: the dialog just closes). It returns what
    the service returns (the new chart view)."""

    CSS_PATH = "../stakeholders.tcss"

    BINDINGS: ClassVar = [
        Binding("ctrl+s", "save", "Save", id="sh-dialog-save", tooltip="Save the stakeholder"),
        # A modal screen stops the app's keys, so the dialog offers the two a user must
        # always find (its footer shows them, as every screen's does).
        Binding("ctrl+q", "app.quit", "Quit", id="sh-dialog-quit",
                tooltip="Quit SRE Workbench (what is typed here is not saved)"),
        Binding("f1", "app.help", "Help", id="sh-dialog-help",
                tooltip="Show every key of this dialog"),
    ]

    def __init__(self, title: str, save: Save, *, person: Stakeholder | None = None,
                 quadrant: Quadrant | None = None) -> None:
        super().__init__(title, save)
        self.person = person
        if person is not None:
            self.original = stakeholder_values(person)
        else:
            where = quadrant or Quadrant.ENGAGE_FULLY
            self.original = {"power": where.power.value, "interest": where.interest.value,
                             "group": Group.OTHER.value}

    def compose(self) -> ComposeResult:
        values = self.original
        with VerticalScroll(classes="dialog", id="sh-dialog"):
            yield Label(self.dialog_title, classes="dialog-title", markup=False)
            with Grid(classes="sh-form"):
                for name in ORDER:
                    if name in CHOICES:
                        label, options, optional = CHOICES[name]
                        yield Label(label, id=f"{name}-label")
                        current = values.get(name)
                        yield Select([(o, o) for o in options],
                                     prompt=UNSET.get(name, "(choose)"),
                                     value=current if current in options else Select.NULL,
                                     allow_blank=optional, id=name, compact=True)
                        if name == "interest":
                            yield Label("Quadrant")
                            yield Static("", id="sh-quadrant", markup=False)
                    elif name == "notes":
                        yield Label("Notes", id="notes-label")
                        yield TextArea(values.get("notes") or "", id="notes", compact=True,
                                       soft_wrap=True)
                    else:
                        yield Label(TEXT_FIELDS[name], id=f"{name}-label")
                        yield Input(values.get(name) or "", id=name, compact=True,
                                    placeholder=PLACEHOLDERS[name])
            yield self.error_line()
            yield self.save_buttons(compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.focus_first()
        self._show_quadrant()

    # --- live quadrant --------------------------------------------------------------------

    def _choice(self, name: str) -> str | None:
        value = self.query_one(f"#{name}", Select).value
        return None if value is Select.NULL else str(value)

    @on(Select.Changed, "#power, #interest")
    def _show_quadrant(self) -> None:
        power, interest = self._choice("power"), self._choice("interest")
        box = self.query_one("#sh-quadrant", Static)
        if power is None or interest is None:
            box.update("(choose power and interest)")
            return
        quadrant = quadrant_of(power, interest)
        box.update(quadrant.title)

    # --- saving ---------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """Every field as typed (text trimmed by the service; unset choices None)."""
        found: dict[str, Any] = {}
        for name in ORDER:
            if name in CHOICES:
                found[name] = self._choice(name)
            elif name == "notes":
                found[name] = self.query_one("#notes", TextArea).text
            else:
                found[name] = self.query_one(f"#{name}", Input).value
        return found

    def to_save(self) -> dict[str, Any]:
        values = self.values()
        if self.person is None:
            return {k: v for k, v in values.items() if v not in (None, "")}
        return changed_fields(self.original, values)

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        for field in self.query(".-invalid"):
            field.remove_class("-invalid")
        changes = self.to_save()
        if self.person is not None and not changes:
            self.notify("Nothing changed.", markup=False)
            self.dismiss(None)
            return
        self.submit(changes)

    def focus_first(self) -> None:
        """On opening: the name. After a refusal: the field it names ("stage: ...")."""
        error = str(self.query_one("#dialog-error", Static).content)
        field = error.split(":", 1)[0].strip() if ":" in error else ""
        if field in ORDER:
            with contextlib.suppress(NoMatches):
                widget = self.query_one(f"#{field}")
                widget.add_class("-invalid")
                widget.focus()
                return
        self.query_one("#name", Input).focus()
