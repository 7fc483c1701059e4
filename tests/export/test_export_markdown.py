"""The Markdown escaping filters: user text must render as exactly that text."""

from __future__ import annotations

import html

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
    assert renderer().render(md_escape(text)) == as_paragraph(text)


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
