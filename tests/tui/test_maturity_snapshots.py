"""SVG snapshot of the maturity walk (pytest-textual-snapshot). Update with
``pytest tests/tui --snapshot-update`` and review the SVG before committing."""

from __future__ import annotations

from test_maturity_walk import open_maturity


def test_maturity_walk_80x24(snap_compare, demo_app, settle):
    app, _ = demo_app  # the demo's dates are fixed by WORKBENCH_DEMO_DATE (conftest)

    async def run_before(pilot) -> None:
        await open_maturity(pilot.app, pilot, settle)
        await pilot.press("enter")  # Checkout's latest run resumes at "Risks"
        await settle(pilot.app, pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
