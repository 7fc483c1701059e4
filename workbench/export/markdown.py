"""Markdown that renders the same on GitHub, GitLab and wikis, whatever users typed.

Templates run with autoescape off (the output is Markdown, not HTML); every piece of user
text goes through the ``md`` filter, which backslash-escapes what could start emphasis, code,
links, HTML, tables, strikethrough or math, so a team called ``a|b`` or ``<script>`` shows
as exactly that and cannot break a table or inject markup. Bare URLs stay as text (GitHub
may show them as links; the link text is then the URL itself, so nothing is disguised).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from jinja2 import BaseLoader, Environment, FileSystemLoader, StrictUndefined

from workbench.paths import templates_dir

# Bidirectional overrides and isolates can make text display differently from what it is.
_BIDI_CONTROLS = dict.fromkeys(
    [*range(0x202A, 0x202F), *range(0x2066, 0x206A)], None
)
_SPECIAL = re.compile(r"([\\`*_\[\]|<>~$])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_LINE_START = re.compile(r"^([#+=-])")
_ORDERED_ITEM = re.compile(r"^(\d+)([.)])")


def _clean(text: str) -> str:
    text = text.translate(_BIDI_CONTROLS)
    return "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text)


def md_escape(value: object) -> str:
    """User text as one line of literal Markdown text, safe in a paragraph, heading or table
    cell. Whitespace runs (including newlines) become single spaces; control characters go."""
    text = "" if value is None else str(value)
    text = " ".join(_clean(text).split())
    text = _SPECIAL.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    text = _LINE_START.sub(r"\\\1", text)
    return _ORDERED_ITEM.sub(r"\1\\\2", text)


def md_paragraphs(value: object) -> str:
    """Multi-paragraph user text (descriptions): blank lines separate paragraphs, each one
    escaped like ``md_escape`` and joined into a single line."""
    text = "" if value is None else str(value)
    paragraphs = re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n\n".join(e for e in (md_escape(p) for p in paragraphs) if e)


def environment(folder: Path | None = None, *, loader: BaseLoader | None = None) -> Environment:
    """The Jinja environment for export templates, with the ``md`` and ``md_paragraphs``
    filters. Undefined variables raise, so a typo in a template fails loudly in tests.
    Templates come from ``loader`` when given (``workbench.export.templates`` passes one that
    looks at a workspace's overrides first), else from ``folder`` (default: the bundled one)."""
    env = Environment(
        loader=loader or FileSystemLoader(str(folder or templates_dir())),
        autoescape=False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_escape
    env.filters["md_paragraphs"] = md_paragraphs
    return env
