"""Ask for one name (new team, renamed team, new workspace) and save it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Input, Label

from workbench.tui.dialogs.form import SavingDialog

T = TypeVar("T")


class NameDialog(SavingDialog[T]):
    """``save(name)`` runs in a thread and returns the saved record, which the dialog
    returns through ``dismiss``; escape returns None."""

    def __init__(self, title: str, save: Callable[[str], T], *, label: str = "Name",
                 value: str = "", placeholder: str = "") -> None:
        super().__init__(title, save)
        self.field_label = label
        self.initial_value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.dialog_title, classes="dialog-title", markup=False)
            yield Label(self.field_label, classes="field-label", markup=False)
            yield Input(self.initial_value, placeholder=self.placeholder, id="name")
            yield self.error_line()
            yield self.save_buttons()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _submit(self) -> None:
        self.submit(self.query_one("#name", Input).value)
