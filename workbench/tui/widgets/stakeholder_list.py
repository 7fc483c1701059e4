"""The stakeholder list: everyone on the chart in one table, sorted by quadrant, stance,
funnel stage, next action due or name (``s`` cycles), the sort shown in the pane title.

Columns are shown whole or not at all: on a narrow terminal the last ones (last contact,
owner, next action) are left out rather than cut at the edge; the details line under the
table gives them for the selected person.

The contact column says when the coach last met the person and whether the engagement
plan says they are overdue ("overdue" when never contacted).
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from datetime import date
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import RowDoesNotExist

from workbench.domain.stakeholders import (
    SORT_KEYS,
    Overdue,
    Stakeholder,
    Stance,
    sorted_people,
)

SORT_LABELS = {"quadrant": "quadrant", "stance": "stance", "stage": "funnel stage",
               "due": "next action due", "name": "name"}
# what a sort changes comes first; the long next action last
COLUMNS = (("Name", "name"), ("Quadrant", "quadrant"), ("Stance", "stance"),
           ("Stage", "stage"), ("Action due", "due"), ("Last contact", "contact"),
           ("Owner", "owner"), ("Next action", "next_action"))
CONTACT = 5
SHORT_CONTACT = ("Late", "contact")
MIN_ACTION = 12
ALWAYS = 5
"""Name, quadrant, stance, stage and action due: the columns the sorts order by."""
STANCE_STYLES = {Stance.SUPPORTER: "bold green", Stance.NEUTRAL: "",
                 Stance.DETRACTOR: "bold red"}


def fitted_widths(widths: list[int], room: int) -> list[int]:
    """The widths of the columns that fit in ``room`` cells whole, in order: the first
    ``ALWAYS`` always (a sort key needs its column), then as many as fit; the next action,
    last, is shortened to the room left when it gets at least ``MIN_ACTION``. Every column
    has a cell of padding each side. ``room`` 0 (not laid out yet): every column."""
    if room <= 0:
        return widths
    kept: list[int] = []
    used = 0
    for index, width in enumerate(widths):
        if index < ALWAYS or used + width + 2 <= room:
            kept.append(width)
        elif index == len(widths) - 1 and room - used - 2 >= MIN_ACTION:
            kept.append(room - used - 2)
        else:
            break
        used += kept[-1] + 2
    return kept


def next_sort(current: str) -> str:
    return SORT_KEYS[(SORT_KEYS.index(current) + 1) % len(SORT_KEYS)]


def contact_cell(person: Stakeholder, late: Overdue | None) -> Text:
    last = person.last_contact.isoformat() if person.last_contact else "never"
    if late is None:
        return Text(last)
    if late.days_late is None:
        return Text(f"{last}, overdue", style="bold yellow")
    return Text(f"{last}, {late.days_late}d late", style="bold yellow")


def late_cell(late: Overdue | None) -> Text:
    """How late contact is, in short: ``8d``, ``never``, or nothing."""
    if late is None:
        return Text("")
    return Text("never" if late.days_late is None else f"{late.days_late}d",
                style="bold yellow")


def due_cell(person: Stakeholder, today: date) -> Text:
    due = person.next_action_due
    if due is None:
        return Text("-")
    return Text(due.isoformat(), style="bold yellow" if due < today else "")


class StakeholderTable(DataTable):
    BINDINGS: ClassVar = [
        Binding("a", "screen.add_person", "Add", id="shl-add", show=False,
                tooltip="Add a stakeholder"),
        Binding("e", "screen.edit", "Edit", id="shl-edit",
                tooltip="Edit every field of the selected stakeholder (enter too)"),
        Binding("s", "screen.sort", "Sort", id="shl-sort",
                tooltip="Sort by the next key: quadrant, stance, funnel stage, next action "
                        "due, name"),
        Binding("c", "screen.contacted", "Contact", id="shl-contacted",
                tooltip="Record a contact with the selected stakeholder today"),
        Binding("p", "screen.flip('power')", "Power", id="shl-flip-power", show=False,
                tooltip="Flip formal power high/low (the quadrant changes)"),
        Binding("i", "screen.flip('interest')", "Interest", id="shl-flip-interest",
                show=False, tooltip="Flip interest high/low (the quadrant changes)"),
        Binding("x,delete", "screen.remove", "Remove", id="shl-remove", show=False,
                tooltip="Remove the selected stakeholder from the chart (asks first)"),
    ]

    class ColumnsChanged(Message):
        """Columns were left out (or shown again) to fit the width."""

        def __init__(self, hidden: tuple[str, ...]) -> None:
            super().__init__()
            self.hidden = hidden

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.people: dict[str, Stakeholder] = {}
        self._shown: tuple | None = None
        self.hidden_columns: tuple[str, ...] = ()
        """Columns left out for want of width (the details line has their values)."""

    def show(self, people: tuple[Stakeholder, ...], sort: str, overdue: Mapping[str, Overdue],
             today: date, select: str | None = None) -> None:
        """Fill the table (rows keyed by uid); keep or move the cursor to ``select``. The
        next action, last, takes the width that is left (at least ``MIN_ACTION``)."""
        keep = select or self.selected_uid()
        self._shown = (people, sort, overdue, today)
        self.clear(columns=True)
        self.people = {p.uid: p for p in people}
        rows = []
        for person in sorted_people(people, sort):
            stance = person.stance
            rows.append((person.uid, [
                Text(person.name),
                Text(person.quadrant.title),
                Text(stance.value if stance else "-",
                     style=STANCE_STYLES[stance] if stance else ""),
                Text(person.stage.value if person.stage else "-"),
                due_cell(person, today),
                contact_cell(person, overdue.get(person.uid)),
                Text(person.owner or "nobody", style="" if person.owner else "italic"),
                Text(" ".join(person.next_action.split()) or "-"),
            ]))
        room = self.size.width - (2 if len(rows) >= self.size.height else 0)
        columns = list(COLUMNS)
        widths = fitted_widths(self._widths(columns, rows), room)
        if len(widths) <= CONTACT:  # too narrow for the dates: how late, in short
            columns[CONTACT] = SHORT_CONTACT
            for uid, cells in rows:
                cells[CONTACT] = late_cell(overdue.get(uid))
            widths = fitted_widths(self._widths(columns, rows), room)
        hidden = tuple(label.lower() for label, _ in columns[len(widths):])
        if hidden != self.hidden_columns:
            self.hidden_columns = hidden
            self.post_message(self.ColumnsChanged(hidden))
        for (label, key), width in zip(columns, widths, strict=False):
            self.add_column(label, key=key, width=width)
        for uid, cells in rows:
            shown = cells[:len(widths)]
            shown[-1].truncate(widths[-1], overflow="ellipsis")
            self.add_row(*shown, key=uid)
        if keep is not None:
            with contextlib.suppress(RowDoesNotExist):
                self.move_cursor(row=self.get_row_index(keep))

    @staticmethod
    def _widths(columns: list[tuple[str, str]], rows: list) -> list[int]:
        return [max([cell_len(label), *(cells[i].cell_len for _, cells in rows)])
                for i, (label, _) in enumerate(columns)]

    def on_resize(self) -> None:
        if self._shown is not None:
            self.show(*self._shown)

    def selected_uid(self) -> str | None:
        if self.row_count == 0:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return row_key.value

    @property
    def selected_person(self) -> Stakeholder | None:
        uid = self.selected_uid()
        return self.people.get(uid) if uid is not None else None
