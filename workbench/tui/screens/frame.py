"""The navigation frame: header, section bar, the section's own body, footer."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header

from workbench.domain.organisation import Workspace
from workbench.tui.screens.base import BaseScreen
from workbench.tui.screens.reloading import ReloadsData
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


class ReloadingSection(ReloadsData, SectionScreen):
    """A section whose data is reloaded from the database after every change (see
    ``ReloadsData``)."""
