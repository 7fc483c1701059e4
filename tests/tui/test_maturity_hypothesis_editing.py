"""Pilot tests of editing transformation hypotheses in the TUI: add (validated), edit,
remove (asks first), and an edit refused because someone else changed the hypothesis."""

from __future__ import annotations

import asyncio
from datetime import date

from test_maturity_walk import column, open_maturity, plain
from textual.widgets import DataTable, Input, Select, SelectionList, Static

from workbench.store import assessment_repo as ar
from workbench.store.db import reading, transaction
from workbench.tui.dialogs.confirm_dialog import ConfirmDialog
from workbench.tui.dialogs.maturity_hypothesis_dialog import HypothesisDialog
from workbench.tui.screens.maturity_hypotheses_screen import HypothesesScreen


async def open_hypotheses(app, pilot, settle) -> HypothesesScreen:
    await open_maturity(app, pilot, settle)
    await pilot.press("h")
    await settle(app, pilot)
    assert isinstance(app.screen, HypothesesScreen)
    return app.screen


async def save(app, pilot, settle, dialog: HypothesisDialog) -> None:
    dialog.query_one("#hyp-group", Input).focus()
    await pilot.press("enter")
    await settle(app, pilot)


def stored(app, workspace):
    with reading(app.engine) as session:
        return {h.hypothesis.stakeholder_group: h
                for h in ar.list_hypotheses(session, workspace.id)}


def test_add_a_hypothesis_with_criteria_of_the_model(demo_app, notifications, settle):
    app, workspace = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_hypotheses(app, pilot, settle)
            seen = notifications(app)
            await pilot.press("a")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, HypothesisDialog)
            assert app.screen.focused is dialog.query_one("#hyp-group", Input)
            dialog.query_one("#hyp-team", Select).value = "Fulfilment"
            for field, value in (("group", "Courier [bold]partners"),
                                 ("capability", "tracking SLOs"),
                                 ("outcome", "fewer support calls"),
                                 ("signal", "calls about late parcels halve"),
                                 ("review", "soon")):
                dialog.query_one(f"#hyp-{field}", Input).value = value
            criteria = dialog.query_one("#hyp-criteria", SelectionList)
            assert criteria.option_count == 28  # the model's criteria, by name
            criteria.select("tech-monitoring")
            criteria.select("process-support")
            await pilot.pause()
            # read back in full on taller terminals; at 24 lines the buttons need the room
            statement = dialog.query_one("#hyp-statement", Static)
            assert str(statement.content).startswith(
                "We believe tracking SLOs will result in fewer support calls.")
            assert not statement.display
            label = plain(dialog.query_one("#hyp-criteria-label", Static))
            assert "2 picked" in label
            await save(app, pilot, settle, dialog)
            assert app.screen is dialog  # the date is refused, what was typed stays
            error = plain(dialog.query_one("#dialog-error", Static))
            assert "review date: 'soon' is not a date" in error

            dialog.query_one("#hyp-review", Input).value = "2027-03-01"
            await save(app, pilot, settle, dialog)
            assert app.screen is screen
            assert seen[-1]["message"] == "Hypothesis for Courier [bold]partners added"
            table = screen.query_one("#hyp-table", DataTable)
            assert column(table, "group")[-1] == "Courier [bold…"  # cut to fit 80 columns
            assert column(table, "team")[-1] == "Fulfilment"
            assert screen.selected().hypothesis.stakeholder_group == "Courier [bold]partners"
            details = plain(screen.query_one("#hyp-details", Static))
            assert "Courier [bold]partners: We believe tracking SLOs" in details
            assert "Customer support, Monitoring" in details  # in the model's order

            added = stored(app, workspace)["Courier [bold]partners"]
            assert added.team == "Fulfilment" and added.model_id == "sre-maturity"
            assert added.hypothesis.review_date == date(2027, 3, 1)
            assert added.hypothesis.criterion_ids == ["process-support", "tech-monitoring"]

    asyncio.run(run())


def test_edit_a_hypothesis_needs_evidence_for_a_verdict(demo_app, settle):
    app, workspace = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_hypotheses(app, pilot, settle)
            before = stored(app, workspace)["Developers"]
            await pilot.press("e")  # the first row: Developers
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, HypothesisDialog)
            assert dialog.query_one("#hyp-team", Select).disabled
            assert dialog.query_one("#hyp-group", Input).value == "Developers"
            criteria = dialog.query_one("#hyp-criteria", SelectionList)
            assert sorted(criteria.selected) == sorted(before.hypothesis.criterion_ids)
            criteria.deselect("process-incident-response")
            dialog.query_one("#hyp-status", Select).value = "confirmed"
            await save(app, pilot, settle, dialog)
            assert app.screen is dialog
            assert "a confirmed hypothesis needs evidence" in plain(
                dialog.query_one("#dialog-error", Static))

            dialog.query_one("#hyp-evidence", Input).value = "restore time 41 -> 24 min"
            await save(app, pilot, settle, dialog)
            assert app.screen is screen
            assert column(screen.query_one("#hyp-table", DataTable), "status")[0] == \
                "confirmed"
            after = stored(app, workspace)["Developers"]
            assert after.hypothesis.status == "confirmed"
            assert after.hypothesis.evidence == "restore time 41 -> 24 min"
            assert after.hypothesis.criterion_ids == ["people-developers", "process-on-call"]
            assert after.version > before.version

    asyncio.run(run())


def test_remove_a_hypothesis_asks_first(demo_app, notifications, settle):
    app, workspace = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_hypotheses(app, pilot, settle)
            table = screen.query_one("#hyp-table", DataTable)
            table.move_cursor(row=1)  # Product owners
            await pilot.press("x")
            await settle(app, pilot)
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("escape")  # cancel: nothing removed
            await settle(app, pilot)
            assert table.row_count == 3
            seen = notifications(app)
            await pilot.press("delete")
            await settle(app, pilot)
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("y")
            await settle(app, pilot)
            assert app.screen is screen
            assert column(table, "group") == ["Developers", "Executives"]
            assert seen[-1]["message"].startswith("Removed the hypothesis for Product owners")
            assert "Product owners" not in stored(app, workspace)

    asyncio.run(run())


def test_edit_refused_when_someone_else_changed_the_hypothesis(demo_app, settle):
    app, workspace = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_hypotheses(app, pilot, settle)
            await pilot.press("e")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, HypothesisDialog)
            opened = dialog.stored
            # another session saves the same hypothesis meanwhile
            with transaction(app.engine) as session:
                ar.update_hypothesis(session, opened.id, expected_version=opened.version,
                                     evidence="first pager week went well")
            dialog.query_one("#hyp-outcome", Input).value = "a quieter pager"
            await save(app, pilot, settle, dialog)
            confirm = app.screen
            assert isinstance(confirm, ConfirmDialog)
            assert confirm.dialog_title == "Changed by someone else"
            assert "was changed by someone else since you opened it" in plain(
                dialog.query_one("#dialog-error", Static))
            await pilot.press("y")  # close the dialog and reload
            await settle(app, pilot)
            assert app.screen is screen
            kept = stored(app, workspace)["Developers"]
            assert kept.hypothesis.outcome == opened.hypothesis.outcome  # nothing overwritten
            assert kept.hypothesis.evidence == "first pager week went well"
            assert "first pager week went well" in plain(screen.query_one("#hyp-details",
                                                                          Static))

    asyncio.run(run())
