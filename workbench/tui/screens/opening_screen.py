"""What the app shows for the moment it takes to open the database."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Static


class OpeningScreen(Screen[None]):
    # No Header here: it finishes mounting asynchronously, and this screen is often replaced
    # (or the app quit) before that, which Header does not survive.
    DEFAULT_CSS = """
    OpeningScreen #opening-text { width: auto; color: $text; }
    """

    def __init__(self, db_url: str) -> None:
        super().__init__()
        self.db_url = db_url

    def compose(self) -> ComposeResult:
        with Middle():
            with Center():
                yield Static("SRE Workbench", id="opening-title", markup=False)
            with Center():
                yield Static("Opening the database…", id="opening-text", markup=False)
