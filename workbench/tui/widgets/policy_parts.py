"""The parts of one error budget policy, in the order the book writes them: scope, purpose,
the conditions (each followed by its consequences), escalation, who agreed, next review.

Each row is marked done (✓), missing (✗, from ``view.missing``), with a problem (⚠, from
``view.problems``) or waiting for sign-offs (○), and sums the part up in one line; the
screen's details line gives the whole of it. ``policy_rows`` is pure, so the marks are tested
without a terminal.

Decisions:
- A problem or a missing part is shown on the row it is about, found from the part's path
  (``conditions[2].consequences[0].ends`` is the first consequence of the third condition);
  a path the table has no row for goes to the scope row, so nothing is ever dropped.
- Consequences are rows of their own under their condition, so each is edited, added and
  removed with the same keys as a condition.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable
from textual.widgets.data_table import RowDoesNotExist

from workbench.domain.organisation import ArtifactStatus
from workbench.domain.policy import ENDS_TITLES, Action, Ends, Policy

DONE, MISSING, PROBLEM, WAITING = "done", "missing", "problem", "waiting"
MARKS = {DONE: ("✓", "bold green"), MISSING: ("✗", "bold red"),
         PROBLEM: ("⚠", "bold yellow"), WAITING: ("○", "bold yellow")}
STATE_WORDS = {DONE: "done", MISSING: "missing", PROBLEM: "has a problem",
               WAITING: "waiting for sign-offs"}


@dataclass(frozen=True)
class PartRow:
    key: str
    """Row key: ``scope``, ``purpose``, ``conditions``, ``condition:2``,
    ``consequence:2:0``, ``escalation``, ``agreed``, ``review``."""
    kind: str
    title: str
    summary: str
    state: str = DONE
    messages: tuple[str, ...] = ()
    """What is missing or wrong, in the service's words."""
    condition: int | None = None
    consequence: int | None = None

    @property
    def is_condition(self) -> bool:
        return self.kind == "condition"


_PATH = re.compile(r"^conditions\[(\d+)\](?:\.consequences(?:\[(\d+)\])?)?")


def row_key_for(part: str, policy: Policy) -> str:
    """The row a part's path is about (``conditions[1].window`` -> ``condition:1``)."""
    head = part.split(".", 1)[0].split("[", 1)[0]
    match = _PATH.match(part)
    if match:
        index = int(match.group(1))
        if index >= len(policy.conditions):
            last = len(policy.conditions) - 1
            return f"condition:{last}" if policy.conditions else "conditions"
        if match.group(2) is not None:
            cons = int(match.group(2))
            if cons < len(policy.conditions[index].consequences):
                return f"consequence:{index}:{cons}"
        return f"condition:{index}"
    if head == "conditions":
        return "conditions" if not policy.conditions else "condition:0"
    if head in ("purpose", "escalation", "review"):
        return head
    if head == "parties":
        return "agreed"
    return "scope"  # scope, name, title, team and anything new


def problem_part(problem: Any) -> str:
    """The part a problem names: a ``PolicyError``'s ``part``, or what comes before the
    first ": " of the service's ``"part: message"`` text."""
    part = getattr(problem, "part", None)
    if part is not None:
        return part
    text = str(problem)
    return text.split(": ", 1)[0] if ": " in text else ""


def _consequence_text(cons: Any) -> str:
    text = cons.describe()
    if cons.ends is not Ends.CLEARED or cons.action is Action.STOP:
        text += f", ends {ENDS_TITLES[cons.ends]}"
    return text


def scope_summary(policy: Policy) -> str:
    parts = []
    if policy.team:
        parts.append(f"team {policy.team}")
    if policy.services:
        parts.append("services " + ", ".join(policy.services))
    if policy.slos:
        parts.append("SLOs " + ", ".join(policy.slos))
    elif policy.services:
        parts.append("all their SLOs")
    return " · ".join(parts) if parts else "nothing in scope yet"


def escalation_summary(policy: Policy) -> str:
    parts = [f"tiebreaker: {policy.tiebreaker}" if policy.tiebreaker else "no tiebreaker"]
    count = len(policy.contacts)
    parts.append(f"{count} contact{'s' if count != 1 else ''}" if count else "no contacts")
    return " · ".join(parts)


def agreed_summary(state: Any) -> tuple[str, str]:
    """(summary, state) of who agreed, from the lifecycle state."""
    if state is None:
        return "not saved yet", WAITING
    signed = ", ".join(s.label for s in state.signoffs)
    if state.status is ArtifactStatus.AGREED:
        last = max((s.on for s in state.signoffs), default=None)
        when = f" on {last.isoformat()}" if last else ""
        return f"agreed{when}" + (f" by {signed}" if signed else ""), DONE
    required = len(state.required)
    missing = state.missing
    done = required - len(missing)
    text = f"{done} of {required} signed"
    if missing:
        text += "; waiting for " + ", ".join(p.label for p in missing)
    if state.in_force is not None:
        text += f" · agreed revision {state.in_force} in force"
    return text, WAITING


def review_summary(policy: Policy, today: date | None) -> tuple[str, str | None]:
    """(summary, overdue message or None)."""
    parts = []
    late = None
    if policy.next_review is not None:
        parts.append(f"next {policy.next_review.isoformat()}")
        if today is not None and policy.next_review < today:
            late = f"the review was due on {policy.next_review.isoformat()}"
    if policy.review_after_major_outage:
        parts.append("and after a major outage" if parts else "after a major outage")
    return (" ".join(parts) if parts else "no review planned"), late


def policy_rows(view: Any, today: date | None = None) -> list[PartRow]:
    """Every part of ``view.policy`` as a row, marked from ``view.missing`` and
    ``view.problems`` (and the lifecycle state for who agreed)."""
    policy: Policy = view.policy
    notes: dict[str, list[tuple[str, str]]] = {}
    for missing in view.missing:
        notes.setdefault(row_key_for(missing.part, policy), []).append(
            (MISSING, missing.message))
    for problem in view.problems:
        notes.setdefault(row_key_for(problem_part(problem), policy), []).append(
            (PROBLEM, str(problem)))

    def row(key: str, kind: str, title: str, summary: str, state: str = DONE,
            extra: tuple[str, ...] = (), **where: int) -> PartRow:
        found = notes.get(key, [])
        states = {s for s, _ in found}
        if MISSING in states:
            state = MISSING
        elif PROBLEM in states:
            state = PROBLEM
        return PartRow(key, kind, title, summary, state,
                       tuple(m for _, m in found) + extra, **where)

    rows = [row("scope", "scope", "Scope", scope_summary(policy)),
            row("purpose", "purpose", "Purpose",
                " ".join(policy.purpose.split()) or "not written yet")]
    if not policy.conditions:
        rows.append(row("conditions", "conditions", "Conditions", "none yet"))
    for index, cond in enumerate(policy.conditions):
        rows.append(row(f"condition:{index}", "condition", f"If {cond.key}", cond.describe(),
                        condition=index))
        for number, cons in enumerate(cond.consequences):
            rows.append(row(f"consequence:{index}:{number}", "consequence", "  then",
                            _consequence_text(cons), condition=index, consequence=number))
    rows.append(row("escalation", "escalation", "Escalation", escalation_summary(policy)))
    agreed, agreed_state = agreed_summary(view.state)
    rows.append(row("agreed", "agreed", "Agreed by", agreed, agreed_state))
    review, late = review_summary(policy, today)
    rows.append(row("review", "review", "Next review", review,
                    PROBLEM if late else DONE, extra=(late,) if late else ()))
    return rows


def mark_cell(state: str) -> Text:
    mark, style = MARKS[state]
    return Text(mark, style=style)


class PartsTable(DataTable):
    """The parts of the selected policy; enter edits the selected one."""

    HELP_GROUP = "Parts of the policy"
    BINDINGS: ClassVar = [
        Binding("e", "screen.edit_part", "Edit", id="pol-edit",
                tooltip="Edit the selected part of the policy (enter too)"),
        Binding("a", "screen.add_condition", "Condition", id="pol-add-condition",
                tooltip="Add a condition (a trigger with its figures)"),
        Binding("c", "screen.add_consequence", "Consequence", id="pol-add-consequence",
                show=False, tooltip="Add a consequence to the selected condition"),
        Binding("x,delete", "screen.remove_part", "Remove", id="pol-remove-part",
                show=False,
                tooltip="Remove the selected condition or consequence (asks first)"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", show_header=False)
        self.rows_shown: dict[str, PartRow] = {}
        self._shown: list[PartRow] | None = None

    def show(self, rows: list[PartRow], select: str | None = None) -> None:
        keep = select or self.selected_key()
        self._shown = rows
        self.clear(columns=True)
        self.rows_shown = {r.key: r for r in rows}
        title_width = max((cell_len(r.title) for r in rows), default=8)
        # the summary takes what is left of the width (a row is one line; details below)
        # three columns with a cell of padding each side, and the scrollbar when it shows
        scrollbar = 2 if len(rows) > self.size.height else 0
        room = self.size.width - title_width - 1 - 6 - scrollbar
        summary_width = max(12, room) if self.size.width else None
        self.add_column("", key="mark", width=1)
        self.add_column("Part", key="part", width=title_width)
        self.add_column("Summary", key="summary", width=summary_width)
        for part in rows:
            summary = Text(part.summary, no_wrap=True)
            if summary_width is not None:
                summary.truncate(summary_width, overflow="ellipsis")
            style = "bold" if part.kind != "consequence" else ""
            self.add_row(mark_cell(part.state), Text(part.title, style=style), summary,
                         key=part.key)
        if keep is not None:
            with contextlib.suppress(RowDoesNotExist):
                self.move_cursor(row=self.get_row_index(keep))

    def on_resize(self) -> None:
        if self._shown is not None:
            self.show(self._shown)

    def selected_key(self) -> str | None:
        if self.row_count == 0:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return row_key.value

    @property
    def selected_row(self) -> PartRow | None:
        key = self.selected_key()
        return self.rows_shown.get(key) if key is not None else None
