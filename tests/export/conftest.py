"""What the export tests share, as fixtures (so no test imports another test module): the
golden-folder comparison (``UPDATE_GOLDEN=1 pytest tests/export`` rewrites the folders;
review the diff before committing), a workspace's template overrides, and the Markdown
checks of the wiki pages (markdown-it with raw HTML allowed, and cmark-gfm, GitHub's
renderer)."""

from __future__ import annotations

import os
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from workbench.export.templates import user_templates_dir


def files_under(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


def assert_matches_golden(out: Path, golden: Path) -> None:
    actual = files_under(out)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        shutil.rmtree(golden, ignore_errors=True)
        shutil.copytree(out, golden)
        pytest.skip("golden files rewritten; review the diff")
    expected = files_under(golden)
    assert sorted(actual) == sorted(expected), "set UPDATE_GOLDEN=1 to regenerate"
    for name, text in expected.items():
        assert actual[name] == text, f"{name} differs; set UPDATE_GOLDEN=1 to regenerate"


@pytest.fixture
def golden():
    """``golden(out_dir, golden_dir)`` asserts the exported folder equals the golden one."""
    return assert_matches_golden


@pytest.fixture
def tree():
    """``tree(folder)``: every file below ``folder`` as {relative path: text}."""
    return files_under


def write_override(workspace: str, name: str, text: str) -> Path:
    path = user_templates_dir(workspace) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def override():
    """``override(workspace_name, "NAME.md.j2", text)``: writes the workspace's override of
    a template and returns its path."""
    return write_override


# --- Markdown ----------------------------------------------------------------------------------


def markdown_renderer() -> MarkdownIt:
    # CommonMark with raw HTML allowed (as GitHub does) plus GFM tables: the strictest check
    # of what escaping must neutralise.
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def table_cells(markdown: str) -> list[list[list[str]]]:
    """Every table as rows of cell texts (header row first), from markdown-it's tokens."""
    found: list[list[list[str]]] = []
    row: list[str] | None = None
    for token in markdown_renderer().parse(markdown):
        if token.type == "table_open":
            found.append([])
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            found[-1].append(row)
            row = None
        elif token.type == "inline" and row is not None:
            row.append("".join(child.content for child in token.children or []))
    return found


def raw_html(markdown: str) -> list[str]:
    """Raw HTML markdown-it found anywhere (blocks or inline)."""
    found = []
    for token in markdown_renderer().parse(markdown):
        if token.type == "html_block":
            found.append(token.content)
        found.extend(c.content for c in token.children or [] if c.type == "html_inline")
    return found


def block_texts(markdown: str, kind: str) -> list[str]:
    """The text of every heading (``heading``) or list item (``list_item``), in order."""
    tokens = markdown_renderer().parse(markdown)
    return [tokens[i + 2 if kind == "list_item" else i + 1].content
            for i, t in enumerate(tokens) if t.type == f"{kind}_open"]


class GithubPage(HTMLParser):
    """The HTML cmark-gfm made of a page: every tag used, every table as rows of cell texts,
    and the text of every code block outside a table."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.tables: list[list[list[str]]] = []
        self.code: list[str] = []
        self._cell: list[str] | None = None
        self._in_code = False

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "code" and self._cell is None:
            self._in_code = True
            self.code.append("")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "code":
            self._in_code = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        elif self._in_code:
            self.code[-1] += data


def github_html(markdown: str) -> GithubPage:
    import cmarkgfm  # a dev dependency: the check must run, never skip

    page = GithubPage()
    page.feed(cmarkgfm.github_flavored_markdown_to_html(markdown))
    return page


@pytest.fixture
def renderer():
    """``renderer()``: a markdown-it parser set up as GitHub renders (raw HTML, tables)."""
    return markdown_renderer


@pytest.fixture
def tables():
    """``tables(markdown)``: every table as rows of cell texts (header row first)."""
    return table_cells


@pytest.fixture
def html_tokens():
    """``html_tokens(markdown)``: the raw HTML markdown-it finds (none on a safe page)."""
    return raw_html


@pytest.fixture
def texts():
    """``texts(markdown, "heading")`` / ``texts(markdown, "list_item")``: the text of every
    heading or list item, in order."""
    return block_texts


@pytest.fixture
def github_page():
    """``github_page(markdown)``: the page as cmark-gfm renders it (``GithubPage``: tags,
    tables, code blocks)."""
    return github_html
