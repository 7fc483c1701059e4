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
"""The day the TUI tests run on: the same day the `demo` fixture creates the demo for."""


@pytest.fixture
def demo_app(demo):
    """(app, workspace) for the demo workspace, opened directly, no subtitle, on DEMO_DAY."""
    from workbench.tui.app import build_app

    engine, workspace = demo
    return build_app(engine, workspace_id=workspace.id, today=DEMO_DAY), workspace


def visible_footer_keys(app) -> list[str]:
    """Descriptions of the footer keys of the current screen that are fully on screen (a
    key cut off at the right edge is left out)."""
    width = app.screen.size.width
    footer = app.screen.query_one("Footer")
    return [key.description for key in footer.query("FooterKey")
            if key.region.width and key.region.right <= width]


@pytest.fixture(name="footer_keys")
def footer_keys_fixture():
    """``footer_keys(app)``: the footer keys the user can read, e.g. [..., "Quit", "Help"]."""
    return visible_footer_keys


def screen_lines(app) -> list[str]:
    """The text of every row of the screen as a user sees it (from an SVG screenshot)."""
    import html
    import re

    svg = app.export_screenshot()
    cell = re.search(r'<text [^>]*x="([\d.]+)"[^>]*textLength="([\d.]+)"[^>]*>([^<]*)<', svg)
    char_width = float(cell.group(2)) / max(1, len(html.unescape(cell.group(3)))) if cell \
        else 12.2
    rows: dict[int, list[tuple[float, str]]] = {}
    for match in re.finditer(r'<text [^>]*x="([\d.]+)"[^>]*clip-path="url\(#terminal-'
                             r'(?:\d+-)?line-(\d+)\)">([^<]*)</text>', svg):
        rows.setdefault(int(match.group(2)), []).append(
            (float(match.group(1)), html.unescape(match.group(3)).replace("\xa0", " ")))
    lines = []
    for row in range(app.screen.size.height):
        line = ""
        for x, text in sorted(rows.get(row, [])):
            line = line.ljust(round(x / char_width)) + text
        lines.append(line.rstrip())
    return lines


@pytest.fixture(name="screen_text")
def screen_text_fixture():
    """``screen_text(app)``: the screen's rows as plain text, to assert what a user reads."""
    return screen_lines
