"""Pilot tests of the SRE Workbench TUI: picker, teams & services, dialogs, palette, help."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import date

from rich.text import Text
from textual.widgets import DataTable, Input, OptionList, Select, Static

from workbench import paths
from workbench.store import repo
from workbench.store.db import reading, transaction
from workbench.tui.app import build_app
from workbench.tui.dialogs.confirm_dialog import ConfirmDialog
from workbench.tui.dialogs.name_dialog import NameDialog
from workbench.tui.dialogs.service_dialog import ServiceDialog
from workbench.tui.screens.help_screen import HelpScreen
from workbench.tui.screens.picker_screen import PickerScreen
from workbench.tui.screens.teams_screen import TeamsScreen
from workbench.tui.sections import SECTIONS, section_by_id


def column(table: DataTable, index: int = 0) -> list[str]:
    """Plain text of one column, top to bottom."""
    values = []
    for row in range(table.row_count):
        cell = table.get_row_at(row)[index]
        values.append(cell.plain if isinstance(cell, Text) else str(cell))
    return values


def cursor_text(table: DataTable, index: int = 0) -> str:
    cell = table.get_row_at(table.cursor_row)[index]
    return cell.plain if isinstance(cell, Text) else str(cell)


def team_names(engine, workspace) -> list[str]:
    with reading(engine) as session:
        return [t.name for t in repo.list_teams(session, workspace.id)]


async def type_text(pilot, text: str) -> None:
    for char in text:
        await pilot.press(char)


# --- picker ---------------------------------------------------------------------------------


def test_picker_lists_workspaces_and_opens_one(demo, settle):
    engine, workspace = demo
    with transaction(engine) as session:
        repo.create_workspace(session, "Acme")
    app = build_app(engine, db_url="sqlite:///tmp/x.db")

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            assert isinstance(app.screen, PickerScreen)
            options = app.screen.query_one("#workspaces", OptionList)
            assert options.option_count == 2
            assert [w.name for w in app.screen.workspaces] == ["Acme", "BharatMart"]
            await pilot.press("down", "enter")
            await settle(app, pilot)
            assert isinstance(app.screen, TeamsScreen)
            assert app.screen.title == "BharatMart"
            assert app.workspace == workspace
            assert app.teams_overview is not None and len(app.teams_overview.teams) == 5
            assert paths.read_state()["last_workspace"] == "BharatMart"
            # escape goes back to the picker
            await pilot.press("escape")
            await settle(app, pilot)
            assert isinstance(app.screen, PickerScreen)
            assert app.workspace is None

    asyncio.run(run())


def test_picker_empty_database_creates_workspace(engine, settle):
    app = build_app(engine)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            hint = app.screen.query_one("#picker-hint", Static)
            assert "No workspace yet" in str(hint.render())
            await pilot.press("n")
            await settle(app, pilot)
            assert isinstance(app.screen, NameDialog)
            assert app.focused is app.screen.query_one("#name", Input)
            await type_text(pilot, "Acme")
            await pilot.press("enter")
            await settle(app, pilot)
            assert isinstance(app.screen, TeamsScreen)
            assert app.screen.title == "Acme"
            details = app.screen.query_one("#details", Static)
            assert "No teams yet" in str(details.render())

    asyncio.run(run())
    with reading(engine) as session:
        assert [w.name for w in repo.list_workspaces(session)] == ["Acme"]


def test_unknown_workspace_id_falls_back_to_picker(engine, settle, notifications):
    app = build_app(engine, workspace_id=999)
    seen = notifications(app)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            assert isinstance(app.screen, PickerScreen)
            assert any("999" in n["message"] and n["severity"] == "error" for n in seen)

    asyncio.run(run())


# --- teams & services -----------------------------------------------------------------------


def test_workspace_screen_shows_teams_and_services(demo_app, settle):
    app, _workspace = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            screen = app.screen
            assert isinstance(screen, TeamsScreen)
            teams = screen.query_one("#teams", DataTable)
            services = screen.query_one("#services", DataTable)
            assert column(teams) == ["Checkout", "Fulfilment", "Platform", "SRE", "Storefront"]
            assert column(teams, 1) == ["3", "2", "2", "1", "3"]
            assert column(services)[0] == "bharatmart-api"
            assert column(services, 1)[0] == "Platform"
            assert screen.query_one("#teams-pane").border_title == "Teams (5)"
            assert screen.query_one("#services-pane").border_title == "Services (11)"
            assert app.focused is teams
            await pilot.press("tab")
            assert app.focused is services
            details = str(screen.query_one("#details", Static).render())
            assert "bharatmart-api" in details and "Platform" in details

    asyncio.run(run())


def test_add_team_through_dialog(demo_app, demo, settle):
    app, workspace = demo_app
    engine, _ = demo

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await pilot.press("a")
            assert isinstance(app.screen, NameDialog)
            assert app.focused is app.screen.query_one("#name", Input)
            await type_text(pilot, "Data")
            await pilot.press("enter")
            await settle(app, pilot)
            assert isinstance(app.screen, TeamsScreen)
            teams = app.screen.query_one("#teams", DataTable)
            assert "Data" in column(teams)
            assert cursor_text(teams) == "Data"  # the new team is selected
            assert app.teams_overview is not None
            assert "Data" in [t.name for t in app.teams_overview.teams]

    asyncio.run(run())
    assert "Data" in team_names(engine, workspace)


def test_duplicate_name_keeps_dialog_open_with_error(demo_app, demo, settle):
    app, workspace = demo_app
    engine, _ = demo

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await pilot.press("a")
            await type_text(pilot, "checkout")
            await pilot.press("enter")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, NameDialog)
            assert dialog.query_one("#name", Input).value == "checkout"
            error = dialog.query_one("#dialog-error", Static)
            assert error.display and "already exists" in str(error.render())
            # an empty name is refused the same way
            await pilot.press("ctrl+a", "ctrl+k", "enter")
            await settle(app, pilot)
            assert isinstance(app.screen, NameDialog)
            assert "empty" in str(error.render()).lower() or str(error.render())
            await pilot.press("escape")
            await settle(app, pilot)
            assert isinstance(app.screen, TeamsScreen)

    asyncio.run(run())
    assert team_names(engine, workspace) == [
        "Checkout", "Fulfilment", "Platform", "SRE", "Storefront",
    ]


def test_rename_team(demo_app, demo, settle):
    app, workspace = demo_app
    engine, _ = demo

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await pilot.press("r")
            dialog = app.screen
            assert isinstance(dialog, NameDialog)
            assert dialog.query_one("#name", Input).value == "Checkout"
            await pilot.press("ctrl+a", "ctrl+k")
            await type_text(pilot, "Basket")
            await pilot.press("enter")
            await settle(app, pilot)
            teams = app.screen.query_one("#teams", DataTable)
            assert cursor_text(teams) == "Basket"
            services = app.screen.query_one("#services", DataTable)
            assert "Basket" in column(services, 1)
            assert "Checkout" not in column(services, 1)

    asyncio.run(run())
    assert "Basket" in team_names(engine, workspace)
    assert "Checkout" not in team_names(engine, workspace)


def test_remove_team_asks_first(demo_app, demo, settle):
    app, workspace = demo_app
    engine, _ = demo

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            # cancel keeps it (escape, and the n key)
            await pilot.press("d")
            assert isinstance(app.screen, ConfirmDialog)
            assert app.focused.id == "cancel"
            await pilot.press("escape")
            await settle(app, pilot)
            await pilot.press("delete")
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("n")
            await settle(app, pilot)
            assert "Checkout" in team_names(engine, workspace)
            # confirm removes it; its services stay, unowned
            await pilot.press("d", "y")
            await settle(app, pilot)
            teams = app.screen.query_one("#teams", DataTable)
            assert "Checkout" not in column(teams)
            services = app.screen.query_one("#services", DataTable)
            assert column(services, 1).count("unowned") == 3

    asyncio.run(run())
    assert "Checkout" not in team_names(engine, workspace)


def test_add_and_edit_service_with_owner(demo_app, demo, settle):
    app, workspace = demo_app
    engine, _ = demo

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await pilot.press("tab", "a")
            dialog = app.screen
            assert isinstance(dialog, ServiceDialog)
            assert app.focused is dialog.query_one("#name", Input)
            await type_text(pilot, "loyalty")
            dialog.query_one("#team", Select).value = "SRE"
            await pilot.press("enter")
            await settle(app, pilot)
            services = app.screen.query_one("#services", DataTable)
            assert app.focused is services
            assert cursor_text(services) == "loyalty"
            assert cursor_text(services, 1) == "SRE"
            teams = app.screen.query_one("#teams", DataTable)
            assert column(teams, 1)[column(teams).index("SRE")] == "2"
            # edit: rename and clear the owner
            await pilot.press("r")
            dialog = app.screen
            assert isinstance(dialog, ServiceDialog)
            assert dialog.query_one("#team", Select).value == "SRE"
            await pilot.press("end")
            await type_text(pilot, "-points")
            dialog.query_one("#team", Select).clear()
            await pilot.press("enter")
            await settle(app, pilot)
            assert cursor_text(services) == "loyalty-points"
            assert cursor_text(services, 1) == "unowned"

    asyncio.run(run())
    with reading(engine) as session:
        service = next(s for s in repo.list_services(session, workspace.id)
                       if s.name == "loyalty-points")
    assert service.team_id is None


def test_remove_service(demo_app, demo, settle):
    app, workspace = demo_app
    engine, _ = demo

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await pilot.press("tab", "d")
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.click("#confirm")
            await settle(app, pilot)
            services = app.screen.query_one("#services", DataTable)
            assert "bharatmart-api" not in column(services)

    asyncio.run(run())
    with reading(engine) as session:
        names = [s.name for s in repo.list_services(session, workspace.id)]
    assert "bharatmart-api" not in names and len(names) == 10


def test_store_error_in_worker_is_notified(demo_app, demo, settle, notifications):
    """The team vanished behind the app's back: removal fails in the worker, the app shows
    one error notification and the tables reload."""
    app, workspace = demo_app
    engine, _ = demo
    seen = notifications(app)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            with transaction(engine) as session:
                repo.remove_team(session, workspace.id, "Checkout")
            await pilot.press("d", "y")
            await settle(app, pilot)
            errors = [n for n in seen if n["severity"] == "error"]
            assert len(errors) == 1
            assert "the team 'Checkout' no longer exists" in errors[0]["message"]
            teams = app.screen.query_one("#teams", DataTable)
            assert "Checkout" not in column(teams)

    asyncio.run(run())


def test_rename_conflict_offers_reload_and_shows_what_is_stored(demo_app, demo, settle,
                                                                notifications):
    """Someone renamed the team while the rename dialog was open: the save writes nothing,
    the dialog says so and offers to reload; reloading closes it and shows the stored
    name."""
    from workbench.service import Workbench

    app, workspace = demo_app
    engine, _ = demo
    seen = notifications(app)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await pilot.press("r")
            dialog = app.screen
            assert isinstance(dialog, NameDialog)
            # behind the dialog's back, through the service as a second session would
            other = Workbench(engine)
            team = next(t for t in other.teams.overview(workspace).teams if t.name == "Checkout")
            other.teams.rename_team(workspace.id, team, "Basket")
            other.teams.add_team(workspace.id, "Checkout")  # a new team takes the old name
            dialog.query_one("#name", Input).value = "Cart team"
            await pilot.press("enter")
            await settle(app, pilot)
            offer = app.screen
            assert isinstance(offer, ConfirmDialog)
            assert offer.dialog_title == "Changed by someone else"
            assert "changed by someone else since you opened it" in offer.body_text
            error = dialog.query_one("#dialog-error", Static)
            assert "nothing was saved" in str(error.render())
            await pilot.press("y")  # Reload
            await settle(app, pilot)
            assert isinstance(app.screen, TeamsScreen)
            teams = app.screen.query_one("#teams", DataTable)
            assert cursor_text(teams) == "Basket"  # the same team, as stored now
            assert "Cart team" not in column(teams)
            assert app.teams_overview is not None
            assert "Basket" in [t.name for t in app.teams_overview.teams]
            assert not [n for n in seen if n["severity"] == "error"]

    asyncio.run(run())
    # neither the renamed team nor the new one with the old name was changed
    assert team_names(engine, workspace) == ["Basket", "Checkout", "Fulfilment", "Platform",
                                             "SRE", "Storefront"]


def test_rename_conflict_can_be_kept_open_to_copy_the_text(demo_app, demo, settle):
    from workbench.service import Workbench

    app, workspace = demo_app
    engine, _ = demo

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await pilot.press("r")
            other = Workbench(engine)
            team = next(t for t in other.teams.overview(workspace).teams if t.name == "Checkout")
            other.teams.rename_team(workspace.id, team, "Basket")
            app.screen.query_one("#name", Input).value = "Cart team"
            await pilot.press("enter")
            await settle(app, pilot)
            await pilot.press("escape")  # not now: back to the dialog, text kept
            await settle(app, pilot)
            assert isinstance(app.screen, NameDialog)
            assert app.screen.query_one("#name", Input).value == "Cart team"

    asyncio.run(run())
    assert "Cart team" not in team_names(engine, workspace)


def test_failed_remove_after_a_rename_elsewhere_shows_one_line_and_what_is_stored(
    demo_app, demo, settle, notifications
):
    from workbench.service import Workbench

    app, workspace = demo_app
    engine, _ = demo
    seen = notifications(app)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            other = Workbench(engine)
            team = next(t for t in other.teams.overview(workspace).teams if t.name == "Checkout")
            other.teams.rename_team(workspace.id, team, "Basket")
            await pilot.press("d", "y")  # the screen still shows the old version
            await settle(app, pilot)
            errors = [n for n in seen if n["severity"] == "error"]
            assert len(errors) == 1
            message = errors[0]["message"]
            assert "\n" not in message
            assert "changed by someone else since you opened it" in message
            teams = app.screen.query_one("#teams", DataTable)
            assert cursor_text(teams) == "Basket"  # reloaded: nothing was removed
            assert not any(n["message"].startswith("Removed") for n in seen)

    asyncio.run(run())
    assert "Basket" in team_names(engine, workspace)


def test_teams_footer_at_80x24_shows_quit_and_help(demo_app, settle, footer_keys):
    app, _ = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            assert footer_keys(app) == ["Add", "Rename", "Remove", "Switch", "Back", "Quit",
                                        "Help", "palette"]
            await pilot.press("tab")
            assert footer_keys(app) == ["Add", "Edit", "Remove", "Switch", "Back", "Quit",
                                        "Help", "palette"]

    asyncio.run(run())


def test_markup_looking_names_show_literally(demo, settle):
    engine, workspace = demo
    with transaction(engine) as session:
        repo.add_team(session, workspace.id, "[bold]x", "[red]not red[/red]")
        repo.add_service(session, workspace.id, "[link=y]svc", "[bold]x")
    app = build_app(engine, workspace_id=workspace.id)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            teams = app.screen.query_one("#teams", DataTable)
            services = app.screen.query_one("#services", DataTable)
            assert "[bold]x" in column(teams)
            assert "[link=y]svc" in column(services)
            assert "[bold]x" in column(services, 1)
            teams.move_cursor(row=column(teams).index("[bold]x"))
            await pilot.pause()
            details = str(app.screen.query_one("#details", Static).render())
            assert "[bold]x" in details and "[red]not red[/red]" in details
            svg = app.export_screenshot()
            assert "[bold]x" in svg
            # the palette shows them literally too
            await pilot.press("ctrl+p")
            await type_text(pilot, "[bold")
            await settle(app, pilot)
            await pilot.press("escape")
            # and the rename dialog holds the literal name
            await pilot.press("r")
            assert app.screen.query_one("#name", Input).value == "[bold]x"

    asyncio.run(run())


# --- navigation: palette, help, sections ----------------------------------------------------


def test_command_palette_jumps_to_service(demo_app, settle):
    app, _workspace = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await pilot.press("ctrl+p")
            await type_text(pilot, "payments")
            await settle(app, pilot)
            await pilot.press("enter")
            await settle(app, pilot)
            screen = app.screen
            assert isinstance(screen, TeamsScreen)
            services = screen.query_one("#services", DataTable)
            assert app.focused is services
            assert cursor_text(services) == "payments"

    asyncio.run(run())


def test_palette_provider_lists_sections_teams_services(demo_app, settle):
    from workbench.tui.palette import WorkbenchCommands

    app, _workspace = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            provider = WorkbenchCommands(app.screen)
            texts = [text for text, _, _ in provider.entries()]
            assert "Go to Teams & services" in texts
            assert "Team: SRE" in texts
            assert "Service: payments" in texts
            hits = [hit async for hit in provider.search("fulfil")]
            assert any(hit.text == "Team: Fulfilment" for hit in hits)
            # choosing a team hit selects it in the teams table
            hit = next(h for h in hits if h.text == "Team: Fulfilment")
            hit.command()
            await settle(app, pilot)
            teams = app.screen.query_one("#teams", DataTable)
            assert app.focused is teams and cursor_text(teams) == "Fulfilment"

    asyncio.run(run())


def test_help_screen_lists_keys_and_closes(demo_app, settle):
    app, _workspace = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await pilot.press("f1")
            assert isinstance(app.screen, HelpScreen)
            rows = dict((description, keys) for keys, description in app.screen.rows)
            assert "Add a team" in rows
            assert "Go to Teams & services" in rows
            assert rows["Show all keys"] == "f1 / ?"
            await pilot.press("escape")
            assert isinstance(app.screen, TeamsScreen)
            await pilot.press("question_mark")
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("f1")
            assert isinstance(app.screen, TeamsScreen)

    asyncio.run(run())


def test_section_registry_and_keys(demo_app, settle):
    app, _workspace = demo_app
    assert SECTIONS[0].id == "teams"  # the first section opens with the workspace
    assert len({s.key for s in SECTIONS}) == len(SECTIONS)  # one key per section
    assert section_by_id("teams").title == "Teams & services"

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            first = app.screen
            await pilot.press("1")  # the current section: stays
            assert app.screen is first
            await pilot.click("#section-teams")
            assert app.screen is first
            bar = [w.id for w in app.screen.query(".section-tab")]
            assert bar == [f"section-{s.id}" for s in SECTIONS]

    asyncio.run(run())


def test_subtitle_shows_database_path(demo, tmp_path):
    engine, workspace = demo
    app = build_app(engine, db_url=f"sqlite:///{tmp_path / 'test.db'}", workspace_id=workspace.id)
    assert app.sub_title == str(tmp_path / "test.db")
    pg = build_app(engine, db_url="postgresql+psycopg://coach:secret@db/wb")
    assert "secret" not in pg.sub_title and "db/wb" in pg.sub_title


def test_picker_highlights_last_used_workspace(demo, settle):
    engine, _workspace = demo
    with transaction(engine) as session:
        repo.create_workspace(session, "Acme")
    paths.write_state(last_workspace="BharatMart")
    app = build_app(engine)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await pilot.press("enter")
            await settle(app, pilot)
            assert isinstance(app.screen, TeamsScreen)
            assert app.screen.title == "BharatMart"

    asyncio.run(run())


def test_unexpected_error_in_dialog_is_notified_and_keeps_input(
    demo_app, monkeypatch, settle, notifications
):
    app, _workspace = demo_app
    seen = notifications(app)

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(repo, "add_team", broken)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await pilot.press("a")
            await type_text(pilot, "Data")
            await pilot.press("enter")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, NameDialog)
            assert dialog.query_one("#name", Input).value == "Data"
            assert not dialog.query_one("#save").disabled
            errors = [n for n in seen if n["severity"] == "error"]
            assert len(errors) == 1
            assert errors[0]["title"] == "Unexpected error"
            assert "disk on fire" in errors[0]["message"]

    asyncio.run(run())


def test_jumping_to_a_section_drops_screens_pushed_over_the_old_one(demo_app, settle):
    from textual.screen import Screen

    app, _workspace = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            base = len(app.screen_stack)
            app.push_screen(Screen())
            await pilot.pause()
            app.show_section("teams")
            await settle(app, pilot)
            assert len(app.screen_stack) == base
            assert app.screen.SECTION_ID == "teams"

    asyncio.run(run())


def test_app_without_engine_opens_the_database_after_first_paint(db_url, settle):
    from workbench.store.db import transaction
    from workbench.store.demo import create_demo
    from workbench.store.session import open_database

    db = open_database(db_url, remember=False)
    with transaction(db.engine) as session:
        create_demo(session, date(2026, 11, 25))
    db.engine.dispose()
    app = build_app(None, db_url=db_url, workspace_name="bharatmart")

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            assert app.engine is not None
            assert app.workspace is not None and app.workspace.name == "BharatMart"
            assert app.screen.SECTION_ID == "teams"

    asyncio.run(run())
    app.engine.dispose()


def test_database_problem_at_start_ends_the_app_with_the_error(tmp_path, settle):
    import sqlite3

    path = tmp_path / "future.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        conn.execute("INSERT INTO alembic_version VALUES ('9999_from_the_future')")
    app = build_app(None, db_url=f"sqlite:///{path}")

    async def run():
        from textual.worker import WorkerCancelled

        async with app.run_test(size=(80, 24)) as pilot:
            # Exiting cancels what is still running; the opening worker has finished by then.
            with contextlib.suppress(WorkerCancelled):
                await app.workers.wait_for_complete()
            await pilot.pause()

    asyncio.run(run())
    assert app.startup_error is not None
    assert "newer than this workbench" in str(app.startup_error)
    assert app.return_code == 1
