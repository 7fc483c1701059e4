"""``workbench policy`` on the demo workspace: the agreed ``checkout`` policy (services orders
and payments; the overspent UPI payments SLO makes "exhausted" fire, so a release freeze is
in force) and the ``storefront`` draft (search; no tiebreaker or review date yet).

Bad input: every problem on its own line on stderr, no traceback, exit 2 (usage) or 1 (not
found, conflict), and nothing written: such tests compare the policies before and after."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from workbench.cli import app

runner = CliRunner()
DAY = "2026-11-25"


def policies(cli) -> dict[str, dict]:
    """Every policy by name, with what a write would change (version, revisions)."""
    return {p["name"]: p for p in cli.json("policy", "list", "--json")["policies"]}


def snapshot(cli) -> dict:
    return {name: (p["version"], p["revisions"], p["status"])
            for name, p in policies(cli).items()}


def shown(cli, name: str) -> dict:
    return cli.json("policy", "show", name, "--json")


@pytest.fixture
def before(cli):
    return snapshot(cli)


def unchanged(cli, before) -> None:
    assert snapshot(cli) == before


# --- list ---------------------------------------------------------------------------------------


def test_list_shows_each_policy_and_the_freeze_in_force(cli, ok):
    out = ok(cli("policy", "list"))
    lines = out.splitlines()
    assert lines[0] == "Error budget policies of BharatMart as of 2026-11-25: 2"
    assert lines[2].split() == ["NAME", "TEAM", "STATUS", "CONDITIONS", "FREEZE"]
    rows = {line.split()[0]: line.split() for line in lines[3:5]}
    assert rows["checkout"] == ["checkout", "Checkout", "agreed", "6", "yes"]
    assert rows["storefront"] == ["storefront", "Storefront", "draft", "3", "no"]
    assert "  upi-payment-availability (checkout)" in lines
    assert max(len(line) for line in lines) <= 80


def test_list_json(cli, as_json):
    data = as_json(cli("policy", "list", "--json"))
    assert data["as_of"] == DAY
    by_name = {p["name"]: p for p in data["policies"]}
    checkout = by_name["checkout"]
    assert checkout["status"] == "agreed" and checkout["freeze_in_force"] is True
    assert checkout["services"] == ["orders", "payments"] and checkout["conditions"] == 6
    assert checkout["missing"] == [] and checkout["in_force_revision"] == checkout["revisions"]
    storefront = by_name["storefront"]
    assert storefront["status"] == "draft" and storefront["freeze_in_force"] is False
    assert {m["part"] for m in storefront["missing"]} == {"escalation.tiebreaker", "review"}
    assert data["freezes"]["upi-payment-availability"] == ["checkout"]


def test_list_of_an_unknown_workspace_is_one_line(cli, one_line_error):
    one_line_error(cli("policy", "list", "-w", "Nowhere"), 1)


def test_list_of_a_workspace_without_policies(cli, ok):
    ok(cli("init", "Empty"))
    out = ok(cli("policy", "list", "-w", "Empty"))
    assert "No error budget policies in Empty yet" in out


# --- show ---------------------------------------------------------------------------------------


def test_show_prints_every_part_and_the_state(cli, ok):
    out = ok(cli("policy", "show", "checkout"))
    assert out.startswith("Error budget policy checkout: Checkout error budget policy\n")
    for text in ("status: agreed", "team: Checkout", "scope: services orders, payments",
                 "purpose:", "exhausted: budget exhausted [today: fires]",
                 "- stop feature releases (still allowed: security fixes, reliability",
                 "tiebreaker: head of operations", "escalation contacts:",
                 "must agree: operations, development, product owner, Vikram Singh",
                 "signed: Priya Sharma (operations) on 2026-11-04",
                 "next review: 2027-02-03; after a major outage: yes",
                 "freeze in force now: yes"):
        assert text in out, text
    assert max(len(line) for line in out.splitlines()) <= 80


def test_show_names_the_missing_parts_of_a_draft(cli, ok):
    out = ok(cli("policy", "show", "storefront"))
    assert "Missing before it can be agreed (2):" in out
    assert "  escalation.tiebreaker: name the role that decides" in out
    assert "  review: set the next review date" in out


def test_show_json_has_the_policy_the_state_and_the_evaluation(cli):
    data = shown(cli, "checkout")
    assert data["policy"]["name"] == "checkout"
    assert data["policy"]["escalation"]["tiebreaker"] == "head of operations"
    assert data["in_force"] == data["policy"]
    assert [p["role"] for p in data["parties"]][:3] == ["operations", "development",
                                                        "product owner"]
    assert len(data["signoffs"]) == 4 and data["waiting_for"] == []
    assert data["evaluation"]["freeze"] is True
    assert data["evaluation"]["stopped"] == ["feature releases"]
    assert isinstance(data["version"], int)


def test_show_an_unknown_policy_is_one_line_with_a_hint(cli, one_line_error):
    line = one_line_error(cli("policy", "show", "nope"), 1)
    assert line.endswith("list policies with: workbench policy list")


# --- new ----------------------------------------------------------------------------------------


def test_new_starts_a_draft_from_the_starter_conditions(cli, ok):
    out = ok(cli("policy", "new", "search-rules", "--team", "Storefront", "--service",
                 "search"))
    assert out.startswith("Created the draft error budget policy search-rules with 4 "
                          "starter conditions")
    assert "Still missing: purpose" in out
    data = shown(cli, "search-rules")
    assert data["status"] == "draft" and data["team"] == "Storefront"
    keys = [c["key"] for c in data["policy"]["conditions"]]
    assert keys == ["budget-70", "fast-burn", "slow-burn", "exhausted"]
    assert data["policy"]["review"]["next"] == "2027-02-24"  # 13 weeks from the demo day


def test_new_with_an_unknown_slo_writes_nothing(cli, before, one_line_error):
    line = one_line_error(cli("policy", "new", "x", "--slo", "nope"), 2)
    assert line.startswith("error: --slo: no SLO is named 'nope'")
    unchanged(cli, before)


def test_new_with_two_unknown_slos_lists_each(cli, before):
    result = cli("policy", "new", "x", "--slo", "nope", "--slo", "nada")
    assert result.exit_code == 2 and "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert [line.split(": ")[1] for line in lines[:2]] == ["scope.slos[0]", "scope.slos[1]"]
    assert lines[2] == "error: 2 problems; nothing was saved"
    unchanged(cli, before)


def test_new_with_a_name_in_use_writes_nothing(cli, before, one_line_error):
    one_line_error(cli("policy", "new", "checkout"), 1)
    unchanged(cli, before)


# --- edit by option ---------------------------------------------------------------------------


def test_edit_simple_parts_by_option(cli, ok):
    version = shown(cli, "storefront")["version"]
    out = ok(cli("policy", "edit", "storefront", "--tiebreaker", "head of product",
                 "--next-review", "2027-03-01", "--no-review-after-outage",
                 "--title", "Search budget rules", "--purpose", "Keep search fast.",
                 "--add-slo", "search-latency"))
    assert out.startswith("Saved the error budget policy storefront: draft")
    data = shown(cli, "storefront")
    policy = data["policy"]
    assert data["version"] > version and data["missing"] == []
    assert policy["escalation"]["tiebreaker"] == "head of product"
    assert policy["review"] == {"next": "2027-03-01", "after_major_outage": False}
    assert policy["title"] == "Search budget rules" and policy["purpose"] == "Keep search fast."
    assert policy["scope"] == {"services": ["search"], "slos": ["search-latency"]}


def test_edit_that_changes_nothing_saves_nothing(cli, before, ok):
    out = ok(cli("policy", "edit", "checkout", "--tiebreaker", "head of operations",
                 "--add-service", "payments"))
    assert out == "Nothing changed in the error budget policy checkout; nothing saved\n"
    unchanged(cli, before)


def test_edit_remove_from_scope(cli, ok):
    ok(cli("policy", "edit", "checkout", "--remove-service", "orders"))
    data = shown(cli, "checkout")
    assert data["policy"]["scope"]["services"] == ["payments"]
    # Editing the agreed policy starts a draft; the agreed revision stays in force.
    assert data["status"] == "draft" and data["in_force_revision"] is not None
    assert data["in_force"]["scope"]["services"] == ["orders", "payments"]
    assert policies(cli)["checkout"]["freeze_in_force"] is True


@pytest.mark.parametrize("args, message", [
    (["--next-review", "2027-13-01"], "error: --next-review '2027-13-01' is not a day"),
    (["--remove-service", "nope"], "error: --remove-service 'nope' is not in the scope"),
    (["--add-slo", "nope"], "error: --add-slo: no SLO is named 'nope'"),
    (["--version", "abc"], "error: --version"),
])
def test_edit_bad_options_write_nothing(cli, before, args, message, one_line_error):
    line = one_line_error(cli("policy", "edit", "storefront", *args), 2)
    assert line.startswith(message), line
    unchanged(cli, before)


def test_edit_with_a_stale_version_writes_nothing(cli, before, ok, one_line_error):
    version = shown(cli, "storefront")["version"]
    ok(cli("policy", "edit", "storefront", "--purpose", "First."))
    moved = snapshot(cli)
    line = one_line_error(cli("policy", "edit", "storefront", "--purpose", "Second.",
                              "--version", str(version)), 1)
    assert "changed by someone else" in line
    assert snapshot(cli) == moved and moved != before


def test_edit_file_and_options_exclude_each_other(cli, before, tmp_path, one_line_error):
    line = one_line_error(cli("policy", "edit", "storefront", "--file", str(tmp_path / "x"),
                              "--title", "x"), 2)
    assert "--file" in line
    unchanged(cli, before)


# --- edit --file and import -------------------------------------------------------------------


def exported_yaml(cli, name: str) -> str:
    return cli.ok("policy", "export", name, "--format", "yaml")


def test_edit_file_replaces_the_whole_policy(cli, tmp_path, ok):
    text = exported_yaml(cli, "storefront")
    assert text.startswith("kind: workbench/error-budget-policy\nversion: 1\n")
    file = tmp_path / "storefront.yaml"
    file.write_text(text.replace("tiebreaker: ''", "tiebreaker: head of product"),
                    encoding="utf-8")
    ok(cli("policy", "edit", "storefront", "--file", str(file)))
    assert shown(cli, "storefront")["policy"]["escalation"]["tiebreaker"] == "head of product"


def bad_policy(text: str) -> str:
    return text.replace("trigger: burn-rate", "trigger: burn-rat", 1).replace(
        "burn_rate: '14.4'", "burn_rate: 'fast'", 1)


def test_edit_file_with_problems_lists_each_and_writes_nothing(cli, before, tmp_path):
    file = tmp_path / "bad.yaml"
    file.write_text(bad_policy(exported_yaml(cli, "storefront")), encoding="utf-8")
    result = cli("policy", "edit", "storefront", "--file", str(file))
    assert result.exit_code == 2 and "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 3, lines
    assert lines[0].startswith(f"{file}:") and "conditions[0].trigger" in lines[0]
    assert lines[1].startswith(f"{file}:") and "conditions[0].burn_rate" in lines[1]
    assert lines[2] == f"error: 2 problems in {file}; nothing was saved"
    unchanged(cli, before)


def test_import_creates_then_matches(cli, tmp_path, ok):
    text = exported_yaml(cli, "storefront")
    file = tmp_path / "copy.yaml"
    file.write_text("\n".join(line for line in text.replace(
        "name: storefront", "name: storefront-copy").splitlines()
        if not line.startswith("uid:")) + "\n", encoding="utf-8")
    out = ok(cli("policy", "import", str(file)))
    assert out.startswith(f"Imported {file} into BharatMart: created the error budget "
                          "policy storefront-copy as a draft")
    assert "storefront-copy" in policies(cli)
    again = ok(cli("policy", "import", str(file)))
    assert again == (f"{file} matches the error budget policy storefront-copy of BharatMart; "
                     "nothing to import\n")


def test_import_into_an_agreed_policy_starts_a_draft(cli, tmp_path, ok):
    file = tmp_path / "checkout.yaml"
    file.write_text(exported_yaml(cli, "checkout").replace(
        "tiebreaker: head of operations", "tiebreaker: head of engineering"),
        encoding="utf-8")
    out = ok(cli("policy", "import", str(file)))
    assert "saved a new revision of the error budget policy checkout" in out
    assert "stays in force" in out
    assert policies(cli)["checkout"]["status"] == "draft"


def test_import_dry_run_writes_nothing(cli, before, tmp_path, ok, as_json):
    file = tmp_path / "checkout.yaml"
    file.write_text(exported_yaml(cli, "checkout").replace(
        "tiebreaker: head of operations", "tiebreaker: head of engineering"),
        encoding="utf-8")
    out = ok(cli("policy", "import", str(file), "--dry-run"))
    assert out.startswith(f"Dry run: importing {file} into BharatMart would save a new "
                          "revision of the error budget policy checkout")
    assert out.endswith("Nothing was written (dry run).\n")
    data = as_json(cli("policy", "import", str(file), "--dry-run", "--json"))
    assert data["dry_run"] is True and data["changed"] is True and data["written"] is False
    unchanged(cli, before)


def test_import_with_problems_lists_each_and_writes_nothing(cli, before, tmp_path):
    file = tmp_path / "bad.yaml"
    file.write_text(bad_policy(exported_yaml(cli, "storefront")), encoding="utf-8")
    for extra in ((), ("--dry-run",)):
        result = cli("policy", "import", str(file), *extra)
        assert result.exit_code == 2 and "Traceback" not in result.output
        lines = result.stderr.splitlines()
        assert [line.split(": ", 2)[1] for line in lines[:2]] == [
            "conditions[0].trigger", "conditions[0].burn_rate"]
        assert lines[2] == f"error: 2 problems in {file}; nothing was imported"
    unchanged(cli, before)


def test_import_of_a_missing_file_is_one_line(cli, before, tmp_path, one_line_error):
    line = one_line_error(cli("policy", "import", str(tmp_path / "none.yaml")), 2)
    assert "no such file" in line
    unchanged(cli, before)


def test_import_with_unknown_slos_lists_each_and_writes_nothing(cli, before, tmp_path):
    """The workspace's checks (the store's) come after the file's: one line each too."""
    file = tmp_path / "unknown.yaml"
    file.write_text(exported_yaml(cli, "storefront").replace(
        "  slos: []", "  slos:\n  - nope\n  - nada"), encoding="utf-8")
    result = cli("policy", "import", str(file))
    assert result.exit_code == 2 and "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 3, lines
    assert lines[0].startswith(f"{file}: scope.slos[0]: no SLO is named 'nope' (SLOs: ")
    assert lines[1].startswith(f"{file}: scope.slos[1]: no SLO is named 'nada' (SLOs: ")
    assert lines[2] == f"error: 2 problems in {file}; nothing was imported"
    unchanged(cli, before)


def test_single_service_problem_is_one_line(cli, before, tmp_path, one_line_error):
    file = tmp_path / "unknown.yaml"
    file.write_text(exported_yaml(cli, "storefront").replace("  slos: []",
                                                              "  slos:\n  - nope"),
                    encoding="utf-8")
    line = one_line_error(cli("policy", "import", str(file)), 2)
    assert line.startswith("error: scope.slos[0]: no SLO is named 'nope'")
    unchanged(cli, before)


# --- edit in $EDITOR ---------------------------------------------------------------------------


def test_edit_in_the_editor_saves_what_reads(cli, tmp_path, monkeypatch, ok, editor):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", editor("tiebreaker: ''",
                                        "tiebreaker: head of product"))
    out = ok(cli("policy", "edit", "storefront"))
    assert out.startswith("Saved the error budget policy storefront")
    assert shown(cli, "storefront")["policy"]["escalation"]["tiebreaker"] == "head of product"


def test_closing_the_editor_without_a_change_saves_nothing(cli, before, monkeypatch, ok):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "true")
    out = ok(cli("policy", "edit", "storefront"))
    assert out.startswith("No change made in the editor")
    unchanged(cli, before)


def test_an_edit_that_does_not_read_is_kept(cli, before, tmp_path, monkeypatch, isolated_home, ok,
                                            editor):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", editor("trigger: burn-rate", "trigger: burn-rat"))
    result = cli("policy", "edit", "storefront")
    assert result.exit_code == 2 and "Traceback" not in result.output
    [kept] = (isolated_home / "drafts").iterdir()
    assert "trigger: burn-rat\n" in kept.read_text(encoding="utf-8")
    lines = result.stderr.splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith(f"{kept}:") and ": conditions[0].trigger: 'burn-rat'" in lines[0]
    assert lines[1].startswith(f"error: nothing was saved; your edit is kept in {kept}")
    assert lines[1].endswith(f"workbench policy edit storefront --file {kept}")
    unchanged(cli, before)
    # Fixed, the kept file loads with --file.
    kept.write_text(kept.read_text(encoding="utf-8").replace("burn-rat\n", "burn-rate\n"),
                    encoding="utf-8")
    ok(cli("policy", "edit", "storefront", "--file", str(kept)))


def test_an_edit_the_store_refuses_is_kept_too(cli, before, tmp_path, monkeypatch, isolated_home,
                                               editor):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", editor("  - search\n  slos: []",
                                        "  - search\n  slos:\n  - nope"))
    result = cli("policy", "edit", "storefront")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "nope" in result.stderr
    [kept] = (isolated_home / "drafts").iterdir()
    assert "  - nope" in kept.read_text(encoding="utf-8")
    unchanged(cli, before)


def test_an_editor_that_cannot_start_is_one_line(cli, before, monkeypatch, one_line_error):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "/no/such/editor")
    line = one_line_error(cli("policy", "edit", "storefront"), 2)
    assert "cannot start the editor '/no/such/editor'" in line
    unchanged(cli, before)


# --- agree, reopen, history, diff ------------------------------------------------------------


def complete_storefront(cli) -> None:
    cli.ok("policy", "edit", "storefront", "--tiebreaker", "head of product",
           "--next-review", "2027-03-01")


def test_agree_a_policy_with_every_party(cli, ok):
    complete_storefront(cli)
    out = ok(cli("policy", "agree", "storefront", "--by", "Priya Sharma:operations",
                 "--by", "Arjun Mehta:development", "--by", "Kavya Iyer:product owner"))
    assert out.startswith("Agreed error budget policy storefront")
    assert policies(cli)["storefront"]["status"] == "agreed"


def test_agree_a_policy_with_missing_parts_is_refused(cli, before, one_line_error):
    line = one_line_error(cli("policy", "agree", "storefront", "--by",
                              "Priya Sharma:operations"), 2)
    assert "cannot be agreed yet" in line and "escalation.tiebreaker" in line
    unchanged(cli, before)


def test_reopen_keeps_the_agreed_revision_in_force(cli, ok):
    out = ok(cli("policy", "reopen", "checkout", "--reason", "quarterly review"))
    assert "stays in force" in out
    listed = policies(cli)["checkout"]
    assert listed["status"] == "draft" and listed["freeze_in_force"] is True
    assert "draft (" in ok(cli("policy", "list"))


def test_reopen_without_a_reason_is_refused(cli, before, one_line_error):
    one_line_error(cli("policy", "reopen", "checkout"), 2)
    unchanged(cli, before)


def test_history_and_diff(cli, ok, as_json):
    ok(cli("policy", "edit", "checkout", "--tiebreaker", "head of engineering"))
    out = ok(cli("policy", "history", "checkout"))
    assert out.startswith("Error budget policy checkout: draft")
    assert "REV" in out and "edited" in out
    diff = ok(cli("policy", "diff", "checkout"))
    assert "escalation.tiebreaker" in diff
    assert "head of operations" in diff and "head of engineering" in diff
    data = as_json(cli("policy", "diff", "checkout", "--json"))
    assert data["to"] == data["from"] + 1
    assert any(c["field"] == "escalation.tiebreaker" for c in data["changes"])


def test_history_of_an_unknown_policy_is_one_line(cli, one_line_error):
    one_line_error(cli("policy", "history", "nope"), 1)


def test_diff_of_a_policy_with_one_revision_is_refused(cli, one_line_error):
    line = one_line_error(cli("policy", "diff", "storefront"), 2)
    assert "a comparison needs two" in line


# --- export ------------------------------------------------------------------------------------


def test_export_markdown(cli, ok):
    out = ok(cli("policy", "export", "checkout"))
    assert out.startswith("# Checkout error budget policy")
    assert "feature releases" in out


def test_export_yaml_round_trips(cli, tmp_path, ok):
    file = tmp_path / "checkout.yaml"
    result = cli("policy", "export", "checkout", "--format", "yaml", "--out", str(file))
    assert ok(result) == f"{file}\n"
    assert result.stderr == f"Wrote the error budget policy checkout as yaml to {file}\n"
    assert file.read_text(encoding="utf-8") == exported_yaml(cli, "checkout")
    assert "matches the error budget policy checkout" in ok(cli("policy", "import", str(file)))


def test_export_slo_generator(cli, ok):
    out = ok(cli("policy", "export", "storefront", "--format", "slo-generator"))
    assert "error_budget_policies:" in out and "burn_rate_threshold: 14.4" in out


def test_export_agreed_revision_while_a_draft_is_edited(cli, ok):
    ok(cli("policy", "edit", "checkout", "--tiebreaker", "head of engineering"))
    agreed = exported_yaml_agreed(cli)
    assert "tiebreaker: head of operations" in agreed
    assert "tiebreaker: head of engineering" in exported_yaml(cli, "checkout")


def exported_yaml_agreed(cli) -> str:
    return cli.ok("policy", "export", "checkout", "--format", "yaml", "--agreed")


@pytest.mark.parametrize("args, message", [
    (["checkout", "--format", "pdf"], "error: --format 'pdf' is not a format"),
    (["storefront", "--format", "yaml", "--agreed"], "has no agreed revision yet"),
    (["nope"], "list policies with: workbench policy list"),
])
def test_export_mistakes_are_one_line(cli, args, message, one_line_error):
    result = cli("policy", "export", *args)
    assert result.exit_code in (1, 2)
    assert message in one_line_error(result, result.exit_code)


def test_export_to_a_folder_is_refused(cli, tmp_path, one_line_error):
    line = one_line_error(cli("policy", "export", "checkout", "--out", str(tmp_path)), 2)
    assert "is a folder" in line


# --- evaluate ----------------------------------------------------------------------------------


def test_evaluate_the_agreed_revision(cli, ok):
    out = ok(cli("policy", "evaluate", "checkout"))
    lines = out.splitlines()
    assert lines[0].startswith("Error budget policy checkout: agreed revision ")
    assert lines[0].endswith(" in force, as of 2026-11-25")
    # Wrapped at 80 columns: the freeze's line goes on, indented, on the next.
    assert " ".join(" ".join(lines[1:3]).split()) == (
        "Freeze in force: stop feature releases (condition exhausted); still allowed: "
        "security fixes, reliability fixes")
    row = next(line.split() for line in lines
               if line.startswith("exhausted") and "upi-payment-availability" in line)
    assert row[2] == "fires" and row[4] == "100%"
    assert "Consequences in force:" in lines
    assert "Close to firing (90% of the threshold or more):" in lines
    assert any(line.startswith("Least budget left: upi-payment-availability, -") for line in
               lines)


def test_evaluate_json(cli, as_json):
    data = as_json(cli("policy", "evaluate", "checkout", "--json"))
    assert data["name"] == "checkout" and data["as_of"] == DAY
    assert data["evaluated"].startswith("agreed revision")
    assert data["freeze"] is True and "exhausted" in data["fired"]
    fired = next(c for c in data["conditions"] if c["condition"] == "exhausted"
                 and c["slo"] == "upi-payment-availability")
    assert fired["outcome"] == "fires" and fired["threshold"] == "100"
    assert isinstance(fired["figure"], str)
    assert data["allowed"] == ["security fixes", "reliability fixes"]


def test_evaluate_the_draft(cli, ok, as_json):
    ok(cli("policy", "edit", "checkout", "--remove-service", "payments"))
    agreed = as_json(cli("policy", "evaluate", "checkout", "--json"))
    draft = as_json(cli("policy", "evaluate", "checkout", "--draft", "--json"))
    assert agreed["freeze"] is True and "upi-payment-availability" in agreed["in_scope"]
    assert "upi-payment-availability" not in draft["in_scope"]
    assert "draft" in draft["evaluated"]


def test_evaluate_another_day(cli, as_json):
    data = as_json(cli("policy", "evaluate", "storefront", "--date", "2026-11-20", "--json"))
    assert data["as_of"] == "2026-11-20" and data["evaluated"] == "draft (not agreed yet)"


@pytest.mark.parametrize("args, code", [
    (["checkout", "--date", "2026-02-30"], 2),
    (["nope"], 1),
])
def test_evaluate_mistakes_are_one_line(cli, args, code, one_line_error):
    one_line_error(cli("policy", "evaluate", *args), code)


def test_help_is_fast_to_build():
    result = runner.invoke(app, ["policy", "--help"])
    assert result.exit_code == 0
    for name in ("list", "show", "new", "edit", "agree", "reopen", "history", "diff",
                 "export", "import", "evaluate"):
        assert f"  {name} " in result.stdout, name


def test_list_fits_80_columns_with_long_names(cli, ok):
    ok(cli("policy", "new", "a-very-long-policy-name-that-goes-on-and-on-for-sixty-chars",
           "--team", "Storefront"))
    lines = ok(cli("policy", "list")).splitlines()
    assert max(len(line) for line in lines) <= 80
    assert any(line.startswith("a-very-long-policy-na…") for line in lines)


def test_the_service_problems_are_printed_one_per_line():
    from workbench.commands.policy import problem_lines
    from workbench.errors import UsageError

    problems = ["conditions[1].key: 'x' is used by another condition; give each condition "
                "its own key", "scope.slos[0]: no SLO is named 'a' (SLOs: b)"]
    exc = UsageError("; ".join(problems), problems=problems)
    assert problem_lines(exc, "f.yaml") == [f"f.yaml: {p}" for p in problems]
    assert problem_lines(UsageError("one; two"), None) == ["error: one; two"]

