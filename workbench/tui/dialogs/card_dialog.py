"""Add or edit one card of a story map: an activity, a task or a story (with its release
slice, persona and whether it is critical)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.widgets import Button, Checkbox, Input, Label, Select

from workbench.tui.dialogs.form import SavingDialog


@dataclass(frozen=True)
class CardFields:
    title: str
    critical: bool = False
    slice_id: int | None = None
    persona_id: int | None = None


@dataclass(frozen=True)
class CardSaved:
    """The saved card, so the board can put its cursor on it."""

    kind: str
    card_id: int


class CardDialog(SavingDialog[CardSaved]):
    """``save(fields)`` runs in a thread. Stories also show critical, slice and persona."""

    FIRST_FIELD = "#title"

    CSS_PATH = ["../slo.tcss", "../storymap.tcss"]

    def __init__(self, title: str, save: Callable[[CardFields], CardSaved], *, kind: str,
                 value: CardFields | None = None,
                 slices: Sequence[tuple[int, str]] = (),
                 personas: Sequence[tuple[int, str]] = ()) -> None:
        super().__init__(title, save)
        self.kind = kind
        self.value = value or CardFields("")
        self.slices = list(slices)
        self.personas = list(personas)

    def compose(self) -> ComposeResult:
        value = self.value
        slice_ids = {i for i, _ in self.slices}
        persona_ids = {i for i, _ in self.personas}
        with Vertical(classes="dialog persona-dialog", id="card-dialog"):
            yield Label(self.dialog_title, classes="dialog-title", markup=False)
            with Grid(classes="form-grid"):
                yield Label("Title")
                yield Input(value.title, id="title", compact=True,
                            placeholder=f"what the {self.kind} is about")
                if self.kind == "story":
                    yield Label("Release")
                    yield Select([(Text(name), i) for i, name in self.slices],
                                 prompt="(no release slice)", id="slice", compact=True,
                                 value=value.slice_id if value.slice_id in slice_ids
                                 else Select.NULL)
                    yield Label("Persona")
                    yield Select([(Text(name), i) for i, name in self.personas],
                                 prompt="(no persona)", id="persona", compact=True,
                                 value=value.persona_id if value.persona_id in persona_ids
                                 else Select.NULL)
                    yield Label("Critical")
                    yield Checkbox("critical for users: give it an SLO", value.critical,
                                   id="critical", compact=True)
            yield self.error_line()
            yield self.save_buttons(compact=True)

    def _selected(self, widget_id: str) -> int | None:
        if self.kind != "story":
            return None
        value = self.query_one(f"#{widget_id}", Select).value
        return None if value is Select.NULL else int(value)  # type: ignore[call-overload]

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _submit(self) -> None:
        critical = (self.query_one("#critical", Checkbox).value if self.kind == "story"
                    else False)
        self.submit(CardFields(self.query_one("#title", Input).value, critical,
                               self._selected("slice"), self._selected("persona")))
