"""Unit tests of the story map board's geometry: columns, slice bands, cursor moves and
where a moved story lands. Pure: no Textual, no database."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.domain.slo.records import Activity, ReleaseSlice, Story, StoryMap, Task
from workbench.tui.board_geometry import (
    CONDENSED_MIN,
    NORMAL_COLUMN,
    Placement,
    board_width,
    build_layout,
    column_width,
    move_cursor,
    neighbour_after_removal,
    next_slice,
    place_story,
    slice_labels,
    span_width,
)

R1, R2 = 101, 102
SLICES = (ReleaseSlice(R1, 1, 0, "Launch"), ReleaseSlice(R2, 1, 1, "Later"))
NAMES = {R1: "Launch", R2: "Later", None: None}


def story(story_id: int, task_id: int, position: int, slice_id: int | None) -> Story:
    return Story(story_id, task_id, position, f"s{story_id}", slice_name=NAMES[slice_id])


def demo_like_map(slices: tuple[ReleaseSlice, ...] = SLICES) -> StoryMap:
    """A1: T1 (s1 in R1, s2 in R2, s3 in none), T2 (s4, s5 in R1); A2 without tasks;
    A3: T3 (s6 in R2)."""
    t1 = Task(11, 1, 0, "T1", (story(1, 11, 0, R1), story(2, 11, 1, R2), story(3, 11, 2, None)))
    t2 = Task(12, 1, 1, "T2", (story(4, 12, 0, R1), story(5, 12, 1, R1)))
    t3 = Task(13, 3, 0, "T3", (story(6, 13, 0, R2),))
    return StoryMap(1, "Map", activities=(
        Activity(1, 1, 0, "A1", (t1, t2)), Activity(2, 1, 1, "A2"),
        Activity(3, 1, 2, "A3", (t3,))), slices=slices)


def ids(stories) -> list[int]:
    return [s.id for s in stories]


# --- layout -------------------------------------------------------------------------------


def test_columns_are_the_tasks_and_the_activities_without_tasks():
    layout = build_layout(demo_like_map())
    assert [(c.activity.title, c.task.title if c.task else None) for c in layout.columns] == [
        ("A1", "T1"), ("A1", "T2"), ("A2", None), ("A3", "T3")]
    assert layout.activity_span(1) == (0, 2)
    assert layout.activity_span(2) == (2, 1)
    assert layout.activity_span(3) == (3, 1)


def test_one_band_per_slice_and_a_last_one_for_stories_in_no_slice():
    layout = build_layout(demo_like_map())
    assert [b.title for b in layout.bands] == ["R1 Launch", "R2 Later", "No release slice"]
    r1, r2, none = layout.bands
    assert [ids(cell) for cell in r1.cells] == [[1], [4, 5], [], []]
    assert [ids(cell) for cell in r2.cells] == [[2], [], [], [6]]
    assert [ids(cell) for cell in none.cells] == [[3], [], [], []]
    # a band is as high as its fullest cell; rows 0 and 1 are activities and tasks
    assert [(b.top, b.height) for b in layout.bands] == [(2, 2), (4, 1), (5, 1)]
    assert [b.story_count() for b in layout.bands] == [3, 2, 1]
    assert slice_labels(layout.story_map) == {R1: "R1", R2: "R2"}


def test_an_empty_band_still_takes_a_row():
    empty = ReleaseSlice(103, 1, 2, "Someday")
    layout = build_layout(demo_like_map((*SLICES, empty)))
    band = layout.bands[2]
    assert band.title == "R3 Someday" and band.story_count() == 0 and band.height == 1


def test_a_map_without_slices_has_one_band():
    plain = demo_like_map(())
    layout = build_layout(plain)
    assert not layout.has_slices
    assert len(layout.bands) == 1
    assert [ids(cell) for cell in layout.bands[0].cells] == [[1, 2, 3], [4, 5], [], [6]]


def test_slice_ids_given_by_the_service_win_over_names():
    # two slices with one name (old data): the ids say which one a story is in
    twins = (ReleaseSlice(R1, 1, 0, "Launch"), ReleaseSlice(R2, 1, 1, "Launch"))
    story_map = demo_like_map(twins)
    by_id = build_layout(story_map, {1: R2, 2: R1, 3: None, 4: 999})
    assert ids(by_id.bands[1].cells[0]) == [1]
    assert ids(by_id.bands[0].cells[0]) == [2]
    assert ids(by_id.bands[2].cells[1]) == [4]  # a slice of another map: no slice
    assert ids(by_id.bands[0].cells[1]) == [5]  # not in the mapping: found by name


def test_column_cards_and_locate():
    layout = build_layout(demo_like_map())
    assert layout.column_cards(0) == [(0, ("activity", 1)), (1, ("task", 11)),
                                      (2, ("story", 1)), (4, ("story", 2)),
                                      (5, ("story", 3))]
    assert layout.column_cards(2) == [(0, ("activity", 2))]
    assert layout.locate(("story", 5)) == (1, 3)
    assert layout.locate(("activity", 1), hint=1) == (1, 0)
    assert layout.locate(("activity", 1), hint=3) == (0, 0)
    assert layout.locate(("story", 99)) is None
    assert layout.cursors()[:3] == [("activity", 1), ("task", 11), ("story", 1)]
    assert len(layout.cursors()) == 3 + 3 + 6  # activities, tasks, stories


# --- the cursor ---------------------------------------------------------------------------


def press(layout, cursor, column, *moves):
    for dx, dy in moves:
        cursor, column = move_cursor(layout, cursor, column, dx, dy)
    return cursor, column


DOWN, UP, LEFT, RIGHT = (0, 1), (0, -1), (-1, 0), (1, 0)


def test_down_goes_through_the_column_band_by_band_and_stops_at_the_bottom():
    layout = build_layout(demo_like_map())
    seen = []
    cursor, column = ("activity", 1), 0
    for _ in range(6):
        cursor, column = press(layout, cursor, column, DOWN)
        seen.append(cursor)
    assert seen == [("task", 11), ("story", 1), ("story", 2), ("story", 3), ("story", 3),
                    ("story", 3)]
    assert press(layout, ("story", 1), 0, UP, UP, UP) == (("activity", 1), 0)


def test_left_and_right_keep_the_row_or_take_the_nearest_card():
    layout = build_layout(demo_like_map())
    assert press(layout, ("story", 1), 0, RIGHT) == (("story", 4), 1)  # same row
    # s2 is on row 4; T2's lowest card is s5 on row 3
    assert press(layout, ("story", 2), 0, RIGHT) == (("story", 5), 1)
    # A2 has no tasks: its column holds only the activity
    assert press(layout, ("story", 5), 1, RIGHT) == (("activity", 2), 2)
    assert press(layout, ("task", 13), 3, LEFT) == (("activity", 2), 2)
    assert press(layout, ("story", 1), 0, LEFT) == (("story", 1), 0)  # the left edge


def test_along_the_backbone_the_cursor_jumps_from_activity_to_activity():
    layout = build_layout(demo_like_map())
    assert press(layout, ("activity", 1), 1, RIGHT) == (("activity", 2), 2)
    assert press(layout, ("activity", 2), 2, RIGHT) == (("activity", 3), 3)
    assert press(layout, ("activity", 3), 3, RIGHT) == (("activity", 3), 3)
    assert press(layout, ("activity", 2), 2, LEFT) == (("activity", 1), 0)
    # an activity spans its tasks: down goes to the task of the column the cursor came from
    assert press(layout, ("story", 4), 1, UP, UP, DOWN) == (("task", 12), 1)


def test_off_the_board_the_cursor_does_not_move():
    layout = build_layout(demo_like_map())
    assert move_cursor(layout, ("story", 99), 0, 0, 1) is None
    assert move_cursor(layout, None, 0, 0, 1) is None


def test_after_a_removal_the_cursor_goes_to_the_card_above():
    layout = build_layout(demo_like_map())
    assert neighbour_after_removal(layout, ("story", 2), 0) == ("story", 1)
    assert neighbour_after_removal(layout, ("story", 1), 0) == ("task", 11)
    assert neighbour_after_removal(layout, ("task", 12), 1) == ("activity", 1)
    assert neighbour_after_removal(layout, ("activity", 1), 0) == ("activity", 2)
    assert neighbour_after_removal(layout, ("activity", 3), 3) == ("activity", 2)


@st.composite
def story_maps(draw):
    slices = tuple(ReleaseSlice(100 + i, 1, i, f"S{i}") for i in range(draw(st.integers(0, 3))))
    names = [None, *(s.name for s in slices)]
    next_id = iter(range(1, 10_000))
    activities = []
    for a in range(draw(st.integers(1, 4))):
        tasks = []
        for t in range(draw(st.integers(0, 3))):
            task_id = next(next_id)
            stories = tuple(Story(next(next_id), task_id, p, "s",
                                  slice_name=draw(st.sampled_from(names)))
                            for p in range(draw(st.integers(0, 4))))
            tasks.append(Task(task_id, a, t, "t", stories))
        activities.append(Activity(next(next_id), 1, a, "a", tuple(tasks)))
    return StoryMap(1, "m", activities=tuple(activities), slices=slices)


@settings(max_examples=60, deadline=None)
@given(story_maps())
def test_every_key_lands_on_a_card_and_every_card_is_reachable(story_map):
    layout = build_layout(story_map)
    cards = layout.cursors()
    assert len(cards) == len(set(cards))
    for card in cards:
        column = layout.locate(card)[0]
        for dx, dy in (DOWN, UP, LEFT, RIGHT):
            moved, new_column = move_cursor(layout, card, column, dx, dy)
            assert moved in cards
            assert layout.locate(moved, new_column)[0] == new_column
    # every column's cards are reached by pressing down from its activity
    for column in range(len(layout.columns)):
        cursor, reached = layout.column_cards(column)[0][1], []
        for _ in range(len(layout.column_cards(column))):
            reached.append(cursor)
            cursor, _ = move_cursor(layout, cursor, column, 0, 1)
        assert reached == [c for _, c in layout.column_cards(column)]


# --- moving stories -----------------------------------------------------------------------


def test_up_and_down_within_a_band():
    layout = build_layout(demo_like_map())
    assert place_story(layout, 4, 0, 1) == Placement(12, 1)  # after s5
    assert place_story(layout, 5, 0, -1) == Placement(12, 0)  # before s4


def test_past_the_edge_of_its_band_a_story_changes_slice():
    layout = build_layout(demo_like_map())
    # s1 is alone in R1 under T1: down puts it at the top of R2 (before s2)
    assert place_story(layout, 1, 0, 1) == Placement(11, 0, R2, slice_changes=True)
    # s2 up: to the bottom of R1 (after s1, among T1's others [s1, s3])
    assert place_story(layout, 2, 0, -1) == Placement(11, 1, R1, slice_changes=True)
    # s3 up from the no-slice band goes to R2, after s2
    assert place_story(layout, 3, 0, -1) == Placement(11, 2, R2, slice_changes=True)
    # s5 down: R2 is empty under T2, so last
    assert place_story(layout, 5, 0, 1) == Placement(12, 1, R2, slice_changes=True)
    # s3 down: out of the last band
    assert place_story(layout, 3, 0, 1) is None
    assert place_story(layout, 1, 0, -1) is None  # up out of the first band
    assert place_story(build_layout(demo_like_map(())), 3, 0, 1) is None  # no slices


def test_left_and_right_keep_the_band_and_the_place_in_it():
    layout = build_layout(demo_like_map())
    assert place_story(layout, 1, 1, 0) == Placement(12, 0)  # before s4, still in R1
    # s5 right: A2 has no task, so T3; R1 is empty there: after T3's story
    assert place_story(layout, 5, 1, 0) == Placement(13, 1)
    assert place_story(layout, 6, -1, 0) == Placement(12, 2)  # R2 under T2 is empty
    assert place_story(layout, 2, 1, 0) == Placement(12, 2)
    assert place_story(layout, 1, -1, 0) is None  # the left edge
    assert place_story(layout, 6, 1, 0) is None  # the right edge
    assert place_story(layout, 99, 1, 0) is None


def test_next_slice_cycles_through_the_slices_and_none():
    story_map = demo_like_map()
    assert next_slice(story_map, None) == R1
    assert next_slice(story_map, R1) == R2
    assert next_slice(story_map, R2) is None
    assert next_slice(story_map, R1, step=-1) is None
    assert next_slice(story_map, 999) == R1  # unknown counts as none
    assert next_slice(demo_like_map(()), None) is None


# --- widths -------------------------------------------------------------------------------


def test_widths_of_columns_and_spans():
    assert column_width(6, 80, condensed=False) == NORMAL_COLUMN
    assert span_width(1, NORMAL_COLUMN) == NORMAL_COLUMN
    assert span_width(2, NORMAL_COLUMN) == 2 * NORMAL_COLUMN + 1
    assert span_width(3, 14) == 3 * 14 + 2
    assert board_width(6, NORMAL_COLUMN) == 150


def test_the_condensed_view_shares_the_width_so_a_map_fits():
    # the demo's six columns on 160 cells: as wide as normal, one line per card
    assert column_width(6, 159, condensed=True) == NORMAL_COLUMN
    # ten columns: narrower, and they still fit
    width = column_width(10, 159, condensed=True)
    assert width == 14 and board_width(10, width) <= 159
    # never narrower than CONDENSED_MIN: then the board scrolls
    assert column_width(30, 159, condensed=True) == CONDENSED_MIN
    assert column_width(0, 80, condensed=True) == NORMAL_COLUMN
    # every map of up to ten columns fits on 160 cells
    for columns in range(1, 11):
        assert board_width(columns, column_width(columns, 160, condensed=True)) <= 160


def test_the_geometry_imports_no_textual():
    code = ("import sys, workbench.tui.board_geometry; "
            "sys.exit('textual' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
