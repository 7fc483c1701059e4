"""Fairness and sustainability of a rotation over the horizon: per person the turns, shifts,
hours on call, hours out of hours, weekend days and share of the covered time (⚠ over the
workspace's limit), and the warnings in the domain's words.

Hours are exact (``fairness.hours_text``: minutes over 60, never a float).
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding
from textual.content import Content

from workbench.domain.oncall.fairness import hours_text
from workbench.tui.widgets.oncall_table import KeyedTable

OVER = "⚠"


def share_cell(load: Any) -> Text:
    text = f"{load.share}%"
    return Text(f"{text} {OVER}", style="bold") if load.over_share else Text(text)


def fairness_rows(plan: Any) -> list[tuple[str, list[Any]]]:
    return [(load.person, [load.person, str(load.turns), str(load.shifts),
                           hours_text(load.minutes), hours_text(load.out_of_hours),
                           str(load.weekend_days), share_cell(load)])
            for load in plan.fairness.loads]


def warnings_text(plan: Any | None) -> Content:
    if plan is None:
        return Content("")
    found = plan.fairness.warnings
    notes = plan.schedule.notes
    if not found and not notes:
        return Content.assemble(("✓ ", "bold $text-success"),
                                "No fairness warnings over this horizon.")
    lines = [Content.assemble(("⚠ ", "bold $text-warning"), w.message) for w in found]
    lines += [Content.assemble(("• ", "bold"), n) for n in notes]
    return Content("\n").join(lines)


class FairnessTable(KeyedTable):
    HELP_GROUP = "Fairness"
    BINDINGS: ClassVar = [
        Binding("enter", "screen.edit", "Edit rotation", id="oc-fairness-edit", show=False,
                tooltip="Edit the rotation (members, shape, coverage, handover, time zone)"),
    ]

    def show_plan(self, plan: Any | None, *, wide: bool) -> None:
        heads = (["Person", "Turns", "Shifts", "Hours", "Out of hours", "Weekend days",
                  "Share"] if wide else
                 ["Person", "Turns", "Shifts", "Hours", "Out hrs", "Wkend", "Share"])
        self.show([(h, None) for h in heads], fairness_rows(plan) if plan else [])
