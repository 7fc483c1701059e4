"""One card of the story map board (an activity, a task or a story) and the text it shows.

User text is data: cards are ``Static(markup=False)`` showing ``rich.text.Text``, so a story
titled ``[bold]`` shows as typed.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.events import Click
from textual.message import Message
from textual.widgets import Static

from workbench.domain.slo.records import Story
from workbench.tui.board_geometry import BoardLayout, Cursor


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else many or one + 's'}"


def first_name(persona_name: str) -> str:
    """"Priya, shopper on the move" -> "Priya"."""
    return persona_name.split(",")[0]


def story_card_text(story: Story, slo_count: int, *, condensed: bool = False) -> Text:
    """A critical story starts with a star; the normal view adds a second line with its
    SLOs ("no SLO yet" stands out) and its persona. The band shows the slice."""
    text = Text()
    if story.critical:
        text.append("★ ", style="bold red" if slo_count else "bold yellow")
    text.append(story.title)
    if condensed:
        return text
    meta: list[tuple[str, str]] = []
    if story.critical:
        meta.append((plural(slo_count, "SLO"), "") if slo_count else ("no SLO yet", "yellow"))
    if story.persona_name:
        meta.append((first_name(story.persona_name), "italic"))
    for index, (part, style) in enumerate(meta):
        text.append("\n" if index == 0 else " · ")
        text.append(part, style=style)
    return text


HINTS = {
    "story": "r next slice · shift+arrows move · c critical · s add SLO · F1 all keys",
    "task": "a adds a story · shift+←/→ move · R slices · v condensed · F1 all keys",
    "activity": "t adds a task · A an activity · N/M/D new/rename/delete map · F1 all keys",
}
"""The second line of the details: what can be done with the card at the cursor."""


def card_details(layout: BoardLayout, cursor: Cursor | None, column: int,
                 slo_counts: Mapping[int, int]) -> Text:
    """The lines below the board: the card at the cursor in full, then a hint of keys."""
    found = layout.locate(cursor, column)
    if found is None or cursor is None:
        return Text()
    kind, card_id = cursor
    board_column = layout.columns[found[0]]
    line = Text()
    if kind == "story":
        story = layout.story(card_id)
        if story is None:
            return line
        count = slo_counts.get(story.id, 0)
        band = layout.band_of(story.id)
        line.append("Story ")
        line.append(story.title, "bold")
        if story.critical:
            line.append(" · ")
            line.append("★ critical", "bold red")
            line.append(f" · {plural(count, 'SLO')}" if count else " · no SLO yet")
        if band is not None and band.release_slice is not None:
            line.append(f" · slice {band.title}")
        if story.persona_name:
            line.append(f" · for {story.persona_name}")
        if story.endpoints:
            line.append(" · " + ", ".join(e.label for e in story.endpoints))
    elif kind == "task" and board_column.task is not None:
        line.append("Task ")
        line.append(board_column.task.title, "bold")
        line.append(f" · {plural(len(board_column.task.stories), 'story', 'stories')}")
    else:
        line.append("Activity ")
        line.append(board_column.activity.title, "bold")
        line.append(f" · {plural(len(board_column.activity.tasks), 'task')}")
    line.append("\n" + HINTS.get(kind, HINTS["activity"]))
    return line


class Card(Static):
    """One card on the board; clicking it moves the cursor there. ``span``: how many
    board columns it covers (an activity covers its tasks')."""

    class Clicked(Message):
        def __init__(self, cursor: Cursor) -> None:
            super().__init__()
            self.cursor = cursor

    def __init__(self, content: Text, kind: str, card_id: int, classes: str = "", *,
                 span: int = 1) -> None:
        super().__init__(content, id=f"card-{kind}-{card_id}",
                         classes=f"card -{kind} {classes}".strip(), markup=False)
        self.cursor: Cursor = (kind, card_id)
        self.span = span

    def on_click(self, event: Click) -> None:
        event.stop()
        self.post_message(self.Clicked(self.cursor))
