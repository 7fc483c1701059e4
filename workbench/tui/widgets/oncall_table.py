"""The row table every on-call view uses (decisions, schedule, fairness, escalation levels,
priorities): rows named by a key, so a reload keeps the cursor on the same record.

User text is data: cells are Rich ``Text`` built from plain strings, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable

Cell = str | Text
Row = tuple[Any, Sequence[Cell]]


def cell(value: Cell, style: str = "") -> Text:
    return value if isinstance(value, Text) else Text(str(value), style=style)


class KeyedTable(DataTable):
    """``show(columns, rows)``: ``columns`` are (title, width or None), ``rows`` (key,
    cells); the cursor stays on the row with the same key when there still is one."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)
        self.keys: list[Any] = []

    def show(self, columns: Sequence[tuple[str, int | None]], rows: Sequence[Row]) -> None:
        kept = self.selected_key
        self.clear(columns=True)
        # Widths are measured here, not left to the table: a table re-filled while its tab
        # changes size (a resize to 160 columns) measured its headings only.
        for index, (title, width) in enumerate(columns):
            if width is None:
                width = max([cell_len(title)] + [cell_len(cell(c[index]).plain)
                                                 for _, c in rows if index < len(c)])
            self.add_column(Text(title, style="bold"), width=width)
        self.keys = [key for key, _ in rows]
        for index, (_, cells) in enumerate(rows):
            self.add_row(*[cell(c) for c in cells], key=str(index))
        if kept in self.keys:
            self.move_cursor(row=self.keys.index(kept))
        elif self.keys:
            self.move_cursor(row=0)

    @property
    def selected_key(self) -> Any:
        if not self.keys or not 0 <= self.cursor_row < len(self.keys):
            return None
        return self.keys[self.cursor_row]

    def select_key(self, key: Any) -> None:
        if key in self.keys:
            self.move_cursor(row=self.keys.index(key))
