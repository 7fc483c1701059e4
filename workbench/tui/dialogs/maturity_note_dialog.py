"""Write the note and evidence for one criterion of a walk. Returns ``(note, evidence)``;
the walk saves them (in order with the levels), so this dialog does no database work."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from workbench.tui.screens.base import BaseModal


class NoteDialog(BaseModal[tuple[str, str]]):
    CSS_PATH = str(Path(__file__).parent.parent / "maturity.tcss")

    BINDINGS: ClassVar = [
        Binding("escape", "cancel", "Cancel", id="cancel"),
        Binding("ctrl+s", "save", "Save", id="note-save"),
    ]

    def __init__(self, criterion: str, note: str = "", evidence: str = "") -> None:
        super().__init__(classes="dialog-screen")
        self.criterion = criterion
        self.note = note
        self.evidence = evidence

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="mat-note"):
            yield Label(f"Note and evidence: {self.criterion}", classes="dialog-title",
                        markup=False)
            yield Label("Note (what you heard and saw)", classes="field-label")
            yield Input(self.note, id="note")
            yield Label("Evidence (a document, dashboard, ticket…)", classes="field-label")
            yield Input(self.evidence, id="evidence")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#note", Input).focus()

    @on(Input.Submitted, "#note")
    def _next_field(self) -> None:
        self.query_one("#evidence", Input).focus()

    @on(Input.Submitted, "#evidence")
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        self.dismiss((self.query_one("#note", Input).value.strip(),
                      self.query_one("#evidence", Input).value.strip()))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
