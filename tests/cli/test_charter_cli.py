"""``workbench charter`` on the demo workspace: the SRE team's charter (agreed a month before
the demo day, two revisions) and Checkout's draft (its metrics name checkout-availability and
upi-payment-availability; its next review date is missing). Fulfilment, Platform and
Storefront have no charter.

Bad input: every problem on its own line on stderr, no traceback, exit 2 (usage) or 1 (not
found, conflict), and nothing written: such tests compare the charters before and after."""

from __future__ import annotations

import pytest

DAY = "2026-11-25"


def snapshot(cli) -> dict:
    """Every charter with what a write would change (version, revisions, status)."""
    data = cli.json("charter", "list", "--json")
    return {c["team"]: (c["version"], c["revisions"], c["status"]) for c in data["charters"]}


def shown(cli, team: str) -> dict:
    return cli.json("charter", "show", "--team", team, "--json")


@pytest.fixture
def before(cli):
    return snapshot(cli)


def unchanged(cli, before) -> None:
    assert snapshot(cli) == before


# --- list and show -----------------------------------------------------------------------------


def test_list_shows_every_team_and_its_charter(cli, ok, fits):
    out = ok(cli("charter", "list"))
    lines = out.splitlines()
    assert lines[0] == "Team charters of BharatMart as of 2026-11-25: 2 of 5 teams"
    assert lines[2].split() == ["TEAM", "STATUS", "MISSING", "NEXT", "REVIEW", "IN", "FORCE"]
    rows = [line.split() for line in lines[3:8]]
    assert rows == [
        ["Checkout", "draft", "1", "-", "-"],
        ["Fulfilment", "none", "-", "-", "-"],
        ["Platform", "none", "-", "-", "-"],
        ["SRE", "agreed", "0", "2027-01-26", "2"],
        ["Storefront", "none", "-", "-", "-"],
    ]
    assert lines[-1] == "Start a charter with: workbench charter edit --team TEAM"
    fits(out)


def test_list_json(cli, as_json):
    data = as_json(cli("charter", "list", "--json"))
    assert data["as_of"] == DAY
    assert data["without"] == ["Fulfilment", "Platform", "Storefront"]
    by_team = {c["team"]: c for c in data["charters"]}
    sre = by_team["SRE"]
    assert (sre["status"], sre["version"], sre["revisions"], sre["in_force_revision"]) == \
        ("agreed", 2, 2, 2)
    assert sre["next_review"] == "2027-01-26" and sre["review_cadence"] == "quarterly"
    assert sre["review_due"] is False and sre["missing"] == []
    assert [s["name"] for s in sre["signoffs"]] == ["Rohan Das", "Anita Desai"]
    checkout = by_team["Checkout"]
    assert (checkout["status"], checkout["version"], checkout["in_force_revision"]) == \
        ("draft", 1, None)
    assert checkout["missing"] == [{"part": "review.next",
                                    "message": "set the next review date"}]
    assert checkout["waiting_for"] == ["team", "management"]


def test_the_review_shows_as_due_once_its_day_has_come(cli, monkeypatch, ok):
    monkeypatch.setenv("WORKBENCH_TODAY", "2027-01-26")
    rows = {line.split()[0]: line.split() for line in ok(cli("charter", "list")).splitlines()
            if line.startswith(("SRE ", "Checkout "))}
    assert rows["SRE"][3:5] == ["2027-01-26", "due"]
    assert shown(cli, "SRE")["review_due"] is True


def test_show_prints_every_part_and_the_state(cli, ok, fits):
    out = ok(cli("charter", "show", "--team", "sre"))
    lines = out.splitlines()
    assert lines[:3] == ["Team charter of SRE", "status: agreed (version 2; 2 revisions)",
                         "mission:"]
    for text in ("responsibilities (5):", "  - Lead incident response and run blameless "
                 "postmortems", "scope:", "  in (4):", "    - Observability", "  out (2):",
                 "    - Infrastructure provisioning (Platform)", "success metrics (4):",
                 "  - Mean time to detect (target: < 5 minutes)",
                 "interactions with other teams (3):",
                 "  - Storefront: SLO reviews and reliability consulting (how: weekly SLO "
                 "review)", "communication:", "  channels:",
                 "    - #incidents: incident updates every 15 minutes", "  meetings:",
                 "    - Postmortem review, every two weeks (everyone on call)",
                 "  escalation: SRE on call -> SRE team lead -> Head of operations",
                 "review: quarterly; next review 2027-01-26", "must agree: team, management",
                 "signed: Rohan Das (team) on 2026-10-26, Anita Desai (management) on "
                 "2026-10-26"):
        assert text in lines, text
    assert "Missing before" not in out
    fits(out)


def test_show_names_the_figures_and_the_missing_parts(cli, ok, fits):
    out = ok(cli("charter", "show", "Checkout"))
    assert "  - Checkout available to shoppers [SLO checkout-availability: 99.94% good\n" \
           "    against 99.9% (budget left 54.1%)]\n" in out
    assert "  - UPI payments succeed [SLO upi-payment-availability: 99.02% good against\n" \
           "    99.5% (budget left -67.8%)]\n" in out
    assert "  - Features delivered per quarter (target: as planned)\n" in out
    assert "review: quarterly; next review -\n" in out
    assert out.endswith("Missing before it can be agreed (1):\n"
                        "  review.next: set the next review date\n")
    fits(out)


def test_show_json_has_every_part_and_the_figures(cli):
    data = shown(cli, "Checkout")
    assert data["as_of"] == DAY and data["in_force"] is None
    charter = data["charter"]
    assert charter["scope"] == {"in": ["Cart", "Orders", "Payments"], "out": []}
    assert [m.get("slo") for m in charter["metrics"]] == \
        ["checkout-availability", "upi-payment-availability", None]
    assert charter["review"] == {"cadence": "quarterly"}
    assert data["parties"] == [{"role": "team", "name": None},
                               {"role": "management", "name": None}]
    figures = data["figures"]
    assert set(figures) == {"checkout-availability", "upi-payment-availability"}
    assert {k: figures["checkout-availability"][k] for k in
            ("target", "good", "budget_left", "met", "period_start", "period_end")} == {
        "target": "99.9", "good": "99.94", "budget_left": "54.1", "met": True,
        "period_start": "2026-11-02", "period_end": "2026-11-29"}
    upi = figures["upi-payment-availability"]
    assert (upi["good"], upi["budget_left"], upi["met"]) == ("99.02", "-67.8", False)


def test_the_team_given_twice_must_be_the_same(cli, ok, one_line_error):
    assert ok(cli("charter", "show", "SRE", "--team", "sre")).startswith("Team charter of SRE")
    line = one_line_error(cli("charter", "show", "SRE", "--team", "Checkout"), 2)
    assert "given twice" in line


def test_no_team_given_is_one_line(cli, one_line_error):
    line = one_line_error(cli("charter", "show"), 2)
    assert "--team TEAM" in line


def test_an_unknown_team_is_one_line(cli, one_line_error):
    line = one_line_error(cli("charter", "show", "--team", "Nowhere"), 1)
    assert line.startswith("error: no team named 'Nowhere' (teams: Checkout, Fulfilment,")


def test_a_team_without_a_charter_says_how_to_start_one(cli, one_line_error):
    line = one_line_error(cli("charter", "show", "--team", "Platform"), 1)
    assert "team Platform has no charter yet; start one with: workbench charter edit " \
           "--team 'Platform'" in line


# --- edit by option ----------------------------------------------------------------------------


def test_edit_by_option_creates_a_revision(cli, ok):
    out = ok(cli("charter", "edit", "--team", "Checkout", "--mission", "Let shoppers pay.",
                 "--add-responsibility", "Keep runbooks current",
                 "--remove-responsibility", "work within the checkout error budget policy",
                 "--scope-in", "Refunds", "--scope-out", "Search", "--next-review",
                 "2027-02-25"))
    assert out == ("Saved the charter of team Checkout: draft · waiting for team, management "
                   "(version 2)\n")
    data = shown(cli, "Checkout")
    assert data["revisions"] == 2 and data["version"] == 2 and data["missing"] == []
    charter = data["charter"]
    assert charter["mission"] == "Let shoppers pay."
    assert charter["responsibilities"][-2:] == [
        "Go on call for orders and payments with the SRE team", "Keep runbooks current"]
    assert charter["scope"] == {"in": ["Cart", "Orders", "Payments", "Refunds"],
                                "out": ["Search"]}
    assert charter["review"] == {"cadence": "quarterly", "next": "2027-02-25"}
    history = ok(cli("charter", "history", "Checkout")).splitlines()
    assert history[-1].split()[:2] == ["2", "draft"]
    assert "edited mission, responsibilities, scope, review" in history[-1]


def test_editing_the_agreed_charter_starts_a_draft_and_diff_shows_it(cli, ok):
    out = ok(cli("charter", "edit", "SRE", "--review-cadence", "half-yearly"))
    assert out.startswith("Saved the charter of team SRE: draft · agreed revision 2 in force")
    assert ok(cli("charter", "list")).count("draft (2 in force)") == 1
    lines = ok(cli("charter", "diff", "--team", "SRE")).splitlines()
    assert lines[0] == "Charter of team SRE: revision 2 -> 3"
    assert lines[3].split() == ["review.cadence", "changed", "quarterly", "half-yearly"]


def test_an_edit_that_changes_nothing_saves_nothing(cli, before, ok):
    out = ok(cli("charter", "edit", "SRE", "--scope-in", "observability"))
    assert out == "Nothing changed in the charter of team SRE; nothing saved\n"
    unchanged(cli, before)


def test_a_review_cadence_too_often_lists_the_valid_ones(cli, before, one_line_error):
    line = one_line_error(cli("charter", "edit", "Checkout", "--review-cadence", "weekly"), 2)
    assert line == ("error: --review-cadence 'weekly' is not one of: monthly, quarterly, "
                    "half-yearly, yearly")
    unchanged(cli, before)


def test_removing_what_is_not_there_is_one_line(cli, before, one_line_error):
    line = one_line_error(cli("charter", "edit", "Checkout", "--remove-scope", "Search"), 2)
    assert line == ("error: --remove-scope 'Search' is not in the scope (in or out; they "
                    "are: Cart; Orders; Payments)")
    one_line_error(cli("charter", "edit", "Checkout", "--remove-responsibility", "x"), 2)
    unchanged(cli, before)


def test_a_bad_next_review_is_named_by_its_option(cli, before, one_line_error):
    line = one_line_error(cli("charter", "edit", "Checkout", "--next-review", "2027-13-01"), 2)
    assert line.startswith("error: --next-review '2027-13-01' is not a day")
    unchanged(cli, before)


def test_a_stale_version_writes_nothing(cli, ok, one_line_error):
    ok(cli("charter", "edit", "Checkout", "--mission", "First."))
    moved = snapshot(cli)
    line = one_line_error(cli("charter", "edit", "Checkout", "--mission", "Second.",
                              "--version", "1"), 1)
    assert line == ("error: the charter of team Checkout was changed by someone else since "
                    "you opened it (you opened version 1, it is now version 2); nothing was "
                    "saved: reload it and make your change again")
    assert snapshot(cli) == moved
    assert shown(cli, "Checkout")["charter"]["mission"] == "First."


def test_edit_starts_the_charter_of_a_team_without_one(cli, ok, as_json):
    out = ok(cli("charter", "edit", "--team", "fulfilment", "--mission", "Get orders to "
                 "customers.", "--add-responsibility", "Run the warehouses", "--scope-in",
                 "Couriers"))
    assert out.splitlines() == [
        "Started the charter of team Fulfilment: draft · waiting for team, management "
        "(version 1)",
        "Still missing: metrics (add at least one success metric)"]
    data = shown(cli, "Fulfilment")
    assert data["revisions"] == 1
    assert data["charter"]["review"] == {"cadence": "quarterly", "next": "2027-02-25"}
    assert "Fulfilment" not in as_json(cli("charter", "list", "--json"))["without"]


def test_new_starts_an_empty_draft_once(cli, ok, one_line_error):
    out = ok(cli("charter", "new", "--team", "Storefront"))
    assert out.splitlines()[0] == "Started the charter of team Storefront as a draft " \
                                  "(version 1)"
    assert shown(cli, "Storefront")["charter"]["review"] == {"cadence": "quarterly",
                                                             "next": "2027-02-25"}
    line = one_line_error(cli("charter", "new", "--team", "Storefront"), 1)
    assert "team Storefront has a charter already" in line


# --- edit from a file or in $EDITOR --------------------------------------------------------------


def exported_yaml(cli, team: str) -> str:
    return cli.ok("charter", "export", "--team", team, "--format", "yaml")


def test_edit_file_with_problems_prints_each_and_writes_nothing(cli, before, tmp_path):
    text = exported_yaml(cli, "Checkout").replace("cadence: weekly", "cadence: weeklyy") \
        .replace("mission:", "missio:")
    file = tmp_path / "checkout.yaml"
    file.write_text(text, encoding="utf-8")
    result = cli("charter", "edit", "--team", "Checkout", "--file", str(file))
    assert result.exit_code == 2 and "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 3, lines
    assert lines[0].startswith(f"{file}:5: missio: is not a known key")
    assert lines[1].startswith(f"{file}:34: communication.meetings[0].cadence: 'weeklyy' is "
                               "not one of:")
    assert lines[2] == f"error: 2 problems in {file}; nothing was saved"
    unchanged(cli, before)


def test_edit_file_saves_the_whole_charter(cli, tmp_path, ok):
    text = exported_yaml(cli, "Checkout").replace("review:\n  cadence: quarterly\n",
                                                  "review:\n  cadence: yearly\n  next: "
                                                  "'2027-06-01'\n")
    file = tmp_path / "checkout.yaml"
    file.write_text(text, encoding="utf-8")
    out = ok(cli("charter", "edit", "--team", "Checkout", "--file", str(file)))
    assert out.startswith("Saved the charter of team Checkout")
    assert shown(cli, "Checkout")["charter"]["review"] == {"cadence": "yearly",
                                                           "next": "2027-06-01"}


def test_a_file_of_another_team_is_refused(cli, before, tmp_path, one_line_error):
    file = tmp_path / "sre.yaml"
    file.write_text(exported_yaml(cli, "SRE"), encoding="utf-8")
    line = one_line_error(cli("charter", "edit", "--team", "Checkout", "--file", str(file)), 2)
    assert "is the charter of team SRE, not of Checkout" in line
    unchanged(cli, before)


def test_file_and_options_exclude_each_other(cli, before, tmp_path, one_line_error):
    line = one_line_error(cli("charter", "edit", "Checkout", "--file", str(tmp_path / "x"),
                              "--mission", "x"), 2)
    assert "--file" in line
    unchanged(cli, before)


def test_edit_in_the_editor_saves_what_reads(cli, tmp_path, monkeypatch, ok, editor):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", editor("- name: '#checkout'",
                                        "- name: '#checkout-help'"))
    out = ok(cli("charter", "edit", "Checkout"))
    assert out.startswith("Saved the charter of team Checkout")
    channels = shown(cli, "Checkout")["charter"]["communication"]["channels"]
    assert channels[0]["name"] == "#checkout-help"


def test_an_edit_that_does_not_read_is_kept(cli, before, tmp_path, monkeypatch, isolated_home,
                                            editor):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", editor("cadence: quarterly", "cadence: quarterlyy"))
    result = cli("charter", "edit", "--team", "Platform")
    assert result.exit_code == 2 and "Traceback" not in result.output
    [kept] = (isolated_home / "drafts").iterdir()
    assert kept.name == "charter-platform-20261125T090000Z.yaml"
    assert "cadence: quarterlyy" in kept.read_text(encoding="utf-8")
    lines = result.stderr.splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith(f"{kept}:") and ": review.cadence: 'quarterlyy'" in lines[0]
    assert lines[1] == (f"error: nothing was saved; your edit is kept in {kept}: fix it and "
                        f"load it with: workbench charter edit --team Platform --file {kept}")
    unchanged(cli, before)


def test_closing_the_editor_without_a_change_starts_nothing(cli, before, monkeypatch, ok):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "true")
    out = ok(cli("charter", "edit", "--team", "Platform"))
    assert out == "No change made in the editor; no charter was started for team Platform\n"
    unchanged(cli, before)


# --- agree, reopen, history ----------------------------------------------------------------------


def test_agree_is_refused_while_parts_are_missing_then_accepted(cli, before, ok, one_line_error):
    line = one_line_error(cli("charter", "agree", "--team", "Checkout", "--by",
                              "Rohan Das:team"), 2)
    assert line == ("error: charter of team Checkout cannot be agreed yet: review.next: set "
                    "the next review date")
    unchanged(cli, before)
    ok(cli("charter", "edit", "--team", "Checkout", "--next-review", "2027-02-25"))
    out = ok(cli("charter", "agree", "--team", "Checkout", "--by", "Rohan Das:team"))
    assert out == ("Recorded the sign-off of Rohan Das (team) for charter of team Checkout; "
                   "waiting for: management\n")
    out = ok(cli("charter", "agree", "Checkout", "--by", "Anita Desai:management"))
    assert out.startswith("Agreed charter of team Checkout (version ")
    data = shown(cli, "Checkout")
    assert data["status"] == "agreed" and data["in_force_revision"] == data["revisions"]


def test_reopen_keeps_the_agreed_revision_in_force(cli, ok):
    out = ok(cli("charter", "reopen", "--team", "SRE", "--reason", "quarterly review"))
    assert out == ("Reopened charter of team SRE as a draft (version 3); agreed revision 2 "
                   "stays in force until it is agreed again\n")
    assert shown(cli, "SRE")["status"] == "draft"


def test_history_lists_the_revisions(cli, ok):
    lines = ok(cli("charter", "history", "--team", "SRE")).splitlines()
    assert lines[0] == "Charter of team SRE: agreed (version 2)"
    assert [line.split()[:2] for line in lines[4:]] == [["1", "draft"], ["2", "agreed"]]
    assert ok(cli("history", "charter", "SRE")) == ok(cli("charter", "history", "SRE"))


def test_diff_of_a_charter_with_one_revision_is_refused(cli, one_line_error):
    line = one_line_error(cli("charter", "diff", "Checkout"), 2)
    assert "has 1 revision; a comparison needs two" in line


# --- export and import -------------------------------------------------------------------------


def test_export_prints_the_page(cli, ok):
    out = ok(cli("charter", "export", "--team", "SRE"))
    assert out.startswith("# Team charter: SRE\n")
    assert "## Mission" in out and "Keep BharatMart within its reliability targets" in out


def test_export_to_a_folder(cli, tmp_path, ok):
    from workbench.export.charter_yaml import read_charter_path

    folder = tmp_path / "wiki"
    result = cli("charter", "export", "--team", "checkout", "--out", str(folder))
    assert ok(result) == f"{folder.resolve() / 'checkout.md'}\n"
    assert result.stderr == (f"Wrote the charter of team Checkout as md to "
                             f"{folder.resolve() / 'checkout.md'}\n")
    page = (folder / "checkout.md").read_text(encoding="utf-8")
    assert page == ok(cli("charter", "export", "--team", "Checkout"))
    ok(cli("charter", "export", "Checkout", "--out", str(folder), "--format", "yaml"))
    assert sorted(p.name for p in folder.iterdir()) == ["checkout.md", "checkout.yaml"]
    charter = read_charter_path(folder / "checkout.yaml")
    assert charter.team == "Checkout" and charter.scope_in == ("Cart", "Orders", "Payments")


def test_export_to_a_file_is_refused(cli, tmp_path, one_line_error):
    file = tmp_path / "page.md"
    file.write_text("x", encoding="utf-8")
    line = one_line_error(cli("charter", "export", "SRE", "--out", str(file)), 2)
    assert "it is a file, not a folder" in line
    assert file.read_text(encoding="utf-8") == "x"


def test_export_a_bad_format_is_one_line(cli, one_line_error):
    line = one_line_error(cli("charter", "export", "SRE", "--format", "pdf"), 2)
    assert line == "error: --format 'pdf' is not a format; choose md or yaml"


def test_import_dry_run_says_what_would_change_and_writes_nothing(cli, before, tmp_path, ok,
                                                                  as_json):
    text = exported_yaml(cli, "Checkout").replace("  - Cart\n", "  - Basket\n") \
        .replace("review:\n  cadence: quarterly\n", "review:\n  cadence: quarterly\n  next: "
                 "'2027-02-25'\n")
    file = tmp_path / "checkout.yaml"
    file.write_text(text, encoding="utf-8")
    out = ok(cli("charter", "import", str(file), "--dry-run"))
    assert out.splitlines() == [
        f"Dry run: importing {file} into BharatMart would save a new revision of the "
        "charter of team Checkout",
        "Would change:",
        "  review.next (added)",
        "  scope.in (changed)",
        "Nothing was written (dry run).",
    ]
    unchanged(cli, before)
    data = as_json(cli("charter", "import", str(file), "--dry-run", "--json"))
    assert (data["dry_run"], data["created"], data["changed"], data["written"]) == \
        (True, False, True, False)
    assert data["changes"] == [{"field": "review.next", "change": "added"},
                               {"field": "scope.in", "change": "changed"}]
    unchanged(cli, before)
    out = ok(cli("charter", "import", str(file)))
    assert out.startswith(f"Imported {file} into BharatMart: saved a new revision")
    assert shown(cli, "Checkout")["charter"]["scope"]["in"] == ["Basket", "Orders", "Payments"]
    again = ok(cli("charter", "import", str(file)))
    assert again == (f"{file} matches the charter of team Checkout in BharatMart; nothing to "
                     "import\n")


def test_import_creates_the_charter_of_a_team_without_one(cli, tmp_path, ok):
    text = exported_yaml(cli, "SRE").replace("team: SRE", "team: Platform", 1)
    text = "\n".join(line for line in text.splitlines() if not line.startswith("uid:"))
    text = text.replace("- team: Platform\n", "- team: Storefront\n")
    file = tmp_path / "platform.yaml"
    file.write_text(text + "\n", encoding="utf-8")
    out = ok(cli("charter", "import", str(file)))
    assert out.startswith(f"Imported {file} into BharatMart: started the charter of team "
                          "Platform as a draft")
    assert shown(cli, "Platform")["revisions"] == 1


def test_import_names_the_workspace_problems_one_per_line(cli, before, tmp_path):
    text = exported_yaml(cli, "Checkout").replace("slo: checkout-availability", "slo: nope") \
        .replace("- team: SRE", "- team: Nobody")
    file = tmp_path / "checkout.yaml"
    file.write_text(text, encoding="utf-8")
    result = cli("charter", "import", str(file), "--dry-run")
    assert result.exit_code == 2 and "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{file}: interactions[0].team: 'Nobody' is not a team")
    assert lines[1].startswith(f"{file}: metrics[0].slo: 'nope' is not an SLO of Checkout")
    assert lines[2] == f"error: 2 problems in {file}; nothing was imported"
    unchanged(cli, before)


def test_import_a_broken_file_prints_each_problem(cli, before, tmp_path):
    file = tmp_path / "bad.yaml"
    file.write_text("kind: workbench/team-charter\nversion: 1\nteam: Checkout\n"
                    "metrics:\n- target: 1\nreview: {cadence: weekly}\n", encoding="utf-8")
    result = cli("charter", "import", str(file))
    assert result.exit_code == 2 and "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{file}:5: metrics[0].name:")
    assert lines[1].startswith(f"{file}:6: review.cadence: weekly is too often")
    assert lines[2] == f"error: 2 problems in {file}; nothing was imported"
    unchanged(cli, before)


def test_the_import_line_keeps_a_team_name_that_holds_the_verb(cli, tmp_path, ok):
    ok(cli("teams", "add", "Restart Savers"))
    text = exported_yaml(cli, "SRE").replace("team: SRE", "team: Restart Savers", 1)
    text = "\n".join(line for line in text.splitlines() if not line.startswith("uid:"))
    file = tmp_path / "restart.yaml"
    file.write_text(text + "\n", encoding="utf-8")
    out = ok(cli("charter", "import", str(file), "--dry-run"))
    assert out.startswith(f"Dry run: importing {file} into BharatMart would start the charter "
                          "of team Restart Savers as a draft")
    out = ok(cli("charter", "import", str(file)))
    assert out.startswith(f"Imported {file} into BharatMart: started the charter of team "
                          "Restart Savers as a draft (version")
    file.write_text(text.replace("mission: ", "mission: Again. ", 1) + "\n", encoding="utf-8")
    out = ok(cli("charter", "import", str(file)))
    assert out.startswith(f"Imported {file} into BharatMart: saved a new revision of the "
                          "charter of team Restart Savers (version")
