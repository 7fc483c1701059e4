"""The workspace picker: rename and delete (with a confirmation that names what is lost)."""

from __future__ import annotations

import asyncio

from textual.widgets import Input, OptionList, Static

from workbench import paths
from workbench.service import Workbench
from workbench.store import repo
from workbench.store.db import reading, transaction
from workbench.tui.app import build_app
from workbench.tui.dialogs.confirm_dialog import ConfirmDialog
from workbench.tui.dialogs.name_dialog import NameDialog
from workbench.tui.screens.picker_screen import PickerScreen
from workbench.tui.screens.teams_screen import TeamsScreen


def names(engine) -> list[str]:
    with reading(engine) as session:
        return [w.name for w in repo.list_workspaces(session)]


def highlighted_name(app) -> str:
    workspace = app.screen.highlighted()
    return workspace.name if workspace else ""


def test_picker_footer_at_80x24_shows_its_keys_quit_and_help(demo, settle, footer_keys):
    engine, _ = demo
    app = build_app(engine)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            assert isinstance(app.screen, PickerScreen)
            assert footer_keys(app) == ["Open", "New", "Rename", "Delete", "Quit", "Help",
                                        "palette"]

    asyncio.run(run())


def test_rename_workspace_keeps_it_highlighted_and_remembered(demo, settle, notifications):
    engine, _ = demo
    with transaction(engine) as session:
        repo.create_workspace(session, "Acme")
    paths.write_state(last_workspace="BharatMart")
    app = build_app(engine)
    seen = notifications(app)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            assert highlighted_name(app) == "BharatMart"  # the last used one
            await pilot.press("r")
            dialog = app.screen
            assert isinstance(dialog, NameDialog)
            field = dialog.query_one("#name", Input)
            assert field.value == "BharatMart"
            field.value = "BharatMart India"
            await pilot.press("enter")
            await settle(app, pilot)
            assert isinstance(app.screen, PickerScreen)
            assert [w.name for w in app.screen.workspaces] == ["Acme", "BharatMart India"]
            assert highlighted_name(app) == "BharatMart India"
            assert [w.name for w in app.known_workspaces] == ["Acme", "BharatMart India"]
            assert any(n["message"] == "Renamed to BharatMart India" for n in seen)

    asyncio.run(run())
    assert names(engine) == ["Acme", "BharatMart India"]
    # the next start opens the renamed workspace, as it opened the old name before
    assert paths.read_state()["last_workspace"] == "BharatMart India"


def test_rename_to_a_taken_name_keeps_the_dialog_open(demo, settle):
    engine, _ = demo
    with transaction(engine) as session:
        repo.create_workspace(session, "Acme")
    app = build_app(engine)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await pilot.press("r")  # Acme is highlighted (first, nothing remembered)
            app.screen.query_one("#name", Input).value = "bharatmart"
            await pilot.press("enter")
            await settle(app, pilot)
            assert isinstance(app.screen, NameDialog)
            error = app.screen.query_one("#dialog-error", Static)
            assert "already exists" in str(error.render())

    asyncio.run(run())
    assert names(engine) == ["Acme", "BharatMart"]


def test_delete_workspace_names_what_is_lost_then_reloads(demo, settle, notifications):
    engine, workspace = demo
    with transaction(engine) as session:
        repo.create_workspace(session, "Acme")
    paths.write_state(last_workspace="BharatMart")
    app = build_app(engine)
    seen = notifications(app)
    contents = Workbench(engine).workspaces.contents(workspace)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            assert highlighted_name(app) == "BharatMart"
            await pilot.press("d")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, ConfirmDialog)
            assert app.focused.id == "cancel"  # a stray enter deletes nothing
            message = str(dialog.query_one(".dialog-message", Static).render())
            assert "'BharatMart'" in message
            for count in contents.counts():
                assert count in " ".join(message.split())
            assert "sign-offs and history" in message
            # cancel keeps it
            await pilot.press("n")
            await settle(app, pilot)
            assert names(engine) == ["Acme", "BharatMart"]
            # confirm deletes it and the list reloads
            await pilot.press("d")
            await settle(app, pilot)
            await pilot.press("y")
            await settle(app, pilot)
            assert isinstance(app.screen, PickerScreen)
            assert [w.name for w in app.screen.workspaces] == ["Acme"]
            assert app.screen.query_one("#workspaces", OptionList).option_count == 1
            assert highlighted_name(app) == "Acme"
            assert any(n["message"] == "Deleted workspace BharatMart" for n in seen)

    asyncio.run(run())
    assert names(engine) == ["Acme"]
    assert paths.read_state()["last_workspace"] is None
    # everything in it went with it
    with reading(engine) as session:
        assert repo.list_teams(session, workspace.id) == []


def test_counts_name_every_kind_the_demo_holds(demo):
    engine, workspace = demo
    contents = Workbench(engine).workspaces.contents(workspace)
    with reading(engine) as session:
        teams = len(repo.list_teams(session, workspace.id))
        services = len(repo.list_services(session, workspace.id))
    assert contents.teams == teams and contents.services == services
    assert contents.counts()[:2] == [f"{teams} teams", f"{services} services"]
    assert contents.maturity_runs and contents.story_maps and contents.personas
    assert contents.slos
    assert contents.describe().startswith(f"It holds {teams} teams, {services} services, ")
    empty = Workbench(engine).workspaces.create("Empty")
    assert Workbench(engine).workspaces.contents(empty).describe() == ""


def test_deleting_the_last_workspace_shows_the_empty_hint(engine, settle):
    with transaction(engine) as session:
        repo.create_workspace(session, "Acme")
    app = build_app(engine)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await pilot.press("delete")
            await settle(app, pilot)
            message = str(app.screen.query_one(".dialog-message", Static).render())
            assert message == "Delete the empty workspace 'Acme'?"
            await pilot.press("y")
            await settle(app, pilot)
            hint = str(app.screen.query_one("#picker-hint", Static).render())
            assert "No workspace yet" in hint
            await pilot.press("r")  # nothing to rename: a warning, no dialog
            await pilot.press("d")
            assert isinstance(app.screen, PickerScreen)

    asyncio.run(run())
    assert names(engine) == []


def test_delete_refused_when_renamed_after_the_question(demo, settle, notifications):
    """Someone renamed the workspace while the question was open: nothing is deleted, the
    one-line conflict is shown and the list shows the stored name."""
    engine, workspace = demo
    app = build_app(engine)
    seen = notifications(app)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await pilot.press("d")
            await settle(app, pilot)
            assert isinstance(app.screen, ConfirmDialog)
            Workbench(engine).workspaces.rename(workspace, "Renamed elsewhere")
            await pilot.press("y")
            await settle(app, pilot)
            errors = [n for n in seen if n["severity"] == "error"]
            assert len(errors) == 1
            assert "changed by someone else since you opened it" in errors[0]["message"]
            assert [w.name for w in app.screen.workspaces] == ["Renamed elsewhere"]

    asyncio.run(run())
    assert names(engine) == ["Renamed elsewhere"]


def test_open_after_rename_opens_the_renamed_workspace(demo, settle):
    engine, _ = demo
    app = build_app(engine)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await pilot.press("r")
            app.screen.query_one("#name", Input).value = "BM"
            await pilot.press("enter")
            await settle(app, pilot)
            await pilot.press("enter")
            await settle(app, pilot)
            assert isinstance(app.screen, TeamsScreen)
            assert app.workspace is not None and app.workspace.name == "BM"
            assert app.screen.title == "BM"

    asyncio.run(run())


def test_rename_conflict_offers_reload_and_the_list_shows_the_stored_name(demo, settle):
    engine, workspace = demo
    app = build_app(engine)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await pilot.press("r")
            Workbench(engine).workspaces.rename(workspace, "Renamed elsewhere")
            app.screen.query_one("#name", Input).value = "Mine"
            await pilot.press("enter")
            await settle(app, pilot)
            assert isinstance(app.screen, ConfirmDialog)
            assert "changed by someone else" in app.screen.body_text
            await pilot.press("y")
            await settle(app, pilot)
            assert isinstance(app.screen, PickerScreen)
            assert [w.name for w in app.screen.workspaces] == ["Renamed elsewhere"]

    asyncio.run(run())
    assert names(engine) == ["Renamed elsewhere"]
