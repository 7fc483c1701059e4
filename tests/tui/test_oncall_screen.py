"""The "On-call" section: the demo's Checkout agreement with its decisions, schedule and
fairness (side by side at 160x45, on their own tabs at 80x24); recording a decision, adding
and editing a rotation, handing a turn over, an escalation level and a priority, all from
the keyboard; a refusal kept in its dialog; agree refused while parts are missing, then
given; a version conflict; starting an agreement; the palette; keys and help; the section
bar at 80 columns; snapshots at both sizes.

Every app is built on the demo's day; expected values come from the service's own view
(``wb.oncall``) or the domain, never from the screen under test."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest
from rich.text import Text
from textual.widgets import Checkbox, DataTable, Input, Select, TabbedContent, TextArea

from workbench.domain.oncall import Coverage, Demand, LevelKind, OutOfHours, Shape
from workbench.domain.oncall.fairness import hours_text
from workbench.tui.dialogs.agree_dialog import AgreeDialog
from workbench.tui.dialogs.confirm_dialog import ConfirmDialog
from workbench.tui.dialogs.document_form import DocumentPartDialog
from workbench.tui.dialogs.oncall_decision_dialog import OnCallDecisionDialog
from workbench.tui.dialogs.oncall_level_dialog import OnCallLevelDialog
from workbench.tui.dialogs.oncall_override_dialog import OnCallOverrideDialog
from workbench.tui.dialogs.oncall_priority_dialog import OnCallPriorityDialog
from workbench.tui.dialogs.oncall_rotation_dialog import (
    OnCallRotationDialog,
    parse_away,
    parse_windows,
)
from workbench.tui.palette import WorkbenchCommands
from workbench.tui.screens.oncall_screen import OnCallScreen
from workbench.tui.sections import SECTIONS
from workbench.tui.widgets.oncall_decisions import DecisionList, decision_details
from workbench.tui.widgets.oncall_fairness import FairnessTable
from workbench.tui.widgets.oncall_lists import EscalationTable, PriorityTable
from workbench.tui.widgets.oncall_schedule import ScheduleTable, day_text
from workbench.tui.widgets.section_bar import SectionTab, fit

DAY = date(2026, 11, 25)
SIZES = [(80, 24), (160, 45)]


# --- helpers ----------------------------------------------------------------------------


def view_of(app, workspace, team: str = "Checkout"):
    return app.service.oncall.view(workspace.id, team, DAY)


def column(table: DataTable, index: int = 0) -> list[str]:
    return [cell.plain if isinstance(cell, Text) else str(cell)
            for cell in (table.get_row_at(r)[index] for r in range(table.row_count))]


def text_of(widget) -> str:
    rendered = widget.render()
    plain = rendered.plain if hasattr(rendered, "plain") else str(rendered)
    return " ".join(plain.split())


async def choose(pilot, settle, select: Select, value: str, values: list[str]) -> None:
    """Pick ``value`` of ``values`` (the options in their order) in ``select`` with the
    keyboard: open it, walk to the option, enter."""
    select.focus()
    await pilot.press("enter")
    await settle(pilot.app, pilot)
    overlay = select.query_one("SelectOverlay")
    blank = overlay.option_count - len(values)  # the "(not set)" choice comes first
    target = blank + values.index(value)
    while overlay.highlighted != target:
        await pilot.press("down" if (overlay.highlighted or 0) < target else "up")
    await pilot.press("enter")
    await settle(pilot.app, pilot)
    assert select.value == value


async def press_in_dialog(app, pilot, settle, *keys: str):
    await pilot.press(*keys)
    await settle(app, pilot)
    return app.screen


# --- pure parts --------------------------------------------------------------------------


def test_nine_sections_fit_80_columns_with_every_short_title_whole():
    assert [s.key for s in SECTIONS][-1] == "9"
    for section in SECTIONS:
        narrow = fit(SECTIONS, section.id, 80)
        assert [label.title for label in narrow] == [s.short_title for s in SECTIONS]
        assert sum(label.width for label in narrow) <= 80
        wide = fit(SECTIONS, section.id, 160)
        assert [label.title for label in wide] == [s.title for s in SECTIONS]


def test_windows_and_absences_are_read_into_plain_values():
    assert parse_windows("mon-fri 08:00-18:00; sat 10:00-14:00") == [
        {"days": ["mon", "tue", "wed", "thu", "fri"], "from": "08:00", "to": "18:00"},
        {"days": ["sat"], "from": "10:00", "to": "14:00"}]
    # what does not read goes as typed, for the service to name
    assert parse_windows("someday 08:00-09:00") == [
        {"days": "someday", "from": "08:00", "to": "09:00"}]
    assert parse_away("Asha, 2026-12-01\nRavi, 2026-12-07, 2026-12-09, leave") == [
        {"person": "Asha", "from": "2026-12-01"},
        {"person": "Ravi", "from": "2026-12-07", "to": "2026-12-09", "note": "leave"}]


def test_decision_details_spell_out_the_rule_and_the_choice(demo_app):
    app, workspace = demo_app
    view = view_of(app, workspace)
    orders = next(r for r in view.decisions if r.decision.service == "orders")
    text = decision_details(orders).plain
    assert text.startswith(f"orders: the rule says {orders.recommendation.title} "
                           f"({orders.recommendation.why})")
    assert f"target from SLO {orders.target_from}" in text
    assert orders.decision.reason in text


# --- the screen on the demo --------------------------------------------------------------


def test_key_9_shows_checkout_decisions_with_the_rule_beside_each(demo_app, settle,
                                                                  open_section, footer_keys):
    app, workspace = demo_app
    view = view_of(app, workspace)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "9", OnCallScreen)
            assert screen.selected_team == "Checkout"
            table = screen.query_one(DecisionList)
            assert table.has_focus
            assert column(table) == [r.decision.service for r in view.decisions]
            assert column(table, 3) == [r.recommendation.outcome.value
                                        if r.recommendation.outcome else "coach"
                                        for r in view.decisions]
            marks = dict(zip(column(table), column(table, 5), strict=True))
            assert marks == {"orders": "✓ follows", "payments": "≠ differs", "cart": "open"}
            state = text_of(screen.query_one("#oc-state"))
            assert state.startswith("On-call agreement of Checkout · Draft · revision 1")
            assert view.missing[0].message in text_of(screen.query_one("#oc-missing"))
            assert {"Edit", "Add", "Team", "Agree", "Quit", "Help"} <= set(footer_keys(app))
            tabs = [text_of(tab) for tab in screen.query("#oc-tabs Tab") if tab.display]
            assert tabs == ["d Decisions", "r Rotation", "f Fairness", "l Escalation",
                            "p Priorities"]
            bar = [text_of(tab) for tab in app.screen.query(SectionTab)]
            assert bar == [f"{s.key} {s.short_title}" for s in SECTIONS]
            assert all(tab.region.right <= 80 for tab in app.screen.query(SectionTab))

    asyncio.run(run())


def test_schedule_and_fairness_on_their_own_tabs_at_80_columns(demo_app, settle,
                                                              open_section):
    app, workspace = demo_app
    plan = view_of(app, workspace).plans[0]

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "9", OnCallScreen)
            await pilot.press("r")
            await settle(app, pilot)
            schedule = screen.query_one(ScheduleTable)
            assert schedule.has_focus
            assert not screen.query_one("#oc-beside-pane").display
            turns = plan.schedule.turns
            assert [c.strip("▶ ") for c in column(schedule)] == [day_text(t.day)
                                                                 for t in turns]
            assert column(schedule, 1) == [
                (s.person or "nobody") + (" *" if s.person != s.planned else "")
                for s in (t.slots[0] for t in turns)]
            assert column(schedule)[0].startswith("▶")  # the turn in progress on DAY
            await pilot.press("f")
            await settle(app, pilot)
            fairness = screen.query_one("#oc-fairness", FairnessTable)
            assert fairness.has_focus
            loads = plan.fairness.loads
            assert column(fairness) == [load.person for load in loads]
            assert column(fairness, 3) == [hours_text(load.minutes) for load in loads]
            assert column(fairness, 4) == [hours_text(load.out_of_hours) for load in loads]
            assert column(fairness, 6) == [f"{load.share}%" + (" ⚠" if load.over_share
                                                               else "") for load in loads]
            warnings = text_of(screen.query_one("#oc-warnings"))
            assert plan.fairness.warnings[0].message in warnings

    asyncio.run(run())


def test_schedule_and_fairness_side_by_side_at_160_columns(demo_app, settle, open_section):
    app, workspace = demo_app
    plan = view_of(app, workspace).plans[0]

    async def run():
        async with app.run_test(size=(160, 45)) as pilot:
            screen = await open_section(app, pilot, "9", OnCallScreen)
            await pilot.press("r")
            await settle(app, pilot)
            left = screen.query_one("#oc-schedule-pane")
            right = screen.query_one("#oc-beside-pane")
            assert right.display and right.region.x >= left.region.right
            assert right.region.y == left.region.y
            beside = screen.query_one("#oc-fairness-beside", FairnessTable)
            assert column(beside) == [load.person for load in plan.fairness.loads]
            tabs = screen.query_one("#oc-tabs", TabbedContent)
            assert not tabs.get_tab("oc-fairness-tab").display  # no fairness tab beside
            await pilot.press("f")  # goes to the rotation tab, where fairness is
            await settle(app, pilot)
            assert tabs.active == "oc-rotation-tab"
            assert len(plan.fairness.warnings) == len(
                text_of(screen.query_one("#oc-warnings-beside")).split("⚠ ")) - 1

    asyncio.run(run())


def test_a_decision_is_recorded_from_the_keyboard_with_the_rule_shown_live(
        demo_app, settle, open_section, save, type_text):
    app, workspace = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "9", OnCallScreen)
            await pilot.press("down", "down")  # cart: no target, undecided
            dialog = await press_in_dialog(app, pilot, settle, "enter")
            assert isinstance(dialog, OnCallDecisionDialog)
            assert dialog.query_one("#target", Input).has_focus
            live = dialog.query_one("#oc-recommendation")
            assert text_of(live).startswith("Rule says: coach decision needed")
            await type_text(pilot, "99.95")
            await settle(app, pilot)
            # daily demand with a high target: a rotation per development team
            assert text_of(live).startswith(f"Rule says: {OutOfHours.TEAM.title}")
            await choose(pilot, settle, dialog.query_one("#demand", Select), "weekly",
                         [d.value for d in Demand])
            assert text_of(live).startswith("Rule says: coach decision needed")
            await choose(pilot, settle, dialog.query_one("#chosen", Select), "team",
                         [o.value for o in OutOfHours])
            dialog.query_one("#reason", Input).focus()
            await type_text(pilot, "Carts are abandoned at night")
            await save(app, pilot, settle)
            assert app.screen is screen
            table = screen.query_one(DecisionList)
            assert column(table, 4)[2] == "team"
            assert not screen.query_one("#oc-missing").has_class("-shown")

    asyncio.run(run())
    cart = next(d for d in view_of(app, workspace).agreement.decisions if d.service == "cart")
    assert (str(cart.target), cart.demand.value, cart.chosen, cart.reason, cart.decided) == (
        "99.95", "weekly", OutOfHours.TEAM, "Carts are abandoned at night", DAY)


def test_a_rotation_is_added_then_edited_and_a_bad_zone_stays_in_the_dialog(
        demo_app, settle, open_section, save, type_text, error_of):
    app, workspace = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "9", OnCallScreen)
            await pilot.press("r")
            dialog = await press_in_dialog(app, pilot, settle, "a")
            assert isinstance(dialog, OnCallRotationDialog)
            assert dialog.query_one("#name", Input).has_focus
            await type_text(pilot, "Checkout nights")
            dialog.query_one("#members", TextArea).focus()
            await type_text(pilot, "Asha\nRavi\nMeera")
            await choose(pilot, settle, dialog.query_one("#shape", Select), "rotating",
                         [x.value for x in Shape])
            await choose(pilot, settle, dialog.query_one("#coverage", Select), "custom",
                         [c.value for c in Coverage])
            assert dialog.query_one("#windows", Input).display
            dialog.query_one("#windows", Input).focus()
            await type_text(pilot, "mon-fri 20:00-24:00")
            zone = dialog.query_one("#zone", Input)
            zone.focus()
            zone.value = ""
            await type_text(pilot, "Mars/Olympus")
            dialog.query_one("#start", Input).focus()
            await type_text(pilot, "2026-11-30")
            await save(app, pilot, settle)
            assert app.screen is dialog  # refused: the zone is not known
            assert "rotations[1].zone" in error_of(dialog)
            assert zone.has_focus and zone.value == "Mars/Olympus"
            zone.value = ""
            await type_text(pilot, "Europe/Berlin")
            await save(app, pilot, settle)
            assert app.screen is screen
            assert screen.selected_rotation == "Checkout nights"
            assert text_of(screen.query_one("#oc-rotation-line")).startswith(
                "Checkout nights · one rotating person")
            assert column(screen.query_one(ScheduleTable), 1)[0] == "Asha"
            dialog = await press_in_dialog(app, pilot, settle, "e")
            assert isinstance(dialog, OnCallRotationDialog)
            turn = dialog.query_one("#turn-days", Input)
            turn.focus()
            turn.value = ""
            await type_text(pilot, "14")
            await save(app, pilot, settle)
            assert app.screen is screen
            await pilot.press("s")  # back to the first rotation
            await settle(app, pilot)
            assert screen.selected_rotation == "Checkout 24x7"

    asyncio.run(run())
    rotation = view_of(app, workspace).agreement.rotation("Checkout nights")
    assert rotation.members == ("Asha", "Ravi", "Meera")
    assert (rotation.shape.value, rotation.coverage.value, rotation.zone,
            rotation.turn_days, rotation.start) == ("rotating", "custom", "Europe/Berlin", 14,
                                                    date(2026, 11, 30))
    assert [(w.days, w.start.hour, w.end) for w in rotation.windows] == [
        ((0, 1, 2, 3, 4), 20, None)]


def test_a_turn_is_handed_over_and_the_override_is_kept(demo_app, settle, open_section,
                                                        save, type_text):
    app, workspace = demo_app
    plan = view_of(app, workspace).plans[0]
    second = plan.schedule.turns[1]

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "9", OnCallScreen)
            await pilot.press("r", "down")
            await settle(app, pilot)
            dialog = await press_in_dialog(app, pilot, settle, "enter")
            assert isinstance(dialog, OnCallOverrideDialog)
            assert dialog.query_one("#person", Input).has_focus
            await type_text(pilot, "Manish Joshi")
            dialog.query_one("#note", Input).focus()
            await type_text(pilot, "covers a holiday")
            await save(app, pilot, settle)
            assert app.screen is screen
            schedule = screen.query_one(ScheduleTable)
            assert column(schedule, 1)[1] == "Manish Joshi *"
            assert "handed over (covers a holiday)" in text_of(screen.query_one("#oc-turn"))

    asyncio.run(run())
    rotation = view_of(app, workspace).agreement.rotations[0]
    assert any(o.day == second.day and o.role == "main" and o.person == "Manish Joshi"
               and o.note == "covers a holiday" for o in rotation.overrides)


def test_an_escalation_level_and_a_priority_are_added(demo_app, settle, open_section, save,
                                                      type_text):
    app, workspace = demo_app
    before = view_of(app, workspace).agreement

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "9", OnCallScreen)
            await pilot.press("l")
            await settle(app, pilot)
            assert screen.query_one(EscalationTable).has_focus
            dialog = await press_in_dialog(app, pilot, settle, "a")
            assert isinstance(dialog, OnCallLevelDialog)
            await choose(pilot, settle, dialog.query_one("#kind", Select), "person",
                         [k.value for k in LevelKind])
            assert not dialog.query_one("#level-role").display
            who = dialog.query_one("#who", Input)
            who.focus()
            who.value = ""
            await type_text(pilot, "Head of engineering")
            delay = dialog.query_one("#delay", Input)
            delay.focus()
            delay.value = ""
            await type_text(pilot, "15")
            await save(app, pilot, settle)
            assert app.screen is screen
            await pilot.press("p")
            await settle(app, pilot)
            dialog = await press_in_dialog(app, pilot, settle, "a")
            assert isinstance(dialog, OnCallPriorityDialog)
            await type_text(pilot, "P4")
            dialog.query_one("#criteria", Input).focus()
            await type_text(pilot, "Cosmetic issue")
            dialog.query_one("#rings", Input).focus()
            await type_text(pilot, "1")
            dialog.query_one("#hotfix", Checkbox).focus()
            await pilot.press("space")
            await save(app, pilot, settle)
            assert app.screen is screen
            assert column(screen.query_one(PriorityTable))[-1] == "P4"

    asyncio.run(run())
    after = view_of(app, workspace).agreement
    level = after.escalations[0].levels[-1]
    assert len(after.escalations[0].levels) == len(before.escalations[0].levels) + 1
    assert (level.kind.value, level.name, level.delay) == ("person", "Head of engineering", 15)
    p4 = after.priorities[-1]
    assert (p4.name, p4.criteria, p4.rings, p4.hotfix) == ("P4", "Cosmetic issue", (1,), True)


def test_rings_postmortem_criteria_and_notes_are_edited_from_the_keyboard(
        demo_app, settle, open_section, save, type_text):
    app, workspace = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "9", OnCallScreen)
            await pilot.press("p")
            await settle(app, pilot)
            dialog = await press_in_dialog(app, pilot, settle, "i")
            area = dialog.query_one(TextArea)
            assert area.text.splitlines()[2] == "marketing, sales"  # ring 3
            area.text = "product management, support\ndelivery leadership"
            await save(app, pilot, settle)
            assert app.screen is screen
            dialog = await press_in_dialog(app, pilot, settle, "m")
            dialog.query_one(TextArea).text = "every P1 incident\nany P2 lasting a day"
            await save(app, pilot, settle)
            dialog = await press_in_dialog(app, pilot, settle, "c")
            area = dialog.query_one(TextArea)
            area.text = ""
            area.focus()
            await type_text(pilot, "Paid standby")
            await save(app, pilot, settle)
            dialog = await press_in_dialog(app, pilot, settle, "w")
            dialog.query_one(TextArea).text = "Rest after a night call"
            await save(app, pilot, settle)
            assert app.screen is screen
            shown = str(screen.query_one("#oc-incidents").render())
            assert "Compensation: Paid standby" in shown
            assert "Working time: Rest after a night call" in shown

    asyncio.run(run())
    after = view_of(app, workspace).agreement
    assert [(g.number, g.groups) for g in after.rings] == [
        (1, ("product management", "support")), (2, ("delivery leadership",))]
    assert after.postmortem == ("every P1 incident", "any P2 lasting a day")
    assert (after.compensation, after.working_time) == ("Paid standby",
                                                        "Rest after a night call")


def test_agree_is_refused_while_parts_are_missing_then_given(demo_app, settle, notifications,
                                                             open_section):
    app, workspace = demo_app
    view = view_of(app, workspace)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "9", OnCallScreen)
            seen = notifications(app)
            await pilot.press("g")
            await settle(app, pilot)
            assert app.screen is screen
            assert seen[-1]["message"] == (
                "The on-call agreement of Checkout cannot be agreed yet; fill in: "
                + "; ".join(m.message for m in view.missing))
            app.service.oncall.decide(workspace.id, "Checkout", "cart",
                                      chosen=OutOfHours.DOMAIN, reason="Shop domain rota",
                                      expected_version=view.version)
            screen.reload()
            await settle(app, pilot)
            dialog = await press_in_dialog(app, pilot, settle, "g")
            assert isinstance(dialog, AgreeDialog)
            fields = list(dialog.query("#agree-signers Input").results(Input))
            assert len(fields) == 3  # operations, development, product owner
            for field, name in zip(fields, ("Kavya Iyer", "Rohan Das", "Anita Desai"),
                                   strict=True):
                field.value = name
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert seen[-1]["message"].endswith("is agreed")
            assert text_of(screen.query_one("#oc-state")).startswith(
                "On-call agreement of Checkout · Agreed")

    asyncio.run(run())
    assert view_of(app, workspace).state.status.value == "agreed"


def test_a_change_made_elsewhere_is_not_overwritten(demo_app, settle, open_section,
                                                    save_into_conflict):
    app, workspace = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "9", OnCallScreen)
            dialog = await press_in_dialog(app, pilot, settle, "enter")
            assert isinstance(dialog, OnCallDecisionDialog)
            current = view_of(app, workspace)
            app.service.oncall.decide(workspace.id, "Checkout", "orders",
                                      chosen=OutOfHours.DOMAIN, reason="Elsewhere",
                                      expected_version=current.version)
            dialog.query_one("#reason", Input).value = "Mine"
            await save_into_conflict(app, pilot, screen)
            assert column(screen.query_one(DecisionList), 4)[0] == "domain"

    asyncio.run(run())
    orders = view_of(app, workspace).agreement.decisions[0]
    assert (orders.chosen, orders.reason) == (OutOfHours.DOMAIN, "Elsewhere")


def test_a_team_without_an_agreement_starts_one_and_a_level_is_removed(
        demo_app, settle, open_section, notifications):
    app, workspace = demo_app
    without = app.service.oncall.overview(workspace.id, DAY).without
    assert "Fulfilment" in without

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "9", OnCallScreen)
            await pilot.press("t")  # Checkout -> Fulfilment (teams by name)
            await settle(app, pilot)
            assert screen.selected_team == "Fulfilment"
            assert "n starts one" in text_of(screen.query_one("#oc-state"))
            assert not screen.query_one("#oc-tabs").display
            await pilot.press("n")
            await settle(app, pilot)
            assert screen.selected_view() is not None
            assert screen.query_one("#oc-tabs").display
            await pilot.press("t")  # Platform
            await settle(app, pilot)
            assert screen.selected_team == "Platform"
            await pilot.press("l", "down")
            confirm = await press_in_dialog(app, pilot, settle, "x")
            assert isinstance(confirm, ConfirmDialog) and "level 2" in confirm.body_text
            await pilot.press("y")
            await settle(app, pilot)
            assert screen.selected_team == "Platform"

    asyncio.run(run())
    assert "Fulfilment" not in app.service.oncall.overview(workspace.id, DAY).without
    platform = view_of(app, workspace, "Platform")
    assert len(platform.agreement.escalations[0].levels) == 1
    assert platform.state.status.value == "draft"  # a change reopens the agreed one


def test_the_palette_finds_an_agreement_and_opens_it(demo_app, settle):
    app, workspace = demo_app
    platform = view_of(app, workspace, "Platform")

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            provider = WorkbenchCommands(app.screen)
            await provider.startup()
            hits = [hit async for hit in provider.search("On-call: Platform")]
            hit = next(h for h in hits if h.text == "On-call: Platform")
            hit.command()
            await settle(app, pilot)
            assert isinstance(app.screen, OnCallScreen)
            assert app.screen.selected_team == "Platform"
            assert [e.id for e in provider.index if e.kind == "oncall"
                    and e.title == "Platform"] == [platform.id]

    asyncio.run(run())


def test_every_key_has_an_id_and_tooltip_and_dialogs_keep_quit_and_help(
        demo_app, settle, open_section, footer_keys):
    app, _ = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await open_section(app, pilot, "9", OnCallScreen)
            owners = (OnCallScreen, DecisionList, ScheduleTable, FairnessTable,
                      EscalationTable, PriorityTable)
            for owner in owners:
                for binding in owner.BINDINGS:
                    assert binding.id and binding.description and binding.tooltip, binding
            descriptions = {d for _, d in app.help_rows()}
            for binding in OnCallScreen.BINDINGS:
                assert binding.tooltip in descriptions, binding
            for keys in (("d", "enter"), ("d", "a"), ("r", "e"), ("r", "h"), ("l", "e"),
                         ("p", "e")):
                await pilot.press(*keys)
                await settle(app, pilot)
                assert isinstance(app.screen, DocumentPartDialog), keys
                assert {"Save", "Quit", "Help"} <= set(footer_keys(app))
                await pilot.press("escape")
                await settle(app, pilot)

    asyncio.run(run())


def test_user_text_is_shown_as_typed(demo_app, settle, open_section):
    app, workspace = demo_app
    view = view_of(app, workspace)
    app.service.oncall.decide(workspace.id, "Checkout", "orders", chosen=OutOfHours.TEAM,
                              reason="[bold]night[/bold] orders", expected_version=view.version)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "9", OnCallScreen)
            assert "[bold]night[/bold] orders" in text_of(
                screen.query_one("#oc-decision-details"))

    asyncio.run(run())


# --- snapshots --------------------------------------------------------------------------


SNAPSHOTS = {
    "decisions": (),
    "rotation": ("r", "down", "down", "down"),
    "fairness": ("f",),
    "escalation": ("l",),
    "priorities": ("p",),
    "decision_dialog": ("down", "down", "enter"),
}


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x45"])
@pytest.mark.parametrize("name", list(SNAPSHOTS))
def test_oncall_snapshot(snap_compare, demo_app, settle, size, name, open_section, no_blink):
    app, _ = demo_app

    async def run_before(pilot) -> None:
        await open_section(pilot.app, pilot, "9", OnCallScreen)
        for key in SNAPSHOTS[name]:
            await pilot.press(key)
            await settle(pilot.app, pilot)
        no_blink(pilot.app)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
