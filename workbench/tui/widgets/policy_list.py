"""The workspace's error budget policies, one row each: name, team, where the policy stands
(from its lifecycle state) and whether a freeze is in force.

The freeze column tells two things apart: ``❄ FREEZE`` when the agreed revision in force
stops an activity today (what a deploy pipeline would be refused by), ``❄ if agreed`` when
only the draft being edited would.
"""

from __future__ import annotations

import contextlib
from collections.abc import Collection, Sequence
from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable
from textual.widgets.data_table import RowDoesNotExist

from workbench.domain.organisation import ArtifactStatus

FREEZE_MARK = "❄"


def status_cell(view: Any) -> Text:
    """``agreed``, ``draft``, ``draft · rev 2 in force``, from the lifecycle state."""
    state = view.state
    if state is None:
        return Text("new")
    if state.status is ArtifactStatus.AGREED:
        return Text("agreed", style="bold green")
    if state.in_force is not None:
        return Text(f"draft · rev {state.in_force} in force", style="yellow")
    return Text(state.status.value)


def freeze_cell(view: Any, frozen_by: Collection[str]) -> Text:
    if view.ref in frozen_by:
        return Text(f"{FREEZE_MARK} FREEZE", style="bold red")
    if view.freeze:
        return Text(f"{FREEZE_MARK} if agreed", style="yellow")
    return Text("")


def in_force_freezes(freezes: dict[str, Sequence[str]]) -> set[str]:
    """The names of the policies whose revision in force freezes at least one SLO."""
    return {name for names in freezes.values() for name in names}


class PolicyTable(DataTable):
    HELP_GROUP = "Policies"
    BINDINGS: ClassVar = [
        Binding("e", "screen.focus_parts", "Parts", id="pol-list-parts",
                tooltip="Go to the parts of the selected policy (enter too)"),
        Binding("x,delete", "screen.remove_policy", "Remove", id="pol-remove",
                tooltip="Remove the selected policy (asks first)"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row")
        self.refs: list[str] = []

    def show(self, views: Sequence[Any], freezes: dict[str, Sequence[str]],
             select: str | None = None) -> None:
        keep = select or self.selected_ref()
        self.clear(columns=True)
        self.add_column("Policy", key="name")
        self.add_column("Team", key="team")
        self.add_column("Status", key="status")
        self.add_column("Freeze", key="freeze")
        self.add_column("Conditions", key="conditions")
        frozen_by = in_force_freezes(freezes)
        self.refs = []
        for view in views:
            policy = view.policy
            count = len(policy.conditions)
            self.add_row(Text(policy.name, style="bold"), Text(policy.team or "-"),
                         status_cell(view), freeze_cell(view, frozen_by),
                         Text(f"{count} condition{'s' if count != 1 else ''}"), key=view.ref)
            self.refs.append(view.ref)
        if keep is not None:
            with contextlib.suppress(RowDoesNotExist):
                self.move_cursor(row=self.get_row_index(keep))

    def selected_ref(self) -> str | None:
        if self.row_count == 0:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return row_key.value
