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


async def open_section(app, pilot, key: str, screen_class):
    """Press a section's number key once the app has settled; the section screen opened."""
    await settle(app, pilot)
    await pilot.press(key)
    await settle(app, pilot)
    assert isinstance(app.screen, screen_class)
    return app.screen


@pytest.fixture(name="open_section")
def open_section_fixture():
    """``screen = await open_section(app, pilot, "7", CharterScreen)``: open a section by its
    key and check it is the one expected."""
    return open_section


async def save(app, pilot, settle) -> None:
    """Save the dialog on top (ctrl+s) and wait for its worker."""
    await pilot.press("ctrl+s")
    await settle(app, pilot)


@pytest.fixture(name="save")
def save_fixture():
    """``await save(app, pilot, settle)``: ctrl+s in the dialog on top, then settle."""
    return save


async def save_into_conflict(app, pilot, screen) -> None:
    """Save the dialog on top after someone else changed its document: the dialog offers to
    reload; accept (y), and the screen below is on top again."""
    from workbench.tui.dialogs.confirm_dialog import ConfirmDialog

    await save(app, pilot, settle)
    offer = app.screen
    assert isinstance(offer, ConfirmDialog) and offer.confirm_label == "Reload"
    await pilot.press("y")
    await settle(app, pilot)
    assert app.screen is screen


@pytest.fixture(name="save_into_conflict")
def save_into_conflict_fixture():
    """``await save_into_conflict(app, pilot, screen)``: save over a change made elsewhere
    and take the reload offer."""
    return save_into_conflict


def error_of(dialog) -> str:
    """The refusal a dialog shows under its fields."""
    from textual.widgets import Static

    rendered = dialog.query_one("#dialog-error", Static).render()
    return rendered.plain if hasattr(rendered, "plain") else str(rendered)


@pytest.fixture(name="error_of")
def error_of_fixture():
    """``error_of(dialog)``: the text of the dialog's refusal line."""
    return error_of


async def type_text(pilot, text: str) -> None:
    """Type ``text`` key by key (a space as space, a newline as enter)."""
    await pilot.press(*["space" if c == " " else "enter" if c == "\n" else c for c in text])


@pytest.fixture(name="type_text")
def type_text_fixture():
    """``await type_text(pilot, "a b")``: type into the focused field."""
    return type_text


def no_blink(app) -> None:
    """Stop the cursors of the screen's inputs and text areas blinking (steady snapshots)."""
    from textual.widgets import Input, TextArea

    for field in app.screen.query(Input):
        field.cursor_blink = False
    for area in app.screen.query(TextArea):
        area.cursor_blink = False


@pytest.fixture(name="no_blink")
def no_blink_fixture():
    """``no_blink(app)``: steady cursors before a snapshot."""
    return no_blink


async def reopen_with(app, pilot, reason: str) -> None:
    """Reopen the selected document (o) and give ``reason`` in the dialog it opens."""
    from textual.widgets import Input

    from workbench.tui.dialogs.name_dialog import NameDialog

    await pilot.press("o")
    await settle(app, pilot)
    dialog = app.screen
    assert isinstance(dialog, NameDialog)
    dialog.query_one(Input).value = reason
    await pilot.press("enter")
    await settle(app, pilot)


@pytest.fixture(name="reopen_with")
def reopen_with_fixture():
    """``await reopen_with(app, pilot, "why")``: reopen the selected document, saying why."""
    return reopen_with
