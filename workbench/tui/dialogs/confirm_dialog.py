"""Ask before doing something that cannot be undone from the TUI."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Static

from workbench.tui.screens.base import BaseModal


class ConfirmDialog(BaseModal[bool]):
    """Returns True when confirmed; escape, n or Cancel return False. Cancel has focus, so
    a stray enter never removes anything."""

    BINDINGS: ClassVar = [
        Binding("escape,n", "cancel", "Cancel", id="cancel"),
        Binding("y", "confirm", "Confirm", id="confirm"),
    ]

    def __init__(self, title: str, message: str, *, confirm_label: str = "Remove",
                 variant: str = "error") -> None:
        super().__init__(classes="dialog-screen")
        self.dialog_title = title
        self.body_text = message
        self.confirm_label = confirm_label
        self.variant = variant  # "error" (red) for what destroys, "primary" otherwise

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.dialog_title, classes="dialog-title", markup=False)
            yield Static(self.body_text, classes="dialog-message", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button(f"{self.confirm_label} (y)", variant=self.variant, id="confirm")

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    @on(Button.Pressed, "#confirm")
    def action_confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
