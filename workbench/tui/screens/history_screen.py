"""The history of one document (any kind): every revision with its status, author, date and
summary, and what changed between two of them, field by field."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Static

from workbench.domain.lifecycle import FieldChange, HistoryEntry
from workbench.domain.organisation import ArtifactStatus
from workbench.service.documents import DocumentView
from workbench.tui.screens.base import BaseScreen

STATUS_STYLES = {
    ArtifactStatus.DRAFT: "",
    ArtifactStatus.AGREED: "bold green",
    ArtifactStatus.SUPERSEDED: "italic",
}


def shown(value: Any) -> Text:
    """A snapshot value as one line of plain text (never markup)."""
    if value is None:
        return Text("-", style="italic")
    if isinstance(value, list | tuple):
        return Text(", ".join(str(v) for v in value) or "(none)")
    return Text(" ".join(str(value).split()))


class HistoryScreen(BaseScreen):
    """``HistoryScreen(kind, ref)``: ``ref`` as users type it (an SLO's name, a run's id)."""

    BINDINGS: ClassVar = [
        Binding("escape,q", "back", "Back", id="history-back", tooltip="Back"),
        Binding("space", "mark", "Mark", id="history-mark",
                tooltip="Mark a revision to compare the selected one with"),
        Binding("enter,c", "compare", "Changes", id="history-compare",
                tooltip="What changed: marked (or previous) revision -> selected one"),
    ]

    class Loaded(Message):
        def __init__(self, view: DocumentView, entries: list[HistoryEntry]) -> None:
            super().__init__()
            self.view = view
            self.entries = entries

    class Compared(Message):
        def __init__(self, before: int, after: int, changes: list[FieldChange]) -> None:
            super().__init__()
            self.before = before
            self.after = after
            self.changes = changes

    def __init__(self, workspace_id: int, kind: str, ref: str) -> None:
        super().__init__()
        self.workspace_id = workspace_id
        self.kind = kind
        self.ref = ref
        self.view: DocumentView | None = None
        self.entries: list[HistoryEntry] = []
        self.marked: int | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading…", id="history-state", markup=False)
        with Vertical(id="history-pane", classes="pane"):
            yield DataTable(id="history-revisions", cursor_type="row", zebra_stripes=True)
        yield Static("", id="history-details", markup=False)
        with Vertical(id="history-diff-pane", classes="pane"):
            yield DataTable(id="history-diff", cursor_type="row", show_cursor=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "History"
        self.query_one("#history-pane").border_title = "Revisions"
        self.query_one("#history-diff-pane").border_title = "Changes"
        table = self.query_one("#history-revisions", DataTable)
        for label, key in (("No.", "number"), ("", "mark"), ("Status", "status"),
                           ("Author", "author"), ("Saved (UTC)", "date"),
                           ("Summary", "summary")):
            table.add_column(label, key=key)
        diff = self.query_one("#history-diff", DataTable)
        for label, key in (("Field", "path"), ("Before", "before"), ("After", "after")):
            diff.add_column(label, key=key)
        table.focus()
        self.load()

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def load(self) -> None:
        view, entries = self.app.service.documents.history(self.workspace_id, self.kind,
                                                            self.ref)
        self.post_message(self.Loaded(view, entries))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.view, self.entries = message.view, message.entries
        self.sub_title = f"History of {message.view.label}"
        state = Text.assemble((message.view.label, "bold"), " · ",
                              message.view.state.describe())
        signed = message.view.state.signoffs
        if signed:
            state.append(" · signed: " + ", ".join(s.label for s in signed))
        self.query_one("#history-state", Static).update(state)
        self._show_rows()
        table = self.query_one("#history-revisions", DataTable)
        if table.row_count:
            table.move_cursor(row=table.row_count - 1)
        self.query_one("#history-pane").border_title = f"Revisions ({len(self.entries)})"

    def _show_rows(self) -> None:
        table = self.query_one("#history-revisions", DataTable)
        keep = table.cursor_row
        table.clear()
        for entry in self.entries:
            revision = entry.revision
            summary = Text(" ".join(revision.summary.split()))
            if entry.signoffs:
                summary.append(f" · {len(entry.signoffs)} sign-off(s)", style="italic")
            table.add_row(
                Text(str(revision.number), justify="right"),
                Text("●" if revision.number == self.marked else "", style="bold"),
                Text(entry.shown_status.value, style=STATUS_STYLES[entry.shown_status]),
                Text(revision.author),
                Text(revision.created_at.strftime("%Y-%m-%d %H:%M")),
                summary,
                key=str(revision.number),
            )
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1))

    @on(DataTable.RowHighlighted, "#history-revisions")
    def _show_details(self) -> None:
        number = self._selected()
        entry = next((e for e in self.entries if e.revision.number == number), None)
        details = self.query_one("#history-details", Static)
        if entry is None:
            details.update("")
            return
        line = Text.assemble((f"Revision {number}", "bold"), f" · {entry.revision.summary}")
        for signoff in entry.signoffs:
            line.append(f" · signed by {signoff.label} on {signoff.on}")
            if signoff.comment:
                line.append(f" ({signoff.comment})")
        details.update(line)

    def _selected(self) -> int | None:
        table = self.query_one("#history-revisions", DataTable)
        if table.row_count == 0:
            return None
        key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return int(key.value) if key.value else None

    def action_back(self) -> None:
        self.dismiss(None)

    def action_mark(self) -> None:
        number = self._selected()
        if number is None:
            return
        self.marked = None if self.marked == number else number
        self._show_rows()

    def action_compare(self) -> None:
        number = self._selected()
        if number is None:
            return
        other = self.marked if self.marked not in (None, number) else number - 1
        if other < 1:
            self.notify("This is the first revision: mark another one with space.",
                        severity="warning")
            return
        before, after = sorted((other, number))
        self._compare(before, after)

    @on(DataTable.RowSelected, "#history-revisions")
    def _row_chosen(self) -> None:
        self.action_compare()

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _compare(self, before: int, after: int) -> None:
        changes = self.app.service.documents.diff(self.workspace_id, self.kind, self.ref,
                                                  before, after)
        self.post_message(self.Compared(before, after, changes))

    @on(Compared)
    def _compared(self, message: Compared) -> None:
        diff = self.query_one("#history-diff", DataTable)
        diff.clear()
        for change in message.changes:
            diff.add_row(Text(change.path, style="bold"), shown(change.before),
                         shown(change.after))
        if not message.changes:
            diff.add_row(Text("(no field changed)", style="italic"), Text(""), Text(""))
        self.query_one("#history-diff-pane").border_title = (
            f"Changes from revision {message.before} to {message.after} "
            f"({len(message.changes)})")
