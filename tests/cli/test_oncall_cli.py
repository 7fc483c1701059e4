"""``workbench oncall`` on the demo workspace: Checkout's draft (rotation "Checkout 24x7",
main + backup, 24x7, eight people in Asia/Kolkata, Neha Gupta away in the turn of
2026-12-07, Sneha Pillai swapped into main on 2026-12-14; the cart decision is open) and
Platform's agreed agreement ("Platform business hours", rotating 8x5, five people).
Fulfilment, SRE and Storefront have none.

Bad input: one line per problem on stderr, no traceback, exit 2 (usage) or 1 (not found,
conflict), and nothing written: such tests compare the agreements before and after."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from workbench.cli import app

DAY = "2026-11-25"


def snapshot(cli) -> dict:
    """Every agreement with what a write would change, and the rules' version."""
    data = cli.json("oncall", "list", "--json")
    found = {a["team"]: (a["version"], a["revisions"], a["status"])
             for a in data["agreements"]}
    return {**found, "rules": data["rules"]["version"]}


def shown(cli, team: str) -> dict:
    return cli.json("oncall", "show", team, "--json")


@pytest.fixture
def before(cli):
    return snapshot(cli)


def unchanged(cli, before) -> None:
    assert snapshot(cli) == before


# --- list and show -------------------------------------------------------------------------


def test_help_lists_every_command():
    result = CliRunner().invoke(app, ["oncall", "--help"])
    assert result.exit_code == 0
    for name in ("list", "show", "new", "edit", "remove", "decide", "schedule", "fairness",
                 "override", "swap", "rules", "export", "import", "agree", "reopen",
                 "history", "diff"):
        assert f"  {name} " in result.stdout, name
    for command in ("decide", "schedule", "fairness", "override", "swap", "rules", "export"):
        text = CliRunner().invoke(app, ["oncall", command, "--help"]).stdout
        assert "--version" in text or command in ("schedule", "fairness", "export")
        assert "--json" in text or command == "export"


def test_list_shows_every_team(cli, ok, fits):
    out = ok(cli("oncall", "list"))
    lines = out.splitlines()
    assert lines[0] == "On-call agreements of BharatMart as of 2026-11-25: 2 of 5 teams"
    assert lines[2].split() == ["TEAM", "STATUS", "ROTATIONS", "WARNINGS", "MISSING", "IN",
                                "FORCE"]
    assert [line.split() for line in lines[3:8]] == [
        ["Checkout", "draft", "Checkout", "24x7", "4", "1", "-"],
        ["Fulfilment", "none", "-", "-", "-", "-"],
        ["Platform", "agreed", "Platform", "business", "hours", "0", "0", "2"],
        ["SRE", "none", "-", "-", "-", "-"],
        ["Storefront", "none", "-", "-", "-", "-"],
    ]
    assert lines[-1] == "Start an agreement with: workbench oncall new TEAM"
    fits(out)


def test_list_json(cli, as_json):
    data = as_json(cli("oncall", "list", "--json"))
    assert data["as_of"] == DAY
    assert data["without"] == ["Fulfilment", "SRE", "Storefront"]
    assert data["rules"]["version"] == 0 and data["rules"]["max_share"] == 30
    by_team = {a["team"]: a for a in data["agreements"]}
    checkout = by_team["Checkout"]
    assert (checkout["status"], checkout["version"], checkout["in_force_revision"]) == \
        ("draft", 1, None)
    assert checkout["rotations"] == ["Checkout 24x7"] and checkout["warnings"] == 4
    assert checkout["missing"] == [{"part": "decisions[2].chosen", "message":
                                    "decide out-of-hours on-call for cart (none, domain or "
                                    "team)"}]
    platform = by_team["Platform"]
    assert (platform["status"], platform["in_force_revision"], platform["missing"]) == \
        ("agreed", 2, [])


def test_show_prints_every_part(cli, ok, fits):
    out = ok(cli("oncall", "show", "Checkout"))
    lines = out.splitlines()
    assert lines[0] == "On-call agreement of Checkout"
    for text in (
        "Out-of-hours decisions (3):",
        "  orders: target 99.9% (SLO checkout-availability), deployed daily",
        "    rule: a rotation per domain (target 99.5% is from 99.5% to below 99.9%)",
        "  cart: no target, deployed daily",
        "    chosen: - (not decided yet)",
        "Rotations, 8 weeks from 2026-11-25 (1):",
        "    turn of 2026-11-23: main Lakshmi Menon, backup Aditi Rao",
        "    8 turns, 16 shifts, 4 fairness warnings",
        "Fairness warnings (4):",
        "Escalation (1):",
        "  Checkout SLO breaches, repeated 3 times:",
        "    1. Checkout 24x7 (main), then 60 min to acknowledge",
        "    3. engineering manager (Anita Desai), then 240 min to acknowledge",
        "Incident priorities (3):",
        "  critical: incident commander, communications lead, operations lead",
        "must agree: operations, development, product owner",
        "Missing before it can be agreed (1):",
    ):
        assert text in lines, text
    assert "    chosen: a rotation per development team on 2026-11-18 (not what the rule\n" \
           "        says): Payment partners' outages need the team's knowledge at night\n" in out
    assert "  Checkout 24x7: main + backup, 24x7, 8 people, weekly turns handed over Mon\n" \
           "      10:00 Asia/Kolkata, from 2026-10-26\n" in out
    fits(out)


def test_show_names_a_rule_that_is_silent(cli, ok, fits):
    out = ok(cli("oncall", "show", "--team", "platform"))
    assert "    rule: coach decision needed (target 99.95% is high but it is deployed only\n" \
           "        weekly: the rule covers high targets with high demand only)\n" in out
    assert "status: agreed (version 2; 2 revisions)" in out.splitlines()
    assert "Fairness warnings: none" in out.splitlines()
    fits(out)


def test_show_json(cli):
    data = shown(cli, "Checkout")
    assert data["as_of"] == DAY and data["weeks"] == 8 and data["in_force"] is None
    assert [d["service"] for d in data["decisions"]] == ["orders", "payments", "cart"]
    payments = data["decisions"][1]
    assert payments == {
        "service": "payments", "target": "99.5", "target_source": "slo",
        "slo": "upi-payment-availability", "demand": "weekly",
        "recommendation": {"outcome": "domain", "title": "a rotation per domain",
                           "why": "target 99.5% is from 99.5% to below 99.9%"},
        "chosen": "team", "reason": "Payment partners' outages need the team's knowledge "
                                    "at night",
        "decided": "2026-11-18", "follows_rule": False}
    assert data["decisions"][2]["recommendation"]["outcome"] is None
    [plan] = data["plans"]
    assert (plan["rotation"], plan["turns"], plan["shifts"], plan["warnings"]) == \
        ("Checkout 24x7", 8, 16, 4)
    assert plan["current"] == {"day": "2026-11-23", "main": "Lakshmi Menon",
                               "backup": "Aditi Rao"}
    assert [w["kind"] for w in data["fairness_warnings"]] == \
        ["share", "share", "consecutive", "consecutive"]
    assert data["agreement"]["rotations"][0]["zone"] == "Asia/Kolkata"
    assert [p["role"] for p in data["parties"]] == ["operations", "development",
                                                    "product owner"]
    assert shown(cli, "Checkout")["plans"] == data["plans"]
    assert cli.json("oncall", "show", "Checkout", "--weeks", "2", "--json")["plans"][0][
        "turns"] == 2


@pytest.mark.parametrize("args, code, fragment", [
    (["show"], 2, "--team TEAM"),
    (["show", "Checkout", "--team", "SRE"], 2, "given twice"),
    (["show", "Nowhere"], 1, "error: no team named 'Nowhere'"),
    (["show", "SRE"], 1, "team SRE has no on-call agreement yet; start one with: workbench "
                         "oncall new 'SRE'"),
    (["show", "Checkout", "--weeks", "0"], 2, "--weeks 0 is out of range; use 1 to 104"),
    (["show", "Checkout", "--weeks", "x"], 2, "--weeks"),
])
def test_show_mistakes_are_one_line(cli, one_line_error, args, code, fragment):
    assert fragment in one_line_error(cli("oncall", *args), code)


# --- new, edit, remove ---------------------------------------------------------------------


def test_new_starts_a_draft_once(cli, ok, one_line_error):
    out = ok(cli("oncall", "new", "Storefront"))
    lines = out.splitlines()
    assert lines[0] == "Started the on-call agreement of team Storefront as a draft (version 1)"
    assert lines[1].startswith("Still missing: ")
    assert lines[-1] == "Fill it in with: workbench oncall edit Storefront"
    assert shown(cli, "Storefront")["revisions"] == 1
    line = one_line_error(cli("oncall", "new", "Storefront"), 1)
    assert "team Storefront has an on-call agreement already" in line


def exported_yaml(cli, team: str) -> str:
    return cli.ok("oncall", "export", team, "--format", "yaml")


def test_edit_file_saves_the_whole_agreement(cli, tmp_path, ok):
    text = exported_yaml(cli, "Checkout").replace("repeats: 3", "repeats: 2")
    file = tmp_path / "checkout.yaml"
    file.write_text(text, encoding="utf-8")
    out = ok(cli("oncall", "edit", "Checkout", "--file", str(file)))
    assert out.startswith("Saved the on-call agreement of team Checkout: draft")
    assert shown(cli, "Checkout")["agreement"]["escalations"][0]["repeats"] == 2
    again = ok(cli("oncall", "edit", "Checkout", "--file", str(file)))
    assert again == "Nothing changed in the on-call agreement of team Checkout; nothing saved\n"


def test_edit_file_with_problems_prints_each_and_writes_nothing(cli, before, tmp_path):
    text = exported_yaml(cli, "Checkout").replace("coverage: 24x7", "coverage: 25x7") \
        .replace("zone: Asia/Kolkata", "zone: Mars/Olympus")
    file = tmp_path / "checkout.yaml"
    file.write_text(text, encoding="utf-8")
    result = cli("oncall", "edit", "--team", "Checkout", "--file", str(file))
    assert result.exit_code == 2 and "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 3, lines
    assert lines[0].startswith(f"{file}:") and "rotations[0].coverage: " in lines[0]
    assert lines[1].startswith(f"{file}:") and "rotations[0].zone: 'Mars/Olympus'" in lines[1]
    assert lines[2] == f"error: 2 problems in {file}; nothing was saved"
    unchanged(cli, before)


def test_a_file_of_another_team_is_refused(cli, before, tmp_path, one_line_error):
    file = tmp_path / "platform.yaml"
    file.write_text(exported_yaml(cli, "Platform"), encoding="utf-8")
    line = one_line_error(cli("oncall", "edit", "Checkout", "--file", str(file)), 2)
    assert "is the on-call agreement of team Platform, not of Checkout" in line
    unchanged(cli, before)


def test_edit_in_the_editor_saves_what_reads(cli, monkeypatch, ok, editor):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", editor("repeats: 3", "repeats: 1"))
    out = ok(cli("oncall", "edit", "Checkout"))
    assert out.startswith("Saved the on-call agreement of team Checkout")
    assert shown(cli, "Checkout")["agreement"]["escalations"][0]["repeats"] == 1


def test_an_edit_that_does_not_read_is_kept(cli, before, monkeypatch, isolated_home, editor):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", editor("shape: rotating", "shape: rotatingg"))
    result = cli("oncall", "edit", "Platform")
    assert result.exit_code == 2 and "Traceback" not in result.output
    [kept] = (isolated_home / "drafts").iterdir()
    assert kept.name == "oncall-platform-20261125T090000Z.yaml"
    lines = result.stderr.splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith(f"{kept}:") and "rotations[0].shape: " in lines[0]
    assert lines[1] == (f"error: nothing was saved; your edit is kept in {kept}: fix it and "
                        f"load it with: workbench oncall edit --team Platform --file {kept}")
    unchanged(cli, before)


def test_closing_the_editor_without_a_change_saves_nothing(cli, before, monkeypatch, ok):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "true")
    out = ok(cli("oncall", "edit", "Checkout"))
    assert out == ("No change made in the editor; the on-call agreement of team Checkout "
                   "stays as it was\n")
    unchanged(cli, before)


def test_edit_of_a_team_without_one_says_how_to_start(cli, before, one_line_error):
    line = one_line_error(cli("oncall", "edit", "SRE"), 1)
    assert "start one with: workbench oncall new 'SRE'" in line
    unchanged(cli, before)


def test_a_stale_version_writes_nothing(cli, before, tmp_path, one_line_error):
    file = tmp_path / "checkout.yaml"
    file.write_text(exported_yaml(cli, "Checkout").replace("repeats: 3", "repeats: 2"),
                    encoding="utf-8")
    line = one_line_error(cli("oncall", "edit", "Checkout", "--file", str(file),
                              "--version", "7"), 1)
    assert line == ("error: the on-call agreement of team Checkout was changed by someone "
                    "else since you opened it (you opened version 7, it is now version 1); "
                    "nothing was saved: reload it and make your change again")
    unchanged(cli, before)


def test_remove_needs_confirmation_then_removes(cli, before, ok, one_line_error):
    line = one_line_error(cli("oncall", "remove", "Platform"), 2)
    assert line == ("error: removing the on-call agreement of team Platform needs "
                    "confirmation; add --yes")
    one_line_error(cli("oncall", "remove", "Platform", "--yes", "--version", "1"), 1)
    unchanged(cli, before)
    out = ok(cli("oncall", "remove", "Platform", "--yes", "--version", "2"))
    assert out == "Removed the on-call agreement of team Platform (2 revisions)\n"
    assert "Platform" in cli.json("oncall", "list", "--json")["without"]


# --- decide ----------------------------------------------------------------------------------


def test_decide_shows_the_recommendation_and_writes_nothing(cli, before, ok, fits):
    out = ok(cli("oncall", "decide", "Checkout", "--service", "orders"))
    assert out.splitlines()[:4] == [
        "Out-of-hours decision for orders (team Checkout)",
        "target: 99.9% (SLO checkout-availability)",
        "demand: deployed daily",
        "rule: a rotation per development team (target 99.9% is high and it is deployed",
    ]
    assert "thresholds: below 99.5%: no out-of-hours on-call; from 99.5% to below 99.9%: a\n" \
           "    rotation per domain; from 99.9% deployed daily or more often: a rotation per\n" \
           "    development team; anything else: coach decision needed\n" in out
    assert "Nothing was recorded; record the decision with: workbench oncall decide" in out
    fits(out)
    unchanged(cli, before)


def test_decide_says_when_the_coach_must_decide(cli, ok):
    out = ok(cli("oncall", "decide", "Checkout", "--service", "cart"))
    assert "rule: coach decision needed (no availability target: set one, or give the\n" in out
    out = ok(cli("oncall", "decide", "Checkout", "--service", "cart", "--target", "99.95",
                 "--demand", "monthly"))
    assert "target: 99.95% (as typed)\n" in out
    assert "rule: coach decision needed (target 99.95% is high but it is deployed only\n" in out


def test_decide_json(cli, before, as_json):
    data = as_json(cli("oncall", "decide", "Checkout", "--service", "cart", "--target", "99.95",
                       "--json"))
    assert data["recommendation"] == {"outcome": "team",
                                      "title": "a rotation per development team",
                                      "why": "target 99.95% is high and it is deployed daily"}
    assert (data["target"], data["target_source"], data["demand"]) == \
        ("99.95", "option", "daily")
    assert data["thresholds"]["low_target"] == "99.5" and data["recorded"] is False
    assert (data["chosen"], data["version"]) == (None, 1)
    unchanged(cli, before)


def test_decide_records_the_choice_with_its_reason(cli, ok, as_json):
    out = ok(cli("oncall", "decide", "Checkout", "--service", "cart", "--target", "99.9",
                 "--choose", "team", "--reason", "Cart feeds orders", "--version", "1"))
    assert "chosen: a rotation per development team on 2026-11-25: Cart feeds orders\n" in out
    assert out.endswith("Recorded in the on-call agreement of team Checkout (version 2)\n")
    data = shown(cli, "Checkout")
    cart = data["decisions"][2]
    assert (cart["chosen"], cart["reason"], cart["target"], cart["follows_rule"]) == \
        ("team", "Cart feeds orders", "99.9", True)
    assert data["missing"] == []


@pytest.mark.parametrize("args, code, fragment", [
    (["--choose", "team"], 2, "error: --reason: say why"),
    (["--choose", "nightly", "--reason", "x"], 2, "--choose 'nightly' is not one of: none, "
                                                   "domain, team"),
    (["--demand", "hourly"], 2, "--demand 'hourly' is not one of: several-a-day, daily"),
    (["--target", "101"], 2, "--target '101' is not a percentage"),
    (["--reason", "x"], 2, "--reason goes with --choose"),
    (["--choose", "none", "--reason", "x", "--version", "0"], 1, "changed by someone else"),
])
def test_decide_mistakes_are_one_line(cli, before, one_line_error, args, code, fragment):
    line = one_line_error(cli("oncall", "decide", "Checkout", "--service", "cart", *args),
                          code)
    assert fragment in line
    unchanged(cli, before)


def test_decide_needs_a_service(cli, one_line_error):
    assert "--service SERVICE" in one_line_error(cli("oncall", "decide", "Checkout"), 2)


# --- schedule and fairness -------------------------------------------------------------------


def test_schedule_table(cli, ok, fits):
    out = ok(cli("oncall", "schedule", "Checkout", "--rotation", "checkout 24x7"))
    lines = out.splitlines()
    assert lines[0] == ("Schedule of Checkout 24x7 (team Checkout): 8 weeks from 2026-11-25, "
                        "8 turns")
    assert lines[4].split() == ["DAY", "START", "END", "ROLE", "PERSON"]
    assert lines[5] == ("2026-11-23  10:00 IST  2026-11-30 10:00 IST  main    Lakshmi Menon")
    assert lines[6].split() == ["backup", "Aditi", "Rao"]
    assert "2026-12-07  10:00 IST  2026-12-14 10:00 IST  main    Sneha Pillai" in lines
    assert out.endswith(
        "* changed from the plain rotation:\n"
        "  2026-12-07 backup: Farhan Ali instead of Neha Gupta (Neha Gupta unavailable)\n"
        "  2026-12-14 main: Sneha Pillai instead of Manish Joshi (override: swapped at\n"
        "      the retro)\n")
    fits(out)


def test_the_rotation_names_the_team_when_no_team_is_given(cli, ok):
    # as the issue writes it: workbench oncall schedule --rotation R --weeks 8
    out = ok(cli("oncall", "schedule", "--rotation", "platform business hours", "--weeks", "1"))
    assert out.startswith("Schedule of Platform business hours (team Platform): 1 week")
    fairness = ok(cli("oncall", "fairness", "--rotation", "Checkout 24x7"))
    assert fairness.startswith("Fairness of Checkout 24x7: 8 turns")


def test_schedule_json_and_horizon(cli, as_json):
    data = as_json(cli("oncall", "schedule", "Checkout", "--weeks", "2", "--since",
                       "2026-12-01", "--json"))
    assert (data["rotation"], data["zone"], data["since"], data["weeks"]) == \
        ("Checkout 24x7", "Asia/Kolkata", "2026-12-01", 2)
    assert [t["day"] for t in data["turns"]] == ["2026-11-30", "2026-12-07"]
    second = data["turns"][1]
    assert second["start"] == "2026-12-07T10:00:00+05:30"
    assert second["slots"][1] == {"role": "backup", "person": "Farhan Ali",
                                  "planned": "Neha Gupta", "reason": "Neha Gupta unavailable"}
    assert [s["changed"] for s in data["shifts"]] == [False, False, False, True]


@pytest.mark.parametrize("args, code, fragment", [
    (["Checkout", "--rotation", "Nights"], 1, "team Checkout has no rotation named 'Nights' "
                                              "(rotations: Checkout 24x7)"),
    (["Checkout", "--weeks", "105"], 2, "--weeks 105 is out of range; use 1 to 104"),
    (["Checkout", "--since", "2026-02-30"], 2, "--since"),
    (["SRE"], 1, "has no on-call agreement yet"),
    (["--rotation", "Nights"], 2, "no on-call agreement has a rotation named 'Nights'"),
])
def test_schedule_mistakes_are_one_line(cli, one_line_error, args, code, fragment):
    assert fragment in one_line_error(cli("oncall", "schedule", *args), code)


def test_fairness_table(cli, ok, fits):
    out = ok(cli("oncall", "fairness", "Checkout"))
    lines = out.splitlines()
    assert lines[:2] == [
        "Fairness of Checkout 24x7: 8 turns from 2026-11-23 (8 weeks from 2026-11-25)",
        "covered: 1344 h; at most 30% each; 8 people (6 needed to rest)"]
    assert lines[3].split() == ["PERSON", "TURNS", "SHIFTS", "HOURS", "OUT", "OF", "HOURS",
                                "WEEKEND", "DAYS", "SHARE"]
    assert lines[4].split() == ["Aditi", "Rao", "2", "2", "336", "256", "4", "25.0%"]
    assert lines[7].split() == ["Farhan", "Ali", "3", "3", "504", "384", "6", "37.5%", "over"]
    assert "Warnings (4):" in lines
    assert "  - Farhan Ali is on call 37.5% of the covered time, over the 30% limit (add" in lines
    fits(out)
    platform = ok(cli("oncall", "fairness", "Platform", "--rotation", "Platform business hours"))
    assert "Karan Malhotra  2      10      80     0             0             25.0%" in platform
    assert platform.endswith("Warnings: none\n")


def test_fairness_json(cli, as_json):
    data = as_json(cli("oncall", "fairness", "Checkout", "--weeks", "6", "--json"))
    [rotation] = data["rotations"]
    assert (rotation["covered_hours"], rotation["needed_people"], rotation["max_share"]) == \
        ("1008", 6, 30)
    farhan = next(x for x in rotation["loads"] if x["person"] == "Farhan Ali")
    # backup in the turns of 2026-12-07 and 2026-12-14: two weeks of 24x7, 40 business hours
    # a week
    assert farhan["minutes"] == 2 * 7 * 24 * 60 and farhan["hours"] == "336"
    assert farhan["out_of_hours_hours"] == "256" and farhan["weekend_days"] == 4
    assert (farhan["share"], farhan["over_share"]) == ("33.3", True)
    assert {w["kind"] for w in rotation["warnings"]} >= {"share", "consecutive"}


def test_fairness_csv_is_the_payroll_export(cli, ok, one_line_error):
    out = ok(cli("oncall", "fairness", "Checkout", "--csv"))
    lines = out.splitlines()
    assert lines[0] == ("team,rotation,person,month,hours,out_of_hours_hours,minutes,"
                        "out_of_hours_minutes")
    assert "Checkout,Checkout 24x7,Farhan Ali,2026-12,336,256,20160,15360" in lines
    assert "--json and --csv" in one_line_error(cli("oncall", "fairness", "Checkout", "--csv",
                                                    "--json"), 2)


# --- overrides and swaps -------------------------------------------------------------------


def test_override_hands_a_turn_over_and_clear_gives_it_back(cli, ok):
    out = ok(cli("oncall", "override", "Checkout", "--rotation", "Checkout 24x7", "--day",
                 "2026-11-30", "--person", "Aditi Rao", "--note", "trade", "--version", "1"))
    assert out.startswith("Checkout 24x7: Aditi Rao takes main in the turn of 2026-11-30 (was "
                          "Rahul Verma);")
    assert "product owner (version 2)\nStill missing: decisions[2].chosen" in out
    data = cli.json("oncall", "schedule", "Checkout", "--weeks", "1", "--since", "2026-11-30",
                    "--json")
    assert data["turns"][0]["slots"][0] == {"role": "main", "person": "Aditi Rao",
                                            "planned": "Rahul Verma",
                                            "reason": "override: trade"}
    out = ok(cli("oncall", "override", "Checkout", "--day", "2026-11-30", "--clear"))
    assert out.startswith("Checkout 24x7: removed the override of main on 2026-11-30; Rahul "
                          "Verma holds it\n    again;")
    assert shown(cli, "Checkout")["version"] == 3


def test_the_calendar_raises_sequence_only_for_the_shift_that_changed(cli, ok):
    # the same history as `workbench export --format ics`: every earlier revision, so a
    # draft that was never agreed still counts its own changes
    def sequences() -> dict[str, str]:
        events = ok(cli("oncall", "export", "Checkout", "--format", "ics")).split(
            "BEGIN:VEVENT")[1:]
        return {e.split("DTSTART;TZID=Asia/Kolkata:")[1][:15] + " " +
                e.split("SUMMARY:")[1].split(":")[1].split(" —")[0].strip():
                e.split("SEQUENCE:")[1].split()[0] for e in events}
    assert set(sequences().values()) == {"0"}
    ok(cli("oncall", "override", "Checkout", "--day", "2026-11-30", "--person", "Aditi Rao"))
    after = sequences()
    assert after.pop("20261130T100000 main") == "1"
    assert set(after.values()) == {"0"}


@pytest.mark.parametrize("args, code, fragment", [
    (["--day", "2026-11-25", "--person", "X"], 2,
     "--day 2026-11-25 is not the first day of a turn of Checkout 24x7; turns start every 7 "
     "days from 2026-10-26, on Mondays"),
    (["--day", "2026-11-30", "--role", "backup-2", "--person", "X"], 2,
     "--role 'backup-2' is not a role of Checkout 24x7 (main + backup); use one of: main, "
     "backup"),
    (["--day", "2026-11-30"], 2, "give --person NAME to hand the turn over, or --clear"),
    (["--day", "2026-11-30", "--person", "X", "--clear"], 2, "--clear"),
    (["--day", "2026-11-30", "--clear"], 1, "Checkout 24x7 has no override of main on "
                                            "2026-11-30"),
    (["--day", "2026-11-30", "--person", "X", "--version", "3"], 1, "changed by someone"),
    (["--person", "X"], 2, "say which turn with --day YYYY-MM-DD"),
])
def test_override_mistakes_are_one_line(cli, before, one_line_error, args, code, fragment):
    assert fragment in one_line_error(cli("oncall", "override", "Checkout", *args), code)
    unchanged(cli, before)


def test_swap_exchanges_two_turns(cli, ok, before, one_line_error):
    assert one_line_error(cli("oncall", "swap", "Checkout", "--day", "2026-11-30", "--with",
                              "2026-11-30"), 2).startswith("error: --day and --with are both")
    one_line_error(cli("oncall", "swap", "Checkout", "--day", "2026-11-30", "--with",
                       "2026-12-07", "--version", "9"), 1)
    unchanged(cli, before)
    out = ok(cli("oncall", "swap", "Checkout", "--day", "2026-11-30", "--with", "2026-12-07"))
    assert out.startswith("Checkout 24x7: swapped main of the turns of 2026-11-30 (Sneha Pillai "
                          "now) and")
    data = cli.json("oncall", "schedule", "Checkout", "--weeks", "2", "--since", "2026-11-30",
                    "--json")
    assert [t["slots"][0]["person"] for t in data["turns"]] == ["Sneha Pillai", "Rahul Verma"]


# --- rules ------------------------------------------------------------------------------------


def test_rules_show_and_set(cli, ok, as_json, fits):
    out = ok(cli("oncall", "rules"))
    lines = out.splitlines()
    assert lines[0] == "On-call rules of BharatMart (the defaults, never changed)"
    assert lines[3].split()[:2] == ["low_target", "99.5"]
    assert lines[8].split()[:2] == ["business_hours", "09:00-17:00"]
    fits(out)
    out = ok(cli("oncall", "rules", "--set", "max_share=25", "--set",
                 "business_hours=08:00-16:00", "--version", "0"))
    assert out == "Saved the on-call rules of BharatMart (version 1)\n"
    data = as_json(cli("oncall", "rules", "--json"))
    assert (data["max_share"], data["business_hours"], data["version"]) == \
        (25, {"from": "08:00", "to": "16:00"}, 1)
    assert ok(cli("oncall", "rules", "--set", "max_share=25")) == \
        "Nothing changed in the on-call rules; nothing saved\n"


def test_rules_mistakes_print_each_and_save_nothing(cli, before, one_line_error):
    result = cli("oncall", "rules", "--set", "max_share=60", "--set", "min_people_per_role=0")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr.splitlines() == [
        "error: --set max_share: 60 is out of range; use 1 to 50",
        "error: --set min_people_per_role: 0 is out of range; use 1 to 10",
        "error: 2 problems; nothing was saved"]
    assert "'speed' is not a rule" in one_line_error(
        cli("oncall", "rules", "--set", "speed=1"), 2)
    assert "is not KEY=VALUE" in one_line_error(cli("oncall", "rules", "--set", "max"), 2)
    line = one_line_error(cli("oncall", "rules", "--set", "max_share=20", "--version", "4"), 1)
    assert line.startswith("error: the on-call rules were changed by someone else")
    unchanged(cli, before)


# --- export and import -----------------------------------------------------------------------


def test_export_prints_each_format(cli, ok):
    assert ok(cli("oncall", "export", "Checkout")).startswith("# On-call agreement: Checkout\n")
    assert ok(cli("oncall", "export", "Checkout", "--format", "yaml")).startswith(
        "kind: workbench/oncall-agreement\n")
    ics = ok(cli("oncall", "export", "Checkout", "--format", "ics"))
    assert ics.startswith("BEGIN:VCALENDAR") and "TZID:Asia/Kolkata" in ics
    assert "users:" in ok(cli("oncall", "export", "Checkout", "--format", "paging"))
    assert ok(cli("oncall", "export", "Checkout", "--format", "csv")).startswith(
        "team,rotation,person,month,hours,")


def test_export_to_a_folder(cli, tmp_path, ok):
    folder = tmp_path / "wiki"
    result = cli("oncall", "export", "checkout", "--format", "md", "--out", str(folder))
    assert ok(result).splitlines() == [str(folder.resolve() / "checkout.md"),
                                       str(folder.resolve() / "checkout-postmortem.md")]
    assert result.stderr == f"Wrote 2 files to {folder}\n"
    ok(cli("oncall", "export", "--all", "--format", "paging", "--out", str(folder)))
    ok(cli("oncall", "export", "--all", "--format", "csv", "--out", str(folder)))
    # a folder and no team: every agreement, as `oncall export --format ics --out DIR`
    ok(cli("oncall", "export", "--format", "ics", "--out", str(folder)))
    assert sorted(p.name for p in folder.iterdir()) == [
        "checkout-paging.yaml", "checkout-postmortem.md", "checkout.ics", "checkout.md",
        "hours.csv", "platform-paging.yaml", "platform.ics"]


@pytest.mark.parametrize("args, fragment", [
    (["Checkout", "--format", "pdf"], "--format 'pdf' is not a format; choose md, yaml, ics, "
                                      "paging, csv"),
    (["--all", "--format", "md"], "--all writes one file per agreement; give the folder"),
    (["Checkout", "--all"], "--all exports every agreement; give it without a team"),
])
def test_export_mistakes_are_one_line(cli, one_line_error, args, fragment):
    assert fragment in one_line_error(cli("oncall", "export", *args), 2)


def test_import_dry_run_says_what_would_change_and_writes_nothing(cli, before, tmp_path, ok,
                                                                  as_json):
    file = tmp_path / "checkout.yaml"
    file.write_text(exported_yaml(cli, "Checkout").replace("repeats: 3", "repeats: 2"),
                    encoding="utf-8")
    out = ok(cli("oncall", "import", str(file), "--dry-run"))
    assert out.splitlines()[:3] == [
        f"Dry run: importing {file} into BharatMart would save a new revision of the on-call "
        "agreement of team Checkout",
        "Would change:",
        "  escalations[0].repeats (changed)"]
    assert out.endswith("Nothing was written (dry run).\n")
    data = as_json(cli("oncall", "import", str(file), "--dry-run", "--json"))
    assert (data["dry_run"], data["created"], data["changed"], data["written"]) == \
        (True, False, True, False)
    unchanged(cli, before)
    out = ok(cli("oncall", "import", str(file)))
    assert out.startswith(f"Imported {file} into BharatMart: saved a new revision")
    assert ok(cli("oncall", "import", str(file))) == (
        f"{file} matches the on-call agreement of team Checkout in BharatMart; nothing to "
        "import\n")


def test_import_creates_the_agreement_of_a_team_without_one(cli, tmp_path, ok):
    text = exported_yaml(cli, "Platform").replace("team: Platform", "team: SRE", 1)
    text = "\n".join(line for line in text.splitlines() if not line.startswith("uid:"))
    file = tmp_path / "sre.yaml"
    file.write_text(text + "\n", encoding="utf-8")
    out = ok(cli("oncall", "import", str(file)))
    assert out.startswith(f"Imported {file} into BharatMart: started the on-call agreement of "
                          "team SRE as a draft")
    assert shown(cli, "SRE")["revisions"] == 1


def test_import_a_broken_file_prints_each_problem(cli, before, tmp_path):
    file = tmp_path / "bad.yaml"
    file.write_text("kind: workbench/oncall-agreement\nversion: 1\nteam: Checkout\n"
                    "rotations:\n- name: R\n  shape: triple\n  zone: Nowhere/City\n",
                    encoding="utf-8")
    result = cli("oncall", "import", str(file))
    assert result.exit_code == 2 and "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{file}:6: rotations[0].shape:")
    assert lines[1].startswith(f"{file}:7: rotations[0].zone:")
    assert lines[-1] == f"error: 2 problems in {file}; nothing was imported"
    unchanged(cli, before)


# --- the lifecycle ------------------------------------------------------------------------------


def test_agree_is_refused_while_parts_are_missing_then_accepted(cli, before, ok, one_line_error):
    line = one_line_error(cli("oncall", "agree", "Checkout", "--by", "Asha Rao:operations"), 2)
    assert line.startswith("error: on-call agreement of team Checkout cannot be agreed yet: "
                           "decisions[2].chosen:")
    unchanged(cli, before)
    ok(cli("oncall", "decide", "Checkout", "--service", "cart", "--choose", "domain",
           "--reason", "Shared with orders at night"))
    out = ok(cli("oncall", "agree", "Checkout", "--by", "Asha Rao:operations", "--by",
                 "Vikram Singh:development"))
    assert out == ("Recorded the sign-off of Asha Rao (operations), Vikram Singh (development) "
                   "for on-call agreement of team Checkout; waiting for: product owner\n")
    out = ok(cli("oncall", "agree", "--team", "Checkout", "--by", "Meera Iyer:product owner"))
    assert out.startswith("Agreed on-call agreement of team Checkout (version ")
    assert shown(cli, "Checkout")["status"] == "agreed"


def test_reopen_history_and_diff(cli, ok, one_line_error):
    assert "has 1 revision; a comparison needs two" in one_line_error(
        cli("oncall", "diff", "Checkout"), 2)
    out = ok(cli("oncall", "reopen", "Platform", "--reason", "new people"))
    assert out == ("Reopened on-call agreement of team Platform as a draft (version 3); agreed "
                   "revision 2 stays in force until it is agreed again\n")
    ok(cli("oncall", "override", "Platform", "--day", "2026-11-30", "--person", "Pooja Bhatt"))
    lines = ok(cli("oncall", "diff", "Platform")).splitlines()
    assert lines[0] == "On-call agreement of team Platform: revision 2 -> 4"
    assert lines[3].split()[:2] == ["rotations[0].overrides[0].day", "added"]
    history = ok(cli("oncall", "history", "Platform"))
    assert history.splitlines()[0].startswith("On-call agreement of team Platform: draft")
    assert history == ok(cli("history", "oncall", "Platform"))
