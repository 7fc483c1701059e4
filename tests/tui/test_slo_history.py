"""Pilot tests of the budget view's period history, maintenance windows and corrections,
alert tiers that can never fire (budget view and SLO editor), and the maintenance dialog;
snapshots at 80x24 and 160x45.

Expected figures are worked out here from the demo's raw daily counts (``demo_counts``, the
generator the demo stores them with) and the ISO calendar (``date.fromisocalendar``), with
exact fractions, not from the period-history code under test. Alert thresholds are worked
out by hand: a tier fires above burn rate x (100 - target) percent bad events.
"""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from rich.text import Text
from textual.widgets import DataTable, Input, Select, Static

from workbench.domain.slo.records import DailyCount
from workbench.store.demo_slo import DEMO_SLOS, demo_counts
from workbench.tui.dialogs.maintenance_dialog import MaintenanceDialog
from workbench.tui.dialogs.slo_dialog import SloDialog
from workbench.tui.screens.slo_budget_screen import SloBudgetScreen
from workbench.tui.screens.slo_screen import SloScreen
from workbench.tui.widgets.adjustment_list import AdjustmentList
from workbench.tui.widgets.period_history import PeriodHistoryTable

DAY = date(2026, 11, 25)
SIZES = [(80, 24), (160, 45)]


def plain(cell) -> str:
    return cell.plain if isinstance(cell, Text) else str(cell)


def history(screen: SloBudgetScreen) -> dict[str, list[str]]:
    """Period label -> the row's cells as shown."""
    table = screen.query_one(PeriodHistoryTable)
    rows = [[plain(c) for c in table.get_row_at(r)] for r in range(table.row_count)]
    return {row[0]: row for row in rows}


def figures(screen: SloBudgetScreen) -> dict[str, str]:
    table = screen.query_one("#budget-figures", DataTable)
    rows = [[plain(c) for c in table.get_row_at(r)] for r in range(table.row_count)]
    return {label: value for label, value in rows}


def notes(screen: SloBudgetScreen) -> str:
    return str(screen.query_one(AdjustmentList).render())


def raw_counts(name: str) -> dict[date, DailyCount]:
    """The demo's stored counts of one SLO (before adjustments), by day."""
    row = next(r for r in DEMO_SLOS if r[0] == name)
    base, rates = row[-1]
    return {c.day: c for c in demo_counts(base, rates, DAY)}


def iso_period(year: int, index: int) -> tuple[date, date]:
    """First and last day of ISO period ``index`` (four ISO weeks) of ``year``."""
    first = date.fromisocalendar(year, 4 * (index - 1) + 1, 1)
    return first, first + timedelta(days=27)


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def close_to(shown: str, exact: Fraction, places: int) -> bool:
    """A percentage cell (``105.68%``) is the exact value rounded to ``places`` decimals."""
    value = Fraction(Decimal(shown.rstrip("%")))
    return abs(value - exact) <= Fraction(1, 2 * 10 ** places)


async def open_budget(app, pilot, settle, name: str) -> SloBudgetScreen:
    await settle(app, pilot)
    await pilot.press("4")
    await settle(app, pilot)
    assert isinstance(app.screen, SloScreen)
    table = app.screen.query_one("#slos", DataTable)
    names = [plain(table.get_row_at(r)[0]) for r in range(table.row_count)]
    table.move_cursor(row=names.index(name))
    await pilot.pause()
    await pilot.press("b")
    await settle(app, pilot)
    assert isinstance(app.screen, SloBudgetScreen)
    return app.screen


# --- period history -------------------------------------------------------------------


def test_checkout_latency_missed_2026_p02(demo_app, settle):
    """13 ISO periods up to today's; P02 (26 Jan to 22 Feb 2026, with the February outage)
    used more than its budget of 5% of the period's events."""
    app, _ = demo_app
    counts = raw_counts("checkout-latency")
    first, last = iso_period(2026, 2)
    inside = [counts[d] for d in days(first, last)]
    total, bad = sum(c.total for c in inside), sum(c.bad for c in inside)
    allowed = Fraction(5, 100) * total
    worst = max(inside, key=lambda c: (c.bad, -c.day.toordinal()))
    assert bad > allowed  # the oracle itself says missed

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_budget(app, pilot, settle, "checkout-latency")
            rows = history(screen)
            assert next(iter(rows)) == "2025 P13" and list(rows)[-1] == "2026 P12"
            assert len(rows) == 13
            _, sli, consumed, verdict, worst_day, worst_bad = rows["2026 P02"]
            assert verdict == "✗ missed"
            assert close_to(consumed, Fraction(bad) / allowed * 100, 2)
            assert close_to(sli, Fraction(total - bad, total) * 100, 4)
            assert (worst_day, worst_bad) == (worst.day.isoformat(), f"{worst.bad:,}")
            assert rows["2026 P03"][3] == "✓ met"
            assert rows["2026 P12"][3] == "… running"  # today's period: 2 Nov to 29 Nov
            assert "1 missed, 11 met, 1 running" in screen.query_one(
                "#budget-history-pane").border_title
            # the row of the period the chart shows is the one highlighted
            table = screen.query_one(PeriodHistoryTable)
            assert table.record_at_cursor().label == "2026 P12"

    asyncio.run(run())


def test_upi_correction_is_listed_and_leaves_its_day_out(demo_app, settle):
    """The demo's correction of 3 July 2026 (the payment network's outage) is listed with
    who recorded it and why, and P07 is worked out without that day."""
    app, _ = demo_app
    counts = raw_counts("upi-payment-availability")
    first, last = iso_period(2026, 7)
    corrected = date(2026, 7, 3)
    inside = [counts[d] for d in days(first, last) if d != corrected]
    total, bad = sum(c.total for c in inside), sum(c.bad for c in inside)
    worst = max(inside, key=lambda c: (c.bad, -c.day.toordinal()))
    raw_worst = max((counts[d] for d in days(first, last)), key=lambda c: c.bad)
    assert raw_worst.day == corrected  # without the correction it would be the worst day

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_budget(app, pilot, settle, "upi-payment-availability")
            text = notes(screen)
            assert text.startswith("Correction 2026-07-03: events left out of the budget")
            assert "outage of the national payment network, not of our service" in text
            assert "by Priya Sharma" in text
            assert screen.query_one("#budget-notes-pane").border_title == (
                "Maintenance & corrections (1)")
            row = history(screen)["2026 P07"]
            assert row[4] == worst.day.isoformat() != corrected.isoformat()
            assert close_to(row[1], Fraction(total - bad, total) * 100, 4)

    asyncio.run(run())


def test_service_window_and_none(demo_app, settle):
    """checkout-latency lists its service's weekly window; search has none."""
    app, _ = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_budget(app, pilot, settle, "checkout-latency")
            assert notes(screen) == (
                "Maintenance 2026-11-29 01:00 Europe/London for 1 h, repeating "
                "FREQ=WEEKLY;BYDAY=SU (service orders): events left out of the budget · "
                "database patching; the shop shows a maintenance page · by Priya Sharma")
            await pilot.press("escape")
            await settle(app, pilot)
            screen = await open_budget(app, pilot, settle, "tracking-availability")
            assert notes(screen).startswith("No maintenance windows or corrections.")

    asyncio.run(run())


def test_h_switches_views_at_80x24_and_both_show_at_160x45(demo_app, settle, footer_keys):
    app, _ = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_budget(app, pilot, settle, "checkout-latency")
            main, past = screen.query_one("#budget-main"), screen.query_one("#budget-past")
            assert main.region.height and not past.region.height
            keys = footer_keys(app)
            assert "History" in keys and {"Quit", "Help"} <= set(keys)
            await pilot.press("h")
            await settle(app, pilot)
            assert past.region.height and not main.region.height
            table = screen.query_one(PeriodHistoryTable)
            assert app.focused is table
            assert table.region.height == 14  # the header and all 13 periods
            keys = footer_keys(app)
            assert "Burn-down" in keys and "History" not in keys
            assert {"Quit", "Help"} <= set(keys)
            assert screen.query_one("#budget-notes-pane").region.bottom <= 23
            await pilot.press("h")
            await settle(app, pilot)
            assert main.region.height and not past.region.height
            await pilot.resize_terminal(160, 45)
            await settle(app, pilot)
            assert main.region.height and past.region.height
            keys = footer_keys(app)
            assert "History" not in keys and "Burn-down" not in keys
            assert {"Quit", "Help"} <= set(keys)
            assert screen.query_one(PeriodHistoryTable).region.height == 14

    asyncio.run(run())


def test_enter_on_a_period_shows_it_in_the_chart(demo_app, settle):
    app, _ = demo_app
    first, last = iso_period(2026, 2)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_budget(app, pilot, settle, "checkout-latency")
            await pilot.press("h")
            await settle(app, pilot)
            table = screen.query_one(PeriodHistoryTable)
            table.move_cursor(row=2)  # 2025 P13, 2026 P01, 2026 P02
            await pilot.press("enter")
            await settle(app, pilot)
            assert screen.query_one("#budget-main").region.height  # the chart again
            assert (screen.budget.start, screen.budget.end) == (first, last)
            assert figures(screen)["Period"] == "26 Jan → 22 Feb"
            assert figures(screen)["Ran out"] == "yes"  # the period it missed
            assert table.record_at_cursor().label == "2026 P02"

    asyncio.run(run())


# --- alert tiers that can never fire --------------------------------------------------


def test_budget_view_flags_the_tier_a_90_percent_target_cannot_reach(demo_app, settle):
    """At 90% the budget is 10%: page-fast needs 14.4 x 10 = 144% bad (never), page-slow
    6 x 10 = 60%, ticket-fast 30%, ticket-slow 10%."""
    app, _ = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_budget(app, pilot, settle, "search-latency")
            shown = figures(screen)
            assert shown["page-fast (14.4x)"] == "✗ never: 144%"
            assert shown["page-slow (6x)"] == "60% bad"
            assert shown["ticket-fast (3x)"] == "30% bad"
            assert shown["ticket-slow (1x)"] == "10% bad"
            text = notes(screen)
            assert "⚠ page-fast can never fire at a 90% target" in text
            assert "page-slow" not in text
            assert screen.query_one("#budget-notes-pane").border_title.endswith(
                "1 alert tier can never fire")
            await pilot.press("escape")
            await settle(app, pilot)
            screen = await open_budget(app, pilot, settle, "checkout-availability")
            shown = figures(screen)  # 99.9%: a 0.1% budget
            assert shown["page-fast (14.4x)"] == "1.44% bad"
            assert shown["ticket-slow (1x)"] == "0.1% bad"
            assert "⚠" not in notes(screen)

    asyncio.run(run())


def test_editor_warns_under_the_target_while_typing(demo_app, settle):
    """14.4 x (100 - 93) = 100.8% cannot fire; 14.4 x (100 - 94) = 86.4% can; at 80% also
    page-slow (6 x 20 = 120%) cannot."""
    app, _ = demo_app

    def warning(dialog) -> Static:
        return dialog.query_one("#target-alerts", Static)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await pilot.press("4")
            await settle(app, pilot)
            table = app.screen.query_one("#slos", DataTable)
            names = [plain(table.get_row_at(r)[0]) for r in range(table.row_count)]
            table.move_cursor(row=names.index("search-latency"))
            await pilot.press("e")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, SloDialog)
            shown = str(warning(dialog).render())
            assert warning(dialog).display and shown.startswith(
                "⚠ page-fast can never fire at a 90% target: it needs more than 144%")
            target = dialog.query_one("#target", Input)
            assert app.focused is target
            await pilot.press("ctrl+a", "ctrl+k", "9", "4")
            await pilot.pause()
            assert target.value == "94" and not warning(dialog).display
            await pilot.press("backspace", "3")
            await pilot.pause()
            assert "at a 93% target: it needs more than 100.8%" in str(warning(dialog).render())
            await pilot.press("ctrl+a", "ctrl+k", "9", "0")
            await pilot.pause()
            assert target.value == "90" and warning(dialog).display
            await pilot.press("ctrl+a", "ctrl+k", "8", "0")
            await pilot.pause()
            lines = str(warning(dialog).render()).splitlines()
            assert [line.split(" can never")[0] for line in lines] == [
                "⚠ page-fast", "⚠ page-slow"]
            # the warning sits right under the target field
            assert warning(dialog).region.y == target.region.bottom
            await pilot.press("ctrl+a", "ctrl+k", "x")
            await pilot.pause()
            assert not warning(dialog).display  # not a target: the meaning box says why

    asyncio.run(run())


# --- adding a maintenance window ------------------------------------------------------


def test_maintenance_dialog_keeps_what_was_typed_and_changes_the_budget(demo_app, settle,
                                                                       error_of):
    """A one-off window over all of 24 Nov 2026 (UTC), excluding its events: the period's
    valid events drop by exactly that day's events."""
    app, workspace = demo_app
    day = date(2026, 11, 24)
    removed = raw_counts("checkout-availability")[day].total

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_budget(app, pilot, settle, "checkout-availability")
            before = int(figures(screen)["Valid events"].replace(",", ""))
            await pilot.press("m")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, MaintenanceDialog)
            assert app.focused is dialog.query_one("#start", Input)
            values = {"start": "2026-11-24 25:00", "minutes": "0", "zone": "Mars/Base",
                      "reason": "[bold]patching[/bold]", "by": ""}
            for key, value in values.items():
                dialog.query_one(f"#{key}", Input).value = value
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert app.screen is dialog
            error = error_of(dialog)
            for part in ("start:", "minutes:", "zone:", "by:"):
                assert part in error
            assert {k: dialog.query_one(f"#{k}", Input).value for k in values} == values
            assert app.focused is dialog.query_one("#start", Input)
            dialog.query_one("#start", Input).value = "2026-11-24 00:00"
            dialog.query_one("#minutes", Input).value = "1440"
            dialog.query_one("#zone", Input).value = "Etc/UTC"
            dialog.query_one("#by", Input).value = "Asha Rao"
            assert dialog.query_one("#scope", Select).value == "slo"
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert app.screen is screen
            assert int(figures(screen)["Valid events"].replace(",", "")) == before - removed
            text = notes(screen)
            assert ("Maintenance 2026-11-24 00:00 Etc/UTC for 1 d: events left out of the "
                    "budget · [bold]patching[/bold] · by Asha Rao") in text
            assert "(service orders)" in text  # the service's weekly window is still there

    asyncio.run(run())
    added = [a for a in app.service.slos.adjustments(workspace.id, "checkout-availability")
             if a.slo_name == "checkout-availability"]
    assert [(a.minutes, a.recorded_by, a.reason) for a in added] == [
        (1440, "Asha Rao", "[bold]patching[/bold]")]


# --- snapshots ------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x45"])
def test_budget_history_snapshot(snap_compare, demo_app, settle, size):
    """search-latency: two missed windows, a tier that can never fire, no maintenance. At
    80x24 the history view (h); at 160x45 the chart and the history together."""
    app, _ = demo_app

    async def run_before(pilot) -> None:
        await open_budget(pilot.app, pilot, settle, "search-latency")
        if size == (80, 24):
            await pilot.press("h")
            await settle(pilot.app, pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x45"])
def test_editor_alert_warning_snapshot(snap_compare, demo_app, settle, no_blink, size):
    app, _ = demo_app

    async def run_before(pilot) -> None:
        await settle(pilot.app, pilot)
        await pilot.press("4")
        await settle(pilot.app, pilot)
        table = pilot.app.screen.query_one("#slos", DataTable)
        names = [plain(table.get_row_at(r)[0]) for r in range(table.row_count)]
        table.move_cursor(row=names.index("search-latency"))
        await pilot.press("e")
        await settle(pilot.app, pilot)
        no_blink(pilot.app)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
