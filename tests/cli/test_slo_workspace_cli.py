"""``workbench slo`` commands that use the workspace: list, set, status, import-counts,
import (export: ``test_slo_export_formats_cli.py``), and the alert tiers of ``slo alerts``.
Bad input: exit code non-zero, one line, no traceback, nothing saved."""

from __future__ import annotations

import json

import pytest
import yaml
from typer.testing import CliRunner

from workbench.cli import app

runner = CliRunner()


@pytest.fixture
def cli(db_url, monkeypatch):
    def invoke(*args: str):
        return runner.invoke(app, ["--db", db_url, *args])

    return invoke


@pytest.fixture
def demo_cli(cli, demo_at_db_url):
    return cli


def one_line_error(result, code: int = 2) -> str:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    lines = [ln for ln in result.output.splitlines() if ln.startswith("error: ")]
    assert len(lines) == 1, result.output
    return lines[0]


def test_list_table_and_json(demo_cli):
    result = demo_cli("slo", "list")
    assert result.exit_code == 0
    rows = {line.split()[0]: line.split() for line in result.output.splitlines()[1:]}
    assert rows["checkout-latency"][:5] == ["checkout-latency", "orders", "95%", "within",
                                            "800"]
    assert "95% within 800 ms" in result.output
    data = json.loads(demo_cli("slo", "list", "--json", "--team", "Checkout").output)
    assert {d["name"] for d in data} == {"checkout-availability", "checkout-latency",
                                         "checkout-latency-slow", "upi-payment-availability"}
    assert next(d for d in data if d["name"] == "checkout-availability")["target"] == "99.9"


def test_status_json_and_burn_down(demo_cli):
    data = json.loads(demo_cli("slo", "status", "upi-payment-availability", "--date",
                               "2026-11-25", "--json").output)
    assert data["start"] == "2026-11-02" and data["end"] == "2026-11-29"
    assert data["projected_exhaustion"] is True
    assert len(data["burn_down"]) == 24
    assert isinstance(data["burn_rate"], str)
    text = demo_cli("slo", "status", "checkout-availability", "--date", "2026-11-25",
                    "--burn-down").output
    assert "budget remaining" in text and "2026-11-02" in text and "IDEAL" in text
    empty = demo_cli("slo", "status", "checkout-availability", "--date", "2020-01-01")
    assert empty.exit_code == 0 and "none in this period yet" in empty.output
    error = one_line_error(demo_cli("slo", "status", "nope"), 1)
    assert "no SLO named 'nope'" in error


def test_set_offers_book_defaults_and_warns(demo_cli):
    result = demo_cli("slo", "set", "cart-latency", "--kind", "latency", "--service", "cart")
    assert result.exit_code == 0, result.output
    assert "80% within 1000 ms" in result.output
    assert "book's default" in result.output
    result = demo_cli("slo", "set", "cart-availability", "--target", "99.99", "--historical",
                      "99.9", "--service", "cart")
    assert result.exit_code == 0 and "warning: target 99.99% is tighter" in result.output
    error = one_line_error(demo_cli("slo", "set", "x", "--target", "100"))
    assert "no error budget" in error


def test_import_counts_csv(demo_cli, tmp_path):
    good = tmp_path / "c.csv"
    good.write_text("date,good,bad\n2026-11-24,10,0\n2026-11-25,20,1\n", encoding="utf-8")
    result = demo_cli("slo", "import-counts", "tracking-availability", str(good))
    assert result.exit_code == 0 and "Imported 2 days" in result.output
    bad = tmp_path / "bad.csv"
    bad.write_text("date,good,bad\n2026-11-26,5,0\n2026-11-31,1,1\n2026-11-27,-1,0\n",
                   encoding="utf-8")
    before = demo_cli("slo", "status", "tracking-availability", "--date", "2026-11-27",
                      "--json").output
    error = one_line_error(demo_cli("slo", "import-counts", "tracking-availability", str(bad)))
    assert "line 3: date '2026-11-31'" in error and "line 4: good -1 is negative" in error
    after = demo_cli("slo", "status", "tracking-availability", "--date", "2026-11-27",
                     "--json").output
    assert before == after
    missing = one_line_error(demo_cli("slo", "import-counts", "tracking-availability",
                                      str(tmp_path / "none.csv")))
    assert "no such file" in missing


def test_alert_tiers_that_can_never_fire_are_flagged(cli):
    """At 90% the budget is 10% of the events: page-fast (burn rate 14.4) would need 144% of
    them to be bad, so it can never fire; every other tier needs less than 100%."""
    data = json.loads(cli("slo", "alerts", "--target", "90", "--json").output)
    rules = {r["name"]: r for r in data["rules"]}
    assert rules["page-fast"]["bad_share_percent"] == "144"
    assert rules["page-fast"]["can_fire"] is False
    assert rules["page-fast"]["problem"] == (
        "page-fast can never fire at a 90% target: it needs more than 144% of events to be "
        "bad (drop this tier, or use a burn rate below 10)")
    assert {n for n, r in rules.items() if r["can_fire"]} == {
        "slo-breach-60m", "page-slow", "ticket-fast", "ticket-slow"}
    assert all(r["problem"] is None for r in rules.values() if r["can_fire"])
    result = cli("slo", "alerts", "--target", "90")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[-1] == "FIRES"
    row = next(line for line in lines if line.startswith("page-fast"))
    assert row.split()[-1] == "never" and "144%" in row
    assert next(line for line in lines if line.startswith("page-slow")).split()[-1] == "yes"
    assert lines[-1] == rules["page-fast"]["problem"]
    # At 99.9% every tier can fire: no "never", no advice.
    strict = cli("slo", "alerts", "--target", "99.9").output
    assert "never" not in strict and "can never fire" not in strict
    assert all(r["can_fire"] for r in json.loads(
        cli("slo", "alerts", "--target", "99.9", "--json").output)["rules"])


def test_import_round_trip_and_dry_run(demo_cli, tmp_path):
    demo_cli("slo", "export", "--format", "yaml", "--out", str(tmp_path / "a"))
    source = tmp_path / "a/bharatmart/slos.yaml"
    assert demo_cli("init", "Empty").exit_code == 0
    dry = demo_cli("slo", "import", str(source), "--dry-run", "-w", "Empty")
    assert dry.exit_code == 0 and "would import 3 personas" in dry.output
    assert demo_cli("slo", "list", "-w", "Empty", "--json").output.strip() == "[]"
    result = demo_cli("slo", "import", str(source), "-w", "Empty")
    assert result.exit_code == 0, result.output
    days = sum(len(slo["counts"]) for slo in yaml.safe_load(
        source.read_text(encoding="utf-8"))["slos"])
    assert f"Imported 3 personas, 1 story maps, 6 SLOs, {days} days of counts" in result.output
    # uids are unique in a database: a copy in another workspace of it gets new ones ...
    demo_cli("slo", "export", "--format", "yaml", "--out", str(tmp_path / "b"), "-w", "Empty")
    copied = yaml.safe_load((tmp_path / "b/empty/slos.yaml").read_text(encoding="utf-8"))
    original = yaml.safe_load(source.read_text(encoding="utf-8"))
    assert not {s["uid"] for s in copied["slos"]} & {s["uid"] for s in original["slos"]}
    # ... while another database keeps them: the round trip gives the same file back.
    other = f"sqlite:///{tmp_path / 'other.db'}"
    assert runner.invoke(app, ["--db", other, "init", "Empty"]).exit_code == 0
    assert runner.invoke(app, ["--db", other, "slo", "import", str(source)]).exit_code == 0
    runner.invoke(app, ["--db", other, "slo", "export", "--format", "yaml", "--out",
                        str(tmp_path / "c")])
    assert (tmp_path / "c/empty/slos.yaml").read_text(encoding="utf-8") == source.read_text(
        encoding="utf-8")


def test_import_refuses_a_file_with_problems_and_saves_nothing(demo_cli, tmp_path):
    demo_cli("slo", "export", "--format", "yaml", "--out", str(tmp_path / "a"))
    data = yaml.safe_load((tmp_path / "a/bharatmart/slos.yaml").read_text(encoding="utf-8"))
    data["slos"][0]["target"] = "100"
    data["slos"][1]["period"] = "1y"
    data["personas"][0]["mood"] = "grumpy"
    broken = tmp_path / "broken.yaml"
    broken.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert demo_cli("init", "Empty").exit_code == 0
    error = one_line_error(demo_cli("slo", "import", str(broken), "-w", "Empty"))
    assert error.startswith("error: 3 problems, nothing imported: ")
    assert f"{broken}:" in error
    for fragment in ("personas[0].mood: unknown key", "slos[0].target: SLO target 100",
                     "slos[1].period: '1y' is not a compliance period"):
        assert fragment in error
    assert demo_cli("slo", "list", "-w", "Empty", "--json").output.strip() == "[]"
    syntax = tmp_path / "syntax.yaml"
    syntax.write_text("kind: workbench/slos\nversion: 1\nslos: [\n", encoding="utf-8")
    assert "not valid YAML" in one_line_error(demo_cli("slo", "import", str(syntax)))


def test_personas_and_story_map(demo_cli):
    personas = json.loads(demo_cli("slo", "personas", "--json").output)
    assert {p["needs"] for p in personas} == {"availability", "correctness", "throughput"}
    assert "Priya, shopper on the move" in demo_cli("slo", "personas", "--team",
                                                    "Checkout").output
    text = demo_cli("slo", "map").output
    assert "1. Find product" in text and "4. Track delivery" in text
    assert "* Pay by UPI" in text and "SLO upi-payment-availability (99.5% available)" in text
    [story_map] = json.loads(demo_cli("slo", "map", "Checkout journey", "--json").output)
    assert [a["title"] for a in story_map["activities"]] == [
        "Find product", "Build basket", "Pay", "Track delivery"]
    error = one_line_error(demo_cli("slo", "map", "Nope"), 1)
    assert "no story map titled 'Nope'" in error


def test_empty_workspace_messages(cli):
    assert cli("init", "Empty").exit_code == 0
    assert "No SLOs yet" in cli("slo", "list").output
    assert "No personas yet" in cli("slo", "personas").output
    assert "No story maps yet" in cli("slo", "map").output


def test_record_one_day(demo_cli):
    result = demo_cli("slo", "record", "tracking-availability", "--good", "1000", "--bad", "5",
                      "--date", "2026-11-26")
    assert result.exit_code == 0 and "Recorded 1,000 good and 5 bad" in result.output
    data = json.loads(demo_cli("slo", "status", "tracking-availability", "--date",
                               "2026-11-26", "--json").output)
    assert data["burn_down"][-1]["date"] == "2026-11-26"
    assert "--bad must be 0 or more" in one_line_error(
        demo_cli("slo", "record", "tracking-availability", "--good", "1", "--bad", "-1"))


def test_set_updates_only_the_given_fields(demo_cli):
    result = demo_cli("slo", "set", "checkout-latency", "--target", "96")
    assert result.exit_code == 0, result.output
    data = {d["name"]: d for d in json.loads(demo_cli("slo", "list", "--json").output)}
    latency = data["checkout-latency"]
    # Editing the agreed SLO starts a new draft; the agreed revision stays in force.
    assert (latency["target"], latency["threshold_ms"], latency["service"], latency["story"],
            latency["status"]) == ("96", "800", "orders", "Place the order", "draft")
    assert latency["agreed_revision_in_force"] is not None
    assert "note:" not in result.output
    demo_cli("slo", "set", "checkout-latency", "--story", "", "--service", "")
    latency = {d["name"]: d for d in json.loads(
        demo_cli("slo", "list", "--json").output)}["checkout-latency"]
    assert (latency["service"], latency["story"]) == (None, None)
    demo_cli("slo", "set", "checkout-latency", "--story", "checkout journey/pay by upi")
    latency = {d["name"]: d for d in json.loads(
        demo_cli("slo", "list", "--json").output)}["checkout-latency"]
    assert latency["story"] == "Pay by UPI"
    error = one_line_error(demo_cli("slo", "set", "x", "--story", "Nope"), 1)
    assert "no story titled 'Nope'" in error
