"""Where everything sits on the story map board, without drawing anything.

The board is a grid. Its columns are the tasks of the activities, left to right (an
activity without tasks is one empty column); an activity's card spans the columns of its
tasks. Its rows are: row 0 the activities, row 1 the tasks, then one horizontal band per
release slice in the map's order, and a last band for the stories in no slice. A band is
as many rows high as its fullest cell; a story sits in its slice's band under its task.
(A map without slices has one band, the stories of each task in their order.)

Everything here is a pure function of a ``StoryMap`` (and which slice each story is in),
so the cursor keys and card moves are unit-tested without Textual (no Textual imports).

Decisions:
- The cursor is a card, ``(kind, id)``, plus the column it was last in: an activity spans
  several columns, and moving down from it goes to the column the user came from.
- Left and right keep the cursor's row when the next column has a card there, else take
  the nearest card (the upper one on a tie), so the cursor follows a band across the map.
- Moving a story up or down past the edge of its band moves it into the next band: that
  is how a story is dragged from one release slice to another.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from workbench.domain.slo.records import Activity, ReleaseSlice, Story, StoryMap, Task

Cursor = tuple[str, int]
"""(kind, id) of the card under the cursor: ("activity", 3), ("task", 7), ("story", 12)."""

NORMAL_COLUMN = 24
"""Cells per board column in the normal view (the gap between columns is one more)."""
CONDENSED_MIN = 14
"""The narrowest column of the condensed view: ten columns fit on 160 cells."""
GAP = 1

ACTIVITY_ROW = 0
TASK_ROW = 1
FIRST_STORY_ROW = 2


def column_width(columns: int, available: int, *, condensed: bool) -> int:
    """Cells per column. The normal view has wide columns that wrap titles; the condensed
    one (one line per card) shares ``available`` cells among the ``columns`` so that the
    whole map fits across, down to ``CONDENSED_MIN`` and never wider than normal."""
    if not condensed:
        return NORMAL_COLUMN
    share = available // max(1, columns) - GAP
    return max(CONDENSED_MIN, min(NORMAL_COLUMN, share))


def span_width(span: int, width: int) -> int:
    """Width of a card spanning ``span`` columns of ``width`` cells (an activity): the gaps
    between them included, the one after the last excluded."""
    return max(1, span) * (width + GAP) - GAP


def board_width(columns: int, width: int) -> int:
    """Cells the whole board needs across (the gap after each column included)."""
    return max(1, columns) * (width + GAP)


def slice_labels(story_map: StoryMap) -> dict[int, str]:
    """Release slice id -> short label R1, R2... in the map's order."""
    return {s.id: f"R{i}" for i, s in enumerate(story_map.slices, start=1)}


@dataclass(frozen=True)
class Column:
    """One column of the board: a task of an activity (or an activity without tasks)."""

    activity: Activity
    task: Task | None


@dataclass(frozen=True)
class Band:
    """One horizontal band: the stories of one release slice (``release_slice`` None: the
    stories in no slice), one cell per column."""

    release_slice: ReleaseSlice | None
    label: str
    """R1, R2... ("" for the band of stories in no slice)."""
    cells: tuple[tuple[Story, ...], ...]
    """Per column, the band's stories of that column's task in their order."""
    top: int
    """Board row of the band's first row."""
    height: int
    """Rows: the most stories in one of its cells, at least 1 (an empty band still shows)."""

    @property
    def slice_id(self) -> int | None:
        return None if self.release_slice is None else self.release_slice.id

    @property
    def title(self) -> str:
        if self.release_slice is None:
            return "No release slice"
        return f"{self.label} {self.release_slice.name}"

    def story_count(self) -> int:
        return sum(len(cell) for cell in self.cells)


@dataclass(frozen=True)
class StoryPlace:
    """Where a story is on the board."""

    column: int
    band: int
    slot: int
    """Its index within its cell (0: top of the band)."""


@dataclass(frozen=True)
class Placement:
    """Where a moved story goes: under ``task_id`` at ``position`` among the task's other
    stories, in the slice ``slice_id`` when ``slice_changes``."""

    task_id: int
    position: int
    slice_id: int | None = None
    slice_changes: bool = False


@dataclass(frozen=True)
class BoardLayout:
    story_map: StoryMap
    columns: tuple[Column, ...]
    bands: tuple[Band, ...]

    @property
    def has_slices(self) -> bool:
        return bool(self.story_map.slices)

    # --- what is where --------------------------------------------------------------------

    def activity_span(self, activity_id: int) -> tuple[int, int]:
        """(first column, number of columns) of an activity's card."""
        indexes = [i for i, c in enumerate(self.columns) if c.activity.id == activity_id]
        return (indexes[0], len(indexes)) if indexes else (0, 0)

    def place_of(self, story_id: int) -> StoryPlace | None:
        for band_index, band in enumerate(self.bands):
            for col, cell in enumerate(band.cells):
                for slot, story in enumerate(cell):
                    if story.id == story_id:
                        return StoryPlace(col, band_index, slot)
        return None

    def column_cards(self, col: int) -> list[tuple[int, Cursor]]:
        """(row, card) of the column from top to bottom."""
        column = self.columns[col]
        cards: list[tuple[int, Cursor]] = [(ACTIVITY_ROW, ("activity", column.activity.id))]
        if column.task is None:
            return cards
        cards.append((TASK_ROW, ("task", column.task.id)))
        for band in self.bands:
            cards += [(band.top + slot, ("story", story.id))
                      for slot, story in enumerate(band.cells[col])]
        return cards

    def cursors(self) -> list[Cursor]:
        """Every card, column by column (an activity once)."""
        seen: list[Cursor] = []
        for col in range(len(self.columns)):
            seen += [c for _, c in self.column_cards(col) if c not in seen]
        return seen

    def locate(self, cursor: Cursor | None, hint: int = 0) -> tuple[int, int] | None:
        """(column, row) of ``cursor``; an activity is found in column ``hint`` when it
        spans it, else in its first column."""
        if cursor is None or not self.columns:
            return None
        order = list(range(len(self.columns)))
        if 0 <= hint < len(self.columns):
            order.insert(0, hint)
        for col in order:
            for row, card in self.column_cards(col):
                if card == cursor:
                    return col, row
        return None

    def first_cursor(self) -> Cursor | None:
        return ("activity", self.columns[0].activity.id) if self.columns else None

    # --- finding records -------------------------------------------------------------------

    def activity(self, activity_id: int) -> Activity | None:
        return next((a for a in self.story_map.activities if a.id == activity_id), None)

    def task(self, task_id: int) -> Task | None:
        return next((c.task for c in self.columns
                     if c.task is not None and c.task.id == task_id), None)

    def story(self, story_id: int) -> Story | None:
        return next((s for s in self.story_map.stories() if s.id == story_id), None)

    def band_of(self, story_id: int) -> Band | None:
        place = self.place_of(story_id)
        return None if place is None else self.bands[place.band]


def board_columns(story_map: StoryMap) -> list[Column]:
    columns: list[Column] = []
    for activity in story_map.activities:
        if activity.tasks:
            columns += [Column(activity, task) for task in activity.tasks]
        else:
            columns.append(Column(activity, None))
    return columns


def build_layout(story_map: StoryMap,
                 story_slices: Mapping[int, int | None] | None = None) -> BoardLayout:
    """The board of ``story_map``. ``story_slices`` (story id -> slice id) says which slice
    each story is in; without it (or for a story it lacks) the slice is found by name. A
    story whose slice is not one of the map's goes to the band of stories in no slice."""
    columns = tuple(board_columns(story_map))
    by_name = {s.name: s.id for s in reversed(story_map.slices)}  # the first of a name
    known = {s.id for s in story_map.slices}

    def slice_of(story: Story) -> int | None:
        if story_slices is not None and story.id in story_slices:
            found = story_slices[story.id]
        else:
            found = by_name.get(story.slice_name) if story.slice_name else None
        return found if found in known else None

    keys: list[ReleaseSlice | None] = [*story_map.slices, None]
    labels = slice_labels(story_map)
    bands: list[Band] = []
    top = FIRST_STORY_ROW
    for release_slice in keys:
        wanted = None if release_slice is None else release_slice.id
        cells = tuple(
            tuple(s for s in column.task.stories if slice_of(s) == wanted)
            if column.task is not None else ()
            for column in columns)
        height = max([1, *(len(cell) for cell in cells)])
        label = labels.get(wanted, "") if wanted is not None else ""
        bands.append(Band(release_slice, label, cells, top, height))
        top += height
    return BoardLayout(story_map, columns, tuple(bands))


# --- the cursor ---------------------------------------------------------------------------


def move_cursor(layout: BoardLayout, cursor: Cursor | None, hint: int, dx: int,
                dy: int) -> tuple[Cursor, int] | None:
    """Where the cursor goes for one arrow key (dx or dy is -1 or +1): the new card and its
    column. None when the cursor is not on the board."""
    found = layout.locate(cursor, hint)
    if found is None or cursor is None:
        return None
    col, row = found
    columns = layout.columns
    if dx and row == ACTIVITY_ROW:  # along the backbone: from activity to activity
        first, count = layout.activity_span(columns[col].activity.id)
        target = first - 1 if dx < 0 else first + count
        if not 0 <= target < len(columns):
            return cursor, col
        activity = columns[target].activity
        return ("activity", activity.id), layout.activity_span(activity.id)[0]
    if dx:
        target = max(0, min(len(columns) - 1, col + dx))
        cards = layout.column_cards(target)
        best = min(cards, key=lambda card: (abs(card[0] - row), card[0]))
        return best[1], target
    cards = layout.column_cards(col)
    index = next(i for i, (r, _) in enumerate(cards) if r == row)
    index = max(0, min(len(cards) - 1, index + dy))
    return cards[index][1], col


def neighbour_after_removal(layout: BoardLayout, cursor: Cursor | None,
                            hint: int) -> Cursor | None:
    """The card the cursor should go to when the card under it is removed: the one above
    it in its column (the next activity for an activity), else the first card."""
    found = layout.locate(cursor, hint)
    if found is None or cursor is None:
        return layout.first_cursor()
    col, row = found
    if row == ACTIVITY_ROW:
        for step in (1, -1):
            moved = move_cursor(layout, cursor, hint, step, 0)
            if moved is not None and moved[0] != cursor:
                return moved[0]
        return None
    cards = layout.column_cards(col)
    index = next(i for i, (r, _) in enumerate(cards) if r == row)
    return cards[index - 1][1]


# --- moving stories -----------------------------------------------------------------------


def _index_in(stories: list[Story], story: Story, after: bool) -> int:
    return next(i for i, s in enumerate(stories) if s.id == story.id) + (1 if after else 0)


def place_story(layout: BoardLayout, story_id: int, dx: int, dy: int) -> Placement | None:
    """Where shift+arrow moves a story: up/down within its band, past the band's edge into
    the next band (its slice changes), left/right to the same band and place under the
    neighbouring task. None when it cannot move that way."""
    place = layout.place_of(story_id)
    if place is None:
        return None
    column = layout.columns[place.column]
    band = layout.bands[place.band]
    task = column.task
    assert task is not None  # a story always sits under a task
    if dy:
        others = [s for s in task.stories if s.id != story_id]
        cell = band.cells[place.column]
        slot = place.slot + dy
        if 0 <= slot < len(cell):
            return Placement(task.id, _index_in(others, cell[slot], after=dy > 0))
        target = place.band + dy
        if not layout.has_slices or not 0 <= target < len(layout.bands):
            return None
        target_band = layout.bands[target]
        target_cell = list(target_band.cells[place.column])
        if not target_cell:
            position = len(others)
        elif dy > 0:  # to the top of the band below
            position = _index_in(others, target_cell[0], after=False)
        else:  # to the bottom of the band above
            position = _index_in(others, target_cell[-1], after=True)
        return Placement(task.id, position, target_band.slice_id, slice_changes=True)
    if not dx:
        return None
    target = place.column + dx
    while 0 <= target < len(layout.columns) and layout.columns[target].task is None:
        target += dx  # an activity without tasks holds no stories: skip it
    if not 0 <= target < len(layout.columns):
        return None
    target_task = layout.columns[target].task
    assert target_task is not None
    stories = list(target_task.stories)
    cell = band.cells[target]
    if place.slot < len(cell):
        position = _index_in(stories, cell[place.slot], after=False)
    elif cell:
        position = _index_in(stories, cell[-1], after=True)
    else:
        position = len(stories)
    return Placement(target_task.id, position)


def next_slice(story_map: StoryMap, current: int | None, step: int = 1) -> int | None:
    """The slice after ``current`` (None: no slice) in the order R1, R2, ..., no slice, R1."""
    order: list[int | None] = [s.id for s in story_map.slices] + [None]
    index = order.index(current) if current in order else len(order) - 1
    return order[(index + step) % len(order)]
