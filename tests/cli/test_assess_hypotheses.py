"""``workbench assess hypothesis list|add|update|remove``."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from workbench.commands import assess, common

runner = CliRunner()


@pytest.fixture
def demo_db(demo, db_url, monkeypatch):
    monkeypatch.setitem(common.options, "db", db_url)
    return demo


def test_demo_hypotheses_show_deltas_after_review(demo_db):
    result = runner.invoke(assess.app, ["hypothesis", "list", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [h["stakeholder_group"] for h in data] == ["Developers", "Product owners",
                                                      "Executives"]
    developers = data[0]
    assert developers["statement"].startswith("We believe sharing on-call")
    assert {c["criterion_id"]: c["delta"] for c in developers["delta"]["criteria"]} == {
        "people-developers": 1, "process-on-call": 1, "process-incident-response": 1}
    assert data[1]["delta"] is None  # review date still ahead
    table = runner.invoke(assess.app, ["hypothesis", "list", "--team", "Platform"])
    assert table.exit_code == 0, table.output
    lines = table.stdout.splitlines()
    assert len(lines) == 2 and "Executives" in lines[1] and "↑ +1" in lines[1]


def test_add_update_remove(demo_db):
    result = runner.invoke(assess.app, [
        "hypothesis", "add", "--team", "Fulfilment", "-g", "Courier partners",
        "--capability", "tracking SLOs", "--outcome", "fewer support calls",
        "--signal", "calls about late parcels halve", "-c", "process-support,tech-monitoring",
        "--review-date", "2027-03-01"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Added hypothesis 4 for Fulfilment: We believe tracking")
    refused = runner.invoke(assess.app, ["hypothesis", "update", "4", "--status", "refuted"])
    assert refused.exit_code == 2
    assert refused.stderr == ("error: hypothesis: a refuted hypothesis needs evidence: say "
                              "what the signal showed\n")
    done = runner.invoke(assess.app, ["hypothesis", "update", "4", "--status", "refuted",
                                      "--evidence", "calls unchanged"])
    assert done.exit_code == 0, done.output
    listed = json.loads(runner.invoke(assess.app, ["hypothesis", "list", "--status", "refuted",
                                                   "--json"]).stdout)
    assert [h["id"] for h in listed] == [4]
    assert runner.invoke(assess.app, ["hypothesis", "remove", "4"]).exit_code == 0
    gone = runner.invoke(assess.app, ["hypothesis", "remove", "4"])
    assert gone.exit_code == 1 and "no hypothesis 4" in gone.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["add", "-g", "G", "--capability", "c", "--outcome", "o", "--signal", "s", "-c", "nope"],
     "unknown criterion 'nope'"),
    (["add", "-g", "G", "--capability", "c", "--outcome", "o", "--signal", "s",
      "--review-date", "soon"], "--review-date 'soon' is not a date"),
    (["update", "1"], "nothing to change"),
    (["list", "--status", "maybe"], "--status 'maybe' is not valid"),
])
def test_hypothesis_errors(demo_db, args, message):
    result = runner.invoke(assess.app, ["hypothesis", *args])
    assert result.exit_code == 2
    assert message in result.stderr
