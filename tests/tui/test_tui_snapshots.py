"""SVG snapshots (pytest-textual-snapshot). Update with ``pytest tests/tui --snapshot-update``
and review the SVGs before committing."""

from __future__ import annotations

from textual.widgets import Input


def test_workspace_screen_80x24(snap_compare, demo_app, settle):
    app, _ = demo_app  # no db_url: the subtitle would show a tmp path

    async def run_before(pilot) -> None:
        await settle(pilot.app, pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_workspace_screen_160x45(snap_compare, demo_app, settle):
    app, _ = demo_app

    async def run_before(pilot) -> None:
        await settle(pilot.app, pilot)

    assert snap_compare(app, terminal_size=(160, 45), run_before=run_before)


def test_add_service_dialog_80x24(snap_compare, demo_app, settle):
    app, _ = demo_app

    async def run_before(pilot) -> None:
        await settle(pilot.app, pilot)
        await pilot.press("tab", "a")
        await settle(pilot.app, pilot)
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False  # a blinking cursor makes the snapshot flaky
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
