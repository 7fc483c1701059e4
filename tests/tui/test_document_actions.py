"""Agree, reopen and history as every document list opens them (tui/document_actions.py),
driven on a demo SLO from whatever screen is open: the dialogs and the history screen are
the same for every kind of document."""

from __future__ import annotations

import asyncio

from textual.widgets import DataTable, Input, Static

from workbench.tui import document_actions
from workbench.tui.dialogs.agree_dialog import AgreeDialog
from workbench.tui.dialogs.name_dialog import NameDialog
from workbench.tui.screens.history_screen import HistoryScreen

DRAFT_SLO = "checkout-latency-slow"  # a draft in the demo; the default parties apply


def cells(table: DataTable, column: int) -> list[str]:
    return [str(table.get_row_at(i)[column]) for i in range(table.row_count)]


def test_agree_collects_sign_offs_until_every_party_signed(demo_app, settle):
    app, workspace = demo_app
    notices: list[str | None] = []

    async def body() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            document_actions.agree(app.screen, "slo", DRAFT_SLO, notices.append)
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, AgreeDialog)
            fields = list(dialog.query("#agree-signers Input").results(Input))
            assert len(fields) == 3  # operations, development, product owner
            assert app.focused is fields[0]
            fields[0].value = "Priya Sharma"
            fields[2].value = "Kavya Iyer"
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert not isinstance(app.screen, AgreeDialog)
            assert notices[-1] == (f"SLO {DRAFT_SLO}: signed by Priya Sharma (operations), "
                                   "Kavya Iyer (product owner); waiting for development")

            document_actions.agree(app.screen, "slo", DRAFT_SLO, notices.append)
            await settle(app, pilot)
            dialog = app.screen
            status = str(dialog.query_one("#agree-status", Static).render())
            assert "Already signed: Priya Sharma (operations) on 2026-11-25" in status
            fields = list(dialog.query("#agree-signers Input").results(Input))
            assert len(fields) == 1  # only development is left
            fields[0].value = "Arjun [bold]Mehta"  # markup in a name is just text
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert notices[-1] == f"SLO {DRAFT_SLO} is agreed"

            # an agreed SLO is not offered for signing again
            document_actions.agree(app.screen, "slo", DRAFT_SLO, notices.append)
            await settle(app, pilot)
            assert not isinstance(app.screen, AgreeDialog)

    asyncio.run(body())
    view = app.service.documents.view(workspace.id, "slo", DRAFT_SLO)
    assert view.state.status.value == "agreed"


def test_agree_can_change_who_must_agree_and_reports_bad_input(demo_app, settle):
    app, workspace = demo_app
    notices: list[str | None] = []

    async def body() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            document_actions.agree(app.screen, "slo", DRAFT_SLO, notices.append)
            await settle(app, pilot)
            dialog = app.screen
            dialog.query_one("#agree-parties", Input).value = "operations, Asha:coach"
            await settle(app, pilot)
            fields = list(dialog.query("#agree-signers Input").results(Input))
            assert [f.value for f in fields] == ["", "Asha"]  # a named party is prefilled
            dialog.query_one("#agree-date", Input).value = "2026-13-01"
            fields[0].value = "Priya"
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert isinstance(app.screen, AgreeDialog)  # nothing saved, the dialog stays
            error = str(dialog.query_one("#dialog-error", Static).render())
            assert error.startswith("date: '2026-13-01' is not a day of the calendar")
            dialog.query_one("#agree-date", Input).value = "2026-11-20"
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert notices[-1] == f"SLO {DRAFT_SLO} is agreed"

    asyncio.run(body())
    view = app.service.documents.view(workspace.id, "slo", DRAFT_SLO)
    assert [p.label for p in view.state.required] == ["operations", "Asha (coach)"]


def test_reopen_asks_for_a_reason_and_history_shows_it_with_a_diff(demo_app, settle):
    app, workspace = demo_app
    notices: list[str | None] = []
    service = app.service
    agreed = "checkout-availability"  # agreed in the demo

    async def body() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            document_actions.reopen(app.screen, "slo", agreed, notices.append)
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, NameDialog)
            await pilot.press("enter")  # no reason: refused, the dialog stays
            await settle(app, pilot)
            assert isinstance(app.screen, NameDialog)
            dialog.query_one("#name", Input).value = "the product owner wants 99.95"
            await pilot.press("enter")
            await settle(app, pilot)
            assert "is a draft again" in notices[-1]
            # a change after reopening, so the history has something to compare
            slo = service.slos.overview(workspace.id, app.today()).slos
            original = next(s for s in slo if s.name == agreed)
            service.slos.save(workspace.id, agreed, {"target": "99.95"}, original=original)

            document_actions.history(app.screen, "slo", agreed)
            await settle(app, pilot)
            history = app.screen
            assert isinstance(history, HistoryScreen)
            table = history.query_one("#history-revisions", DataTable)
            assert cells(table, 2) == ["draft", "agreed", "draft", "draft"]
            summaries = cells(table, 5)
            assert summaries[2] == "reopened: the product owner wants 99.95"
            assert summaries[1].startswith("agreed by Priya Sharma (operations)")
            state = str(history.query_one("#history-state", Static).render())
            assert "draft · agreed revision 2 in force" in state
            await pilot.press("enter")  # the selected (last) revision against the one before
            await settle(app, pilot)
            diff = history.query_one("#history-diff", DataTable)
            assert cells(diff, 0) == ["target"]
            assert (cells(diff, 1), cells(diff, 2)) == (["99.9"], ["99.95"])
            await pilot.press("up", "up", "space", "down", "down", "c")  # marked r2 -> r4
            await settle(app, pilot)
            assert "from revision 2 to 4" in history.query_one("#history-diff-pane") \
                .border_title
            await pilot.press("escape")
            await settle(app, pilot)
            assert not isinstance(app.screen, HistoryScreen)

    asyncio.run(body())


def _fixed_times(app) -> None:
    """Revisions are stamped with the wall clock; a snapshot needs the same stamp every run."""
    from datetime import UTC, datetime

    from sqlmodel import update

    from workbench.store.tables import RevisionRow

    app.service.write(lambda s: s.exec(update(RevisionRow).values(
        created_at=datetime(2026, 11, 20, 9, 30, tzinfo=UTC))))


def _open(kind_action):
    async def run_before(pilot) -> None:
        app = pilot.app
        for _ in range(3):
            await pilot.pause()
            await app.workers.wait_for_complete()
        kind_action(app)
        for _ in range(4):
            await pilot.pause()
            await app.workers.wait_for_complete()
        for field in app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()
    return run_before


def _history(app) -> None:
    document_actions.history(app.screen, "slo", "checkout-availability")


def _agree(app) -> None:
    document_actions.agree(app.screen, "slo", DRAFT_SLO, lambda _: None)


def test_history_snapshot_80x24(snap_compare, demo_app):
    _fixed_times(demo_app[0])
    assert snap_compare(demo_app[0], terminal_size=(80, 24), run_before=_open(_history))


def test_history_snapshot_160x45(snap_compare, demo_app):
    _fixed_times(demo_app[0])
    assert snap_compare(demo_app[0], terminal_size=(160, 45), run_before=_open(_history))


def test_agree_dialog_snapshot_80x24(snap_compare, demo_app):
    assert snap_compare(demo_app[0], terminal_size=(80, 24), run_before=_open(_agree))


def test_agree_dialog_snapshot_160x45(snap_compare, demo_app):
    assert snap_compare(demo_app[0], terminal_size=(160, 45), run_before=_open(_agree))
