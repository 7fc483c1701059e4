"""Shared machinery of dialogs that save to the database before closing.

The dialog runs its ``save`` callable in a thread worker. On success it closes with the
saved record; a ``WorkbenchError`` (duplicate or empty name...) is shown inside the dialog
and as an error notification, and the dialog stays open with what was typed. When someone
else saved the record since the dialog opened (``VersionConflict``), nothing was written and
the dialog offers to close and reload the screen behind it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, TypeVar

from textual import on, work
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button, Static
from textual.worker import Worker, WorkerState

from workbench.errors import VersionConflict, WorkbenchError
from workbench.tui.screens.base import BaseModal

T = TypeVar("T")


def reload_current_screen(app) -> None:
    """Ask the screen on top to load its data again (screens that show stored data have a
    ``reload`` method)."""
    reload = getattr(app.screen, "reload", None)
    if callable(reload):
        reload()


class SavingDialog(BaseModal[T]):
    BINDINGS: ClassVar = [Binding("escape", "cancel", "Cancel", id="cancel")]
    # The control that gets focus on opening and after a failed save.
    FIRST_FIELD: ClassVar[str] = "#name"

    class Saved(Message):
        def __init__(self, result: Any) -> None:
            super().__init__()
            self.result = result

    class Failed(Message):
        def __init__(self, error: str, conflict: bool = False) -> None:
            super().__init__()
            self.error = error
            self.conflict = conflict

    def __init__(self, title: str, save: Callable[..., T]) -> None:
        super().__init__(classes="dialog-screen")
        self.dialog_title = title
        self._save_fn = save
        self._saving = False

    def on_mount(self) -> None:
        self.focus_first()

    def save_buttons(self, *, compact: bool = False) -> Horizontal:
        return Horizontal(
            Button("Save", variant="primary", id="save", compact=compact),
            Button("Cancel", id="cancel", compact=compact),
            classes="dialog-buttons",
        )

    def error_line(self) -> Static:
        return Static("", id="dialog-error", classes="dialog-error", markup=False)

    def submit(self, *args: Any) -> None:
        if self._saving:  # a second enter while the first save runs
            return
        self._saving = True
        self.query_one("#dialog-error", Static).update("")
        self.query_one("#dialog-error", Static).remove_class("-shown")
        self.query_one("#save", Button).disabled = True
        self._save(*args)

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _save(self, *args: Any) -> None:
        try:
            result = self._save_fn(*args)
        except VersionConflict as exc:
            self.post_message(self.Failed(str(exc), conflict=True))
            return
        except WorkbenchError as exc:
            self.post_message(self.Failed(str(exc)))
            return
        self.post_message(self.Saved(result))

    @on(Saved)
    def _saved(self, message: Saved) -> None:
        self.dismiss(message.result)

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        error = self.query_one("#dialog-error", Static)
        error.update(message.error)
        error.add_class("-shown")
        self._ready_again()
        self.app.bell()
        self.focus_first()
        if message.conflict:
            self._offer_reload(message.error)

    def _offer_reload(self, error: str) -> None:
        from workbench.tui.dialogs.confirm_dialog import ConfirmDialog

        def chosen(reload: bool | None) -> None:
            if reload:
                self.dismiss(None)
                self.app.call_after_refresh(reload_current_screen, self.app)

        self.app.push_screen(ConfirmDialog(
            "Changed by someone else", f"{error}.\n\nClose this dialog and reload? What you "
            "typed here is not kept (escape goes back to it).", confirm_label="Reload",
            variant="primary"), chosen)

    def _ready_again(self) -> None:
        self._saving = False
        self.query_one("#save", Button).disabled = False

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # Textual also runs BaseModal's handler (it dispatches along the MRO), which
        # forwards unexpected failures to the app; here the dialog just gets ready again.
        if event.state in (WorkerState.ERROR, WorkerState.CANCELLED):
            self._ready_again()  # keep what was typed; the user may try again

    def focus_first(self) -> None:
        self.query_one(self.FIRST_FIELD).focus()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        if self._saving:  # closing now would lose the result of the save in flight
            return
        self.dismiss(None)
