"""SVG snapshots of every maturity screen at 80x24 and 160x45 (pytest-textual-snapshot).
Update with ``pytest tests/tui/test_maturity_snapshots.py --snapshot-update`` and read the
SVG's text before committing (``grep -o '>[^<]*<' file.svg``).

The demo is created for DEMO_DAY and the app works on that day
(``demo_app``), so the snapshots do not change from one day to the next."""

from __future__ import annotations

from datetime import date

import pytest
from test_maturity_walk import open_maturity
from textual.widgets import DataTable, Input

from workbench.store import assessment_repo as ar
from workbench.store.db import transaction

SIZES = [(80, 24), (160, 45)]


def size_id(size: tuple[int, int]) -> str:
    return f"{size[0]}x{size[1]}"


async def _quiet(pilot) -> None:
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


def add_open_run(engine, workspace) -> None:
    """A Fulfilment run with levels, "not assessed" answers and unanswered criteria."""
    with transaction(engine) as session:
        run = ar.create_run(session, workspace.id, "Fulfilment", "sre-maturity", None,
                            date(2026, 11, 20), title="First look")
        for criterion_id, level in (("org-structure", 1), ("org-alignment", None),
                                    ("org-formal-leadership", 2), ("people-developers", 0),
                                    ("people-operations", None), ("tech-logging", 1)):
            ar.set_answer(session, run.id, criterion_id, level)


# name -> (prepare the data, row of the runs list to select first, keys pressed one by one)
SCREENS: dict[str, tuple[object, int | None, tuple[str, ...]]] = {
    "runs": (add_open_run, None, ()),
    "walk": (None, None, ("enter",)),  # Checkout's latest run resumes at "Risks"
    "walk_agreed": (None, 1, ("enter",)),  # read-only: reopen instead of the levels
    "summary": (add_open_run, 2, ("s",)),  # Fulfilment's run: not assessed, unanswered
    "summary_criteria": (add_open_run, 2, ("s", "v")),
    "compare": (None, None, ("c",)),
    "respondents": (None, None, ("r",)),
    "hypotheses": (None, None, ("h",)),
    "hypothesis_dialog": (None, None, ("h", "e")),
}


@pytest.mark.parametrize("size", SIZES, ids=size_id)
@pytest.mark.parametrize("name", list(SCREENS))
def test_maturity_screen(snap_compare, demo_app, settle, name, size):
    app, workspace = demo_app
    prepare, row, keys = SCREENS[name]
    if prepare is not None:
        prepare(app.engine, workspace)

    async def run_before(pilot) -> None:
        screen = await open_maturity(pilot.app, pilot, settle)
        if row is not None:
            screen.query_one("#mat-runs", DataTable).move_cursor(row=row)
            await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await settle(pilot.app, pilot)
        await _quiet(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
