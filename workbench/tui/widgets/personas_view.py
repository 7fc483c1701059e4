"""The personas of a workspace, as a table with one persona per row, and the line that
describes the selected one."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable
from textual.widgets.data_table import RowDoesNotExist

from workbench.domain.slo.records import Persona


class PersonasTable(DataTable):
    BINDINGS: ClassVar = [
        Binding("a", "screen.add_persona", "Add", id="add-persona", tooltip="Add a persona"),
        Binding("e", "screen.edit_persona", "Edit", id="edit-persona",
                tooltip="Edit the selected persona (enter too)"),
        Binding("d,delete", "screen.remove_persona", "Remove", id="remove-persona",
                tooltip="Remove the selected persona"),
        Binding("p", "screen.toggle_view", "Story map", id="personas-map",
                tooltip="Back to the story map, the cursor where it was"),
    ]


def persona_details(persona: Persona | None) -> Text:
    if persona is None:
        return Text("No personas yet: press a to add one.")
    line = Text.assemble((persona.name, "bold"), f" needs {persona.needs.value}")
    for label, value in (("goal", persona.goal), ("where", persona.environment),
                         ("complains about", persona.complaints)):
        if value:
            line.append(f" · {label}: ", "italic")
            line.append(value)
    return line


class PersonasView(Vertical):
    """The personas table in a bordered pane titled with their number."""

    def compose(self) -> ComposeResult:
        yield PersonasTable(id="personas", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.border_title = "Personas"

    @property
    def table(self) -> PersonasTable:
        return self.query_one(PersonasTable)

    def show(self, personas: Sequence[Persona], select: int | None = None) -> None:
        """Fill the table; keeps the selected persona (or selects ``select``)."""
        table = self.table
        keep = select if select is not None else self.selected_id()
        table.clear(columns=True)
        table.add_column("Persona", key="name")
        table.add_column("Needs", key="needs")
        table.add_column("Team", key="team")
        table.add_column("Time available", key="time")
        for persona in personas:
            table.add_row(Text(persona.name), Text(persona.needs.value),
                          Text(persona.team_name or "-"), Text(persona.time_available or "-"),
                          key=str(persona.id))
        self.border_title = f"Personas ({len(personas)})"
        if keep is not None:
            self.select(keep)

    def select(self, persona_id: int) -> bool:
        """Move the cursor to a persona; False if it is not in the table."""
        with contextlib.suppress(RowDoesNotExist):
            self.table.move_cursor(row=self.table.get_row_index(str(persona_id)))
            return True
        return False

    def selected_id(self) -> int | None:
        table = self.table
        if table.row_count == 0:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return int(row_key.value) if row_key.value is not None else None
