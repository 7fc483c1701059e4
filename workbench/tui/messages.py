"""App-wide messages. Screen-local messages live next to the screen that sends them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

from workbench.domain.organisation import Workspace

if TYPE_CHECKING:
    from workbench.service.teams import TeamsOverview


class WorkspaceReady(Message):
    """A workspace was loaded (by id) and can be opened."""

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace


class TeamsLoaded(Message):
    """Fresh teams and services for the open workspace."""

    def __init__(self, overview: TeamsOverview) -> None:
        super().__init__()
        self.overview = overview
