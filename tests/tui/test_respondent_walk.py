"""Pilot tests of respondent mode: one person's walk of one run (``build_respondent_app``),
resuming it, the ways out it does not have, the others' answers hidden until the coach
reveals them, and the coach's side of it (progress on the runs list, ``v`` reveals)."""

from __future__ import annotations

import asyncio
from datetime import date

from test_maturity_views import open_maturity, plain, row_text
from textual.widgets import DataTable, Label, Static

from workbench.store import assessment_repo as ar
from workbench.store.db import reading, transaction
from workbench.tui.dialogs.confirm_dialog import ConfirmDialog
from workbench.tui.respondent_app import RespondentApp, build_respondent_app
from workbench.tui.screens.maturity_respondents_screen import RespondentsScreen
from workbench.tui.screens.maturity_screen import MaturityScreen
from workbench.tui.screens.maturity_walk_screen import WalkScreen

DAY = date(2026, 11, 25)
FOOTER = " 0-2 Level  n n/a  ←→ Move  e Note  esc End  ^q Quit  f1 Help"


def draft_run(engine, workspace, title: str = "Q4 self-assessment") -> int:
    """A new draft run of Storefront (no answers, no respondents, not revealed)."""
    with transaction(engine) as session:
        run = ar.create_run(session, workspace.id, "Storefront", "sre-maturity", None,
                            date(2026, 11, 20), title=title)
    return run.id


def respondent_answers(engine, run_id: int) -> dict[str, dict[str, int | None]]:
    """Every respondent's stored answers: label -> {criterion id: level}."""
    with reading(engine) as session:
        return {r.label: {a.criterion_id: a.level
                          for a in ar.list_answers(session, run_id, r.id)}
                for r in ar.list_respondents(session, run_id)}


def respondent_app(db_url: str, run_id: int, name: str) -> RespondentApp:
    return build_respondent_app(db_url, run_id, name, today=DAY)


def close(app) -> None:
    """The respondent app opens its own engine: let go of the database file."""
    if app.engine is not None:
        app.engine.dispose()


async def joined(app, pilot, settle) -> WalkScreen:
    """Wait until the app opened the database, joined the run and loaded the walk."""
    for _ in range(20):
        await settle(app, pilot)
        if app.joined is not None and getattr(app.screen, "loaded", False):
            break
    return walk_of(app)


def walk_of(app) -> WalkScreen:
    walk = app.screen
    assert isinstance(walk, WalkScreen), app.screen_stack
    assert walk.respondent is not None and walk.loaded
    return walk


def position(walk: WalkScreen) -> str:
    return plain(walk.query_one("#walk-position", Label))


def answered(walk: WalkScreen) -> str:
    return plain(walk.query_one("#walk-answered", Label))


def levels(walk: WalkScreen) -> str:
    return plain(walk.query_one("#walk-levels", Static))


# --- 1. a respondent walks -------------------------------------------------------------------


def test_respondent_answers_are_theirs_not_the_coachs(demo, db_url, settle, screen_text):
    engine, workspace = demo
    run_id = draft_run(engine, workspace)
    app = respondent_app(db_url, run_id, "Asha")

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            walk = await joined(app, pilot, settle)
            assert walk.title == "Self-assessment"
            head = "Answering as Asha · Storefront · 2026-11-20 · Q4 self-assessment"
            assert walk._head().plain == head
            assert screen_text(app)[1] == " " + head  # in full at 80 columns
            assert position(walk) == "1 / 28" and answered(walk) == "0 answered"
            assert "Organisation 1/4 · Structure" in plain(walk.query_one("#walk-criterion",
                                                                          Static))
            await pilot.press("2", "1")
            await settle(app, pilot)
            assert app.screen is walk
            assert position(walk) == "3 / 28" and answered(walk) == "2 answered"
            assert "Organisation 3/4 · Formal leadership" in plain(
                walk.query_one("#walk-criterion", Static))
        close(app)

    asyncio.run(run())
    assert respondent_answers(engine, run_id) == {
        "Asha": {"org-structure": 2, "org-alignment": 1}}
    with reading(engine) as session:
        assert ar.list_answers(session, run_id) == []  # nothing for the coach
        stored = ar.get_run(session, run_id)
        (asha,) = ar.list_respondents(session, run_id)
    assert stored.cursor is None  # the coach's cursor did not move
    assert asha.cursor == "org-formal-leadership"
    assert asha.name == "Asha" and asha.source == "respondent mode"


# --- 2. stop and resume ----------------------------------------------------------------------


def test_end_for_now_then_resume_any_case_at_the_cursor(demo, db_url, settle,
                                                       notifications):
    engine, workspace = demo
    run_id = draft_run(engine, workspace)
    first = respondent_app(db_url, run_id, "Asha")

    async def answer_and_stop():
        async with first.run_test(size=(80, 24)) as pilot:
            walk = await joined(first, pilot, settle)
            await pilot.press("2", "1")
            await settle(first, pilot)
            await pilot.press("escape")
            await settle(first, pilot)
            dialog = first.screen
            assert isinstance(dialog, ConfirmDialog)
            assert dialog.dialog_title == "End for now?"
            assert dialog.body_text == ("Your 2 answers are saved. 26 criteria are still "
                                        "open; you can carry on later.")
            assert dialog.confirm_label == "End"
            assert walk.is_attached
            await pilot.press("y")
            await settle(first, pilot)
            assert first.return_code == 0
        close(first)

    asyncio.run(answer_and_stop())
    assert first.joined is not None and first.joined.new
    assert first.joined.respondent.label == "Asha"

    again = respondent_app(db_url, run_id, "asha")
    seen = notifications(again)

    async def resume():
        async with again.run_test(size=(80, 24)) as pilot:
            walk = await joined(again, pilot, settle)
            assert walk.respondent.label == "Asha"
            assert position(walk) == "3 / 28" and answered(walk) == "2 answered"
            assert "Organisation 3/4 · Formal leadership" in plain(
                walk.query_one("#walk-criterion", Static))
            assert "▶" not in levels(walk)  # criterion 3 is not answered yet
            await pilot.press("left")
            assert position(walk) == "2 / 28"
            assert [line for line in levels(walk).splitlines() if "▶" in line] == [
                " ▶ 1 beginner     Ad-hoc meetings with some operational data"]
            await pilot.press("left")
            assert position(walk) == "1 / 28"
            assert [line for line in levels(walk).splitlines() if "▶" in line] == [
                " ▶ 2 advanced     Independent cross-functional teams"]
            await settle(again, pilot)
        close(again)

    asyncio.run(resume())
    assert again.joined is not None and not again.joined.new
    assert [n["message"] for n in seen] == [
        "Welcome back, Asha: you carry on where you stopped."]
    # the same person, not a second respondent "asha"; the answers unchanged
    assert respondent_answers(engine, run_id) == {
        "Asha": {"org-structure": 2, "org-alignment": 1}}


# --- 3. no way out of the run ----------------------------------------------------------------


def test_no_sections_palette_or_summary_and_escape_can_be_cancelled(demo, db_url, settle,
                                                                   notifications):
    engine, workspace = demo
    run_id = draft_run(engine, workspace)
    app = respondent_app(db_url, run_id, "Asha")
    seen = notifications(app)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            walk = await joined(app, pilot, settle)
            stack = list(app.screen_stack)
            # the coach's section keys 3-9 (1 and 2 are level keys here), the palette, the
            # summary and the coach's reopen key
            for key in ("3", "4", "5", "6", "7", "8", "9", "ctrl+p", "s", "o"):
                await pilot.press(key)
                await settle(app, pilot, rounds=1)
                assert app.screen_stack == stack, key
            assert position(walk) == "1 / 28" and answered(walk) == "0 answered"
            assert app.workspace is None

            # the last criterion answered: a thank-you, no summary
            await pilot.press("end", "0")
            await settle(app, pilot)
            assert app.screen_stack == stack
            assert position(walk) == "28 / 28" and answered(walk) == "1 answered"
            assert seen[-1]["message"] == "Last criterion answered; 27 still open (u jumps there)."
            await pilot.press("s")
            await settle(app, pilot)
            assert app.screen_stack == stack

            # escape asks; cancelling (button, n or escape) stays in the walk
            for cancel in ("n", "escape", "enter"):  # enter: Cancel has the focus
                await pilot.press("escape")
                await settle(app, pilot)
                assert isinstance(app.screen, ConfirmDialog)
                assert app.screen.dialog_title == "End for now?"
                assert app.screen.body_text == ("Your answer is saved. 27 criteria are "
                                                "still open; you can carry on later.")
                await pilot.press(cancel)
                await settle(app, pilot)
                assert app.screen is walk, cancel
                assert app.return_code is None
            assert position(walk) == "28 / 28"
        close(app)

    asyncio.run(run())
    assert respondent_answers(engine, run_id) == {"Asha": {"process-decisions": 0}}


# --- 4. others' answers stay hidden until the reveal -----------------------------------------


def test_others_answers_hidden_until_the_coach_reveals(demo, db_url, settle, screen_text):
    engine, workspace = demo
    run_id = draft_run(engine, workspace)
    with transaction(engine) as session:
        _, ravi, new = ar.join_run(session, run_id, "Ravi")
        assert new
        ar.set_answer(session, run_id, "org-structure", 2, respondent_id=ravi.id)
        ar.set_answer(session, run_id, "org-alignment", 0, respondent_id=ravi.id)

    def session_of_asha(check):
        app = respondent_app(db_url, run_id, "Asha")

        async def run():
            async with app.run_test(size=(120, 40)) as pilot:
                walk = await joined(app, pilot, settle)
                assert position(walk) == "1 / 28"  # org-structure, which Ravi answered
                check(walk, "\n".join(screen_text(app)))
            close(app)

        asyncio.run(run())

    def hidden(walk, text):
        assert "Ravi" not in text
        assert "Respondents:" not in text and "respondent" not in levels(walk)
        assert "▶" not in text  # no level marked: Asha has not answered, Ravi's is not shown
        assert walk.spreads == {} and walk.hidden == {}
        assert "Only you and the coach see your answers" in text

    session_of_asha(hidden)
    with transaction(engine) as session:
        assert ar.reveal_answers(session, run_id).revealed

    def revealed(walk, text):
        # the others' levels, median and spread, still without their names
        assert levels(walk).splitlines()[-1] == " Respondents: 2 · median 2 · spread 0"
        assert "Ravi" not in text
        assert "▶" not in text  # Asha's own answer is still open
        assert set(walk.spreads) == {"org-structure", "org-alignment"}
        assert "Only you and the coach see your answers" not in text  # no longer true

    session_of_asha(revealed)
    assert respondent_answers(engine, run_id) == {
        "Ravi": {"org-structure": 2, "org-alignment": 0}, "Asha": {}}


# --- 5. the coach's side ---------------------------------------------------------------------


def test_coach_sees_progress_and_reveals_with_v(demo_app, settle, notifications):
    app, workspace = demo_app
    engine = app.engine
    run_id = draft_run(engine, workspace, "With respondents")
    empty_id = draft_run(engine, workspace, "Nobody yet")
    with transaction(engine) as session:
        _, asha, _ = ar.join_run(session, run_id, "Asha")
        ar.join_run(session, run_id, "Ravi")
        ar.set_answer(session, run_id, "org-structure", 2, respondent_id=asha.id)
        ar.set_answer(session, run_id, "org-alignment", 1, respondent_id=asha.id)
    seen = notifications(app)

    async def run():
        async with app.run_test(size=(160, 30)) as pilot:
            screen = await open_maturity(app, pilot, settle)
            table = screen.query_one("#mat-runs", DataTable)
            table.move_cursor(row=table.get_row_index(str(run_id)))
            await pilot.pause()
            details = plain(screen.query_one("#mat-details", Static)).splitlines()
            assert details[1] == " Walk: 0/28 answered, 28 unanswered"
            assert details[2].endswith(
                " · 2 respondents: 1 part way, 1 not started, hidden (v reveals)")

            # before the reveal, r lists who got how far and no levels
            await pilot.press("r")
            await settle(app, pilot)
            progress = app.screen
            assert isinstance(progress, RespondentsScreen)
            grid = progress.query_one("#resp-table", DataTable)
            assert [row_text(grid, f"p{i}") for i in range(grid.row_count)] == [
                ["Asha", "2/28", "part way"], ["Ravi", "0/28", "not started"]]
            await pilot.press("escape")
            await settle(app, pilot)
            assert app.screen is screen

            await pilot.press("v")
            await settle(app, pilot)
            dialog = app.screen
            assert isinstance(dialog, ConfirmDialog)
            assert dialog.dialog_title == "Reveal the answers?"
            assert dialog.body_text.startswith(
                "2 respondents: 1 part way (Asha 2/28), 1 not started.\n\n")
            with reading(engine) as session:
                assert not ar.get_run(session, run_id).revealed  # not before the yes
            await pilot.press("y")
            await settle(app, pilot)
            shown = app.screen
            assert isinstance(shown, RespondentsScreen) and shown.revealed
            assert shown.run.id == run_id
            grid = shown.query_one("#resp-table", DataTable)
            assert row_text(grid, "org-structure")[1:] == ["2", "-", "2", "0", ""]
            with reading(engine) as session:
                assert ar.get_run(session, run_id).revealed

            # back on the runs: no "hidden" any more
            await pilot.press("escape")
            await settle(app, pilot)
            assert isinstance(app.screen, MaturityScreen)
            table.move_cursor(row=table.get_row_index(str(run_id)))
            await pilot.pause()
            details = plain(screen.query_one("#mat-details", Static)).splitlines()
            assert details[2].endswith(" · 2 respondents: 1 part way, 1 not started")

            # a run nobody answered: nothing to reveal
            table.move_cursor(row=table.get_row_index(str(empty_id)))
            await pilot.pause()
            assert "respondent" not in plain(screen.query_one("#mat-details", Static))
            await pilot.press("v")
            await settle(app, pilot)
            assert app.screen is screen
            assert seen[-1]["message"] == ("Nobody has answered this run yet: there is "
                                           "nothing to reveal.")
            assert seen[-1]["severity"] == "warning"

    asyncio.run(run())
    with reading(engine) as session:
        assert not ar.get_run(session, empty_id).revealed


# --- 6. the footer ---------------------------------------------------------------------------


def test_footer_keeps_quit_and_help(demo, db_url, settle, footer_keys, screen_text):
    engine, workspace = demo
    run_id = draft_run(engine, workspace)
    app = respondent_app(db_url, run_id, "Asha")

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await joined(app, pilot, settle)
            assert footer_keys(app) == ["Level", "n/a", "Move", "Note", "End", "Quit",
                                        "Help"]
            assert screen_text(app)[-1] == FOOTER
            footer = {key.description: key.key for key in app.screen.query("FooterKey")}
            assert (footer["Quit"], footer["Help"]) == ("ctrl+q", "f1")
        close(app)

    asyncio.run(run())
