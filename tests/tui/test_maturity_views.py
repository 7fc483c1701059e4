"""Pilot tests of the maturity views: summary, compare, respondents, hypotheses, and the
next reassessment on the teams screen."""

from __future__ import annotations

import asyncio
from datetime import date

from rich.text import Text
from test_maturity_walk import column, open_maturity, plain
from textual.widgets import DataTable, OptionList, Static

from workbench.store import assessment_repo as ar
from workbench.store.db import transaction
from workbench.tui.screens.maturity_compare_screen import CompareScreen
from workbench.tui.screens.maturity_hypotheses_screen import HypothesesScreen
from workbench.tui.screens.maturity_respondents_screen import RespondentsScreen
from workbench.tui.screens.maturity_screen import MaturityScreen
from workbench.tui.screens.maturity_summary_screen import SummaryScreen
from workbench.tui.widgets.maturity_bars import ScoreBars, bar


def row_text(table: DataTable, key: str) -> list[str]:
    return [c.plain if isinstance(c, Text) else str(c) for c in table.get_row(key)]


def test_bar_draws_eighths():
    assert bar(0.5, 10).plain == "█████░░░░░"
    assert bar(1, 4).plain == "████"
    assert bar(0.0625, 2).plain == "▏░"  # an eighth of a cell
    assert bar(None, 3).plain == "···"


def test_summary_shows_exact_scores(demo, settle):
    engine, workspace = demo
    with transaction(engine) as session:
        run = ar.create_run(session, workspace.id, "Fulfilment", "sre-maturity", None,
                            date(2026, 11, 1), title="[bold]known")
        # organisation: 2, 0 and two not assessed -> 1.00 / 50.0%
        ar.set_answer(session, run.id, "org-structure", 2)
        ar.set_answer(session, run.id, "org-alignment", 0)
        ar.set_answer(session, run.id, "org-formal-leadership", None)
        # culture: 2, 2, 1 -> 1.67 / 83.3%, generative
        for cid, level in (("culture-cooperation", 2), ("culture-messengers", 2),
                           ("culture-risks", 1)):
            ar.set_answer(session, run.id, cid, level)
    from workbench.tui.app import build_app

    app = build_app(engine, workspace_id=workspace.id, today=date(2026, 11, 25))

    async def run_test():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_maturity(app, pilot, settle)
            table = screen.query_one("#mat-runs", DataTable)
            table.move_cursor(row=table.get_row_index(str(run.id)))
            await pilot.pause()
            # the runs table: 6 answers, one of them "not assessed"; 22 unanswered
            keys = [column.key.value for column in table.columns.values()]
            cells = dict(zip(keys, row_text(table, str(run.id)), strict=True))
            assert (cells["done"], cells["na"], cells["score"]) == ("6/28", "1", "1.33 67%")
            details = plain(screen.query_one("#mat-details", Static))
            assert "Walk: 6/28 answered (1 not assessed), 22 unanswered" in details
            await pilot.press("s")
            await settle(app, pilot)
            summary = app.screen
            assert isinstance(summary, SummaryScreen)
            dims = summary.query_one("#summary-table", DataTable)
            # columns: level, %, assessed, not assessed, unanswered, typology
            assert row_text(dims, "organisation") == [
                "Organisation", "1.00", "50.0%", "2", "1", "1", ""]
            assert row_text(dims, "culture") == [
                "Culture", "1.67", "83.3%", "3", "0", "3", "generative"]
            assert row_text(dims, "people") == ["People", "-", "-", "0", "0", "4", ""]
            # overall = mean of the dimension means: (1 + 5/3) / 2 = 1.33 (66.7%)
            assert row_text(dims, "overall") == [
                "Overall", "1.33", "66.7%", "5", "1", "22", ""]
            text = plain(summary.query_one("#summary-overall", Static))
            assert ("5 of 28 criteria assessed · not in the means: 1 not assessed, "
                    "22 unanswered") in text
            assert "Culture (Westrum): generative" in text
            assert "Next reassessment due 2027-05-01" in text
            bars = plain(summary.query_one("#summary-bars", ScoreBars))
            assert "Organisation" in bars and "1.00  50.0%" in bars
            assert "Westrum: generative" in bars
            # the title is user text, shown as typed
            assert "[bold]known" in plain(summary.query_one("#summary-head", Static))

            # per criterion: a level, "not assessed" or "unanswered"
            await pilot.press("v")
            await settle(app, pilot)
            criteria = summary.query_one("#summary-criteria", DataTable)
            assert criteria.display and not dims.display
            assert row_text(criteria, "org-structure") == [
                "Organisation", "Structure", "2", "Independent cross-functional t…"]  # cut at 80
            assert row_text(criteria, "org-formal-leadership")[1:] == [
                "Formal leadership", "-", "not assessed"]
            assert row_text(criteria, "org-informal-leadership")[1:] == [
                "Informal leadership", "-", "unanswered"]
            assert column(criteria, "answer").count("not assessed") == 1
            assert column(criteria, "answer").count("unanswered") == 22
            await pilot.press("v")
            assert dims.display and not criteria.display

    asyncio.run(run_test())


def test_compare_demo_runs_shows_arrows_biggest_movers_first(demo_app, settle):
    app, _ = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_maturity(app, pilot, settle)
            # Checkout's latest run is selected; c compares it with the run before
            await pilot.press("c")
            await settle(app, pilot)
            compare = app.screen
            assert isinstance(compare, CompareScreen)
            head = plain(compare.query_one("#compare-head", Static))
            assert "2026-05-11 Baseline → 2026-11-11 Six-month reassessment" in head
            assert "Overall 0.53 → 1.13 ↑ +0.60" in head
            assert "next reassessment due 2027-05-11" in head
            dims = compare.query_one("#compare-dimensions", DataTable)
            assert column(dims, "name")[:2] == ["Process", "Technology"]
            assert row_text(dims, "process") == ["Process", "0.38", "1.13", "↑ +0.75"]
            criteria = compare.query_one("#compare-criteria", DataTable)
            assert row_text(criteria, "process-deployment")[:3] == ["↓ -1", "1→0",
                                                                    "Deployment"]
            assert column(criteria, "change")[0] == "↓ -1"  # a drop first on equal size
            assert row_text(criteria, "org-structure")[:2] == ["↑ +1", "0→1"]
            await pilot.press("escape")
            await settle(app, pilot)

            # pick two runs: mark Platform's baseline, compare with Checkout's latest
            assert isinstance(app.screen, MaturityScreen)
            table = screen.query_one("#mat-runs", DataTable)
            table.move_cursor(row=3)
            await pilot.press("space")
            table.move_cursor(row=2)
            await pilot.press("c")
            await settle(app, pilot)
            compare = app.screen
            assert isinstance(compare, CompareScreen)
            assert compare.before.title == "Baseline" and compare.before.team == "Platform"
            assert compare.after.team == "Platform"

    asyncio.run(run())


def test_respondents_view_flags_two_level_spread(demo_app, settle):
    app, _ = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await open_maturity(app, pilot, settle)
            await pilot.press("r")
            await settle(app, pilot)
            view = app.screen
            assert isinstance(view, RespondentsScreen)
            table = view.query_one("#resp-table", DataTable)
            assert table.row_count == 6
            assert row_text(table, "culture-risks") == ["Risks", "0", "1", "2", "1", "2", "⚠"]
            assert row_text(table, "culture-cooperation")[-3:] == ["1", "1", ""]
            head = plain(view.query_one("#resp-head", Static))
            assert "Asha Rao, Vikram Nair, anonymous 1" in head
            assert "1 criterion where respondents differ by 2 levels or more" in head
            await pilot.press("f")
            assert table.row_count == 1

    asyncio.run(run())


def test_hypotheses_list_with_deltas(demo_app, settle):
    app, _ = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await open_maturity(app, pilot, settle)
            await pilot.press("h")
            await settle(app, pilot)
            view = app.screen
            assert isinstance(view, HypothesesScreen)
            table = view.query_one("#hyp-table", DataTable)
            assert column(table, "group") == ["Developers", "Product owners", "Executives"]
            assert column(table, "status") == ["open", "open", "confirmed"]
            assert column(table, "review")[0] == "2026-08-11 due"
            assert column(table, "delta") == ["↑3", "-", "↑2"]
            details = view.query_one("#hyp-details", Static)
            assert "On-call 1→2 ↑+1" in str(details.content)
            await pilot.press("down")
            assert "no runs on both sides of the review date yet" in str(details.content)

    asyncio.run(run())


def test_teams_screen_shows_next_reassessment(demo_app, settle):
    app, _ = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            teams = app.screen.query_one("#teams", DataTable)
            teams.move_cursor(row=teams.get_row_index(str(next(
                t.id for t in app.screen.overview.teams if t.name == "Checkout"))))
            await pilot.pause()
            details = app.screen.query_one("#details", Static)
            assert "next maturity reassessment due 2027-05-11" in str(details.content)

    asyncio.run(run())


def test_respondents_and_hypotheses_follow_the_selection(demo_app, settle):
    app, _ = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_maturity(app, pilot, settle)
            table = screen.query_one("#mat-runs", DataTable)
            table.move_cursor(row=2)  # Platform's latest run: nobody else answered
            await pilot.press("r")
            await settle(app, pilot)
            assert isinstance(app.screen, RespondentsScreen)
            head = str(app.screen.query_one("#resp-head", Static).content)
            assert "No respondents yet" in head
            await pilot.press("escape")
            await settle(app, pilot)
            # with Checkout chosen on the left, only its (and organisation-wide) hypotheses
            scopes = screen.query_one("#mat-scopes", OptionList)
            scopes.highlighted = 1  # Checkout
            await pilot.pause()
            await pilot.press("h")
            await settle(app, pilot)
            view = app.screen
            assert isinstance(view, HypothesesScreen)
            hyp = view.query_one("#hyp-table", DataTable)
            assert column(hyp, "team") == ["Checkout", "Checkout"]
            assert "for Checkout" in str(view.query_one("#hyp-head", Static).content)

    asyncio.run(run())
