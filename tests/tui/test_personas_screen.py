"""Pilot tests of the personas view of the "Story map & personas" section: the list and its
details, add / edit / remove, a stale edit refused, and snapshots at 80x24 and 160x45."""

from __future__ import annotations

import asyncio

from rich.text import Text
from textual.widgets import DataTable, Input, Select

from workbench.store import persona_repo
from workbench.store.db import reading
from workbench.tui.app import build_app
from workbench.tui.dialogs.confirm_dialog import ConfirmDialog
from workbench.tui.dialogs.persona_dialog import PersonaDialog
from workbench.tui.screens.storymap_screen import StoryMapScreen


def column(table: DataTable, index: int = 0) -> list[str]:
    return [cell.plain if isinstance(cell, Text) else str(cell)
            for cell in (table.get_row_at(r)[index] for r in range(table.row_count))]


def personas(engine, workspace):
    with reading(engine) as session:
        return {p.name: p for p in persona_repo.list_personas(session, workspace.id)}


async def open_personas(app, pilot, settle) -> StoryMapScreen:
    await settle(app, pilot)
    await pilot.press("3")
    await settle(app, pilot)
    await pilot.press("p")
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, StoryMapScreen)
    assert app.focused is screen.query_one("#personas", DataTable)
    return screen


def test_personas_list_and_details(demo_app, settle):
    app, _ = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_personas(app, pilot, settle)
            table = screen.query_one("#personas", DataTable)
            assert column(table) == ["Anita, warehouse shift lead",
                                     "Priya, shopper on the move", "Rahul, small seller"]
            assert column(table, 1) == ["throughput", "availability", "correctness"]
            details = str(screen.query_one("#map-details").render())
            assert "Anita" in details and "needs throughput" in details
            assert "Personas" in str(screen.query_one("#map-title").render())
            await pilot.press("down")
            assert "Priya" in str(screen.query_one("#map-details").render())
            await pilot.press("p")  # back to the board
            await settle(app, pilot)
            assert app.focused is screen.query_one("#board")
            assert "Checkout journey" in str(screen.query_one("#map-title").render())
            await pilot.press("1")  # another section and back: the personas, Priya selected
            await settle(app, pilot)
            await pilot.press("3")
            await settle(app, pilot)
            await pilot.press("p")
            await settle(app, pilot)
            assert "Priya" in str(app.screen.query_one("#map-details").render())

    asyncio.run(run())


def test_add_edit_remove_persona(demo_app, settle):
    app, workspace = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_personas(app, pilot, settle)
            await pilot.press("a")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, PersonaDialog)
            assert app.focused is dialog.query_one("#name", Input)
            dialog.query_one("#name", Input).value = "[bold]p"
            dialog.query_one("#goal", Input).value = "Refund a [red]broken[/] kettle"
            dialog.query_one("#time", Input).value = "ten minutes"
            dialog.query_one("#environment", Input).value = "desktop at work"
            dialog.query_one("#needs", Select).value = "correctness"
            dialog.query_one("#complaints", Input).value = "Refunds that never arrive"
            dialog.query_one("#team", Select).value = "Checkout"
            await pilot.press("enter")
            await settle(app, pilot)
            assert app.screen is screen
            table = screen.query_one("#personas", DataTable)
            assert "[bold]p" in column(table)
            # edit: change the need
            table.move_cursor(row=column(table).index("[bold]p"))
            await pilot.press("e")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, PersonaDialog)
            assert dialog.query_one("#goal", Input).value == "Refund a [red]broken[/] kettle"
            dialog.query_one("#needs", Select).value = "throughput"
            await pilot.press("enter")
            await settle(app, pilot)
            details = str(screen.query_one("#map-details").render())
            assert "[bold]p" in details and "[red]broken[/]" in details
            # a duplicate name stays in the dialog
            await pilot.press("a")
            await settle(app, pilot)
            app.screen.query_one("#name", Input).value = "[bold]p"
            await pilot.press("enter")
            await settle(app, pilot)
            assert isinstance(app.screen, PersonaDialog)
            assert "already exists" in str(app.screen.query_one("#dialog-error").render())
            await pilot.press("escape")
            await settle(app, pilot)

    asyncio.run(run())
    found = personas(app.engine, workspace)
    assert found["[bold]p"].needs.value == "throughput"
    assert found["[bold]p"].team_name == "Checkout"
    assert found["[bold]p"].complaints == "Refunds that never arrive"

    app = build_app(app.engine, workspace_id=workspace.id)

    async def remove():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_personas(app, pilot, settle)
            await pilot.press("d")
            await settle(app, pilot)
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("y")
            await settle(app, pilot)
            assert column(screen.query_one("#personas", DataTable))[0] == \
                "Anita, warehouse shift lead"

    asyncio.run(remove())
    assert "[bold]p" not in personas(app.engine, workspace)


def test_a_persona_changed_elsewhere_is_not_overwritten(demo_app, settle):
    from workbench.service.story_maps import PersonaFields
    from workbench.tui.dialogs.confirm_dialog import ConfirmDialog as Confirm

    app, workspace = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_personas(app, pilot, settle)
            await pilot.press("e")  # Anita
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, PersonaDialog)
            anita = personas(app.engine, workspace)["Anita, warehouse shift lead"]
            app.service.maps.update_persona(workspace.id, anita, PersonaFields(
                anita.name, "Fulfilment", "Ship every order the same day", "", "",
                "throughput", ""))
            dialog.query_one("#goal", Input).value = "Pick faster"
            await pilot.press("enter")
            await settle(app, pilot)
            assert "changed by someone else" in str(dialog.query_one("#dialog-error").render())
            assert isinstance(app.screen, Confirm)
            await pilot.press("y")
            await settle(app, pilot)
            assert app.screen is screen
            assert "Ship every order the same day" in str(
                screen.query_one("#map-details").render())

    asyncio.run(run())
    assert personas(app.engine, workspace)["Anita, warehouse shift lead"].goal == \
        "Ship every order the same day"


def personas_snapshot(snap_compare, settle, app, size) -> bool:
    async def run_before(pilot) -> None:
        await settle(pilot.app, pilot)
        await pilot.press("3")
        await settle(pilot.app, pilot)
        await pilot.press("p", "down")
        await settle(pilot.app, pilot)

    return snap_compare(app, terminal_size=size, run_before=run_before)


def test_personas_snapshot_80x24(snap_compare, demo_app, settle):
    assert personas_snapshot(snap_compare, settle, demo_app[0], (80, 24))


def test_personas_snapshot_160x45(snap_compare, demo_app, settle):
    assert personas_snapshot(snap_compare, settle, demo_app[0], (160, 45))
