"""The workspace exporter: golden files for the demo, and hostile names end to end.

Regenerate the golden files after an intended change with:
    UPDATE_GOLDEN=1 /tmp/venv/bin/pytest tests/export -q
then review the diff under tests/export/golden/.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt

from workbench.export import export_workspace
from workbench.store import repo
from workbench.store.db import transaction

GOLDEN = Path(__file__).parent / "golden"


def test_demo_export_matches_golden_files(demo, tmp_path, golden):
    engine, workspace = demo
    out = tmp_path / "out"
    export_workspace(engine, workspace, out, {"md", "yaml"})
    golden(out, GOLDEN)


def test_export_is_deterministic(demo, tmp_path, tree):
    engine, workspace = demo
    export_workspace(engine, workspace, tmp_path / "a", {"md", "yaml"})
    export_workspace(engine, workspace, tmp_path / "b", {"md", "yaml"})
    assert tree(tmp_path / "a") == tree(tmp_path / "b")


def test_demo_yaml_structure(demo, tmp_path):
    engine, workspace = demo
    [path] = export_workspace(engine, workspace, tmp_path, {"yaml"}, {"workspace"})
    assert path.name == "workspace.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert list(data) == ["kind", "version", "workspace", "teams", "services"]
    assert data["kind"] == "workbench/workspace"
    assert data["version"] == 1
    assert data["workspace"]["name"] == "BharatMart"
    assert len(data["teams"]) == 5
    assert len(data["services"]) == 11
    assert {"name": "payments", "team": "Checkout",
            "description": "Talks to UPI, card and wallet payment providers."} in data["services"]


HOSTILE_TEAMS = [
    ("a|b", "pipes | everywhere ||"),
    ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>"),
    ("*bold*", "_em_ and `code`"),
    ("[x](y)", "line one\nline two\n\n# heading?"),
    ("Zahlungsverkehr Über", "Überweisungen 🚀 & AT&T &amp;"),
    ("# Heading", "1. list?"),
    ("x" * 80, "\x00\x1b[31m control \u202e bidi"),
]
HOSTILE_SERVICES = [
    ("svc|pipe", "a|b", "desc | with | pipes"),
    ("svc<b>bold</b>", "<script>alert(1)</script>", "<b>not bold</b>"),
    ("![img](http://evil/x.png)", None, "unowned [link](http://evil)"),
    ("CON", "*bold*", ""),
    ("../../etc/passwd", "Zahlungsverkehr Über", "~~strike~~ $math$"),
]


@pytest.fixture
def hostile(engine):
    with transaction(engine) as session:
        workspace = repo.create_workspace(
            session, "Evil | <b>Corp</b> *x*", "First para | *x*\n\n<script>x</script>"
        )
        for name, description in HOSTILE_TEAMS:
            repo.add_team(session, workspace.id, name, description)
        for name, team, description in HOSTILE_SERVICES:
            repo.add_service(session, workspace.id, name, team, description)
    return engine, workspace


def renderer() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def table_rows(tokens) -> list[list[str]]:
    """Each table (header and body rows) as lists of cell texts, checking the cells hold
    plain text only (no links, emphasis, code or HTML)."""
    tables, rows, row = [], [], None
    for index, token in enumerate(tokens):
        if token.type == "table_open":
            rows = []
        elif token.type == "tr_open":
            row = []
        elif token.type in ("td_open", "th_open"):
            inline = tokens[index + 1]
            children = inline.children or []
            kinds = {c.type for c in children} - {"text", "em_open", "em_close"}
            # a URL the user typed may be a link, but only to itself
            links = [i for i, c in enumerate(children) if c.type == "link_open"]
            if all(children[i].attrs.get("href") == children[i + 1].content for i in links):
                kinds -= {"link_open", "link_close"}
            assert not kinds, f"markup in a table cell: {kinds} in {inline.content!r}"
            row.append("".join(c.content for c in inline.children or []))
        elif token.type == "tr_close":
            rows.append(row)
        elif token.type == "table_close":
            tables.append(rows)
    return tables


def test_hostile_names_keep_markdown_tables_intact(hostile, tmp_path):
    engine, workspace = hostile
    [path] = export_workspace(engine, workspace, tmp_path, {"md"})
    assert path.relative_to(tmp_path.resolve()).as_posix() == (
        "evil-b-corp-b-x/teams-and-services.md"
    )
    source = path.read_text(encoding="utf-8")
    tokens = renderer().parse(source)
    teams, services = table_rows(tokens)
    assert len(teams) == 1 + len(HOSTILE_TEAMS)
    assert len(services) == 1 + len(HOSTILE_SERVICES)
    assert all(len(row) == 3 for row in teams + services)

    by_team = {row[0]: row for row in teams[1:]}
    assert set(by_team) == {name for name, _ in HOSTILE_TEAMS}
    assert by_team["a|b"] == ["a|b", "pipes | everywhere ||", "svc|pipe"]
    assert by_team["[x](y)"][1] == "line one line two # heading?"
    assert by_team["*bold*"][2] == "CON"
    assert by_team["x" * 80][1] == "[31m control bidi"

    by_service = {row[0]: row for row in services[1:]}
    assert set(by_service) == {name for name, _, _ in HOSTILE_SERVICES}
    assert by_service["![img](http://evil/x.png)"][1:] == [
        "unowned", "unowned [link](http://evil)"
    ]
    assert by_service["CON"][2] == "—"

    html = renderer().render(source)
    assert "<script>" not in html and "<b>" not in html and "<img" not in html
    assert "<code>" not in html and "<s>" not in html
    # the only links are the URLs typed, each shown as itself
    assert re.findall(r"<a [^>]*>[^<]*</a>", html) == [
        f'<a href="{u}">{u}</a>' for u in ("http://evil/x.png", "http://evil")]
    assert html.count("<h1>") == 1
    assert "<h1>Evil | &lt;b&gt;Corp&lt;/b&gt; *x*: teams and services</h1>" in html
    assert "<p>&lt;script&gt;x&lt;/script&gt;</p>" in html
    assert "1 without an owning team" in source


def test_hostile_names_round_trip_through_yaml(hostile, tmp_path):
    engine, workspace = hostile
    [path] = export_workspace(engine, workspace, tmp_path, {"yaml"})
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["workspace"]["name"] == "Evil | <b>Corp</b> *x*"
    assert data["workspace"]["description"] == "First para | *x*\n\n<script>x</script>"
    assert sorted((t["name"], t["description"]) for t in data["teams"]) == sorted(HOSTILE_TEAMS)
    assert sorted((s["name"], s["team"], s["description"]) for s in data["services"]) == sorted(
        HOSTILE_SERVICES, key=lambda s: (s[0], s[1] or "", s[2])
    )


def test_empty_workspace(engine, tmp_path):
    with transaction(engine) as session:
        workspace = repo.create_workspace(session, "Empty")
    md, yml = export_workspace(engine, workspace, tmp_path, {"md", "yaml"})
    text = md.read_text(encoding="utf-8")
    assert "0 teams, 0 services." in text
    assert "_No teams yet._" in text and "_No services yet._" in text
    assert yaml.safe_load(yml.read_text(encoding="utf-8")) == {
        "kind": "workbench/workspace", "version": 1,
        "workspace": {"name": "Empty", "description": ""}, "teams": [], "services": [],
    }


def test_export_never_imports_textual():
    import subprocess
    import sys

    code = ("import sys, workbench.export as e; e.exporter_names(); "
            "sys.exit(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
