"""The Markdown escaping filters: user text must render as exactly that text.

URLs in user text are the one thing that becomes markup: a link whose text is the address
itself and whose href is exactly the address typed, in markdown-it (CommonMark) and in
cmark-gfm (GitHub's renderer) alike. The checks below accept a link only when it is that
honest kind; any other tag, or any difference in the visible text, fails them.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

import cmarkgfm
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from workbench.export.markdown import environment, md_escape, md_paragraphs


def renderer() -> MarkdownIt:
    # CommonMark with raw HTML allowed (as GitHub and many wikis do) plus GFM tables and
    # strikethrough: the strictest test of what escaping must neutralise.
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def as_paragraph(text: str) -> str:
    return f"<p>{html.escape(text, quote=False).replace(chr(34), '&quot;')}</p>\n"


class Page(HTMLParser):
    """What a renderer made of some Markdown: the tags used, the visible text, and every
    link as (href, text)."""

    def __init__(self, rendered: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text = ""
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self.feed(rendered)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "a":
            self._href = dict(attrs).get("href") or ""
            self.links.append((self._href, ""))

    def handle_endtag(self, tag):
        if tag == "a":
            self._href = None

    def handle_data(self, data):
        self.text += data
        if self._href is not None:
            href, text = self.links[-1]
            self.links[-1] = (href, text + data)


def honest(href: str, text: str) -> bool:
    """A link that shows where it goes: its text is the address (GitHub adds ``http://`` to
    a ``www.`` address and ``mailto:`` to an e-mail address)."""
    return href in (text, f"http://{text}", f"mailto:{text}")


def both_renderers(markdown: str) -> list[Page]:
    return [Page(renderer().render(markdown)),
            Page(cmarkgfm.github_flavored_markdown_to_html(markdown))]


def unlinked(rendered: str) -> str:
    """markdown-it's HTML with every honest link replaced by its text (a dishonest one
    fails)."""
    page = Page(rendered)
    for href, text in page.links:
        assert honest(href, text), (href, text)
        anchor = f'<a href="{html.escape(href)}">{html.escape(text, quote=False)}</a>'
        assert anchor in rendered, rendered
        rendered = rendered.replace(anchor, html.escape(text, quote=False), 1)
    return rendered


HOSTILE = [
    "a|b",
    "<script>alert(1)</script>",
    "*bold* and _em_ and __strong__",
    "[x](y)",
    "![img](http://evil/x.png)",
    "<http://evil.example>",
    "`code` and ``more``",
    "~~gone~~",
    "$x^2$ costs $5",
    "# not a heading",
    "## also not",
    "- not a list",
    "+ not a list",
    "1. not a list",
    "2) nor this",
    "> not a quote",
    "---",
    "***",
    "___",
    "===",
    "&amp; &lt;b&gt; &#x41; &copy;",
    "AT&T",
    "back\\slash\\",
    "\\*still literal\\*",
    "[^1] footnote",
    "- [ ] task",
    "<!-- comment -->",
    "<div>block</div>",
    "a\\|b",
    "pipe at end |",
    "| leading pipe",
    "{{ jinja }} {% tag %}",
    "Zahlungsverkehr Über 🚀",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_md_escape_renders_literally(text):
    assert unlinked(renderer().render(md_escape(text))) == as_paragraph(text)
    github = Page(cmarkgfm.github_flavored_markdown_to_html(md_escape(text)))
    assert github.text.strip() == text and set(github.tags) <= {"p", "a"}
    assert all(honest(href, text) for href, text in github.links)


# (user text, the href of every link in it, in order)
URLS = [
    ("https://example.com/x_y_z", ["https://example.com/x_y_z"]),
    ("see https://example.com/x_y_z.", ["https://example.com/x_y_z"]),
    ("<https://example.com/x_y_>", ["https://example.com/x_y_"]),
    ("(docs: https://example.com/a_(b)_c), ok", ["https://example.com/a_(b)_c"]),
    ("http://a.example/*x*?q=~y~&r=1#top!", ["http://a.example/*x*?q=~y~&r=1#top"]),
    ("HTTPS://Example.com/A_B", ["HTTPS://Example.com/A_B"]),
    ("mail mailto:first_last@example.com now", ["mailto:first_last@example.com"]),
    ("www.example.com/runbook_v2", ["http://www.example.com/runbook_v2"]),
    ("two: https://a.example/x_1, https://b.example/y_2;",
     ["https://a.example/x_1", "https://b.example/y_2"]),
    ("https://a.example/%41_%7e", ["https://a.example/%41_%7e"]),
    ("https://a.example/it's_x", ["https://a.example/it's_x"]),
    # stops where the two renderers would read the rest differently, or where it could
    # close the link or split a table cell
    ("https://a.example/x_y&amp;z", ["https://a.example/x_y"]),
    ("https://a.example/x_%zz", ["https://a.example/x"]),
    ("https://a.example/x_y|z_w", ["https://a.example/x_y"]),
    ("https://a.example/x_y>z <b>", ["https://a.example/x_y"]),
    ('https://a.example/x_y"onclick=z', ["https://a.example/x_y"]),
    ("https://a.example/x_y`z`", ["https://a.example/x_y"]),
    ("https://a.example/x_y$z$", ["https://a.example/x_y"]),
    ("[click](https://a.example/x_y)", ["https://a.example/x_y"]),
    ("![img](https://a.example/x.png)", ["https://a.example/x.png"]),
    # not URLs: no link at all
    ("javascript:alert(1)", []),
    ("https://", []),
    ("xhttps://a.example", []),
    ("!www.example.com", []),
]


@pytest.mark.parametrize(("text", "hrefs"), URLS)
def test_urls_render_as_links_to_exactly_the_address(text, hrefs):
    for page in both_renderers(md_escape(text)):
        assert [href for href, _ in page.links] == hrefs
        assert set(page.tags) <= {"p", "a"}
        if "%" not in text:  # markdown-it shows %41 as "A" in the link text
            assert page.text.strip() == text
            assert all(honest(href, shown) for href, shown in page.links)


def test_url_escaping_output():
    assert md_escape("https://example.com/x_y_z") == "<https://example.com/x_y_z>"
    assert md_escape("see <https://e.example/a_b>.") == "see \\<<https://e.example/a_b>\\>."
    assert md_escape("www.e.example/a_b") == "[www\\.e.example/a\\_b](<http://www.e.example/a_b>)"
    assert md_escape("www._") == "www\\.\\_"  # not a URL, and GitHub must not link it
    assert md_escape("1. https://e.example") == "1\\. <https://e.example>"
    assert md_escape("# https://e.example/#x_y") == "\\# <https://e.example/#x_y>"


@pytest.mark.parametrize(("text", "hrefs"), URLS)
def test_urls_keep_a_table_cell_whole(text, hrefs):
    cell = md_escape(text)
    source = f"| A | B |\n| --- | ---: |\n| {cell} | 1 |\n"
    tokens = renderer().parse(source)
    assert [t.type for t in tokens].count("td_open") == 2
    github = cmarkgfm.github_flavored_markdown_to_html(source)
    assert github.count("<td") == 2
    assert [href for href, _ in Page(github).links] == hrefs


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a|b", "a\\|b"),
        ("<script>", "\\<script\\>"),
        ("*bold*", "\\*bold\\*"),
        ("[x](y)", "\\[x\\](y)"),
        ("# h", "\\# h"),
        ("1. x", "1\\. x"),
        ("bharatmart-api", "bharatmart-api"),
        ("plain text, nothing to do.", "plain text, nothing to do."),
        ("AT&T", "AT&T"),
        ("&amp;", "\\&amp;"),
        ("line one\nline two\r\n\tthree", "line one line two three"),
        ("ctrl\x00\x1b[31mred", "ctrl \\[31mred"),
        ("bidi\u202eevil\u2066", "bidievil"),
        (None, ""),
        (42, "42"),
    ],
)
def test_md_escape_output(raw, expected):
    assert md_escape(raw) == expected


MARKDOWN_ALPHABET = st.sampled_from(
    [*"\\`*_[]()<>|~$#+-=!&;:.{}\"'/ \t\n", "a", "b", "1", "9", "x", "é", "🚀", "#x41;"]
)


@given(st.lists(MARKDOWN_ALPHABET, max_size=40).map("".join))
def test_md_escape_property(text):
    expected = " ".join(text.split())
    rendered = renderer().render(md_escape(text))
    assert rendered == (as_paragraph(expected) if expected else "")


URL_ALPHABET = st.sampled_from([
    "https://", "http://", "mailto:", "www.", "e.example", "/", "_", "*", "~", "(", ")",
    "<", ">", "|", "&", "&amp;", "#", "?", "=", ".", ",", ";", "!", "'", "\"", "`", "$",
    "[", "]", "\\", " ", "a", "1", "-", "@", ":",
])


@given(st.lists(URL_ALPHABET, max_size=25).map("".join))
def test_md_escape_property_with_urls(text):
    expected = " ".join(text.split())
    for page in both_renderers(md_escape(text)):
        assert page.text.strip() == expected
        assert set(page.tags) <= {"p", "a"}
        assert all(honest(href, shown) for href, shown in page.links), page.links


@given(st.lists(MARKDOWN_ALPHABET, max_size=30).map("".join))
def test_md_escape_in_table_cell_keeps_table_shape(text):
    cell = md_escape(text)
    source = f"| A | B |\n| --- | --- |\n| {cell} | {cell} |\n"
    tokens = renderer().parse(source)
    assert [t.type for t in tokens].count("td_open") == 2
    inline = [t for t in tokens if t.type == "inline"][2:]
    for token in inline:
        assert all(child.type == "text" for child in token.children or [])
        assert "".join(c.content for c in token.children or []) == " ".join(text.split())


def test_md_paragraphs_keeps_paragraph_breaks():
    text = "First line\nstill first.\n\n  \n# Second | para\n\n\n*third*"
    assert md_paragraphs(text) == "First line still first.\n\n\\# Second \\| para\n\n\\*third\\*"
    rendered = renderer().render(md_paragraphs(text))
    assert rendered.count("<p>") == 3
    assert "<h1>" not in rendered and "<em>" not in rendered
    assert md_paragraphs("") == md_paragraphs(None) == ""


def test_environment_filters_and_strict_undefined(tmp_path):
    (tmp_path / "t.md.j2").write_text("{{ name | md }}\n{{ missing }}\n", encoding="utf-8")
    env = environment(tmp_path)
    assert env.autoescape is False
    with pytest.raises(Exception, match="missing"):
        env.get_template("t.md.j2").render(name="x")
    (tmp_path / "ok.md.j2").write_text("{{ name | md }} {{ d | md_paragraphs }}", "utf-8")
    assert env.get_template("ok.md.j2").render(name="a|b", d="*x*") == "a\\|b \\*x\\*"
