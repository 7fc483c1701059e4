"""F1 help: the whole screen, scrolling; every key with a description (hidden ones too), the
section keys and the palette; descriptions wrap at 80x24 and are never cut at 160x45."""

from __future__ import annotations

import asyncio

import pytest

from workbench.tui.screens.help_screen import HelpScreen
from workbench.tui.screens.teams_screen import TeamsScreen
from workbench.tui.sections import SECTIONS


def squeezed(text: str) -> str:
    return " ".join(text.split())


def test_help_lists_hidden_keys_sections_and_palette_in_groups(demo_app, settle):
    app, _ = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await pilot.press("f1")
            screen = app.screen
            assert isinstance(screen, HelpScreen)
            groups = dict(screen.groups)
            assert list(groups) == ["Teams table (focused) and this screen", "Services table",
                                    "Sections", "Everywhere"]
            this_screen = dict((d, k) for k, d in groups["Teams table (focused) and this screen"])
            assert this_screen["Add a team"] == "a"
            assert this_screen["Remove the selected team (its services stay, unowned)"] == \
                "d / del"
            assert this_screen["Back to the workspace list"] == "esc"
            # the other table's keys are listed too (tab moves to it)
            assert groups["Services table"] == [
                ("a", "Add a service"), ("r", "Rename the selected service or change its team"),
                ("d / del", "Remove the selected service")]
            assert groups["Sections"] == [(s.key, f"Go to {s.title}") for s in SECTIONS]
            everywhere = dict((d, k) for k, d in groups["Everywhere"])
            assert everywhere["Show all keys"] == "f1 / ?"
            assert everywhere["Quit SRE Workbench"] == "^q"
            # hidden in the footer, listed here
            assert everywhere["Switch the high-contrast theme for projectors on or off"] == "^t"
            assert any(d.startswith("Command palette") and k == "^p"
                       for d, k in everywhere.items())
            # Textual's own hidden keys (cursor movement) are not listed
            assert not any("Cursor" in d for d in this_screen)

    asyncio.run(run())


def test_help_fills_the_screen_and_shows_quit_and_help_in_its_footer(demo_app, settle,
                                                                      footer_keys):
    app, _ = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await pilot.press("f1")
            await settle(app, pilot)
            screen = app.screen
            assert screen.query_one("#help-body").region.width == 80
            assert screen.query_one("#help-title").region.y == 0
            assert footer_keys(app)[:3] == ["Close", "Quit", "Help"]
            # f1 again closes it, as escape and q do
            await pilot.press("f1")
            assert isinstance(app.screen, TeamsScreen)
            await pilot.press("question_mark")
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("q")
            assert isinstance(app.screen, TeamsScreen)

    asyncio.run(run())


async def help_text(app, pilot, settle, screen_text) -> list[str]:
    """Every line of the help body, scrolling page by page (the scrollbar cut off)."""
    body = app.screen.query_one("#help-body")
    top, height = body.region.y, body.region.height
    text_width = body.region.width - body.styles.scrollbar_size_vertical
    lines: list[str] = []
    while True:
        wanted = len(lines)
        body.scroll_to(y=wanted, animate=False)
        await settle(app, pilot)
        shown = screen_text(app)[top:top + height]
        lines += [line[:text_width] for line in shown[wanted - round(body.scroll_y):]]
        if round(body.scroll_y) >= body.max_scroll_y:
            return lines


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
def test_descriptions_wrap_at_80x24_and_stay_whole_at_160x45(demo_app, settle, screen_text,
                                                             size):
    app, _ = demo_app

    async def check() -> None:
        async with app.run_test(size=size) as pilot:
            await settle(app, pilot)
            await pilot.press("f1")
            await settle(app, pilot)
            assert all(len(line) <= size[0] for line in screen_text(app))
            lines = await help_text(app, pilot, settle, screen_text)
            text = squeezed(" ".join(lines))
            assert "…" not in text
            for keys, description in app.screen.rows:
                # the key and the whole description are there, even when wrapped
                assert squeezed(f"{keys} {description}") in text, description
                if size[0] >= 160:
                    assert any(description in line for line in lines), description
            long = next(d for _, d in app.screen.rows if d.startswith("Command palette"))
            wrapped = not any(long in line for line in lines)
            assert wrapped == (size[0] < len(long) + 10)

    asyncio.run(check())


def test_help_scrolls_when_it_does_not_fit(demo_app, settle, screen_text):
    app, _ = demo_app

    async def run():
        async with app.run_test(size=(80, 14)) as pilot:
            await settle(app, pilot)
            await pilot.press("f1")
            await settle(app, pilot)
            body = app.screen.query_one("#help-body")
            assert app.focused is body
            assert body.max_scroll_y > 0
            last_keys, _ = app.screen.rows[-1]
            assert not any(line.startswith(f" {last_keys} ") for line in screen_text(app))
            await pilot.press("end")
            await settle(app, pilot)
            assert body.scroll_y == body.max_scroll_y
            assert any(line.startswith(f" {last_keys} ") for line in screen_text(app))

    asyncio.run(run())


def test_help_on_the_picker_has_no_section_keys(demo, settle):
    from workbench.tui.app import build_app

    engine, _ = demo
    app = build_app(engine)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await pilot.press("f1")
            screen = app.screen
            assert isinstance(screen, HelpScreen)
            groups = dict(screen.groups)
            assert "Sections" not in groups
            descriptions = [d for _, d in groups["This screen"]]
            assert descriptions == ["Open the highlighted workspace", "Create a new workspace",
                                    "Rename the highlighted workspace",
                                    "Delete the highlighted workspace and everything in it "
                                    "(asks first)"]
            assert str(screen.query_one("#help-title").render()) == "Keys: Workspaces"

    asyncio.run(run())
