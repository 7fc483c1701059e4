"""The story map board: the activities across the top, their tasks under them, and the
stories in one horizontal band per release slice (its name on the band's top edge, at the
left), the stories in no slice in a last band.

The board draws a ``BoardLayout`` (``tui/board_geometry.py``) and marks the card under the
cursor; its keys call the screen's actions. It is rebuilt after each change: a map has
tens of cards, not thousands.

A band's top edge is a ``SliceRule``: a line across the board whose slice name follows the
horizontal scrolling, so the name stays in sight when the board shows its right part.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.containers import Horizontal, ScrollableContainer, Vertical
from textual.content import Content
from textual.css.query import NoMatches
from textual.events import Resize
from textual.widget import Widget
from textual.widgets import Static

from workbench.tui.board_geometry import (
    GAP,
    BoardLayout,
    Cursor,
    board_width,
    column_width,
    span_width,
)
from workbench.tui.widgets.story_card import Card, story_card_text


class SliceRule(Widget):
    """The top edge of a band: ``─ R1 Festival sale launch ─────``, the name kept in view
    (``follow(scroll_x)``)."""

    DEFAULT_CSS = """
    SliceRule {
        height: 1;
    }
    """

    def __init__(self, label: str, *, no_slice: bool = False) -> None:
        super().__init__(classes="slice-rule" + (" -no-slice" if no_slice else ""))
        self.label = label
        self.line = "╌" if no_slice else "─"
        self.left = 0

    def follow(self, scroll_x: int) -> None:
        if scroll_x != self.left:
            self.left = scroll_x
            self.refresh()

    def render(self) -> Content:
        label = f" {self.label} "
        width = self.size.width
        start = max(0, min(self.left, width - cell_len(label) - 2)) + 1
        rest = max(0, width - start - cell_len(label))
        return Content.assemble((self.line * start, "$accent"), (label, "bold $text"),
                                (self.line * rest, "$accent"))


class Board(ScrollableContainer):
    """The scrolling area of the board; its keys drive the screen's cursor and actions."""

    BINDINGS: ClassVar = [
        Binding("a", "screen.add_story", "Story", id="map-add-story",
                tooltip="Add a story under the task at the cursor"),
        Binding("e,enter", "screen.edit_card", "Edit", id="map-edit",
                tooltip="Edit the card at the cursor"),
        Binding("r", "screen.next_slice", "Slice", id="map-next-slice",
                tooltip="Put the story at the cursor in the next release slice "
                        "(R1, R2, ..., none, R1)"),
        Binding("m", "screen.next_map", "Map", id="map-next",
                tooltip="Show the next story map"),
        Binding("p", "screen.toggle_view", "Personas", id="map-personas",
                tooltip="Show the personas (p again returns to the map)"),
        Binding("t", "screen.add_task", "Task", show=False, id="map-add-task",
                tooltip="Add a task to the activity at the cursor"),
        Binding("A", "screen.add_activity", "Activity", show=False, id="map-add-activity",
                tooltip="Add an activity after the one at the cursor"),
        Binding("c", "screen.toggle_critical", "Critical", show=False, id="map-critical",
                tooltip="Mark the story at the cursor critical, or not"),
        Binding("s", "screen.add_slo", "SLO", show=False, id="map-add-slo",
                tooltip="Add an SLO for the story at the cursor (opens the SLOs; 3 returns)"),
        Binding("d,delete", "screen.remove_card", "Remove", show=False, id="map-remove",
                tooltip="Remove the card at the cursor (with what is under it)"),
        Binding("R", "screen.manage_slices", "Slices", show=False, id="map-slices",
                tooltip="Release slices of this map: add, rename, reorder, delete"),
        Binding("v", "screen.toggle_condensed", "Condensed", show=False, id="map-condensed",
                tooltip="Condensed view: narrow columns, one line per card (v again: normal)"),
        Binding("N", "screen.new_map", "New map", show=False, id="map-new",
                tooltip="Create a story map"),
        Binding("M", "screen.rename_map", "Rename map", show=False, id="map-rename",
                tooltip="Rename this story map"),
        Binding("D", "screen.remove_map", "Delete map", show=False, id="map-delete",
                tooltip="Delete this story map with its cards (its SLOs stay, unlinked)"),
        Binding("shift+left,H", "screen.move(-1,0)", "Move left", show=False,
                id="map-move-left",
                tooltip="Move the card left (a story goes to the task on the left)"),
        Binding("shift+right,L", "screen.move(1,0)", "Move right", show=False,
                id="map-move-right",
                tooltip="Move the card right (a story goes to the task on the right)"),
        Binding("shift+up,K", "screen.move(0,-1)", "Move up", show=False, id="map-move-up",
                tooltip="Move the story up (past the top of its band: into the slice above)"),
        Binding("shift+down,J", "screen.move(0,1)", "Move down", show=False,
                id="map-move-down",
                tooltip="Move the story down (past the bottom of its band: into the slice "
                        "below)"),
        Binding("up,k", "screen.cursor(0,-1)", "Up", show=False, id="map-up",
                tooltip="Cursor to the card above"),
        Binding("down,j", "screen.cursor(0,1)", "Down", show=False, id="map-down",
                tooltip="Cursor to the card below"),
        Binding("left,h", "screen.cursor(-1,0)", "Left", show=False, id="map-left",
                tooltip="Cursor to the column on the left"),
        Binding("right,l", "screen.cursor(1,0)", "Right", show=False, id="map-right",
                tooltip="Cursor to the column on the right"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns = 0
        self.condensed = False
        self.width_shown = 0
        """The column width the cards were last given."""

    def column_width(self) -> int:
        """The width columns get now (the condensed view shares the board's width)."""
        available = self.scrollable_content_region.width or self.app.size.width
        return column_width(self.columns, available, condensed=self.condensed)

    async def show_message(self, message: str) -> None:
        await self.remove_children()
        await self.mount(Static(message, id="board-empty", markup=False))

    async def show_layout(self, layout: BoardLayout, slo_counts: Mapping[int, int], *,
                          condensed: bool) -> None:
        """Draw ``layout`` (replacing what was drawn)."""
        await self.remove_children()
        self.set_class(condensed, "-condensed")
        self.columns, self.condensed = len(layout.columns), condensed
        if not layout.columns:
            await self.mount(Static("This map has no activities yet: press A to add one.",
                                    id="board-empty"))
            return
        await self.mount(Vertical(*self._rows(layout, slo_counts, condensed), id="board-grid"))
        self._apply_widths()

    def _apply_widths(self) -> None:
        """Give the cells and the activities (which span theirs) the current width."""
        width = self.column_width()
        self.width_shown = width
        for cell in self.query(".map-cell"):
            cell.styles.width = width
        for card in self.query(".backbone-row > Card").results(Card):
            card.styles.width = span_width(card.span, width)
        for rule in self.query(SliceRule):
            rule.styles.width = board_width(self.columns, width) - GAP
            rule.follow(round(self.scroll_x))

    def watch_scroll_x(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_x(old_value, new_value)
        for rule in self.query(SliceRule):
            rule.follow(round(new_value))

    def on_resize(self, event: Resize) -> None:
        if self.condensed and self.column_width() != self.width_shown:
            self._apply_widths()

    def _rows(self, layout: BoardLayout, slo_counts: Mapping[int, int],
              condensed: bool) -> list[Widget]:
        backbone: list[Widget] = []
        for activity in layout.story_map.activities:
            _first, count = layout.activity_span(activity.id)
            backbone.append(Card(Text(activity.title), "activity", activity.id, span=count))
        tasks: list[Widget] = []
        for column in layout.columns:
            if column.task is None:
                tasks.append(_cell(Static("", classes="no-task")))
            else:
                tasks.append(_cell(Card(Text(column.task.title), "task", column.task.id)))
        rows: list[Widget] = [Horizontal(*backbone, classes="backbone-row"),
                              Horizontal(*tasks, classes="task-row")]
        for band in layout.bands:
            cells = []
            for cell in band.cells:
                cards = [Card(story_card_text(s, slo_counts.get(s.id, 0), condensed=condensed),
                              "story", s.id, "-critical" if s.critical else "")
                         for s in cell]
                cells.append(_cell(*cards))
            parts: list[Widget] = [Horizontal(*cells, classes="band-cells")]
            if layout.has_slices:
                parts.insert(0, SliceRule(band.title, no_slice=band.release_slice is None))
            rows.append(Vertical(*parts, classes="slice-band"))
        return rows

    def mark(self, cursor: Cursor | None) -> None:
        """Highlight the card under the cursor and scroll it into view."""
        for card in self.query(Card):
            card.set_class(card.cursor == cursor, "-cursor")
        if cursor is not None:
            # after a redraw the new cards have no place yet: scroll once they do
            self.call_after_refresh(self._bring_into_view, cursor)

    def _bring_into_view(self, cursor: Cursor) -> None:
        try:
            card = self.query_one(f"#card-{cursor[0]}-{cursor[1]}", Card)
        except NoMatches:
            return
        self.scroll_to_widget(card, animate=False)


def _cell(*children: Widget) -> Vertical:
    return Vertical(*children, classes="map-cell")
