"""A document shown part by part: one block per part (a heading with its mark and title, then
the whole of the part), the selected one highlighted. The charter and the SRE role screens
use it; the screen gives the blocks and the keys that act on the selected part.

Decisions:
- The column is one focus stop: up and down move the selection from part to part (and scroll
  it into view), page up and page down scroll through a long part. Tab leaves the column, so
  tab goes back and forth between the list and the document instead of through every part.
- The parts are a fixed list (the document's own order), composed once; a reload updates
  their text in place, so the selection and the scroll position stay where they were.
- A part's mark says done (✓), missing before it can be agreed (✗), wrong in this workspace
  (⚠) or optional and empty (○); what is missing or wrong is named on its heading, in the
  service's words. Marks are never only a colour.
- User text is data: every body is built as ``Content`` from plain strings, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

DONE, MISSING, PROBLEM, OPTIONAL = "done", "missing", "problem", "optional"
MARKS = {DONE: ("✓", "bold $text-success"), MISSING: ("✗", "bold $text-error"),
         PROBLEM: ("⚠", "bold $text-warning"), OPTIONAL: ("○", "bold")}
BULLET = "• "


@dataclass(frozen=True)
class PartBlock:
    key: str
    title: str
    body: Content
    state: str = DONE
    messages: tuple[str, ...] = ()
    """What is missing or wrong, in the service's words."""

    def heading(self) -> Content:
        mark, style = MARKS[self.state]
        parts: list[str | tuple[str, str]] = [(mark, style), " ", (self.title, "bold")]
        if self.messages:
            style = "$text-error" if self.state == MISSING else "$text-warning"
            word = "missing: " if self.state == MISSING else ""
            parts.append((" · " + word + "; ".join(self.messages), style))
        return Content.assemble(*parts)


def bullets(items: Sequence[str], *, empty: str = "none yet") -> Content:
    """One ``• item`` line per item (user text as typed), or ``empty``."""
    if not items:
        return Content(empty)
    return Content("\n").join(Content.assemble(BULLET, item) for item in items)


def hanging_lines(content: Content, width: int) -> list[Content]:
    """``content`` wrapped to ``width``; a line that starts with a bullet wraps under its
    text, not under the bullet."""
    if width <= len(BULLET) + 1:
        return content.split("\n", allow_blank=True)
    found: list[Content] = []
    for line in content.split("\n", allow_blank=True):
        if line.plain.startswith(BULLET):
            rest = line[len(BULLET):].wrap(width - len(BULLET))
            found += [Content.assemble(BULLET if i == 0 else " " * len(BULLET), part)
                      for i, part in enumerate(rest)]
        else:
            found += line.wrap(width) or [Content("")]
    return found


def clamp(lines: list[Content], most: int | None, width: int) -> list[Content]:
    """At most ``most`` lines; what does not fit ends the last one with "…"."""
    if most is None or len(lines) <= most:
        return lines
    kept = lines[:most]
    last = kept[-1].rstrip()
    if last.cell_length > width - 1:
        last = last.truncate(width - 1)
    kept[-1] = Content.assemble(last, "…")
    return kept


class HangingText(Widget):
    """Text whose bullet lines keep a hanging indent (Textual's own wrapping would start
    the second line of an item under its bullet), as tall as its text (at most ``lines``
    lines, the last one cut with "…": never a silent cut)."""

    DEFAULT_CSS = """
    HangingText {
        height: auto;
    }
    """

    def __init__(self, content: Content | str = "", *, lines: int | None = None,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.content = Content(content) if isinstance(content, str) else content
        self.lines = lines

    def update(self, content: Content | str) -> None:
        self.content = Content(content) if isinstance(content, str) else content
        self.refresh(layout=True)

    def _lines(self, width: int) -> list[Content]:
        return clamp(hanging_lines(self.content, width), self.lines, width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Content:
        return Content("\n").join(self._lines(self.content_size.width))


class PartView(Vertical):
    """One part: heading, then the body (indented by the stylesheet)."""

    def __init__(self, key: str) -> None:
        super().__init__(id=f"part-{key}", classes="doc-part")
        self.key = key

    def compose(self) -> ComposeResult:
        yield Static("", classes="doc-part-heading", markup=False)
        yield HangingText("", classes="doc-part-body")

    def show(self, block: PartBlock) -> None:
        self.query_one(".doc-part-heading", Static).update(block.heading())
        self.query_one(".doc-part-body", HangingText).update(block.body)

    async def on_click(self, event: Click) -> None:
        event.stop()
        column = next((a for a in self.ancestors if isinstance(a, PartsColumn)), None)
        if column is not None:
            column.select(self.key)
            column.focus()


class PartsColumn(VerticalScroll, can_focus=True):
    """The parts ``keys`` in order; ``show(blocks)`` fills them in."""

    BINDINGS: ClassVar = [
        Binding("up", "previous_part", "Previous part", show=False, id="parts-up",
                tooltip="Select the part above"),
        Binding("down", "next_part", "Next part", show=False, id="parts-down",
                tooltip="Select the part below"),
        Binding("home", "first_part", "First part", show=False, id="parts-home",
                tooltip="Select the first part"),
        Binding("end", "last_part", "Last part", show=False, id="parts-end",
                tooltip="Select the last part"),
    ]

    class Selected(Message):
        """The selection moved to ``key``."""

        def __init__(self, column: PartsColumn, key: str) -> None:
            super().__init__()
            self.column = column
            self.key = key

        @property
        def control(self) -> PartsColumn:
            return self.column

    def __init__(self, keys: Sequence[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.keys = list(keys)
        self.blocks: dict[str, PartBlock] = {}
        self.selected_key: str = self.keys[0]

    def compose(self) -> ComposeResult:
        for key in self.keys:
            yield PartView(key)

    def on_mount(self) -> None:
        self._mark_selected()

    def show(self, blocks: Sequence[PartBlock], select: str | None = None) -> None:
        self.blocks = {b.key: b for b in blocks}
        for view in self.query(PartView):
            block = self.blocks.get(view.key)
            view.display = block is not None
            if block is not None:
                view.show(block)
        if select is not None and select in self.blocks:
            self.select(select)
        elif self.selected_key not in self.blocks and blocks:
            self.select(blocks[0].key)
        else:
            self._mark_selected()

    @property
    def selected_block(self) -> PartBlock | None:
        return self.blocks.get(self.selected_key)

    def select(self, key: str) -> None:
        changed = key != self.selected_key
        self.selected_key = key
        self._mark_selected()
        try:
            view = self.query_one(f"#part-{key}", PartView)
        except NoMatches:
            return
        self.call_after_refresh(self.scroll_to_widget, view, animate=False, top=False)
        if changed:
            self.post_message(self.Selected(self, key))

    def _mark_selected(self) -> None:
        for view in self.query(PartView):
            view.set_class(view.key == self.selected_key, "-selected")

    def _shown_keys(self) -> list[str]:
        return [k for k in self.keys if k in self.blocks] or self.keys

    def _move(self, step: int) -> None:
        keys = self._shown_keys()
        index = keys.index(self.selected_key) if self.selected_key in keys else 0
        self.select(keys[max(0, min(len(keys) - 1, index + step))])

    def action_previous_part(self) -> None:
        self._move(-1)

    def action_next_part(self) -> None:
        self._move(1)

    def action_first_part(self) -> None:
        self.select(self._shown_keys()[0])

    def action_last_part(self) -> None:
        self.select(self._shown_keys()[-1])
