"""``workbench gate``: every exit code at its boundary, from files (``--policy`` and
``--status``) and from the store (``--service``, on the demo).

The file cases use one SLO with a 99% target and 100,000 valid events over a whole 28-day
period: its budget is exactly 1,000 bad events, so 950 bad events leave exactly 5% (pass)
and 951 leave 4.9% (exit 1). The clock is fixed with ``WORKBENCH_NOW``; the status file is
generated at 06:00 UTC."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from workbench.cli import app

runner = CliRunner()
GENERATED = "2026-11-25T06:00:00Z"

POLICY = """\
kind: workbench/error-budget-policy
version: 1
name: gatekeeper
title: Gate test policy
team: Checkout
scope:
  services: []
  slos: [orders-availability]
purpose: Keep orders flowing.
conditions:
- key: exhausted
  trigger: exhausted
  consequences:
  - action: stop
    activity: feature releases
    allowed: [security fixes, reliability fixes]
    ends: next-period
- key: budget-90
  trigger: consumed
  percent: '90'
  consequences:
  - action: conduct
    activity: postmortem
    ends: when-cleared
escalation:
  tiebreaker: head of engineering
review:
  next: 2027-02-24
  after_major_outage: true
"""


def status_text(bad: int, *, generated_at: str = GENERATED, extra_slo: bool = False) -> str:
    slos = [{"name": "orders-availability", "service": "orders", "target": "99",
             "period": {"length": "28d", "elapsed": "28d"}, "total": 100000, "bad": bad}]
    if extra_slo:
        slos.append({"name": "not-in-scope", "target": "99.9",
                     "period": {"length": "28d", "elapsed": "14d"}, "total": 10, "bad": 10})
    return json.dumps({"generated_at": generated_at, "slos": slos}, indent=2)


@pytest.fixture
def files(tmp_path, monkeypatch):
    """Write the policy and a status file; returns a function giving the gate's options."""
    monkeypatch.setenv("WORKBENCH_NOW", "2026-11-25T07:00:00Z")
    policy = tmp_path / "policy.yaml"
    policy.write_text(POLICY, encoding="utf-8")
    status = tmp_path / "status.json"

    def write(bad: int = 950, **kwargs) -> list[str]:
        status.write_text(status_text(bad, **kwargs), encoding="utf-8")
        return ["--policy", str(policy), "--status", str(status)]

    write.policy = policy  # type: ignore[attr-defined]
    write.status = status  # type: ignore[attr-defined]
    return write


def gate(*args: str, db: str | None = None):
    prefix = ["--db", db] if db else []
    return runner.invoke(app, [*prefix, "gate", *args])


def decided(result, code: int) -> str:
    """The one stdout line of a decision with exit ``code``."""
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 1, result.stdout
    return lines[0]


def usage(result) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


# --- 0 and 1: the threshold ------------------------------------------------------------------


def test_exactly_five_percent_left_passes(files):
    line = decided(gate(*files(950)), 0)
    assert line.startswith("pass for policy gatekeeper")
    assert "orders-availability 5%" in line


def test_one_bad_event_more_is_below_the_threshold(files):
    line = decided(gate(*files(951)), 1)
    assert line.startswith("budget below 5% left for policy gatekeeper")
    assert "orders-availability 4.9%" in line


def test_the_threshold_option_moves_the_boundary(files):
    options = files(900)  # 10% left
    assert gate(*options, "--threshold", "10").exit_code == 0
    assert gate(*options, "--threshold", "10.001").exit_code == 1
    assert gate(*options, "--threshold", "0").exit_code == 0


def test_slos_outside_the_scope_do_not_count(files):
    # The extra SLO has spent twenty times its budget, but the policy does not cover it.
    decided(gate(*files(950, extra_slo=True)), 0)


# --- 3: a freeze -----------------------------------------------------------------------------


def test_an_exhausted_budget_freezes_releases(files):
    line = decided(gate(*files(1000)), 3)
    assert line.startswith("freeze in force for policy gatekeeper: stop feature releases")
    assert "still allowed: security fixes, reliability fixes" in line


def test_one_event_short_of_exhaustion_is_no_freeze_but_low_budget(files):
    decided(gate(*files(999)), 1)


def test_a_freeze_wins_over_the_threshold(files):
    decided(gate(*files(1000), "--threshold", "0"), 3)


# --- 4: status data ---------------------------------------------------------------------------


def test_data_exactly_max_age_old_passes(files, monkeypatch):
    monkeypatch.setenv("WORKBENCH_NOW", "2026-11-26T06:00:00Z")
    decided(gate(*files(950)), 0)


def test_data_one_minute_older_than_max_age_is_stale(files, monkeypatch):
    monkeypatch.setenv("WORKBENCH_NOW", "2026-11-26T06:01:00Z")
    line = decided(gate(*files(950)), 4)
    assert line == "status data is 24h1m old, older than the maximum age of 24h"


def test_max_age_option_and_zones(files, monkeypatch):
    # 06:00Z is 11:30 in India: 90 minutes later is 13:00+05:30.
    monkeypatch.setenv("WORKBENCH_NOW", "2026-11-25T13:00:00+05:30")
    options = files(950)
    decided(gate(*options, "--max-age", "90m"), 0)
    decided(gate(*options, "--max-age", "89m"), 4)


def test_stale_data_wins_over_a_freeze(files, monkeypatch):
    monkeypatch.setenv("WORKBENCH_NOW", "2026-11-27T06:00:00Z")
    decided(gate(*files(1000)), 4)


def test_a_missing_status_file_is_no_data(files):
    options = files(950)
    files.status.unlink()
    line = decided(gate(*options), 4)
    assert line.startswith("no status data: ")
    assert result_lines(gate(*options)) == [f"{files.status}: no such file; check the path"]


def result_lines(result) -> list[str]:
    return result.stderr.splitlines()


def test_an_invalid_status_file_lists_every_problem(files):
    options = files(950)
    files.status.write_text('{"generated_at": "yesterday",\n "slos": [{"name": "x"}]}\n',
                            encoding="utf-8")
    result = gate(*options)
    line = decided(result, 4)
    assert line.startswith("no status data: ")
    problems = result_lines(result)
    assert len(problems) >= 2
    assert all(p.startswith(f"{files.status}:") for p in problems), problems
    assert any(":1: generated_at: " in p for p in problems)
    assert any(":2: slos[0]" in p for p in problems)


def test_an_slo_in_scope_without_figures_is_no_data(files, tmp_path):
    options = files(950)
    files.status.write_text(json.dumps({"generated_at": GENERATED, "slos": []}),
                            encoding="utf-8")
    line = decided(gate(*options), 4)
    assert "SLO orders-availability" in line


# --- 5: an invalid policy ----------------------------------------------------------------------


def test_an_invalid_policy_lists_every_problem_with_its_line(files):
    options = files(950)
    files.policy.write_text(POLICY.replace("trigger: consumed", "trigger: consumd")
                            .replace("percent: '90'", "percent: '190'"), encoding="utf-8")
    result = gate(*options)
    line = decided(result, 5)
    assert line.startswith(f"invalid: {files.policy}:")
    problems = result_lines(result)
    assert problems == [
        f"{files.policy}:19: conditions[1].trigger: 'consumd' is not one of: consumed, "
        "consumed-within, burn-rate, projected-exhaustion, dependency-share, exhausted",
        f"{files.policy}:20: conditions[1].percent: 190 is out of range; use more than 0 "
        "and at most 100",
    ]


def test_a_contradicting_policy_is_invalid(files):
    options = files(950)
    files.policy.write_text(POLICY.replace("activity: postmortem",
                                           "activity: feature releases"), encoding="utf-8")
    result = gate(*options)
    decided(result, 5)
    assert "feature releases" in result.stderr


def test_an_invalid_policy_wins_over_missing_status(files):
    options = files(950)
    files.status.unlink()
    files.policy.write_text("kind: nothing\n", encoding="utf-8")
    decided(gate(*options), 5)


def test_a_missing_policy_file_is_invalid_configuration(files):
    options = files(950)
    files.policy.unlink()
    line = decided(gate(*options), 5)
    assert "no such file" in line


# --- 2: usage ----------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["abc", "-1", "101", "nan", "5 5", ""])
def test_a_bad_threshold_is_a_usage_error(files, value):
    assert "--threshold" in usage(gate(*files(950), "--threshold", value))


@pytest.mark.parametrize("value", ["24", "0h", "1y", "-5m", "h"])
def test_a_bad_max_age_is_a_usage_error(files, value):
    assert "--max-age" in usage(gate(*files(950), "--max-age", value))


def test_policy_and_service_exclude_each_other(files):
    assert "not both" in usage(gate(*files(950), "--service", "payments"))


def test_neither_policy_nor_service_is_a_usage_error():
    assert "--service NAME" in usage(gate())


def test_policy_needs_a_status_file(files):
    files(950)
    assert "--status" in usage(gate("--policy", str(files.policy)))


def test_an_unreadable_clock_is_a_usage_error(files, monkeypatch):
    monkeypatch.setenv("WORKBENCH_NOW", "2026-11-25T07:00:00")  # no zone
    assert "WORKBENCH_NOW" in usage(gate(*files(950)))


def test_an_unknown_option_is_a_usage_error(files):
    result = gate(*files(950), "--treshold", "5")
    assert result.exit_code == 2 and result.stdout == ""


# --- --json ------------------------------------------------------------------------------------


def test_json_is_the_whole_decision_with_figures_as_strings(files):
    result = gate(*files(951), "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["code"] == 1 and data["result"] == "low-budget" and data["passed"] is False
    assert data["reason"].startswith("budget below 5% left")
    assert data["threshold"] == "5"
    assert data["policy"] == "gatekeeper" and data["in_scope"] == ["orders-availability"]
    assert data["generated_at"] == "2026-11-25T06:00:00+00:00" and data["age"] == "1h"
    assert data["max_age"] == "24h"
    assert data["below"] == [{"slo": "orders-availability", "remaining": "4.9"}]
    [slo] = data["slos"]
    assert slo["total"] == 100000 and slo["bad"] == 951
    assert slo["consumed"] == "95.1" and slo["remaining"] == "4.9"
    assert slo["budget_events"] == "1000" and slo["target"] == "99"
    by_key = {c["condition"]: c for c in data["conditions"]}
    assert by_key["budget-90"] == {
        "condition": "budget-90", "slo": "orders-availability", "outcome": "fires",
        "figure": "95.1", "threshold": "90", "unit": "%",
        "explanation": "95.1% of the period's budget consumed", "dependency": None}
    assert by_key["exhausted"]["outcome"] == "close"
    assert by_key["exhausted"]["threshold"] == "100"
    assert [c["description"] for c in data["consequences"]] == ["conduct postmortem"]
    assert data["freeze"] is False and data["stopped"] == [] and data["allowed"] == []
    assert data["problems"] == []
    for value in (slo["consumed"], by_key["budget-90"]["figure"], data["threshold"]):
        assert isinstance(value, str)


def test_json_of_a_freeze_names_what_stays_allowed(files):
    data = json.loads(gate(*files(1000), "--json").stdout)
    assert data["code"] == 3 and data["freeze"] is True
    assert data["stopped"] == ["feature releases"]
    assert data["allowed"] == ["security fixes", "reliability fixes"]
    freeze = next(c for c in data["consequences"] if c["freeze"])
    assert freeze["ends"] == "next-period" and freeze["slos"] == ["orders-availability"]


def test_json_of_an_invalid_policy_carries_the_problems(files):
    options = files(950)
    files.policy.write_text(POLICY.replace("trigger: consumed", "trigger: consumd"),
                            encoding="utf-8")
    result = gate(*options, "--json")
    assert result.exit_code == 5
    data = json.loads(result.stdout)
    assert data["code"] == 5 and data["result"] == "invalid"
    assert len(data["problems"]) == 1 and ":19: conditions[1].trigger:" in data["problems"][0]
    assert data["conditions"] == [] and data["slos"] == []


# --- --service: the store ------------------------------------------------------------------------


@pytest.fixture
def store(demo_db_url, monkeypatch):
    monkeypatch.setenv("WORKBENCH_TODAY", "2026-11-25")

    def run(*args: str):
        return gate(*args, db=demo_db_url)

    return run


def test_payments_is_frozen_by_the_overspent_upi_slo(store):
    line = decided(store("--service", "payments"), 3)
    assert line.startswith("freeze in force for service payments: stop feature releases")
    assert "upi-payment-availability" in line


def test_store_json_names_the_policy_in_force(store):
    result = store("--service", "payments", "--json")
    assert result.exit_code == 3
    data = json.loads(result.stdout)
    assert data["policy"] == "checkout" and data["service"] == "payments"
    assert data["freeze"] is True and "upi-payment-availability" in data["in_scope"]
    assert data["workspace"] == "BharatMart" and data["as_of"] == "2026-11-25"


def test_a_service_without_an_agreed_policy_checks_the_threshold_only(store):
    line = decided(store("--service", "search"), 0)
    assert "no agreed policy covers it" in line
    # search-latency has 5.18% of its budget left: a higher threshold fails it.
    data = json.loads(store("--service", "search", "--threshold", "6", "--json").stdout)
    assert data["code"] == 1 and data["policy"] is None and data["conditions"] == []
    assert [b["slo"] for b in data["below"]] == ["search-latency"]


def test_an_unknown_service_is_invalid_configuration_not_low_budget(store):
    result = store("--service", "nope")
    line = decided(result, 5)
    assert line.startswith("invalid: no service named 'nope'")
    assert result.stderr.startswith("error: no service named 'nope'")


def test_service_mode_takes_no_status_file(store, tmp_path):
    assert "--status" in usage(store("--service", "payments", "--status",
                                     str(tmp_path / "s.json")))


def test_a_missing_database_is_invalid_configuration(tmp_path):
    # A database URL that cannot be opened is a configuration problem, never "low budget".
    folder = tmp_path / "not-a-folder"
    folder.write_text("", encoding="utf-8")
    result = gate("--service", "payments", db=f"sqlite:///{folder}/x.db")
    line = decided(result, 5)
    assert line.startswith("invalid: cannot create folder")
    assert result.stderr.startswith("error: cannot create folder")


def test_help_lists_the_exit_codes():
    result = runner.invoke(app, ["gate", "--help"])
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    for code in ("0 pass", "1 remaining budget", "2 usage", "3 a freeze", "4 status data",
                 "5 the policy"):
        assert code in text


def test_the_status_file_may_be_yaml(files, tmp_path):
    options = files(950)
    status = tmp_path / "status.yaml"
    status.write_text(
        "generated_at: 2026-11-25T06:00:00Z\n"
        "slos:\n"
        "- name: orders-availability\n"
        "  target: '99'\n"
        "  period: {length: 28d, elapsed: 28d}\n"
        "  total: 100000\n"
        "  bad: 951\n", encoding="utf-8")
    options[-1] = str(status)
    decided(gate(*options), 1)


def test_the_exported_demo_policy_gates_a_status_file(store, demo_db_url, files, tmp_path):
    """The round trip a pipeline makes: export the agreed policy, gate a status file."""
    out = tmp_path / "checkout.yaml"
    result = runner.invoke(app, ["--db", demo_db_url, "policy", "export", "checkout",
                                 "--format", "yaml", "--agreed", "--out", str(out)])
    assert result.exit_code == 0, result.output
    status = Path(files(950)[-1])
    status.write_text(json.dumps({"generated_at": GENERATED, "slos": [
        {"name": "upi-payment-availability", "service": "payments", "target": "99.5",
         "period": {"length": "28d", "elapsed": "28d"}, "total": 1000, "bad": 0},
        {"name": "checkout-availability", "service": "orders", "target": "99.9",
         "period": {"length": "28d", "elapsed": "28d"}, "total": 1000, "bad": 0,
         "dependencies": []},
    ]}), encoding="utf-8")
    line = decided(gate("--policy", str(out), "--status", str(status)), 0)
    assert line.startswith("pass for policy checkout")


def test_an_unexpected_failure_exits_5_not_1(files, monkeypatch):
    import workbench.domain.policy as domain

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(domain, "decide", broken)
    result = gate(*files(950))
    assert result.exit_code == 5
    assert result.stdout == "invalid: the gate failed unexpectedly: RuntimeError: boom\n"
    # The traceback is for whoever reads the log, on stderr.
    assert result.stderr.startswith("Traceback")
    assert result.stderr.splitlines()[-1] == ("error: the gate failed unexpectedly: "
                                              "RuntimeError: boom")
