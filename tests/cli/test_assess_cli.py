"""``workbench assess`` sub-commands, invoked on the sub-app directly."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest
import yaml
from typer.testing import CliRunner

from workbench.commands import assess, common
from workbench.domain.maturity import parse_filled_blank
from workbench.paths import assessments_dir, user_models_dir
from workbench.store.model_files import load_models

runner = CliRunner()


def test_models_json_lists_bundled_models():
    result = runner.invoke(assess.app, ["models", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [
        {"id": "maturity-stages", "version": 1,
         "title": "Reliability maturity stages (training model)", "criteria": 10, "levels": 4,
         "source": "bundled"},
        {"id": "sre-maturity", "version": 1, "title": "SRE maturity (book model)",
         "criteria": 28, "levels": 3, "source": "bundled"},
    ]


def test_models_table_shows_user_file_path():
    data = yaml.safe_load((assessments_dir() / "sre-maturity.yaml").read_text(encoding="utf-8"))
    data.update(id="coach-model", title="Coach model")
    user_models_dir().mkdir(parents=True)
    path = user_models_dir() / "coach.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    result = runner.invoke(assess.app, ["models"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "VERSION", "TITLE", "CRITERIA", "LEVELS", "SOURCE"]
    coach = next(line for line in lines if line.startswith("coach-model"))
    assert coach.split()[-3:] == ["28", "3", str(path)]


def test_broken_user_model_is_one_line_error():
    user_models_dir().mkdir(parents=True)
    path = user_models_dir() / "broken.yaml"
    path.write_text("id: broken\nversion: 1\ntitle: B\nlevels: nope\ndimensions: []\n",
                    encoding="utf-8")
    result = runner.invoke(assess.app, ["models", "--json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: {path}: levels: input should be a valid list")
    assert result.stderr.count("\n") == 1


@pytest.fixture
def demo_db(demo, db_url, monkeypatch):
    monkeypatch.setitem(common.options, "db", db_url)
    return demo


def test_blank_to_stdout_is_a_valid_unfilled_assessment(demo_db):
    result = runner.invoke(
        assess.app,
        ["blank", "--team", "checkout", "--model", "sre-maturity", "--date", "2026-11-25"],
    )
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(result.stdout)
    assert data["model"] == "sre-maturity" and data["model_version"] == 1
    assert data["team"] == "Checkout"  # the team's own spelling
    assert data["date"] == date(2026, 11, 25)
    assert len(data["criteria"]) == 28
    assert data["criteria"][0] == {
        "id": "org-structure", "name": "Structure", "level": None, "note": "", "evidence": "",
    }
    filled = parse_filled_blank(result.stdout, [m.model for m in load_models()])
    assert all(level is None for level in filled.levels.values())


def test_blank_to_file(demo_db, tmp_path):
    out = tmp_path / "out" / "storefront.yaml"
    args = ["blank", "-t", "Storefront", "-m", "maturity-stages", "-r", "Asha", "-o", str(out)]
    result = runner.invoke(assess.app, args)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert f"to {out}" in result.stderr
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert (data["model"], data["team"], data["respondent"]) == (
        "maturity-stages", "Storefront", "Asha",
    )
    assert data["date"] == date(2026, 11, 25)  # the CLI's today (WORKBENCH_TODAY in tests)
    assert "    # 3 predictive: " in out.read_text(encoding="utf-8")
    # an existing file is not overwritten without --force
    again = runner.invoke(assess.app, args)
    assert again.exit_code == 2
    assert "already exists" in again.stderr
    assert runner.invoke(assess.app, [*args, "--force"]).exit_code == 0


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--team", "Nobody", "--model", "sre-maturity"], 1, "no team named 'Nobody'"),
        (["--team", "Checkout", "--model", "nope"], 1, "no assessment model nope"),
        (["--team", "Checkout", "--model", "sre-maturity", "--model-version", "7"], 1,
         "no assessment model sre-maturity v7"),
        (["--team", "Checkout", "--model", "sre-maturity", "--date", "soon"], 2,
         "--date 'soon' is not a date"),
    ],
)
def test_blank_errors(demo_db, args, code, message):
    result = runner.invoke(assess.app, ["blank", *args])
    assert result.exit_code == code
    assert result.stderr.startswith("error: ")
    assert message in result.stderr


def test_importing_the_sub_app_stays_light():
    code = (
        "import sys, workbench.commands.assess; "
        "print(sorted(m for m in ('sqlmodel', 'sqlalchemy', 'textual', 'pydantic', 'yaml') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
