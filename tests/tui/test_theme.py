"""The high-contrast theme: toggled with ctrl+t or the palette, saved in the settings file and
restored on the next start; Textual's own theme picker keeps working and is remembered too."""

from __future__ import annotations

import asyncio

from textual.color import Color

from workbench import paths
from workbench.config import load_settings
from workbench.tui.app import build_app
from workbench.tui.screens.teams_screen import TeamsScreen
from workbench.tui.theme import HIGH_CONTRAST, HIGH_CONTRAST_NAME


def contrast(one: Color, other: Color) -> float:
    """WCAG contrast ratio of two opaque colours (1 to 21)."""
    def luminance(color: Color) -> float:
        def channel(value: int) -> float:
            c = value / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
        return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_high_contrast_colours_are_white_on_black_without_grey_text():
    colors = HIGH_CONTRAST.to_color_system().generate()
    black, white = Color.parse("#000000"), Color.parse("#ffffff")
    assert Color.parse(colors["background"]) == black
    for name in ("text", "text-muted", "foreground-muted", "footer-description-foreground"):
        assert Color.parse(colors[name]) == white, name
    # what must catch the eye stands out strongly from the black background
    for name in ("footer-key-foreground", "border", "block-cursor-background", "accent"):
        assert contrast(Color.parse(colors[name]), black) >= 12, name
    assert contrast(Color.parse(colors["block-cursor-foreground"]),
                    Color.parse(colors["block-cursor-background"])) >= 12
    # white text on the primary colour (current section tab, primary buttons)
    assert contrast(white, Color.parse(colors["primary"])) >= 6


def test_ctrl_t_toggles_and_the_choice_is_saved_and_restored(demo_app, demo, settle):
    app, workspace = demo_app
    start_theme = app.theme

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await pilot.press("ctrl+t")
            await settle(app, pilot)
            assert app.theme == HIGH_CONTRAST_NAME
            assert app.screen.styles.background == Color.parse("#000000")
            assert load_settings().settings.theme == HIGH_CONTRAST_NAME

    asyncio.run(run())
    text = paths.config_file().read_text(encoding="utf-8")
    assert f'theme = "{HIGH_CONTRAST_NAME}"' in text
    # the next start opens in it; ctrl+t goes back to the default theme and saves that
    engine, _ = demo
    again = build_app(engine, workspace_id=workspace.id)
    assert again.theme == HIGH_CONTRAST_NAME

    async def run_again():
        async with again.run_test(size=(80, 24)) as pilot:
            await settle(again, pilot)
            await pilot.press("ctrl+t")
            await settle(again, pilot)
            assert again.theme == start_theme

    asyncio.run(run_again())
    assert load_settings().settings.theme == start_theme


def test_ctrl_t_works_in_a_dialog_too(demo_app, settle):
    app, _ = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await pilot.press("a")  # the add-team dialog, a modal screen
            await pilot.press("ctrl+t")
            await settle(app, pilot)
            assert app.theme == HIGH_CONTRAST_NAME
            assert app.screen.query_one("#name").value == ""  # ctrl+t typed nothing

    asyncio.run(run())


def test_switch_theme_is_a_palette_command(demo_app, settle):
    app, _ = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            commands = {c.title: c for c in app.get_system_commands(app.screen)}
            assert "Theme" in commands  # Textual's own theme picker is still offered
            commands["Switch theme"].callback()
            await settle(app, pilot)
            assert app.theme == HIGH_CONTRAST_NAME
            # chosen from the palette by typing, as a user does
            await pilot.press("ctrl+p")
            await settle(app, pilot)
            app.screen.query_one("Input").value = "switch theme"
            await settle(app, pilot)
            await pilot.press("enter")
            await settle(app, pilot)
            assert app.theme != HIGH_CONTRAST_NAME
            assert isinstance(app.screen, TeamsScreen)

    asyncio.run(run())


def test_a_theme_chosen_in_textuals_picker_is_remembered(demo_app, demo, settle):
    app, workspace = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            app.theme = "nord"  # what Textual's theme picker does
            await settle(app, pilot)
            await pilot.press("ctrl+t")
            await settle(app, pilot)
            assert app.theme == HIGH_CONTRAST_NAME
            await pilot.press("ctrl+t")  # back to the theme used before, not the default
            await settle(app, pilot)
            assert app.theme == "nord"

    asyncio.run(run())
    assert load_settings().settings.theme == "nord"
    engine, _ = demo
    assert build_app(engine, workspace_id=workspace.id).theme == "nord"


def test_broken_settings_file_warns_in_one_line_and_uses_defaults(demo, settle,
                                                                  notifications):
    engine, workspace = demo
    path = paths.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('theme = "high-contrast\n[[[', encoding="utf-8")
    app = build_app(engine, workspace_id=workspace.id)
    seen = notifications(app)
    default = build_app(engine, workspace_id=workspace.id, settings=load_settings(
        path=path.with_name("none.toml"))).theme

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            assert isinstance(app.screen, TeamsScreen)
            assert app.theme == default
            warnings = [n for n in seen if n["severity"] == "warning"]
            assert len(warnings) == 1
            assert "\n" not in warnings[0]["message"]
            assert str(path) in warnings[0]["message"]
            assert "using the defaults" in warnings[0]["message"]
            # choosing a theme replaces the broken file; its text is kept aside
            await pilot.press("ctrl+t")
            await settle(app, pilot)

    asyncio.run(run())
    assert load_settings().settings.theme == HIGH_CONTRAST_NAME
    assert "[[[" in path.with_name("config.toml.broken").read_text(encoding="utf-8")


def test_unknown_theme_name_warns_and_starts_with_the_default(demo, settle, notifications):
    engine, workspace = demo
    paths.config_file().parent.mkdir(parents=True, exist_ok=True)
    paths.config_file().write_text('theme = "no-such-theme"\n', encoding="utf-8")
    app = build_app(engine, workspace_id=workspace.id)
    seen = notifications(app)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            warnings = [n["message"] for n in seen if n["severity"] == "warning"]
            assert len(warnings) == 1 and "'no-such-theme'" in warnings[0]
            assert HIGH_CONTRAST_NAME in warnings[0]  # it names the themes that exist

    asyncio.run(run())
    assert app.theme != "no-such-theme"
    # nothing was chosen, so the file is left as the user wrote it
    assert paths.config_file().read_text(encoding="utf-8") == 'theme = "no-such-theme"\n'


def test_environment_variable_overrides_the_file(demo, monkeypatch):
    engine, workspace = demo
    monkeypatch.setenv("WORKBENCH_THEME", HIGH_CONTRAST_NAME)
    assert build_app(engine, workspace_id=workspace.id).theme == HIGH_CONTRAST_NAME


def test_starting_without_a_choice_writes_no_settings_file(demo_app, settle):
    app, _ = demo_app

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await pilot.press("f1", "escape")
            await settle(app, pilot)

    asyncio.run(run())
    assert not paths.config_file().exists()
