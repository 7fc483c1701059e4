"""Collect sign-offs for a document (any kind): one line per party that has not signed the
current version yet, the date, an optional comment, and who must agree at all.

The dialog returns the ``SignResult``; the document is agreed only when every required party
has signed, so leaving some names empty records a partial sign-off."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from workbench.domain.formats import parse_iso_date
from workbench.domain.lifecycle import (
    LifecycleError,
    Party,
    SignOff,
    SignResult,
    make_signoff,
    missing_parties,
    parse_party,
)
from workbench.errors import UsageError
from workbench.service.documents import DocumentView
from workbench.tui.dialogs.form import SavingDialog

Save = Callable[[list[SignOff], list[Party] | None], SignResult]


def parties_text(parties: Sequence[Party]) -> str:
    return ", ".join(f"{p.name}:{p.role}" if p.name else p.role for p in parties)


def parse_parties(text: str) -> list[Party]:
    """``operations, development, Asha:product owner`` -> parties (raises UsageError)."""
    try:
        parties = [parse_party(part) for part in text.split(",") if part.strip()]
    except LifecycleError as exc:
        raise UsageError(f"who must agree: {exc}") from None
    if not parties:
        raise UsageError("name at least one party who must agree, e.g. operations")
    return parties


class AgreeDialog(SavingDialog[SignResult]):
    FIRST_FIELD = "#signer-0"
    BINDINGS: ClassVar = [Binding("ctrl+s", "sign", "Sign", id="agree-sign")]

    def __init__(self, view: DocumentView, save: Save, *, today: date) -> None:
        super().__init__(f"Agree to {view.label}", save)
        self.view = view
        self.today = today
        self.parties = list(view.state.required)
        self.row_parties: list[Party] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="agree"):
            yield Label(self.dialog_title, classes="dialog-title", markup=False)
            with VerticalScroll(id="agree-body"):
                yield Static(self._status(), id="agree-status", markup=False)
                yield Label("Who must agree (roles, or NAME:ROLE, separated by commas)",
                            classes="field-label")
                yield Input(parties_text(self.parties), id="agree-parties", compact=True)
                yield Label("Who signs now (leave a name empty if that party has not "
                            "agreed yet)", classes="field-label")
                yield Grid(id="agree-signers")
                with Grid(id="agree-extra"):
                    yield Label("Date", classes="agree-role")
                    yield Input(self.today.isoformat(), id="agree-date", compact=True)
                    yield Label("Comment", classes="agree-role")
                    yield Input(placeholder="optional", id="agree-comment", compact=True)
            yield self.error_line()
            yield self.save_buttons(compact=True)

    async def on_mount(self) -> None:
        self.query_one("#save", Button).label = "Sign"
        await self._rebuild_rows()
        self.focus_first()

    def _status(self) -> Text:
        state = self.view.state
        text = Text(state.describe().capitalize())
        if state.signoffs:
            text.append("\nAlready signed: ", style="bold")
            text.append(", ".join(f"{s.label} on {s.on}" for s in state.signoffs))
        return text

    async def _rebuild_rows(self) -> None:
        grid = self.query_one("#agree-signers", Grid)
        typed = {self._row_key(p): value for p, value in zip(
            self.row_parties, self._names(), strict=False)}
        await grid.remove_children()
        self.row_parties = list(missing_parties(self.parties, self.view.state.signoffs))
        widgets = []
        for index, party in enumerate(self.row_parties):
            widgets.append(Label(party.role, classes="agree-role", markup=False))
            value = typed.get(self._row_key(party), party.name or "")
            widgets.append(Input(value, placeholder="name", id=f"signer-{index}",
                                 compact=True))
        if not widgets:
            widgets.append(Static("Every party has signed this version.", markup=False))
        await grid.mount_all(widgets)

    @staticmethod
    def _row_key(party: Party) -> tuple[str, str]:
        return (party.role.casefold(), (party.name or "").casefold())

    def _names(self) -> list[str]:
        return [field.value for field in self.query("#agree-signers Input").results(Input)]

    def focus_first(self) -> None:
        fields = list(self.query("#agree-signers Input").results(Input))
        (fields[0] if fields else self.query_one("#agree-parties", Input)).focus()

    @on(Input.Changed, "#agree-parties")
    async def _parties_changed(self, event: Input.Changed) -> None:
        try:
            parties = parse_parties(event.value)
        except UsageError:
            return  # keep the rows until the list is valid again; saving says what is wrong
        if parties != self.parties:
            self.parties = parties
            await self._rebuild_rows()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_sign(self) -> None:
        try:
            signoffs, parties = self._collect()
        except UsageError as exc:
            self.post_message(self.Failed(str(exc)))
            return
        self.submit(signoffs, parties)

    def _collect(self) -> tuple[list[SignOff], list[Party] | None]:
        parties = parse_parties(self.query_one("#agree-parties", Input).value)
        try:
            day = parse_iso_date(self.query_one("#agree-date", Input).value)
        except ValueError as exc:
            raise UsageError(f"date: {exc}") from None
        comment = self.query_one("#agree-comment", Input).value
        signoffs = []
        for party, name in zip(self.row_parties, self._names(), strict=True):
            if name.strip():
                try:
                    signoffs.append(make_signoff(name, party.role, day, comment))
                except LifecycleError as exc:
                    raise UsageError(f"{party.role}: {exc}") from None
        changed = parties != list(self.view.state.required)
        if not signoffs and not changed:
            raise UsageError("type the name of at least one person who agrees")
        return signoffs, parties if changed else None
