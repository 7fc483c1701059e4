"""App-wide messages. Screen-local messages live next to the screen that sends them."""

from __future__ import annotations

from textual.message import Message

from workbench.domain.models import Workspace
from workbench.tui.catalog import Catalog


class WorkspaceReady(Message):
    """A workspace was loaded (by id) and can be opened."""

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace


class CatalogLoaded(Message):
    """Fresh teams and services for the open workspace."""

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self.catalog = catalog
