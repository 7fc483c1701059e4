"""The "Team charters" section: every team with where its charter stands, the selected
charter part by part with the missing parts named and the figures of the SLOs its metrics
name; editing each part from the keyboard in its own dialog, starting and removing a
charter, a refusal kept in the dialog, a version conflict, agree / reopen / history, the
review-due marker, the palette, keys and help, and snapshots at 80x24 and 160x45.

Every app is built on the demo's day; expected values come from the service's own view of
the charters (or the domain), never from the screen under test."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest
from rich.text import Text
from textual.widgets import DataTable, Input, Select, Static, TextArea

from workbench.domain.charter import PART_TITLES, PARTS, add_cadence
from workbench.domain.charter.model import Cadence
from workbench.tui.dialogs.agree_dialog import AgreeDialog
from workbench.tui.dialogs.charter_communication_dialog import CharterCommunicationDialog
from workbench.tui.dialogs.charter_interactions_dialog import CharterInteractionsDialog
from workbench.tui.dialogs.charter_metrics_dialog import CharterMetricsDialog
from workbench.tui.dialogs.charter_review_dialog import CharterReviewDialog
from workbench.tui.dialogs.charter_scope_dialog import CharterScopeDialog
from workbench.tui.dialogs.confirm_dialog import ConfirmDialog
from workbench.tui.dialogs.document_form import (
    DocumentPartDialog,
    LinesDialog,
    TextDialog,
    lines_of,
    row_field,
)
from workbench.tui.palette import WorkbenchCommands
from workbench.tui.screens.charter_screen import CharterScreen
from workbench.tui.screens.history_screen import HistoryScreen
from workbench.tui.widgets.charter_list import CharterTable, status_word
from workbench.tui.widgets.charter_parts import (
    CharterParts,
    charter_blocks,
    metric_line,
    missing_text,
    part_of,
)
from workbench.tui.widgets.document_parts import (
    DONE,
    MISSING,
    OPTIONAL,
    PartView,
    hanging_lines,
)
from workbench.tui.widgets.document_state import lifecycle_text

DAY = date(2026, 11, 25)
SIZES = [(80, 24), (160, 45)]


# --- helpers ----------------------------------------------------------------------------


def view_of(app, workspace, team: str):
    return app.service.charters.view(workspace.id, team, DAY)


def column(table: DataTable, index: int = 0) -> list[str]:
    return [cell.plain if isinstance(cell, Text) else str(cell)
            for cell in (table.get_row_at(r)[index] for r in range(table.row_count))]


def text_of(widget) -> str:
    rendered = widget.render()
    return rendered.plain if hasattr(rendered, "plain") else str(rendered)


def part_text(screen, key: str) -> str:
    """The heading and the body of one part as shown."""
    view = screen.query_one(f"#part-{key}", PartView)
    return " ".join(" ".join(text_of(child) for child in view.children).split())


async def select_team(screen: CharterScreen, pilot, settle, team: str) -> None:
    table = screen.query_one(CharterTable)
    table.focus()
    table.move_cursor(row=table.get_row_index(team))
    await settle(screen.app, pilot)
    assert screen.selected_team == team


async def open_part(app, screen, pilot, settle, key: str, dialog_class):
    """From the team list: tab to the parts, walk down to ``key``, enter."""
    screen.query_one(CharterTable).focus()
    await pilot.press("tab")
    parts = screen.query_one(CharterParts)
    assert parts.has_focus
    await pilot.press("home")
    for _ in range(PARTS.index(key)):
        await pilot.press("down")
    assert parts.selected_key == key
    await pilot.press("enter")
    await settle(app, pilot)
    dialog = app.screen
    assert isinstance(dialog, dialog_class)
    return dialog


def select_options(select: Select) -> list[str]:
    """The choices a select offers, as the user reads them (its prompt left out)."""
    overlay = select.query_one("SelectOverlay")
    prompts = [option.prompt.plain if hasattr(option.prompt, "plain") else str(option.prompt)
               for option in overlay.options]
    return prompts[1:]  # the first is the blank choice


# --- pure parts --------------------------------------------------------------------------


def test_paths_find_their_part_and_lines_become_items():
    assert part_of("scope.in") == "scope"
    assert part_of("metrics[2].slo") == "metrics"
    assert part_of("communication.meetings[0].cadence") == "communication"
    assert part_of("review.next") == "review"
    assert part_of("team") == "mission"  # never dropped
    assert lines_of("  one \n\n two\n   \n") == ["one", "two"]
    assert row_field("metrics[1].slo", "metrics", "metric", [0, 2], "name") == "metric-2-slo"
    assert row_field("metrics[0]", "metrics", "metric", [1], "name") == "metric-1-name"
    assert row_field("communication.channels[0].name", "meetings", "meeting", [0],
                     "name") is None


def test_bullets_keep_a_hanging_indent():
    from textual.content import Content

    lines = hanging_lines(Content("• one two three four\nplain text here"), 10)
    assert [line.plain for line in lines] == ["• one two", "  three", "  four", "plain text",
                                              "here"]


def test_blocks_follow_the_charter_and_mark_what_is_missing(demo_app):
    app, workspace = demo_app
    checkout = view_of(app, workspace, "Checkout")
    blocks = charter_blocks(checkout)
    assert [b.key for b in blocks] == list(PARTS)
    assert [b.title for b in blocks] == [PART_TITLES[p] for p in PARTS]
    states = {b.key: b.state for b in blocks}
    assert [m.part for m in checkout.missing] == ["review.next"]
    assert states == {"mission": DONE, "responsibilities": DONE, "scope": DONE,
                      "metrics": DONE, "interactions": DONE, "communication": DONE,
                      "review": MISSING}
    review = blocks[-1]
    assert review.messages == (checkout.missing[0].message,)
    assert missing_text(checkout).plain == (
        f"✗ Missing before it can be agreed: Review ({checkout.missing[0].message})")
    sre = view_of(app, workspace, "SRE")
    assert missing_text(sre) is None
    assert lifecycle_text(sre).plain == (
        f"Agreed · revision {sre.revisions} · signed by "
        + ", ".join(s.label for s in sre.state.signoffs)
        + f" on {sre.state.signoffs[0].on.isoformat()}")
    assert lifecycle_text(checkout).plain == (
        "Draft · revision 1 · 0 of 2 signed; waiting for team, management")


def test_a_metric_naming_an_slo_shows_its_figures(demo_app):
    app, workspace = demo_app
    checkout = view_of(app, workspace, "Checkout")
    by_slo = {m.slo: m for m in checkout.charter.metrics if m.slo}
    assert set(by_slo) == {"checkout-availability", "upi-payment-availability"}
    for slo, metric in by_slo.items():
        figures = checkout.figures_of(slo)
        assert figures is not None
        met = " ✓ met so far" if figures.met else " ✗ below target"
        assert metric_line(metric, checkout).plain == (
            f"• {metric.name} · SLO {slo}: {figures.summary()}{met}")
    # the demo: checkout within its target, UPI payments overspent
    assert checkout.figures_of("checkout-availability").met is True
    assert checkout.figures_of("upi-payment-availability").met is False
    plain = next(m for m in checkout.charter.metrics if not m.slo)
    assert metric_line(plain, checkout).plain == f"• {plain.name}: {plain.target}"


# --- the screen on the demo --------------------------------------------------------------


def test_key_7_lists_every_team_and_shows_the_charter_part_by_part(demo_app, settle,
                                                                   footer_keys, open_section):
    app, workspace = demo_app
    overview = app.service.charters.overview(workspace.id, DAY)
    teams = sorted([v.team for v in overview.charters] + list(overview.without),
                   key=str.casefold)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "7", CharterScreen)
            table = screen.query_one(CharterTable)
            assert column(table) == teams
            statuses = dict(zip(column(table), column(table, 1), strict=True))
            assert statuses == {t: status_word(overview.find(t)) for t in teams}
            assert statuses["SRE"] == "agreed" and statuses["Checkout"] == "draft"
            assert statuses["Fulfilment"] == "none"
            assert table.has_focus and screen.selected_team == "Checkout"
            assert {"New", "Parts", "Agree", "Quit", "Help"} <= set(footer_keys(app))
            checkout = overview.find("Checkout")
            missing = text_of(screen.query_one("#ch-missing", Static))
            assert missing.startswith("✗ Missing before it can be agreed: Review")
            assert screen.query_one("#ch-missing").display
            assert "1 missing" in screen.query_one("#ch-doc-pane").border_title
            metrics = part_text(screen, "metrics")
            figures = checkout.figures_of("checkout-availability")
            assert figures.summary() in metrics
            assert part_text(screen, "review").startswith(
                "✗ Review · missing: set the next review date")
            # moving in the list shows another team's charter at once
            await pilot.press("down", "down", "down")
            await settle(app, pilot)
            assert screen.selected_team == "SRE"
            assert not screen.query_one("#ch-missing").display
            # at 80 columns who signed, without their roles
            sre = overview.find("SRE")
            state = " ".join(text_of(screen.query_one("#ch-state")).split())
            assert state == ("Agreed · revision 2 · signed by "
                             + ", ".join(s.name for s in sre.state.signoffs)
                             + f" on {sre.state.signoffs[0].on.isoformat()}")
            # a team without a charter says what n does
            await pilot.press("up")
            await settle(app, pilot)
            assert text_of(screen.query_one("#ch-state")).startswith(
                "Platform has no charter yet: n starts one")
            assert not screen.query_one(CharterParts).display
            assert "Agree" not in footer_keys(app)

    asyncio.run(run())


def test_start_a_charter_and_write_its_mission_from_the_keyboard(demo_app, settle,
                                                                 notifications, open_section,
                                                                 save, type_text):
    app, workspace = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "7", CharterScreen)
            seen = notifications(app)
            await select_team(screen, pilot, settle, "Fulfilment")
            await pilot.press("n")
            await settle(app, pilot)
            assert seen[-1]["message"].startswith("Started the charter of Fulfilment")
            parts = screen.query_one(CharterParts)
            assert parts.has_focus and parts.selected_key == "mission"
            marks = {b.key: b.state for b in parts.blocks.values()}
            assert marks["mission"] == MISSING and marks["interactions"] == OPTIONAL
            await pilot.press("enter")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, TextDialog)
            assert dialog.focused is dialog.query_one("#text", TextArea)
            await type_text(pilot, "Get every order to the shopper on time.")
            await save(app, pilot, settle)
            assert app.screen is screen
            assert seen[-1]["message"] == "Saved the mission of the Fulfilment charter"
            assert "Get every order to the shopper on time." in part_text(screen, "mission")
            # n on a team that has a charter says so and starts nothing
            await select_team(screen, pilot, settle, "SRE")
            await pilot.press("n")
            await settle(app, pilot)
            assert seen[-1]["message"] == "SRE has a charter already: e edits its parts."

    asyncio.run(run())
    view = view_of(app, workspace, "Fulfilment")
    assert view.charter.mission == "Get every order to the shopper on time."
    assert view.charter.review_cadence is Cadence.QUARTERLY
    assert view.charter.next_review == add_cadence(DAY, Cadence.QUARTERLY)
    assert [m.part for m in view.missing] == ["responsibilities", "scope.in", "metrics"]


def test_responsibilities_scope_and_metrics_dialogs_save_their_part(demo_app, settle, open_section,
                                                                    save, type_text):
    app, workspace = demo_app
    before = view_of(app, workspace, "Checkout").charter
    team_slos = app.service.charters.overview(workspace.id, DAY).choices.team_slos

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "7", CharterScreen)
            dialog = await open_part(app, screen, pilot, settle, "responsibilities",
                                     LinesDialog)
            assert dialog.query_one("#lines", TextArea).text == \
                "\n".join(before.responsibilities)
            # the cursor starts at the end of the list
            await type_text(pilot, "\nRun the checkout game day\n\n")
            await save(app, pilot, settle)
            assert app.screen is screen

            dialog = await open_part(app, screen, pilot, settle, "scope", CharterScopeDialog)
            await pilot.press("tab")  # in scope -> out of scope
            assert dialog.focused is dialog.query_one("#scope-out", TextArea)
            await type_text(pilot, "Search (Storefront)\nDelivery (Fulfilment)")
            await save(app, pilot, settle)
            assert app.screen is screen

            dialog = await open_part(app, screen, pilot, settle, "metrics",
                                     CharterMetricsDialog)
            slo = dialog.query_one("#metric-3-slo", Select)
            # the SLOs offered are the team's own, nobody else's
            assert select_options(slo) == list(team_slos["Checkout"])
            await pilot.press("tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab")
            assert dialog.focused is dialog.query_one("#metric-3-name", Input)
            await type_text(pilot, "Checkout is fast")
            await pilot.press("tab")
            await type_text(pilot, "p95 < 2s")
            await pilot.press("tab", "enter")  # open the SLO list
            await settle(app, pilot)
            target = list(team_slos["Checkout"]).index("checkout-latency")
            await pilot.press(*["down"] * (target + 1), "enter")
            await settle(app, pilot)
            assert slo.value == "checkout-latency"
            # clearing a row removes its metric
            dialog.query_one("#metric-2-name", Input).value = ""
            dialog.query_one("#metric-2-target", Input).value = ""
            await save(app, pilot, settle)
            assert app.screen is screen
            assert "checkout-latency" in part_text(screen, "metrics")

    asyncio.run(run())
    after = view_of(app, workspace, "Checkout").charter
    assert after.responsibilities == (*before.responsibilities, "Run the checkout game day")
    assert after.scope_in == before.scope_in
    assert after.scope_out == ("Search (Storefront)", "Delivery (Fulfilment)")
    assert [(m.name, m.target, m.slo) for m in after.metrics] == [
        *[(m.name, m.target, m.slo) for m in before.metrics[:2]],
        ("Checkout is fast", "p95 < 2s", "checkout-latency")]
    assert after.mission == before.mission  # other parts untouched


def test_interactions_communication_and_review_dialogs_save_their_part(demo_app, settle,
                                                                       open_section, save):
    app, workspace = demo_app
    before = view_of(app, workspace, "Checkout").charter
    teams = app.service.charters.overview(workspace.id, DAY).choices.teams

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "7", CharterScreen)
            dialog = await open_part(app, screen, pilot, settle, "interactions",
                                     CharterInteractionsDialog)
            team = dialog.query_one("#interaction-1-team", Select)
            assert select_options(team) == [t for t in teams if t != "Checkout"]
            team.value = "Fulfilment"
            dialog.query_one("#interaction-1-purpose", Input).value = "Order hand-over"
            await save(app, pilot, settle)
            assert app.screen is screen

            dialog = await open_part(app, screen, pilot, settle, "communication",
                                     CharterCommunicationDialog)
            cadence = dialog.query_one("#meeting-1-cadence", Select)
            assert select_options(cadence) == [c.title for c in Cadence]
            dialog.query_one("#meeting-1-name", Input).value = "Sale readiness"
            cadence.value = "monthly"
            dialog.query_one("#escalation", TextArea).text = "Checkout on call\nSRE on call"
            await save(app, pilot, settle)
            assert app.screen is screen
            assert "Escalation: Checkout on call → SRE on call" in \
                part_text(screen, "communication")

            dialog = await open_part(app, screen, pilot, settle, "review", CharterReviewDialog)
            proposal = text_of(dialog.query_one("#review-proposal", Static))
            assert proposal == ("Reviewed quarterly: one review from today is "
                                f"{add_cadence(DAY, Cadence.QUARTERLY).isoformat()}.")
            dialog.query_one("#review-cadence", Select).value = "half-yearly"
            await settle(app, pilot)
            assert add_cadence(DAY, Cadence.HALF_YEARLY).isoformat() in text_of(
                dialog.query_one("#review-proposal", Static))
            dialog.query_one("#review-next", Input).value = "2027-05-01"
            await save(app, pilot, settle)
            assert app.screen is screen
            # nothing is missing any more
            assert not screen.query_one("#ch-missing").display
            assert "complete" in screen.query_one("#ch-doc-pane").border_title

    asyncio.run(run())
    after = view_of(app, workspace, "Checkout")
    charter = after.charter
    assert [(i.team, i.purpose, i.how) for i in charter.interactions] == [
        *[(i.team, i.purpose, i.how) for i in before.interactions],
        ("Fulfilment", "Order hand-over", "")]
    assert [(m.name, m.cadence) for m in charter.meetings] == [
        *[(m.name, m.cadence) for m in before.meetings], ("Sale readiness", Cadence.MONTHLY)]
    assert charter.channels == before.channels
    assert charter.escalation == ("Checkout on call", "SRE on call")
    assert charter.review_cadence is Cadence.HALF_YEARLY
    assert charter.next_review == date(2027, 5, 1)
    assert after.missing == ()


def test_a_refused_part_stays_in_the_dialog_and_marks_the_field(demo_app, settle, open_section,
                                                                error_of, save):
    app, workspace = demo_app
    before = view_of(app, workspace, "Checkout")

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "7", CharterScreen)
            dialog = await open_part(app, screen, pilot, settle, "review", CharterReviewDialog)
            dialog.query_one("#review-next", Input).value = "next spring"
            await save(app, pilot, settle)
            assert app.screen is dialog  # nothing lost
            assert error_of(dialog).startswith("review.next:")
            field = dialog.query_one("#review-next", Input)
            assert field.has_focus and field.has_class("-invalid")
            assert field.value == "next spring"
            await pilot.press("escape")
            await settle(app, pilot)
            # a metric row with a target but no name: the name field is marked
            dialog = await open_part(app, screen, pilot, settle, "metrics",
                                     CharterMetricsDialog)
            dialog.query_one("#metric-3-target", Input).value = "99%"
            await save(app, pilot, settle)
            assert app.screen is dialog
            assert "metrics[3].name" in error_of(dialog)
            assert dialog.query_one("#metric-3-name", Input).has_focus

    asyncio.run(run())
    after = view_of(app, workspace, "Checkout")
    assert after.version == before.version and after.charter == before.charter


def test_a_change_made_elsewhere_is_not_overwritten(demo_app, settle, open_section,
                                                    save_into_conflict):
    app, workspace = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "7", CharterScreen)
            dialog = await open_part(app, screen, pilot, settle, "mission", TextDialog)
            current = view_of(app, workspace, "Checkout")
            app.service.charters.change(workspace.id, "Checkout", {"mission": "Elsewhere."},
                                        expected_version=current.version)
            dialog.query_one("#text", TextArea).text = "Mine."
            await save_into_conflict(app, pilot, screen)
            assert "Elsewhere." in part_text(screen, "mission")

    asyncio.run(run())
    assert view_of(app, workspace, "Checkout").charter.mission == "Elsewhere."


def test_a_draft_with_missing_parts_is_not_offered_then_is_agreed(demo_app, settle,
                                                                  notifications, open_section):
    app, workspace = demo_app
    checkout = view_of(app, workspace, "Checkout")

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "7", CharterScreen)
            seen = notifications(app)
            await pilot.press("g")
            await settle(app, pilot)
            assert app.screen is screen
            assert seen[-1]["message"] == ("The charter of Checkout cannot be agreed yet; "
                                           f"fill in: {checkout.missing[0].message}")
            app.service.charters.change(workspace.id, "Checkout",
                                        {"review": {"cadence": "quarterly",
                                                    "next": "2027-02-25"}},
                                        expected_version=checkout.version)
            screen.reload()
            await settle(app, pilot)
            await pilot.press("g")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, AgreeDialog)
            fields = list(dialog.query("#agree-signers Input").results(Input))
            assert len(fields) == 2  # team and management
            fields[0].value = "Kavya Iyer"
            fields[1].value = "Anita Desai"
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert seen[-1]["message"].endswith("is agreed")
            table = screen.query_one(CharterTable)
            assert column(table, 1)[table.get_row_index("Checkout")] == "agreed"
            assert text_of(screen.query_one("#ch-state")).startswith("Agreed")

    asyncio.run(run())
    after = view_of(app, workspace, "Checkout")
    assert after.state.status.value == "agreed"
    assert [s.name for s in after.state.signoffs] == ["Kavya Iyer", "Anita Desai"]


def test_reopen_shows_the_revision_in_force_and_history_opens(demo_app, settle,
                                                              notifications, open_section,
                                                              reopen_with):
    app, workspace = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "7", CharterScreen)
            seen = notifications(app)
            await select_team(screen, pilot, settle, "SRE")
            await reopen_with(app, pilot, "New on-call split")
            assert "draft again" in seen[-1]["message"]
            state = " ".join(text_of(screen.query_one("#ch-state")).split())
            assert state.startswith("Draft · revision 3 · agreed revision 2 in force")
            await pilot.press("y")
            await settle(app, pilot)
            assert isinstance(app.screen, HistoryScreen)
            await pilot.press("escape")
            await settle(app, pilot)
            assert app.screen is screen

    asyncio.run(run())
    view = view_of(app, workspace, "SRE")
    assert view.state.status.value == "draft" and view.in_force_number == 2


def test_a_due_review_is_marked_and_remove_asks_first(demo_app, settle, open_section):
    app, workspace = demo_app
    sre = view_of(app, workspace, "SRE")
    app.service.charters.change(workspace.id, "SRE", {"review": {
        "cadence": "quarterly", "next": "2026-11-20"}}, expected_version=sre.version)
    assert view_of(app, workspace, "SRE").review_due

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "7", CharterScreen)
            table = screen.query_one(CharterTable)
            due = dict(zip(column(table), column(table, 2), strict=True))
            assert due == {"Checkout": "", "Fulfilment": "", "Platform": "", "SRE": "due",
                           "Storefront": ""}
            await select_team(screen, pilot, settle, "SRE")
            assert "review due" in screen.query_one("#ch-doc-pane").border_title
            assert part_text(screen, "review") == (
                "⚠ Review · due since 2026-11-20 Quarterly · next review 2026-11-20")
            await pilot.press("x")
            await settle(app, pilot)
            confirm = app.screen
            assert isinstance(confirm, ConfirmDialog) and "SRE" in confirm.body_text
            await pilot.press("n")  # no: nothing removed
            await settle(app, pilot)
            assert column(table, 1)[table.get_row_index("SRE")] == "draft"
            await pilot.press("x")
            await settle(app, pilot)
            await pilot.press("y")
            await settle(app, pilot)
            assert column(table, 1)[table.get_row_index("SRE")] == "none"

    asyncio.run(run())
    assert "SRE" in app.service.charters.overview(workspace.id, DAY).without


def test_the_palette_finds_a_charter_and_opens_it(demo_app, settle):
    app, workspace = demo_app
    sre = view_of(app, workspace, "SRE")

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            provider = WorkbenchCommands(app.screen)
            await provider.startup()
            hits = [hit async for hit in provider.search("Charter: SRE")]
            hit = next(h for h in hits if h.text == "Charter: SRE")
            hit.command()
            await settle(app, pilot)
            screen = app.screen
            assert isinstance(screen, CharterScreen)
            assert screen.selected_team == "SRE"
            assert [e.id for e in provider.index if e.kind == "charter" and
                    e.title == "SRE"] == [sre.id]

    asyncio.run(run())


def test_every_key_has_an_id_description_and_tooltip_and_help_lists_them(demo_app, settle,
                                                                         footer_keys, open_section):
    app, _ = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "7", CharterScreen)
            for owner in (CharterScreen, CharterTable, CharterParts, DocumentPartDialog):
                for binding in owner.BINDINGS:
                    assert binding.id and binding.description and binding.tooltip, binding
            await pilot.press("tab")
            descriptions = {description for _, description in app.help_rows()}
            for binding in (*CharterScreen.BINDINGS, *CharterTable.BINDINGS,
                            *CharterParts.BINDINGS):
                assert binding.tooltip in descriptions, binding
            for key in PARTS:  # every part dialog keeps ^q and f1 in its footer
                parts = screen.query_one(CharterParts)
                parts.focus()
                parts.select(key)
                await pilot.press("enter")
                await settle(app, pilot)
                assert isinstance(app.screen, DocumentPartDialog)
                assert {"Save", "Quit", "Help"} <= set(footer_keys(app))
                await pilot.press("escape")
                await settle(app, pilot)
            assert {"Edit", "Agree", "Quit", "Help"} <= set(footer_keys(app))

    asyncio.run(run())


def test_help_at_80x24_cuts_nothing(demo_app, settle, screen_text, open_section):
    app, _ = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await open_section(app, pilot, "7", CharterScreen)
            await pilot.press("tab", "f1")
            await settle(app, pilot)
            rows = app.screen.rows
            text = " ".join(" ".join(screen_text(app)).split())
            first = next(d for k, d in rows if k == "e / ⏎")
            assert first == "Edit the selected part of the charter (its own dialog)"
            assert first in text
            assert all(len(line) <= 80 for line in screen_text(app))

    asyncio.run(run())


def test_user_text_is_shown_as_typed(demo_app, settle, open_section):
    app, workspace = demo_app
    current = view_of(app, workspace, "Checkout")
    app.service.charters.change(workspace.id, "Checkout",
                                {"mission": "[bold]Pay[/bold] fast"},
                                expected_version=current.version)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "7", CharterScreen)
            assert "[bold]Pay[/bold] fast" in part_text(screen, "mission")

    asyncio.run(run())


# --- snapshots --------------------------------------------------------------------------


SNAPSHOTS = {
    "checkout": (None, ()),
    "sre_metrics": ("SRE", ("tab", "down", "down", "down")),
    "metrics_dialog": (None, ("tab", "down", "down", "down", "enter")),
    "communication_dialog": (None, ("tab", "down", "down", "down", "down", "down", "enter")),
}


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x45"])
@pytest.mark.parametrize("name", list(SNAPSHOTS))
def test_charter_snapshot(snap_compare, demo_app, settle, size, name, open_section, no_blink):
    app, _ = demo_app
    team, keys = SNAPSHOTS[name]

    async def run_before(pilot) -> None:
        screen = await open_section(pilot.app, pilot, "7", CharterScreen)
        if team is not None:
            await select_team(screen, pilot, settle, team)
        for key in keys:
            await pilot.press(key)
            await settle(pilot.app, pilot)
        no_blink(pilot.app)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
