"""Issue 8, section 5: numbers typed into TUI dialogs are ASCII digits only.

``str.isdigit()`` is true for ``²`` (which ``int()`` cannot read: the dialog crashed with a
ValueError) and for ``٣`` (which ``int()`` reads as 3: the dialog accepted a digit nobody
means to type). Both must end in the dialog's normal refusal, with the field marked and
nothing saved. The expected refusals are the service's own wording (``'…' is not a whole
number; use 1 to 5``), so these tests check the dialogs send such text on as typed.

Also the out-of-hours decision's live recommendation: ``NaN`` typed as the target used to
reach ``recommend`` (Decimal NaN cannot be compared: InvalidOperation), and ``٩٩.٩`` was
read as 99.9 there although the service refuses it.
"""

from __future__ import annotations

import asyncio
from decimal import Decimal

import pytest
from textual.widgets import Input, Static

from workbench.domain.org import Criterion, OrgModel
from workbench.tui.dialogs.oncall_decision_dialog import OnCallDecisionDialog, typed_target
from workbench.tui.dialogs.org_score_dialog import OrgScoreDialog
from workbench.tui.dialogs.org_teams_dialog import OrgTeamsDialog
from workbench.tui.screens.oncall_screen import OnCallScreen
from workbench.tui.screens.org_screen import OrgScreen
from workbench.tui.widgets.org_table import DecisionTable

NOT_ASCII = ["²", "٣", "\uff13"]  # superscript two, Arabic-Indic three, fullwidth three


def text_of(widget) -> str:
    rendered = widget.render()
    return rendered.plain if hasattr(rendered, "plain") else str(rendered)


async def move_to(screen, pilot, criterion: Criterion, model: OrgModel) -> None:
    table = screen.query_one(DecisionTable)
    table.focus()
    table.move_cursor(row=0, column=0)
    await pilot.pause()
    await pilot.press(*["down"] * table.row_keys.index(criterion.value))
    await pilot.press(*["right"] * (table.models.index(model) + 1))
    await pilot.pause()
    assert table.cell_under_cursor == (criterion.value, model)


@pytest.mark.parametrize("typed", NOT_ASCII)
def test_a_score_in_other_digits_is_refused_in_the_dialog(demo_app, settle, open_section,
                                                          error_of, save, typed):
    app, workspace = demo_app
    before = app.service.organisation.decision(workspace.id, None)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "8", OrgScreen)
            await move_to(screen, pilot, Criterion.COST, OrgModel.YOU_RUN)
            await pilot.press("s")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, OrgScoreDialog)
            field = dialog.query_one("#score", Input)
            field.value = typed
            await save(app, pilot, settle)
            assert app.screen is dialog  # refused, not crashed and not saved
            assert f"score: {typed!r} is not a whole number; use 1 to 5" in error_of(dialog)
            assert field.has_class("-invalid") and field.value == typed
            await pilot.press("escape")
            await settle(app, pilot)
            assert app.screen is screen

    asyncio.run(run())
    after = app.service.organisation.decision(workspace.id, None)
    assert after.decision.scores == before.decision.scores
    assert after.version == before.version


@pytest.mark.parametrize("typed", NOT_ASCII)
def test_a_team_size_in_other_digits_is_refused_in_the_dialog(demo_app, settle, open_section,
                                                              error_of, save, typed):
    app, workspace = demo_app
    before = app.service.organisation.decision(workspace.id, None)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await open_section(app, pilot, "8", OrgScreen)
            await pilot.press("t")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, OrgTeamsDialog)
            field = dialog.query_one("#team-size", Input)
            field.focus()
            field.value = ""
            await pilot.press(typed)  # typed as the user would: the live preview runs
            await settle(app, pilot)
            assert field.value == typed
            assert text_of(dialog.query_one("#org-sizing-preview", Static)) == (
                "Sizing: the team size and SREs per team are whole numbers from 1.")
            await save(app, pilot, settle)
            assert app.screen is dialog
            assert (f"sizing.sre_team_size: {typed!r} is not a whole number"
                    in error_of(dialog))
            assert field.has_class("-invalid")

    asyncio.run(run())
    after = app.service.organisation.decision(workspace.id, None)
    assert after.decision.sre_team_size == before.decision.sre_team_size
    assert after.version == before.version


def test_ascii_digits_still_make_a_team_size(demo_app, settle, open_section, save):
    app, workspace = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "8", OrgScreen)
            await pilot.press("t")
            await settle(app, pilot)
            dialog = app.screen
            dialog.query_one("#team-size", Input).value = " 12 "
            await save(app, pilot, settle)
            assert app.screen is screen

    asyncio.run(run())
    assert app.service.organisation.decision(workspace.id, None).decision.sre_team_size == 12


@pytest.mark.parametrize(("typed", "read"), [
    ("99.9", Decimal("99.9")), ("99.9 %", Decimal("99.9")), ("", None),
    ("٩٩.٩", "٩٩.٩"), ("\uff19\uff19", "\uff19\uff19"), ("NaN", "NaN"), ("sNaN", "sNaN"),
    ("Infinity", "Infinity"), ("-inf", "-inf"), ("high", "high"),
])
def test_the_typed_target_is_a_finite_ascii_number_or_the_text(typed, read):
    assert typed_target(typed) == read
    assert type(typed_target(typed)) is type(read)


@pytest.mark.parametrize("typed", ["NaN", "٩٩.٩"])
def test_the_live_recommendation_names_a_target_that_is_no_number(demo_app, settle,
                                                                   open_section, typed):
    app, _ = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await open_section(app, pilot, "9", OnCallScreen)
            await pilot.press("down", "down")  # cart: no target of its own
            await pilot.press("enter")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, OnCallDecisionDialog)
            field = dialog.query_one("#target", Input)
            assert field.has_focus
            field.value = typed
            await settle(app, pilot)
            assert app.is_running and app.screen is dialog
            assert " ".join(text_of(dialog.query_one("#oc-recommendation")).split()) == (
                f"Rule: {typed!r} is not a number; type the target in percent, e.g. 99.9")

    asyncio.run(run())
