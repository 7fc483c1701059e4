"""What every dialog that edits a part of an error budget policy shares: the keys (ctrl+s
saves, and the two a user must always find, ^q and f1), the layout (title, the part's
fields, the error line, Save and Cancel, the footer) and what happens after a refusal.

A part dialog returns plain values for ``wb.policies.change`` (``{"purpose": "..."}``); the
screen's ``save`` callable sends them with the version of the policy as shown, in the
dialog's worker. The service refuses with every problem as ``part: message; ...``: the
dialog keeps what was typed, shows the text, and marks and focuses the field the first
problem names (``conditions[2].percent`` -> the percent field), so the fix is one key away.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.css.query import NoMatches
from textual.widgets import Button, Footer, Input, Label, Static

from workbench.tui.dialogs.form import SavingDialog

Save = Callable[[dict[str, Any]], Any]
_PART = re.compile(r"([a-z_]+(?:\[\d+\])?(?:\.[a-z_]+(?:\[\d+\])?)*): ")


def parts_named(error: str) -> list[str]:
    """The part paths an error names, in order: ``conditions[0].percent: ...; name: ...``
    -> ``["conditions[0].percent", "name"]``."""
    return [m.group(1) for m in _PART.finditer(error)
            if m.start() == 0 or error[m.start() - 2:m.start()] == "; "]


def last_segment(part: str) -> str:
    """``conditions[2].consequences[0].ends`` -> ``ends``; ``scope.slos[1]`` -> ``slos``."""
    return part.rsplit(".", 1)[-1].split("[", 1)[0]


def comma_list(text: str) -> list[str]:
    """``security fixes, reliability fixes`` -> two items (blanks dropped)."""
    return [item.strip() for item in text.split(",") if item.strip()]


class PolicyPartDialog(SavingDialog[Any]):
    """Subclasses give ``compose_fields`` and ``values`` (and ``FIELD_IDS``, part names to
    widget ids where they differ); ``save(values)`` runs in a worker."""

    CSS_PATH = "../policy.tcss"
    DIALOG_ID: ClassVar[str] = "pol-dialog"
    FIELD_IDS: ClassVar[dict[str, str]] = {}

    BINDINGS: ClassVar = [
        Binding("ctrl+s", "save", "Save", id="pol-dialog-save",
                tooltip="Save this part of the policy"),
        # A modal screen stops the app's keys, so the dialog offers the two a user must
        # always find (its footer shows them, as every screen's does).
        Binding("ctrl+q", "app.quit", "Quit", id="pol-dialog-quit",
                tooltip="Quit SRE Workbench (what is typed here is not saved)"),
        Binding("f1", "app.help", "Help", id="pol-dialog-help",
                tooltip="Show every key of this dialog"),
    ]

    def __init__(self, title: str, save: Save) -> None:
        super().__init__(title, save)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog pol-dialog", id=self.DIALOG_ID):
            yield Label(self.dialog_title, classes="dialog-title", markup=False)
            yield from self.compose_fields()
            yield self.error_line()
            yield self.save_buttons(compact=True)
        yield Footer()

    def compose_fields(self) -> Iterable[Any]:  # pragma: no cover - abstract
        raise NotImplementedError

    def values(self) -> dict[str, Any] | None:  # pragma: no cover - abstract
        """What to save; None when nothing is to be saved (the dialog says why)."""
        raise NotImplementedError

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        for field in self.query(".-invalid"):
            field.remove_class("-invalid")
        values = self.values()
        if values is not None:
            self.submit(values)

    def field_for(self, part: str) -> str | None:
        """The id of the widget a part's path is about (None: not in this dialog)."""
        segment = last_segment(part)
        return self.FIELD_IDS.get(segment, segment)

    def focus_first(self) -> None:
        """On opening: the first field. After a refusal: the field it names first."""
        error = str(self.query_one("#dialog-error", Static).content)
        for part in parts_named(error):
            field = self.field_for(part)
            if not field:
                continue
            with contextlib.suppress(NoMatches):
                widget = self.query_one(f"#{field}")
                if widget.display and widget.focusable:
                    widget.add_class("-invalid")
                    widget.focus()
                    return
        self.query_one(self.FIRST_FIELD).focus()


def field_label(text: str, widget_id: str) -> Label:
    """The label left of a field in a dialog's form grid (hidden with its field)."""
    return Label(text, id=f"{widget_id}-label", classes="pol-label", markup=False)
