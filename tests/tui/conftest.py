"""Helpers for pilot tests of the TUI. Tests are plain functions that run their async body
with ``asyncio.run`` (no pytest-asyncio needed)."""

from __future__ import annotations

import contextlib
from datetime import date

import pytest
from textual.worker import WorkerFailed


async def settle(app, pilot, rounds: int = 4) -> None:
    """Wait until workers, and the workers their results start, have finished."""
    for _ in range(rounds):
        await pilot.pause()
        # a failed worker is reported by the app as a notification; tests assert on that
        with contextlib.suppress(WorkerFailed):
            await app.workers.wait_for_complete()
        await pilot.pause()


def record_notifications(app) -> list[dict]:
    """Collect every ``app.notify`` call (message, title, severity) from now on."""
    seen: list[dict] = []
    original = app.notify

    def notify(message, *, title="", severity="information", **kwargs):
        seen.append({"message": message, "title": title, "severity": severity})
        original(message, title=title, severity=severity, **kwargs)

    app.notify = notify
    return seen


@pytest.fixture
def notifications():
    """``seen = notifications(app)``: record the app's notifications."""
    return record_notifications


@pytest.fixture(name="settle")
def settle_fixture():
    """``await settle(app, pilot)``: wait for workers and what they trigger."""
    return settle


DEMO_DAY = date(2026, 11, 25)
"""The day the TUI tests run on: the demo's counts end on it (``WORKBENCH_DEMO_DATE``)."""


@pytest.fixture
def demo_app(demo):
    """(app, workspace) for the demo workspace, opened directly, no subtitle, on DEMO_DAY."""
    from workbench.tui.app import build_app

    engine, workspace = demo
    return build_app(engine, workspace_id=workspace.id, today=DEMO_DAY), workspace
