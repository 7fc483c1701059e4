"""The stakeholder section: the grid (selection across quadrants, flips that move a person,
overflow and shortened names), the edit dialog, add / remove / record a contact, the list
and its sorts, the funnel, the chart's agree / reopen flow, version conflicts, the note on
the workspace screen, and snapshots of every view at 80x24 and 160x45.

Every app is built on the demo's day; expected values come from the service's own view of
the chart (or from the domain rules), never from the screen under test."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

import pytest
from rich.text import Text
from textual.widgets import DataTable, Input, Select, Static

from workbench.domain.stakeholders import (
    GRID,
    SORT_KEYS,
    Level,
    Quadrant,
    Stage,
    make_stakeholder,
    sorted_people,
)
from workbench.service import Workbench
from workbench.store import repo
from workbench.store.db import transaction
from workbench.tui.app import build_app
from workbench.tui.dialogs.agree_dialog import AgreeDialog
from workbench.tui.dialogs.confirm_dialog import ConfirmDialog
from workbench.tui.dialogs.stakeholder_dialog import ORDER, StakeholderDialog, changed_fields
from workbench.tui.dialogs.stakeholder_plan_dialog import PlanDialog
from workbench.tui.screens.history_screen import HistoryScreen
from workbench.tui.screens.stakeholders_screen import StakeholdersScreen
from workbench.tui.screens.teams_screen import TeamsScreen
from workbench.tui.widgets.stakeholder_funnel import FunnelBars, bar_cells
from workbench.tui.widgets.stakeholder_grid import (
    QuadrantBox,
    StakeholderGrid,
    by_quadrant,
    columns_for,
    step,
    visible_window,
)
from workbench.tui.widgets.stakeholder_list import StakeholderTable
from workbench.tui.widgets.stakeholder_note import ChartNote

DAY = date(2026, 11, 25)
SIZES = [(80, 24), (160, 45)]
KS, EF = Quadrant.KEEP_SATISFIED, Quadrant.ENGAGE_FULLY
MO, KI = Quadrant.MONITOR, Quadrant.KEEP_INFORMED


# --- helpers ----------------------------------------------------------------------------


def grid_of(screen) -> StakeholderGrid:
    return screen.query_one(StakeholderGrid)


def selected_name(screen) -> str | None:
    person = grid_of(screen).selected_person
    return person.name if person else None


def names_in(screen, quadrant: Quadrant) -> list[str]:
    return [p.name for p in grid_of(screen).quadrants[quadrant]]


async def select(screen, pilot, name: str) -> None:
    grid = grid_of(screen)
    for quadrant, members in grid.quadrants.items():
        for index, person in enumerate(members):
            if person.name == name:
                grid.select_position((quadrant, index))
                await pilot.pause()
                return
    raise AssertionError(f"{name} is not on the grid")


def person(app, workspace, name: str):
    return app.service.stakeholders.view(workspace.id).chart.find(name)


def column(table: DataTable, index: int = 0) -> list[str]:
    return [cell.plain if isinstance(cell, Text) else str(cell)
            for cell in (table.get_row_at(r)[index] for r in range(table.row_count))]


def text_of(widget) -> str:
    rendered = widget.render()
    return rendered.plain if hasattr(rendered, "plain") else str(rendered)


@pytest.fixture
def small(engine):
    """A workspace with one stakeholder, saved once: no earlier revision to compare with."""
    with transaction(engine) as session:
        workspace = repo.create_workspace(session, "Acme")
    wb = Workbench(engine, today=DAY)
    wb.stakeholders.add(workspace.id, {"name": "Asha Rao", "power": "high",
                                       "interest": "high", "stage": "interest"})
    return build_app(engine, workspace_id=workspace.id, today=DAY), engine, workspace


# --- geometry of the grid (pure) --------------------------------------------------------


def test_arrows_cross_into_the_neighbour_quadrant_at_the_nearest_position():
    sizes = {KS: 4, EF: 3, MO: 2, KI: 0}
    assert GRID == ((KS, EF), (MO, KI))
    assert step(sizes, (EF, 0), 0, 1) == (EF, 1)  # down within
    assert step(sizes, (EF, 2), 0, 1) == (KI, None)  # down past the end: empty quadrant
    assert step(sizes, (MO, 0), 0, -1) == (KS, 3)  # up from the top: last one above
    assert step(sizes, (KS, 3), 0, 1) == (MO, 0)  # down from the last: first one below
    assert step(sizes, (KS, 3), 1, 0) == (EF, 2)  # right keeps the row, clamped
    assert step(sizes, (EF, 1), -1, 0) == (KS, 1)
    assert step(sizes, (KS, 0), -1, 0) == (KS, 0)  # the left edge stops
    assert step(sizes, (KS, 0), 0, -1) == (KS, 0)  # the top edge stops
    assert step(sizes, (KI, None), -1, 0) == (MO, 0)
    assert step(sizes, (KI, None), 0, -1) == (EF, 2)


def test_a_window_keeps_the_selection_in_view_and_counts_the_rest():
    assert visible_window(3, 6, 2) == (0, 3)  # everyone fits
    first, stop = visible_window(10, 5, 0)
    assert (first, stop) == (0, 4)  # four people and "+6 more"
    first, stop = visible_window(10, 5, 9)
    assert (first, stop) == (6, 10)  # "↑ 6 more" and the last four
    for selected in range(10):
        first, stop = visible_window(10, 5, selected, start=3)
        assert first <= selected < stop
        lines = (stop - first) + (first > 0) + (stop < 10)
        assert lines <= 5


def test_columns_shorten_names_and_add_stance_and_role_when_there_is_room():
    people = [make_stakeholder({"name": "A" * 40, "power": "high", "interest": "low",
                                "role": "Head of finance", "stance": "detractor"})]
    narrow = columns_for(20, people)
    assert narrow.name == 18 and not narrow.stance and not narrow.role
    middle = columns_for(38, people)
    assert middle.stance and not middle.role and middle.name == 36 - 2 - middle.stance
    wide = columns_for(56, people)
    assert wide.stance and wide.role >= 12


def test_people_are_listed_by_name_within_their_quadrant():
    people = [make_stakeholder({"name": n, "power": p, "interest": i})
              for n, p, i in [("zed", "high", "high"), ("amy", "high", "high"),
                              ("Bob", "low", "low")]]
    grouped = by_quadrant(people)
    assert [p.name for p in grouped[EF]] == ["amy", "zed"]
    assert [p.name for p in grouped[MO]] == ["Bob"] and grouped[KS] == ()


def test_dialog_sends_only_what_changed_and_offers_every_field_but_the_uid():
    from workbench.domain.stakeholders import FIELDS

    assert set(ORDER) == set(FIELDS) - {"uid"}
    before = {"name": "Asha", "stance": None, "notes": "", "stage": "interest"}
    after = {"name": "Asha", "stance": None, "notes": "", "stage": "agreement"}
    assert changed_fields(before, after) == {"stage": "agreement"}
    assert changed_fields(before, {**before, "notes": None}) == {}


def test_list_columns_are_shown_whole_or_left_out():
    from workbench.tui.widgets.stakeholder_list import fitted_widths

    widths = [14, 14, 9, 13, 10, 20, 12, 60]
    assert fitted_widths(widths, 0) == widths  # not laid out yet
    assert fitted_widths(widths, 78) == widths[:5]  # the sort keys' columns always
    assert fitted_widths(widths, 200) == widths
    wide = fitted_widths(widths, 140)
    assert wide[:7] == widths[:7] and wide[7] == 140 - sum(w + 2 for w in widths[:7]) - 2
    assert sum(w + 2 for w in wide) == 140


def test_bars_are_proportional_and_never_hide_anyone():
    assert bar_cells(0, 12, 30) == 0
    assert bar_cells(1, 100, 30) == 1  # one person still shows
    assert bar_cells(6, 12, 30) == 15 and bar_cells(12, 12, 30) == 30


# --- the grid on the demo ---------------------------------------------------------------


def test_key_5_opens_the_demo_chart_in_four_quadrants(demo_app, settle, footer_keys, open_section):
    app, workspace = demo_app
    view = app.service.stakeholders.view(workspace.id)
    assert len(view.people) >= 10 and all(view.in_quadrant(q) for q in Quadrant)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "5", StakeholdersScreen)
            for quadrant in Quadrant:
                expected = sorted(p.name for p in view.in_quadrant(quadrant))
                assert sorted(names_in(screen, quadrant)) == expected
                box = screen.query_one(f"#quadrant-{quadrant.value}", QuadrantBox)
                assert box.border_title.startswith(f"{quadrant.title} ({len(expected)})")
            roles = " ".join(p.role.lower() for p in view.people)
            for head in ("head of operations", "head of development",
                         "head of product management"):
                assert head in roles
            # the selection starts in "engage fully" (top right), on its first name
            assert grid_of(screen).selected_quadrant is EF
            assert selected_name(screen) == names_in(screen, EF)[0]
            assert app.focused is grid_of(screen)
            top = text_of(screen.query_one("#sh-top", Static))
            assert "Grid" in top and "List" in top and "Funnel" in top
            assert view.state.status.value in top
            strip = text_of(screen.query_one("#sh-strip"))
            assert f"Overdue for contact ({len(view.overdue)})" in strip
            keys = footer_keys(app)
            assert {"Edit", "Contact", "View", "Quit", "Help"} <= set(keys)
            footer = app.screen.query_one("Footer")
            flip = [str(label.render()) for label in footer.query("FooterLabel")]
            assert flip == ["Flip"]  # p and i, grouped

    asyncio.run(run())


def test_arrow_keys_move_within_and_across_quadrants(demo_app, settle, open_section):
    app, _ = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "5", StakeholdersScreen)
            right, left = names_in(screen, EF), names_in(screen, KS)
            assert selected_name(screen) == right[0]
            await pilot.press("down")
            assert selected_name(screen) == right[1]
            await pilot.press("left")
            assert selected_name(screen) == left[1]  # same row, next quadrant
            for _ in range(len(left) - 1):
                await pilot.press("down")
            assert grid_of(screen).selected_quadrant is MO  # past the bottom
            assert selected_name(screen) == names_in(screen, MO)[0]
            await pilot.press("right")
            assert grid_of(screen).selected_quadrant is KI
            await pilot.press("up")
            assert grid_of(screen).selected_quadrant is EF
            assert selected_name(screen) == right[-1]  # the nearest: the last one above
            await pilot.pause()
            details = text_of(screen.query_one("#sh-details"))
            assert details.startswith(right[-1])

    asyncio.run(run())


@pytest.mark.parametrize(("key", "axis", "target"), [("p", "power", KI),
                                                      ("i", "interest", KS)])
def test_flipping_moves_the_person_and_saves(demo_app, settle, notifications, key, axis,
                                             target, open_section):
    app, workspace = demo_app
    before = app.service.stakeholders.view(workspace.id)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "5", StakeholdersScreen)
            seen = notifications(app)
            name = names_in(screen, EF)[0]
            await pilot.press(key)
            await settle(app, pilot)
            assert name in names_in(screen, target)
            assert name not in names_in(screen, EF)
            assert selected_name(screen) == name  # it moved and stays selected
            assert grid_of(screen).selected_quadrant is target
            assert seen[-1]["message"].endswith(f"now in {target.title}")
            return name

    name = asyncio.run(run())
    after = person(app, workspace, name)
    assert getattr(after, axis) is Level.LOW and after.quadrant is target
    assert app.service.stakeholders.view(workspace.id).version > before.version


def test_many_people_in_one_quadrant_scroll_and_long_names_are_shortened(demo, settle,
                                                                         screen_text, open_section):
    engine, workspace = demo
    wb = Workbench(engine, today=DAY)
    long_name = "Venkataraghavan Subramaniam-Ramachandran of Procurement"
    for number in range(8):
        wb.stakeholders.add(workspace.id, {"name": f"Monitor person {number}",
                                           "power": "low", "interest": "low"})
    wb.stakeholders.add(workspace.id, {"name": long_name, "power": "low",
                                       "interest": "low", "stance": "neutral"})
    app = build_app(engine, workspace_id=workspace.id, today=DAY)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "5", StakeholdersScreen)
            box = screen.query_one(f"#quadrant-{MO.value}", QuadrantBox)
            members = names_in(screen, MO)
            assert len(members) > box.content_size.height
            lines = screen_text(app)
            assert any("more" in line and "+" in line for line in lines)
            await select(screen, pilot, members[-1])
            await pilot.pause()
            lines = screen_text(app)
            shown = "\n".join(lines)
            assert members[-1] in shown  # the selection stays in view
            assert "↑" in shown
            await select(screen, pilot, long_name)
            lines = screen_text(app)
            row = next(line for line in lines if "Venkataraghavan" in line)
            assert "…" in row and long_name not in row
            # the quadrant's borders stay where they are: nothing overlaps
            border = lines.index(next(line for line in lines if "Monitor (" in line))
            for line in lines[border + 1:border + 1 + box.content_size.height]:
                assert {line[0], line[39], line[40]} <= {"│", "┃"}

    asyncio.run(run())


# --- the dialog, add, remove, contact ---------------------------------------------------


def test_edit_dialog_saves_the_changed_fields(demo_app, settle, open_section):
    app, workspace = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "5", StakeholdersScreen)
            name = selected_name(screen)
            await pilot.press("e")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, StakeholderDialog)
            assert app.focused is dialog.query_one("#name", Input)
            assert not dialog.query("#uid")
            assert dialog.query_one("#name", Input).value == name
            dialog.query_one("#stage", Select).value = "engagement"
            dialog.query_one("#next_action", Input).value = "Ask her to open the [b]review[/b]"
            dialog.query_one("#next_action_due", Input).value = "2026-12-02"
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert isinstance(app.screen, StakeholdersScreen)
            assert selected_name(screen) == name
            details = text_of(screen.query_one("#sh-details"))
            assert "stage: engagement" in details
            assert "next: Ask her to open the [b]review[/b]" in details  # markup is text
            return name

    name = asyncio.run(run())
    saved = person(app, workspace, name)
    assert saved.stage is Stage.ENGAGEMENT
    assert saved.next_action == "Ask her to open the [b]review[/b]"
    assert saved.next_action_due == date(2026, 12, 2)


def test_edit_dialog_shows_the_quadrant_and_refuses_a_bad_date(demo_app, settle, open_section):
    app, workspace = demo_app
    before = app.service.stakeholders.view(workspace.id).version

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await open_section(app, pilot, "5", StakeholdersScreen)
            await pilot.press("enter")
            await settle(app, pilot)
            dialog = app.screen
            assert text_of(dialog.query_one("#sh-quadrant", Static)) == EF.title
            dialog.query_one("#power", Select).value = "low"
            await pilot.pause()
            assert text_of(dialog.query_one("#sh-quadrant", Static)) == KI.title
            due = dialog.query_one("#next_action_due", Input)
            due.value = "2026-13-01"
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert app.screen is dialog  # still open, with what was typed
            error = text_of(dialog.query_one("#dialog-error", Static))
            assert error.startswith("next_action_due:")
            assert due.has_class("-invalid") and app.focused is due
            assert dialog.query_one("#save").region.bottom <= 23  # above the footer

    asyncio.run(run())
    assert app.service.stakeholders.view(workspace.id).version == before


def test_add_puts_the_new_person_in_the_selected_quadrant(demo_app, settle, open_section):
    app, workspace = demo_app
    name = "[bold]Priya[/bold] Das"

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "5", StakeholdersScreen)
            await select(screen, pilot, names_in(screen, MO)[0])
            await pilot.press("a")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, StakeholderDialog)
            assert "Monitor" in dialog.dialog_title
            assert dialog.query_one("#power", Select).value == "low"
            assert dialog.query_one("#interest", Select).value == "low"
            dialog.query_one("#name", Input).value = name
            dialog.query_one("#role", Input).value = "Site reliability lead"
            await pilot.press("enter")  # enter in a text field saves
            await settle(app, pilot)
            assert isinstance(app.screen, StakeholdersScreen)
            assert selected_name(screen) == name  # markup is just text
            assert name in names_in(screen, MO)

    asyncio.run(run())
    added = person(app, workspace, name)
    assert added.quadrant is MO and added.role == "Site reliability lead"


def test_an_empty_chart_offers_add_and_starts_with_the_first_person(engine, settle,
                                                                    footer_keys, open_section):
    with transaction(engine) as session:
        workspace = repo.create_workspace(session, "Empty")
    app = build_app(engine, workspace_id=workspace.id, today=DAY)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "5", StakeholdersScreen)
            assert "no chart yet" in text_of(screen.query_one("#sh-top", Static))
            keys = footer_keys(app)
            assert "Add" in keys and "Edit" not in keys  # nobody to edit yet
            await pilot.press("e")  # nothing happens without a person
            await settle(app, pilot)
            assert app.screen is screen
            await pilot.press("a")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, StakeholderDialog)
            dialog.query_one("#name", Input).value = "Asha Rao"
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert names_in(screen, EF) == ["Asha Rao"]  # the quadrant that was selected
            keys = footer_keys(app)
            assert "Edit" in keys and "Add" not in keys

    asyncio.run(run())
    view = app.service.stakeholders.view(workspace.id)
    assert [p.name for p in view.people] == ["Asha Rao"] and view.revisions == 1


def test_remove_asks_first(demo_app, settle, open_section):
    app, workspace = demo_app
    count = len(app.service.stakeholders.view(workspace.id).people)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "5", StakeholdersScreen)
            name = selected_name(screen)
            await pilot.press("x")
            await settle(app, pilot)
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("n")
            await settle(app, pilot)
            assert person(app, workspace, name) is not None
            await pilot.press("delete")
            await settle(app, pilot)
            await pilot.press("y")
            await settle(app, pilot)
            assert name not in names_in(screen, EF)
            return name

    name = asyncio.run(run())
    assert person(app, workspace, name) is None
    assert len(app.service.stakeholders.view(workspace.id).people) == count - 1


def test_c_records_a_contact_today(demo_app, settle, open_section):
    app, workspace = demo_app
    late = app.service.stakeholders.view(workspace.id).overdue[-1].person.name

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "5", StakeholdersScreen)
            await select(screen, pilot, late)
            await pilot.press("c")
            await settle(app, pilot)
            assert selected_name(screen) == late
            assert "contact overdue" not in text_of(screen.query_one("#sh-details"))

    asyncio.run(run())
    view = app.service.stakeholders.view(workspace.id)
    assert view.chart.find(late).last_contact == DAY
    assert late not in [o.person.name for o in view.overdue]


def test_a_change_made_elsewhere_is_not_overwritten(demo_app, settle, notifications, open_section):
    app, workspace = demo_app
    other = Workbench(app.service.engine, today=DAY)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "5", StakeholdersScreen)
            seen = notifications(app)
            name = selected_name(screen)
            other.stakeholders.edit(workspace.id, name, {"owner": "Someone Else"})
            await pilot.press("p")
            await settle(app, pilot)
            assert any("changed by someone else" in n["message"] for n in seen)
            assert name in names_in(screen, EF)  # the screen shows what is stored
            await pilot.press("e")
            await settle(app, pilot)
            other.stakeholders.edit(workspace.id, name, {"owner": "A Third"})
            app.screen.query_one("#role", Input).value = "Chief of staff"
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert isinstance(app.screen, ConfirmDialog)  # offers to reload
            await pilot.press("y")
            await settle(app, pilot)
            assert isinstance(app.screen, StakeholdersScreen)
            return name

    name = asyncio.run(run())
    stored = person(app, workspace, name)
    assert stored.power is Level.HIGH and stored.owner == "A Third"
    assert stored.role != "Chief of staff"


def test_r_changes_the_plan_of_the_selected_quadrant(demo_app, settle, open_section):
    app, workspace = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "5", StakeholdersScreen)
            await pilot.press("r")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, PlanDialog) and dialog.quadrant is EF
            days = dialog.query_one("#every-days", Input)
            assert days.value == "7" and app.focused is days
            days.value = "ten"
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert text_of(dialog.query_one("#dialog-error", Static)).startswith("every_days:")
            days.value = "10"
            dialog.query_one("#contact", Input).value = "Coffee and the [b]budget[/b] chart"
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert app.screen is screen
            box = screen.query_one(f"#quadrant-{EF.value}", QuadrantBox)
            assert box.border_title.endswith("· every 10 days")

    asyncio.run(run())
    plan = app.service.stakeholders.view(workspace.id).plan.for_quadrant(EF)
    assert (plan.every_days, plan.contact) == (10, "Coffee and the [b]budget[/b] chart")


# --- list and funnel --------------------------------------------------------------------


def test_list_view_sorts_by_each_key_in_turn(demo_app, settle, open_section):
    app, workspace = demo_app
    people = app.service.stakeholders.view(workspace.id).people

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "5", StakeholdersScreen)
            selected = selected_name(screen)
            await pilot.press("v")
            await settle(app, pilot)
            table = screen.query_one(StakeholderTable)
            assert app.focused is table
            assert table.selected_person.name == selected  # the selection follows
            headers = [str(c.label) for c in table.columns.values()]
            # at 80 columns: whole columns only, how late contact is in short, and the
            # columns left out named under the table
            assert headers == ["Name", "Quadrant", "Stance", "Stage", "Action due", "Late"]
            assert screen.query_one("#list").border_subtitle == (
                "owner, next action: in the line below")
            order = list(SORT_KEYS)
            for index in range(len(order) + 1):
                key = order[index % len(order)]
                expected = [p.name for p in sorted_people(people, key)]
                assert column(table) == expected, key
                assert screen.sort == key
                pane_title = screen.query_one("#list").border_title
                assert "sorted by" in pane_title
                await pilot.press("s")
                await pilot.pause()
            detractors = [p.name for p in people if p.stance and p.stance.value == "detractor"]
            screen.sort = "quadrant"
            await pilot.press("s")  # stance: detractors first
            await pilot.pause()
            assert set(column(table)[:len(detractors)]) == set(detractors)
            assert "stance" in screen.query_one("#list").border_title

    asyncio.run(run())


def test_funnel_view_counts_each_stage_and_names_who_is_stuck(demo_app, settle, open_section):
    app, workspace = demo_app
    view = app.service.stakeholders.view(workspace.id)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "5", StakeholdersScreen)
            await pilot.press("v", "v")
            await settle(app, pilot)
            assert screen.current_view == "funnel"
            bars = text_of(screen.query_one(FunnelBars)).splitlines()
            labels = [s.stage.value.capitalize() if s.stage else "No stage"
                      for s in view.funnel.steps]
            assert [line.split()[0] for line in bars] == [lab.split()[0] for lab in labels]
            for line, step_ in zip(bars, view.funnel.steps, strict=True):
                assert f" {step_.count} " in f"{line} "
            stuck = text_of(screen.query_one("#sh-stuck", Static))
            assert view.funnel.compared
            assert stuck.startswith(f"Stuck since revision {view.baseline_number} "
                                    f"({len(view.funnel.stuck)})")
            for who in view.funnel.stuck:
                assert who.name in stuck
            attention = text_of(screen.query_one("#sh-attention", Static))
            for late in view.overdue:
                assert late.person.name in attention
            for warning in view.warnings:
                assert warning.message in attention

    asyncio.run(run())


def test_funnel_without_an_earlier_revision_says_so(small, settle, open_section):
    app, _, _ = small

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "5", StakeholdersScreen)
            await pilot.press("v", "v")
            await settle(app, pilot)
            stuck = text_of(screen.query_one("#sh-stuck", Static))
            assert "no earlier revision to compare with" in stuck
            bars = text_of(screen.query_one(FunnelBars))
            assert "Interest" in bars and "Asha Rao" in bars

    asyncio.run(run())


# --- the chart as a document ------------------------------------------------------------


def test_reopen_then_agree_the_chart(demo_app, settle, notifications, open_section, reopen_with):
    app, workspace = demo_app
    assert app.service.stakeholders.view(workspace.id).state.status.value == "agreed"

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await open_section(app, pilot, "5", StakeholdersScreen)
            seen = notifications(app)
            await pilot.press("g")
            await settle(app, pilot)
            assert "already agreed" in seen[-1]["message"]
            await reopen_with(app, pilot, "Finance changed its head")
            assert "draft again" in seen[-1]["message"]
            await pilot.press("g")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, AgreeDialog)
            fields = list(dialog.query("#agree-signers Input").results(Input))
            fields[0].value = "Meera Nair"
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert seen[-1]["message"].endswith("is agreed")
            top = text_of(app.screen.query_one("#sh-top", Static))
            assert "agreed" in top
            await pilot.press("y")
            await settle(app, pilot)
            assert isinstance(app.screen, HistoryScreen)

    asyncio.run(run())
    state = app.service.documents.view(workspace.id, "stakeholder_chart", "chart").state
    assert state.status.value == "agreed"


# --- the workspace screen's note --------------------------------------------------------


def test_workspace_screen_notes_a_missing_or_stale_chart(demo, settle):
    engine, workspace = demo
    with transaction(engine) as session:
        empty = repo.create_workspace(session, "Fresh start")
    last = Workbench(engine, today=DAY).stakeholders.view(workspace.id).last_saved.date()

    async def note_of(app) -> str | None:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            assert isinstance(app.screen, TeamsScreen)
            note = app.screen.query_one(ChartNote)
            return text_of(note) if note.display else None

    fresh = asyncio.run(note_of(build_app(engine, workspace_id=workspace.id, today=DAY)))
    assert fresh is None
    later = last + timedelta(days=200)
    stale = asyncio.run(note_of(build_app(engine, workspace_id=workspace.id, today=later)))
    assert stale == (f"⚠ The stakeholder chart was last revised on {last.isoformat()}, more "
                     "than six months ago: press 5 to redraw it.")
    missing = asyncio.run(note_of(build_app(engine, workspace_id=empty.id, today=DAY)))
    assert missing.startswith("⚠ No stakeholder chart yet: press 5")


# --- keys and help ----------------------------------------------------------------------


def test_every_key_has_an_id_description_and_tooltip_and_help_lists_them(demo_app, settle,
                                                                         open_section):
    app, _ = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "5", StakeholdersScreen)
            for widget_class in (StakeholderGrid, StakeholderTable, StakeholdersScreen,
                                 StakeholderDialog, PlanDialog):
                for binding in widget_class.BINDINGS:
                    assert binding.id and binding.description and binding.tooltip, binding
            rows = dict(app.help_rows())
            descriptions = set(rows.values())
            for binding in (*StakeholderGrid.BINDINGS, *StakeholdersScreen.BINDINGS):
                assert binding.tooltip in descriptions, binding
            await pilot.press("v")
            await settle(app, pilot)
            descriptions = set(dict(app.help_rows()).values())
            assert any(d.startswith("Sort by the next key") for d in descriptions)
            assert screen.current_view == "list"

    asyncio.run(run())


def test_list_footer_keeps_quit_and_help_at_80x24(demo_app, settle, footer_keys, open_section):
    app, _ = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await open_section(app, pilot, "5", StakeholdersScreen)
            for _ in range(3):
                await pilot.press("v")
                await settle(app, pilot)
                assert {"Quit", "Help"} <= set(footer_keys(app))
            await pilot.press("e")
            await settle(app, pilot)
            assert {"Quit", "Help"} <= set(footer_keys(app))

    asyncio.run(run())


def test_wide_terminal_shows_roles_and_the_side_panel(demo_app, settle, screen_text, open_section):
    app, workspace = demo_app
    view = app.service.stakeholders.view(workspace.id)

    async def run():
        async with app.run_test(size=(160, 45)) as pilot:
            screen = await open_section(app, pilot, "5", StakeholdersScreen)
            assert screen.query_one("#sh-side").display
            assert not screen.query_one("#sh-strip").display
            shown = "\n".join(screen_text(app))
            for someone in view.people:
                assert someone.name in shown
                assert someone.role[:12] in shown
            assert "Engagement plan" in shown
            await pilot.press("v")
            await settle(app, pilot)
            assert not screen.query_one("#sh-side").display  # the list takes the width
            assert screen.query_one("#sh-strip").display

    asyncio.run(run())


# --- snapshots --------------------------------------------------------------------------


def no_blink(app) -> None:
    for field in app.screen.query(Input):
        field.cursor_blink = False


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x45"])
@pytest.mark.parametrize("keys", [(), ("v",), ("v", "v"), ("e",)],
                         ids=["grid", "list", "funnel", "edit_dialog"])
def test_stakeholders_snapshot(snap_compare, demo_app, settle, size, keys):
    app, _ = demo_app

    async def run_before(pilot) -> None:
        await settle(pilot.app, pilot)
        await pilot.press("5")
        await settle(pilot.app, pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot.app, pilot)
        no_blink(pilot.app)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
