"""Every key of the screen the user came from, the section keys and the global ones.

Decisions:
- The help fills the whole screen and scrolls: on a projector at 80x24 a boxed dialog
  would cut descriptions; here they wrap instead, and nothing is ever cut at 160x45.
- A plain screen rather than a dialog: Textual stops the app's own keys at a modal screen.
- Each group is one Rich table in a ``Static``: Rich wraps the description column to the
  width it gets, which a ``DataTable`` (one line per row) cannot. The key column has the
  same width in every group, so the groups line up.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from workbench.tui.screens.base import BaseScreen

Rows = list[tuple[str, str]]


def keys_table(rows: Rows, key_width: int) -> Table:
    table = Table(box=None, show_header=False, expand=True, padding=(0, 1, 0, 0))
    table.add_column("Key", no_wrap=True, width=key_width, style="bold")
    table.add_column("Action", ratio=1, overflow="fold")
    for key, description in rows:
        table.add_row(Text(key), Text(description))
    return table


class HelpScreen(BaseScreen):
    """A full screen, not a modal: the app's keys (ctrl+q, f1 to close, ctrl+t) keep working
    and show in its footer."""

    BINDINGS: ClassVar = [
        Binding("escape,q", "close", "Close", id="close-help", tooltip="Close the help"),
    ]
    HELP_TITLE = "Help"

    def __init__(self, groups: Iterable[tuple[str, Rows]], *, title: str = "") -> None:
        super().__init__(id="help-screen")
        self.groups = [(heading, list(rows)) for heading, rows in groups]
        self.screen_name = title

    @property
    def rows(self) -> Rows:
        """Every (keys, description) shown, in order."""
        return [row for _, rows in self.groups for row in rows]

    def compose(self) -> ComposeResult:
        title = f"Keys: {self.screen_name}" if self.screen_name else "Keys"
        yield Static(title, id="help-title", markup=False)
        key_width = max([4, *(cell_len(key) for key, _ in self.rows)])
        with VerticalScroll(id="help-body"):
            for heading, rows in self.groups:
                yield Static(heading, classes="help-heading", markup=False)
                yield Static(keys_table(rows, key_width), classes="help-keys")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
