"""The maturity exporter: golden files for the demo, hostile text, and ``assess export``.

Regenerate the golden files after an intended change with:
    UPDATE_GOLDEN=1 /tmp/venv/bin/pytest tests/export/test_maturity_export.py -q
then review the diff under tests/export/golden_maturity/.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from workbench.commands import assess, common
from workbench.export import export_workspace
from workbench.store import assessment_repo as ar
from workbench.store import repo
from workbench.store.db import transaction

GOLDEN = Path(__file__).parent / "golden_maturity"
runner = CliRunner()


def test_demo_maturity_export_matches_golden_files(demo, tmp_path, golden):
    engine, workspace = demo
    out = tmp_path / "out"
    export_workspace(engine, workspace, out, {"md", "yaml"}, {"maturity"})
    golden(out, GOLDEN)


def test_demo_yaml_records_model_id_and_version(demo, tmp_path):
    engine, workspace = demo
    [path] = export_workspace(engine, workspace, tmp_path, {"yaml"}, {"maturity"})
    assert path.name == "maturity.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert (data["kind"], data["version"]) == ("workbench/maturity", 1)
    assert len(data["runs"]) == 4 and len(data["hypotheses"]) == 3
    for run in data["runs"]:
        assert (run["model_id"], run["model_version"]) == ("sre-maturity", 1)
    checkout = [r for r in data["runs"] if r["team"] == "Checkout"]
    assert (checkout[1]["date"] - checkout[0]["date"]).days in range(181, 185)
    assert [p["label"] for p in checkout[1]["respondents"]] == [
        "Asha Rao", "Vikram Nair", "anonymous 1"]


def test_demo_markdown_shows_comparison_disagreement_and_hypothesis_delta(demo, tmp_path):
    engine, workspace = demo
    paths = export_workspace(engine, workspace, tmp_path, {"md"}, {"maturity"})
    names = [p.name for p in paths]
    assert len(names) == 4 and all(n.endswith(".md") for n in names)
    latest = next(p for p in paths if p.name.startswith("checkout-") and p == sorted(
        q for q in paths if q.name.startswith("checkout-"))[-1])
    text = latest.read_text(encoding="utf-8")
    assert "Culture (Westrum): **bureaucratic**." in text
    assert "| Risks | 0, 1, 2 | 1 | 2 |" in text
    assert "## Compared with the previous run" in text and "↓ -1" in text
    assert "Linked criteria from " in text
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert "<table>" in html


def test_hostile_text_is_escaped(engine, tmp_path):
    with transaction(engine) as session:
        ws = repo.create_workspace(session, "Acme")
        repo.add_team(session, ws.id, "a|b <script>")
        run = ar.create_run(session, ws.id, "a|b <script>", "sre-maturity", 1,
                            date(2026, 1, 1), title="*bold* | title")
        ar.set_answer(session, run.id, "org-structure", 1, "note | with <b>pipes</b>",
                      "[x](javascript:alert(1))", asked=["<img src=x>"])
        ar.add_hypothesis(session, ws.id, {
            "stakeholder_group": "Devs | <i>", "capability": "`code`", "outcome": "_em_",
            "signal": "# heading", "criterion_ids": ["org-structure"]}, team="a|b <script>")
    [path] = export_workspace(engine, ws, tmp_path, {"md"}, {"maturity"})
    assert path.name == "a-b-script-2026-01-01.md"
    text = path.read_text(encoding="utf-8")
    assert "a\\|b \\<script\\>" in text
    assert "note \\| with \\<b\\>pipes\\</b\\>" in text
    assert "\\[x\\](javascript:alert(1))" in text
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert "<script>" not in html and "<b>" not in html and "<img" not in html
    # every table row keeps its column count
    for line in text.splitlines():
        if line.startswith("| Structure |"):
            assert line.replace("\\|", "").count("|") == 5


@pytest.fixture
def demo_db(demo, db_url, monkeypatch):
    monkeypatch.setitem(common.options, "db", db_url)
    return demo


def test_assess_export_markdown_to_stdout_and_yaml_to_folder(demo_db, tmp_path):
    result = runner.invoke(assess.app, ["export", "--team", "checkout"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Checkout: maturity assessment ")
    out = tmp_path / "wiki"
    result = runner.invoke(assess.app, ["export", "--team", "Platform", "--format", "yaml",
                                        "--out", str(out)])
    assert result.exit_code == 0, result.output
    path = out / "platform-maturity.yaml"
    assert result.stdout.strip() == str(path.resolve())
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert [r["team"] for r in data["runs"]] == ["Platform", "Platform"]
    assert [h["stakeholder_group"] for h in data["hypotheses"]] == ["Executives"]


def test_assess_export_one_run(demo_db, tmp_path):
    engine, workspace = demo_db
    with transaction(engine) as session:
        first = ar.list_runs(session, workspace.id, "Checkout")[0]
    result = runner.invoke(assess.app, ["export", "--run", str(first.id), "-f", "md",
                                        "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    path = Path(result.stdout.strip())
    assert path.name == f"checkout-{first.run_date.isoformat()}.md"
    assert "_This is the first run of this model for Checkout._" in path.read_text(
        encoding="utf-8")


@pytest.mark.parametrize(("args", "message"), [
    (["export"], "give --team"),
    (["export", "--team", "Checkout", "--format", "pdf"], "--format 'pdf' is not valid"),
    (["export", "--team", "Storefront"], "has no assessment runs"),
    (["export", "--team", "Nobody"], "no team named"),
    (["export", "--run", "999"], "no assessment run 999"),
])
def test_assess_export_errors(demo_db, args, message):
    result = runner.invoke(assess.app, args)
    assert result.exit_code in (1, 2)
    assert message in result.stderr


def test_organisation_run_exports_with_its_own_hypotheses(engine, tmp_path):
    with transaction(engine) as session:
        ws = repo.create_workspace(session, "Acme")
        repo.add_team(session, ws.id, "Checkout")
        run = ar.create_run(session, ws.id, None, "sre-maturity", 1, date(2026, 1, 1))
        ar.set_answer(session, run.id, "culture-failure", 2)
        ar.add_hypothesis(session, ws.id, {
            "stakeholder_group": "Executives", "capability": "c", "outcome": "o",
            "signal": "s"})
        ar.add_hypothesis(session, ws.id, {
            "stakeholder_group": "Team only", "capability": "c", "outcome": "o",
            "signal": "s"}, team="Checkout")
    paths = export_workspace(engine, ws, tmp_path, {"md", "yaml"}, {"maturity"})
    md = next(p for p in paths if p.suffix == ".md")
    assert md.name == "organisation-2026-01-01.md"
    text = md.read_text(encoding="utf-8")
    assert text.startswith("# Whole organisation: maturity assessment 2026-01-01\n")
    assert "Culture (Westrum): **generative**." in text
    assert "### Executives (open)" in text and "Team only" not in text
    data = yaml.safe_load(next(p for p in paths if p.suffix == ".yaml").read_text("utf-8"))
    assert data["runs"][0]["team"] is None
