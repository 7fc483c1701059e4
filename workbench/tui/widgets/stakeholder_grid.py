"""The stakeholder grid: the four quadrants as the chart is drawn (high formal power on top,
high interest on the right), each with its people, one per line, and one selected person.

Decisions:
- Within a quadrant people are listed by name, so a person who moves (a flip of power or
  interest) lands where the eye expects them, and stays selected.
- The selection can rest on an empty quadrant (nobody there yet): adding from there puts
  the new person in that quadrant.
- Arrow keys move within a quadrant and, at its edge, into the neighbour quadrant at the
  nearest position: up from the top of a lower quadrant lands on the last person of the
  one above, left and right keep the row.
- A quadrant with more people than lines shows a window around the selection and says how
  many are above ("↑ 2 more") and below ("+3 more"); names that do not fit end in "…".
- Columns appear as the width allows: the name always; the stance, then the role, when
  there is room for them (at 160 columns both fit). Where every quadrant has room for two
  lines per person (a large terminal), a second line gives the funnel stage, an overdue
  contact and the next action: the grid becomes the coach's plan of whom to talk to next.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.events import Click
from textual.message import Message
from textual.widget import Widget

from workbench.display_width import display_width, truncate
from workbench.domain.stakeholders import (
    GRID,
    EngagementPlan,
    Level,
    Quadrant,
    Stakeholder,
    Stance,
    default_plan,
)

Position = tuple[Quadrant, int | None]
"""A quadrant and the index of the selected person in it (None: the quadrant is empty)."""

STANCE_STYLE = {Stance.SUPPORTER: "bold $text-success", Stance.NEUTRAL: "$text",
                Stance.DETRACTOR: "bold $text-error"}
STANCE_WIDTH = max(len(s.value) for s in Stance)
MIN_NAME = 12
MAX_NAME = 26
MIN_ROLE = 12
MARKER = "▸ "
GAP = 2
INDENT = 4
TWO_LINES_WIDTH = 44
"""Narrower quadrants show one line per person."""


# --- geometry (pure) ------------------------------------------------------------------------


def _place(quadrant: Quadrant) -> tuple[int, int]:
    for row, quadrants in enumerate(GRID):
        if quadrant in quadrants:
            return row, quadrants.index(quadrant)
    raise AssertionError(quadrant)


def step(sizes: Mapping[Quadrant, int], at: Position, dx: int, dy: int) -> Position:
    """Where the selection goes from ``at`` for an arrow key (``dx``, ``dy`` in -1, 0, 1)."""
    quadrant, index = at
    row, col = _place(quadrant)
    size = sizes.get(quadrant, 0)
    if dy:
        if index is not None and 0 <= index + dy < size:
            return quadrant, index + dy
        if 0 <= row + dy < len(GRID):
            target = GRID[row + dy][col]
            count = sizes.get(target, 0)
            if not count:
                return target, None
            return target, count - 1 if dy < 0 else 0
        return at
    if dx and 0 <= col + dx < len(GRID[row]):
        target = GRID[row][col + dx]
        count = sizes.get(target, 0)
        if not count:
            return target, None
        return target, min(index or 0, count - 1)
    return at


def visible_window(count: int, rows: int, selected: int | None,
                   start: int = 0) -> tuple[int, int]:
    """``(first, stop)``: the people shown in ``rows`` lines when ``count`` do not all fit.
    A line at the top says how many are above (when ``first > 0``), one at the bottom how
    many are below; the selected one is always shown. ``start`` is the previous first
    line, kept while the selection is in view so the list does not jump."""
    if count <= rows:
        return 0, count
    if rows <= 2:  # room for the selected person only
        only = min(max(selected or 0, 0), count - 1)
        return only, only + 1
    wanted = min(max(selected if selected is not None else start, 0), count - 1)
    first = max(0, min(start, count - 1))
    for _ in range(count + 1):
        if wanted < first:
            first = wanted
        top = 1 if first > 0 else 0
        room = rows - top
        stop = first + room
        if stop < count:
            stop -= 1  # the "+N more" line
        if wanted >= stop:
            first += wanted - stop + 1
            continue
        return first, min(stop, count)
    return wanted, wanted + 1  # pragma: no cover - the loop always settles


@dataclass(frozen=True)
class Columns:
    name: int
    stance: int = 0
    role: int = 0


def columns_for(width: int, people: Iterable[Stakeholder]) -> Columns:
    """The columns one line of ``width`` cells shows (after the selection marker): the
    stance once a name of ``MIN_NAME`` fits beside it, the role once it gets ``MIN_ROLE``;
    the name takes what is left, up to ``MAX_NAME`` when there are more columns."""
    people = list(people)
    room = width - display_width(MARKER)
    longest = max([MIN_NAME, *(display_width(p.name) for p in people)])
    if room < MIN_NAME + GAP + STANCE_WIDTH:
        return Columns(max(1, room))
    name = min(longest, MAX_NAME, room - GAP - STANCE_WIDTH)
    role_room = room - name - GAP - STANCE_WIDTH - GAP
    if role_room >= MIN_ROLE and any(p.role for p in people):
        return Columns(name, STANCE_WIDTH, role_room)
    return Columns(min(longest, room - GAP - STANCE_WIDTH), STANCE_WIDTH)


def _cell(text: str, width: int, style: str = "") -> Content:
    """``text`` in a column of ``width`` terminal columns: cut with "…" and padded by
    display width (a Hindi name's vowel signs take a column each, as terminals draw them)."""
    shown = truncate(" ".join(text.split()), width)
    content = Content(shown).stylize(style) if style else Content(shown)
    return Content.assemble(content, " " * (width - display_width(shown)))


def person_line(person: Stakeholder, columns: Columns, *, selected: bool) -> Content:
    parts = [Content(MARKER if selected else " " * display_width(MARKER)),
             _cell(person.name, columns.name, "bold" if selected else "")]
    if columns.stance:
        stance = person.stance
        parts += [Content(" " * GAP),
                  _cell(stance.value if stance else "", columns.stance,
                        STANCE_STYLE[stance] if stance else "")]
    if columns.role:
        parts += [Content(" " * GAP), _cell(person.role, columns.role)]
    return Content.assemble(*parts)


def second_line(person: Stakeholder, width: int, *, late: bool) -> Content:
    """``    understanding · contact overdue · next: call her by 2026-12-01``."""
    parts: list[Content] = [Content(" " * INDENT),
                            Content(person.stage.value if person.stage else "no stage yet")]
    if late:
        parts += [Content(" · "), Content("contact overdue").stylize("bold $text-warning")]
    if person.next_action:
        due = f" by {person.next_action_due.isoformat()}" if person.next_action_due else ""
        parts += [Content(" · "), Content(f"next: {' '.join(person.next_action.split())}{due}")]
    line = Content.assemble(*parts)
    return line.truncate(width, ellipsis=True) if line.cell_length > width else line


def axes_text(quadrant: Quadrant) -> str:
    """``high power · low interest``: what puts people in the quadrant."""
    def word(level: Level) -> str:
        return "high" if level is Level.HIGH else "low"

    return f"{word(quadrant.power)} power · {word(quadrant.interest)} interest"


def quadrant_title(quadrant: Quadrant, count: int, plan: EngagementPlan) -> str:
    """``Engage fully (3) · weekly``: the count, and how often the plan says to meet."""
    return f"{quadrant.title} ({count}) · {plan.for_quadrant(quadrant).rhythm}"


def by_quadrant(people: Iterable[Stakeholder]) -> dict[Quadrant, tuple[Stakeholder, ...]]:
    """People per quadrant, by name within each."""
    ordered = sorted(people, key=lambda p: p.key)
    return {q: tuple(p for p in ordered if p.quadrant is q) for q in Quadrant}


# --- widgets --------------------------------------------------------------------------------


class QuadrantBox(Widget):
    """One quadrant: its title and count on the border, its people inside."""

    def __init__(self, quadrant: Quadrant) -> None:
        super().__init__(id=f"quadrant-{quadrant.value}", classes="quadrant")
        self.quadrant = quadrant
        self.people: tuple[Stakeholder, ...] = ()
        self.columns = Columns(MIN_NAME)
        self.selected: int | None = None
        self.active = False
        self.first = 0
        self.two_lines = False
        self.late: frozenset[str] = frozenset()
        self._shown: list[int | None] = []  # person index per drawn line (None: a note)
        self.border_title = quadrant.title
        self.border_subtitle = axes_text(quadrant)

    def show(self, people: Sequence[Stakeholder], plan: EngagementPlan,
             late: frozenset[str]) -> None:
        self.people = tuple(people)
        self.late = late
        self.border_title = quadrant_title(self.quadrant, len(self.people), plan)
        self.refresh()

    def select(self, index: int | None, active: bool) -> None:
        self.selected = index if active else None
        self.active = active
        self.set_class(active, "-active")
        self.refresh()

    def render(self) -> Content:
        rows = self.content_size.height
        width = self.content_size.width
        if not self.people:
            self._shown = [None]
            note = Content("nobody here yet").stylize("italic")
            marker = MARKER if self.active else " " * display_width(MARKER)
            return Content.assemble(marker, note).stylize("bold" if self.active else "")
        per_person = 2 if self.two_lines else 1
        first, stop = visible_window(len(self.people), max(rows // per_person, 1),
                                     self.selected, self.first)
        self.first = first
        lines: list[Content] = []
        self._shown = []
        if first > 0:
            lines.append(Content(f"  ↑ {first} more").stylize("italic"))
            self._shown.append(None)
        focused = self.parent is not None and self.parent.has_focus
        for index in range(first, stop):
            selected = index == self.selected
            person = self.people[index]
            entry = [person_line(person, self.columns, selected=selected)]
            if self.two_lines:
                entry.append(second_line(person, width, late=person.uid in self.late))
            for line in entry:
                if selected:
                    style = ("$block-cursor-foreground on $block-cursor-background"
                             if focused else "underline")
                    line = line.pad_right(max(0, width - display_width(line.plain)))
                    line = line.stylize(style)
                lines.append(line)
                self._shown.append(index)
        below = len(self.people) - stop
        if below > 0:
            lines.append(Content(f"  +{below} more").stylize("italic"))
            self._shown.append(None)
        return Content("\n").join(lines)

    def on_click(self, event: Click) -> None:
        line = event.y - self.styles.gutter.top if event.widget is self else event.y
        index = self._shown[line] if 0 <= line < len(self._shown) else None
        if self.parent is not None and isinstance(self.parent, StakeholderGrid):
            self.parent.focus()
            self.parent.select_position(
                (self.quadrant, index if index is not None else self.selected
                 if self.people else None))


class StakeholderGrid(Widget, can_focus=True):
    """The 2x2 grid. ``show(people, plan, select=uid)`` draws it; the arrow keys move the
    selection; the other keys call the screen's actions. Posts ``Moved`` when the selection
    changes."""

    BINDINGS: ClassVar = [
        # shown in the footer by the screen's own "a" while nobody is selected
        Binding("a", "screen.add_person", "Add", id="sh-add", show=False,
                tooltip="Add a stakeholder (in the selected quadrant)"),
        Binding("e", "screen.edit", "Edit", id="sh-edit",
                tooltip="Edit every field of the selected stakeholder (enter too)"),
        Binding("enter", "screen.edit", "Edit", id="sh-edit-enter", show=False,
                tooltip="Edit every field of the selected stakeholder (enter too)"),
        Binding("p", "screen.flip('power')", "Power", id="sh-flip-power",
                group=Binding.Group("Flip"),
                tooltip="Flip formal power high/low: the person moves up or down"),
        Binding("i", "screen.flip('interest')", "Interest", id="sh-flip-interest",
                group=Binding.Group("Flip"),
                tooltip="Flip interest high/low: the person moves left or right"),
        Binding("c", "screen.contacted", "Contact", id="sh-contacted",
                tooltip="Record a contact with the selected stakeholder today"),
        Binding("x,delete", "screen.remove", "Remove", id="sh-remove", show=False,
                tooltip="Remove the selected stakeholder from the chart (asks first)"),
        Binding("up", "move(0,-1)", "Up", id="sh-up", show=False,
                tooltip="Select the person above (past the top: the quadrant above)"),
        Binding("down", "move(0,1)", "Down", id="sh-down", show=False,
                tooltip="Select the person below (past the bottom: the quadrant below)"),
        Binding("left", "move(-1,0)", "Left", id="sh-left", show=False,
                tooltip="Select in the quadrant on the left (less interest)"),
        Binding("right", "move(1,0)", "Right", id="sh-right", show=False,
                tooltip="Select in the quadrant on the right (more interest)"),
    ]

    class Moved(Message):
        """The selection changed (``person`` None: an empty quadrant is selected)."""

        def __init__(self, quadrant: Quadrant, person: Stakeholder | None) -> None:
            super().__init__()
            self.quadrant = quadrant
            self.person = person

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.quadrants: dict[Quadrant, tuple[Stakeholder, ...]] = {q: () for q in Quadrant}
        self.plan = default_plan()
        self.position: Position = (GRID[0][1], None)

    def compose(self) -> ComposeResult:
        for row in GRID:
            for quadrant in row:
                yield QuadrantBox(quadrant)

    def box(self, quadrant: Quadrant) -> QuadrantBox:
        return self.query_one(f"#quadrant-{quadrant.value}", QuadrantBox)

    # --- data -----------------------------------------------------------------------------

    def show(self, people: Iterable[Stakeholder], plan: EngagementPlan | None = None, *,
             late: Iterable[str] = (), select: str | None = None,
             quadrant: Quadrant | None = None) -> None:
        """Draw ``people`` (``late``: uids of those overdue for contact); select the person
        with uid ``select`` if given and present, else the first person of ``quadrant`` (or
        keep the current quadrant and row)."""
        people = list(people)
        self.quadrants = by_quadrant(people)
        self.plan = plan or default_plan()
        overdue = frozenset(late)
        for q, members in self.quadrants.items():
            self.box(q).show(members, self.plan, overdue)
        self._layout_columns()
        found = self._find(select) if select else None
        if found is not None:
            position: Position = found
        else:
            where = quadrant or self.position[0]
            count = len(self.quadrants[where])
            index = self.position[1] if quadrant is None else 0
            position = (where, min(index or 0, count - 1) if count else None)
        self.select_position(position, force=True)

    def _find(self, uid: str) -> Position | None:
        for q, members in self.quadrants.items():
            for index, person in enumerate(members):
                if person.uid == uid:
                    return q, index
        return None

    def _layout_columns(self) -> None:
        everyone = [p for members in self.quadrants.values() for p in members]
        sizes = [self.box(q).content_size for q in Quadrant]
        width = min(size.width for size in sizes)
        columns = columns_for(width, everyone) if width else Columns(MIN_NAME)
        most = max(len(members) for members in self.quadrants.values())
        two_lines = width >= TWO_LINES_WIDTH and all(
            size.height >= 2 * max(most, 1) for size in sizes)
        for q in Quadrant:
            box = self.box(q)
            box.columns, box.two_lines = columns, two_lines
            box.refresh()

    def on_resize(self) -> None:
        self.call_after_refresh(self._layout_columns)

    # --- selection ------------------------------------------------------------------------

    @property
    def selected_person(self) -> Stakeholder | None:
        quadrant, index = self.position
        members = self.quadrants.get(quadrant, ())
        return members[index] if index is not None and index < len(members) else None

    @property
    def selected_quadrant(self) -> Quadrant:
        return self.position[0]

    def select_position(self, position: Position, *, force: bool = False) -> None:
        if position == self.position and not force:
            return
        self.position = position
        for q in Quadrant:
            self.box(q).select(position[1] if q is position[0] else None, q is position[0])
        self.post_message(self.Moved(position[0], self.selected_person))

    def action_move(self, dx: int, dy: int) -> None:
        sizes = {q: len(members) for q, members in self.quadrants.items()}
        self.select_position(step(sizes, self.position, dx, dy))

    def on_focus(self) -> None:
        self._refresh_boxes()

    def on_blur(self) -> None:
        self._refresh_boxes()

    def _refresh_boxes(self) -> None:
        for box in self.query(QuadrantBox):
            box.refresh()
