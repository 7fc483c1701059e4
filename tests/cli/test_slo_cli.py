"""``workbench slo`` commands, invoked on the sub-app directly (no database needed)."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from workbench.commands import slo
from workbench.errors import UsageError

runner = CliRunner()


def run(*args: str):
    return runner.invoke(slo.app, list(args))


def run_json(*args: str) -> dict:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def usage_error(*args: str) -> str:
    """Run a command that must fail as a usage error; return its one-line message."""
    result = run(*args)
    assert result.exit_code == UsageError.exit_code, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def test_budget_json_issue_example():
    data = run_json("budget", "--target", "99.9", "--total", "2000000", "--bad", "3000")
    assert data["target"] == "99.9"
    assert data["total"] == 2_000_000
    assert data["bad"] == 3_000
    assert data["allowed_bad"] == 2_000
    assert data["sli_percent"] == "99.85"
    assert data["consumed_percent"] == "150"
    assert data["remaining_percent"] == "-50"
    assert data["within_budget"] is False
    assert data["burn_rate"] == "1.5"
    assert data["allowed_downtime_minutes"] == "40.32"
    assert data["projected_exhaustion"] is True


def test_budget_json_training_example():
    # training-day3-slo-error-budgets-incidents.txt lines 73-79: 99.9% of 1,000,000 -> 1,000.
    data = run_json("budget", "-t", "99.9", "--total", "1000000", "--bad", "250")
    assert data["allowed_bad"] == 1_000
    assert data["consumed_percent"] == "25"
    assert data["remaining_percent"] == "75"


def test_budget_json_rounds_long_decimals_to_six_places():
    data = run_json("budget", "-t", "99.9", "--total", "1500", "--bad", "1")
    assert data["allowed_bad"] == 1
    assert data["budget_events"] == "1.5"
    assert data["consumed_percent"] == "66.666667"
    assert data["remaining_percent"] == "33.333333"


def test_budget_with_elapsed_projects_the_period():
    data = run_json("budget", "-t", "99.9", "--total", "500000", "--bad", "1000", "--elapsed", "7d")
    assert data["expected_total"] == "2000000"
    assert data["allowed_bad"] == 2_000
    assert data["consumed_percent"] == "50"
    assert data["burn_rate"] == "2"
    assert data["time_to_exhaustion_minutes"] == "10080"
    assert data["projected_exhaustion"] is True


def test_budget_table_is_aligned_and_readable():
    result = run("budget", "--target", "99.9", "--total", "2000000", "--bad", "3000")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["FIGURE", "VALUE"]
    column = lines[0].index("VALUE")
    assert all(line[column - 2 : column] == "  " for line in lines[1:])
    text = result.output
    assert "allowed bad events" in text and "2,000" in text
    assert "budget consumed" in text and "150%" in text
    assert "-50%" in text


def test_downtime_json():
    data = run_json("downtime", "--target", "99.95", "--period", "4w")
    assert data == {
        "target": "99.95",
        "budget_percent": "0.05",
        "period": "4w",
        "period_minutes": 40_320,
        "allowed_downtime_minutes": "20.16",
    }


@pytest.mark.parametrize(
    ("period", "minutes"), [("28d", "20.16"), ("30d", "21.6"), ("1w", "5.04"), ("5w", "25.2")]
)
def test_downtime_periods(period, minutes):
    data = run_json("downtime", "--target", "99.95", "--period", period)
    assert data["allowed_downtime_minutes"] == minutes


def test_downtime_table():
    result = run("downtime", "--target", "99.95")
    assert result.exit_code == 0, result.output
    assert "20.16 min" in result.output


def test_period_json():
    data = run_json("period", "--date", "2024-02-10")
    assert data["index"] == 2
    assert data["iso_year"] == 2024
    assert data["start"] == "2024-01-29"
    assert data["end"] == "2024-02-25"
    assert data["is_long"] is False
    assert data["weeks"] == 4


def test_period_json_week_53():
    data = run_json("period", "--date", "2021-01-02")
    assert (data["iso_year"], data["index"]) == (2020, 13)
    assert (data["start"], data["end"]) == ("2020-11-30", "2021-01-03")
    assert data["is_long"] is True
    assert (data["first_week"], data["last_week"], data["weeks"]) == (49, 53, 5)


def test_period_table_and_default_date():
    result = run("period", "--date", "2026-12-31")
    assert result.exit_code == 0, result.output
    assert "13 of ISO year 2026" in result.output
    assert "includes week 53" in result.output
    assert run("period").exit_code == 0


def test_alerts_json():
    data = run_json("alerts", "--target", "99.7")
    book = data["rules"][0]
    assert book["bad_share_percent"] == "0.6"  # book line 5467
    assert (book["long_window"], book["evaluate_every"], book["snooze"]) == ("1h", "5m", "2h")
    data = run_json("alerts", "--target", "99.9", "--window", "30d")
    assert [r["budget_consumed_percent"] for r in data["rules"][1:]] == ["2", "5", "10", "10"]
    assert [r["bad_share_percent"] for r in data["rules"][1:]] == ["1.44", "0.6", "0.3", "0.1"]


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["budget", "-t", "99", "--total", "10", "--bad", "11"], ["--bad", "cannot exceed"]),
        (["budget", "-t", "99", "--total", "-1", "--bad", "0"], ["--total", "0 or more"]),
        (["budget", "-t", "99", "--total", "10", "--bad", "-1"], ["--bad", "0 or more"]),
        (["budget", "-t", "100", "--total", "10", "--bad", "0"], ["--target", "below 100"]),
        (["budget", "-t", "0", "--total", "10", "--bad", "0"], ["--target", "above 0"]),
        (["budget", "-t", "abc", "--total", "10", "--bad", "0"], ["--target", "not a number"]),
        (["budget", "-t", "nan", "--total", "10", "--bad", "0"], ["--target", "finite"]),
        (["budget", "-t", "99", "--total", "1", "--bad", "0", "-p", "2m"], ["--period", "4w"]),
        (
            ["budget", "-t", "99", "--total", "1", "--bad", "0", "--elapsed", "5w"],
            ["--elapsed", "at most"],
        ),
        (
            ["budget", "-t", "99", "--total", "1", "--bad", "0", "--elapsed", "soon"],
            ["--elapsed", "14d"],
        ),
        (["downtime", "-t", "99.95", "--period", "month"], ["--period", "use one of"]),
        (["downtime", "-t", "101"], ["--target", "below 100"]),
        (["period", "--date", "2024-13-01"], ["--date", "YYYY-MM-DD"]),
        (["period", "--date", "yesterday"], ["--date", "YYYY-MM-DD"]),
        (["alerts", "-t", "99.9", "--window", "1y"], ["--window"]),
    ],
)
def test_bad_input_gives_one_clear_line(args, fragments):
    message = usage_error(*args)
    for fragment in fragments:
        assert fragment in message


def run_like_main(*args: str):
    from workbench.cli import app as root

    return runner.invoke(root, ["slo", *args])


def test_usage_errors_exit_2_with_one_line_on_stderr_like_main():
    result = run_like_main("budget", "-t", "99.9", "--total", "5", "--bad", "9")
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: --bad (9) cannot exceed --total (5)")
    assert "Traceback" not in result.output


def test_target_100_like_main():
    result = run_like_main("downtime", "--target", "100")
    assert result.exit_code == 2
    assert result.stderr.strip().startswith("error: --target: SLO target 100 leaves no")


def test_success_like_main():
    result = run_like_main("downtime", "--target", "99.95", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["allowed_downtime_minutes"] == "20.16"


def test_typer_rejects_non_integer_counts_itself():
    result = run("budget", "-t", "99.9", "--total", "abc", "--bad", "0")
    assert result.exit_code == 2


def test_every_option_has_help():
    command = typer.main.get_command(slo.app)
    subcommands = command.commands  # type: ignore[attr-defined]
    assert set(subcommands) == {"budget", "downtime", "period", "alerts", "list", "set",
                                "status", "import-counts", "export", "import", "personas",
                                "map", "record", "rename", "agree", "reopen", "history",
                                "adjust"}
    for name, sub in subcommands.items():
        assert sub.help, f"{name} has no help text"
        for param in sub.params:
            assert getattr(param, "help", None), f"{name} {param.name} has no help text"
