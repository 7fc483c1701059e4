"""``workbench assess import``, ``list`` and ``compare``."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from workbench.commands import assess, common
from workbench.domain.maturity import render_blank
from workbench.store import assessment_repo as ar
from workbench.store import repo
from workbench.store.db import transaction
from workbench.store.model_files import get_model

runner = CliRunner()
MODEL = "sre-maturity"


@pytest.fixture
def acme(engine, db_url, monkeypatch):
    monkeypatch.setitem(common.options, "db", db_url)
    with transaction(engine) as session:
        workspace = repo.create_workspace(session, "Acme")
        repo.add_team(session, workspace.id, "Checkout")
    return engine, workspace


def filled(team="Checkout", respondent="Asha", levels=None, on=date(2026, 1, 20)):
    text = render_blank(get_model(MODEL).model, team, on, respondent)
    for cid, level in (levels or {}).items():
        marker = f'  - id: "{cid}"\n'
        head, tail = text.split(marker)
        text = head + marker + tail.replace("    level: null", f"    level: {level}", 1)
    return text


def test_import_creates_a_run_then_joins_it(acme, tmp_path):
    engine, workspace = acme
    first = tmp_path / "asha.yaml"
    first.write_text(filled(levels={"org-structure": 2, "tech-logging": 1}), encoding="utf-8")
    result = runner.invoke(assess.app, ["import", str(first)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Imported Asha (2 of 28 criteria) into new run ")
    assert "Checkout, sre-maturity v1, 2026-01-20" in result.stdout
    second = tmp_path / "anon.yaml"
    second.write_text(filled(respondent="", levels={"org-structure": 0}), encoding="utf-8")
    result = runner.invoke(assess.app, ["import", str(second)])
    assert result.exit_code == 0, result.output
    assert "Imported anonymous 1 (1 of 28 criteria) into run " in result.stdout
    with transaction(engine) as session:
        [run] = ar.list_runs(session, workspace.id)
        assert [r.label for r in ar.list_respondents(session, run.id)] == ["Asha", "anonymous 1"]
    # the same person twice is refused
    again = runner.invoke(assess.app, ["import", str(first)])
    assert again.exit_code == 1
    assert "already answered" in again.stderr


def test_import_names_every_problem_and_writes_nothing(acme, tmp_path):
    engine, workspace = acme
    text = filled(levels={"org-structure": 5})
    text = text.replace('id: "tech-logging"', 'id: "tech-logs"')
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    result = runner.invoke(assess.app, ["import", str(bad)])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == f"error: {bad}: 2 problems; nothing was imported"
    assert "criteria[0].level: level 5 is out of range 0..2" in lines[1]
    assert lines[1].startswith("  line ")
    assert "unknown criterion 'tech-logs'" in lines[2]
    assert "Traceback" not in result.output
    with transaction(engine) as session:
        assert ar.list_runs(session, workspace.id) == []


def test_import_dry_run_and_unknown_team(acme, tmp_path):
    engine, workspace = acme
    path = tmp_path / "f.yaml"
    path.write_text(filled(levels={"org-structure": 1}), encoding="utf-8")
    result = runner.invoke(assess.app, ["import", str(path), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "nothing saved" in result.stdout
    path.write_text(filled(team="Ghosts"), encoding="utf-8")
    result = runner.invoke(assess.app, ["import", str(path)])
    assert result.exit_code == 1
    assert "team 'Ghosts'" in result.stderr
    missing = runner.invoke(assess.app, ["import", str(tmp_path / "nope.yaml")])
    assert missing.exit_code == 2 and "no such file" in missing.stderr
    with transaction(engine) as session:
        assert ar.list_runs(session, workspace.id) == []


@pytest.fixture
def two_runs(acme):
    engine, workspace = acme
    with transaction(engine) as session:
        old = ar.create_run(session, workspace.id, "Checkout", MODEL, 1, date(2025, 7, 20))
        new = ar.create_run(session, workspace.id, "Checkout", MODEL, 1, date(2026, 1, 20))
        for cid, level in {"org-structure": 0, "tech-logging": 2, "culture-risks": 1}.items():
            ar.set_answer(session, old.id, cid, level)
        for cid, level in {"org-structure": 2, "tech-logging": 1, "culture-risks": 1,
                           "process-on-call": 1}.items():
            ar.set_answer(session, new.id, cid, level)
    return engine, workspace, old, new


def test_list_shows_runs_with_scores(two_runs):
    _, _, old, new = two_runs
    result = runner.invoke(assess.app, ["list", "--team", "Checkout"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[:4] == ["ID", "DATE", "TEAM", "MODEL"]
    assert lines[1].split()[:2] == [str(old.id), "2025-07-20"]
    data = json.loads(runner.invoke(assess.app, ["list", "--json"]).stdout)
    assert [r["id"] for r in data] == [old.id, new.id]
    assert data[1]["assessed"] == 4 and data[1]["culture"] == "bureaucratic"
    assert data[0]["next_reassessment"] == "2026-01-20"


def test_compare_defaults_to_the_two_latest_runs(two_runs):
    _, _, old, _new = two_runs
    result = runner.invoke(assess.app, ["compare", "--team", "checkout"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"Checkout: run {old.id} (2025-07-20")
    rows = [line.split("  ")[0] for line in lines[3:7]]
    assert rows == ["Structure", "Logging", "Risks", "On-call"]  # biggest movers first
    assert "↑ +2" in lines[3] and "↓ -1" in lines[4] and "= 0" in lines[5]
    assert "newly assessed" in lines[6]
    assert any(line.startswith("Overall") for line in lines)


def test_compare_json_and_explicit_runs(two_runs):
    _, _, old, new = two_runs
    result = runner.invoke(assess.app, ["compare", "--from", str(old.id), "--to", str(new.id),
                                        "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["from"]["id"] == old.id and data["to"]["id"] == new.id
    assert data["criteria"][0] == {
        "criterion_id": "org-structure", "dimension_id": "organisation", "name": "Structure",
        "from": 0, "to": 2, "delta": 2, "direction": "up",
    }
    org = next(d for d in data["dimensions"] if d["dimension_id"] == "organisation")
    assert (org["from"], org["to"], org["delta"]) == (0.0, 2.0, 2.0)


@pytest.mark.parametrize(("args", "message"), [
    (["compare"], "give --team"),
    (["compare", "--from", "1"], "give both --from and --to"),
    (["compare", "--from", "1", "--to", "999"], "no assessment run"),
])
def test_compare_errors(two_runs, args, message):
    result = runner.invoke(assess.app, args)
    assert result.exit_code in (1, 2)
    assert message in result.stderr


def test_compare_needs_two_runs(acme):
    result = runner.invoke(assess.app, ["compare", "--team", "Checkout"])
    assert result.exit_code == 1
    assert "has 0 assessment runs; comparing needs two" in result.stderr


def test_start_for_team_and_organisation(acme):
    engine, workspace = acme
    result = runner.invoke(assess.app, ["start", "-m", MODEL, "--team", "checkout",
                                        "--date", "2026-02-01"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Started run ")
    assert "Checkout, sre-maturity v1, 2026-02-01" in result.stdout
    org = runner.invoke(assess.app, ["start", "-m", MODEL, "--organisation"])
    assert org.exit_code == 0, org.output
    assert "whole organisation" in org.stdout
    both = runner.invoke(assess.app, ["start", "-m", MODEL])
    assert both.exit_code == 2 and "--organisation" in both.stderr
    with transaction(engine) as session:
        assert len(ar.list_runs(session, workspace.id)) == 2


def test_show_flags_disagreement(demo, db_url, monkeypatch):
    monkeypatch.setitem(common.options, "db", db_url)
    result = runner.invoke(assess.app, ["show", "--team", "Checkout"])
    assert result.exit_code == 0, result.output
    risks = next(line for line in result.stdout.splitlines() if line.startswith("Risks"))
    assert risks.split() == ["Risks", "Culture", "1", "0", "1", "2", "1", "2", "!"]
    assert "Westrum: bureaucratic" in result.stdout
    data = json.loads(runner.invoke(assess.app, ["show", "--team", "Checkout",
                                                 "--json"]).stdout)
    flagged = [c["criterion_id"] for c in data["criteria"] if c["disagreement"]]
    assert flagged == ["culture-risks"]
    assert data["run"]["respondents"] == ["Asha Rao", "Vikram Nair", "anonymous 1"]
    assert runner.invoke(assess.app, ["show"]).exit_code == 2


def test_list_survives_a_removed_user_model(acme):
    import yaml

    from workbench.paths import assessments_dir, user_models_dir

    engine, workspace = acme
    data = yaml.safe_load((assessments_dir() / "sre-maturity.yaml").read_text(encoding="utf-8"))
    data["id"] = "coach-model"
    user_models_dir().mkdir(parents=True, exist_ok=True)
    path = user_models_dir() / "coach.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with transaction(engine) as session:
        ar.create_run(session, workspace.id, "Checkout", "coach-model", 1, date(2026, 1, 1))
    path.unlink()
    result = runner.invoke(assess.app, ["list"])
    assert result.exit_code == 0, result.output
    assert "model missing" in result.stdout


def test_answer_saves_one_criterion(two_runs):
    engine, _, _old, new = two_runs
    result = runner.invoke(assess.app, ["answer", str(new.id), "tech-testing", "2",
                                        "--note", "suites trusted", "--asked", "Asha, Ravi"])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Run {new.id}: tech-testing = 2\n"
    cleared = runner.invoke(assess.app, ["answer", str(new.id), "org-structure", "none"])
    assert cleared.exit_code == 0, cleared.output
    with transaction(engine) as session:
        answers = {a.criterion_id: a for a in ar.list_answers(session, new.id)}
        assert answers["tech-testing"].asked == ("Asha", "Ravi")
        assert answers["org-structure"].level is None
        assert ar.get_run(session, new.id).cursor == "org-structure"
    bad = runner.invoke(assess.app, ["answer", str(new.id), "tech-testing", "5"])
    assert bad.exit_code == 2 and "out of range 0..2" in bad.stderr
    word = runner.invoke(assess.app, ["answer", str(new.id), "tech-testing", "high"])
    assert word.exit_code == 2 and "not a number" in word.stderr
