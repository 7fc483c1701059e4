"""The navigation frame: header, section bar, the section's own body, footer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Footer, Header

from workbench.domain.organisation import Workspace
from workbench.errors import WorkbenchError
from workbench.tui.screens.base import BaseScreen
from workbench.tui.widgets.section_bar import SectionBar


class SectionScreen(BaseScreen):
    """Base of every section screen. Subclasses set ``SECTION_ID`` and ``compose_body``, and
    may override ``reveal`` so the command palette can jump to a record."""

    SECTION_ID: ClassVar[str] = ""

    BINDINGS: ClassVar = [
        Binding("escape", "app.pick_workspace", "Back", id="workspaces",
                tooltip="Back to the workspace list"),
    ]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.pending_reveal: tuple[str, int] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield SectionBar(self.SECTION_ID)
        yield from self.compose_body()
        yield Footer()

    def compose_body(self) -> ComposeResult:  # pragma: no cover - abstract
        raise NotImplementedError

    def on_mount(self) -> None:
        # Textual runs this as well as a subclass's on_mount; don't call it via super()
        self.title = self.workspace.name

    def reveal(self, kind: str, record_id: int) -> None:
        """Show one record (e.g. ``("team", 3)``); the default does nothing."""


class ReloadingSection(SectionScreen):
    """A section whose data is reloaded from the database after every change.

    ``reload(change, select, notice)`` runs ``change`` (if any) and then ``load_data`` in one
    thread worker, so a save and the reload after it cannot race; replies that arrive out of
    order are dropped. A failed change still reloads (the screen shows what is really stored)
    and its error goes to the app. Subclasses implement ``load_data`` (in the worker: no
    widgets) and ``show_data`` (on the UI thread), and may override ``apply_change``.
    """

    class Reloaded(Message):
        def __init__(self, data: Any, seq: int, select: Any, notice: str | None) -> None:
            super().__init__()
            self.data = data
            self.seq = seq
            self.select = select
            self.notice = notice

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace)
        self._seq = 0
        self._shown_seq = -1

    def reload(self, change: Callable[..., object] | None = None, select: Any = None,
               notice: str | None = None) -> None:
        self._seq += 1
        self._reload(change, self._seq, select, notice)

    def apply_change(self, change: Callable[..., object]) -> None:
        change()

    def load_data(self) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    async def show_data(self, data: Any, select: Any) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _reload(self, change: Callable[..., object] | None, seq: int, select: Any,
                notice: str | None) -> None:
        error: WorkbenchError | None = None
        if change is not None:
            try:
                self.apply_change(change)
            except WorkbenchError as exc:
                error, notice = exc, None
        self.post_message(self.Reloaded(self.load_data(), seq, select, notice))
        if error is not None:
            raise error

    @on(Reloaded)
    async def _reloaded(self, message: Reloaded) -> None:
        if message.seq < self._shown_seq:
            return
        self._shown_seq = message.seq
        await self.show_data(message.data, message.select)
        if message.notice:
            self.notify(message.notice, markup=False)
