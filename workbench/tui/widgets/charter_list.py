"""Every team of the workspace, one row each: the team, where its charter stands (agreed,
draft, or none yet) and whether its review is due.

Decisions:
- Teams without a charter are listed with the others (by name), so starting one is "select
  the team, press n", and the list always shows the whole workspace.
- ``draft`` stays one word even when an agreed revision is in force (the document's own
  line says which); the list is narrow at 80 columns.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable
from textual.widgets.data_table import RowDoesNotExist

from workbench.domain.names import lookup_key
from workbench.domain.organisation import ArtifactStatus

NONE = "none"


def status_word(view: Any | None) -> str:
    """``agreed``, ``draft`` or ``none`` (no charter yet)."""
    if view is None:
        return NONE
    return "agreed" if view.state.status is ArtifactStatus.AGREED else view.state.status.value


def team_rows(charters: Sequence[Any], without: Sequence[str]) -> list[tuple[str, Any | None]]:
    """(team, its charter view or None) for every team, by name."""
    rows: list[tuple[str, Any | None]] = [(v.team, v) for v in charters]
    rows += [(team, None) for team in without]
    return sorted(rows, key=lambda row: lookup_key(row[0]))


def review_cell(view: Any | None, *, wide: bool) -> Text:
    """``due`` (bold) when the review date has come; ``wide``: the date, and ``due``."""
    due = view is not None and view.review_due
    text = Text()
    if wide and view is not None and view.charter.next_review is not None:
        text.append(view.charter.next_review.isoformat() + (" " if due else ""))
    if due:
        text.append("due", style="bold red")
    return text


class CharterTable(DataTable):
    HELP_GROUP = "Teams"
    BINDINGS: ClassVar = [
        Binding("n", "screen.new_charter", "New", id="ch-new",
                tooltip="Start a charter for the selected team (one without a charter)"),
        Binding("e", "screen.focus_parts", "Parts", id="ch-list-parts",
                tooltip="Go to the parts of the selected charter (enter too)"),
        Binding("x,delete", "screen.remove_charter", "Remove", id="ch-remove", show=False,
                tooltip="Remove the selected team's charter with its history (asks first)"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row")
        self.teams: list[str] = []

    def show(self, charters: Sequence[Any], without: Sequence[str],
             select: str | None = None, *, wide: bool = False) -> None:
        """``wide``: the review column gives the next review date too."""
        keep = select or self.selected_team()
        rows = team_rows(charters, without)
        self.clear(columns=True)
        # widths given, not measured: a measured width is only known once the table has
        # been idle, and a first frame drawn before that cuts the names
        self.add_column("Team", key="team",
                        width=max([4, *(cell_len(team) for team, _ in rows)]))
        self.add_column("Charter", key="status", width=7)
        self.add_column("Next review" if wide else "Review", key="review",
                        width=14 if wide else 6)
        self.teams = []
        for team, view in rows:
            word = status_word(view)
            style = {"agreed": "bold green", NONE: "italic"}.get(word, "")
            self.add_row(Text(team, style="bold"), Text(word, style=style),
                         review_cell(view, wide=wide), key=team)
            self.teams.append(team)
        if keep is not None:
            with contextlib.suppress(RowDoesNotExist):
                self.move_cursor(row=self.get_row_index(keep))

    def selected_team(self) -> str | None:
        if self.row_count == 0:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return row_key.value
