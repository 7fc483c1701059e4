"""The navigation bar at the top of every section screen, built from ``SECTIONS``.

Decisions:
- Every tab shows its key and a title. When the full titles do not fit the width, every
  tab shows its short title (all of them, not just some, so the tabs keep their places when
  the user moves between sections); then the gaps between the tabs shrink to one cell; as a
  last resort only the current section keeps a title and the others show their key.
- The choice is made from the bar's width whenever it changes (``fit``, pure, is tested at
  80 and 160 columns).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.events import Click, Resize
from textual.widgets import Static

from workbench.tui.sections import SECTIONS, Section


@dataclass(frozen=True)
class TabLabel:
    key: str
    title: str
    """Empty: the key alone."""
    tight: bool
    """One cell before the tab and none after it, instead of one on each side."""

    @property
    def width(self) -> int:
        text = cell_len(self.key) + (1 + cell_len(self.title) if self.title else 0)
        return text + (1 if self.tight else 2)


def fit(sections: Sequence[Section], current: str, width: int) -> list[TabLabel]:
    """The labels of the tabs: the roomiest of full titles, short titles, short titles close
    together, and keys only (but the current section's short title) that fits ``width``
    (the last one when nothing fits; 0, not laid out yet: the full titles)."""
    choices = [
        [TabLabel(s.key, s.title, False) for s in sections],
        [TabLabel(s.key, s.short_title, False) for s in sections],
        [TabLabel(s.key, s.short_title, True) for s in sections],
        [TabLabel(s.key, s.short_title if s.id == current else "", True) for s in sections],
    ]
    if width <= 0:
        return choices[0]
    for labels in choices:
        if sum(label.width for label in labels) <= width:
            return labels
    return choices[-1]


class SectionTab(Static):
    """One section in the bar; clicking it opens the section."""

    def __init__(self, section_id: str, label: TabLabel, *, current: bool) -> None:
        super().__init__(id=f"section-{section_id}",
                         classes="section-tab -current" if current else "section-tab")
        self.section_id = section_id
        self.show(label)

    def show(self, label: TabLabel) -> None:
        text = Text.assemble((label.key, "bold"))
        if label.title:
            text.append(f" {label.title}")
        self.update(text)
        # the stylesheet pads a tab one cell each side; a tight bar keeps the left cell only
        self.styles.padding = (0, 0, 0, 1) if label.tight else (0, 1, 0, 1)

    async def on_click(self, event: Click) -> None:
        event.stop()
        await self.run_action(f"app.section('{self.section_id}')")


class SectionBar(Horizontal):
    def __init__(self, current: str) -> None:
        super().__init__(id="section-bar")
        self.current = current

    def compose(self) -> ComposeResult:
        labels = fit(SECTIONS, self.current, self.app.size.width)
        for section, label in zip(SECTIONS, labels, strict=True):
            yield SectionTab(section.id, label, current=section.id == self.current)

    def on_resize(self, event: Resize) -> None:
        labels = fit(SECTIONS, self.current, event.size.width)
        for tab, label in zip(self.query(SectionTab), labels, strict=True):
            tab.show(label)
