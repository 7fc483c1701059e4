"""Organisation exports: the "who builds it, who runs it?" decision and the SRE role as native
YAML (round trips of the demo's documents and of hostile text, every problem of a file with
file, line and key path) and as wiki pages (golden files, the comparison as a GFM table with
one column per model considered, sizing, user text shown as typed and never as HTML), and
the exporter's files.

Regenerate the golden files after an intended change with:
    UPDATE_GOLDEN=1 pytest tests/export/test_org_export.py -q
then review the diff under tests/export/golden_charters/.
"""

from __future__ import annotations

import textwrap
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
import yaml

from workbench.domain.lifecycle import LifecycleState, Party, SignOff
from workbench.domain.org import (
    CRITERION_TITLES,
    MODEL_SUMMARIES,
    Criterion,
    OrgDecision,
    OrgModel,
    SreRole,
    make_decision,
    make_role,
    sizing,
    starter_role,
)
from workbench.domain.org.decision import missing_parts as decision_missing
from workbench.domain.org.role import missing_parts as role_missing
from workbench.domain.organisation import ArtifactStatus
from workbench.errors import UsageError
from workbench.export import export_workspace
from workbench.export.exporters.organisation import decision_names
from workbench.export.org_markdown import (
    DecisionPage,
    RolePage,
    compared_models,
    render_decision,
    render_role,
)
from workbench.export.org_yaml import (
    DECISION_KIND,
    MAX_BYTES,
    ROLE_KIND,
    DecisionFileError,
    RoleFileError,
    decision_document,
    read_decision_file,
    read_decision_path,
    read_role_file,
    read_role_path,
    role_document,
)
from workbench.export.templates import TemplateProblem
from workbench.service import Workbench
from workbench.store import org_repo, repo
from workbench.store.db import reading, transaction

GOLDEN = Path(__file__).parent / "golden_charters"
DAY = date(2026, 11, 25)
STAMP = datetime(2026, 11, 25, 9, 0)
DECISION_HEAD = f"kind: {DECISION_KIND}\nversion: 1\n"
ROLE_HEAD = f"kind: {ROLE_KIND}\nversion: 1\n"
ODD = 'a|b `x` *y* _z_ <b>bold</b> [l](u) ~s~ $m$ &amp; \\ #h ${HOME}'
TEAMS = ("एसआरई | <b>", "Plat*form*", "Pay | <i>", "支付", "# heads", "1. first", "No")


def decision_problems(text: str, source: str = "decision.yaml") -> list[str]:
    with pytest.raises(DecisionFileError) as caught:
        read_decision_file(textwrap.dedent(text), source)
    return caught.value.lines()


def role_problems(text: str, source: str = "role.yaml") -> list[str]:
    with pytest.raises(RoleFileError) as caught:
        read_role_file(textwrap.dedent(text), source)
    return caught.value.lines()


def hostile_decision() -> OrgDecision:
    return make_decision({
        "product": "Pay | <app> 支付", "uid": "hostile",
        "chosen": "you-and-sre-run",
        "considered": ["ops-sometimes-run", "you-and-sre-run", "you-run-ops-monitor",
                       "ops-run"],
        "reason": "# Not a heading | `code` <script>alert(1)</script>\n\n- not a list\n"
                  "1. nor this",
        "decided_on": "2026-11-11",
        "scores": [
            {"model": "you-and-sre-run", "criterion": "developer-on-call", "score": 4,
             "note": ODD},
            {"model": "ops-sometimes-run", "criterion": "cost", "note": "<b>cheap</b> | `x`"},
            {"model": "ops-run", "criterion": "cost", "score": 5},
            {"model": "you-run-ops-monitor", "criterion": "funding", "score": 1,
             "note": "1. no"},
        ],
        "teams": {"sre": ["एसआरई | <b>"], "other": ["Plat*form*"]},
        "sizing": {"sre_team_size": 2, "sres_per_team": 1},
        "parties": [{"role": "exec | <b>"}, {"role": "dev", "name": "R *R*"}],
    })


def hostile_decision_page() -> DecisionPage:
    decision = hostile_decision()
    state = LifecycleState(ArtifactStatus.DRAFT, 3, (Party("exec | <b>"), Party("dev", "R *R*")),
                           (SignOff("Asha | *R*", "exec | <b>", DAY, "ok `x` <b>"),),
                           in_force=2)
    return DecisionPage(
        decision=decision, state=state, teams=TEAMS, in_force_number=2, revisions=3,
        last_saved=STAMP, missing=decision_missing(decision),
        problems=("teams.sre[0]: 'x <b>' is not a team of this workspace",),
        sizing={m: sizing(decision, TEAMS, m) for m in compared_models(decision)})


def hostile_role() -> SreRole:
    return make_role({
        "title": "SRE | <b>Ingénieur</b> 可靠性", "uid": "hostile-role",
        "purpose": "# Purpose | `x`\n\n<script>alert(1)</script>\n- no list",
        "responsibilities": ["- dash", "1. numbered", ODD, "No", "2026"],
        "skills": ["> quote", "~~strike~~"], "stack": ["C#", "k8s | <helm>"],
        "parties": [{"role": "hr | <b>", "name": "Zoë"}],
    })


def hostile_role_page() -> RolePage:
    role = hostile_role()
    state = LifecycleState(ArtifactStatus.AGREED, 2, (Party("hr | <b>", "Zoë"),),
                           (SignOff("Zoë", "hr | <b>", DAY, "fine | *ok*"),), in_force=2)
    return RolePage(role=role, state=state, in_force_number=2, revisions=2, last_saved=STAMP,
                    missing=role_missing(role))


# --- Markdown ----------------------------------------------------------------------------
# (renderer, tables, html_tokens, texts and github_page are fixtures of conftest.py)

PAGE_TAGS = {"h1", "h2", "h3", "p", "ul", "li", "strong", "em", "table", "thead", "tbody",
             "tr", "th", "td"}


def export_md(engine, workspace, out, **kwargs) -> dict[str, str]:
    paths = export_workspace(engine, workspace, out, {"md"}, {"organisation"}, **kwargs)
    return {p.stem: p.read_text("utf-8") for p in paths}


# === YAML round trips ===========================================================================


def test_demo_documents_round_trip(demo, tmp_path):
    engine, workspace = demo
    paths = export_workspace(engine, workspace, tmp_path, {"yaml"}, {"organisation"},
                             generated_at=STAMP)
    assert [p.relative_to(tmp_path / "bharatmart").as_posix() for p in paths] == [
        "organisation/decision.yaml", "organisation/sre-role.yaml"]
    with reading(engine) as session:
        [stored] = org_repo.list_decisions(session, workspace.id)
        role = org_repo.load_role(session, workspace.id)
    decision = read_decision_path(paths[0])
    assert decision == replace(stored.content, version=0)
    assert decision.chosen is OrgModel.YOU_AND_SRE_RUN and len(decision.scores) == 14
    assert decision_document(decision, generated_at=STAMP) == paths[0].read_text("utf-8")
    imported_role = read_role_path(paths[1])
    assert imported_role == replace(role.content, version=0)
    assert role_document(imported_role, generated_at=STAMP) == paths[1].read_text("utf-8")
    assert paths[0].read_text("utf-8").startswith(
        f"kind: {DECISION_KIND}\nversion: 1\ngenerated_at: '2026-11-25T09:00:00'\nuid: ")


def test_hostile_documents_round_trip():
    decision = hostile_decision()
    text = decision_document(decision)
    assert read_decision_file(text, "d.yaml") == decision
    data = yaml.safe_load(text)
    assert data["product"] == "Pay | <app> 支付"
    assert data["scores"][0] == {"model": "you-and-sre-run", "criterion": "developer-on-call",
                                 "score": 4, "note": ODD}
    assert data["sizing"] == {"sre_team_size": 2, "sres_per_team": 1}
    role = hostile_role()
    text = role_document(role)
    assert read_role_file(text, "r.yaml") == role
    assert yaml.safe_load(text)["responsibilities"][3:] == ["No", "2026"]


@pytest.mark.parametrize("decision", [
    OrgDecision(),
    OrgDecision(product="2026", considered=(OrgModel.YOU_RUN, OrgModel.OPS_RUN),
                sre_team_size=50, sres_per_team=10),
    make_decision({"chosen": "ops-run", "scores": [{"model": "sre-run", "criterion": "cost",
                                                    "note": "No"}]}),
])
def test_sparse_decisions_round_trip(decision):
    assert read_decision_file(decision_document(decision), "d.yaml") == decision


def test_starter_and_empty_roles_round_trip():
    for role in (starter_role(), SreRole(), make_role({"title": "Null", "stack": ["~"]})):
        assert read_role_file(role_document(role), "r.yaml") == role


def test_a_hand_written_decision_reads_scores_as_numbers_and_names_as_text():
    decision = read_decision_file(DECISION_HEAD + textwrap.dedent("""\
        product: 2026
        chosen: You And SRE Run
        considered: [you-run, you_and_sre_run]
        reason: No
        decided_on: 2026-11-11
        scores:
        - {model: you-run, criterion: Cost, score: 3}
        - {model: you-and-sre-run, criterion: cost, note: 5}
        teams: {sre: [Yes], other: Platform}
        sizing: {sre_team_size: 6}
        parties: [executive, {role: development, name: Arjun}]
        """), "hand.yaml")
    assert (decision.product, decision.reason) == ("2026", "No")
    assert decision.chosen is OrgModel.YOU_AND_SRE_RUN
    assert decision.decided_on == date(2026, 11, 11)
    assert [(s.criterion, s.score, s.note) for s in decision.scores] == [
        (Criterion.COST, 3, ""), (Criterion.COST, None, "5")]
    assert (decision.sre_teams, decision.other_teams) == (("Yes",), ("Platform",))
    assert (decision.sre_team_size, decision.sres_per_team) == (6, 1)
    assert decision.parties == (Party("executive"), Party("development", "Arjun"))


# === problems: one line each, with file, line and key path =======================================


def test_every_decision_problem_is_reported_in_line_order():
    text = textwrap.dedent("""\
        kind: workbench/org-decision
        version: 1
        chosen: ops-run
        considered: [you-run, you-and-sre-run, you-run, sideways]
        colour: blue
        scores:
        - {model: you-run, criterion: cost, score: 6}
        - {model: you-run, criterion: speed, score: 3}
        - {model: you-run, criterion: funding, score: '4'}
        - {model: sre-run, criterion: cost, score: 2}
        - {model: you-run, criterion: knowledge-sync, score: 2.5}
        - {model: you-run, criterion: knowledge-sync, score: true}
        - {model: you-run, criterion: funding, score: 1}
        - {model: you-run, criterion: funding, note: twice}
        - just text
        teams: {sre: SRE, other: {a: 1}}
        sizing: {sre_team_size: 0, sres_per_team: x, extra: 1}
        decided_on: 2026-11-31
        reason: [a]
        """)
    assert decision_problems(text) == [
        "decision.yaml:3: chosen: ops-run is not among the models considered; add it there",
        "decision.yaml:4: considered[2]: you-run is listed twice; list it once",
        "decision.yaml:4: considered[3]: 'sideways' is not one of: you-run, you-and-sre-run, "
        "sre-run, ops-run, ops-sometimes-run, you-run-ops-monitor",
        "decision.yaml:5: colour: is not a known key; use one of: product, chosen, considered, "
        "scores, reason, decided_on, teams, sizing, parties, uid",
        "decision.yaml:7: scores[0].score: 6 is out of range; use 1 to 5",
        "decision.yaml:8: scores[1].criterion: 'speed' is not one of: developer-on-call, "
        "knowledge-sync, incident-resolution, service-handover, sre-organisation, "
        "sre-infrastructure, targets-and-demand, funding, cost",
        "decision.yaml:9: scores[2].score: '4' is not a whole number; use 1 to 5",
        "decision.yaml:10: scores[3].model: sre-run is not among the models considered",
        "decision.yaml:11: scores[4].score: '2.5' is not a whole number; use 1 to 5",
        "decision.yaml:12: scores[5].score: 'true' is not a whole number; use 1 to 5",
        "decision.yaml:14: scores[7]: you-run / funding is scored twice; keep one",
        "decision.yaml:15: scores[8]: must be a mapping of keys to values",
        "decision.yaml:16: teams.other: must be a list",
        "decision.yaml:17: sizing.extra: is not a known key; use one of: sre_team_size, "
        "sres_per_team",
        "decision.yaml:17: sizing.sre_team_size: 0 is out of range; use 1 to 50",
        "decision.yaml:17: sizing.sres_per_team: 'x' is not a whole number; use 1 to 10",
        "decision.yaml:18: decided_on: '2026-11-31' is not a date; write YYYY-MM-DD, e.g. "
        "2027-03-01",
        "decision.yaml:19: reason: must be text, not list",
    ]


def test_every_role_problem_is_reported_in_line_order():
    text = ROLE_HEAD + textwrap.dedent("""\
        title: [x]
        responsibilities: {a: 1}
        skills: [a, A, '']
        boss: me
        stack: [[x]]
        parties: [{name: Zoë}]
        """)
    assert role_problems(text) == [
        "role.yaml:3: title: must be text, not list",
        "role.yaml:4: responsibilities: must be a list",
        "role.yaml:5: skills[1]: 'A' is listed twice; list it once",
        "role.yaml:5: skills[2]: is empty; write it out",
        "role.yaml:6: boss: is not a known key; use one of: title, purpose, responsibilities, "
        "skills, stack, parties, uid",
        "role.yaml:7: stack[0]: must be text, not list",
        "role.yaml:8: parties[0].role: is empty; write it out",
    ]


@pytest.mark.parametrize(("read", "text", "expected"), [
    ("decision", "", ["decision.yaml: (document): must be a mapping that starts with kind: "
                      "workbench/org-decision and version: 1"]),
    ("decision", "kind: workbench/team-charter\nversion: 1\nteam: x\n",
     ["decision.yaml:1: kind: is 'workbench/team-charter'; an organisation model decision "
      "has kind: workbench/org-decision"]),
    ("decision", DECISION_HEAD + "reason: &r x\nproduct: *r\n",
     ["decision.yaml:4: product: uses the YAML alias *r; write the value out in full "
      "(aliases are not read)"]),
    ("decision", DECISION_HEAD + "chosen: !custom you-run\n",
     ["decision.yaml:3: chosen: has the YAML tag '!custom', which this format does not use; "
      "remove the tag"]),
    ("decision", DECISION_HEAD + "scores: [[[[[[x]]]]]]\n",
     ["decision.yaml:3: scores[0][0][0][0][0]: is nested more than 6 levels deep; flatten "
      "it"]),
    ("role", "kind: workbench/org-decision\nversion: 1\n",
     ["role.yaml:1: kind: is 'workbench/org-decision'; an SRE role description has kind: "
      "workbench/sre-role"]),
    ("role", ROLE_HEAD.replace("version: 1", "version: 3"),
     ["role.yaml:2: version: 3 is not supported (use version: 1)"]),
    ("role", ROLE_HEAD + "title: x\ntitle: y\n", ["role.yaml:4: title: appears twice; keep one"]),
    ("role", ROLE_HEAD + 'purpose: "a\\Nb"\n',
     ["role.yaml:3: purpose: contains a control character; remove it"]),
])
def test_each_kind_of_problem(read, text, expected):
    found = decision_problems(text) if read == "decision" else role_problems(text)
    assert found == expected


def test_oversized_files_are_refused_before_parsing(tmp_path):
    text = DECISION_HEAD + "reason: x\n" + "#" * MAX_BYTES
    assert decision_problems(text) == [
        f"decision.yaml: (document): is {len(text)} characters long (at most {MAX_BYTES}); "
        "check that this is an organisation model decision"]
    text = ROLE_HEAD + "#" * MAX_BYTES
    assert role_problems(text) == [
        f"role.yaml: (document): is {len(text)} characters long (at most {MAX_BYTES}); "
        "check that this is an SRE role description"]
    [line] = decision_problems(DECISION_HEAD + "considered:\n" + "- x\n" * 6_000)
    assert "holds more than 5000 values" in line


def test_the_largest_decision_and_role_fit():
    decision = make_decision({
        "product": "p" * 60, "chosen": "you-run", "considered": [m.value for m in OrgModel],
        "reason": "r" * 2000, "decided_on": "2026-11-11",
        "scores": [{"model": m.value, "criterion": c.value, "score": 3, "note": "ह" * 300}
                   for m in OrgModel for c in Criterion],
        "teams": {"sre": [f"s{i}" * 10 for i in range(200)],
                  "other": [f"o{i}" * 10 for i in range(200)]},
        "sizing": {"sre_team_size": 50, "sres_per_team": 10},
        "parties": [{"role": f"r{i}" * 10, "name": "n" * 60} for i in range(15)]})
    text = decision_document(decision)
    assert len(text) < MAX_BYTES
    assert read_decision_file(text, "big.yaml") == decision
    role = make_role({"title": "t" * 80, "purpose": "p" * 2000,
                      **{k: [f"{i}" + "ह" * 190 for i in range(60)]
                         for k in ("responsibilities", "skills", "stack")}})
    assert read_role_file(role_document(role), "big.yaml") == role


def test_the_errors_are_usage_errors_with_one_line_messages(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(DECISION_HEAD + "chosen: x\ncolour: y\n", encoding="utf-8")
    with pytest.raises(DecisionFileError) as caught:
        read_decision_path(path)
    error = caught.value
    assert isinstance(error, UsageError) and error.topic == "org" and error.exit_code == 2
    assert str(error) == (f"2 problems: {path}:3: chosen: 'x' is not one of: you-run, "
                          "you-and-sre-run, sre-run, ops-run, ops-sometimes-run, "
                          f"you-run-ops-monitor | {path}:4: colour: is not a known key; use "
                          "one of: product, chosen, considered, scores, reason, decided_on, "
                          "teams, sizing, parties, uid")
    path.write_text(ROLE_HEAD + "skills: {}\n", encoding="utf-8")
    with pytest.raises(RoleFileError) as caught:
        read_role_path(path)
    assert caught.value.topic == "sre_role"
    assert caught.value.lines() == [f"{path}:3: skills: must be a list"]


# === the decision page ===========================================================================


def test_the_comparison_has_a_column_per_model_and_a_row_per_criterion(tables, html_tokens):
    markdown = render_decision(hostile_decision_page(), workspace_name="Acme | <b>")
    assert html_tokens(markdown) == []
    comparison, model_sizing, signed = tables(markdown)
    assert comparison[0] == ["Criterion", "You build it, ops sometimes run it",
                             "You build it, you and SRE run it (chosen)",
                             "You build it, you run it, ops monitor some journeys",
                             "You build it, ops run it"]
    assert len(comparison) == 1 + len(Criterion) + 1
    assert all(len(row) == 5 for row in comparison)
    assert [row[0] for row in comparison[1:-1]] == [CRITERION_TITLES[c] for c in Criterion]
    on_call = comparison[1]
    assert on_call[1:] == ["— · not scored", f"Continuous · 4/5 · {ODD}", "— · not scored",
                           "None · not scored"]
    cost = comparison[9]
    assert cost[1:] == ["— · not scored · <b>cheap</b> | `x`", "High · not scored",
                        "— · not scored", "Low · 5/5"]
    assert comparison[8][3] == "— · 1/5 · 1. no"
    assert comparison[-1] == ["Total", "0 from 0 of 9 criteria", "4 from 1 of 9 criteria",
                              "1 from 1 of 9 criteria", "5 from 1 of 9 criteria"]
    assert model_sizing == [
        ["Model", "SRE people", "SRE teams", "Still to form"],
        ["You build it, ops sometimes run it", "0", "0", "0"],
        ["You build it, you and SRE run it", "5", "3", "2"],
        ["You build it, you run it, ops monitor some journeys", "0", "0", "0"],
        ["You build it, ops run it", "0", "0", "0"]]
    assert signed[1] == ["Asha | *R*", "exec | <b>", "2026-11-25", "ok `x` <b>"]


def test_the_decision_page_renders_the_same_with_cmark_gfm(tables, github_page):
    for markdown in (render_decision(hostile_decision_page(), workspace_name="Acme | <b>"),
                     render_role(hostile_role_page(), workspace_name="Acme | <b>")):
        page = github_page(markdown)
        assert page.tags <= PAGE_TAGS, page.tags - PAGE_TAGS
        assert page.tables == tables(markdown)


def test_the_hostile_decision_page_shows_text_as_typed(texts):
    markdown = render_decision(hostile_decision_page(), workspace_name="Acme | <b>",
                               generated_at=STAMP)
    assert texts(markdown, "heading") == [
        "Organisation model decision for Pay \\| \\<app\\> 支付",
        "Problems in this workspace", "Chosen model", "Why", "Comparison", "The criteria",
        "The models considered", "You build it, ops sometimes run it",
        "You build it, you and SRE run it (chosen)",
        "You build it, you run it, ops monitor some journeys", "You build it, ops run it",
        "SRE sizing", "Agreement"]
    lines = markdown.splitlines()
    for line in (
        "_Generated 2026-11-25T09:00:00._",
        "- **Status:** draft, with the agreed revision 2 still in force · waiting for "
        "R \\*R\\* (dev) (revision 3, saved 2026-11-25)",
        "- **For:** product Pay \\| \\<app\\> 支付 · **Workspace:** Acme \\| \\<b\\>",
        "- **Decided on:** 2026-11-11",
        "- teams.sre\\[0\\]: 'x \\<b\\>' is not a team of this workspace",
        f"**You build it, you and SRE run it.** {MODEL_SUMMARIES[OrgModel.YOU_AND_SRE_RUN]}",
        "\\# Not a heading \\| \\`code\\` \\<script\\>alert(1)\\</script\\>",
        "\\- not a list 1. nor this",
        "The chosen model puts SREs on the development teams' on-call rotations: 1 SRE per "
        "development team, in SRE teams of up to 2 people.",
        "- **Development teams counted:** 5 (Pay \\| \\<i\\>, 支付, \\# heads, 1\\. first, No)",
        "- **SRE people it implies:** 5",
        "- **SRE teams it implies:** 3",
        "- **SRE teams today:** 1 (एसआरई \\| \\<b\\>)",
        "- **Still to form:** 2 SRE teams",
        "- **Not counted as development teams:** एसआरई \\| \\<b\\>, Plat\\*form\\*",
        "- **Must agree:** exec \\| \\<b\\>, R \\*R\\* (dev)",
    ):
        assert line in lines, line


def test_a_decision_without_a_choice_says_what_is_missing(tables):
    decision = OrgDecision(considered=(OrgModel.YOU_RUN,))
    state = LifecycleState(ArtifactStatus.DRAFT, 1, (Party("executive"),))
    page = DecisionPage(decision=decision, state=state, teams=("A", "B"), revisions=1,
                        last_saved=STAMP, missing=decision_missing(decision),
                        sizing={OrgModel.YOU_RUN: sizing(decision, ("A", "B"),
                                                         OrgModel.YOU_RUN)})
    markdown = render_decision(page, workspace_name="W")
    section = markdown.split("## Missing before it can be agreed\n\n", 1)[1].split("\n\n")[0]
    assert section.splitlines() == ["- **Chosen model:** choose the model",
                                    "- **Models considered:** compare at least two models",
                                    "- **Reason:** say why this model was chosen"]
    for text in ("# Organisation model decision: W", "- **Decided on:** no date recorded",
                 "_No model chosen yet._", "_No reason written yet._",
                 "_Choose a model to see the SRE people and teams it implies._",
                 "- **Status:** draft · waiting for executive (revision 1, saved 2026-11-25)",
                 "_Nobody has signed this version yet._"):
        assert text in markdown, text
    assert [len(t) for t in tables(markdown)] == [11, 2]
    empty = render_decision(replace(page, decision=OrgDecision(), sizing={}),
                            workspace_name="W")
    assert "_No models compared yet._" in empty and "_No models considered yet._" in empty
    assert tables(empty) == []


def test_a_model_without_sre_on_call_implies_no_sre_teams():
    decision = make_decision({"chosen": "you-run", "considered": ["you-run", "ops-run"],
                              "teams": {"sre": ["SRE"]}})
    state = LifecycleState(ArtifactStatus.DRAFT, 1, (Party("executive"),))
    teams = ("SRE", "A", "B")
    page = DecisionPage(decision=decision, state=state, teams=teams,
                        sizing={m: sizing(decision, teams, m) for m in decision.considered})
    markdown = render_decision(page, workspace_name="W")
    assert "The chosen model puts no SREs on the development teams' rotations" in markdown
    assert "- **Development teams counted:** 2 (A, B)\n- **SRE teams today:** 1 (SRE)\n" \
           "- **Not counted as development teams:** SRE\n" in markdown
    assert "SRE people it implies" not in markdown


def test_the_chosen_model_is_a_column_even_when_not_listed_as_considered(tables):
    decision = OrgDecision(chosen=OrgModel.SRE_RUN)
    assert compared_models(decision) == [OrgModel.SRE_RUN]
    state = LifecycleState(ArtifactStatus.DRAFT, 1, (Party("executive"),))
    page = DecisionPage(decision=decision, state=state, teams=("A",))
    markdown = render_decision(page, workspace_name="W")
    assert tables(markdown)[0][0] == ["Criterion", "You build it, SRE run it (chosen)"]
    assert "- **SRE people it implies:** 1" in markdown


# === the role page ================================================================================


def test_the_role_page_shows_text_as_typed(tables, html_tokens, texts):
    markdown = render_role(hostile_role_page(), workspace_name="Acme | <b>")
    assert html_tokens(markdown) == []
    assert texts(markdown, "heading") == [
        "SRE role: SRE \\| \\<b\\>Ingénieur\\</b\\> 可靠性", "Purpose", "Responsibilities",
        "Skills", "Technical stack", "Agreement"]
    lines = markdown.splitlines()
    for line in ("- **Status:** agreed on 2026-11-25 by Zoë (hr \\| \\<b\\>) (revision 2, "
                 "saved 2026-11-25)", "\\# Purpose \\| \\`x\\`",
                 "\\<script\\>alert(1)\\</script\\> - no list", "- \\- dash",
                 "- 1\\. numbered", "- \\> quote", "- \\~\\~strike\\~\\~", "- C#",
                 "- k8s \\| \\<helm\\>", "- **Must agree:** Zoë (hr \\| \\<b\\>)",
                 "- **In force:** agreed revision 2", "Agreed by:"):
        assert line in lines, line
    assert tables(markdown) == [[["Name", "Role", "Signed on", "Comment"],
                                 ["Zoë", "hr | <b>", "2026-11-25", "fine | *ok*"]]]


def test_an_empty_role_says_what_is_missing():
    role = SreRole()
    page = RolePage(role=role, state=LifecycleState(ArtifactStatus.DRAFT, 1, ()),
                    missing=role_missing(role))
    markdown = render_role(page, workspace_name="W")
    for text in ("# SRE role: Site Reliability Engineer",
                 "- **Purpose:** say what the role is for in this organisation",
                 "- **Responsibilities:** list at least one responsibility",
                 "- **Skills:** list at least one skill", "_No purpose written yet._",
                 "_No responsibilities listed yet._", "_No skills listed yet._",
                 "_No technical stack named._", "- **Must agree:** nobody named"):
        assert text in markdown, text


# === the demo: golden files and the exporter ======================================================


def test_demo_export_matches_golden_files(demo, tmp_path, golden):
    engine, workspace = demo
    out = tmp_path / "out"
    paths = export_workspace(engine, workspace, out, {"md", "yaml"}, {"organisation"},
                             generated_at=STAMP)
    assert [p.relative_to(out / "bharatmart").as_posix() for p in paths] == [
        "organisation/decision.md", "organisation/sre-role.md", "organisation/decision.yaml",
        "organisation/sre-role.yaml"]
    golden(out, GOLDEN / "demo-organisation")


def test_hostile_documents_match_golden_files(tmp_path, golden):
    out = tmp_path / "out"
    out.mkdir()
    decision, role = hostile_decision_page(), hostile_role_page()
    (out / "decision.md").write_text(render_decision(decision, workspace_name="Acme | <b>",
                                                     generated_at=STAMP), "utf-8")
    (out / "decision.yaml").write_text(decision_document(decision.decision,
                                                         generated_at=STAMP), "utf-8")
    (out / "sre-role.md").write_text(render_role(role, workspace_name="Acme | <b>",
                                                 generated_at=STAMP), "utf-8")
    (out / "sre-role.yaml").write_text(role_document(role.role, generated_at=STAMP), "utf-8")
    golden(out, GOLDEN / "hostile-organisation")


def test_the_demo_decision_page(demo, tmp_path, tables, html_tokens):
    engine, workspace = demo
    pages = export_md(engine, workspace, tmp_path, generated_at=STAMP)
    page = pages["decision"]
    assert html_tokens(page) == []
    assert "- **Status:** agreed on 2026-11-11 by Sanjay Kapoor (executive), Arjun Mehta " \
           "(development), Priya Sharma (operations) (revision 2, saved 2026-11-11)" in page
    comparison = tables(page)[0]
    assert comparison[0] == ["Criterion", "You build it, you run it",
                             "You build it, you and SRE run it (chosen)",
                             "You build it, SRE run it"]
    assert comparison[4] == ["Service handover for operations", "Not applicable · not scored",
                             "Partially required · 4/5 · lightweight, at the weekly SLO review",
                             "Required · 1/5 · daily deployments make handovers heavy"]
    assert comparison[-1] == ["Total", "16 from 4 of 9 criteria", "19 from 5 of 9 criteria",
                              "11 from 5 of 9 criteria"]
    assert "- **Development teams counted:** 3 (Checkout, Fulfilment, Storefront)" in page
    assert "- **Still to form:** none" in page
    assert "- **Status:** draft · waiting for executive, human resources (revision 1, saved " \
           "2026-11-20)" in pages["sre-role"]


def test_the_service_views_render_the_same_pages_as_the_export(demo, tmp_path):
    engine, workspace = demo
    pages = export_md(engine, workspace, tmp_path, generated_at=STAMP)
    wb = Workbench(engine, today=DAY)
    assert render_decision(wb.organisation.decision(workspace.id), workspace_name="BharatMart",
                           generated_at=STAMP) == pages["decision"]
    assert render_role(wb.organisation.role(workspace.id), workspace_name="BharatMart",
                       generated_at=STAMP) == pages["sre-role"]


def test_product_decisions_get_files_of_their_own(demo, tmp_path):
    engine, workspace = demo
    with transaction(engine) as session:
        for product in ("Pay app", "Pay-App!", "🚀"):
            org_repo.save_decision(session, workspace.id, make_decision(
                {"product": product, "considered": ["you-run", "sre-run"]}), "added")
    paths = export_workspace(engine, workspace, tmp_path, {"md", "yaml"}, {"organisation"},
                             generated_at=STAMP)
    assert [p.name for p in paths] == [
        "decision.md", "decision-pay-app.md", "decision-pay-app-2.md", "decision-product.md",
        "sre-role.md", "decision.yaml", "decision-pay-app.yaml", "decision-pay-app-2.yaml",
        "decision-product.yaml", "sre-role.yaml"]
    texts = {p.name: p.read_text("utf-8") for p in paths}
    assert texts["decision-pay-app.md"].startswith("# Organisation model decision for Pay app\n")
    assert "- **For:** product 🚀 · " in texts["decision-product.md"]
    assert read_decision_file(texts["decision-pay-app-2.yaml"], "p").product == "Pay-App!"
    assert decision_names([None, "a", None]) == ["decision", "decision-a", "decision"]


def test_a_workspace_without_organisation_documents_exports_none(engine, tmp_path):
    with transaction(engine) as session:
        workspace = repo.create_workspace(session, "Empty")
    paths = export_workspace(engine, workspace, tmp_path, {"md", "yaml"}, generated_at=STAMP)
    assert not any("organisation" in p.parts for p in paths)
    with transaction(engine) as session:
        org_repo.save_role(session, workspace.id, starter_role(), "added")
    paths = export_workspace(engine, workspace, tmp_path, {"md", "yaml"}, {"organisation"})
    assert [p.name for p in paths] == ["sre-role.md", "sre-role.yaml"]


def test_a_broken_decision_template_override_is_one_line_and_writes_nothing(
        demo, tmp_path, override):
    engine, workspace = demo
    path = override(workspace.name, "org-decision.md.j2",
                    "{% for m in models %}\n{{ m.titel }}\n{% endfor %}\n")
    with pytest.raises(TemplateProblem) as caught:
        export_workspace(engine, workspace, tmp_path / "out", {"md", "yaml"})
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}:2: template org-decision.md.j2: ")
    assert "'m' has no attribute 'titel'" in message
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.*"))
