"""Pilot tests of a run's lifecycle in the maturity section: agreeing in two steps (the
answers become read-only), reopening with a reason (kept in the history) from the runs list
and from the walk, and the footer at 80x24."""

from __future__ import annotations

import asyncio

from test_maturity_walk import column, open_maturity, plain
from textual.widgets import DataTable, Input, Label, Static

from workbench.store import assessment_repo as ar
from workbench.store.db import reading
from workbench.tui.dialogs.agree_dialog import AgreeDialog
from workbench.tui.dialogs.name_dialog import NameDialog
from workbench.tui.screens.history_screen import HistoryScreen
from workbench.tui.screens.maturity_walk_screen import WalkScreen


def footer_keys(screen) -> list[tuple[str, int]]:
    """(description, right edge) of every key the footer draws."""
    return [(key.description, key.region.right) for key in screen.query("FooterKey")]


def assert_footer_fits(screen, width: int = 80) -> list[str]:
    keys = footer_keys(screen)
    shown = [description for description, right in keys if 0 < right <= width]
    assert "Quit" in shown and "Help" in shown, keys
    assert all(right <= width for _, right in keys), keys
    return shown


def test_agree_in_two_steps_then_answers_are_read_only(demo_app, notifications, settle):
    app, _ = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_maturity(app, pilot, settle)
            table = screen.query_one("#mat-runs", DataTable)
            assert column(table, "status")[0] == "draft"  # Checkout's latest run
            run_id = int(table.coordinate_to_cell_key(table.cursor_coordinate)[0].value)
            seen = notifications(app)

            # the coach signs first: still a draft, waiting for the team
            await pilot.press("g")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, AgreeDialog)
            dialog.query_one("#signer-0", Input).value = "Meera Iyer"  # coach
            dialog.query_one("#signer-0", Input).focus()
            await pilot.press("enter")
            await settle(app, pilot)
            assert app.screen is screen
            assert "signed by Meera Iyer (coach); waiting for team" in seen[-1]["message"]
            assert column(table, "status")[0] == "draft"
            details = plain(screen.query_one("#mat-details", Static))
            assert "draft · waiting for team" in details

            # then the team: agreed
            await pilot.press("g")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, AgreeDialog)
            assert [p.role for p in dialog.row_parties] == ["team"]
            dialog.query_one("#signer-0", Input).value = "Asha Rao"
            dialog.query_one("#signer-0", Input).focus()
            await pilot.press("enter")
            await settle(app, pilot)
            assert seen[-1]["message"].endswith("is agreed")
            assert column(table, "status")[0] == "agreed"
            details = plain(screen.query_one("#mat-details", Static)).splitlines()
            assert details[2].strip() == "agreed"

            # the walk is read-only now: no editing keys, and a key pressed says how to reopen
            await pilot.press("w")
            await settle(app, pilot)
            walk = app.screen
            assert isinstance(walk, WalkScreen)
            assert "agreed, read-only (o reopens)" in plain(walk.query_one("#walk-head",
                                                                           Static))
            shown = assert_footer_fits(walk)
            assert "Reopen" in shown and "Level" not in shown and "Note" not in shown
            before = plain(walk.query_one("#walk-answered", Label))
            await pilot.press("2", "n", "e")
            await settle(app, pilot)
            assert app.screen is walk  # no note dialog
            assert "press o to reopen it as a draft" in seen[-1]["message"]
            assert plain(walk.query_one("#walk-answered", Label)) == before
            with reading(app.engine) as session:
                answers = {a.criterion_id: a.level for a in ar.list_answers(session, run_id)}
                assert ar.get_run(session, run_id).status.value == "agreed"
            assert "culture-risks" not in answers  # the criterion the walk resumed at

    asyncio.run(run())


def test_reopen_with_a_reason_shows_in_the_history(demo_app, notifications, settle):
    app, _ = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_maturity(app, pilot, settle)
            table = screen.query_one("#mat-runs", DataTable)
            table.move_cursor(row=1)  # Checkout's agreed baseline
            await pilot.pause()
            seen = notifications(app)
            await pilot.press("o")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, NameDialog)
            dialog.query_one("#name", Input).value = "the October incident review"
            await pilot.press("enter")
            await settle(app, pilot)
            assert app.screen is screen
            assert "is a draft again" in seen[-1]["message"]
            assert column(table, "status")[1] == "draft*"  # the agreed revision in force
            details = plain(screen.query_one("#mat-details", Static))
            assert "draft · agreed revision" in details and "in force" in details

            # reopening a draft is refused with a message, not a dialog
            await pilot.press("o")
            await settle(app, pilot)
            assert app.screen is screen
            assert "only an agreed document is reopened" in seen[-1]["message"]

            await pilot.press("y")
            await settle(app, pilot)
            history = app.screen
            assert isinstance(history, HistoryScreen)
            summaries = [e.revision.summary for e in history.entries]
            assert summaries[-1] == "reopened: the October incident review"
            assert summaries[0] == "started"
            await pilot.press("escape")
            await settle(app, pilot)
            assert app.screen is screen

    asyncio.run(run())


def test_reopen_from_the_walk_makes_it_editable(demo_app, settle):
    app, _ = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_maturity(app, pilot, settle)
            screen.query_one("#mat-runs", DataTable).move_cursor(row=1)
            await pilot.press("w")
            await settle(app, pilot)
            walk = app.screen
            assert isinstance(walk, WalkScreen) and not walk.run.editable
            await pilot.press("o")
            await settle(app, pilot)
            assert isinstance(app.screen, NameDialog)
            app.screen.query_one("#name", Input).value = "answers were entered wrongly"
            await pilot.press("enter")
            await settle(app, pilot)
            assert app.screen is walk and walk.run.editable
            assert "read-only" not in plain(walk.query_one("#walk-head", Static))
            shown = assert_footer_fits(walk)
            assert "Level" in shown and "Reopen" not in shown
            criterion = walk.criterion.id
            await pilot.press("2")
            await settle(app, pilot)
            with reading(app.engine) as session:
                answers = {a.criterion_id: a.level
                           for a in ar.list_answers(session, walk.run.id)}
            assert answers[criterion] == 2

    asyncio.run(run())


def test_footers_at_80x24_keep_quit_and_help(demo_app, settle):
    app, _ = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_maturity(app, pilot, settle)
            shown = assert_footer_fits(screen)
            main = ("Start", "Walk", "Summary", "Compare")
            assert [k for k in shown if k in main] == list(main)
            for key, must_show in (("enter", "Level"), ("s", "Criteria"), ("c", "Switch"),
                                   ("r", "Only flagged"), ("h", "Add")):
                await pilot.press(key)
                await settle(app, pilot)
                assert must_show in assert_footer_fits(app.screen), key
                await pilot.press("escape")
                await settle(app, pilot)
                assert app.screen is screen

    asyncio.run(run())
