"""What every dialog that edits one part of a charter, an organisation decision or the SRE
role shares: the same behaviour as the policy's part dialogs (ctrl+s saves in a worker, a
refusal stays in the dialog with what was typed and focuses the field it names, a version
conflict offers to reload), with the document-neutral keys and their own stylesheet.

A part dialog returns plain values for the service's ``change`` (``{"mission": "..."}``);
the screen's ``save`` callable sends them with the version of the document as shown.

Also here: ``lines_of`` (one item per line of a text area), used by every list part.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Label, Static, TextArea

from workbench.tui.dialogs.policy_form import PolicyPartDialog, Save

__all__ = ["DocumentPartDialog", "LinesDialog", "Save", "TextDialog", "field_label",
           "lines_of"]


def lines_of(text: str) -> list[str]:
    """The non-blank lines of ``text``, stripped: one item each."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def field_label(text: str, widget_id: str) -> Label:
    """The label left of a field in a dialog's form grid (hidden with its field)."""
    return Label(text, id=f"{widget_id}-label", classes="doc-label", markup=False)


class DocumentPartDialog(PolicyPartDialog):
    """Subclasses give ``compose_fields`` and ``values`` (and ``FIELD_IDS``)."""

    CSS_PATH = "../documents.tcss"
    DIALOG_ID: ClassVar[str] = "doc-dialog"

    BINDINGS: ClassVar = [
        Binding("ctrl+s", "save", "Save", id="doc-dialog-save",
                tooltip="Save this part (the document becomes a draft if it was agreed)"),
        Binding("ctrl+q", "app.quit", "Quit", id="doc-dialog-quit",
                tooltip="Quit SRE Workbench (what is typed here is not saved)"),
        Binding("f1", "app.help", "Help", id="doc-dialog-help",
                tooltip="Show every key of this dialog"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog doc-dialog", id=self.DIALOG_ID):
            yield Label(self.dialog_title, classes="dialog-title", markup=False)
            yield from self.compose_fields()
            yield self.error_line()
            yield self.save_buttons(compact=True)
        yield Footer()


class TextDialog(DocumentPartDialog):
    """One text of several lines (a mission, a reason, a purpose): ``{key: text}``."""

    DIALOG_ID = "doc-text-dialog"
    FIRST_FIELD = "#text"

    def __init__(self, title: str, save: Save, *, key: str, text: str, hint: str,
                 placeholder: str = "") -> None:
        super().__init__(title, save)
        self.key = key
        self.text = text
        self.hint = hint
        self.placeholder = placeholder
        self.FIELD_IDS = {key: "text"}

    def compose_fields(self) -> Iterable[Any]:
        yield Static(self.hint, classes="dialog-hint", markup=False)
        yield TextArea(self.text, id="text", soft_wrap=True, compact=True,
                       placeholder=self.placeholder)

    def on_mount(self) -> None:
        # Textual runs SavingDialog.on_mount (focus) too; the cursor goes to the end, where
        # a text grows
        area = self.query_one("#text", TextArea)
        area.move_cursor(area.document.end)

    def values(self) -> dict[str, Any]:
        return {self.key: self.query_one("#text", TextArea).text}


class LinesDialog(DocumentPartDialog):
    """A list of short items, one per line (responsibilities, skills): ``{key: [items]}``.
    Blank lines are dropped; the order is the order typed."""

    DIALOG_ID = "doc-lines-dialog"
    FIRST_FIELD = "#lines"

    def __init__(self, title: str, save: Save, *, key: str, items: Iterable[str], hint: str,
                 placeholder: str = "") -> None:
        super().__init__(title, save)
        self.key = key
        self.items = list(items)
        self.hint = hint
        self.placeholder = placeholder
        self.FIELD_IDS = {key: "lines"}

    def compose_fields(self) -> Iterable[Any]:
        yield Static(self.hint, classes="dialog-hint", markup=False)
        yield TextArea("\n".join(self.items), id="lines", soft_wrap=True, compact=True,
                       placeholder=self.placeholder)

    def on_mount(self) -> None:
        # Textual runs SavingDialog.on_mount (focus) too; the cursor goes to the end, where
        # the next item is added
        area = self.query_one("#lines", TextArea)
        area.move_cursor(area.document.end)

    def values(self) -> dict[str, Any]:
        return {self.key: lines_of(self.query_one("#lines", TextArea).text)}


def row_field(part: str, items: str, prefix: str, sent_rows: list[int],
              first: str) -> str | None:
    """The widget id a path about one entry of a list names: ``metrics[1].slo`` with
    ``items="metrics"``, ``prefix="metric"`` -> ``metric-R-slo`` where R is the dialog row
    the second entry sent came from (empty rows are not sent); the entry itself
    (``metrics[1]``) -> its ``first`` field. None: the path is not about that list."""
    marker = f"{items}["
    if marker not in part:
        return None
    tail = part.split(marker, 1)[1]
    index_text, _, rest = tail.partition("]")
    if not index_text.isdigit():
        return None
    index = int(index_text)
    row = sent_rows[index] if index < len(sent_rows) else index
    field = rest.lstrip(".").split(".", 1)[0].split("[", 1)[0] or first
    return f"{prefix}-{row}-{field}"
