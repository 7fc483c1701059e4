"""``workbench org`` on the demo workspace: BharatMart's decision for "you build it, you and
SRE run it" (agreed two weeks before the demo day, two revisions), compared with you-run and
sre-run, with SRE as the SRE team and Platform as another team, so Checkout, Fulfilment and
Storefront are the three development teams; and the draft SRE role description.

Bad input: one line (or one line per problem) on stderr, no traceback, exit 2 (usage) or 1
(not found, conflict), and nothing written: such tests compare the documents before and
after."""

from __future__ import annotations

import pytest

DAY = "2026-11-25"


def decision(cli, *args: str) -> dict:
    return cli.json("org", "show", "--json", *args)


def role(cli) -> dict:
    return cli.json("org", "role-show", "--json")


def snapshot(cli) -> tuple:
    d, r = decision(cli), role(cli)
    return (d["version"], d["revisions"], d["status"]), (r["version"], r["revisions"],
                                                         r["status"])


@pytest.fixture
def before(cli):
    return snapshot(cli)


def unchanged(cli, before) -> None:
    assert snapshot(cli) == before


# --- show --------------------------------------------------------------------------------------


def test_show_prints_the_choice_the_comparison_and_the_sizing(cli, ok, fits):
    out = ok(cli("org", "show"))
    lines = out.splitlines()
    assert lines[:5] == [
        "Organisation model decision (the whole organisation)",
        "status: agreed (version 2; 2 revisions)",
        "chosen: You build it, you and SRE run it (you-and-sre-run)",
        "decided on: 2026-11-11",
        "considered: you-run, you-and-sre-run, sre-run"]
    start = lines.index("Comparison (scores from 1 to 5, 5 fits best; * has a note):")
    table = [line.split("  ") for line in lines[start + 1:start + 14]]
    cells = [[c.strip() for c in row if c.strip()] for row in table]
    assert cells[0] == ["CRITERION", "YOU RUN", "YOU + SRE", "SRE RUN"]
    assert cells[1] == ["Dev on call", "5", "4*", "2"]
    assert cells[4] == ["Handover", "-", "4*", "1*"]
    assert cells[10] == ["Total", "16", "19", "11"]
    assert cells[11] == ["SREs needed", "0", "3", "3"]
    assert cells[12] == ["SRE teams needed", "0", "1", "1"]
    assert "  You + SRE, Dev on call: half of the rotation" in lines
    assert "sizing: 3 development teams -> 3 SREs in 1 SRE team (you have 1)" in lines
    assert "  development teams: Checkout, Fulfilment, Storefront" in lines
    assert "  SRE teams: SRE; other teams: Platform" in lines
    assert "  1 SRE per development team; an SRE team holds 8" in lines
    assert "must agree: executive, development, operations" in lines
    fits(out)


def test_show_json_has_the_numbers(cli):
    data = decision(cli)
    assert data["ref"] == "organisation" and data["product"] is None
    assert data["chosen"] == "you-and-sre-run"
    assert data["chosen_sizing"] == {"development_teams": 3, "sre_people": 3, "sre_teams": 1,
                                     "current_sre_teams": 1, "missing_sre_teams": 0,
                                     "needs_sre": True}
    assert data["sizing"]["you-run"]["sre_teams"] == 0
    assert data["teams"]["development"] == ["Checkout", "Fulfilment", "Storefront"]
    assert (data["teams"]["sre"], data["teams"]["other"]) == (["SRE"], ["Platform"])
    assert [(m["model"], m["total"]) for m in data["models"]] == \
        [("you-run", 16), ("you-and-sre-run", 19), ("sre-run", 11)]
    on_call = data["comparison"][0]
    assert on_call["criterion"] == "developer-on-call"
    assert on_call["models"]["you-and-sre-run"] == {"score": 4, "note": "half of the rotation",
                                                   "book": "Continuous"}
    assert data["sizing_line"] == "3 development teams -> 3 SREs in 1 SRE team (you have 1)"


def test_show_of_a_product_without_a_decision_is_one_line(cli, one_line_error):
    line = one_line_error(cli("org", "show", "--product", "Payments"), 1)
    assert "no organisation model decision for product 'Payments'" in line


def test_every_model_compared_still_fits_80_columns(cli, ok, fits):
    ok(cli("org", "decide", "--consider", "you-run", "--consider", "you-and-sre-run",
           "--consider", "sre-run", "--consider", "ops-run", "--consider", "ops-sometimes",
           "--consider", "you-run-ops"))
    out = ok(cli("org", "show"))
    fits(out)
    header = next(line for line in out.splitlines() if line.startswith("CRITERION"))
    assert [c.strip() for c in header.split("  ") if c.strip()] == [
        "CRITERION", "YOU RUN", "YOU + SRE", "SRE RUN", "OPS RUN", "OPS SOMET…", "OPS MONIT…"]


def test_role_show(cli, ok, fits):
    out = ok(cli("org", "role-show"))
    lines = out.splitlines()
    assert lines[:2] == ["SRE role description: Site Reliability Engineer",
                         "status: draft · waiting for executive, human resources (version "
                         "1; 1 revision)"]
    assert "responsibilities (22):" in lines and "skills (14):" in lines
    assert "technical stack (5):" in lines and "  - Prometheus" in lines
    fits(out)
    data = role(cli)
    assert data["role"]["stack"] == ["Kubernetes", "Prometheus", "Grafana", "Go", "Java"]
    assert data["missing"] == []


# --- decide ------------------------------------------------------------------------------------


def test_decide_by_option_starts_a_draft_of_the_agreed_decision(cli, ok):
    out = ok(cli("org", "decide", "--score", "you-and:targets:5:high targets, daily change",
                 "--reason", "Shared on call."))
    assert out.splitlines()[0] == ("Saved the organisation model decision: draft · agreed "
                                   "revision 2 in force ·")
    data = decision(cli)
    assert (data["version"], data["revisions"], data["in_force_revision"]) == (3, 3, 2)
    assert data["decision"]["reason"] == "Shared on call."
    cell = data["comparison"][6]["models"]["you-and-sre-run"]
    assert (cell["score"], cell["note"]) == (5, "high targets, daily change")
    assert [m["total"] for m in data["models"]] == [16, 24, 11]


def test_a_score_cell_can_be_cleared(cli, ok):
    ok(cli("org", "decide", "--score", "sre-run:service-handover::"))
    data = decision(cli)
    assert data["comparison"][3]["models"]["sre-run"] == {"score": None, "note": "",
                                                          "book": "Required"}
    assert data["models"][2]["total"] == 10


@pytest.mark.parametrize(("score", "expected"), [
    ("you-run:cost:7", "error: --score 'you-run:cost:7': '7' is not a score; use a whole "
                       "number from 1 to 5 (or leave it empty for a note alone)"),
    ("you-run:costs:3", "error: --score criterion 'costs' is not one of: developer-on-call, "
                        "knowledge-sync, incident-resolution, service-handover, "
                        "sre-organisation, sre-infrastructure, targets-and-demand, funding, "
                        "cost"),
    ("nobody-runs:cost:3", "error: --score model 'nobody-runs' is not one of: you-run, "
                           "you-and-sre-run, sre-run, ops-run, ops-sometimes-run, "
                           "you-run-ops-monitor"),
    ("you:cost:3", "error: --score model 'you' could be any of: you-run, you-and-sre-run, "
                   "you-run-ops-monitor; type more of it"),
    ("ops-run:cost:3", "error: --score 'ops-run:cost:3': ops-run is not among the models "
                       "considered (you-run, you-and-sre-run, sre-run); add it with "
                       "--consider"),
    ("you-run:cost", "error: --score 'you-run:cost' is not MODEL:CRITERION:N[:note], e.g. "
                     "--score you-and-sre-run:knowledge-sync:4:'SREs sit with the teams'"),
])
def test_decide_with_a_bad_score_writes_nothing(cli, before, score, expected, one_line_error):
    assert one_line_error(cli("org", "decide", "--score", score), 2) == expected
    unchanged(cli, before)


def test_decide_names_problems_by_their_option(cli, before, one_line_error):
    line = one_line_error(cli("org", "decide", "--sre-team-size", "99"), 2)
    assert line == "error: --sre-team-size: 99 is out of range; use 1 to 50"
    result = cli("org", "decide", "--sre-team", "Nope", "--other-team", "Platform")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr.splitlines() == [
        "error: --sre-team: 'Nope' is not a team of this workspace"]
    unchanged(cli, before)


def test_choosing_a_model_not_compared_adds_it(cli, ok):
    ok(cli("org", "decide", "--choose", "ops-run"))
    data = decision(cli)
    assert data["chosen"] == "ops-run"
    assert data["decision"]["considered"] == ["you-run", "you-and-sre-run", "sre-run",
                                              "ops-run"]
    assert data["sizing_line"] == ("3 development teams -> no SREs on their rotations with "
                                   "Ops run (you have 1 SRE team)")


def test_considering_fewer_models_drops_their_scores_and_says_so(cli, ok):
    result = cli("org", "decide", "--consider", "you-run", "--consider", "you-and-sre-run")
    ok(result)
    assert result.stderr == "note: dropped 5 scores of sre-run, no longer considered\n"
    data = decision(cli)
    assert data["decision"]["considered"] == ["you-run", "you-and-sre-run"]
    assert {s["model"] for s in data["decision"]["scores"]} == {"you-run", "you-and-sre-run"}


def test_more_development_teams_need_more_sre_teams(cli, ok):
    ok(cli("org", "decide", "--other-team", "", "--sre-team-size", "2"))
    data = decision(cli)
    assert data["chosen_sizing"] == {"development_teams": 4, "sre_people": 4, "sre_teams": 2,
                                     "current_sre_teams": 1, "missing_sre_teams": 1,
                                     "needs_sre": True}
    assert "sizing: 4 development teams -> 4 SREs in 2 SRE teams (you have 1; 1 more " \
           "needed)" in ok(cli("org", "show"))


def test_decide_for_a_new_product(cli, ok):
    out = ok(cli("org", "decide", "--product", "Payments", "--choose", "sre-run", "--reason",
                 "Regulated payments need a handover."))
    assert out.splitlines()[0] == ("Started the organisation model decision for Payments as "
                                   "a draft (version 1)")
    data = decision(cli, "--product", "payments")
    assert data["product"] == "Payments" and data["missing"] == []
    assert data["decision"]["considered"] == ["you-run", "you-and-sre-run", "sre-run",
                                              "ops-run"]
    assert "other decisions: Payments (draft)" in ok(cli("org", "show"))


def test_decide_with_a_stale_version_writes_nothing(cli, ok, one_line_error):
    ok(cli("org", "decide", "--reason", "First."))
    moved = snapshot(cli)
    line = one_line_error(cli("org", "decide", "--reason", "Second.", "--version", "2"), 1)
    assert "changed by someone else" in line and "(you opened version 2, it is now " \
                                                 "version 3)" in line
    assert snapshot(cli) == moved


def test_decide_in_the_editor_keeps_an_edit_that_does_not_read(cli, before, tmp_path, monkeypatch,
                                                               isolated_home, ok, editor):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", editor("sre_team_size: 8", "sre_team_size: 80"))
    result = cli("org", "decide")
    assert result.exit_code == 2 and "Traceback" not in result.output
    [kept] = (isolated_home / "drafts").iterdir()
    assert kept.name == "org-decision-organisation-20261125T090000Z.yaml"
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{kept}:") and \
        lines[0].endswith(": sizing.sre_team_size: 80 is out of range; use 1 to 50")
    assert lines[1].endswith(f"load it with: workbench org decide --file {kept}")
    unchanged(cli, before)
    kept.write_text(kept.read_text(encoding="utf-8").replace("80", "6"), encoding="utf-8")
    ok(cli("org", "decide", "--file", str(kept)))
    assert decision(cli)["decision"]["sizing"]["sre_team_size"] == 6


def test_decide_without_a_decision_starts_from_the_spectrum(cli, ok):
    ok(cli("init", "Empty"))
    out = ok(cli("org", "decide", "-w", "Empty"))
    assert out.splitlines()[:2] == [
        "Started the organisation model decision as a draft (version 1)",
        "chosen: none yet (choose with: workbench org decide --choose MODEL)"]
    data = decision(cli, "-w", "Empty")
    assert data["decision"]["considered"] == ["you-run", "you-and-sre-run", "sre-run",
                                              "ops-run"]
    assert [m["part"] for m in data["missing"]] == ["chosen", "reason"]


# --- the SRE role ------------------------------------------------------------------------------


def test_role_edit_by_option(cli, ok):
    out = ok(cli("org", "role", "--title", "Reliability Engineer", "--add-stack", "Terraform",
                 "--remove-skill", "drive and self-motivation", "--add-responsibility",
                 "Coach the product teams"))
    assert out == ("Saved the SRE role description: draft · waiting for executive, human "
                   "resources\n    (version 2)\n")
    data = role(cli)
    assert data["role"]["title"] == "Reliability Engineer"
    assert data["role"]["stack"][-1] == "Terraform"
    assert "Drive and self-motivation" not in data["role"]["skills"]
    assert data["role"]["responsibilities"][-1] == "Coach the product teams"
    assert data["revisions"] == 2


def test_role_edit_removing_what_is_not_there_writes_nothing(cli, before, one_line_error):
    line = one_line_error(cli("org", "role", "--remove-stack", "Cobol"), 2)
    assert line == ("error: --remove-stack 'Cobol' is not one of the parts of the stack (they "
                    "are: Kubernetes; Prometheus; Grafana; Go; Java)")
    unchanged(cli, before)


def test_role_starts_from_the_book_when_there_is_none(cli, ok, as_json):
    ok(cli("init", "Empty"))
    out = ok(cli("org", "role", "-w", "Empty", "--purpose", "On call with the teams."))
    assert " ".join(out.split()) == ("Started the SRE role description from the book's "
                                     "role: 24 responsibilities, 14 skills (version 1)")
    data = as_json(cli("org", "role-show", "--json", "-w", "Empty"))
    assert data["role"]["purpose"] == "On call with the teams." and data["missing"] == []


def test_role_agree_and_reopen(cli, ok):
    out = ok(cli("org", "agree", "--role", "--by", "Sanjay Kapoor:executive", "--by",
                 "Hema Rao:human resources"))
    assert out.startswith("Agreed SRE role description (version 2)")
    out = ok(cli("org", "reopen", "--role", "--reason", "hiring round"))
    assert "agreed revision 2 stays in force" in out
    lines = ok(cli("org", "history", "--role")).splitlines()
    assert [line.split()[:2] for line in lines[3:]] == [["1", "draft"], ["2", "agreed"],
                                                        ["3", "draft"]]


def test_agree_the_decision_after_a_change(cli, ok):
    ok(cli("org", "decide", "--reason", "Shared on call, reviewed."))
    out = ok(cli("org", "agree", "--by", "Sanjay Kapoor:executive"))
    assert out == ("Recorded the sign-off of Sanjay Kapoor (executive) for organisation model "
                   "decision; waiting for: development, operations\n")


def test_role_and_product_together_are_refused(cli, one_line_error):
    line = one_line_error(cli("org", "agree", "--role", "--product", "x", "--by", "a:b"), 2)
    assert "--role and --product" in line


# --- export and import -------------------------------------------------------------------------


def test_export_prints_the_decision_or_the_role(cli, ok):
    assert ok(cli("org", "export")).startswith("# Organisation model decision")
    text = ok(cli("org", "export", "--role", "--format", "yaml"))
    assert text.startswith("kind: workbench/sre-role\nversion: 1\n")


def test_export_to_a_folder_writes_every_organisation_document(cli, tmp_path, ok):
    folder = tmp_path / "wiki"
    result = cli("org", "export", "--out", str(folder))
    base = folder.resolve()
    assert ok(result).splitlines() == [str(base / "decision.md"), str(base / "sre-role.md")]
    assert result.stderr == f"Wrote 2 files to {folder}\n"
    assert (folder / "decision.md").read_text(encoding="utf-8") == ok(cli("org", "export"))
    ok(cli("org", "export", "--role", "--out", str(folder), "--format", "yaml"))
    assert sorted(p.name for p in folder.iterdir()) == ["decision.md", "sre-role.md",
                                                         "sre-role.yaml"]


def test_import_dry_run_writes_nothing(cli, before, tmp_path, ok):
    text = ok(cli("org", "export", "--format", "yaml"))
    file = tmp_path / "decision.yaml"
    file.write_text(text.replace("sre_team_size: 8", "sre_team_size: 4"), encoding="utf-8")
    out = ok(cli("org", "import", str(file), "--dry-run"))
    assert out.splitlines() == [
        f"Dry run: importing {file} into BharatMart would save a new revision of the "
        "organisation model decision (a draft; agreed revision 2 stays in force until it is "
        "agreed)", "Nothing was written (dry run)."]
    unchanged(cli, before)
    ok(cli("org", "import", str(file)))
    assert decision(cli)["decision"]["sizing"]["sre_team_size"] == 4


def test_import_reads_a_role_by_its_kind(cli, tmp_path, ok, as_json):
    text = ok(cli("org", "export", "--role", "--format", "yaml"))
    file = tmp_path / "role.yaml"
    file.write_text(text.replace("- Java\n", "- Java\n- Rust\n"), encoding="utf-8")
    data = as_json(cli("org", "import", str(file), "--json"))
    assert (data["kind"], data["created"], data["changed"], data["written"]) == \
        ("sre_role", False, True, True)
    assert role(cli)["role"]["stack"][-1] == "Rust"


def test_import_a_file_of_another_kind_names_both_kinds(cli, before, tmp_path, one_line_error):
    file = tmp_path / "x.yaml"
    file.write_text("kind: workbench/team-charter\nversion: 1\nteam: SRE\n", encoding="utf-8")
    line = one_line_error(cli("org", "import", str(file)), 2)
    assert line.endswith(f"{file}:1: kind: is 'workbench/team-charter'; an organisation "
                         "decision has kind: workbench/org-decision, the SRE role kind: "
                         "workbench/sre-role")
    unchanged(cli, before)


def test_import_a_broken_decision_prints_each_problem(cli, before, tmp_path):
    file = tmp_path / "bad.yaml"
    file.write_text("kind: workbench/org-decision\nversion: 1\nchosen: nope\nscores:\n"
                    "- {model: you-run, criterion: x, score: 9}\n", encoding="utf-8")
    result = cli("org", "import", str(file))
    assert result.exit_code == 2 and "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert [line.split(": ")[1] for line in lines[:3]] == \
        ["chosen", "scores[0].criterion", "scores[0].score"]
    assert lines[0].startswith(f"{file}:3: ")
    assert lines[3] == f"error: 3 problems in {file}; nothing was imported"
    unchanged(cli, before)
