"""Pilot tests of the maturity section: runs per team, starting a run, walking it from the
keyboard, resuming where the coach left off."""

from __future__ import annotations

import asyncio
from datetime import date

from rich.text import Text
from textual.geometry import Region
from textual.widgets import DataTable, Input, Label, OptionList, Select, Static

from workbench.store import assessment_repo as ar
from workbench.store.db import reading
from workbench.tui.dialogs.maturity_note_dialog import NoteDialog
from workbench.tui.dialogs.maturity_start_dialog import ORGANISATION, StartRunDialog
from workbench.tui.screens.maturity_screen import MaturityScreen
from workbench.tui.screens.maturity_walk_screen import WalkScreen


def plain(widget: Static) -> str:
    """The text a widget shows on screen, lines joined with newlines."""
    lines = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    return "\n".join(line.text.rstrip() for line in lines)


def column(table: DataTable, key: str) -> list[str]:
    values = []
    for row in range(table.row_count):
        cell = table.get_row_at(row)[table.get_column_index(key)]
        values.append(cell.plain if isinstance(cell, Text) else str(cell))
    return values


async def open_maturity(app, pilot, settle) -> MaturityScreen:
    await settle(app, pilot)
    await pilot.press("2")
    await settle(app, pilot)
    assert isinstance(app.screen, MaturityScreen)
    return app.screen


def test_runs_listed_per_team(demo_app, settle):
    app, _ = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_maturity(app, pilot, settle)
            table = screen.query_one("#mat-runs", DataTable)
            assert table.row_count == 4
            assert column(table, "team") == ["Checkout", "Checkout", "Platform", "Platform"]
            scopes = screen.query_one("#mat-scopes", OptionList)
            labels = [str(scopes.get_option_at_index(i).prompt)
                      for i in range(scopes.option_count)]
            assert labels[0] == "All runs (4)"
            assert "Checkout (2)" in labels and labels[-1] == "whole organisation"
            # choose Checkout: only its runs, newest first, and its next reassessment
            await pilot.press("tab")  # to the scopes
            scopes.highlighted = labels.index("Checkout (2)")
            await pilot.pause()
            assert column(table, "date") == ["2026-11-11", "2026-05-11"]
            details = plain(screen.query_one("#mat-details", Static))
            assert "Next reassessment due 2027-05-11" in details

    asyncio.run(run())


def test_start_run_and_walk_from_the_keyboard(demo_app, settle):
    app, workspace = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await open_maturity(app, pilot, settle)
            await pilot.press("a")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, StartRunDialog)
            # the date defaults to today and is validated
            day = dialog.query_one("#day", Input)
            assert day.value == "2026-11-25"
            dialog.query_one("#team", Select).value = "Storefront"
            day.value = "2026-13-01"
            day.focus()
            await pilot.press("enter")
            await settle(app, pilot)
            assert isinstance(app.screen, StartRunDialog)
            assert "not a day of the calendar" in plain(dialog.query_one("#dialog-error",
                                                                         Static))
            day.value = "2026-11-20"
            await pilot.press("enter")
            await settle(app, pilot)
            walk = app.screen
            assert isinstance(walk, WalkScreen)
            assert plain(walk.query_one("#walk-position", Label)) == "1 / 28"
            criterion = plain(walk.query_one("#walk-criterion", Static))
            assert "Organisation 1/4 · Structure" in criterion
            levels = plain(walk.query_one("#walk-levels", Static))
            assert "Siloed product, development and operations" in levels
            assert "Which departments or teams own production" in plain(
                walk.query_one("#walk-questions", Static))

            await pilot.press("2", "1", "0", "n")
            await settle(app, pilot)
            assert plain(walk.query_one("#walk-position", Label)) == "5 / 28"
            assert "People" in plain(walk.query_one("#walk-criterion", Static))
            # a note (with markup-like text) on criterion 5
            await pilot.press("e")
            await settle(app, pilot)
            assert isinstance(app.screen, NoteDialog)
            for char in "[bold]x":
                await pilot.press(char)
            await pilot.press("enter")
            for char in "pager log":
                await pilot.press(char)
            await pilot.press("enter")
            await settle(app, pilot)
            assert app.screen is walk
            assert "Note: [bold]x" in plain(walk.query_one("#walk-note", Static))
            await pilot.press("1", "right")  # answer 5, move on to 6, then to 7
            assert plain(walk.query_one("#walk-position", Label)) == "7 / 28"
            await pilot.press("pagedown", "j")
            assert plain(walk.query_one("#walk-position", Label)) == "9 / 28"
            await pilot.press("left", "pageup", "k")
            await settle(app, pilot)
            assert plain(walk.query_one("#walk-position", Label)) == "6 / 28"
            await pilot.press("escape")
            await settle(app, pilot)
            assert isinstance(app.screen, MaturityScreen)

            with reading(app.engine) as session:
                runs = ar.list_runs(session, workspace.id, "Storefront")
                assert len(runs) == 1
                run_id = runs[0].id
                assert runs[0].run_date == date(2026, 11, 20)
                answers = {a.criterion_id: a for a in ar.list_answers(session, run_id)}
            assert {k: a.level for k, a in answers.items()} == {
                "org-structure": 2, "org-alignment": 1, "org-formal-leadership": 0,
                "org-informal-leadership": None, "people-developers": 1,
            }
            assert answers["people-developers"].note == "[bold]x"
            assert answers["people-developers"].evidence == "pager log"
            table = app.screen.query_one("#mat-runs", DataTable)
            assert column(table, "done")[0] == "5/28"

            # coming back resumes at criterion 6
            await pilot.press("enter")
            await settle(app, pilot)
            walk = app.screen
            assert isinstance(walk, WalkScreen)
            assert plain(walk.query_one("#walk-position", Label)) == "6 / 28"
            assert plain(walk.query_one("#walk-answered", Label)) == "5 answered"

    asyncio.run(run())


def test_agreed_run_is_read_only(demo_app, notifications, settle):
    app, _ = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_maturity(app, pilot, settle)
            table = screen.query_one("#mat-runs", DataTable)
            table.move_cursor(row=1)  # Checkout's agreed baseline
            await pilot.press("w")
            await settle(app, pilot)
            walk = app.screen
            assert isinstance(walk, WalkScreen)
            assert "agreed, read-only" in plain(walk.query_one("#walk-head", Static))
            seen = notifications(app)
            await pilot.press("2")
            assert "reopen it as a draft" in seen[-1]["message"]

    asyncio.run(run())


def test_four_level_model_for_the_whole_organisation(demo_app, settle):
    app, workspace = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_maturity(app, pilot, settle)
            scopes = screen.query_one("#mat-scopes", OptionList)
            scopes.highlighted = scopes.option_count - 1  # whole organisation
            await pilot.pause()
            assert screen.query_one("#mat-runs", DataTable).row_count == 0
            assert "No runs here yet" in plain(screen.query_one("#mat-details", Static))
            await pilot.press("a")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, StartRunDialog)
            assert dialog.query_one("#team", Select).value == ORGANISATION  # the scope
            models = dialog.query_one("#model", Select)
            models.value = next(i for i, m in enumerate(dialog.models)
                                if m.id == "maturity-stages")
            dialog.query_one("#day", Input).focus()
            await pilot.press("enter")
            await settle(app, pilot)
            walk = app.screen
            assert isinstance(walk, WalkScreen)
            assert "whole organisation" in plain(walk.query_one("#walk-head", Static))
            await pilot.press("3", "escape")
            await settle(app, pilot)
            with reading(app.engine) as session:
                runs = ar.list_runs(session, workspace.id, organisation=True)
                assert [r.model_id for r in runs] == ["maturity-stages"]
                assert [a.level for a in ar.list_answers(session, runs[0].id)] == [3]
            table = app.screen.query_one("#mat-runs", DataTable)
            assert table.row_count == 1

    asyncio.run(run())


def test_walk_resumes_demo_run_and_shows_last_runs_level(demo_app, settle):
    app, _ = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await open_maturity(app, pilot, settle)
            await pilot.press("enter")  # Checkout's latest run, cursor on "Risks"
            await settle(app, pilot)
            walk = app.screen
            assert isinstance(walk, WalkScreen)
            assert plain(walk.query_one("#walk-position", Label)) == "17 / 28"
            levels = plain(walk.query_one("#walk-levels", Static))
            # the baseline said 1 for Risks; the respondents disagree by two levels
            assert "Narrow responsibilities  ◂ last run (2026-05-11)" in levels
            assert "spread 2  ⚠ differ by 2+ levels" in levels
            await pilot.press("u")  # the next criterion without an answer
            assert plain(walk.query_one("#walk-position", Label)) == "18 / 28"

    asyncio.run(run())
