"""Pilot tests of the SLO section: list, editor dialog with live meaning, budget view, CSV
import. The budget depends on the day, so every test freezes ``slo_screen.today``."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest
from rich.text import Text
from textual.widgets import DataTable, Input, Select, Static

from workbench.domain.slo.records import DailyCount
from workbench.store import repo, slo_repo
from workbench.store.db import reading, transaction
from workbench.tui.app import build_app
from workbench.tui.dialogs.confirm_dialog import ConfirmDialog
from workbench.tui.dialogs.name_dialog import NameDialog
from workbench.tui.dialogs.slo_dialog import SloDialog
from workbench.tui.screens import slo_screen
from workbench.tui.screens.slo_budget_screen import SloBudgetScreen
from workbench.tui.screens.slo_screen import SloScreen
from workbench.tui.widgets.burndown import BurnDownChart

DAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def frozen_day(monkeypatch):
    monkeypatch.setattr(slo_screen, "today", lambda: DAY)


def column(table: DataTable, index: int = 0) -> list[str]:
    return [cell.plain if isinstance(cell, Text) else str(cell)
            for cell in (table.get_row_at(r)[index] for r in range(table.row_count))]


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def type_text(pilot, text: str) -> None:
    for char in text:
        await pilot.press(char)


async def open_slos(app, pilot, settle) -> SloScreen:
    await settle(app, pilot)
    await pilot.press("4")
    await settle(app, pilot)
    assert isinstance(app.screen, SloScreen)
    return app.screen


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
                                   period="28d", service="orders")
        slo_repo.upsert_counts(session, slo.id, [DailyCount(DAY, 999_750, 250)])
    return engine, ws


def test_slo_list_shows_budget_of_demo(demo_app, settle):
    app, _ = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_slos(app, pilot, settle)
            table = screen.query_one("#slos", DataTable)
            assert column(table)[0] == "checkout-availability"
            assert "upi-payment-availability" in column(table)
            row = column(table).index("upi-payment-availability")
            assert column(table, 3)[row] == "spent"
            assert column(table, 2)[row].startswith("-")
            assert "as of 2026-11-25" in screen.query_one("#slo-pane").border_title
            assert "checkout-availability" in text_of(screen, "#slo-details")

    asyncio.run(run())


def test_add_slo_shows_live_meaning_and_saves(demo, settle):
    engine, workspace = demo
    app = build_app(engine, workspace_id=workspace.id)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await open_slos(app, pilot, settle)
            await pilot.press("a")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, SloDialog)
            assert app.focused is dialog.query_one("#name", Input)
            await type_text(pilot, "[bold]x")
            dialog.query_one("#target", Input).focus()
            await type_text(pilot, "99.9")
            await pilot.pause()
            meaning = text_of(dialog, "#meaning")
            assert "Allows 1,000 per million requests to fail" in meaning
            assert "40.32 min per 4 weeks" in meaning
            assert "43.2 min per 30 days" in meaning
            assert not dialog.query_one("#meaning").has_class("-error")
            await pilot.press("enter")
            await settle(app, pilot)
            assert isinstance(app.screen, SloScreen)
            table = app.screen.query_one("#slos", DataTable)
            assert "[bold]x" in column(table)
            assert table.get_row_at(table.cursor_row)[0].plain == "[bold]x"

    asyncio.run(run())
    with reading(engine) as session:
        slo = slo_repo.get_slo(session, workspace.id, "[bold]x")
    assert str(slo.target) == "99.9" and slo.period == "4w"


def test_target_100_shows_error_and_keeps_dialog(demo, settle):
    engine, workspace = demo
    app = build_app(engine, workspace_id=workspace.id)
    before = slo_names(engine, workspace)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await open_slos(app, pilot, settle)
            await pilot.press("a")
            await settle(app, pilot)
            dialog = app.screen
            await type_text(pilot, "too-tight")
            dialog.query_one("#target", Input).focus()
            await type_text(pilot, "100")
            await pilot.pause()
            assert "leaves no error budget" in text_of(dialog, "#meaning")
            assert dialog.query_one("#meaning").has_class("-error")
            await pilot.press("enter")
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


def test_defaults_and_historical_warning(small, settle):
    engine, workspace = small
    app = build_app(engine, workspace_id=workspace.id)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await open_slos(app, pilot, settle)
            await pilot.press("a")
            await settle(app, pilot)
            dialog = app.screen
            await pilot.press("f2")
            await pilot.pause()
            assert dialog.query_one("#target", Input).value == "90"
            dialog.query_one("#kind", Select).value = "latency"
            await pilot.pause()
            assert not dialog.query_one("#threshold", Input).disabled
            await pilot.press("f2")
            await pilot.pause()
            assert dialog.query_one("#target", Input).value == "80"
            assert dialog.query_one("#threshold", Input).value == "1000"
            assert "slower than 1,000 ms" in text_of(dialog, "#meaning")
            assert "2 d 19 h 12 min" not in text_of(dialog, "#meaning")  # that is 90%
            dialog.query_one("#historical", Input).value = "75"
            await pilot.pause()
            warning = dialog.query_one("#slo-warning", Static)
            assert warning.has_class("-shown")
            assert "tighter than the 75%" in str(warning.render())

    asyncio.run(run())


def test_edit_keeps_name_and_changes_target(small, settle):
    engine, workspace = small
    app = build_app(engine, workspace_id=workspace.id)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await open_slos(app, pilot, settle)
            await pilot.press("enter")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, SloDialog)
            assert dialog.query_one("#name", Input).disabled
            target = dialog.query_one("#target", Input)
            assert app.focused is target and target.value == "99.9"
            assert dialog.query_one("#service", Select).value == "orders"
            assert dialog.query_one("#period", Select).value == "28d"
            target.value = "99.5"
            await pilot.press("enter")
            await settle(app, pilot)
            table = app.screen.query_one("#slos", DataTable)
            assert column(table, 1) == ["99.5%"]

    asyncio.run(run())
    with reading(engine) as session:
        assert str(slo_repo.get_slo(session, workspace.id, "orders-availability").target) \
            == "99.5"


def test_remove_slo_asks_first(small, settle):
    engine, workspace = small
    app = build_app(engine, workspace_id=workspace.id)

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


def test_budget_view_shows_exact_figures(small, settle):
    engine, workspace = small
    app = build_app(engine, workspace_id=workspace.id)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_slos(app, pilot, settle)
            table = screen.query_one("#slos", DataTable)
            assert column(table, 2) == ["75%"]
            await pilot.press("b")
            await settle(app, pilot)
            budget = app.screen
            assert isinstance(budget, SloBudgetScreen)
            figures = dict(zip(column(budget.query_one("#budget-figures", DataTable)),
                               column(budget.query_one("#budget-figures", DataTable), 1),
                               strict=True))
            assert figures["Valid events"] == "1,000,000"
            assert figures["Bad events"] == "250"
            assert figures["Allowed bad events"] == "1,000"
            assert figures["SLI achieved"] == "99.975%"
            assert figures["Budget consumed"] == "25%"
            assert figures["Budget remaining"] == "75%"
            assert figures["Burn rate"] == "0.25"
            assert figures["Runs out in period"] == "no"
            assert figures["Allowed downtime"] == "40.32 min"
            chart = budget.query_one(BurnDownChart)
            assert len(chart.points) == 1 and chart.days == 28
            rendered = chart.render().plain
            assert "100%┤" in rendered and "█" in rendered
            await pilot.press("left_square_bracket")  # the 28 days before: no counts
            await settle(app, pilot)
            assert budget.budget.as_of == date(2026, 10, 28)
            figures = column(budget.query_one("#budget-figures", DataTable))
            assert "Counts" in figures and "Valid events" not in figures
            await pilot.press("right_square_bracket")
            await settle(app, pilot)
            assert budget.budget.as_of == DAY
            await pilot.press("escape")
            await settle(app, pilot)
            assert isinstance(app.screen, SloScreen)

    asyncio.run(run())


def test_import_csv_bad_file_shows_error_and_writes_nothing(small, settle, tmp_path):
    engine, workspace = small
    bad = tmp_path / "bad.csv"
    bad.write_text("date,good,bad\n2026-11-24,100,x\n", encoding="utf-8")
    good = tmp_path / "good.csv"
    good.write_text("date,good,bad\n2026-11-24,999750,250\n", encoding="utf-8")
    app = build_app(engine, workspace_id=workspace.id)

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
            await type_text(pilot, str(bad))
            await pilot.press("enter")
            await settle(app, pilot)
            assert app.screen is dialog
            error = text_of(dialog, "#dialog-error")
            assert "line 2: bad 'x' is not a whole number" in error
            assert "nothing imported" in error
            field = dialog.query_one("#name", Input)
            field.value = str(good)
            await pilot.press("enter")
            await settle(app, pilot)
            assert app.screen is budget
            figures = dict(zip(column(budget.query_one("#budget-figures", DataTable)),
                               column(budget.query_one("#budget-figures", DataTable), 1),
                               strict=True))
            assert figures["Valid events"] == "2,000,000"
            assert figures["Budget consumed"] == "25%"

    asyncio.run(run())
    with reading(engine) as session:
        slo = slo_repo.get_slo(session, workspace.id, "orders-availability")
        assert [c.day for c in slo_repo.list_counts(session, slo.id)] == [
            date(2026, 11, 24), DAY]


def test_import_csv_missing_file(small, settle, tmp_path):
    engine, workspace = small
    app = build_app(engine, workspace_id=workspace.id)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await open_slos(app, pilot, settle)
            await pilot.press("i")
            await settle(app, pilot)
            await type_text(pilot, str(tmp_path / "nope.csv"))
            await pilot.press("enter")
            await settle(app, pilot)
            assert "no such file" in text_of(app.screen, "#dialog-error")

    asyncio.run(run())


def test_slo_screen_snapshot_80x24(snap_compare, demo_app, settle):
    app, _ = demo_app

    async def run_before(pilot) -> None:
        await settle(pilot.app, pilot)
        await pilot.press("4")
        await settle(pilot.app, pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_budget_screen_snapshot_80x24(snap_compare, demo_app, settle):
    app, _ = demo_app

    async def run_before(pilot) -> None:
        await settle(pilot.app, pilot)
        await pilot.press("4")
        await settle(pilot.app, pilot)
        await pilot.press("end", "b")
        await settle(pilot.app, pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_burndown_lines_show_debt_below_zero():
    from decimal import Decimal

    from workbench.domain.slo.records import BurnDownPoint
    from workbench.tui.widgets.burndown import burndown_lines

    start = date(2026, 11, 2)
    points = (BurnDownPoint(start, 100, 1, Decimal(50), Decimal("96.4")),
              BurnDownPoint(date(2026, 11, 3), 200, 4, Decimal(-50), Decimal("92.9")))
    lines = [line.plain for line in burndown_lines(points, start, 28, 40, 12)]
    assert len(lines) == 12
    assert lines[0].startswith(" 100%┤")
    assert any(line.startswith("  -50%┤") or line.startswith(" -50%┤") for line in lines)
    assert any("─" in line for line in lines[1:-2])  # the zero line
    assert lines[-1].strip().startswith("02 Nov") and lines[-1].rstrip().endswith("29 Nov")


def test_slo_helpers_import_without_textual():
    import subprocess
    import sys

    code = ("import sys, workbench.tui.slo_data, workbench.tui.slo_meaning; "
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
