"""The navigation bar at the top of every section screen, built from ``SECTIONS``."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.events import Click
from textual.widgets import Static

from workbench.tui.sections import SECTIONS


class SectionTab(Static):
    """One section in the bar; clicking it opens the section."""

    def __init__(self, section_id: str, key: str, title: str, *, current: bool) -> None:
        label = Text.assemble((key, "bold"), " ", title)
        super().__init__(label, id=f"section-{section_id}",
                         classes="section-tab -current" if current else "section-tab")
        self.section_id = section_id

    async def on_click(self, event: Click) -> None:
        event.stop()
        await self.run_action(f"app.section('{self.section_id}')")


class SectionBar(Horizontal):
    def __init__(self, current: str) -> None:
        super().__init__(id="section-bar")
        self.current = current

    def compose(self) -> ComposeResult:
        for section in SECTIONS:
            yield SectionTab(section.id, section.key, section.title,
                             current=section.id == self.current)
