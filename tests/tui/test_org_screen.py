"""The "Organisation" section: the decision with its criteria side by side (one column per
model considered, the book's rating and the coach's score in each cell, the chosen column
marked, totals), the sizing line and the reason; scoring a cell, choosing a model, the
models considered, the reason and the teams from the keyboard; a refusal kept in the
dialog, a version conflict, a product decision and the switch between decisions, agree /
reopen / history, the SRE role screen, the palette, keys and help, and snapshots at 80x24
and 160x45.

Every app is built on the demo's day; expected values come from the service's own view of
the decision (or the domain), never from the screen under test."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest
from rich.text import Text
from textual.widgets import DataTable, Input, Select, SelectionList, Static, TextArea

from workbench.domain.org import (
    CRITERION_NOTES,
    CRITERION_SHORT,
    MODEL_SUMMARIES,
    Criterion,
    OrgModel,
    Sizing,
    book_rating,
)
from workbench.tui.dialogs.agree_dialog import AgreeDialog
from workbench.tui.dialogs.document_form import DocumentPartDialog, LinesDialog, TextDialog
from workbench.tui.dialogs.name_dialog import NameDialog
from workbench.tui.dialogs.org_choose_dialog import OrgChooseDialog
from workbench.tui.dialogs.org_models_dialog import OrgModelsDialog
from workbench.tui.dialogs.org_score_dialog import OrgScoreDialog
from workbench.tui.dialogs.org_teams_dialog import OrgTeamsDialog
from workbench.tui.dialogs.role_purpose_dialog import RolePurposeDialog
from workbench.tui.palette import WorkbenchCommands
from workbench.tui.screens.history_screen import HistoryScreen
from workbench.tui.screens.org_screen import OrgScreen
from workbench.tui.screens.role_screen import RoleScreen
from workbench.tui.widgets.org_table import (
    ACROSS,
    NO_SCORE,
    TOTAL,
    DecisionTable,
    cell_details,
    cell_text,
    models_shown,
    sizing_cell,
    sizing_text,
)
from workbench.tui.widgets.role_parts import ROLE_PARTS, RoleParts, role_blocks

DAY = date(2026, 11, 25)
SIZES = [(80, 24), (160, 45)]


# --- helpers ----------------------------------------------------------------------------


def decision_of(app, workspace, product: str | None = None):
    return app.service.organisation.decision(workspace.id, product)


def plain(cell) -> str:
    return cell.plain if isinstance(cell, Text) else str(cell)


def column(table: DataTable, index: int = 0) -> list[str]:
    return [plain(table.get_row_at(r)[index]) for r in range(table.row_count)]


def headings(table: DataTable) -> list[str]:
    return [plain(c.label) for c in table.ordered_columns]


def text_of(widget) -> str:
    rendered = widget.render()
    return rendered.plain if hasattr(rendered, "plain") else str(rendered)


def squeezed(text: str) -> str:
    return " ".join(text.split())


async def move_to(screen: OrgScreen, pilot, criterion: Criterion | str,
                  model: OrgModel | None) -> None:
    """Walk the cursor there with the arrow keys, from the top left."""
    table = screen.query_one(DecisionTable)
    table.focus()
    table.move_cursor(row=0, column=0)
    await pilot.pause()
    row = criterion.value if isinstance(criterion, Criterion) else criterion
    await pilot.press(*["down"] * table.row_keys.index(row))
    if model is not None:
        await pilot.press(*["right"] * (table.models.index(model) + 1))
    await pilot.pause()
    assert table.cell_under_cursor == (row, model)


# --- pure parts --------------------------------------------------------------------------


def test_sizing_reads_as_a_sentence():
    assert sizing_text(Sizing(3, 3, 1, 1, True)) == \
        "3 development teams: 3 SREs in 1 SRE team; you have 1"
    assert sizing_text(Sizing(1, 2, 2, 0, True)) == \
        "1 development team: 2 SREs in 2 SRE teams; you have 0"
    assert sizing_text(Sizing(3, 0, 0, 1, False)) == \
        "3 development teams: this model needs no SRE teams for services; you have 1"
    assert sizing_text(None).startswith("No model chosen yet")
    assert sizing_cell(Sizing(3, 3, 1, 1, True)) == "3 SREs, 1 team"
    assert sizing_cell(Sizing(3, 0, 0, 1, False)) == "no SRE teams"


def test_cells_give_the_books_rating_and_the_coachs_score(demo_app):
    app, workspace = demo_app
    view = decision_of(app, workspace)
    decision = view.decision
    assert models_shown(decision) == list(decision.considered)
    shared = OrgModel.YOU_AND_SRE_RUN
    score = decision.score(shared, Criterion.ON_CALL)
    assert score.note  # the demo notes this one
    rating = book_rating(shared, Criterion.ON_CALL)
    assert cell_text(decision, shared, Criterion.ON_CALL, wide=False).plain == \
        f"{score.score} {rating} ✎"
    assert cell_text(decision, shared, Criterion.ON_CALL, wide=True).plain == \
        f"{rating}\n{score.score}/5 · {score.note}"
    assert decision.score(shared, Criterion.FUNDING) is None
    assert cell_text(decision, shared, Criterion.FUNDING, wide=False).plain == \
        f"{NO_SCORE} {book_rating(shared, Criterion.FUNDING)}"
    assert cell_text(decision, shared, Criterion.FUNDING, wide=True).plain == \
        f"{book_rating(shared, Criterion.FUNDING)}\nnot scored"
    hybrid = OrgModel.OPS_SOMETIMES_RUN
    assert cell_text(decision, hybrid, Criterion.COST, wide=False).plain == \
        f"{NO_SCORE} no book rating"
    # narrow cells are cut with "…" to their width; the details line has the whole
    cut = cell_text(decision, OrgModel.SRE_RUN, Criterion.ON_CALL, wide=False, width=12)
    assert cut.cell_len <= 12 and cut.plain.endswith("…")
    details = cell_details(view, Criterion.ON_CALL.value, shared).plain
    assert details == (f"{Criterion.ON_CALL.title} {ACROSS} {shared.short}: the book rates it "
                       f"“{rating}”; score {score.score} of 5 — {score.note}")
    assert cell_details(view, Criterion.COST.value, None).plain == \
        f"{Criterion.COST.title}: {CRITERION_NOTES[Criterion.COST]}"
    assert cell_details(view, TOTAL, shared).plain == \
        f"{shared.title}: {MODEL_SUMMARIES[shared]}"


# --- the screen on the demo --------------------------------------------------------------


def test_key_8_shows_the_criteria_side_by_side(demo_app, settle, footer_keys, open_section):
    app, workspace = demo_app
    view = decision_of(app, workspace)
    decision = view.decision

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "8", OrgScreen)
            table = screen.query_one(DecisionTable)
            assert table.has_focus
            assert column(table) == [CRITERION_SHORT[c] for c in Criterion] + ["Total"]
            assert headings(table) == ["Criterion"] + [
                ("★ " if m is decision.chosen else "") + m.short for m in decision.considered]
            totals = table.get_row(TOTAL)[1:]
            assert [plain(c) for c in totals] == [str(decision.total(m))
                                                 for m in decision.considered]
            sizing = text_of(screen.query_one("#org-sizing", Static))
            assert sizing == f"SRE sizing: {sizing_text(view.chosen_sizing)}"
            assert sizing == "SRE sizing: 3 development teams: 3 SREs in 1 SRE team; you " \
                             "have 1"
            reason = squeezed(text_of(screen.query_one("#org-reason", Static)))
            assert reason == "Reason: " + squeezed(decision.reason)
            state = squeezed(text_of(screen.query_one("#org-state")))
            assert state.startswith(f"Decided {decision.decided_on.isoformat()} · Agreed")
            assert not screen.query_one("#org-missing").display
            # the line below follows the cursor
            await move_to(screen, pilot, Criterion.HANDOVER, OrgModel.SRE_RUN)
            details = squeezed(text_of(screen.query_one("#org-cell")))
            score = decision.score(OrgModel.SRE_RUN, Criterion.HANDOVER)
            assert details.startswith(f"{Criterion.HANDOVER.title} {ACROSS} SRE run")
            assert details.endswith(score.note)
            assert {"Score", "Choose", "SRE role", "Agree", "Quit", "Help"} <= \
                set(footer_keys(app))

    asyncio.run(run())


def test_the_full_titles_at_160_columns(demo_app, settle, open_section):
    app, workspace = demo_app
    decision = decision_of(app, workspace).decision

    async def run():
        async with app.run_test(size=(160, 45)) as pilot:
            screen = await open_section(app, pilot, "8", OrgScreen)
            table = screen.query_one(DecisionTable)
            assert column(table)[:len(Criterion)] == [c.title for c in Criterion]
            assert column(table)[-2:] == ["Total", "SRE sizing"]
            assert headings(table)[1:] == [
                ("★ " if m is decision.chosen else "") + m.title for m in decision.considered]
            assert table.region.right <= 160

    asyncio.run(run())


def test_score_a_cell_from_the_keyboard(demo_app, settle, notifications, open_section,
                                        save, type_text):
    app, workspace = demo_app
    before = decision_of(app, workspace)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "8", OrgScreen)
            seen = notifications(app)
            await move_to(screen, pilot, Criterion.FUNDING, OrgModel.YOU_AND_SRE_RUN)
            await pilot.press("s")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, OrgScoreDialog)
            assert dialog.focused is dialog.query_one("#score", Input)
            assert text_of(dialog.query_one("#org-book-rating", Static)) == \
                f"The book rates it: {book_rating(OrgModel.YOU_AND_SRE_RUN, Criterion.FUNDING)}"
            await type_text(pilot, "4")
            await pilot.press("tab")
            await type_text(pilot, "[b]salaries[/b] in the budget")
            await save(app, pilot, settle)
            assert app.screen is screen
            assert seen[-1]["message"] == (f"Saved the score of You + SRE on "
                                           f"{Criterion.FUNDING.title} for the organisation")
            table = screen.query_one(DecisionTable)
            assert table.cell_under_cursor == (Criterion.FUNDING.value,
                                               OrgModel.YOU_AND_SRE_RUN)
            details = squeezed(text_of(screen.query_one("#org-cell")))
            assert details.endswith("score 4 of 5 — [b]salaries[/b] in the budget")
            # editing the agreed decision made a draft; the agreed revision stays in force
            state = squeezed(text_of(screen.query_one("#org-state")))
            assert "Draft · revision 3 · agreed revision 2 in force" in state
            # s on the criteria column or the total row scores nothing
            await move_to(screen, pilot, TOTAL, OrgModel.YOU_RUN)
            await pilot.press("s")
            await settle(app, pilot)
            assert app.screen is screen
            assert seen[-1]["message"].startswith("Move the cursor to a model's cell")

    asyncio.run(run())
    after = decision_of(app, workspace)
    score = after.decision.score(OrgModel.YOU_AND_SRE_RUN, Criterion.FUNDING)
    assert (score.score, score.note) == (4, "[b]salaries[/b] in the budget")
    assert after.decision.total(OrgModel.YOU_AND_SRE_RUN) == \
        before.decision.total(OrgModel.YOU_AND_SRE_RUN) + 4
    others = [s for s in after.decision.scores if s != score]
    assert others == list(before.decision.scores)  # the others kept, in their order
    assert after.state.status.value == "draft" and after.in_force_number == 2


def test_a_score_that_is_not_a_number_stays_in_the_dialog(demo_app, settle, open_section,
                                                          error_of, save):
    app, workspace = demo_app
    before = decision_of(app, workspace)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "8", OrgScreen)
            await move_to(screen, pilot, Criterion.COST, OrgModel.YOU_RUN)
            await pilot.press("enter")  # enter scores too
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, OrgScoreDialog)
            dialog.query_one("#score", Input).value = "9"
            await save(app, pilot, settle)
            assert app.screen is dialog
            assert "score: 9 is out of range; use 1 to 5" in error_of(dialog)
            field = dialog.query_one("#score", Input)
            assert field.has_focus and field.has_class("-invalid") and field.value == "9"
            # clearing score and note removes the cell's score
            field.value = ""
            await save(app, pilot, settle)
            assert app.screen is screen

    asyncio.run(run())
    after = decision_of(app, workspace).decision
    assert after.score(OrgModel.YOU_RUN, Criterion.COST) is None
    assert len(after.scores) == len(before.decision.scores) - 1


def test_choose_models_reason_and_teams_save_their_part(demo_app, settle, open_section, save):
    app, workspace = demo_app
    before = decision_of(app, workspace)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "8", OrgScreen)
            await pilot.press("t")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, OrgTeamsDialog)
            kinds = {team: str(dialog.query_one(f"#team-{i}-kind", Select).value)
                     for i, team in enumerate(dialog.teams)}
            assert kinds == {t: "sre" if t in before.decision.sre_teams else "other"
                             if t in before.decision.other_teams else "development"
                             for t in before.teams}
            platform = dialog.teams.index("Platform")
            dialog.query_one(f"#team-{platform}-kind", Select).value = "development"
            dialog.query_one("#team-size", Input).value = "2"
            await settle(app, pilot)
            preview = text_of(dialog.query_one("#org-sizing-preview", Static))
            assert preview == ("Sizing for You + SRE: 4 development teams: 4 SREs in 2 SRE "
                               "teams; you have 1")
            await save(app, pilot, settle)
            assert app.screen is screen
            assert text_of(screen.query_one("#org-sizing", Static)) == (
                "SRE sizing: 4 development teams: 4 SREs in 2 SRE teams; you have 1")

            await pilot.press("m")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, OrgModelsDialog)
            models = dialog.query_one("#considered", SelectionList)
            assert sorted(models.selected) == sorted(m.value for m in
                                                     before.decision.considered)
            # tick ops run (the 4th) with the keyboard, untick SRE run (the 3rd)
            await pilot.press("down", "down", "space", "down", "space")
            await settle(app, pilot)
            dropped = sum(1 for s in before.decision.scores if s.model is OrgModel.SRE_RUN)
            assert text_of(dialog.query_one("#org-dropped", Static)).startswith(
                f"Saving drops {dropped} scores")
            await save(app, pilot, settle)
            assert app.screen is screen
            table = screen.query_one(DecisionTable)
            assert table.models == [OrgModel.YOU_RUN, OrgModel.YOU_AND_SRE_RUN,
                                    OrgModel.OPS_RUN]

            await pilot.press("c")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, OrgChooseDialog)
            chosen = dialog.query_one("#chosen", Select)
            chosen.value = OrgModel.YOU_RUN.value
            await settle(app, pilot)
            assert text_of(dialog.query_one("#org-model-summary", Static)) == \
                MODEL_SUMMARIES[OrgModel.YOU_RUN]
            dialog.query_one("#decided-on", Input).value = "2026-11-24"
            await save(app, pilot, settle)
            assert app.screen is screen
            assert headings(table)[1] == "★ You run"

            await pilot.press("w")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, TextDialog)
            dialog.query_one("#text", TextArea).text = "Every team runs what it builds."
            await save(app, pilot, settle)
            assert app.screen is screen

    asyncio.run(run())
    after = decision_of(app, workspace).decision
    assert after.considered == (OrgModel.YOU_RUN, OrgModel.YOU_AND_SRE_RUN, OrgModel.OPS_RUN)
    assert not [s for s in after.scores if s.model is OrgModel.SRE_RUN]
    assert after.chosen is OrgModel.YOU_RUN and after.decided_on == date(2026, 11, 24)
    assert after.reason == "Every team runs what it builds."
    assert (after.sre_team_size, after.sres_per_team) == (2, 1)
    assert after.sre_teams == before.decision.sre_teams and after.other_teams == ()


def test_the_chosen_model_cannot_be_unticked(demo_app, settle, open_section, error_of, save):
    app, workspace = demo_app
    before = decision_of(app, workspace)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await open_section(app, pilot, "8", OrgScreen)
            await pilot.press("m")
            await settle(app, pilot)
            dialog = app.screen
            dialog.query_one("#considered", SelectionList).deselect(
                OrgModel.YOU_AND_SRE_RUN.value)
            await save(app, pilot, settle)
            assert app.screen is dialog
            assert error_of(dialog).startswith(
                "chosen: you-and-sre-run is not among the models considered")

    asyncio.run(run())
    assert decision_of(app, workspace).version == before.version


def test_a_change_made_elsewhere_is_not_overwritten(demo_app, settle, open_section,
                                                    save_into_conflict):
    app, workspace = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "8", OrgScreen)
            await pilot.press("w")
            await settle(app, pilot)
            dialog = app.screen
            current = decision_of(app, workspace)
            app.service.organisation.change_decision(workspace.id, None,
                                                     {"reason": "Elsewhere."},
                                                     expected_version=current.version)
            dialog.query_one("#text", TextArea).text = "Mine."
            await save_into_conflict(app, pilot, screen)
            assert text_of(screen.query_one("#org-reason", Static)) == "Reason: Elsewhere."

    asyncio.run(run())
    assert decision_of(app, workspace).decision.reason == "Elsewhere."


def test_a_product_decision_its_missing_parts_and_the_switch(demo_app, settle,
                                                             notifications, open_section,
                                                             error_of, type_text):
    app, workspace = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "8", OrgScreen)
            seen = notifications(app)
            await pilot.press("p")
            await settle(app, pilot)
            assert seen[-1]["message"] == "Only one decision so far: n starts one for a " \
                                          "product."
            await pilot.press("n")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, NameDialog)
            await type_text(pilot, "Checkout")
            await pilot.press("enter")
            await settle(app, pilot)
            assert app.screen is screen
            assert screen.selected_ref == "Checkout"
            pane = screen.query_one("#org-table-pane")
            assert pane.border_title == "Decision for product Checkout · 2 of 2, p switches"
            missing = squeezed(text_of(screen.query_one("#org-missing", Static)))
            assert missing == ("✗ Missing before it can be agreed: the model chosen (choose "
                               "the model); the reason (say why this model was chosen)")
            table = screen.query_one(DecisionTable)
            assert [m.short for m in table.models] == ["You run", "You + SRE", "SRE run",
                                                       "Ops run"]
            await pilot.press("g")
            await settle(app, pilot)
            assert app.screen is screen
            assert seen[-1]["message"].startswith(
                "The decision for product Checkout cannot be agreed yet; fill in: choose "
                "the model")
            # a second decision for the same product is refused in the dialog
            await pilot.press("n")
            await settle(app, pilot)
            await type_text(pilot, "checkout")
            await pilot.press("enter")
            await settle(app, pilot)
            assert "product checkout has a decision already" in error_of(app.screen)
            await pilot.press("escape")
            await settle(app, pilot)
            await pilot.press("p")
            await settle(app, pilot)
            assert screen.selected_ref == "organisation"
            assert pane.border_title == "Decision for the organisation · 1 of 2, p switches"
            await pilot.press("p")
            await settle(app, pilot)
            assert screen.selected_ref == "Checkout"

    asyncio.run(run())
    product = decision_of(app, workspace, "Checkout")
    assert product.decision.chosen is None and product.state.status.value == "draft"


def test_reopen_agree_and_history_of_the_decision(demo_app, settle, notifications, open_section,
                                                  reopen_with):
    app, workspace = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "8", OrgScreen)
            seen = notifications(app)
            await reopen_with(app, pilot, "New product line")
            assert "draft again" in seen[-1]["message"]
            await pilot.press("g")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, AgreeDialog)
            for index, field in enumerate(dialog.query("#agree-signers Input").results(Input)):
                field.value = f"Signer {index}"
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert seen[-1]["message"].endswith("is agreed")
            assert squeezed(text_of(screen.query_one("#org-state"))).startswith(
                "Decided 2026-11-11 · Agreed · revision 4")
            await pilot.press("y")
            await settle(app, pilot)
            assert isinstance(app.screen, HistoryScreen)

    asyncio.run(run())
    assert decision_of(app, workspace).state.status.value == "agreed"


def test_the_sre_role_part_by_part(demo_app, settle, notifications, footer_keys, open_section,
                                   save, type_text):
    app, workspace = demo_app
    role = app.service.organisation.role(workspace.id)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await open_section(app, pilot, "8", OrgScreen)
            seen = notifications(app)
            await pilot.press("r")
            await settle(app, pilot)
            screen = app.screen
            assert isinstance(screen, RoleScreen)
            parts = screen.query_one(RoleParts)
            assert parts.has_focus and list(parts.blocks) == list(ROLE_PARTS)
            assert [b.key for b in role_blocks(role)] == list(ROLE_PARTS)
            assert squeezed(text_of(screen.query_one("#role-state"))) == (
                "Draft · revision 1 · 0 of 2 signed; waiting for executive, human resources")
            assert {"Edit", "Agree", "Back", "Quit", "Help"} <= set(footer_keys(app))
            await pilot.press("enter")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, RolePurposeDialog)
            assert dialog.query_one("#title", Input).value == role.role.title
            dialog.query_one("#title", Input).value = "Reliability Engineer"
            await save(app, pilot, settle)
            assert app.screen is screen
            await pilot.press("down", "down")  # skills
            assert parts.selected_key == "skills"
            await pilot.press("enter")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, LinesDialog)
            await type_text(pilot, "\nCapacity planning")
            await save(app, pilot, settle)
            assert app.screen is screen
            assert seen[-1]["message"] == "Saved the skills of the SRE role"
            await pilot.press("escape")
            await settle(app, pilot)
            assert isinstance(app.screen, OrgScreen)

    asyncio.run(run())
    after = app.service.organisation.role(workspace.id).role
    assert after.title == "Reliability Engineer"
    assert after.skills == (*role.role.skills, "Capacity planning")
    assert after.responsibilities == role.role.responsibilities


def test_an_empty_workspace_offers_new_decision_and_new_role(engine, settle, notifications,
                                                             open_section):
    from workbench.store import repo
    from workbench.store.db import transaction
    from workbench.tui.app import build_app

    with transaction(engine) as session:
        workspace = repo.create_workspace(session, "Fresh start")
    app = build_app(engine, workspace_id=workspace.id, today=DAY)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_section(app, pilot, "8", OrgScreen)
            assert text_of(screen.query_one("#org-state")).startswith(
                "No organisation model decision yet: n starts one")
            assert not screen.query_one("#org-table-pane").display
            await pilot.press("n")
            await settle(app, pilot)
            await pilot.press("enter")  # empty: the whole organisation
            await settle(app, pilot)
            assert screen.selected_ref == "organisation"
            assert screen.query_one("#org-table-pane").display
            await pilot.press("r")
            await settle(app, pilot)
            role_screen = app.screen
            assert isinstance(role_screen, RoleScreen)
            assert text_of(role_screen.query_one("#role-state")).startswith(
                "No SRE role description yet: n starts one")
            await pilot.press("n")
            await settle(app, pilot)
            assert role_screen.query_one(RoleParts).display

    asyncio.run(run())
    role = app.service.organisation.role(workspace.id)
    assert role is not None and role.role.responsibilities
    assert [m.part for m in role.missing] == ["purpose"]
    decision = app.service.organisation.decision(workspace.id)
    assert decision.decision.chosen is None and len(decision.decision.considered) == 4


def test_the_palette_finds_the_decision_and_opens_it(demo_app, settle):
    app, workspace = demo_app
    view = decision_of(app, workspace)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            provider = WorkbenchCommands(app.screen)
            await provider.startup()
            (entry,) = [e for e in provider.index if e.kind == "org"]
            assert (entry.id, entry.title, entry.detail) == (
                view.id, "the organisation", "organisation model decision · chosen: "
                                             f"{view.decision.chosen.title}")
            hits = [hit async for hit in provider.search("Org decision")]
            next(h for h in hits if h.text == "Org decision: the organisation").command()
            await settle(app, pilot)
            assert isinstance(app.screen, OrgScreen)
            assert app.screen.selected_ref == "organisation"

    asyncio.run(run())


def test_every_key_has_an_id_description_and_tooltip_and_help_lists_them(demo_app, settle,
                                                                         footer_keys,
                                                                         screen_text, open_section):
    app, _ = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await open_section(app, pilot, "8", OrgScreen)
            for owner in (OrgScreen, DecisionTable, RoleScreen, RoleParts):
                for binding in owner.BINDINGS:
                    assert binding.id and binding.description and binding.tooltip, binding
            descriptions = {description for _, description in app.help_rows()}
            for binding in (*OrgScreen.BINDINGS, *DecisionTable.BINDINGS):
                assert binding.tooltip in descriptions, binding
            for key in ("s", "c", "m", "w", "t"):  # dialogs keep ^q and f1 in their footers
                await pilot.press(key)
                await settle(app, pilot)
                assert isinstance(app.screen, DocumentPartDialog)
                assert {"Save", "Quit", "Help"} <= set(footer_keys(app))
                await pilot.press("escape")
                await settle(app, pilot)
            await pilot.press("f1")
            await settle(app, pilot)
            assert all(len(line) <= 80 for line in screen_text(app))
            text = squeezed(" ".join(screen_text(app)))
            assert "Score the cell under the cursor (1 to 5, or none) with a note" in text

    asyncio.run(run())


# --- snapshots --------------------------------------------------------------------------


SNAPSHOTS = {
    "decision": (),
    "score_dialog": ("right", "right", "down", "down", "down", "s"),
    "teams_dialog": ("t",),
    "role": ("r",),
}


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x45"])
@pytest.mark.parametrize("name", list(SNAPSHOTS))
def test_org_snapshot(snap_compare, demo_app, settle, size, name, open_section, no_blink):
    app, _ = demo_app
    keys = SNAPSHOTS[name]

    async def run_before(pilot) -> None:
        await open_section(pilot.app, pilot, "8", OrgScreen)
        for key in keys:
            await pilot.press(key)
            await settle(pilot.app, pilot)
        no_blink(pilot.app)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
