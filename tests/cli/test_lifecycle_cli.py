"""The document lifecycle on the command line: ``assess agree|reopen``, ``slo agree|reopen``,
``slo rename``, ``workbench history`` and ``--version`` checks, on the demo workspace.

Every error: one line on stderr, no traceback, exit 2 for usage and 1 for the rest."""

from __future__ import annotations

import pytest

from workbench.commands.documents import kind_names, shown_kinds

DAY = "2026-11-25"


def draft_run(cli) -> dict:
    return next(r for r in cli.json("assess", "list", "--json")
                if r["status"] == "draft" and r["team"] == "Checkout")


def slo_json(cli, name: str) -> dict:
    return next(s for s in cli.json("slo", "list", "--json") if s["name"] == name)


def history_json(cli, kind: str, name: str) -> dict:
    return cli.json("history", kind, name, "--json")


def test_assess_agree_partial_then_complete(cli, ok, as_json):
    run = draft_run(cli)
    ref = str(run["id"])
    assert run["signoffs"] == [] and run["waiting_for"] == ["coach", "team"]
    partial = cli("assess", "agree", ref, "--by", "Asha Rao:coach")
    assert "Recorded the sign-off of Asha Rao (coach)" in ok(partial)
    assert "waiting for: team" in partial.stdout
    listed = draft_run(cli)
    assert listed["id"] == run["id"] and listed["status"] == "draft"
    assert listed["version"] == run["version"]  # signing alone does not change the run
    assert listed["signoffs"] == [{"name": "Asha Rao", "role": "coach", "date": DAY,
                                   "comment": ""}]
    assert listed["waiting_for"] == ["team"]
    done = as_json(cli("assess", "agree", ref, "--by", "Vikram Nair:team", "--comment",
                       "a fair picture", "--json"))
    assert done["status"] == "agreed" and done["agreed_now"] is True
    assert done["waiting_for"] == []
    assert [(s["name"], s["role"], s["comment"]) for s in done["signoffs"]] == [
        ("Asha Rao", "coach", ""), ("Vikram Nair", "team", "a fair picture")]
    shown = as_json(cli("assess", "show", ref, "--json"))["run"]
    assert (shown["status"], shown["version"]) == ("agreed", done["version"])
    assert [s["name"] for s in shown["signoffs"]] == ["Asha Rao", "Vikram Nair"]
    text = ok(cli("assess", "show", ref))
    assert text.startswith(f"Run {ref}: Checkout") and ", agreed;" in text


def test_agree_with_require_and_a_named_party(cli, ok):
    name = "checkout-latency-slow"
    assert slo_json(cli, name)["status"] == "draft"
    first = cli("slo", "agree", name, "--by", "Priya Sharma:operations", "--require",
                "operations", "--require", "Kavya Iyer:product owner")
    assert "waiting for: Kavya Iyer (product owner)" in ok(first)
    slo = slo_json(cli, name)
    assert slo["required"] == [{"role": "operations", "name": None},
                               {"role": "product owner", "name": "Kavya Iyer"}]
    # Someone else in the role does not stand in for the named person.
    other = cli("slo", "agree", name, "--by", "Ravi:product owner")
    assert "waiting for: Kavya Iyer (product owner)" in ok(other)
    assert slo_json(cli, name)["status"] == "draft"
    again = cli("slo", "agree", name, "--by", "Priya Sharma:operations", "--by",
                "Kavya Iyer:Product  Owner")
    assert ok(again).startswith(f"Agreed SLO {name}")
    assert "Priya Sharma (operations) had already signed" in again.stderr
    agreed = slo_json(cli, name)
    assert agreed["status"] == "agreed" and agreed["waiting_for"] == []
    assert {s["name"] for s in agreed["signoffs"]} == {"Priya Sharma", "Ravi", "Kavya Iyer"}


def test_reopen_with_and_without_a_reason(cli, ok, one_line_error):
    name = "checkout-latency"
    before = slo_json(cli, name)
    assert before["status"] == "agreed"
    for args in ((), ("--reason", "   ")):
        error = one_line_error(cli("slo", "reopen", name, *args), 2)
        assert "--reason" in error
    assert slo_json(cli, name)["version"] == before["version"]
    reopened = cli("slo", "reopen", name, "--reason", "latency budget too generous")
    assert "stays in force" in ok(reopened)
    after = slo_json(cli, name)
    assert after["status"] == "draft" and after["version"] > before["version"]
    assert after["agreed_revision_in_force"] == before["agreed_revision_in_force"]
    last = history_json(cli, "slo", name)["revisions"][-1]
    assert last["summary"] == "reopened: latency budget too generous"
    error = one_line_error(cli("slo", "reopen", name, "--reason", "again"), 1)
    assert "not agreed" in error


def test_agreeing_an_agreed_run_is_one_line_and_exit_1(cli, as_json, one_line_error):
    run = next(r for r in as_json(cli("assess", "list", "--json")) if r["status"] == "agreed")
    error = one_line_error(cli("assess", "agree", str(run["id"]), "--by", "Asha:coach"), 1)
    assert "already agreed" in error
    reopened = cli("assess", "reopen", str(run["id"]), "--reason", "the team disagrees",
                   "--json")
    assert as_json(reopened)["status"] == "draft"


def test_a_stale_version_is_refused_and_writes_nothing(cli, as_json, one_line_error):
    run = draft_run(cli)
    ref, seen = str(run["id"]), run["version"]
    before = history_json(cli, "run", ref)
    for args in (("assess", "agree", ref, "--by", "Asha:coach", "--version", str(seen + 1)),
                 ("assess", "agree", ref, "--by", "Asha:coach", "--require", "coach",
                  "--version", str(seen - 1))):
        error = one_line_error(cli(*args), 1)
        assert "changed by someone else since you opened it" in error
    after = history_json(cli, "run", ref)
    assert after == before
    assert after["signoffs"] == [] and after["required"][1]["role"] == "team"
    signed = as_json(cli("assess", "agree", ref, "--by", "Asha:coach", "--by", "Vikram:team",
                         "--version", str(seen), "--json"))
    assert signed["status"] == "agreed"
    stale = one_line_error(cli("assess", "reopen", ref, "--reason", "x", "--version",
                               str(seen)), 1)
    assert "changed by someone else" in stale
    assert history_json(cli, "run", ref)["status"] == "agreed"
    slo = slo_json(cli, "search-latency")
    error = one_line_error(cli("slo", "set", "search-latency", "--target", "91", "--version",
                               str(slo["version"] + 1)), 1)
    assert "changed by someone else" in error
    assert slo_json(cli, "search-latency") == slo


def test_history_text_json_and_diff(cli, ok, as_json, one_line_error):
    name = "search-latency"
    ok(cli("slo", "set", name, "--target", "92.5", "--description", "Search answers fast"))
    data = history_json(cli, "slo", name)
    assert data["kind"] == "slo" and data["label"] == f"SLO {name}"
    numbers = [r["number"] for r in data["revisions"]]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 2
    last = data["revisions"][-1]
    assert (last["status"], last["summary"], last["author"]) == ("draft", "updated", "tester")
    assert set(last) >= {"number", "status", "author", "saved_at", "summary", "signoffs"}
    text = ok(cli("history", "slo", name))
    lines = text.splitlines()
    assert lines[0].startswith(f"SLO {name}: draft") and "waiting for operations" in lines[0]
    assert lines[2].split()[:3] == ["REV", "STATUS", "AUTHOR"]
    assert lines[-1].split()[:3] == [str(numbers[-1]), "draft", "tester"]
    diff = as_json(cli("history", "slo", name, "--diff", str(numbers[-2]), str(numbers[-1]),
                       "--json"))
    changes = {c["field"]: c for c in diff["changes"]}
    assert changes["target"]["before"] == "90" and changes["target"]["after"] == "92.5"
    assert changes["description"]["change"] == "changed"
    table = ok(cli("history", "slo", name, "--diff", str(numbers[-2]), str(numbers[-1])))
    row = next(line for line in table.splitlines() if line.startswith("target"))
    assert row.split() == ["target", "changed", "90", "92.5"]
    same = ok(cli("history", "slo", name, "--diff", "1", "1"))
    assert "No field changed between revision 1 and 1." in same
    missing = one_line_error(cli("history", "slo", name, "--diff", "1", "99"), 1)
    assert "has no revision 99" in missing and "workbench history slo" in missing
    assert "is not a whole number" in one_line_error(
        cli("history", "slo", name, "--diff", "1", "two"), 2)


def test_history_of_a_run_and_the_kinds_from_the_registry(cli, ok, one_line_error):
    ref = str(draft_run(cli)["id"])
    ok(cli("assess", "agree", ref, "--by", "Asha:coach", "--by", "Vikram:team"))
    data = history_json(cli, "run", ref)
    assert data["kind"] == "assessment_run" and data["status"] == "agreed"
    assert data["revisions"][-1]["summary"] == "agreed by Asha (coach), Vikram (team)"
    assert [s["name"] for s in data["signoffs"]] == ["Asha", "Vikram"]
    text = ok(cli("history", "run", ref))
    assert "signed: Asha (coach) on 2026-11-25, Vikram (team) on 2026-11-25" in text
    for alias in ("assessment_run", "assessment-run", "RUN"):
        assert history_json(cli, alias, ref)["id"] == ref
    error = one_line_error(cli("history", "memo", "x"), 2)
    head, _, listed = error.partition("use one of: ")
    assert head == "error: 'memo' is not a kind of document; "
    assert sorted(listed.split(", ")) == ["agreement", "chart", "charter", "decision",
                                          "policy", "role", "run", "slo"]
    assert "list runs with: workbench assess list" in one_line_error(
        cli("history", "run", "999"), 1)
    assert "list SLOs with: workbench slo list" in one_line_error(
        cli("history", "slo", "nope"), 1)


def test_kind_names_follow_what_is_registered():
    kinds = [("assessment_run", "assessment run"), ("slo", "SLO"),
             ("error_budget_policy", "error budget policy"),
             ("charter", "team charter"), ("oncall_charter", "on-call charter")]
    names = kind_names(kinds)
    assert names["run"] == "assessment_run" and names["policy"] == "error_budget_policy"
    assert "charter" in names and names["charter"] == "charter"  # the kind's own name wins
    assert names["oncall-charter"] == "oncall_charter"
    assert shown_kinds(kinds) == ["run", "slo", "policy", "charter", "oncall_charter"]


def test_slo_rename_keeps_uid_counts_and_history(cli, ok, as_json, one_line_error):
    before = slo_json(cli, "checkout-latency-slow")
    status = as_json(cli("slo", "status", "checkout-latency-slow", "--date", DAY, "--json"))
    revisions = history_json(cli, "slo", "checkout-latency-slow")["revisions"]
    renamed = cli("slo", "rename", "checkout-latency-slow", "checkout-slow-pages")
    assert ok(renamed).startswith("Renamed SLO checkout-latency-slow to checkout-slow-pages")
    after = slo_json(cli, "checkout-slow-pages")
    assert after["uid"] == before["uid"] and after["target"] == before["target"]
    moved = as_json(cli("slo", "status", "checkout-slow-pages", "--date", DAY, "--json"))
    assert (moved["total"], moved["bad"], moved["burn_down"]) == (
        status["total"], status["bad"], status["burn_down"])
    history = history_json(cli, "slo", "checkout-slow-pages")["revisions"]
    assert history[:-1] == revisions
    assert history[-1]["summary"] == "renamed from checkout-latency-slow"
    by_uid = history_json(cli, "slo", before["uid"])
    assert (by_uid["label"], by_uid["uid"]) == ("SLO checkout-slow-pages", before["uid"])
    agreed = as_json(cli("slo", "agree", before["uid"], "--json", "--by", "P:operations",
                         "--by", "A:development", "--by", "K:product owner"))
    assert (agreed["uid"], agreed["status"]) == (before["uid"], "agreed")
    assert "uid" not in history_json(cli, "run", "1")
    assert "no SLO named 'checkout-latency-slow'" in one_line_error(
        cli("slo", "status", "checkout-latency-slow"), 1)
    assert "already exists" in one_line_error(
        cli("slo", "rename", "checkout-slow-pages", "checkout-latency"), 1)


def test_slo_set_refuses_a_status(cli, ok, one_line_error):
    before = history_json(cli, "slo", "search-latency")
    error = one_line_error(cli("slo", "set", "search-latency", "--status", "agreed"), 2)
    assert "slo agree" in error and "slo reopen" in error
    assert history_json(cli, "slo", "search-latency") == before
    assert "--status" not in ok(cli("slo", "set", "--help"))


@pytest.mark.parametrize(("args", "code", "message"), [
    (["slo", "agree", "search-latency"], 2, "say who agrees with --by NAME:ROLE"),
    (["slo", "agree", "search-latency", "--by", "Asha"], 2, "'Asha' is not NAME:ROLE"),
    (["slo", "agree", "search-latency", "--by", "Asha:"], 2, "is not NAME:ROLE"),
    (["slo", "agree", "search-latency", "--by", "A\x07sha:ops"], 2, "control character"),
    (["slo", "agree", "search-latency", "--by", "A:ops", "--require", ":"], 2, "role is empty"),
    (["slo", "agree", "search-latency", "--by", "A:ops", "--date", "25/11/2026"], 2,
     "--date '25/11/2026' is not a date; use YYYY-MM-DD"),
    (["slo", "agree", "search-latency", "--by", "A:ops", "--version", "²"], 2,
     "--version '²' is not a whole number"),
    (["slo", "agree", "search-latency", "--by", "A:ops", "--version", "-1"], 2,
     "--version -1 is negative"),
    (["slo", "agree", "nope", "--by", "A:ops"], 1, "list SLOs with: workbench slo list"),
    (["assess", "agree", "abc", "--by", "A:coach"], 2, "'abc' is not a run number"),
    (["assess", "agree", "999", "--by", "A:coach"], 1, "list runs with: workbench assess list"),
    (["assess", "reopen", "999", "--reason", "x"], 1, "no assessment run 999"),
    (["assess", "reopen", "1"], 2, "say why with --reason TEXT"),
    (["slo", "rename", "search-latency", "bad\x7fname"], 2, "control character"),
])
def test_lifecycle_mistakes_are_one_line(cli, args, code, message, one_line_error):
    assert message in one_line_error(cli(*args), code)


def test_lifecycle_commands_for_a_kind_with_one_document():
    """``fixed_ref``: agree and reopen without a positional argument, with the same options
    as the commands of kinds that have many documents."""
    import typer
    import typer.main
    from typer.core import TyperArgument

    from workbench.commands import slo
    from workbench.commands.documents import add_lifecycle_commands

    group = typer.Typer()
    add_lifecycle_commands(group, "stakeholder_chart", fixed_ref="chart",
                           agree_help="Agree it.", reopen_help="Reopen it.")
    single = typer.main.get_command(group).commands
    many = typer.main.get_command(slo.app).commands
    for name in ("agree", "reopen"):
        assert [p.name for p in single[name].params if isinstance(p, TyperArgument)] == []
        assert [p.name for p in many[name].params if isinstance(p, TyperArgument)] == ["ref"]
        assert ({p.name for p in single[name].params}
                == {p.name for p in many[name].params} - {"ref"})
    assert single["agree"].help == "Agree it." and single["reopen"].help == "Reopen it."
