"""SVG snapshots (pytest-textual-snapshot) of the app shell: the teams section, the workspace
picker, the help and the high-contrast theme, at 80x24 and 160x45. Update with
``pytest tests/tui --snapshot-update`` and review the SVGs before committing."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tests.tui.conftest import DEMO_DAY
from workbench.config import load_settings
from workbench.store import repo
from workbench.store.db import transaction
from workbench.tui.app import build_app
from workbench.tui.theme import HIGH_CONTRAST_NAME

SIZES = pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])


def no_blink(app) -> None:
    for field in app.screen.query(Input):
        field.cursor_blink = False  # a blinking cursor makes the snapshot flaky


def test_workspace_screen_80x24(snap_compare, demo_app, settle):
    app, _ = demo_app  # no db_url: the subtitle would show a tmp path

    async def run_before(pilot) -> None:
        await settle(pilot.app, pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_workspace_screen_160x45(snap_compare, demo_app, settle):
    app, _ = demo_app

    async def run_before(pilot) -> None:
        await settle(pilot.app, pilot)

    assert snap_compare(app, terminal_size=(160, 45), run_before=run_before)


def test_add_service_dialog_80x24(snap_compare, demo_app, settle):
    app, _ = demo_app

    async def run_before(pilot) -> None:
        await settle(pilot.app, pilot)
        await pilot.press("tab", "a")
        await settle(pilot.app, pilot)
        no_blink(pilot.app)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@SIZES
def test_picker_with_two_workspaces(snap_compare, demo, settle, size):
    engine, _ = demo
    with transaction(engine) as session:
        repo.create_workspace(session, "Acme Retail", "A second organisation, still empty.")
    app = build_app(engine, today=DEMO_DAY)

    async def run_before(pilot) -> None:
        await settle(pilot.app, pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_delete_workspace_question_80x24(snap_compare, demo, settle):
    engine, _ = demo
    app = build_app(engine, today=DEMO_DAY)

    async def run_before(pilot) -> None:
        await settle(pilot.app, pilot)
        await pilot.press("d")
        await settle(pilot.app, pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@SIZES
def test_help_on_the_teams_screen(snap_compare, demo_app, settle, size):
    app, _ = demo_app

    async def run_before(pilot) -> None:
        await settle(pilot.app, pilot)
        await pilot.press("f1")
        await settle(pilot.app, pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@SIZES
def test_teams_in_high_contrast(snap_compare, demo, settle, size):
    engine, workspace = demo
    app = build_app(engine, workspace_id=workspace.id, today=DEMO_DAY,
                    settings=load_settings(theme=HIGH_CONTRAST_NAME))

    async def run_before(pilot) -> None:
        await settle(pilot.app, pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_version_conflict_offer_80x24(snap_compare, demo, settle):
    from workbench.service import Workbench

    engine, workspace = demo
    app = build_app(engine, workspace_id=workspace.id, today=DEMO_DAY)

    async def run_before(pilot) -> None:
        await settle(pilot.app, pilot)
        await pilot.press("r")
        other = Workbench(engine)
        team = other.teams.overview(workspace).teams[0]
        other.teams.rename_team(workspace.id, team, "Basket")
        pilot.app.screen.query_one("#name", Input).value = "Cart team"
        await pilot.press("enter")
        await settle(pilot.app, pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
