"""Key bindings of the screen the user came from, plus the global ones."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Label, Static

from workbench.tui.screens.base import BaseModal


class HelpScreen(BaseModal[None]):
    BINDINGS: ClassVar = [
        Binding("escape,f1,q", "close", "Close", id="close-help"),
    ]

    def __init__(self, rows: Iterable[tuple[str, str]]) -> None:
        super().__init__(classes="dialog-screen")
        self.rows = list(rows)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="help"):
            yield Label("Keys", classes="dialog-title")
            table: DataTable = DataTable(id="help-keys", cursor_type="none", show_header=False)
            yield table
            yield Static("escape closes this help", classes="dialog-hint")

    def on_mount(self) -> None:
        table = self.query_one("#help-keys", DataTable)
        table.add_column("Key", key="key")
        table.add_column("Action", key="action")
        for key, description in self.rows:
            table.add_row(Text(key, style="bold"), Text(description))
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)
