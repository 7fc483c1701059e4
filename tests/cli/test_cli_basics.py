"""The CLI through Typer's runner: output, JSON, exit codes and one-line errors."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from workbench import __version__
from workbench.cli import app

runner = CliRunner()


@pytest.fixture
def cli(db_url):
    def invoke(*args: str, input: str | None = None):
        return runner.invoke(app, ["--db", db_url, *args], input=input)

    return invoke


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"workbench {__version__}"


def test_demo_no_open_is_idempotent_and_lists_teams(cli):
    first = cli("demo", "--no-open")
    second = cli("demo", "--no-open")
    assert first.exit_code == 0 and "Created demo workspace 'BharatMart'" in first.output
    assert second.exit_code == 0 and "Refreshed" in second.output
    result = cli("teams", "list", "--json")
    teams = json.loads(result.output)
    assert [t["name"] for t in teams] == ["Checkout", "Fulfilment", "Platform", "SRE",
                                          "Storefront"]
    assert {t["name"]: t["services"] for t in teams}["Checkout"] == 3


def test_init_then_team_and_service_lifecycle(cli):
    assert cli("init", "Acme Retail").exit_code == 0
    assert cli("teams", "add", "Payments", "--description", "money").exit_code == 0
    assert cli("services", "add", "ledger", "--team", "payments").exit_code == 0
    listed = json.loads(cli("services", "list", "--json").output)
    assert listed == [{"id": 1, "name": "ledger", "team": "Payments", "description": ""}]
    assert cli("teams", "rename", "Payments", "Money").exit_code == 0
    table = cli("services", "list").output.splitlines()
    assert table[0].split() == ["SERVICE", "TEAM", "DESCRIPTION"]
    assert table[1].split() == ["ledger", "Money"]
    assert cli("teams", "remove", "Money", "--yes").exit_code == 0
    assert "(unowned)" in cli("services", "list").output
    assert cli("services", "remove", "ledger", "--yes").exit_code == 0
    assert json.loads(cli("services", "list", "--json").output) == []


def test_remove_asks_and_abort_keeps_the_team(cli):
    cli("init", "Acme")
    cli("teams", "add", "Ops")
    # CliRunner's stdin is not a TTY: the command refuses rather than guessing.
    result = cli("teams", "remove", "Ops")
    assert result.exit_code == 2
    assert "add --yes" in result.stderr
    assert "Ops" in cli("teams", "list").output


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["teams", "add", "Ops"], 1, "already exists"),
        (["teams", "add", "   "], 2, "name is empty"),
        (["services", "add", "api", "--team", "Nope"], 1, "no team named 'Nope'"),
        (["teams", "list", "--workspace", "Elsewhere"], 1, "no workspace named 'Elsewhere'"),
        (["teams", "rename", "Ghost", "X"], 1, "no team named 'Ghost'"),
        (["export", "--out", "x", "--format", "pdf"], 2, "--format 'pdf' is not valid"),
    ],
)
def test_user_mistakes_give_one_line_and_exit_code(cli, args, code, message):
    cli("init", "Acme")
    cli("teams", "add", "Ops")
    result = cli(*args)
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_bad_database_url_is_a_usage_error():
    result = runner.invoke(app, ["--db", "mysql://x/y", "teams", "list"])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: database URL scheme 'mysql' is not supported")


def test_empty_database_points_to_init(cli):
    result = cli("teams", "list")
    assert result.exit_code == 1
    assert "workbench init NAME" in result.stderr


def test_several_workspaces_default_to_the_last_used(cli):
    cli("init", "One")
    cli("init", "Two")
    # "Two" was used last, so it is the default; naming one works too.
    assert cli("teams", "add", "A", "-w", "One").exit_code == 0
    assert [t["name"] for t in json.loads(cli("teams", "list", "-w", "One", "--json").output)] \
        == ["A"]


def test_db_status_and_upgrade(cli):
    status = json.loads(cli("db", "status", "--json").output)
    assert status["current"] is None and status["pending"]
    result = cli("db", "upgrade")
    assert result.exit_code == 0 and "Upgraded empty database" in result.output
    status = json.loads(cli("db", "status", "--json").output)
    assert status["up_to_date"] and status["current"] == status["head"]
    assert "Already up to date" in cli("db", "upgrade").output


def test_no_command_opens_the_tui_on_the_last_workspace(cli, monkeypatch):
    seen = {}

    class FakeApp:
        startup_error = None

        def run(self):
            seen["ran"] = True

    def fake_build_app(engine, *, db_url, workspace_id=None, workspace_name=None,
                       today=None):
        seen.update(engine=engine, db_url=db_url, workspace_name=workspace_name, today=today)
        return FakeApp()

    import workbench.tui.app as tui_app

    monkeypatch.setattr(tui_app, "build_app", fake_build_app)
    cli("demo", "--no-open")
    result = cli()
    assert result.exit_code == 0, result.output
    # No engine: the app opens the database itself after its first paint.
    assert seen["ran"] and seen["engine"] is None and seen["workspace_name"] is None
    assert cli("demo").exit_code == 0
    assert seen["workspace_name"] == "BharatMart"
    # With WORKBENCH_TODAY (the test session sets it) the app gets that day; without it the
    # app follows the calendar.
    assert seen["today"] == date(2026, 11, 25)
    monkeypatch.delenv("WORKBENCH_TODAY")
    assert cli().exit_code == 0
    assert seen["today"] is None


def test_paths_honours_workbench_home(isolated_home):
    result = runner.invoke(app, ["paths"])
    assert result.exit_code == 0
    assert str(isolated_home) in result.output
    config = next(line for line in result.output.splitlines() if line.startswith("config file"))
    assert config.split()[-1] == str(isolated_home / "config.toml")


def test_several_workspaces_without_a_last_used_one_need_a_choice(cli, isolated_home):
    cli("init", "One")
    cli("init", "Two")
    (isolated_home / "state.json").unlink()
    result = cli("teams", "list")
    assert result.exit_code == 1
    assert "several workspaces exist (One, Two)" in result.stderr
