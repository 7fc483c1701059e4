"""The SLO section shows its first page at once and the rest from a background worker, so a
workspace of thousands of SLOs opens as fast as one of ten (issue 16). Pages are made tiny
here so the demo's SLOs span several."""

from __future__ import annotations

import asyncio

from test_slo_screens import column, open_slos
from textual.widgets import DataTable

from workbench.store import slo_repo
from workbench.store.db import reading
from workbench.tui.dialogs.slo_dialog import SloDialog
from workbench.tui.screens.slo_screen import SloScreen


def all_names(engine, workspace) -> list[str]:
    with reading(engine) as session:
        return [s.name for s in slo_repo.list_slos(session, workspace.id)]


def test_first_page_then_the_rest_in_name_order(demo_app, demo, settle, monkeypatch):
    app, workspace = demo_app
    engine, _ = demo
    monkeypatch.setattr(SloScreen, "FIRST_PAGE", 2)
    monkeypatch.setattr(SloScreen, "PAGE", 3)
    pages: list[tuple[int, int | None]] = []
    real = app.service.slos.page

    def page(workspace_id, as_of, offset=0, limit=None):
        pages.append((offset, limit))
        return real(workspace_id, as_of, offset, limit)

    monkeypatch.setattr(app.service.slos, "page", page)

    async def run():
        async with app.run_test(size=(160, 45)) as pilot:
            screen = await open_slos(app, pilot, settle)
            await settle(app, pilot)
            table = screen.query_one("#slos", DataTable)
            names = all_names(engine, workspace)
            assert len(names) > 5
            assert column(table) == names
            assert screen.query_one("#slo-pane").border_title.startswith(f"SLOs ({len(names)})")
            # every row has its budget and state, whichever page it came in
            assert all(cell != "" for cell in column(table, 2))
            assert set(screen.data.states) == {s.id for s in screen.data.slos}
            assert set(screen.data.budgets) == {s.id for s in screen.data.slos}

    asyncio.run(run())
    assert pages[0] == (0, 2)
    assert pages[1:] == [(offset, 3) for offset in range(2, pages[-1][0] + 1, 3)]


def test_an_slo_beyond_the_first_page_is_selected_when_its_page_arrives(
        demo_app, demo, settle, monkeypatch):
    app, workspace = demo_app
    engine, _ = demo
    monkeypatch.setattr(SloScreen, "FIRST_PAGE", 1)
    monkeypatch.setattr(SloScreen, "PAGE", 2)
    last = all_names(engine, workspace)[-1]
    with reading(engine) as session:
        last_id = slo_repo.get_slo(session, workspace.id, last).id

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_slos(app, pilot, settle)
            screen.reveal("slo", last_id)
            await settle(app, pilot)
            await settle(app, pilot)
            table = screen.query_one("#slos", DataTable)
            assert table.get_row_at(table.cursor_row)[0].plain == last
            # the editor's choices are read when it opens
            await pilot.press("a")
            await settle(app, pilot)
            assert isinstance(app.screen, SloDialog)

    asyncio.run(run())
