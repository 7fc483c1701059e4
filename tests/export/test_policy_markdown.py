"""The error budget policy's exports: the wiki page (checked with markdown-it-py and with
cmark-gfm, GitHub's renderer: tables keep their cells, user text shows as typed and never
becomes HTML), golden files of the demo's and a hostile policy's three files, and the
exporter's choices (files, day of the evaluation, which text is evaluated).

Regenerate the golden files after an intended change with:
    UPDATE_GOLDEN=1 pytest tests/export/test_policy_markdown.py -q
then review the diff under tests/export/golden_policies/.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from workbench.domain.lifecycle import LifecycleState, Party, SignOff
from workbench.domain.organisation import ArtifactStatus
from workbench.domain.policy import (
    SloFigures,
    WindowFigures,
    evaluate,
    make_policy,
    starter_policy,
)
from workbench.export import export_workspace, exporter_names
from workbench.export.exporters.policies import export_day, shared_period, slos_in_scope
from workbench.export.markdown import md_escape
from workbench.export.policy_markdown import PolicyReport, render_markdown
from workbench.export.policy_yaml import policy_document, read_policy_file
from workbench.export.registry import ExportContext
from workbench.export.slo_generator import slo_generator_document
from workbench.store import policy_repo, repo, slo_repo
from workbench.store.db import reading, transaction

GOLDEN = Path(__file__).parent / "golden_policies"
DAY = date(2026, 11, 25)
STAMP = datetime(2026, 11, 25, 9, 0)

ODD = 'a|b `x` *y* _z_ <b>bold</b> [l](u) ~s~ $m$ &amp; \\ #h ${HOME}'


def hostile_policy():
    return make_policy({
        "name": "Pay | <ship>", "title": "# Policy <script>alert(1)</script> | `x`",
        "team": "Team *A* | <i>", "scope": {"services": ["svc | <b>"],
                                            "slos": ["slo | *one*", "1. two"]},
        "purpose": "First | `code` <b>para</b>\n\n# not a heading\n- nor a list\n1) nor this",
        "conditions": [
            {"key": "k|<b>", "trigger": "burn-rate", "burn_rate": "14.4", "window": "1h",
             "description": ODD, "consequences": [
                 {"action": "conduct", "activity": "post <mortem> | *now*",
                  "detail": "detail | with\nlines <br>"},
                 {"action": "assign", "people": 3},
             ]},
            {"key": "dep", "trigger": "dependency-share", "percent": "50",
             "dependency": "npci | <switch>", "consequences": [
                 {"action": "stop", "activity": "releases <all> | x",
                  "allowed": ["fixes | *urgent*", "<docs>"], "ends": "next-period"},
                 {"action": "declare", "code": "yellow", "ends": "when-decided"},
             ]},
            {"key": "no-consequence", "trigger": "exhausted"},
        ],
        "escalation": {"tiebreaker": "head | of <ops>", "procedure": "Call `x`\n\nthen *write*",
                       "contacts": [{"name": "Vikram | <V>", "role": "ops *lead*",
                                     "how": "#ops | `call`"}]},
        "review": {"next": "2027-02-24", "after_major_outage": True},
        "uid": "hostile",
    })


def hostile_report() -> PolicyReport:
    policy = hostile_policy()
    figures = (
        SloFigures("slo | *one*", Decimal("99.9"), 10_000, 20, timedelta(days=28),
                   timedelta(days=14), service="svc | <b>",
                   windows=(WindowFigures(timedelta(hours=1), 100, 2),),
                   dependencies=(("npci | <switch>", 15), ("other <x>", 5))),
    )
    state = LifecycleState(ArtifactStatus.DRAFT, 3, (Party("ops | <b>"), Party("po", "R *R*")),
                           (SignOff("Asha | *R*", "ops | <b>", DAY, "ok `x` <b>"),),
                           in_force=2)
    return PolicyReport(workspace="Acme | <b>", policy=policy, as_of=DAY, state=state,
                        revisions=3, last_saved=STAMP, in_force_number=2,
                        evaluation=evaluate(policy, figures, fired_earlier=("dep",)),
                        evaluated="agreed revision 2 in force")


# --- Markdown helpers ----------------------------------------------------------------------


def plain(text: str) -> str:
    """User text as a reader sees it on the page (one line)."""
    return " ".join(text.split())


PAGE_TAGS = {"h1", "h2", "h3", "p", "ul", "li", "strong", "em", "table", "thead", "tbody",
             "tr", "th", "td"}


# === the page ===================================================================================


def test_hostile_text_shows_as_typed_and_never_as_html(tables, html_tokens):
    markdown = render_markdown(hostile_report())
    assert html_tokens(markdown) == []
    found = tables(markdown)
    assert all(len({len(row) for row in table}) == 1 for table in found), "ragged table"
    conditions = found[0]
    assert conditions[0] == ["Condition", "Fires when", "Consequence", "Ends"]
    assert conditions[1][0] == f"k|<b>: {plain(ODD)}"
    assert conditions[1][2] == ("conduct post <mortem> | *now* — detail | with lines <br>")
    assert conditions[3][1] == "npci | <switch> caused 50% or more of the bad events"
    assert conditions[3][2] == ("Freeze: stop releases <all> | x (still allowed: fixes | "
                                "*urgent*, <docs>)")
    assert conditions[4][2:] == ["declare code yellow", "when the parties decide"]
    assert conditions[5][2] == "no consequence yet"
    contacts = found[1]
    assert contacts[1] == ["Vikram | <V>", "ops *lead*", "#ops | `call`"]
    signed = found[2]
    assert signed[1] == ["Asha | *R*", "ops | <b>", "2026-11-25", "ok `x` <b>"]
    results, applied = found[3], found[4]
    assert results[0] == ["Condition", "SLO", "Outcome", "Figure", "Threshold", "Why"]
    assert ["dep", "slo | *one*", "fires", "75%", "50%",
            "npci | <switch> caused 75% of the period's bad events"] in results
    assert ["k|<b>", "slo | *one*", "fires", "20 x", "14.4 x",
            "burning at 20x over the last 1h"] in results
    assert ["no-consequence", "1. two", "unknown", "—", "—",
            "no budget figures for this SLO"] in results
    assert applied[1][0] == "k|<b>" and applied[-1][0] == "dep"
    lines = markdown.splitlines()
    assert lines[0] == "# \\# Policy \\<script\\>alert(1)\\</script\\> \\| \\`x\\`"
    assert "- **Status:** draft · agreed revision 2 in force · waiting for R \\*R\\* (po) " \
           "(revision 3, saved 2026-11-25)" in lines
    assert f"- **Policy:** {md_escape('Pay | <ship>')} · **Team:** " \
           f"{md_escape('Team *A* | <i>')} · **Workspace:** {md_escape('Acme | <b>')}" in lines


def test_the_page_renders_the_same_with_cmark_gfm(tables, github_page):
    """GitHub renders Markdown with cmark-gfm: the same tables, and no tag from user text."""
    markdown = render_markdown(hostile_report())
    page = github_page(markdown)
    assert page.tags <= PAGE_TAGS, page.tags - PAGE_TAGS
    assert page.tables == tables(markdown)


def test_paragraphs_are_escaped_and_kept_apart(renderer):
    markdown = render_markdown(hostile_report())
    tokens = renderer().parse(markdown)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0].startswith("\\# Policy")
    assert headings[1:] == [
        "Purpose", "Conditions and consequences", "Escalation", "Agreement", "Review",
        "Evaluation as of 2026-11-25", "Consequences in force"]
    assert "First \\| \\`code\\` \\<b\\>para\\</b\\>\n\n\\# not a heading - nor a list 1) nor " \
           "this\n" in markdown
    start = next(i for i, t in enumerate(tokens) if t.type == "inline"
                 and t.content == "Purpose")
    end = next(i for i, t in enumerate(tokens) if i > start and t.type == "heading_open")
    kinds = {t.type for t in tokens[start + 2:end]}
    assert kinds == {"paragraph_open", "inline", "paragraph_close"}, kinds


def test_a_page_without_conditions_or_state(tables):
    policy = make_policy({"name": "x"})
    markdown = render_markdown(PolicyReport(workspace="W", policy=policy, as_of=DAY))
    for text in ("# Error budget policy x", "- **Status:** not saved yet",
                 "- **Services in scope:** none named", "- **SLOs in scope:** none named",
                 "_No purpose written yet._", "_No conditions written yet._",
                 "- **Tiebreaker:** not named yet", "_No escalation contacts named._",
                 "- **Must agree:** operations, development, product owner",
                 "- **In force:** nothing yet; no revision has been agreed",
                 "_Nobody has signed this version yet._", "- **Next review:** no date set",
                 "- **After a major outage:** no", "## Evaluation as of 2026-11-25",
                 "_Not evaluated._"):
        assert text in markdown, text
    assert tables(markdown) == []


def test_no_figures_and_no_freeze():
    policy = starter_policy("p", slos=["a"])
    evaluation = evaluate(policy, ())
    markdown = render_markdown(PolicyReport(workspace="W", policy=policy, as_of=DAY,
                                            evaluation=evaluation))
    assert "- **Freeze in force:** no" in markdown
    assert "- **No figures for:** SLO a" in markdown
    assert "_No consequence is in force._" in markdown
    assert "- **Conditions that fire:** none" in markdown


# === golden files, the registry and the exporter's choices ======================================


def test_demo_export_matches_golden_files(demo, tmp_path, golden):
    engine, workspace = demo
    out = tmp_path / "out"
    paths = export_workspace(engine, workspace, out, {"md", "yaml"}, {"policies"},
                             generated_at=STAMP)
    assert [p.relative_to(out / "bharatmart").as_posix() for p in paths] == [
        "policies/checkout.md", "policies/storefront.md", "policies/checkout.yaml",
        "policies/slo-generator/checkout.yaml", "policies/storefront.yaml",
        "policies/slo-generator/storefront.yaml"]
    # The demo's policies get a random uid each time the demo is made; mask it.
    for path in out.rglob("*.yaml"):
        text = path.read_text("utf-8")
        path.write_text(re.sub(r"^uid: [0-9a-f]{32}$", "uid: RANDOM", text, flags=re.M),
                        "utf-8")
    golden(out, GOLDEN / "demo")


def test_hostile_policy_matches_golden_files(tmp_path, golden):
    report = hostile_report()
    out = tmp_path / "out"
    out.mkdir()
    stamp = STAMP.isoformat(timespec="seconds")
    (out / "policy.md").write_text(render_markdown(report, generated_at=stamp), "utf-8")
    (out / "policy.yaml").write_text(policy_document(report.policy, generated_at=STAMP),
                                     "utf-8")
    (out / "policy.slo-generator.yaml").write_text(slo_generator_document(
        report.policy, period=timedelta(days=28), slos=["slo | *one*"],
        revision="agreed revision 2 in force", generated_at=STAMP), "utf-8")
    golden(out, GOLDEN / "hostile")
    assert read_policy_file((out / "policy.yaml").read_text("utf-8"), "p") == report.policy


def test_demo_page_shows_the_freeze_and_who_agreed(demo, tmp_path, tables, html_tokens):
    engine, workspace = demo
    export_workspace(engine, workspace, tmp_path, {"md"}, {"policies"}, generated_at=STAMP)
    folder = tmp_path / "bharatmart" / "policies"
    checkout = (folder / "checkout.md").read_text("utf-8")
    assert html_tokens(checkout) == []
    assert "- **Status:** agreed (revision 2, saved 2026-11-04)" in checkout
    assert "- **Freeze in force:** stop feature releases (condition exhausted)" in checkout
    assert "- **Still allowed:** security fixes, reliability fixes" in checkout
    assert "Evaluated: the agreed revision 2 in force" in checkout
    signed = tables(checkout)[2]
    assert [row[1] for row in signed[1:]] == ["operations", "development", "product owner",
                                              "head of operations"]
    assert {row[2] for row in signed[1:]} == {"2026-11-04"}
    results = tables(checkout)[3]
    assert ["exhausted", "upi-payment-availability", "fires"] in [r[:3] for r in results]
    assert results[-1][:3] == ["run-out", "upi-payment-availability", "fires"]
    storefront = (folder / "storefront.md").read_text("utf-8")
    assert "- **Status:** draft · waiting for operations, development, product owner " \
           "(revision 1, saved 2026-11-23)" in storefront
    assert "Evaluated: the draft (not agreed yet)" in storefront
    assert "- **Freeze in force:** no" in storefront


def test_the_evaluation_uses_the_agreed_revision_while_a_draft_is_edited(demo, tmp_path):
    engine, workspace = demo
    with transaction(engine) as session:
        stored = policy_repo.load(session, workspace.id, "checkout")
        # The draft drops the freeze; the agreed revision 2 keeps it in force.
        changed = stored.policy.with_changes(conditions=tuple(
            c for c in stored.policy.conditions if c.key != "exhausted"))
        policy_repo.save(session, workspace.id, "checkout", changed, "no freeze",
                         expected_version=stored.policy.version)
    export_workspace(engine, workspace, tmp_path, {"md", "yaml"}, {"policies"},
                     generated_at=STAMP)
    folder = tmp_path / "bharatmart" / "policies"
    page = (folder / "checkout.md").read_text("utf-8")
    assert "- **Status:** draft · agreed revision 2 in force · waiting for" in page
    assert "| **exhausted** |" not in page  # the page shows the draft's text ...
    assert "- **Freeze in force:** stop feature releases" in page  # ... and what governs
    native = read_policy_file((folder / "checkout.yaml").read_text("utf-8"), "c")
    assert [c.key for c in native.conditions] == ["budget-70", "fast-burn", "slow-burn",
                                                  "provider", "run-out"]
    slogen = (folder / "slo-generator" / "checkout.yaml").read_text("utf-8")
    assert "checkout: agreed revision 2 in force." in slogen
    assert "- exhausted (exhausted)" in slogen


def test_whole_workspace_export_includes_the_policies(demo, tmp_path):
    engine, workspace = demo
    paths = export_workspace(engine, workspace, tmp_path, {"md", "yaml"}, generated_at=STAMP)
    names = {p.relative_to(tmp_path / "bharatmart").as_posix() for p in paths}
    assert {"policies/checkout.md", "policies/checkout.yaml",
            "policies/slo-generator/checkout.yaml"} <= names
    assert "policies" in exporter_names()


def test_workspace_without_policies_exports_no_policy_files(engine, tmp_path):
    with transaction(engine) as session:
        workspace = repo.create_workspace(session, "Empty")
    paths = export_workspace(engine, workspace, tmp_path, {"md", "yaml"}, generated_at=STAMP)
    assert not any("policies" in p.parts for p in paths)


def test_similar_names_get_their_own_files(demo, tmp_path):
    engine, workspace = demo
    with transaction(engine) as session:
        policy_repo.create(session, workspace.id, starter_policy("Check out!"))
    paths = export_workspace(engine, workspace, tmp_path, {"md"}, {"policies"},
                             generated_at=STAMP)
    assert [p.name for p in paths] == ["check-out.md", "checkout.md", "storefront.md"]


def test_export_day_is_the_context_day_then_generated_at_then_counts_then_the_save():
    counts, saved = date(2026, 11, 20), date(2026, 11, 4)
    blank = ExportContext(session=None, workspace=None)
    assert export_day(blank, counts, saved) == counts
    assert export_day(blank, None, saved) == saved
    ctx = ExportContext(session=None, workspace=None, generated_at=STAMP)
    assert export_day(ctx, counts, saved) == STAMP.date()
    ctx = ExportContext(session=None, workspace=None, generated_at=STAMP,
                        today=date(2026, 1, 2))
    assert export_day(ctx, counts, saved) == date(2026, 1, 2)


def test_demo_export_without_a_date_uses_the_last_day_of_counts(demo, tmp_path):
    engine, workspace = demo
    paths = export_workspace(engine, workspace, tmp_path, {"md"}, {"policies"})
    text = paths[0].read_text("utf-8")
    assert "## Evaluation as of 2026-11-25" in text and "_Generated" not in text
    again = export_workspace(engine, workspace, tmp_path / "again", {"md"}, {"policies"})
    assert again[0].read_text("utf-8") == text


def test_the_period_the_slos_in_scope_share(demo):
    engine, workspace = demo
    with reading(engine) as session:
        slos = slo_repo.list_slos(session, workspace.id)
        checkout = policy_repo.load(session, workspace.id, "checkout").policy
    scoped = slos_in_scope(checkout, slos)
    assert [s.name for s in scoped] == ["checkout-availability", "checkout-latency",
                                        "checkout-latency-slow", "upi-payment-availability"]
    assert shared_period(scoped) == timedelta(days=28)
    assert shared_period([]) is None
    odd = next(s for s in slos if s.name == "search-latency")
    assert shared_period([replace(odd, period="5w"), odd]) is None


@pytest.mark.parametrize("fmt", ["md", "yaml"])
def test_every_exported_file_ends_with_one_newline(demo, tmp_path, fmt):
    engine, workspace = demo
    for path in export_workspace(engine, workspace, tmp_path, {fmt}, {"policies"},
                                 generated_at=STAMP):
        text = path.read_text("utf-8")
        assert text.endswith("\n") and not text.endswith("\n\n"), path
