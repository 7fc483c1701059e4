"""SVG snapshots of respondent mode (``workbench respond``) at 80x24 and 160x45: a person
part way through Checkout's draft run, before the reveal (other answers hidden), and the
"End for now?" question. Update with ``--snapshot-update`` and read the SVG's text first."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import DEMO_DAY
from textual.widgets import Input

from workbench.store import assessment_repo as ar
from workbench.store.db import transaction
from workbench.tui.respondent_app import build_respondent_app

SIZES = [(80, 24), (160, 45)]


def size_id(size: tuple[int, int]) -> str:
    return f"{size[0]}x{size[1]}"


@pytest.fixture
def hidden_run(demo):
    """A fresh Storefront run, not revealed, with one other respondent's answer."""
    engine, workspace = demo
    with transaction(engine) as session:
        run = ar.create_run(session, workspace.id, "Storefront", "sre-maturity", None,
                            date(2026, 11, 24), title="Team self-assessment")
        _, ravi, _ = ar.join_run(session, run.id, "Ravi")
        ar.set_answer(session, run.id, "org-structure", 2, respondent_id=ravi.id)
    return engine, run.id


@pytest.mark.parametrize("size", SIZES, ids=size_id)
@pytest.mark.parametrize("keys", [(), ("1", "escape")], ids=["walk", "end_for_now"])
def test_respondent_screen(snap_compare, hidden_run, db_url, settle, keys, size):
    engine, run_id = hidden_run
    engine.dispose()
    app = build_respondent_app(db_url, run_id, "Asha", today=DEMO_DAY)

    async def run_before(pilot) -> None:
        for _ in range(20):  # opening the database and joining run in a worker
            await settle(pilot.app, pilot)
            if pilot.app.joined is not None:
                break
        for key in keys:
            await pilot.press(key)
            await settle(pilot.app, pilot)
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
