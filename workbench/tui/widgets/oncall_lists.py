"""The escalation levels (in the order they are paged, each with its delay, policy by
policy) and the incident priorities of an agreement, with the severities, stakeholder rings
and postmortem criteria as text under the priorities.

Rows are keyed ``(policy index, level index)`` and priority indexes, so the screen edits
the record under the cursor.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding
from textual.content import Content

from workbench.domain.oncall.model import ROLE_TITLES, Agreement, Level, LevelKind
from workbench.tui.widgets.oncall_table import KeyedTable

NONE = "\u2013"  # an en dash: nothing to show


def level_text(level: Level) -> str:
    """``rotation Checkout 24x7 (main)``, ``person Asha``, ``engineering manager (Anita)``."""
    if level.kind is LevelKind.ROTATION:
        return f"rotation {level.name} ({ROLE_TITLES.get(level.role, level.role)})"
    if level.kind is LevelKind.ROLE:
        return f"{level.name}" + (f" ({level.person})" if level.person else "")
    return f"person {level.name}"


def repeats_text(repeats: int) -> str:
    if repeats == 0:
        return "runs once"
    return f"repeats {repeats} time{'s' if repeats != 1 else ''}"


def escalation_rows(agreement: Agreement) -> list[tuple[tuple[int, int], list[Any]]]:
    rows = []
    for p, policy in enumerate(agreement.escalations):
        for i, level in enumerate(policy.levels):
            rows.append(((p, i), [
                Text(policy.name if i == 0 else "", style="bold"), str(i + 1),
                level_text(level), f"{level.delay} min"]))
        if not policy.levels:
            rows.append(((p, -1), [Text(policy.name, style="bold"), NONE,
                                   "nobody yet (a adds a level)", ""]))
    return rows


def escalation_summary(agreement: Agreement) -> Content:
    if not agreement.escalations:
        return Content("No escalation policy yet: a adds its first level.")
    return Content("\n").join(
        Content.assemble((f"{e.name}: ", "bold"), f"{len(e.levels)} levels, "
                         f"{repeats_text(e.repeats)}; a level waits its delay for an "
                         "acknowledgement before the next is paged")
        for e in agreement.escalations)


def _flags(priority: Any) -> str:
    found = [name for name, on in (("hotfix", priority.hotfix),
                                   ("postmortem", priority.postmortem),
                                   ("management", priority.management)) if on]
    return ", ".join(found) or NONE


def priority_rows(agreement: Agreement, *, wide: bool) -> list[tuple[int, list[Any]]]:
    rows = []
    for i, p in enumerate(agreement.priorities):
        cells: list[Any] = [Text(p.name, style="bold"), p.criteria, p.response]
        if wide:
            cells.append(_flags(p))
        cells += [f"{p.update_hours} h" if p.update_hours else NONE,
                  ", ".join(str(n) for n in p.rings) or NONE]
        rows.append((i, cells))
    return rows


def priority_details(priority: Any) -> Content:
    """The whole of one priority, for the line under the table."""
    parts: list[str | tuple[str, str]] = [
        (f"{priority.name}: ", "bold"), priority.criteria or "no criteria yet",
        " · response: ", priority.response or "not said", " · needs: ", _flags(priority)]
    if priority.update_hours:
        parts.append(f" · updates every {priority.update_hours} h")
    if priority.rings:
        parts.append(" · informs rings " + ", ".join(str(n) for n in priority.rings))
    if priority.example:
        parts.append(f" · e.g. {priority.example}")
    return Content.assemble(*parts)


def incident_text(agreement: Agreement) -> Content:
    lines = [Content.assemble(("Severities", "bold"))]
    lines += [Content.assemble("• ", (s.name, "bold"), f": {s.criteria}" if s.criteria else "",
                               " · roles: " + (", ".join(s.roles) or "none"))
              for s in agreement.severities] or [Content("  none yet")]
    lines.append(Content.assemble(("Stakeholder rings", "bold"), " (i edits)"))
    lines += [Content.assemble("• ", (f"ring {g.number}", "bold"), ": ",
                               ", ".join(g.groups) or "nobody named")
              for g in agreement.rings] or [Content("  none yet")]
    lines.append(Content.assemble(("Postmortem when: ", "bold"),
                                  "; ".join(agreement.postmortem) or "no criteria yet",
                                  " (m edits)"))
    lines.append(Content.assemble(("Compensation: ", "bold"),
                                  agreement.compensation or "not written yet", " (c edits)"))
    lines.append(Content.assemble(("Working time: ", "bold"),
                                  agreement.working_time or "not written yet", " (w edits)"))
    return Content("\n").join(lines)


class EscalationTable(KeyedTable):
    HELP_GROUP = "Escalation"
    BINDINGS: ClassVar = [
        Binding("enter", "screen.edit", "Edit level", id="oc-level-edit", show=False,
                tooltip="Edit the selected escalation level (who is paged, after how long)"),
    ]

    def show_agreement(self, agreement: Agreement | None) -> None:
        columns = [("Policy", None), ("#", None), ("Pages", None), ("Then waits", None)]
        self.show(columns, escalation_rows(agreement) if agreement else [])


class PriorityTable(KeyedTable):
    HELP_GROUP = "Incident priorities"
    BINDINGS: ClassVar = [
        Binding("enter", "screen.edit", "Edit priority", id="oc-priority-edit", show=False,
                tooltip="Edit the selected incident priority"),
    ]

    def show_agreement(self, agreement: Agreement | None, *, wide: bool) -> None:
        columns = [("Name", None), ("Criteria", 30 if wide else 20),
                   ("Response", 30 if wide else 16)]
        if wide:
            columns.append(("Needs", None))
        columns += [("Updates", None), ("Rings", None)]
        self.show(columns, priority_rows(agreement, wide=wide) if agreement else [])
