r"""Markdown that renders the same on GitHub, GitLab and wikis, whatever users typed.

Templates run with autoescape off (the output is Markdown, not HTML); every piece of user
text goes through the ``md`` filter, which backslash-escapes what could start emphasis, code,
links, HTML, tables, strikethrough or math, so a team called ``a|b`` or ``<script>`` shows
as exactly that and cannot break a table or inject markup.

URLs in user text (``http://``, ``https://``, ``mailto:`` and ``www.``) are the exception:
escaping ``https://example.com/x_y_z`` as ``x\_y\_z`` breaks the link on GitHub, whose
autolinker keeps the backslashes in the address. So each URL is written unescaped as a
CommonMark autolink ``<https://...>`` (a ``www.`` address as ``[www...](<http://www...>)``,
as GitHub links them), which every CommonMark renderer shows as a link whose text is the
address itself, so nothing is disguised. Only characters that cannot end an autolink, split
a table cell or be read differently by two renderers belong to a URL (no spaces, ``<>``,
``"``, ``\``, backticks, ``|``, ``[]``, ``{}``, ``$``, an entity such as ``&amp;`` or a ``%``
without two hex digits); trailing punctuation (``.,:;!?'*_~`` and an unbalanced ``)``) is
left out as GitHub does, unless the user wrote the URL in angle brackets. The brackets the
user typed stay visible text, like every other character.
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
# One character of a URL written unescaped (see the module docstring for what is left out).
_URL_CHAR = r"(?:[A-Za-z0-9\-._~:/?#@!'()*+,;=]|&(?!#?[0-9A-Za-z]+;)|%[0-9A-Fa-f]{2})"
# A host name (with an optional port) or an e-mail address, then a path, query or
# fragment: a host like "a:b:c" is read differently by markdown-it, so both are kept strict.
_HOST = r"[A-Za-z0-9][A-Za-z0-9.\-]*"
_HOST_AND_PATH = rf"{_HOST}(?::[0-9]+)?(?:[/?#]{_URL_CHAR}*)?"
_ADDRESS = rf"[A-Za-z0-9][A-Za-z0-9._+\-]*@{_HOST}(?:[?#]{_URL_CHAR}*)?"
_URL = re.compile(
    rf"(?<![A-Za-z0-9+.\-])(?:https?://{_HOST_AND_PATH}|mailto:{_ADDRESS})"
    rf"|(?<![^\s(<*_~\"'])www\.{_HOST_AND_PATH}",
    re.IGNORECASE,
)
_TRAILING = ".,:;!?'*_~"
# GitHub links any other "www." or "scheme://" too, up to the next space: with the
# backslashes of the escaped text in the address and the text. "www\." and ":\/\/" stop it.
_LINK_START = re.compile(r"(www)\.|(:)//", re.IGNORECASE)


def _clean(text: str) -> str:
    text = text.translate(_BIDI_CONTROLS)
    return "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text)


def _escape_text(text: str) -> str:
    text = _ENTITY.sub(r"\\&", _SPECIAL.sub(r"\\\1", text))
    return _LINK_START.sub(lambda m: f"{m[1]}\\." if m[1] else ":\\/\\/", text)


def _trim(url: str) -> str:
    """``url`` without the trailing punctuation that usually ends the sentence around it."""
    while url and (url[-1] in _TRAILING
                   or (url[-1] == ")" and url.count("(") < url.count(")"))):
        url = url[:-1]
    return url


def _link(url: str) -> str:
    if url[:4].lower() == "www.":
        return f"[{_escape_text(url)}](<http://{url}>)"
    return f"<{url}>"


def _escape_with_links(text: str) -> str:
    parts: list[str] = []
    done = 0
    for match in _URL.finditer(text):
        url = match.group()
        start, end = match.span()
        if not (start > 0 and text[start - 1] == "<" and text[end:end + 1] == ">"):
            url = _trim(url)
        # (a "www." link never follows "!", which would make it an image: see _URL)
        parts += [_escape_text(text[done:start]), _link(url)]
        done = start + len(url)
    parts.append(_escape_text(text[done:]))
    return "".join(parts)


def md_escape(value: object) -> str:
    """User text as one line of literal Markdown text, safe in a paragraph, heading or table
    cell. Whitespace runs (including newlines) become single spaces; control characters go.
    URLs become links to exactly the address typed (see the module docstring)."""
    text = "" if value is None else str(value)
    text = _escape_with_links(" ".join(_clean(text).split()))
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
