"""Defects found while trying the CLI (issue 8): wide names in tables, text that is not valid
UTF-8, control characters in names, non-ASCII digits, the rounding of scores, one clock
and the shared duration formats."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from workbench.cli import app
from workbench.commands.common import print_table

runner = CliRunner()


@pytest.fixture
def cli(db_url):
    def invoke(*args: str):
        return runner.invoke(app, ["--db", db_url, *args])

    assert invoke("init", "Acme").exit_code == 0
    return invoke


def one_line_error(result, code: int) -> str:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def column_starts(line: str) -> list[int]:
    """Display columns where the cells of a table line start (cells are 2+ spaces apart)."""
    return [cell_len(line[:m.start()]) for m in re.finditer(r"(?:^|(?<=  ))\S", line)]


def test_teams_list_aligns_hindi_and_chinese_names(cli):
    for name, description in (("चेकआउट", "भुगतान"), ("结账", "支付和订单"), ("Fulfilment", "ships")):
        assert cli("teams", "add", name, "--description", description).exit_code == 0
    lines = cli("teams", "list").stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["TEAM", "Fulfilment", "चेकआउट", "结账"]
    starts = {tuple(column_starts(line)) for line in lines}
    assert starts == {(0, 12, 22)}, lines


def test_print_table_pads_by_display_width(capsys):
    print_table(["a", "b"], [["结账", "x"], ["abcd", "y"], ["e\u0301", "z"]])
    lines = capsys.readouterr().out.splitlines()
    assert lines == ["A     B", "结账  x", "abcd  y", "e\u0301     z"]


@pytest.mark.parametrize("args", [
    ["services", "add", "bad\udcffname"],
    ["teams", "add", "Ops", "--description", "caf\udce9"],
    ["teams", "rename", "Gh\udcffost", "X"],
    ["slo", "status", "x\udc80"],
])
def test_invalid_utf8_arguments_are_refused_in_one_line(cli, args):
    error = one_line_error(cli(*args), 2)
    assert "is not valid UTF-8 text" in error
    assert "\\x" in error  # the bad byte is shown, not printed raw
    assert json.loads(cli("teams", "list", "--json").stdout) == []


@pytest.mark.parametrize("name", ["a\x7fb", "a\x00b", "esc\x1b[31m", "c1\x9bx", "nel\x85x"])
def test_control_characters_in_names_are_refused(cli, name):
    for args in (["teams", "add", name], ["services", "add", name], ["init", name]):
        error = one_line_error(cli(*args), 2)
        assert "control character" in error and "type the name again" in error
    assert json.loads(cli("teams", "list", "--json").stdout) == []
    assert json.loads(cli("services", "list", "--json").stdout) == []


def test_a_team_name_with_a_tab_still_folds_into_spaces(cli):
    assert cli("teams", "add", "Site\tReliability").exit_code == 0
    assert [t["name"] for t in json.loads(cli("teams", "list", "--json").stdout)] == [
        "Site Reliability"]


@pytest.mark.parametrize(("args", "message"), [
    (["slo", "budget", "-t", "99.9", "--total", "100", "--bad", "1", "--elapsed", "²d"],
     "--elapsed: '²d' is not a duration"),
    (["slo", "budget", "-t", "99.9", "--total", "100", "--bad", "1", "--elapsed", "\u0661\u0664d"],
     "use a whole number (digits 0-9)"),
    (["slo", "period", "--date", "2026-1\uff11-02"], "--date '2026-1\uff11-02' is not a date"),
    (["slo", "period", "--date", "20261102"], "--date '20261102' is not a date"),
    (["slo", "period", "--date", "2026-02-30"], "is not a day of the calendar"),
])
def test_non_ascii_digits_and_loose_dates_are_usage_errors(args, message):
    result = runner.invoke(app, args)
    assert message in one_line_error(result, 2)


def test_answer_level_takes_ascii_digits_only(cli):
    run = cli("assess", "start", "-m", "sre-maturity", "--organisation")
    run_id = run.stdout.split()[2].rstrip(":")
    for level in ("²", "٢"):
        error = one_line_error(cli("assess", "answer", run_id, "org-structure", level), 2)
        assert "is not a number" in error


def test_assess_list_rounds_half_up_like_the_tui(cli):
    assert cli("teams", "add", "Checkout").exit_code == 0
    started = cli("assess", "start", "-m", "sre-maturity", "--team", "Checkout", "--date",
                  "2026-01-20")
    run_id = started.stdout.split()[2].rstrip(":")
    shown = json.loads(cli("assess", "show", run_id, "--json").stdout)
    criteria = [c["criterion_id"] for c in shown["criteria"][:8]]
    for criterion, level in zip(criteria, [1, 1, 1, 1, 1, 1, 1, 2], strict=True):
        assert cli("assess", "answer", run_id, criterion, str(level)).exit_code == 0
    [row] = json.loads(cli("assess", "list", "--json").stdout)
    assert row["overall"] == 1.125 and row["overall_percent"] == 56.3  # 9/8 and 56.25%
    line = cli("assess", "list").stdout.splitlines()[1]
    assert line.split()[7:10] == ["8/28", "1.13", "56.3"]


def test_workbench_today_is_the_one_clock(cli, monkeypatch):
    monkeypatch.setenv("WORKBENCH_TODAY", "2026-03-02")
    period = json.loads(runner.invoke(app, ["slo", "period", "--json"]).stdout)
    assert period["date"] == "2026-03-02"
    started = cli("assess", "start", "-m", "sre-maturity", "--organisation")
    assert started.stdout.rstrip().endswith("2026-03-02")
    run_id = started.stdout.split()[2].rstrip(":")
    signed = json.loads(cli("assess", "agree", run_id, "--by", "Asha:coach", "--json").stdout)
    assert signed["signoffs"][0]["date"] == "2026-03-02"
    monkeypatch.setenv("WORKBENCH_TODAY", "soon")
    error = one_line_error(cli("assess", "start", "-m", "sre-maturity", "--organisation"), 2)
    assert error.startswith("error: WORKBENCH_TODAY 'soon' is not a date")
    monkeypatch.delenv("WORKBENCH_TODAY")
    period = json.loads(runner.invoke(app, ["slo", "period", "--json"]).stdout)
    assert period["date"] == date.today().isoformat()


def test_time_to_exhaustion_reads_in_days_hours_and_minutes():
    args = ["slo", "budget", "-t", "99.9", "--total", "500000", "--bad", "1000"]
    week = runner.invoke(app, [*args, "--elapsed", "7d"]).stdout
    assert "time to exhaustion          10080 min (7 d)" in week
    longer = runner.invoke(app, [*args, "--elapsed", "36h"]).stdout
    assert "time to exhaustion          18000 min (12 d 12 h)" in longer


def test_alert_windows_keep_their_compact_spans():
    data = json.loads(runner.invoke(app, ["slo", "alerts", "-t", "99.9", "--json"]).stdout)
    spans = [(r["long_window"], r["short_window"]) for r in data["rules"]]
    assert spans[:3] == [("1h", None), ("1h", "5m"), ("6h", "30m")]
