"""Whom a team works with: rows of another team of the workspace (chosen, not typed), what
the two teams work on together, and how (a meeting, a channel, a ticket queue).

Every interaction the charter has is a row, plus one empty row to add another; a row left
empty is dropped, a row without a team is sent so the service says which is missing. A team
the charter names that the workspace no longer has stays in its list, marked.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rich.text import Text
from textual.containers import Grid
from textual.widgets import Input, Label, Select, Static

from workbench.domain.charter import Charter
from workbench.domain.charter.model import MAX_ITEMS
from workbench.domain.names import lookup_key
from workbench.tui.dialogs.document_form import DocumentPartDialog, Save, row_field


class CharterInteractionsDialog(DocumentPartDialog):
    """``values()``: ``{"interactions": [{"team", "purpose", "how"}, ...]}``."""

    DIALOG_ID = "ch-interactions-dialog"
    FIRST_FIELD = "#interaction-0-team"

    def __init__(self, save: Save, *, charter: Charter, teams: Sequence[str]) -> None:
        super().__init__(f"Interactions of the {charter.team} team", save)
        self.charter = charter
        own = lookup_key(charter.team)
        self.teams = [t for t in teams if lookup_key(t) != own]
        known = {lookup_key(t) for t in teams}
        self.unknown = list(dict.fromkeys(i.team for i in charter.interactions
                                          if lookup_key(i.team) not in known))
        self.rows = min(MAX_ITEMS, max(2, len(charter.interactions) + 1))
        self.sent_rows: list[int] = list(range(self.rows))

    def compose_fields(self) -> Iterable[Any]:
        yield Static("Which team, what the two teams work on together, and how. Clear a row "
                     "to remove it.", classes="dialog-hint", markup=False)
        options = [(Text(t), t) for t in self.teams]
        options += [(Text(f"{t} (not a team here)"), t) for t in self.unknown]
        with Grid(id="ch-interactions", classes="doc-rows"):
            yield Label("Team", classes="doc-column")
            yield Label("Working together on", classes="doc-column")
            yield Label("How", classes="doc-column")
            for row in range(self.rows):
                item = self.charter.interactions[row] \
                    if row < len(self.charter.interactions) else None
                value = Select.NULL
                if item is not None:
                    value = next((t for t in self.teams if lookup_key(t) ==
                                  lookup_key(item.team)), item.team)
                yield Select(options, prompt="(team)", value=value, compact=True,
                             id=f"interaction-{row}-team")
                yield Input(item.purpose if item else "", id=f"interaction-{row}-purpose",
                            compact=True, placeholder="" if item else "e.g. SLO reviews")
                yield Input(item.how if item else "", id=f"interaction-{row}-how",
                            compact=True, placeholder="" if item else "e.g. weekly SLO review")

    def field_for(self, part: str) -> str | None:
        return row_field(part, "interactions", "interaction", self.sent_rows, "team") or \
            super().field_for(part)

    def values(self) -> dict[str, Any]:
        found = []
        self.sent_rows = []
        for row in range(self.rows):
            team = self.query_one(f"#interaction-{row}-team", Select).value
            team = "" if team is Select.NULL else str(team)
            purpose = self.query_one(f"#interaction-{row}-purpose", Input).value.strip()
            how = self.query_one(f"#interaction-{row}-how", Input).value.strip()
            if not (team or purpose or how):
                continue
            item = {"team": team, "purpose": purpose}
            if how:
                item["how"] = how
            found.append(item)
            self.sent_rows.append(row)
        return {"interactions": found}
