"""Pilot tests of the story map board: cursor keys, moving and reordering cards, adding,
editing, removing, and marking stories critical."""

from __future__ import annotations

import asyncio

from textual.widgets import Checkbox, Input

from workbench.store import slo_repo, story_map_repo
from workbench.store.db import reading
from workbench.tui.app import build_app
from workbench.tui.dialogs.card_dialog import CardDialog
from workbench.tui.dialogs.confirm_dialog import ConfirmDialog
from workbench.tui.screens.storymap_screen import Card, StoryMapScreen

MAP = "Checkout journey"


def story_map(engine, workspace):
    with reading(engine) as session:
        return story_map_repo.get_story_map(session, workspace.id, MAP)


def task_stories(engine, workspace, task_title: str) -> list[str]:
    found = story_map(engine, workspace)
    for activity in found.activities:
        for task in activity.tasks:
            if task.title == task_title:
                return [s.title for s in task.stories]
    raise AssertionError(task_title)


def card_text(screen, kind: str, card_id: int) -> str:
    return str(screen.query_one(f"#card-{kind}-{card_id}", Card).render())


async def type_text(pilot, text: str) -> None:
    for char in text:
        await pilot.press(char)


async def open_map(app, pilot, settle) -> StoryMapScreen:
    await settle(app, pilot)
    await pilot.press("3")
    await settle(app, pilot)
    assert isinstance(app.screen, StoryMapScreen)
    return app.screen


def test_board_shows_the_demo_map(demo_app, settle):
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
            search = first.tasks[0].stories[0]
            assert search.critical
            card = screen.query_one(f"#card-story-{search.id}", Card)
            assert card.has_class("-critical")
            text = card_text(screen, "story", search.id)
            assert text.startswith("★ Search by product name") and "R1 · 1 SLO" in text
            title = str(screen.query_one("#map-title").render())
            assert "R1 Festival sale launch" in title and "R2 After the sale" in title

    asyncio.run(run())


def test_cursor_moves_between_cards(demo_app, settle):
    app, _ = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_map(app, pilot, settle)
            found = screen.story_map
            find, basket = found.activities[0], found.activities[1]
            await pilot.press("down")
            assert screen.cursor == ("task", find.tasks[0].id)
            await pilot.press("j")
            assert screen.cursor == ("story", find.tasks[0].stories[0].id)
            await pilot.press("l")  # next column: one story only, same row
            assert screen.cursor == ("story", find.tasks[1].stories[0].id)
            await pilot.press("right", "down")  # clamps to the last card of the column
            assert screen.cursor == ("story", basket.tasks[0].stories[1].id)
            await pilot.press("up", "up", "up", "up")
            assert screen.cursor == ("activity", basket.id)
            await pilot.press("left", "h", "h")
            assert screen.cursor == ("activity", find.id)
            assert "Activity Find product" in str(screen.query_one("#map-details").render())
            await pilot.press("right")  # from one activity straight to the next
            assert screen.cursor == ("activity", basket.id)

    asyncio.run(run())


def test_move_story_within_and_across_tasks(demo_app, settle):
    app, workspace = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_map(app, pilot, settle)
            story = screen.story_map.activities[0].tasks[0].stories[0]
            await pilot.press("down", "down")
            assert screen.cursor == ("story", story.id)
            await pilot.press("shift+down")
            await settle(app, pilot)
            assert task_stories(app.engine, workspace, "Search the catalogue") == [
                "Filter results by price and delivery date", "Search by product name"]
            assert screen.cursor == ("story", story.id)
            await pilot.press("shift+right")
            await settle(app, pilot)
            assert task_stories(app.engine, workspace, "Search the catalogue") == [
                "Filter results by price and delivery date"]
            assert task_stories(app.engine, workspace, "Read the product page") == [
                "See price, stock and delivery date", "Search by product name"]
            assert screen.cursor == ("story", story.id)
            await pilot.press("K")  # shift+k: up within the new task
            await settle(app, pilot)
            assert task_stories(app.engine, workspace, "Read the product page") == [
                "Search by product name", "See price, stock and delivery date"]

    asyncio.run(run())


def test_move_activity_and_task(demo_app, settle):
    app, workspace = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await open_map(app, pilot, settle)
            await pilot.press("shift+right")
            await settle(app, pilot)
            assert [a.title for a in story_map(app.engine, workspace).activities] == [
                "Build basket", "Find product", "Pay", "Track delivery"]
            await pilot.press("down", "L")  # the task "Search the catalogue", moved right
            await settle(app, pilot)
            tasks = story_map(app.engine, workspace).activities[1].tasks
            assert [t.title for t in tasks] == ["Read the product page",
                                                "Search the catalogue"]

    asyncio.run(run())


def test_toggle_critical(demo_app, settle):
    app, workspace = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_map(app, pilot, settle)
            story = screen.story_map.activities[0].tasks[0].stories[1]
            assert not story.critical
            await pilot.press("down", "down", "down", "c")
            await settle(app, pilot)
            card = screen.query_one(f"#card-story-{story.id}", Card)
            assert card.has_class("-critical")
            assert "no SLO yet" in card_text(screen, "story", story.id)
            assert screen.cursor == ("story", story.id)
            await pilot.press("c")
            await settle(app, pilot)
            assert not screen.query_one(f"#card-story-{story.id}", Card).has_class("-critical")

    asyncio.run(run())
    with reading(app.engine) as session:
        found = story_map_repo.get_story_map(session, workspace.id, MAP)
    assert not found.activities[0].tasks[0].stories[1].critical


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
            await type_text(pilot, "[bold]x")
            dialog.query_one("#critical", Checkbox).value = True
            await pilot.press("enter")
            await settle(app, pilot)
            assert app.screen is screen
            assert task_stories(app.engine, workspace, "Search the catalogue")[-1] == "[bold]x"
            kind, card_id = screen.cursor
            assert kind == "story"
            assert card_text(screen, "story", card_id).startswith("★ [bold]x")
            # edit the new story's title
            await pilot.press("e")
            await settle(app, pilot)
            field = app.screen.query_one("#title", Input)
            assert field.value == "[bold]x"
            field.value = "Search by voice"
            await pilot.press("enter")
            await settle(app, pilot)
            assert task_stories(app.engine, workspace, "Search the catalogue")[-1] == \
                "Search by voice"
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
            # remove it again
            await pilot.press("d")
            await settle(app, pilot)
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("y")
            await settle(app, pilot)
            assert "Search by voice" not in task_stories(app.engine, workspace,
                                                          "Search the catalogue")
            # a new activity after the first one
            await pilot.press("A")
            await settle(app, pilot)
            await type_text(pilot, "Return an item")
            await pilot.press("enter")
            await settle(app, pilot)
            titles = [a.title for a in story_map(app.engine, workspace).activities]
            assert titles[:2] == ["Find product", "Return an item"]
            assert screen.cursor[0] == "activity"
            # and a task for it
            await pilot.press("t")
            await settle(app, pilot)
            await type_text(pilot, "Ask for a refund")
            await pilot.press("enter")
            await settle(app, pilot)
            tasks = story_map(app.engine, workspace).activities[1].tasks
            assert [t.title for t in tasks] == ["Ask for a refund"]

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
            await type_text(pilot, "Signup")
            await pilot.press("enter")
            await settle(app, pilot)
            assert screen.story_map is not None and screen.story_map.title == "Signup"
            await pilot.press("A")
            await settle(app, pilot)
            await type_text(pilot, "Create account")
            await pilot.press("enter")
            await settle(app, pilot)
            assert [a.title for a in screen.story_map.activities] == ["Create account"]

    asyncio.run(run())


def test_story_map_snapshot_80x24(snap_compare, demo_app, settle):
    app, _ = demo_app

    async def run_before(pilot) -> None:
        await settle(pilot.app, pilot)
        await pilot.press("3")
        await settle(pilot.app, pilot)
        await pilot.press("down", "down")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_add_slo_for_the_story_at_the_cursor(demo_app, settle, monkeypatch):
    from datetime import date

    from textual.widgets import Select

    from workbench.tui.dialogs.slo_dialog import SloDialog
    from workbench.tui.screens import slo_screen

    monkeypatch.setattr(slo_screen, "today", lambda: date(2026, 11, 25))
    app, workspace = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_map(app, pilot, settle)
            story = screen.story_map.activities[0].tasks[1].stories[0]
            await pilot.press("down", "right", "down")
            assert screen.cursor == ("story", story.id)
            await pilot.press("s")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, SloDialog)
            assert dialog.query_one("#story", Select).value == story.id
            assert dialog.query_one("#service", Select).value == "catalogue"
            await type_text(pilot, "product-page-availability")
            dialog.query_one("#target", Input).value = "99.5"
            await pilot.press("enter")
            await settle(app, pilot)
            assert isinstance(app.screen, slo_screen.SloScreen)
            await pilot.press("3")
            await settle(app, pilot)
            text = card_text(app.screen, "story", story.id)
            assert "1 SLO" in text

    asyncio.run(run())
    with reading(app.engine) as session:
        slo = slo_repo.get_slo(session, workspace.id, "product-page-availability")
    assert slo.story_id == story_id_of(app.engine, workspace)


def story_id_of(engine, workspace) -> int:
    return story_map(engine, workspace).activities[0].tasks[1].stories[0].id
