"""Pilot tests of the SLO section: list with lifecycle, editor dialog (live meaning, F2,
rename, version conflict), agree / reopen / history, budget view with period steps, CSV
import, and snapshots at 80x24 and 160x45. Every app is built with a fixed day."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest
from rich.text import Text
from textual.widgets import Button, DataTable, Input, Select, Static

from workbench.domain.slo.records import DailyCount
from workbench.service import Workbench
from workbench.store import repo, slo_repo
from workbench.store.db import reading, transaction
from workbench.tui.app import build_app
from workbench.tui.dialogs.agree_dialog import AgreeDialog
from workbench.tui.dialogs.confirm_dialog import ConfirmDialog
from workbench.tui.dialogs.name_dialog import NameDialog
from workbench.tui.dialogs.slo_dialog import SloDialog
from workbench.tui.screens.history_screen import HistoryScreen
from workbench.tui.screens.slo_budget_screen import SloBudgetScreen
from workbench.tui.screens.slo_screen import SloScreen
from workbench.tui.widgets.burndown import BurnDownChart

DAY = date(2026, 11, 25)
EARLY = date(2026, 12, 1)
"""Day 2 of period 13 of 2026, which runs five weeks (30 Nov 2026 to 3 Jan 2027)."""


def column(table: DataTable, index: int = 0) -> list[str]:
    return [cell.plain if isinstance(cell, Text) else str(cell)
            for cell in (table.get_row_at(r)[index] for r in range(table.row_count))]


def cell(screen: SloScreen, name: str, index: int) -> str:
    table = screen.query_one("#slos", DataTable)
    return column(table, index)[column(table).index(name)]


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def figures(screen: SloBudgetScreen) -> dict[str, str]:
    table = screen.query_one("#budget-figures", DataTable)
    return dict(zip(column(table), column(table, 1), strict=True))


async def type_text(pilot, text: str) -> None:
    for char in text:
        await pilot.press(char)


async def open_slos(app, pilot, settle) -> SloScreen:
    await settle(app, pilot)
    await pilot.press("4")
    await settle(app, pilot)
    assert isinstance(app.screen, SloScreen)
    return app.screen


async def select_slo(screen: SloScreen, pilot, name: str) -> None:
    table = screen.query_one("#slos", DataTable)
    table.move_cursor(row=column(table).index(name))
    await pilot.pause()


def slo_names(engine, workspace) -> list[str]:
    with reading(engine) as session:
        return [s.name for s in slo_repo.list_slos(session, workspace.id)]


@pytest.fixture
def small(engine):
    """A workspace with one service and one 28-day SLO with a single day of counts:
    99.9% of 1,000,000 allows 1,000 bad events; 250 were bad, so 25% is consumed."""
    with transaction(engine) as session:
        ws = repo.create_workspace(session, "Acme")
        repo.add_service(session, ws.id, "orders")
        slo, _ = slo_repo.save_slo(session, ws.id, "orders-availability", target="99.9",
                                   period="28d", service="orders",
                                   description="Orders accepted without a server error")
        slo_repo.upsert_counts(session, slo.id, [DailyCount(DAY, 999_750, 250)])
    return engine, ws


@pytest.fixture
def small_app(small):
    engine, workspace = small
    return build_app(engine, workspace_id=workspace.id, today=DAY), engine, workspace


@pytest.fixture
def early_demo(engine, monkeypatch):
    """The demo opened on day 2 of a compliance period: its counts end that day."""
    from workbench.store.demo import create_demo

    with transaction(engine) as session:
        workspace, _ = create_demo(session, EARLY)
    return build_app(engine, workspace_id=workspace.id, today=EARLY), workspace


# --- the list ---------------------------------------------------------------------------


def test_slo_list_shows_budget_and_lifecycle_of_demo(demo_app, settle):
    app, _ = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_slos(app, pilot, settle)
            table = screen.query_one("#slos", DataTable)
            assert column(table)[0] == "checkout-availability"
            assert cell(screen, "upi-payment-availability", 3) == "spent"
            assert cell(screen, "upi-payment-availability", 2).startswith("-")
            assert cell(screen, "checkout-availability", 4) == "agreed"
            assert cell(screen, "search-latency", 4) == "draft"
            assert "as of 2026-11-25" in screen.query_one("#slo-pane").border_title
            details = text_of(screen, "#slo-details")
            assert details.startswith("checkout-availability · 99.9% available · agreed")
            await select_slo(screen, pilot, "search-latency")
            details = text_of(screen, "#slo-details")
            assert "draft · waiting for operations, development, product owner" in details
            assert "5xx" not in details and "Downtime" not in details  # a latency SLO

    asyncio.run(run())


def test_footer_of_the_list_keeps_quit_and_help_at_80x24(demo_app, settle):
    app, _ = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_slos(app, pilot, settle)
            shown = [b.binding.description for b in screen.active_bindings.values()
                     if b.binding.show]
            assert shown == ["Add", "Edit", "Budget", "Back", "Agree", "Quit", "Help"]

    asyncio.run(run())


# --- the editor -------------------------------------------------------------------------


def test_add_slo_shows_live_meaning_and_saves(demo, settle):
    engine, workspace = demo
    app = build_app(engine, workspace_id=workspace.id, today=DAY)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await open_slos(app, pilot, settle)
            await pilot.press("a")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, SloDialog)
            assert app.focused is dialog.query_one("#name", Input)
            assert not dialog.query("#status")  # status changes only by agree / reopen
            await type_text(pilot, "[bold]x")
            dialog.query_one("#target", Input).focus()
            await type_text(pilot, "99.9")
            await pilot.pause()
            meaning = text_of(dialog, "#meaning")
            assert "Allows 1,000 per million requests to fail" in meaning
            assert "Downtime allowed: 40.32 min per 4 weeks" in meaning
            assert "43.2 min per 30 days" in meaning
            assert not dialog.query_one("#meaning").has_class("-error")
            assert dialog.query_one("#bad-status", Input).display
            assert not dialog.query_one("#threshold", Input).display
            await pilot.press("enter")
            await settle(app, pilot)
            assert isinstance(app.screen, SloScreen)
            table = app.screen.query_one("#slos", DataTable)
            assert table.get_row_at(table.cursor_row)[0].plain == "[bold]x"
            assert cell(app.screen, "[bold]x", 4) == "draft"

    asyncio.run(run())
    with reading(engine) as session:
        slo = slo_repo.get_slo(session, workspace.id, "[bold]x")
    assert str(slo.target) == "99.9" and slo.period == "4w" and len(slo.uid) == 32


def test_target_100_shows_error_and_keeps_dialog(small_app, settle):
    app, engine, workspace = small_app
    before = slo_names(engine, workspace)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await open_slos(app, pilot, settle)
            await pilot.press("a")
            await settle(app, pilot)
            dialog = app.screen
            dialog.query_one("#name", Input).value = "too-tight"
            dialog.query_one("#target", Input).value = "100"
            await pilot.pause()
            assert "leaves no error budget" in text_of(dialog, "#meaning")
            assert dialog.query_one("#meaning").has_class("-error")
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert app.screen is dialog  # still open, nothing lost
            assert "leaves no error budget" in text_of(dialog, "#dialog-error")
            assert dialog.query_one("#name", Input).value == "too-tight"
            assert dialog.query_one("#target", Input).value == "100"
            await pilot.press("escape")
            await settle(app, pilot)
            assert isinstance(app.screen, SloScreen)

    asyncio.run(run())
    assert slo_names(engine, workspace) == before


def test_f2_gives_the_defaults_of_the_kind_chosen_with_the_keyboard(small_app, settle):
    app, _, _ = small_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await open_slos(app, pilot, settle)
            await pilot.press("a")
            await settle(app, pilot)
            dialog = app.screen
            await pilot.press("f2")
            await pilot.pause()
            assert dialog.query_one("#target", Input).value == "90"
            assert "Downtime allowed" in text_of(dialog, "#meaning")
            dialog.query_one("#kind", Select).focus()
            await pilot.press("enter", "down", "enter")  # open the list, pick latency
            await pilot.pause()
            assert dialog.query_one("#kind", Select).value == "latency"
            await pilot.press("f2")
            await pilot.pause()
            assert dialog.query_one("#target", Input).value == "80"
            assert dialog.query_one("#threshold", Input).value == "1000"
            meaning = text_of(dialog, "#meaning")
            assert "Allows 200,000 per million requests slower than 1,000 ms" in meaning
            assert "Downtime" not in meaning
            # the bad status codes apply to availability only
            assert not dialog.query_one("#bad-status", Input).display
            assert not dialog.query_one("#bad-status-label").display
            assert dialog.query_one("#threshold", Input).display
            dialog.query_one("#historical", Input).value = "75"
            await pilot.pause()
            warning = dialog.query_one("#slo-warning", Static)
            assert warning.has_class("-shown")
            assert "tighter than the 75%" in str(warning.render())

    asyncio.run(run())


def test_f2_on_an_existing_latency_slo(demo_app, settle):
    app, _ = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_slos(app, pilot, settle)
            await select_slo(screen, pilot, "checkout-latency")
            await pilot.press("e")
            await settle(app, pilot)
            dialog = app.screen
            assert dialog.query_one("#target", Input).value == "95"
            await pilot.press("f2")
            await pilot.pause()
            assert dialog.query_one("#target", Input).value == "80"
            assert dialog.query_one("#threshold", Input).value == "1000"
            assert "Downtime" not in text_of(dialog, "#meaning")

    asyncio.run(run())


def test_rename_keeps_counts_description_and_history(small_app, settle):
    app, engine, workspace = small_app
    with reading(engine) as session:
        before = slo_repo.get_slo(session, workspace.id, "orders-availability")

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await open_slos(app, pilot, settle)
            await pilot.press("enter")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, SloDialog)
            target = dialog.query_one("#target", Input)
            assert app.focused is target and target.value == "99.9"
            assert dialog.query_one("#service", Select).value == "orders"
            assert dialog.query_one("#period", Select).value == "28d"
            dialog.query_one("#name", Input).value = "orders-accepted"
            target.value = "99.5"
            await pilot.press("enter")
            await settle(app, pilot)
            table = app.screen.query_one("#slos", DataTable)
            assert column(table) == ["orders-accepted"] and column(table, 1) == ["99.5%"]
            assert column(table, 2) == ["95%"]  # the same counts, a looser target

    asyncio.run(run())
    with reading(engine) as session:
        after = slo_repo.get_slo(session, workspace.id, before.uid)
        history = repo.history(session, workspace.id, "slo", str(before.id))
        counts = slo_repo.list_counts(session, after.id)
    assert (after.id, after.name, after.description) == (
        before.id, "orders-accepted", "Orders accepted without a server error")
    assert counts == [DailyCount(DAY, 999_750, 250)]
    assert history[-1].summary == "renamed from orders-availability"


def test_saving_over_someone_elses_change_offers_to_reload(small_app, settle):
    app, engine, workspace = small_app
    other = Workbench(engine, today=DAY)  # a second session on the same database file

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await open_slos(app, pilot, settle)
            await pilot.press("e")
            await settle(app, pilot)
            dialog = app.screen
            opened = dialog.slo
            other.slos.save(workspace.id, opened.name, {"target": "99.0"}, original=opened)
            dialog.query_one("#target", Input).value = "99.5"
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            offer = app.screen
            assert isinstance(offer, ConfirmDialog)
            assert "changed by someone else since you opened it" in offer.body_text
            assert "changed by someone else" in text_of(dialog, "#dialog-error")
            await pilot.press("y")  # Reload
            await settle(app, pilot)
            assert isinstance(app.screen, SloScreen)
            assert column(app.screen.query_one("#slos", DataTable), 1) == ["99%"]

    asyncio.run(run())
    with reading(engine) as session:
        assert slo_repo.get_slo(session, workspace.id, "orders-availability").target == 99


def test_remove_slo_asks_first(small_app, settle):
    app, engine, workspace = small_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await open_slos(app, pilot, settle)
            await pilot.press("d")
            await settle(app, pilot)
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("n")
            await settle(app, pilot)
            assert slo_names(engine, workspace) == ["orders-availability"]
            await pilot.press("d")
            await settle(app, pilot)
            await pilot.press("y")
            await settle(app, pilot)
            assert column(app.screen.query_one("#slos", DataTable)) == []
            assert "No SLOs yet" in text_of(app.screen, "#slo-details")

    asyncio.run(run())
    assert slo_names(engine, workspace) == []


# --- agree, reopen, history -------------------------------------------------------------


async def sign(app, pilot, settle, names: list[str]) -> AgreeDialog:
    await pilot.press("g")
    await settle(app, pilot)
    dialog = app.screen
    assert isinstance(dialog, AgreeDialog)
    for index, name in enumerate(names):
        dialog.query_one(f"#signer-{index}", Input).value = name
    await pilot.press("ctrl+s")
    await settle(app, pilot)
    return dialog


def test_agree_partly_then_completely(demo_app, settle, notifications):
    app, workspace = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_slos(app, pilot, settle)
            seen = notifications(app)
            await select_slo(screen, pilot, "checkout-latency-slow")
            dialog = await sign(app, pilot, settle, ["Asha Rao"])
            assert [p.role for p in dialog.row_parties] == [
                "operations", "development", "product owner"]
            assert app.screen is screen
            assert cell(screen, "checkout-latency-slow", 4) == "draft"
            assert "waiting for development, product owner" in seen[-1]["message"]
            assert "waiting for development, product owner" in text_of(screen,
                                                                       "#slo-details")
            dialog = await sign(app, pilot, settle, ["Ben Roy", "Cleo Das"])
            assert [p.role for p in dialog.row_parties] == ["development", "product owner"]
            assert cell(screen, "checkout-latency-slow", 4) == "agreed"
            assert seen[-1]["message"] == "SLO checkout-latency-slow is agreed"
            await pilot.press("g")  # nothing more to sign
            await settle(app, pilot)
            assert app.screen is screen and "reopen it (o)" in seen[-1]["message"]

    asyncio.run(run())
    with reading(app.engine) as session:
        slo = slo_repo.get_slo(session, workspace.id, "checkout-latency-slow")
    assert slo.status.value == "agreed"


def test_reopen_keeps_the_agreed_revision_in_force(demo_app, settle):
    app, workspace = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_slos(app, pilot, settle)
            await pilot.press("o")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, NameDialog)
            dialog.query_one("#name", Input).value = "the product owner wants 99.95%"
            await pilot.press("enter")
            await settle(app, pilot)
            assert app.screen is screen
            assert cell(screen, "checkout-availability", 4) == "draft*"
            details = text_of(screen, "#slo-details")
            assert "draft · agreed revision 2 in force; waiting for operations" in details

    asyncio.run(run())
    with reading(app.engine) as session:
        slo = slo_repo.get_slo(session, workspace.id, "checkout-availability")
        history = repo.history(session, workspace.id, "slo", str(slo.id))
    assert history[-1].summary == "reopened: the product owner wants 99.95%"


def test_history_lists_revisions_and_compares_two(demo_app, settle):
    app, workspace = demo_app
    with reading(app.engine) as session:
        slo = slo_repo.get_slo(session, workspace.id, "checkout-availability")
    app.service.slos.save(workspace.id, slo.name, {"target": "99.95"}, original=slo)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_slos(app, pilot, settle)
            await pilot.press("y")
            await settle(app, pilot)
            history = app.screen
            assert isinstance(history, HistoryScreen)
            revisions = history.query_one("#history-revisions", DataTable)
            assert column(revisions) == ["1", "2", "3"]
            assert column(revisions, 2) == ["draft", "agreed", "draft"]
            assert column(revisions, 5)[1].startswith("agreed by Priya Sharma (operations)")
            await pilot.press("enter")  # the selected (last) revision against the one before
            await settle(app, pilot)
            diff = history.query_one("#history-diff", DataTable)
            assert column(diff) == ["target"]
            assert (column(diff, 1), column(diff, 2)) == (["99.9"], ["99.95"])
            await pilot.press("up", "up", "space", "down", "down", "enter")  # marked 1 -> 3
            await settle(app, pilot)
            assert "from revision 1 to 3" in history.query_one(
                "#history-diff-pane").border_title
            await pilot.press("escape")
            await settle(app, pilot)
            assert app.screen is screen
            assert cell(screen, "checkout-availability", 4) == "draft*"

    asyncio.run(run())


# --- budget view ------------------------------------------------------------------------


def test_budget_view_shows_exact_figures(small_app, settle):
    app, _, _ = small_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_slos(app, pilot, settle)
            assert column(screen.query_one("#slos", DataTable), 2) == ["75%"]
            await pilot.press("b")
            await settle(app, pilot)
            budget = app.screen
            assert isinstance(budget, SloBudgetScreen)
            shown = figures(budget)
            assert shown["Valid events"] == "1,000,000"
            assert shown["Bad events"] == "250"
            assert shown["Allowed bad events"] == "1,000"
            assert shown["SLI achieved"] == "99.975%"
            assert shown["Budget consumed"] == "25%"
            assert shown["Budget remaining"] == "75%"
            assert shown["Burn rate"] == "0.25"
            assert shown["Runs out in period"] == "no"
            assert shown["Allowed downtime"] == "40.32 min"
            chart = budget.query_one(BurnDownChart)
            assert len(chart.points) == 1 and chart.days == 28 and chart.as_of == DAY
            rendered = chart.render().plain.splitlines()
            assert rendered[0].startswith("█ left  • even spend  ┊ today")  # the legend
            assert rendered[1].startswith("100%┤") and rendered[-1].strip().startswith(
                "29 Oct")
            layout = chart.chart()  # the window ends today: its only day is the last column
            assert layout.today_column == layout.plot_width - 1
            assert layout.columns[-1].remaining == 75.0 and layout.columns[0].remaining is None
            await pilot.press("left_square_bracket")  # the 28 days before: no counts
            await settle(app, pilot)
            assert budget.budget.as_of == date(2026, 10, 28)
            rows = column(budget.query_one("#budget-figures", DataTable))
            assert "Counts" in rows and "Valid events" not in rows
            assert budget.query_one(BurnDownChart).as_of is None  # today is not in it
            await pilot.press("right_square_bracket")
            await settle(app, pilot)
            assert budget.budget.as_of == DAY
            await pilot.press("escape")
            await settle(app, pilot)
            assert isinstance(app.screen, SloScreen)

    asyncio.run(run())


def test_periods_early_in_a_period(early_demo, settle, notifications):
    """On day 2 of a period both it and the one before have counts; ``[`` and ``]`` step
    through whole periods, ``t`` returns to today's, ``]`` never goes past it."""
    app, _ = early_demo

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_slos(app, pilot, settle)
            seen = notifications(app)
            await pilot.press("b")  # checkout-availability: four ISO weeks
            await settle(app, pilot)
            budget = app.screen
            now = figures(budget)
            assert (now["Period"], now["Day"]) == ("30 Nov → 03 Jan", "2 of 35")
            assert now["Valid events"] != "-" and len(budget.budget.burn_down) == 2
            await pilot.press("left_square_bracket")
            await settle(app, pilot)
            before = figures(budget)
            assert (before["Period"], before["Day"]) == ("02 Nov → 29 Nov", "28 of 28 (past)")
            assert len(budget.budget.burn_down) == 28  # a whole period of counts
            assert "Ran out" in before and "Time to exhaustion" not in before
            await pilot.press("left_square_bracket")
            await settle(app, pilot)
            assert figures(budget)["Period"] == "05 Oct → 01 Nov"
            await pilot.press("t")
            await settle(app, pilot)
            assert budget.budget.as_of == EARLY and figures(budget)["Day"] == "2 of 35"
            await pilot.press("right_square_bracket")
            await settle(app, pilot)
            assert budget.budget.as_of == EARLY
            assert "nothing later" in seen[-1]["message"]
            await pilot.press("left_square_bracket", "right_square_bracket")
            await settle(app, pilot)
            assert budget.budget.as_of == EARLY
            await pilot.press("escape")
            await settle(app, pilot)
            await select_slo(screen, pilot, "search-latency")  # a rolling 28-day window
            await pilot.press("b")
            await settle(app, pilot)
            budget = app.screen
            assert "Allowed downtime" not in figures(budget)  # latency: no downtime
            assert len(budget.budget.burn_down) == 28
            await pilot.press("left_square_bracket")
            await settle(app, pilot)
            assert budget.budget.as_of == date(2026, 11, 3)
            assert len(budget.budget.burn_down) == 28  # the window before has data too

    asyncio.run(run())


def test_import_csv_bad_file_shows_error_and_writes_nothing(small_app, settle, tmp_path):
    app, engine, workspace = small_app
    bad = tmp_path / "bad.csv"
    bad.write_text("date,good,bad\n2026-11-24,100,x\n", encoding="utf-8")
    good = tmp_path / "good.csv"
    good.write_text("date,good,bad\n2026-11-24,999750,250\n", encoding="utf-8")

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await open_slos(app, pilot, settle)
            await pilot.press("b")
            await settle(app, pilot)
            budget = app.screen
            await pilot.press("i")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, NameDialog)
            field = dialog.query_one("#name", Input)
            field.value = str(bad)
            await pilot.press("enter")
            await settle(app, pilot)
            assert app.screen is dialog
            error = text_of(dialog, "#dialog-error")
            assert "line 2: bad 'x' is not a whole number" in error
            assert "nothing imported" in error
            field.value = str(good)
            await pilot.press("enter")
            await settle(app, pilot)
            assert app.screen is budget
            shown = figures(budget)
            assert shown["Valid events"] == "2,000,000"
            assert shown["Budget consumed"] == "25%"

    asyncio.run(run())
    with reading(engine) as session:
        slo = slo_repo.get_slo(session, workspace.id, "orders-availability")
        assert [c.day for c in slo_repo.list_counts(session, slo.id)] == [
            date(2026, 11, 24), DAY]


def test_import_csv_missing_file(small_app, settle, tmp_path):
    app, _, _ = small_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await open_slos(app, pilot, settle)
            await pilot.press("i")
            await settle(app, pilot)
            app.screen.query_one("#name", Input).value = str(tmp_path / "nope.csv")
            await pilot.press("enter")
            await settle(app, pilot)
            assert "no such file" in text_of(app.screen, "#dialog-error")

    asyncio.run(run())


def test_slo_helpers_import_without_textual():
    import subprocess
    import sys

    code = ("import sys, workbench.tui.slo_meaning, workbench.service.slos; "
            "sys.exit('textual' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_command_palette_jumps_to_an_slo(demo_app, settle):
    app, _ = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await pilot.press("ctrl+p")
            await settle(app, pilot)
            await type_text(pilot, "SLO: upi-payment")
            await settle(app, pilot)
            await pilot.press("enter")
            await settle(app, pilot)
            screen = app.screen
            assert isinstance(screen, SloScreen)
            table = screen.query_one("#slos", DataTable)
            assert table.get_row_at(table.cursor_row)[0].plain == "upi-payment-availability"
            assert app.focused is table

    asyncio.run(run())


# --- snapshots at both sizes ------------------------------------------------------------

SIZES = [(80, 24), (160, 45)]


def no_blink(app) -> None:
    for field in app.screen.query(Input):
        field.cursor_blink = False


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x45"])
def test_slo_screen_snapshot(snap_compare, demo_app, settle, size):
    app, _ = demo_app

    async def run_before(pilot) -> None:
        await settle(pilot.app, pilot)
        await pilot.press("4")
        await settle(pilot.app, pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x45"])
def test_budget_screen_snapshot(snap_compare, demo_app, settle, size):
    """The UPI SLO: overspent, so the chart also shows bars below the 0% line."""
    app, _ = demo_app

    async def run_before(pilot) -> None:
        await settle(pilot.app, pilot)
        await pilot.press("4")
        await settle(pilot.app, pilot)
        await select_slo(pilot.app.screen, pilot, "upi-payment-availability")
        await pilot.press("b")
        await settle(pilot.app, pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x45"])
def test_budget_screen_early_in_a_period_snapshot(snap_compare, early_demo, settle, size):
    app, _ = early_demo

    async def run_before(pilot) -> None:
        await settle(pilot.app, pilot)
        await pilot.press("4")
        await settle(pilot.app, pilot)
        await pilot.press("b")
        await settle(pilot.app, pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x45"])
def test_slo_dialog_snapshot(snap_compare, demo_app, settle, size):
    """Editing a latency SLO: a threshold, no bad status codes, no downtime."""
    app, _ = demo_app

    async def run_before(pilot) -> None:
        await settle(pilot.app, pilot)
        await pilot.press("4")
        await settle(pilot.app, pilot)
        await pilot.press("down", "e")
        await settle(pilot.app, pilot)
        no_blink(pilot.app)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_the_dialog_footer_keeps_quit_and_help(demo_app, settle):
    app, _ = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await open_slos(app, pilot, settle)
            await pilot.press("e")
            await settle(app, pilot)
            dialog = app.screen
            shown = [b.binding.description for b in dialog.active_bindings.values()
                     if b.binding.show]
            assert shown == ["Cancel", "Defaults", "Save", "Quit", "Help"]
            assert dialog.query_one("#save", Button).region.bottom <= 23  # above the footer

    asyncio.run(run())
