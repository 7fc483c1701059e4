"""A rotation's generated schedule: one row per turn (the day it starts, who holds each role
of the shape) and what changed the plain rotation (an override, a stand-in for someone
away, a slot nobody could take); the turn in progress is marked ▶.

Decisions:
- A changed slot ends with ``*`` and the note column says why, so the change is never only
  a colour. An unfilled slot reads "nobody".
- The day is the local date the turn starts (what an override names); the handover time and
  zone are on the rotation's summary line above the table, once.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding
from textual.content import Content

from workbench.domain.oncall.model import ROLE_TITLES
from workbench.tui.widgets.oncall_table import KeyedTable

CHANGED = "*"


def day_text(day: date) -> str:
    """``Mon 23 Nov``."""
    return f"{day:%a} {day.day} {day:%b}"


def slot_cell(slot: Any) -> Text:
    if slot.person is None:
        return Text("nobody", style="bold")
    changed = slot.person != slot.planned
    return Text(slot.person + (f" {CHANGED}" if changed else ""),
                style="bold" if changed else "")


def slot_note(slot: Any, *, full: bool = False) -> str:
    """``backup: for Neha Gupta`` (``full``: ``backup: stands in for Neha Gupta, who is
    away``); ``main: handed over`` (``full``: with the override's note)."""
    role = ROLE_TITLES.get(slot.role, slot.role)
    if slot.person is None:
        return f"{role}: nobody free" + (f" ({slot.planned} is away)" if full else "")
    if slot.reason.startswith("override"):
        note = slot.reason.partition(":")[2].strip()
        return f"{role}: handed over" + (f" ({note})" if full and note else "")
    if slot.person != slot.planned:
        return f"{role}: stands in for {slot.planned}, who is away" if full else \
            f"{role}: for {slot.planned}"
    return ""


def turn_details(turn: Any, zone: str) -> Content:
    """The whole of one turn, for the line under the table."""
    end = turn.end
    parts: list[str | tuple[str, str]] = [
        (f"Turn of {day_text(turn.day)} {turn.day.year}", "bold"),
        f" {turn.start:%H:%M} to {day_text(end.date())} {end:%H:%M} {zone}: "]
    parts.append(", ".join(f"{ROLE_TITLES[s.role]} {s.person or 'nobody'}"
                           for s in turn.slots))
    notes = [n for n in (slot_note(s, full=True) for s in turn.slots) if n]
    if notes:
        parts.append(" · " + "; ".join(notes))
    parts.append(" · enter hands it over")
    return Content.assemble(*parts)


def in_progress(turn: Any, today: date) -> bool:
    return turn.day <= today < turn.end.date()


def schedule_rows(plan: Any, today: date) -> list[tuple[date, list[Any]]]:
    rows = []
    for turn in plan.schedule.turns:
        mark = "▶ " if in_progress(turn, today) else "  "
        notes = "; ".join(n for n in (slot_note(s) for s in turn.slots) if n)
        rows.append((turn.day, [Text(mark + day_text(turn.day), style="bold"),
                                *[slot_cell(s) for s in turn.slots], notes]))
    return rows


class ScheduleTable(KeyedTable):
    HELP_GROUP = "The schedule"
    BINDINGS: ClassVar = [
        Binding("enter", "screen.hand_over", "Hand over", id="oc-schedule-hand-over",
                show=False, tooltip="Hand the selected turn over to someone else (or undo "
                                    "an override)"),
    ]

    def show_plan(self, plan: Any | None, today: date) -> None:
        if plan is None:
            self.show([("Turn", None)], [])
            return
        columns = [("Turn", 12)] + [(ROLE_TITLES[r].capitalize(), None)
                                    for r in plan.rotation.roles] + [("Note", None)]
        self.show(columns, schedule_rows(plan, today))
