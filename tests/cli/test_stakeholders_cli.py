"""``workbench stakeholders`` on the demo workspace (BharatMart's chart: twelve people in all
four quadrants, four revisions, two of them agreed six months apart).

Bad input: one line on stderr, no traceback, exit 2 (usage) or 1 (not found, conflict), and
nothing written: every such test compares the chart before and after."""

from __future__ import annotations

import pytest
import typer.main
from typer.core import TyperOption as Option
from typer.testing import CliRunner

from workbench.cli import app
from workbench.commands import stakeholders as commands

runner = CliRunner()
DAY = "2026-11-25"
QUADRANTS = {"keep-satisfied", "engage-fully", "monitor", "keep-informed"}
PERSON_KEYS = {"name", "role", "group", "power", "interest", "quadrant", "stance",
               "influence", "stage", "owner", "last_contact", "next_action",
               "next_action_due", "notes", "overdue"}


@pytest.fixture
def empty(cli, ok):
    """An empty second workspace, "Empty"; the demo stays reachable with ``-w BharatMart``."""
    ok(cli("init", "Empty"))
    return cli


def chart(cli, *args: str) -> dict:
    return cli.json("stakeholders", "list", "--json", *args)


def person(cli, name: str, *args: str) -> dict:
    return next(p for p in chart(cli, *args)["stakeholders"] if p["name"] == name)


# --- list -------------------------------------------------------------------------------------


def test_list_json_has_every_person_with_the_derived_quadrant(cli):
    data = chart(cli)
    assert data["status"] == "agreed" and data["revisions"] == 4
    assert isinstance(data["version"], int) and data["version"] > 0
    people = data["stakeholders"]
    assert len(people) == 12
    assert {p["quadrant"] for p in people} == QUADRANTS
    expected = {("high", "low"): "keep-satisfied", ("high", "high"): "engage-fully",
                ("low", "low"): "monitor", ("low", "high"): "keep-informed"}
    for p in people:
        assert set(p) >= PERSON_KEYS
        assert p["quadrant"] == expected[(p["power"], p["interest"])]
    # Default order: the quadrant that needs most attention first, then by name.
    order = ["engage-fully", "keep-satisfied", "keep-informed", "monitor"]
    assert [order.index(p["quadrant"]) for p in people] == sorted(
        order.index(p["quadrant"]) for p in people)
    late = {o["name"] for o in data["overdue"]}
    assert late == {p["name"] for p in people if p["overdue"]}
    assert "Lakshmi Pillai" in late
    lakshmi = next(o for o in data["overdue"] if o["name"] == "Lakshmi Pillai")
    assert lakshmi == {"name": "Lakshmi Pillai", "quadrant": "monitor", "due_on": None,
                       "days_late": None, "message": "not contacted yet"}
    codes = {w["code"]: w for w in data["warnings"]}
    assert codes["no-owner"]["names"] == ["Lakshmi Pillai"]


def test_list_filters_by_quadrant_and_sorts(cli):
    monitor = chart(cli, "--quadrant", "Monitor")
    assert {p["quadrant"] for p in monitor["stakeholders"]} == {"monitor"}
    assert {o["quadrant"] for o in monitor["overdue"]} <= {"monitor"}
    assert len(chart(cli, "-q", "keep informed")["stakeholders"]) == 3
    names = [p["name"] for p in chart(cli, "--sort", "name")["stakeholders"]]
    assert names == sorted(names, key=str.casefold)
    due = [p["next_action_due"] for p in chart(cli, "--sort", "due")["stakeholders"]]
    dated = [d for d in due if d]
    assert dated == sorted(dated) and due[:len(dated)] == dated  # undated last
    stances = [p["stance"] for p in chart(cli, "--sort", "stance")["stakeholders"]]
    assert stances[0] == "detractor"


def test_list_table_then_overdue_and_warnings_after_a_blank_line(cli, ok):
    text = ok(cli("stakeholders", "list"))
    lines = text.splitlines()
    assert lines[0].startswith("Stakeholder chart: agreed") and "12 people" in lines[0]
    assert lines[1] == ""
    assert lines[2].split() == ["NAME", "ROLE", "QUADRANT", "STANCE", "STAGE", "OWNER",
                                "NEXT", "STEP", "DUE", "LATE"]
    rows = lines[3:15]
    assert rows[0].startswith("Anjali Gupta") and "Engage fully" in rows[0]
    lakshmi = next(r for r in rows if r.startswith("Lakshmi Pillai"))
    assert "Monitor" in lakshmi and lakshmi.rstrip().endswith("yes")
    assert lines[15] == ""
    assert lines[16].startswith("Overdue for contact (")
    assert "  Lakshmi Pillai (Monitor): not contacted yet" in lines
    assert "Warnings:" in lines
    assert any("Nobody owns the relationship with Lakshmi Pillai" in line for line in lines)
    assert cli("stakeholders", "list").stderr == ""


def test_list_says_when_the_chart_is_older_than_six_months(cli, monkeypatch, ok):
    assert chart(cli)["stale"] is False
    monkeypatch.setenv("WORKBENCH_TODAY", "2027-07-01")  # the latest revision: 2026-11-18
    assert chart(cli)["stale"] is True
    text = ok(cli("stakeholders", "list"))
    assert ("  The latest revision is from 2026-11-18, more than six months ago: time to "
            "redraw the chart") in text.splitlines()


@pytest.mark.parametrize(("args", "message"), [
    (("--sort", "power"), "--sort 'power' is not an order; use one of: quadrant, stance"),
    (("--quadrant", "top"), "--quadrant 'top' is not a quadrant; use one of: keep-satisfied"),
])
def test_list_refuses_bad_options(cli, args, message, one_line_error):
    assert message in one_line_error(cli("stakeholders", "list", *args), 2)


def test_an_empty_workspace(empty, ok, as_json, one_line_error):
    data = as_json(empty("stakeholders", "list", "--json", "-w", "Empty"))
    assert (data["version"], data["status"], data["stakeholders"]) == (0, None, [])
    assert "No stakeholders on the chart of Empty yet" in ok(
        empty("stakeholders", "list", "-w", "Empty"))
    for args in (("diff",), ("history",), ("agree", "--by", "Meera:coach")):
        error = one_line_error(empty("stakeholders", *args, "-w", "Empty"), 1)
        assert "workbench stakeholders add NAME --power" in error, error


# --- show, add, edit, remove, contacted -------------------------------------------------------


def test_show_every_field(cli, ok, as_json, one_line_error):
    text = ok(cli("stakeholders", "show", "ayesha  KHAN"))
    assert "quadrant      Keep informed (power low, interest high)" in text
    assert "contact plan  fortnightly: " in text and "overdue" in text
    assert "Notes:" in text
    data = as_json(cli("stakeholders", "show", "Ayesha Khan", "--json"))
    assert data["stakeholder"]["quadrant"] == "keep-informed"
    assert data["stakeholder"]["overdue"] is True
    error = one_line_error(cli("stakeholders", "show", "Nobody"), 1)
    assert "nobody named 'Nobody'" in error and "workbench stakeholders list" in error


@pytest.mark.parametrize(("power", "interest", "title", "value"), [
    ("high", "low", "Keep satisfied", "keep-satisfied"),
    ("high", "high", "Engage fully", "engage-fully"),
    ("low", "low", "Monitor", "monitor"),
    ("low", "high", "Keep informed", "keep-informed"),
])
def test_add_says_which_quadrant(cli, power, interest, title, value, ok):
    text = ok(cli("stakeholders", "add", "Priya Das", "--power", power, "--interest",
                  interest))
    assert text.startswith(f"Added Priya Das to {title} (power {power}, interest "
                           f"{interest}); contact them ")
    assert person(cli, "Priya Das")["quadrant"] == value


def test_add_with_every_field(cli, as_json):
    before = chart(cli)
    data = as_json(cli(
        "stakeholders", "add", "Priya Das", "--power", "LOW", "--interest", "high",
        "--role", "SRE champion", "--group", "development", "--stance", "supporter",
        "--influence", "high", "--stage", "interest", "--owner", "Meera Nair",
        "--last-contact", "2026-11-20", "--next-action", "Pair on alert rules",
        "--due", "2026-12-01", "--notes", "Ran the game day.", "--version",
        str(before["version"]), "--json"))
    added = data["stakeholder"]
    assert data["version"] > before["version"]
    assert {k: added[k] for k in PERSON_KEYS} == {
        "name": "Priya Das", "role": "SRE champion", "group": "development",
        "power": "low", "interest": "high", "quadrant": "keep-informed",
        "stance": "supporter", "influence": "high", "stage": "interest",
        "owner": "Meera Nair", "last_contact": "2026-11-20",
        "next_action": "Pair on alert rules", "next_action_due": "2026-12-01",
        "notes": "Ran the game day.", "overdue": False}
    assert added["contact_due"] == "2026-12-04"  # keep informed: fortnightly
    assert chart(cli)["status"] == "draft"  # a change to the agreed chart is a new draft


@pytest.mark.parametrize(("args", "message"), [
    (("Priya", "--power", "medium", "--interest", "high"),
     "error: --power: 'medium' is not allowed (use one of: high, low)"),
    (("Priya", "--interest", "high"), "--power high or --power low"),
    (("Priya", "--power", "high"), "--interest high or --interest low"),
    (("Priya", "--power", "high", "--interest", "low", "--due", "2026-13-01"),
     "error: --due: '2026-13-01' is not a day of the calendar"),
    (("Priya", "--power", "high", "--interest", "low", "--last-contact", "soon"),
     "error: --last-contact: 'soon' is not a date"),
    (("Priya", "--power", "high", "--interest", "low", "--group", "sales"),
     "error: --group: 'sales' is not allowed (use one of: development, operations"),
    (("Priya", "--power", "high", "--interest", "low", "--stage", "love"),
     "error: --stage: 'love' is not allowed"),
    (("Priya", "--power", "high", "--interest", "low", "--notes", "x" * 2001),
     "error: --notes: is 2001 characters long (use at most 2000)"),
    (("vikram  SINGH", "--power", "high", "--interest", "low"),
     "error: name: 'vikram SINGH' is already on the chart"),
    (("  ", "--power", "high", "--interest", "low"), "error: name: is empty"),
    (("Bell\x07", "--power", "high", "--interest", "low"),
     "error: name: contains an invisible control character (U+0007)"),
    (("Priya", "--power", "high", "--interest", "low", "--version", "x"),
     "error: --version 'x' is not a whole number"),
])
def test_add_refuses_bad_input_and_writes_nothing(cli, args, message, one_line_error):
    before = chart(cli)
    assert message in one_line_error(cli("stakeholders", "add", *args), 2)
    assert chart(cli) == before


def test_edit_says_when_the_quadrant_changes(cli, ok):
    moved = ok(cli("stakeholders", "edit", "lakshmi pillai", "--interest", "high"))
    assert moved.strip().startswith("Saved Lakshmi Pillai: changed interest; moved from "
                                    "Monitor to Keep informed (interest up); version ")
    back = ok(cli("stakeholders", "edit", "Lakshmi Pillai", "--interest", "low", "--power",
                  "high"))
    assert "moved from Keep informed to Keep satisfied (power up, interest down)" in back
    stay = ok(cli("stakeholders", "edit", "Lakshmi Pillai", "--stance", "neutral",
                  "--owner", "Meera Nair"))
    assert "changed stance, owner; still in Keep satisfied" in stay
    assert person(cli, "Lakshmi Pillai")["quadrant"] == "keep-satisfied"


def test_edit_renames_and_clears_fields(cli, ok):
    old = person(cli, "Anjali Gupta")
    assert old["next_action"] and old["next_action_due"]
    text = ok(cli("stakeholders", "edit", "Anjali Gupta", "--name", "Anjali Gupta-Rao",
                  "--next-action", "", "--due", "", "--stance", ""))
    assert text.startswith("Renamed Anjali Gupta to Anjali Gupta-Rao: changed stance, "
                           "next step, due; still in Engage fully")
    new = person(cli, "Anjali Gupta-Rao")
    assert (new["next_action"], new["next_action_due"], new["stance"]) == ("", None, None)
    assert new["uid"] == old["uid"]
    assert "Anjali Gupta" not in {p["name"] for p in chart(cli)["stakeholders"]}


def test_an_edit_that_changes_nothing_saves_nothing(cli, ok):
    before = chart(cli)
    text = ok(cli("stakeholders", "edit", "Vikram Singh", "--stage", "Agreement", "--power",
                  "high"))
    assert text == "Nothing changed for Vikram Singh; nothing saved\n"
    assert chart(cli) == before


@pytest.mark.parametrize(("args", "code", "message"), [
    (("Vikram Singh",), 2, "nothing to change: give at least one option"),
    (("Nobody", "--stage", "interest"), 1, "nobody named 'Nobody' is on the stakeholder"),
    (("Vikram Singh", "--power", ""), 2, "error: --power: is missing (use one of: high, low)"),
    (("Vikram Singh", "--stance", "foe"), 2, "error: --stance: 'foe' is not allowed"),
    (("Vikram Singh", "--name", "Anjali Gupta"), 2, "'Anjali Gupta' is already on the chart"),
    (("Vikram Singh", "--name", ""), 2, "error: name: is empty"),
])
def test_edit_refuses_bad_input_and_writes_nothing(cli, args, code, message, one_line_error):
    before = chart(cli)
    assert message in one_line_error(cli("stakeholders", "edit", *args), code)
    assert chart(cli) == before


def test_remove_and_record_a_contact(cli, ok, one_line_error):
    text = ok(cli("stakeholders", "remove", "deepa menon"))
    assert text.startswith("Removed Deepa Menon (Keep satisfied) from the chart (version ")
    assert "Deepa Menon" not in {p["name"] for p in chart(cli)["stakeholders"]}
    assert "nobody named 'Deepa Menon'" in one_line_error(
        cli("stakeholders", "remove", "Deepa Menon"), 1)
    assert person(cli, "Ayesha Khan")["overdue"] is True
    text = ok(cli("stakeholders", "contacted", "Ayesha Khan"))
    assert text.startswith(f"Recorded a contact with Ayesha Khan on {DAY}; the next one is "
                           "due 2026-12-09 (fortnightly, Keep informed)")
    ayesha = person(cli, "Ayesha Khan")
    assert (ayesha["last_contact"], ayesha["overdue"]) == (DAY, False)
    ok(cli("stakeholders", "contacted", "Lakshmi Pillai", "--date", "2026-11-01"))
    assert person(cli, "Lakshmi Pillai")["contact_due"] == "2027-01-31"  # quarterly: 91 days


@pytest.mark.parametrize(("args", "code", "message"), [
    (("Ayesha Khan", "--date", "2026-11-26"), 2, "--date 2026-11-26 is after today"),
    (("Ayesha Khan", "--date", "2026-02-30"), 2, "--date '2026-02-30' is not a day"),
    (("Nobody",), 1, "nobody named 'Nobody'"),
])
def test_contacted_refuses_bad_input(cli, args, code, message, one_line_error):
    before = chart(cli)
    assert message in one_line_error(cli("stakeholders", "contacted", *args), code)
    assert chart(cli) == before


def test_a_stale_version_is_refused_and_writes_nothing(cli, ok, one_line_error):
    before = chart(cli)
    stale = str(before["version"] - 1)
    for args in (("add", "Priya", "--power", "high", "--interest", "low"),
                 ("edit", "Vikram Singh", "--stage", "engagement"),
                 ("remove", "Vikram Singh"),
                 ("contacted", "Vikram Singh"),
                 ("plan", "monitor", "--every", "30"),
                 ("agree", "--by", "Meera Nair:coach", "--require", "coach"),
                 ("reopen", "--reason", "redraw")):
        error = one_line_error(cli("stakeholders", *args, "--version", stale), 1)
        assert "changed by someone else since you opened it" in error, args
    assert chart(cli) == before
    ok(cli("stakeholders", "edit", "Vikram Singh", "--stage", "engagement", "--version",
           str(before["version"])))
    # The version just used is now stale too.
    assert "changed by someone else" in one_line_error(
        cli("stakeholders", "remove", "Vikram Singh", "--version", str(before["version"])), 1)


# --- the engagement plan ----------------------------------------------------------------------


def test_plan_shows_and_changes_the_rhythm(cli, ok, as_json):
    data = as_json(cli("stakeholders", "plan", "--json"))
    assert [(r["quadrant"], r["every_days"], r["rhythm"]) for r in data["plan"]] == [
        ("engage-fully", 7, "weekly"), ("keep-satisfied", 30, "monthly"),
        ("keep-informed", 14, "fortnightly"), ("monitor", 91, "quarterly")]
    assert sum(r["people"] for r in data["plan"]) == 12
    table = ok(cli("stakeholders", "plan"))
    assert table.splitlines()[0].split() == ["QUADRANT", "DAYS", "RHYTHM", "PEOPLE",
                                             "OVERDUE", "CONTACT"]
    text = ok(cli("stakeholders", "plan", "Keep Informed", "--every", "30", "--contact",
                  "Monthly newsletter"))
    assert text.startswith("Changed the plan for Keep informed: monthly (every 30 days), "
                           "Monthly newsletter (version ")
    row = as_json(cli("stakeholders", "plan", "keep-informed", "--json"))["plan"]
    assert row == [{"quadrant": "keep-informed", "title": "Keep informed", "every_days": 30,
                    "rhythm": "monthly", "contact": "Monthly newsletter", "people": 3,
                    "overdue": 0}]
    # Ayesha's last contact (2026-10-28) + 30 days: no longer overdue.
    assert person(cli, "Ayesha Khan")["contact_due"] == "2026-11-27"
    before = chart(cli)
    same = ok(cli("stakeholders", "plan", "keep-informed", "--every", "30"))
    assert same.rstrip().endswith("; nothing saved") and chart(cli) == before


@pytest.mark.parametrize(("args", "message"), [
    (("monitor", "--every", "0"), "error: --every: is 0 (use 1 to 366 days)"),
    (("monitor", "--every", "367"), "error: --every: is 367 (use 1 to 366 days)"),
    (("monitor", "--every", "two"), "error: --every 'two' is not a whole number"),
    (("monitor", "--contact", " "), "error: --contact: is empty"),
    (("--every", "7"), "say which quadrant to change"),
    (("top", "--every", "7"), "error: QUADRANT 'top' is not a quadrant"),
])
def test_plan_refuses_bad_input_and_writes_nothing(cli, args, message, one_line_error):
    before = chart(cli)
    assert message in one_line_error(cli("stakeholders", "plan", *args), 2)
    assert chart(cli) == before


# --- revisions, agree, reopen, history --------------------------------------------------------


def test_diff_compares_the_baseline_with_the_latest_revision(cli, ok, as_json):
    data = as_json(cli("stakeholders", "diff", "--json"))
    assert (data["from"], data["to"]) == (2, 4)
    assert data["joined"] == ["Karthik Reddy"] and data["left"] == ["Pooja Shah"]
    moved = {m["name"]: m for m in data["moved"]}
    assert moved["Ritu Bansal"] == {"name": "Ritu Bansal", "before": "monitor",
                                    "after": "keep-informed", "power": None,
                                    "interest": "up", "direction": "interest up"}
    assert {m["name"] for m in data["advanced"]} >= {"Anjali Gupta", "Vikram Singh"}
    assert data["fell_back"] == [{"name": "Ayesha Khan", "before": "interest",
                                  "after": "awareness"}]
    assert {"name": "Sanjay Patel", "before": "neutral", "after": "detractor"} in \
        data["stances"]
    assert data["unchanged"] is False
    lines = ok(cli("stakeholders", "diff")).splitlines()
    assert lines[0] == ("Stakeholder chart: revision 2 (the baseline: the agreed revision "
                        "before the current one) -> revision 4 (the latest)")
    assert "moved: Ritu Bansal: Monitor -> Keep informed (interest up)" in lines
    assert "fell back: Ayesha Khan: interest -> awareness" in lines
    assert "joined: Karthik Reddy" in lines and "left: Pooja Shah" in lines


def test_diff_between_chosen_revisions_and_after_a_change(cli, ok, as_json):
    same = as_json(cli("stakeholders", "diff", "--from", "1", "--to", "2", "--json"))
    assert (same["from"], same["to"], same["unchanged"]) == (1, 2, True)
    assert "no changes to people" in ok(cli("stakeholders", "diff", "--from", "3", "--to",
                                            "4"))
    ok(cli("stakeholders", "edit", "Manoj Kumar", "--interest", "high", "--name", "Manoj K"))
    data = as_json(cli("stakeholders", "diff", "--from", "4", "--json"))
    assert data["to"] == 5
    assert data["renamed"] == [{"before": "Manoj Kumar", "after": "Manoj K"}]
    assert data["moved"][0]["direction"] == "interest up"


@pytest.mark.parametrize(("args", "code", "message"), [
    (("--from", "0"), 1, "--from: the stakeholder chart has no revision 0 (revisions: 1 to 4)"),
    (("--to", "9"), 1, "--to: the stakeholder chart has no revision 9"),
    (("--from", "one"), 2, "--from 'one' is not a whole number"),
])
def test_diff_refuses_revisions_that_do_not_exist(cli, args, code, message, one_line_error):
    assert message in one_line_error(cli("stakeholders", "diff", *args), code)


def test_diff_needs_two_revisions(empty, ok, as_json, one_line_error):
    ok(empty("stakeholders", "add", "Asha", "--power", "high", "--interest", "high", "-w",
             "Empty"))
    error = one_line_error(empty("stakeholders", "diff", "-w", "Empty"), 2)
    assert "has one revision only; a comparison needs two" in error
    ok(empty("stakeholders", "edit", "Asha", "--interest", "low", "-w", "Empty"))
    data = as_json(empty("stakeholders", "diff", "--json", "-w", "Empty"))
    assert (data["from"], data["to"]) == (1, 2)  # nothing agreed yet: from the first
    assert data["moved"][0]["after"] == "keep-satisfied"
    text = ok(empty("stakeholders", "diff", "-w", "Empty"))
    assert text.startswith("Stakeholder chart: revision 1 (the first: no revision was "
                           "agreed before the current one) -> revision 2 (the latest)")


def test_reopen_agree_and_history_of_the_chart(cli, ok, as_json, one_line_error):
    assert "--reason" in one_line_error(cli("stakeholders", "reopen"), 2)
    reopened = ok(cli("stakeholders", "reopen", "--reason", "new quarter"))
    assert reopened.startswith("Reopened the stakeholder chart as a draft")
    assert "agreed revision 4 stays in force" in reopened
    assert chart(cli)["status"] == "draft"
    assert "say who agrees with --by" in one_line_error(cli("stakeholders", "agree"), 2)
    agreed = as_json(cli("stakeholders", "agree", "--by", "Meera Nair:coach", "--json"))
    assert (agreed["status"], agreed["agreed_now"]) == ("agreed", True)
    assert agreed["kind"] == "stakeholder_chart"
    assert "already agreed" in one_line_error(
        cli("stakeholders", "agree", "--by", "Meera Nair:coach"), 1)
    history = as_json(cli("stakeholders", "history", "--json"))
    assert [r["summary"] for r in history["revisions"][-2:]] == [
        "reopened: new quarter", "agreed by Meera Nair (coach)"]
    for kind, ref in (("chart", "chart"), ("stakeholder-chart", "chart"),
                      ("stakeholder_chart", "stakeholders")):
        assert as_json(cli("history", kind, ref, "--json")) == history
    text = ok(cli("stakeholders", "history"))
    assert text.splitlines()[0].endswith(": agreed (version "
                                         f"{history['version']})")
    diff = as_json(cli("stakeholders", "history", "--diff", "2", "4", "--json"))
    assert (diff["from"], diff["to"]) == (2, 4) and diff["changes"]
    assert "has no revision 99" in one_line_error(
        cli("stakeholders", "history", "--diff", "1", "99"), 1)
    assert "does not name the stakeholder chart" in one_line_error(
        cli("history", "chart", "board"), 2)


# --- the command group ------------------------------------------------------------------------


def test_every_command_and_option_has_help():
    group = typer.main.get_command(commands.app)
    expected = {"list", "show", "add", "edit", "remove", "contacted", "plan", "diff",
                "history", "agree", "reopen", "export", "import"}
    assert set(group.commands) == expected
    for name, command in group.commands.items():
        assert command.help, name
        for param in command.params:
            if isinstance(param, Option):
                assert param.help and param.help.strip(), f"{name} {param.opts}"
            else:
                assert getattr(param, "help", None), f"{name} {param.name}"
    assert not [p for p in group.commands["agree"].params if not isinstance(p, Option)]


def test_the_root_lists_the_group(cli, ok):
    text = ok(runner.invoke(app, ["--help"]))
    assert "stakeholders" in text and "Stakeholder chart" in text
    assert "stakeholders add [OPTIONS] {NAME}" in ok(cli("stakeholders", "add", "--help"))
    usage = ok(cli("stakeholders", "agree", "--help")).splitlines()[0]
    assert usage.endswith("stakeholders agree [OPTIONS]")  # the chart needs no name


# --- export and import ------------------------------------------------------------------------


def export_yaml(cli, folder, *args: str):
    result = cli("stakeholders", "export", "--format", "yaml", "--out", str(folder), *args)
    return folder / "bharatmart" / "stakeholders.yaml", result


def people_of(data: dict) -> list[dict]:
    return [{k: v for k, v in p.items() if k not in ("overdue", "contact_due")}
            for p in data["stakeholders"]]


def test_export_writes_markdown_and_yaml(cli, tmp_path, ok):
    result = cli("stakeholders", "export", "--out", str(tmp_path))
    folder = tmp_path / "bharatmart"
    assert ok(result).splitlines() == [str(folder / "stakeholders.md"),
                                       str(folder / "stakeholders.yaml")]
    assert result.stderr == f"Wrote 2 files to {tmp_path}\n"
    markdown = (folder / "stakeholders.md").read_text(encoding="utf-8")
    assert "```mermaid" in markdown and "quadrantChart" in markdown
    assert "Lakshmi Pillai" in markdown
    assert f"**Overdue for contact on {DAY}:**" in markdown  # the one clock
    text = (folder / "stakeholders.yaml").read_text(encoding="utf-8")
    assert text.startswith("kind: workbench/stakeholder-chart\nversion: 1\nplan:\n")
    path, only = export_yaml(cli, tmp_path / "yaml", "--date", "2026-12-01")
    assert ok(only).splitlines() == [str(path)]
    assert "generated_at" not in path.read_text(encoding="utf-8")  # same file every day
    ok(cli("stakeholders", "export", "--format", "md", "--out", str(tmp_path / "md"),
           "--date", "2026-12-01"))
    page = (tmp_path / "md" / "bharatmart" / "stakeholders.md").read_text(encoding="utf-8")
    assert "**Overdue for contact on 2026-12-01:**" in page


@pytest.mark.parametrize(("args", "message"), [
    (("--format", "pdf"), "error: --format 'pdf' is not valid; choose md, yaml or md,yaml"),
    (("--format", ","), "error: --format ',' is not valid"),
    (("--date", "tomorrow"), "error: --date 'tomorrow' is not a date"),
])
def test_export_refuses_bad_options_and_writes_nothing(cli, tmp_path, args, message,
                                                       one_line_error):
    out = tmp_path / "out"
    assert message in one_line_error(cli("stakeholders", "export", "--out", str(out), *args),
                                     2)
    assert not out.exists()


def test_export_of_a_workspace_without_a_chart_writes_nothing(empty, tmp_path, ok):
    result = empty("stakeholders", "export", "--out", str(tmp_path), "-w", "Empty")
    assert ok(result) == "" and result.stderr == f"Wrote 0 files to {tmp_path}\n"


def test_import_round_trip_into_another_workspace(empty, tmp_path, ok, as_json):
    path, result = export_yaml(empty, tmp_path, "-w", "BharatMart")
    ok(result)
    demo = chart(empty, "-w", "BharatMart")
    same = ok(empty("stakeholders", "import", str(path), "-w", "BharatMart"))
    assert same == (f"{path} (12 people) matches the stakeholder chart of BharatMart; "
                    "nothing to import\n")
    assert chart(empty, "-w", "BharatMart") == demo  # nothing written
    text = ok(empty("stakeholders", "import", str(path), "-w", "Empty"))
    assert text.startswith(f"Imported {path} (12 people) into the stakeholder chart of Empty "
                           "(version ")
    assert "  joined: Vikram Singh" in text.splitlines()
    assert "The chart is now: draft" in text
    copy = chart(empty, "-w", "Empty")
    assert people_of(copy) == people_of(demo)
    assert copy["revisions"] == 1
    history = as_json(empty("stakeholders", "history", "--json", "-w", "Empty"))
    assert history["revisions"][0]["summary"] == "imported from stakeholders.yaml"
    assert as_json(empty("stakeholders", "plan", "--json", "-w", "Empty"))["plan"] == \
        as_json(empty("stakeholders", "plan", "--json", "-w", "BharatMart"))["plan"]


def test_import_dry_run_shows_the_changes_and_writes_nothing(cli, tmp_path, ok, as_json):
    path, result = export_yaml(cli, tmp_path)
    ok(result)
    text = path.read_text(encoding="utf-8").replace("name: Vikram Singh\n",
                                                    "name: Vikram S.\n")
    text = text.replace("  power: low\n  interest: low\n  quadrant: monitor\n",
                        "  power: low\n  interest: high\n  quadrant: keep-informed\n", 1)
    changed = tmp_path / "changed.yaml"
    changed.write_text(text, encoding="utf-8")
    before = chart(cli)
    dry = ok(cli("stakeholders", "import", str(changed), "--dry-run"))
    lines = dry.splitlines()
    assert lines[0] == (f"Dry run: importing {changed} (12 people) into BharatMart would "
                        "change:")
    assert "  renamed: Vikram Singh -> Vikram S." in lines
    assert any(line.startswith("  moved: ") and "Monitor -> Keep informed (interest up)"
               in line for line in lines)
    assert lines[-1] == "Nothing was written (dry run)."
    assert chart(cli) == before
    data = as_json(cli("stakeholders", "import", str(changed), "--dry-run", "--json"))
    assert (data["dry_run"], data["written"], data["would_write"]) == (True, False, True)
    assert data["version"] == before["version"]
    assert data["changes"]["renamed"] == [{"before": "Vikram Singh", "after": "Vikram S."}]
    assert chart(cli) == before
    done = as_json(cli("stakeholders", "import", str(changed), "--json"))
    assert (done["written"], done["version"] > before["version"]) == (True, True)
    after = chart(cli)
    assert "Vikram S." in {p["name"] for p in after["stakeholders"]}
    assert person(cli, "Vikram S.")["uid"] == "demo-vikram"  # a rename, not a new person


def test_import_lists_every_problem_and_writes_nothing(cli, tmp_path, ok, one_line_error):
    path, result = export_yaml(cli, tmp_path)
    ok(result)
    text = path.read_text(encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text(text.replace("power: high", "power: medium", 2)
                      .replace("quadrant: monitor", "quadrant: engage-fully", 1),
                      encoding="utf-8")
    before = chart(cli)
    for extra in ((), ("--dry-run",)):
        failed = cli("stakeholders", "import", str(broken), *extra)
        assert failed.exit_code == 2 and "Traceback" not in failed.output
        lines = failed.stderr.splitlines()
        assert len(lines) == 4 and failed.stdout == ""
        assert lines[0].startswith(f"{broken}:")
        assert lines[0].endswith(": stakeholders[0].power: 'medium' is not allowed (use one "
                                 "of: high, low)")
        assert ": stakeholders[1].power: " in lines[1]
        assert ".quadrant: is engage-fully, but power low and interest low place them in " \
               "monitor" in lines[2]
        assert lines[3] == f"error: 3 problems in {broken}; nothing was imported"
    assert chart(cli) == before
    single = tmp_path / "single.yaml"
    single.write_text(text.replace("power: high", "power: medium", 1), encoding="utf-8")
    error = one_line_error(cli("stakeholders", "import", str(single)), 2)
    assert error.startswith(f"error: 1 problem, nothing imported: {single}:")
    not_yaml = tmp_path / "not.yaml"
    not_yaml.write_text("stakeholders: [\n", encoding="utf-8")
    one_line_error(cli("stakeholders", "import", str(not_yaml)), 2)
    assert "no such file" in one_line_error(
        cli("stakeholders", "import", str(tmp_path / "missing.yaml")), 2)
    assert chart(cli) == before
