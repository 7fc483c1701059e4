"""The maintenance windows and corrections that apply to one SLO, and its alert tiers that
can never fire, as a short list under the period history of the budget view.

Decisions:
- One entry per adjustment, self-describing so no heading line is needed at 80x24:
  ``Maintenance 2026-11-29 01:00 Europe/London for 1 h, repeating FREQ=WEEKLY;BYDAY=SU
  (service orders): events left out of the budget · database patching · by Priya Sharma``.
  The scope is named only when it is a service's window (on the SLO's own budget view,
  "SLO x" says nothing new).
- Every text a user typed (reason, who recorded it, zone, rule) is appended as plain text
  to a Rich ``Text``: brackets show as typed, never as markup.
- A tier that can never fire at the SLO's target is listed with the domain's own sentence
  of what to do instead (``AlertThreshold.problem()``), marked ``⚠`` as well as coloured.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from workbench.domain.slo.adjustments import TREATMENT_TEXT, Adjustment, AdjustmentKind
from workbench.domain.slo.alerts import AlertThreshold

NONE_TEXT = "No maintenance windows or corrections."


def adjustment_text(adjustment: Adjustment) -> Text:
    """One entry: kind, when, scope (a service's), treatment, reason, who."""
    kind = "Correction" if adjustment.kind is AdjustmentKind.CORRECTION else "Maintenance"
    text = Text.assemble((kind, "bold"), " ", adjustment.describe())
    if adjustment.service_name and not adjustment.slo_name:
        text.append(f" ({adjustment.scope})")
    text.append(f": {TREATMENT_TEXT[adjustment.treatment]}")
    if adjustment.reason:
        text.append(f" · {adjustment.reason}")
    if adjustment.recorded_by:
        text.append(f" · by {adjustment.recorded_by}")
    return text


def notes_text(adjustments: Sequence[Adjustment],
               thresholds: Sequence[AlertThreshold] = ()) -> Text:
    """The list: each active adjustment (or that there are none), then each alert tier that
    can never fire."""
    live = [a for a in adjustments if a.active]
    lines = [adjustment_text(a) for a in live] or [Text(NONE_TEXT, style="italic")]
    for threshold in thresholds:
        problem = threshold.problem()
        if problem:
            lines.append(Text.assemble(("⚠ ", "bold yellow"), (problem, "yellow")))
    return Text("\n").join(lines)


def notes_title(adjustments: Sequence[Adjustment],
                thresholds: Sequence[AlertThreshold] = ()) -> str:
    """``Maintenance & corrections (2) · 1 alert tier can never fire``."""
    live = sum(1 for a in adjustments if a.active)
    title = "Maintenance & corrections" + (f" ({live})" if live else "")
    dead = sum(1 for t in thresholds if not t.can_fire)
    if dead:
        title += f" · {dead} alert tier{'s' if dead != 1 else ''} can never fire"
    return title


class AdjustmentList(Static):
    """``show(adjustments, thresholds)`` lists them; the text is never markup."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("Loading…", id=id, markup=False)
        self.adjustments: tuple[Adjustment, ...] = ()

    def show(self, adjustments: Sequence[Adjustment],
             thresholds: Sequence[AlertThreshold] = ()) -> None:
        self.adjustments = tuple(adjustments)
        self.update(notes_text(adjustments, thresholds))
