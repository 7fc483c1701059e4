"""Pilot tests of the story map board: cursor keys, moving cards (across slice bands too),
adding, editing and removing cards, release slices, maps, the condensed view, the cursor
kept across sections, reveal, a stale edit; and snapshots at 80x24 and 160x45."""

from __future__ import annotations

import asyncio

from textual.widgets import Checkbox, DataTable, Input, Select

from workbench.store import slo_repo
from workbench.store.db import reading
from workbench.tui.app import build_app
from workbench.tui.dialogs.card_dialog import CardDialog
from workbench.tui.dialogs.confirm_dialog import ConfirmDialog
from workbench.tui.dialogs.name_dialog import NameDialog
from workbench.tui.dialogs.slice_dialog import SliceDialog
from workbench.tui.screens.storymap_screen import StoryMapScreen
from workbench.tui.widgets.story_board import Board, SliceRule
from workbench.tui.widgets.story_card import Card

MAP = "Checkout journey"
FESTIVAL, AFTER = "Festival sale launch", "After the sale"


# --- reading what is stored (through the service, as the app does) ----------------------


def stored_map(app, workspace, title: str = MAP):
    return next(m for m in app.service.maps.overview(workspace.id).maps if m.title == title)


def task_stories(app, workspace, task_title: str) -> list[str]:
    for activity in stored_map(app, workspace).activities:
        for task in activity.tasks:
            if task.title == task_title:
                return [s.title for s in task.stories]
    raise AssertionError(task_title)


def story_named(app, workspace, title: str):
    return next(s for s in stored_map(app, workspace).stories() if s.title == title)


def slice_of(app, workspace, title: str) -> str | None:
    return story_named(app, workspace, title).slice_name


def card_text(screen, kind: str, card_id: int) -> str:
    return str(screen.query_one(f"#card-{kind}-{card_id}", Card).render())


def band_titles(screen) -> list[str]:
    return [rule.label for rule in screen.query(SliceRule)]


def details(screen) -> str:
    return str(screen.query_one("#map-details").render())


async def open_map(app, pilot, settle) -> StoryMapScreen:
    await settle(app, pilot)
    await pilot.press("3")
    await settle(app, pilot)
    assert isinstance(app.screen, StoryMapScreen)
    return app.screen


async def submit_name(app, pilot, settle, value: str) -> None:
    """Fill the name dialog on top and press enter."""
    assert isinstance(app.screen, NameDialog)
    app.screen.query_one("#name", Input).value = value
    await pilot.press("enter")
    await settle(app, pilot)


# --- the board ------------------------------------------------------------------------------


def test_board_shows_the_demo_map_in_slice_bands(demo_app, settle):
    app, _workspace = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_map(app, pilot, settle)
            found = screen.story_map
            assert found is not None and found.title == MAP
            assert len(screen.query(".card.-activity")) == 4
            assert len(screen.query(".card.-task")) == 6
            assert len(screen.query(".card.-story")) == len(found.stories())
            first = found.activities[0]
            assert screen.cursor == ("activity", first.id)
            assert screen.query_one(f"#card-activity-{first.id}").has_class("-cursor")
            assert app.focused is screen.query_one(Board)
            bands = screen.query(".slice-band")
            assert band_titles(screen) == [f"R1 {FESTIVAL}", f"R2 {AFTER}",
                                           "No release slice"]
            search, filter_ = first.tasks[0].stories
            # a story sits in its slice's band
            assert bands[0].query_one(f"#card-story-{search.id}")
            assert bands[1].query_one(f"#card-story-{filter_.id}")
            card = screen.query_one(f"#card-story-{search.id}", Card)
            assert card.has_class("-critical")
            text = card_text(screen, "story", search.id)
            assert text.startswith("★ Search by product name") and "1 SLO · Priya" in text
            assert "no SLO yet" in card_text(screen, "story", first.tasks[1].stories[0].id)
            assert "★ critical" in str(screen.query_one("#map-title").render())

    asyncio.run(run())


def footer_keys(screen, width: int = 80) -> list[str]:
    """The keys the footer draws; every one within ``width`` cells."""
    keys = [(key.description, key.region.right) for key in screen.query("FooterKey")]
    assert all(0 < right <= width for _, right in keys), keys
    return [description for description, _ in keys]


def test_the_footer_fits_80_columns_with_quit_and_help(demo_app, settle):
    from workbench.tui.screens.picker_screen import PickerScreen

    app, _ = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_map(app, pilot, settle)
            assert footer_keys(screen) == ["Story", "Edit", "Slice", "Map", "Personas",
                                           "Quit", "Help", "palette"]
            await pilot.press("p")
            await settle(app, pilot)
            assert footer_keys(screen) == ["Add", "Edit", "Remove", "Story map", "Quit",
                                           "Help", "palette"]
            await pilot.press("escape")  # not in the footer, still goes back
            await settle(app, pilot)
            assert isinstance(app.screen, PickerScreen)

    asyncio.run(run())


def test_cursor_moves_between_cards_and_follows_the_bands(demo_app, settle):
    app, _ = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_map(app, pilot, settle)
            find, basket, pay = screen.story_map.activities[:3]
            await pilot.press("down")
            assert screen.cursor == ("task", find.tasks[0].id)
            await pilot.press("j")
            assert screen.cursor == ("story", find.tasks[0].stories[0].id)
            await pilot.press("l")  # next column, same row of the R1 band
            assert screen.cursor == ("story", find.tasks[1].stories[0].id)
            await pilot.press("right", "down")  # R1 then R2 under "Add to basket"
            assert screen.cursor == ("story", basket.tasks[0].stories[1].id)
            # "Place the order" has no R2 story: the nearest card is its R1 story
            await pilot.press("right")
            assert screen.cursor == ("story", pay.tasks[0].stories[0].id)
            await pilot.press("right", "down", "down", "down")  # clamps at the bottom
            assert screen.cursor == ("story", pay.tasks[1].stories[2].id)
            assert f"slice R2 {AFTER}" in details(screen)
            await pilot.press("up", "up", "up", "up")
            assert screen.cursor == ("activity", pay.id)
            await pilot.press("left", "h")
            assert screen.cursor == ("activity", find.id)
            assert "Activity Find product" in details(screen)
            await pilot.press("right")  # from one activity straight to the next
            assert screen.cursor == ("activity", basket.id)

    asyncio.run(run())


def test_the_board_scrolls_to_the_cursor_and_slice_names_stay_in_view(demo_app, settle):
    app, workspace = demo_app
    parcel = story_named(app, workspace, "See where my parcel is")

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_map(app, pilot, settle)
            await pilot.press("right", "right", "right", "down", "down")
            await settle(app, pilot)
            assert screen.cursor == ("story", parcel.id)
            board = screen.query_one(Board)
            card = screen.query_one(f"#card-story-{parcel.id}", Card)
            assert board.scroll_x > 0
            assert board.region.contains_region(card.region)
            for rule in screen.query(SliceRule):
                assert rule.left == round(board.scroll_x)
                line = str(rule.render())
                start = rule.left + 1
                assert line[start:start + len(rule.label) + 2] == f" {rule.label} "
            await pilot.press("r")  # redrawn after the change: still in view
            await settle(app, pilot)
            assert screen.query(SliceRule).first().left == round(board.scroll_x) > 0

    asyncio.run(run())


def test_move_story_within_a_band_across_tasks_and_across_slice_lines(demo_app, settle):
    app, workspace = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_map(app, pilot, settle)
            story = screen.story_map.activities[0].tasks[0].stories[0]
            await pilot.press("down", "down")
            assert screen.cursor == ("story", story.id)
            # alone in R1 under its task: shift+down crosses into R2
            await pilot.press("shift+down")
            await settle(app, pilot)
            assert slice_of(app, workspace, story.title) == AFTER
            assert screen.board_layout.band_of(story.id).title == f"R2 {AFTER}"
            assert screen.cursor == ("story", story.id)
            await pilot.press("shift+up")
            await settle(app, pilot)
            assert slice_of(app, workspace, story.title) == FESTIVAL
            # right: the same band under the next task, above its story
            await pilot.press("shift+right")
            await settle(app, pilot)
            assert task_stories(app, workspace, "Search the catalogue") == [
                "Filter results by price and delivery date"]
            assert task_stories(app, workspace, "Read the product page") == [
                "Search by product name", "See price, stock and delivery date"]
            assert screen.cursor == ("story", story.id)
            await pilot.press("J")  # shift+j: down within the band
            await settle(app, pilot)
            assert task_stories(app, workspace, "Read the product page") == [
                "See price, stock and delivery date", "Search by product name"]
            assert slice_of(app, workspace, story.title) == FESTIVAL
            assert screen.cursor == ("story", story.id)

    asyncio.run(run())


def test_move_activity_and_task(demo_app, settle):
    app, workspace = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await open_map(app, pilot, settle)
            await pilot.press("shift+right")
            await settle(app, pilot)
            assert [a.title for a in stored_map(app, workspace).activities] == [
                "Build basket", "Find product", "Pay", "Track delivery"]
            await pilot.press("down", "L")  # the task "Search the catalogue", moved right
            await settle(app, pilot)
            tasks = stored_map(app, workspace).activities[1].tasks
            assert [t.title for t in tasks] == ["Read the product page",
                                                "Search the catalogue"]

    asyncio.run(run())


def test_toggle_critical_keeps_the_cursor(demo_app, settle):
    app, workspace = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_map(app, pilot, settle)
            story = story_named(app, workspace, "Save the basket for later")
            await pilot.press("right", "down", "down", "down")
            assert screen.cursor == ("story", story.id)
            await pilot.press("c")
            await settle(app, pilot)
            card = screen.query_one(f"#card-story-{story.id}", Card)
            assert card.has_class("-critical")
            assert "no SLO yet" in card_text(screen, "story", story.id)
            assert screen.cursor == ("story", story.id)
            await pilot.press("c")
            await settle(app, pilot)
            assert not screen.query_one(f"#card-story-{story.id}", Card).has_class("-critical")

    asyncio.run(run())
    assert not story_named(app, workspace, "Save the basket for later").critical


def test_add_edit_and_remove_cards(demo_app, settle):
    app, workspace = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_map(app, pilot, settle)
            await pilot.press("down", "a")  # on the task "Search the catalogue"
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, CardDialog)
            assert app.focused is dialog.query_one("#title", Input)
            await pilot.press("[", "b")  # typed keys reach the title, not the board
            dialog.query_one("#title", Input).value = "[bold]x"
            dialog.query_one("#critical", Checkbox).value = True
            await pilot.press("enter")
            await settle(app, pilot)
            assert app.screen is screen
            assert task_stories(app, workspace, "Search the catalogue")[-1] == "[bold]x"
            kind, card_id = screen.cursor
            assert kind == "story"
            assert card_text(screen, "story", card_id).startswith("★ [bold]x")
            assert slice_of(app, workspace, "[bold]x") is None
            assert screen.board_layout.band_of(card_id).title == "No release slice"
            # edit the new story: title and release slice
            await pilot.press("e")
            await settle(app, pilot)
            field = app.screen.query_one("#title", Input)
            assert field.value == "[bold]x"
            field.value = "Search by voice"
            release = app.screen.query_one("#slice", Select)
            release.value = stored_map(app, workspace).slices[0].id
            await pilot.press("enter")
            await settle(app, pilot)
            assert task_stories(app, workspace, "Search the catalogue")[-1] == \
                "Search by voice"
            assert slice_of(app, workspace, "Search by voice") == FESTIVAL
            # an empty title is refused inside the dialog
            await pilot.press("e")
            await settle(app, pilot)
            app.screen.query_one("#title", Input).value = "  "
            await pilot.press("enter")
            await settle(app, pilot)
            assert isinstance(app.screen, CardDialog)
            assert "empty" in str(app.screen.query_one("#dialog-error").render())
            await pilot.press("escape")
            await settle(app, pilot)
            # remove it again: the cursor goes to the card above it
            above = screen.board_layout.column_cards(0)
            index = [c for _, c in above].index(screen.cursor)
            await pilot.press("d")
            await settle(app, pilot)
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("y")
            await settle(app, pilot)
            assert "Search by voice" not in task_stories(app, workspace,
                                                          "Search the catalogue")
            assert screen.cursor == above[index - 1][1]
            # a new activity after the first one
            await pilot.press("up", "up", "up", "A")
            await settle(app, pilot)
            app.screen.query_one("#title", Input).value = "Return an item"
            await pilot.press("enter")
            await settle(app, pilot)
            titles = [a.title for a in stored_map(app, workspace).activities]
            assert titles[:2] == ["Find product", "Return an item"]
            assert screen.cursor[0] == "activity"
            # and a task for it, then rename the task
            await pilot.press("t")
            await settle(app, pilot)
            app.screen.query_one("#title", Input).value = "Ask for a refund"
            await pilot.press("enter")
            await settle(app, pilot)
            assert screen.cursor[0] == "task"
            await pilot.press("e")
            await settle(app, pilot)
            app.screen.query_one("#title", Input).value = "Ask for a refund online"
            await pilot.press("enter")
            await settle(app, pilot)
            tasks = stored_map(app, workspace).activities[1].tasks
            assert [t.title for t in tasks] == ["Ask for a refund online"]

    asyncio.run(run())


def test_empty_workspace_creates_a_map(engine, settle):
    from workbench.store import repo
    from workbench.store.db import transaction

    with transaction(engine) as session:
        ws = repo.create_workspace(session, "Acme")
    app = build_app(engine, workspace_id=ws.id)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_map(app, pilot, settle)
            assert "No story map yet" in str(screen.query_one("#board-empty").render())
            await pilot.press("A")  # with no map, A asks for the map first
            await settle(app, pilot)
            await submit_name(app, pilot, settle, "Signup")
            assert screen.story_map is not None and screen.story_map.title == "Signup"
            assert "no activities yet" in str(screen.query_one("#board-empty").render())
            await pilot.press("A")
            await settle(app, pilot)
            app.screen.query_one("#title", Input).value = "Create account"
            await pilot.press("enter")
            await settle(app, pilot)
            assert [a.title for a in screen.story_map.activities] == ["Create account"]
            assert not screen.board_layout.has_slices
            assert band_titles(screen) == []  # no slices: no slice lines

    asyncio.run(run())


# --- release slices -------------------------------------------------------------------------


def slice_rows(dialog: SliceDialog) -> list[tuple[str, int]]:
    return [(s.name, count) for s, count in dialog.rows]


def test_release_slices_add_rename_reorder_and_delete(demo_app, settle):
    app, workspace = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_map(app, pilot, settle)
            await pilot.press("R")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, SliceDialog)
            assert slice_rows(dialog) == [(FESTIVAL, 7), (AFTER, 4)]
            assert app.focused is dialog.query_one("#slices", DataTable)
            # add: last, and selected
            await pilot.press("a")
            await settle(app, pilot)
            await submit_name(app, pilot, settle, "Walking skeleton")
            assert app.screen is dialog
            assert slice_rows(dialog)[-1] == ("Walking skeleton", 0)
            assert dialog.selected()[0].name == "Walking skeleton"
            # a repeated name stays in the name dialog
            await pilot.press("a")
            await settle(app, pilot)
            await submit_name(app, pilot, settle, "after THE sale")
            assert isinstance(app.screen, NameDialog)
            assert "already" in str(app.screen.query_one("#dialog-error").render())
            await pilot.press("escape")
            await settle(app, pilot)
            # reorder: to the front
            await pilot.press("shift+up", "K")
            await settle(app, pilot)
            assert [n for n, _ in slice_rows(dialog)] == ["Walking skeleton", FESTIVAL, AFTER]
            assert dialog.selected()[0].name == "Walking skeleton"
            await pilot.press("J")
            await settle(app, pilot)
            assert [n for n, _ in slice_rows(dialog)] == [FESTIVAL, "Walking skeleton", AFTER]
            # rename (enter on a row renames too)
            await pilot.press("enter")
            await settle(app, pilot)
            assert app.screen.query_one("#name", Input).value == "Walking skeleton"
            await submit_name(app, pilot, settle, "Skeleton")
            assert [n for n, _ in slice_rows(dialog)] == [FESTIVAL, "Skeleton", AFTER]
            # delete "After the sale": its stories stay, in no slice
            dialog.query_one("#slices", DataTable).move_cursor(row=2)
            await pilot.press("d")
            await settle(app, pilot)
            assert isinstance(app.screen, ConfirmDialog)
            assert "4 stories stay on the map" in app.screen.body_text
            await pilot.press("y")
            await settle(app, pilot)
            assert slice_rows(dialog) == [(FESTIVAL, 7), ("Skeleton", 0)]
            await pilot.press("escape")
            await settle(app, pilot)
            assert app.screen is screen
            assert band_titles(screen) == [f"R1 {FESTIVAL}", "R2 Skeleton",
                                           "No release slice"]
            filter_ = story_named(app, workspace, "Filter results by price and delivery date")
            assert filter_.slice_name is None
            assert screen.board_layout.band_of(filter_.id).release_slice is None

    asyncio.run(run())
    assert [s.name for s in stored_map(app, workspace).slices] == [FESTIVAL, "Skeleton"]


def test_r_puts_the_story_in_the_next_slice(demo_app, settle, notifications):
    app, workspace = demo_app
    title = "Search by product name"

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_map(app, pilot, settle)
            seen = notifications(app)
            await pilot.press("r")  # on an activity: says what to do
            assert "Put the cursor on a story" in seen[-1]["message"]
            await pilot.press("down", "down")
            story_id = screen.cursor[1]
            found = []
            for _ in range(3):
                await pilot.press("r")
                await settle(app, pilot)
                found.append(slice_of(app, workspace, title))
                assert screen.cursor == ("story", story_id)
            assert found == [AFTER, None, FESTIVAL]
            assert screen.board_layout.band_of(story_id).title == f"R1 {FESTIVAL}"

    asyncio.run(run())


# --- maps -----------------------------------------------------------------------------------


def test_new_next_rename_and_delete_maps(demo_app, settle, notifications):
    app, workspace = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_map(app, pilot, settle)
            seen = notifications(app)
            await pilot.press("m")
            assert "only one story map" in seen[-1]["message"]
            await pilot.press("down", "down")
            kept = screen.cursor
            await pilot.press("N")
            await settle(app, pilot)
            await submit_name(app, pilot, settle, "Returns")
            assert screen.story_map.title == "Returns"
            assert "map 2 of 2" in str(screen.query_one("#map-title").render())
            await pilot.press("m")  # back to the first map, the cursor where it was
            await settle(app, pilot)
            assert screen.story_map.title == MAP and screen.cursor == kept
            # rename
            await pilot.press("M")
            await settle(app, pilot)
            assert app.screen.query_one("#name", Input).value == MAP
            await submit_name(app, pilot, settle, "Returns")  # taken: stays in the dialog
            assert isinstance(app.screen, NameDialog)
            await submit_name(app, pilot, settle, "Checkout")
            assert screen.story_map.title == "Checkout" and screen.cursor == kept
            # delete: cancel first, then confirm
            await pilot.press("D")
            await settle(app, pilot)
            assert isinstance(app.screen, ConfirmDialog)
            message = app.screen.body_text
            assert "4 activities, 6 tasks, 11 stories and 2 release slices" in message
            assert "6 SLOs linked to its stories stay, linked to no story" in message
            await pilot.press("n")
            await settle(app, pilot)
            assert screen.story_map.title == "Checkout"
            await pilot.press("D")
            await settle(app, pilot)
            await pilot.press("y")
            await settle(app, pilot)
            assert screen.story_map.title == "Returns"
            assert "Deleted story map Checkout" in seen[-1]["message"]

    asyncio.run(run())
    assert [m.title for m in app.service.maps.overview(workspace.id).maps] == ["Returns"]
    with reading(app.engine) as session:
        slos = slo_repo.list_slos(session, workspace.id)
    assert len(slos) == 6 and all(s.story_id is None for s in slos)


# --- the condensed view ---------------------------------------------------------------------


def test_condensed_view_shows_one_line_per_card_and_is_kept(demo_app, settle):
    app, workspace = demo_app

    async def run():
        async with app.run_test(size=(160, 45)) as pilot:
            screen = await open_map(app, pilot, settle)
            story = story_named(app, workspace, "Filter results by price and delivery date")
            card = screen.query_one(f"#card-story-{story.id}", Card)
            assert card.region.height >= 3  # two lines of title and one of details
            await pilot.press("v")
            await settle(app, pilot)
            board = screen.query_one(Board)
            assert board.has_class("-condensed")
            card = screen.query_one(f"#card-story-{story.id}", Card)
            assert card.region.height == 1
            wide = card.region.width
            assert "condensed" in str(screen.query_one("#map-title").render())
            # the whole demo map fits on 160 columns: nothing to scroll either way
            grid = screen.query_one("#board-grid")
            assert grid.region.width <= board.region.width
            assert board.max_scroll_x == 0 and board.max_scroll_y == 0
            # on 80 columns the columns get narrower (and the board scrolls)
            await pilot.resize_terminal(80, 24)
            await settle(app, pilot)
            assert board.width_shown < wide
            card = screen.query_one(f"#card-story-{story.id}", Card)
            assert (card.region.width, card.region.height) == (board.width_shown, 1)
            await pilot.press("1")
            await settle(app, pilot)
            await pilot.press("3")  # a new screen remembers the view
            await settle(app, pilot)
            assert app.screen is not screen and app.screen.condensed
            assert app.screen.query_one(Board).has_class("-condensed")
            await pilot.press("v")
            await settle(app, pilot)
            assert not app.screen.query_one(Board).has_class("-condensed")

    asyncio.run(run())


# --- the cursor stays -----------------------------------------------------------------------


def test_cursor_kept_after_personas_and_after_the_slo_editor(demo_app, settle):
    from workbench.tui.dialogs.slo_dialog import SloDialog
    from workbench.tui.screens.slo_screen import SloScreen

    app, workspace = demo_app
    upi = story_named(app, workspace, "Pay by UPI")

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_map(app, pilot, settle)
            await pilot.press("right", "right", "down", "right", "down")
            assert screen.cursor == ("story", upi.id)
            column = screen.column
            await pilot.press("p")
            await settle(app, pilot)
            assert app.focused is screen.query_one("#personas")
            await pilot.press("down", "p")
            await settle(app, pilot)
            assert (screen.cursor, screen.column) == (("story", upi.id), column)
            assert app.focused is screen.query_one(Board)
            # s: add an SLO for the story in the SLOs section, then come back with 3
            await pilot.press("s")
            await settle(app, pilot)
            assert isinstance(app.screen, SloDialog)
            assert app.screen.query_one("#story", Select).value == upi.id
            await pilot.press("escape")
            await settle(app, pilot)
            assert isinstance(app.screen, SloScreen)
            await pilot.press("3")
            await settle(app, pilot)
            back = app.screen
            assert isinstance(back, StoryMapScreen) and back is not screen
            assert (back.cursor, back.column) == (("story", upi.id), column)
            assert back.query_one(f"#card-story-{upi.id}", Card).has_class("-cursor")

    asyncio.run(run())


def test_a_new_slo_shows_on_the_card_after_a_reload(demo_app, settle):
    app, workspace = demo_app
    story = story_named(app, workspace, "See price, stock and delivery date")

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_map(app, pilot, settle)
            assert "no SLO yet" in card_text(screen, "story", story.id)
            app.service.slos.save(workspace.id, "product-page-availability",
                                  {"kind": "availability", "target": "99.5",
                                   "service": "catalogue", "story_id": story.id})
            screen.reload()
            await settle(app, pilot)
            assert "1 SLO" in card_text(screen, "story", story.id)

    asyncio.run(run())


# --- reveal ---------------------------------------------------------------------------------


def test_reveal_a_story_on_another_map_and_a_persona(demo_app, settle, notifications):
    app, workspace = demo_app
    maps = app.service.maps
    returns = maps.add_map(workspace.id, "Returns")
    task = maps.add_task(maps.add_activity(returns.id, "Send it back"), "Print a label")
    label = maps.add_story(task, "Print a return label at home")
    search = story_named(app, workspace, "Search by product name")
    priya = next(p for p in maps.overview(workspace.id).personas if p.name.startswith("Priya"))

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            seen = notifications(app)
            app.reveal("storymap", "story", label.id)  # from another section
            await settle(app, pilot)
            screen = app.screen
            assert isinstance(screen, StoryMapScreen)
            assert screen.story_map.title == "Returns"
            assert screen.cursor == ("story", label.id)
            app.reveal("storymap", "persona", priya.id)  # on the same screen
            await settle(app, pilot)
            assert screen.query_one("#views").current == "personas-pane"
            assert screen.selected_persona().id == priya.id
            assert app.focused is screen.query_one("#personas")
            app.reveal("storymap", "story", search.id)
            await settle(app, pilot)
            assert screen.query_one("#views").current == "board"
            assert screen.story_map.title == MAP
            assert screen.cursor == ("story", search.id)
            assert app.focused is screen.query_one(Board)
            app.reveal("storymap", "story", 99_999)
            await settle(app, pilot)
            assert "no longer on any story map" in seen[-1]["message"]
            assert screen.cursor == ("story", search.id)

    asyncio.run(run())


# --- a stale edit -------------------------------------------------------------------------


def test_a_story_changed_elsewhere_is_not_overwritten(demo_app, settle):
    app, workspace = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_map(app, pilot, settle)
            await pilot.press("down", "down", "e")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, CardDialog)
            opened = story_named(app, workspace, "Search by product name")
            # someone else renames the story meanwhile
            app.service.maps.update_story(opened, title="Search by name", critical=True,
                                          slice_id=None, persona_id=None)
            dialog.query_one("#title", Input).value = "Search by product title"
            await pilot.press("enter")
            await settle(app, pilot)
            assert "changed by someone else" in str(dialog.query_one("#dialog-error").render())
            assert isinstance(app.screen, ConfirmDialog)  # offers to reload
            await pilot.press("y")
            await settle(app, pilot)
            assert app.screen is screen
            assert card_text(screen, "story", opened.id).startswith("★ Search by name")
            assert screen.cursor == ("story", opened.id)

    asyncio.run(run())
    assert story_named(app, workspace, "Search by name").title == "Search by name"


# --- snapshots ------------------------------------------------------------------------------


def board_snapshot(snap_compare, settle, app, size, *keys: str) -> bool:
    async def run_before(pilot) -> None:
        await settle(pilot.app, pilot)
        await pilot.press("3")
        await settle(pilot.app, pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot.app, pilot)

    return snap_compare(app, terminal_size=size, run_before=run_before)


def test_story_map_snapshot_80x24(snap_compare, demo_app, settle):
    assert board_snapshot(snap_compare, settle, demo_app[0], (80, 24), "down", "down")


def test_story_map_snapshot_160x45(snap_compare, demo_app, settle):
    assert board_snapshot(snap_compare, settle, demo_app[0], (160, 45), "down", "down")


def test_story_map_condensed_snapshot_80x24(snap_compare, demo_app, settle):
    assert board_snapshot(snap_compare, settle, demo_app[0], (80, 24),
                          "v", "right", "down", "down")


def test_story_map_condensed_snapshot_160x45(snap_compare, demo_app, settle):
    assert board_snapshot(snap_compare, settle, demo_app[0], (160, 45),
                          "v", "right", "down", "down")


def test_release_slices_dialog_snapshot_80x24(snap_compare, demo_app, settle):
    assert board_snapshot(snap_compare, settle, demo_app[0], (80, 24), "R")
