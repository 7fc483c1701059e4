"""The high-contrast theme for projectors and bright rooms, registered beside Textual's own.

Decisions:
- Pure black background and white text, and no grey for anything a user reads: Textual
  derives ``$text-muted`` (and the footer's and cursors' colours) from the foreground at
  reduced alpha, which a projector washes out, so the theme sets them to full white.
- One strong accent, yellow, for what must catch the eye: the footer's keys, the focused
  border and the row cursor (black on yellow). Primary is a deep blue, dark enough that white
  text on it (the current section tab, primary buttons) keeps a strong contrast.
"""

from __future__ import annotations

from textual.theme import Theme

HIGH_CONTRAST_NAME = "high-contrast"
DEFAULT_THEME = "textual-dark"
"""The theme the app starts with when no setting names one (Textual's default)."""

_BLACK = "#000000"
_WHITE = "#ffffff"
_YELLOW = "#ffe600"
_BLUE = "#0b4fd6"

HIGH_CONTRAST = Theme(
    name=HIGH_CONTRAST_NAME,
    primary=_BLUE,
    secondary="#00c8ff",
    accent=_YELLOW,
    warning="#ffb000",
    error="#ff4d4d",
    success="#3ddc4a",
    foreground=_WHITE,
    background=_BLACK,
    surface=_BLACK,
    panel="#1c1c1c",
    boost="#262626",
    dark=True,
    text_alpha=1.0,
    variables={
        "text": _WHITE,
        "text-muted": _WHITE,
        "text-disabled": "#c8c8c8",
        "foreground-muted": _WHITE,
        "border": _YELLOW,
        "border-blurred": "#9a9a9a",
        "block-cursor-background": _YELLOW,
        "block-cursor-foreground": _BLACK,
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-background": "#3a3a3a",
        "block-cursor-blurred-foreground": _WHITE,
        "block-hover-background": "#262626",
        "footer-key-foreground": _YELLOW,
        "footer-description-foreground": _WHITE,
        "footer-foreground": _WHITE,
        "input-cursor-background": _YELLOW,
        "input-cursor-foreground": _BLACK,
        "input-selection-background": "#0b4fd6",
        "scrollbar": "#8a8a8a",
        "scrollbar-hover": "#b0b0b0",
        "scrollbar-active": _YELLOW,
        "button-color-foreground": _WHITE,
        "link-color": _YELLOW,
        "markdown-h6-color": _WHITE,
    },
)

THEMES: tuple[Theme, ...] = (HIGH_CONTRAST,)
"""Themes the app registers at start (Textual's own stay available)."""
