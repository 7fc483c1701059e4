"""The "Budget policies" section: the list with its freeze marker, the parts in the book's
order marked done or missing, the "if today's figures hold" panel and the freeze banner;
new policy, editing every part through its dialog, a refusal shown in the dialog with
nothing lost, removing a condition, a consequence and a policy, agree / reopen / history,
the freeze marker on the SLO list, the section bar at 80 and 160 columns, keys and help, and
snapshots of the screen and every dialog at 80x24 and 160x45.

Every app is built on the demo's day; expected values come from the service's own view of
the policies (or the domain), never from the screen under test."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest
from rich.text import Text
from textual.widgets import Checkbox, DataTable, Input, Select, SelectionList, Static, TextArea

from workbench.domain.policy import Outcome
from workbench.tui.app import build_app
from workbench.tui.dialogs.agree_dialog import AgreeDialog
from workbench.tui.dialogs.confirm_dialog import ConfirmDialog
from workbench.tui.dialogs.policy_condition_dialog import PolicyConditionDialog
from workbench.tui.dialogs.policy_consequence_dialog import PolicyConsequenceDialog
from workbench.tui.dialogs.policy_escalation_dialog import PolicyEscalationDialog
from workbench.tui.dialogs.policy_form import PolicyPartDialog, last_segment, parts_named
from workbench.tui.dialogs.policy_purpose_dialog import PolicyPurposeDialog
from workbench.tui.dialogs.policy_review_dialog import PolicyReviewDialog
from workbench.tui.dialogs.policy_scope_dialog import PolicyScopeDialog
from workbench.tui.screens.history_screen import HistoryScreen
from workbench.tui.screens.policy_screen import PolicyScreen
from workbench.tui.screens.slo_screen import SloScreen
from workbench.tui.sections import SECTIONS
from workbench.tui.widgets.policy_evaluation import EvaluationPanel, evaluation_text
from workbench.tui.widgets.policy_list import PolicyTable
from workbench.tui.widgets.policy_parts import (
    DONE,
    MISSING,
    PartsTable,
    policy_rows,
    row_key_for,
)
from workbench.tui.widgets.section_bar import SectionTab, fit

DAY = date(2026, 11, 25)
SIZES = [(80, 24), (160, 45)]


# --- helpers ----------------------------------------------------------------------------


def view_of(app, workspace, ref: str):
    return app.service.policies.view(workspace.id, ref, DAY)


def column(table: DataTable, index: int = 0) -> list[str]:
    return [cell.plain if isinstance(cell, Text) else str(cell)
            for cell in (table.get_row_at(r)[index] for r in range(table.row_count))]


def text_of(widget) -> str:
    rendered = widget.render()
    return rendered.plain if hasattr(rendered, "plain") else str(rendered)


async def select_policy(screen: PolicyScreen, pilot, settle, ref: str) -> None:
    table = screen.query_one(PolicyTable)
    table.move_cursor(row=table.get_row_index(ref))
    await settle(screen.app, pilot)
    assert screen.selected_ref == ref


async def select_part(screen: PolicyScreen, pilot, key: str) -> None:
    table = screen.query_one(PartsTable)
    table.focus()
    table.move_cursor(row=table.get_row_index(key))
    await pilot.pause()
    assert table.selected_key() == key


async def open_part(app, screen, pilot, settle, key: str, dialog_class):
    await select_part(screen, pilot, key)
    await pilot.press("enter")
    await settle(app, pilot)
    dialog = app.screen
    assert isinstance(dialog, dialog_class)
    return dialog


# --- pure parts --------------------------------------------------------------------------


def test_the_section_bar_fits_80_and_160_columns_with_every_section():
    for section in SECTIONS:
        wide = fit(SECTIONS, section.id, 160)
        assert [label.title for label in wide] == [s.title for s in SECTIONS]
        narrow = fit(SECTIONS, section.id, 80)
        # nine sections: the short titles fit 80 columns with one cell between tabs
        assert [label.title for label in narrow] == [s.short_title for s in SECTIONS]
        assert all(label.tight for label in narrow)
        assert sum(label.width for label in narrow) == 80
    # the full titles do not fit 80 columns: that is why the short ones exist
    assert sum(label.width for label in fit(SECTIONS, "teams", 0)) > 80
    keys_only = fit(SECTIONS, "slos", 79)  # one cell short: keys only, and the current title
    assert [label.title for label in keys_only] == [
        "SLOs" if s.id == "slos" else "" for s in SECTIONS]


def test_a_part_path_finds_the_row_it_is_about(demo_app):
    app, workspace = demo_app
    policy = view_of(app, workspace, "checkout").policy
    assert row_key_for("scope.slos[0]", policy) == "scope"
    assert row_key_for("team", policy) == "scope"
    assert row_key_for("purpose", policy) == "purpose"
    assert row_key_for("conditions[1].window", policy) == "condition:1"
    assert row_key_for("conditions[4].consequences[1].code", policy) == "consequence:4:1"
    assert row_key_for("conditions[2].consequences", policy) == "condition:2"
    assert row_key_for("conditions[9].key", policy) == "condition:5"  # past the end: last
    assert row_key_for("escalation.contacts[0].name", policy) == "escalation"
    assert row_key_for("parties[0].role", policy) == "agreed"
    assert row_key_for("review.next", policy) == "review"
    assert row_key_for("something new", policy) == "scope"  # never dropped


def test_refusals_name_their_parts():
    error = ("conditions[0].percent: 'x' is not a number; e.g. 70; name: is empty; "
             "escalation.contacts[1].name: is empty")
    assert parts_named(error) == ["conditions[0].percent", "name",
                                  "escalation.contacts[1].name"]
    assert last_segment("conditions[2].consequences[0].ends") == "ends"
    assert last_segment("scope.slos[1]") == "slos"


def test_rows_follow_the_books_order_and_mark_what_is_missing(demo_app):
    app, workspace = demo_app
    checkout = view_of(app, workspace, "checkout")
    rows = policy_rows(checkout, DAY)
    kinds = [r.kind for r in rows]
    assert kinds[:2] == ["scope", "purpose"] and kinds[-3:] == ["escalation", "agreed",
                                                                "review"]
    conditions = [r for r in rows if r.kind == "condition"]
    assert [r.title for r in conditions] == [f"If {c.key}" for c in checkout.policy.conditions]
    consequences = sum(len(c.consequences) for c in checkout.policy.conditions)
    assert sum(1 for r in rows if r.kind == "consequence") == consequences
    assert not checkout.missing and {r.state for r in rows} == {DONE}
    storefront = view_of(app, workspace, "storefront")
    assert storefront.missing  # the demo's draft lacks parts
    marked = {r.key: r for r in policy_rows(storefront, DAY)}
    for missing in storefront.missing:
        row = marked[row_key_for(missing.part, storefront.policy)]
        assert row.state == MISSING and missing.message in row.messages


def test_the_panel_gives_each_condition_its_outcome_and_figures(demo_app):
    app, workspace = demo_app
    view = view_of(app, workspace, "checkout")
    evaluation = view.evaluation
    firing = [r for r in evaluation.results if r.condition == "exhausted"
              and r.outcome is Outcome.FIRES]
    assert [r.slo for r in firing] == ["upi-payment-availability"]
    text = evaluation_text(view, "exhausted").plain
    assert "▶ exhausted" in text and "FIRES" in text
    assert (f"upi-payment-availability: FIRES {firing[0].figure_text()} ≥ "
            f"{firing[0].threshold_text()}") in text
    for cond in view.policy.conditions:  # every condition has its line
        assert cond.key in text
    assert "• stop feature releases (exhausted)" in text
    collapsed = evaluation_text(view, None).plain
    assert "upi-payment-availability: FIRES" not in collapsed  # only the selected expands
    assert "upi-payment-availability: FIRES" in evaluation_text(view, None,
                                                                expand_all=True).plain


# --- the screen on the demo --------------------------------------------------------------


def test_key_6_lists_the_policies_with_status_and_freeze(demo_app, settle, footer_keys,
                                                         open_section):
    app, workspace = demo_app
    overview = app.service.policies.overview(workspace.id, DAY)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "6", PolicyScreen)
            table = screen.query_one(PolicyTable)
            assert column(table) == [v.ref for v in overview.policies]
            statuses = dict(zip(column(table), column(table, 2), strict=True))
            assert statuses["checkout"] == "agreed" and statuses["storefront"] == "draft"
            freezes = dict(zip(column(table), column(table, 3), strict=True))
            assert freezes["checkout"] == "❄ FREEZE" and freezes["storefront"] == ""
            banner = text_of(screen.query_one("#pol-freeze", Static))
            evaluation = overview.find("checkout").evaluation
            assert banner.startswith("❄ FREEZE: feature releases stopped")
            assert ", ".join(evaluation.allowed) in banner
            assert screen.query_one(PartsTable).has_focus
            assert {"Edit", "New", "Agree", "Quit", "Help"} <= set(footer_keys(app))
            # walking to a condition shows its figures beside it
            await select_part(screen, pilot, "condition:4")
            panel = text_of(screen.query_one(EvaluationPanel))
            assert "▶ exhausted" in panel and "upi-payment-availability" in panel
            details = text_of(screen.query_one("#pol-details"))
            assert details.startswith("If exhausted: budget exhausted")
            # the draft: its missing parts are marked and named
            await select_policy(screen, pilot, settle, "storefront")
            assert not screen.query_one("#pol-freeze").display
            storefront = overview.find("storefront")
            first = storefront.missing[0]
            key = row_key_for(first.part, storefront.policy)
            await select_part(screen, pilot, key)
            parts = screen.query_one(PartsTable)
            assert column(parts)[parts.get_row_index(key)] == "✗"
            details = text_of(screen.query_one("#pol-details"))
            assert f"✗ Missing: {first.message}" in details
            assert f"{len(storefront.missing)} missing" in \
                screen.query_one("#pol-parts-pane").border_title

    asyncio.run(run())


def test_a_problem_found_since_is_shown_on_its_part(demo_app, settle, open_section):
    """The policy names an SLO that was removed afterwards: the scope row says so."""
    app, workspace = demo_app
    wb = app.service
    current = view_of(app, workspace, "storefront")
    wb.policies.change(workspace.id, "storefront", {"scope": {
        "services": list(current.policy.services), "slos": ["search-latency"]}},
        expected_version=current.version)
    slo = next(s for s in wb.slos.overview(workspace.id, DAY).slos
               if s.name == "search-latency")
    wb.slos.remove(workspace.id, slo)
    problems = view_of(app, workspace, "storefront").problems
    assert problems

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "6", PolicyScreen)
            await select_policy(screen, pilot, settle, "storefront")
            await select_part(screen, pilot, "scope")
            parts = screen.query_one(PartsTable)
            assert column(parts)[0] == "⚠"
            details = " ".join(text_of(screen.query_one("#pol-details")).split())
            assert details.startswith(f"⚠ {problems[0]}"[:60])
            title = screen.query_one("#pol-parts-pane").border_title
            assert f"{len(problems)} problem" in title

    asyncio.run(run())


def test_new_policy_starts_from_the_example_conditions(demo_app, settle, notifications,
                                                       open_section, save):
    app, workspace = demo_app
    choices = app.service.policies.overview(workspace.id, DAY).choices
    owned = choices.team_services["Fulfilment"]

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "6", PolicyScreen)
            seen = notifications(app)
            await pilot.press("n")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, PolicyScopeDialog)
            assert dialog.focused is dialog.query_one("#name", Input)
            dialog.query_one("#name", Input).value = "fulfilment"
            dialog.query_one("#team", Select).value = "Fulfilment"
            await settle(app, pilot)
            # choosing the team ticked its services
            assert sorted(dialog.query_one("#services", SelectionList).selected) == \
                sorted(owned)
            await save(app, pilot, settle)
            assert app.screen is screen
            assert screen.selected_ref == "fulfilment"
            assert "fulfilment" in column(screen.query_one(PolicyTable))
            assert seen[-1]["message"].startswith("Started policy fulfilment")

    asyncio.run(run())
    created = view_of(app, workspace, "fulfilment")
    assert created.policy.team == "Fulfilment"
    assert list(created.policy.services) == [s for s in choices.services if s in owned]
    assert [c.key for c in created.policy.conditions] == ["budget-70", "fast-burn",
                                                         "slow-burn", "exhausted"]
    assert created.state.status.value == "draft"


def test_an_empty_workspace_offers_new_and_marks_the_missing_parts(engine, settle,
                                                                   footer_keys, open_section, save):
    from workbench.store import repo
    from workbench.store.db import transaction

    with transaction(engine) as session:
        workspace = repo.create_workspace(session, "Fresh start")
    app = build_app(engine, workspace_id=workspace.id, today=DAY)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "6", PolicyScreen)
            assert text_of(screen.query_one("#pol-details")).startswith(
                "No error budget policy yet: n starts one")
            keys = footer_keys(app)
            assert "New" in keys and "Edit" not in keys and "Agree" not in keys
            await pilot.press("n")
            await settle(app, pilot)
            app.screen.query_one("#name", Input).value = "first"
            await save(app, pilot, settle)
            assert screen.selected_ref == "first"
            marks = dict(zip(screen.query_one(PartsTable).rows_shown, column(
                screen.query_one(PartsTable)), strict=True))
            assert marks["scope"] == "✗"  # nothing in scope yet
            assert "Edit" in footer_keys(app)

    asyncio.run(run())
    missing = {m.part for m in app.service.policies.view(workspace.id, "first", DAY).missing}
    assert "scope" in missing


def test_a_refused_new_policy_keeps_what_was_typed(demo_app, settle, open_section, error_of, save):
    app, workspace = demo_app
    before = [v.ref for v in app.service.policies.overview(workspace.id, DAY).policies]

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await open_section(app, pilot, "6", PolicyScreen)
            await pilot.press("n")
            await settle(app, pilot)
            dialog = app.screen
            dialog.query_one("#name", Input).value = "checkout"  # taken
            dialog.query_one("#services", SelectionList).select("payments")
            await save(app, pilot, settle)
            assert app.screen is dialog
            assert "checkout" in error_of(dialog)
            assert dialog.query_one("#name", Input).value == "checkout"
            assert list(dialog.query_one("#services", SelectionList).selected) == ["payments"]

    asyncio.run(run())
    assert [v.ref for v in app.service.policies.overview(workspace.id, DAY).policies] == before


def test_scope_purpose_and_review_dialogs_save_their_part(demo_app, settle, notifications,
                                                          open_section, save):
    app, workspace = demo_app
    before = view_of(app, workspace, "storefront")

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "6", PolicyScreen)
            await select_policy(screen, pilot, settle, "storefront")
            seen = notifications(app)
            dialog = await open_part(app, screen, pilot, settle, "scope", PolicyScopeDialog)
            assert dialog.query_one("#name", Input).value == "storefront"
            dialog.query_one("#title", Input).value = "Storefront search policy"
            dialog.query_one("#slos", SelectionList).select("search-latency")
            await save(app, pilot, settle)
            assert app.screen is screen
            assert seen[-1]["message"] == "Saved the name and scope of storefront"

            dialog = await open_part(app, screen, pilot, settle, "purpose",
                                     PolicyPurposeDialog)
            dialog.query_one("#purpose", TextArea).text = "Keep search fast.\nAlways."
            await save(app, pilot, settle)
            assert app.screen is screen

            dialog = await open_part(app, screen, pilot, settle, "review", PolicyReviewDialog)
            dialog.query_one("#next-review", Input).value = "2027-03-01"
            dialog.query_one("#after-outage", Checkbox).value = True
            await save(app, pilot, settle)
            assert app.screen is screen
            assert screen.query_one(PartsTable).selected_key() == "review"

    asyncio.run(run())
    after = view_of(app, workspace, "storefront").policy
    assert after.title == "Storefront search policy" and after.slos == ("search-latency",)
    assert after.services == before.policy.services
    assert after.purpose == "Keep search fast.\nAlways."
    assert after.next_review == date(2027, 3, 1) and after.review_after_major_outage
    assert after.conditions == before.policy.conditions  # other parts untouched


def test_condition_dialog_shows_only_the_figures_of_its_trigger(demo_app, settle, open_section,
                                                                save):
    app, workspace = demo_app
    before = view_of(app, workspace, "checkout").policy

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "6", PolicyScreen)
            dialog = await open_part(app, screen, pilot, settle, "condition:1",
                                     PolicyConditionDialog)
            assert dialog.query_one("#key", Input).value == "fast-burn"
            assert dialog.query_one("#percent").display and dialog.query_one("#window").display
            assert not dialog.query_one("#burn-rate").display
            reads = text_of(dialog.query_one("#pol-reads", Static))
            assert reads == f"Reads: {before.conditions[1].describe()}"
            dialog.query_one("#trigger", Select).value = "burn-rate"
            await settle(app, pilot)
            assert dialog.query_one("#burn-rate").display
            assert not dialog.query_one("#percent").display
            assert text_of(dialog.query_one("#pol-reads", Static)).startswith("⚠ burn_rate:")
            dialog.query_one("#burn-rate", Input).value = "6"
            dialog.query_one("#window", Input).value = "6h"
            await settle(app, pilot)
            assert text_of(dialog.query_one("#pol-reads", Static)) == \
                "Reads: burn rate 6 or more over 6h"
            await save(app, pilot, settle)
            assert app.screen is screen

    asyncio.run(run())
    after = view_of(app, workspace, "checkout").policy
    changed = after.conditions[1]
    assert (changed.trigger.value, str(changed.burn_rate), changed.percent) == \
        ("burn-rate", "6", None)
    assert changed.consequences == before.conditions[1].consequences  # kept
    assert after.conditions[0] == before.conditions[0]


def test_a_refused_condition_stays_in_the_dialog_and_marks_the_field(demo_app, settle,
                                                                     notifications, open_section,
                                                                     error_of, save):
    app, workspace = demo_app
    before = view_of(app, workspace, "checkout")

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "6", PolicyScreen)
            dialog = await open_part(app, screen, pilot, settle, "condition:0",
                                     PolicyConditionDialog)
            dialog.query_one("#percent", Input).value = "170"
            await save(app, pilot, settle)
            assert app.screen is dialog  # nothing lost
            error = error_of(dialog)
            assert error.startswith("conditions[0].percent:")
            percent = dialog.query_one("#percent", Input)
            assert percent.has_focus and percent.has_class("-invalid")
            assert percent.value == "170"
            await pilot.press("escape")
            await settle(app, pilot)
            assert app.screen is screen

    asyncio.run(run())
    after = view_of(app, workspace, "checkout")
    assert after.version == before.version and after.policy == before.policy


def test_add_a_condition_and_a_consequence(demo_app, settle, open_section, save):
    app, workspace = demo_app
    before = view_of(app, workspace, "storefront").policy

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "6", PolicyScreen)
            await select_policy(screen, pilot, settle, "storefront")
            screen.query_one(PartsTable).focus()
            await pilot.press("a")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, PolicyConditionDialog)
            dialog.query_one("#key", Input).value = "spent"
            dialog.query_one("#trigger", Select).value = "exhausted"
            await settle(app, pilot)
            assert not dialog.query_one("#percent").display
            await save(app, pilot, settle)
            index = len(before.conditions)
            assert screen.query_one(PartsTable).selected_key() == f"condition:{index}"
            await pilot.press("c")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, PolicyConsequenceDialog)
            dialog.query_one("#action", Select).value = "stop"
            await settle(app, pilot)
            assert dialog.query_one("#allowed").display and not dialog.query_one("#code").display
            dialog.query_one("#activity", Input).value = "feature releases"
            dialog.query_one("#allowed", Input).value = "security fixes, reliability fixes"
            dialog.query_one("#ends", Select).value = "next-period"
            await save(app, pilot, settle)
            assert app.screen is screen
            assert screen.query_one(PartsTable).selected_key() == f"consequence:{index}:0"

    asyncio.run(run())
    added = view_of(app, workspace, "storefront").policy.conditions[-1]
    assert added.key == "spent" and added.trigger.value == "exhausted"
    (cons,) = added.consequences
    assert (cons.action.value, cons.activity, cons.allowed, cons.ends.value) == (
        "stop", "feature releases", ("security fixes", "reliability fixes"), "next-period")


def test_consequence_and_escalation_dialogs_save_their_part(demo_app, settle, open_section, save):
    app, workspace = demo_app
    before = view_of(app, workspace, "checkout").policy

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "6", PolicyScreen)
            dialog = await open_part(app, screen, pilot, settle, "consequence:4:1",
                                     PolicyConsequenceDialog)
            assert dialog.query_one("#code", Select).value == "red"
            dialog.query_one("#code", Select).value = "yellow"
            dialog.query_one("#detail", Input).value = "[bold]stand-up[/bold] daily"
            await save(app, pilot, settle)
            assert app.screen is screen
            details = text_of(screen.query_one("#pol-details"))
            assert "[bold]stand-up[/bold] daily" in details  # user text is never markup

            dialog = await open_part(app, screen, pilot, settle, "escalation",
                                     PolicyEscalationDialog)
            assert dialog.query_one("#contact-0-name", Input).value == before.contacts[0].name
            dialog.query_one("#tiebreaker", Input).value = "head of engineering"
            dialog.query_one("#contact-1-name", Input).value = "Meera Nair"
            dialog.query_one("#contact-1-role", Input).value = "product director"
            await save(app, pilot, settle)
            assert app.screen is screen

    asyncio.run(run())
    after = view_of(app, workspace, "checkout")
    cons = after.policy.conditions[4].consequences[1]
    assert cons.code.value == "yellow" and cons.detail == "[bold]stand-up[/bold] daily"
    assert after.policy.tiebreaker == "head of engineering"
    assert [c.name for c in after.policy.contacts] == [before.contacts[0].name, "Meera Nair"]
    # editing the agreed policy made a draft; the agreed revision stays in force
    assert after.state.status.value == "draft" and after.in_force_number is not None


def test_a_contact_without_a_name_is_refused_at_its_row(demo_app, settle, open_section,
                                                        error_of, save):
    app, _ = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "6", PolicyScreen)
            dialog = await open_part(app, screen, pilot, settle, "escalation",
                                     PolicyEscalationDialog)
            dialog.query_one("#contact-1-role", Input).value = "finance"
            await save(app, pilot, settle)
            assert app.screen is dialog
            assert "escalation.contacts[1].name" in error_of(dialog)
            assert dialog.query_one("#contact-1-name", Input).has_focus

    asyncio.run(run())


def test_remove_a_consequence_a_condition_and_a_policy_ask_first(demo_app, settle, open_section):
    app, workspace = demo_app
    before = view_of(app, workspace, "checkout").policy

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "6", PolicyScreen)
            await select_part(screen, pilot, "consequence:4:1")
            await pilot.press("x")
            await settle(app, pilot)
            confirm = app.screen
            assert isinstance(confirm, ConfirmDialog)
            assert "declare code red" in confirm.body_text
            await pilot.press("n")  # no: nothing removed
            await settle(app, pilot)
            assert view_of(app, workspace, "checkout").policy == before
            await pilot.press("x")
            await settle(app, pilot)
            await pilot.press("y")
            await settle(app, pilot)
            await select_part(screen, pilot, "condition:3")
            await pilot.press("x")
            await settle(app, pilot)
            assert "provider" in app.screen.body_text
            await pilot.press("y")
            await settle(app, pilot)
            # a part that is not a condition is not removed with x
            await select_part(screen, pilot, "purpose")
            await pilot.press("x")
            await settle(app, pilot)
            assert app.screen is screen
            # x in the list removes the whole policy
            await select_policy(screen, pilot, settle, "storefront")
            screen.query_one(PolicyTable).focus()
            await pilot.press("x")
            await settle(app, pilot)
            assert "storefront" in app.screen.body_text
            await pilot.press("y")
            await settle(app, pilot)
            assert column(screen.query_one(PolicyTable)) == ["checkout"]

    asyncio.run(run())
    after = view_of(app, workspace, "checkout").policy
    assert [c.key for c in after.conditions] == [c.key for c in before.conditions
                                                  if c.key != "provider"]
    assert after.condition("exhausted").consequences == \
        before.condition("exhausted").consequences[:1]
    assert [v.ref for v in app.service.policies.overview(workspace.id, DAY).policies] == [
        "checkout"]


def test_reopen_then_agree_the_policy(demo_app, settle, notifications, open_section, reopen_with):
    app, workspace = demo_app
    assert view_of(app, workspace, "checkout").state.status.value == "agreed"

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "6", PolicyScreen)
            seen = notifications(app)
            await pilot.press("g")
            await settle(app, pilot)
            assert "already agreed" in seen[-1]["message"]
            await reopen_with(app, pilot, "The provider changed")
            assert "draft again" in seen[-1]["message"]
            table = screen.query_one(PolicyTable)
            assert column(table, 2)[table.get_row_index("checkout")] == "draft · rev 2 in force"
            # the agreed revision still freezes: the banner says so, from that revision
            banner = text_of(screen.query_one("#pol-freeze", Static))
            assert banner.startswith("❄ FREEZE: feature releases stopped")
            assert "agreed revision 2 in force" in banner
            await pilot.press("g")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, AgreeDialog)
            for index, field in enumerate(dialog.query("#agree-signers Input").results(Input)):
                field.value = field.value or f"Signer {index}"  # a named party keeps its name
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert seen[-1]["message"].endswith("is agreed")
            await pilot.press("y")
            await settle(app, pilot)
            assert isinstance(app.screen, HistoryScreen)

    asyncio.run(run())
    assert view_of(app, workspace, "checkout").state.status.value == "agreed"


def test_a_policy_with_missing_parts_is_not_offered_for_agreement(demo_app, settle,
                                                                  notifications, open_section):
    app, workspace = demo_app
    storefront = view_of(app, workspace, "storefront")

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "6", PolicyScreen)
            await select_policy(screen, pilot, settle, "storefront")
            seen = notifications(app)
            await pilot.press("g")
            await settle(app, pilot)
            assert app.screen is screen
            message = seen[-1]["message"]
            assert message.startswith("storefront cannot be agreed yet")
            for missing in storefront.missing:
                assert missing.message in message

    asyncio.run(run())


def test_a_change_made_elsewhere_is_not_overwritten(demo_app, settle, open_section,
                                                    save_into_conflict):
    app, workspace = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "6", PolicyScreen)
            dialog = await open_part(app, screen, pilot, settle, "purpose",
                                     PolicyPurposeDialog)
            current = view_of(app, workspace, "checkout")
            app.service.policies.change(workspace.id, "checkout", {"purpose": "Elsewhere."},
                                        expected_version=current.version)
            dialog.query_one("#purpose", TextArea).text = "Mine."
            await save_into_conflict(app, pilot, screen)

    asyncio.run(run())
    assert view_of(app, workspace, "checkout").policy.purpose == "Elsewhere."


def test_the_slo_list_marks_slos_under_a_freeze(demo_app, settle):
    app, workspace = demo_app
    freezes = app.service.policies.freezes(workspace.id, DAY)
    assert "upi-payment-availability" in freezes

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await pilot.press("4")
            await settle(app, pilot)
            screen = app.screen
            assert isinstance(screen, SloScreen)
            table = screen.query_one("#slos", DataTable)
            names = column(table)
            index = [str(c.label.plain if hasattr(c.label, "plain") else c.label)
                     for c in table.columns.values()].index("Freeze")
            marks = dict(zip(names, column(table, index), strict=True))
            for name in names:
                assert marks[name] == ("❄ frozen" if name in freezes else "")
            table.move_cursor(row=names.index("upi-payment-availability"))
            await pilot.pause()
            details = text_of(screen.query_one("#slo-details", Static))
            policies = ", ".join(freezes["upi-payment-availability"])
            assert f"❄ under a freeze of policy {policies}" in details

    asyncio.run(run())


def test_section_bar_shows_short_titles_at_80_and_full_ones_at_160(demo, settle, open_section):
    engine, workspace = demo

    async def tabs(size):
        app = build_app(engine, workspace_id=workspace.id, today=DAY)
        async with app.run_test(size=size) as pilot:
            await open_section(app, pilot, "6", PolicyScreen)
            found = list(app.screen.query(SectionTab))
            assert all(tab.region.right <= size[0] for tab in found)
            return [text_of(tab) for tab in found]

    assert asyncio.run(tabs((80, 24))) == [f"{s.key} {s.short_title}" for s in SECTIONS]
    assert asyncio.run(tabs((160, 45))) == [f"{s.key} {s.title}" for s in SECTIONS]


def test_every_key_has_an_id_description_and_tooltip_and_help_lists_them(demo_app, settle,
                                                                         footer_keys, open_section):
    app, _ = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await open_section(app, pilot, "6", PolicyScreen)
            for owner in (PolicyScreen, PartsTable, PolicyTable, PolicyPartDialog):
                for binding in owner.BINDINGS:
                    assert binding.id and binding.description and binding.tooltip, binding
            descriptions = {description for _, description in app.help_rows()}
            for binding in (*PolicyScreen.BINDINGS, *PartsTable.BINDINGS,
                            *PolicyTable.BINDINGS):
                assert binding.tooltip in descriptions, binding
            for key in ("n", "enter"):  # the dialogs keep ^q and f1 in their footers
                await pilot.press(key)
                await settle(app, pilot)
                assert {"Save", "Quit", "Help"} <= set(footer_keys(app))
                await pilot.press("escape")
                await settle(app, pilot)

    asyncio.run(run())


# --- snapshots --------------------------------------------------------------------------


SNAPSHOTS = {
    "screen": (None, ()),
    "storefront": ("storefront", ("@scope",)),
    "new_dialog": (None, ("n",)),
    "scope_dialog": (None, ("@scope", "enter")),
    "purpose_dialog": (None, ("@purpose", "enter")),
    "condition_dialog": (None, ("@condition:1", "enter")),
    "consequence_dialog": (None, ("@consequence:4:0", "enter")),
    "escalation_dialog": (None, ("@escalation", "enter")),
    "review_dialog": (None, ("@review", "enter")),
}


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x45"])
@pytest.mark.parametrize("name", list(SNAPSHOTS))
def test_policy_snapshot(snap_compare, demo_app, settle, size, name, open_section, no_blink):
    app, _ = demo_app
    policy, keys = SNAPSHOTS[name]

    async def run_before(pilot) -> None:
        screen = await open_section(pilot.app, pilot, "6", PolicyScreen)
        if policy is not None:
            await select_policy(screen, pilot, settle, policy)
        for key in keys:
            if key.startswith("@"):
                await select_part(screen, pilot, key[1:])
            else:
                await pilot.press(key)
            await settle(pilot.app, pilot)
        no_blink(pilot.app)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
