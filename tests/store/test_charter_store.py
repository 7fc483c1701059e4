"""Team charters and organisation documents in the store and through their services: saved
whole with the shared lifecycle (required parties, agreeing refused while parts are missing,
the agreed revision in force while a new draft is edited, history and diff), checked against
the workspace before anything is written, no lost update between two sessions on one SQLite
file, imports with dry runs, the metric figures, and the demo's documents."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from workbench.domain.charter import make_charter
from workbench.domain.lifecycle import FieldChange, Party, make_signoff
from workbench.domain.org import OrgModel, make_decision, starter_role
from workbench.domain.slo.records import DailyCount
from workbench.errors import ConflictError, NotFoundError, UsageError, VersionConflict
from workbench.service import Workbench
from workbench.store import lifecycle, repo, slo_repo
from workbench.store.db import reading, transaction
from workbench.store.session import open_database

DAY = date(2026, 11, 25)
SIGNERS = [make_signoff("Rohan", "team", DAY), make_signoff("Anita", "management", DAY)]


@pytest.fixture
def wb(engine):
    """Teams Shop (service web, SLO web-availability 99.9% with 24 days of counts) and Ops."""
    with transaction(engine) as s:
        ws = repo.create_workspace(s, "Acme")
        repo.add_team(s, ws.id, "Shop")
        repo.add_team(s, ws.id, "Ops")
        repo.add_service(s, ws.id, "web", "Shop")
        slo, _ = slo_repo.create_slo(s, ws.id, "web-availability", target="99.9",
                                     service="web")
        start = date(2026, 11, 2)
        slo_repo.upsert_counts(s, slo.id, [DailyCount(start + timedelta(days=n), 99_990, 10)
                                           for n in range(24)])
    return Workbench(engine, today=DAY), ws.id


def complete(team: str = "Shop", **changes):
    values = {"team": team, "mission": "Sell things.", "responsibilities": ["Build the shop"],
              "scope": {"in": ["web"]},
              "metrics": [{"name": "Shop up", "slo": "web-availability"}],
              "interactions": [{"team": "Ops", "purpose": "Run the servers"}],
              "review": {"cadence": "quarterly", "next": "2027-02-25"}}
    values.update(changes)
    return make_charter(values)


def test_a_charter_is_agreed_by_its_parties_and_then_edited_as_a_new_draft(wb):
    wb, ws = wb
    view = wb.charters.create(ws, complete())
    assert view.state.status == "draft" and view.revisions == 1 and view.missing == ()
    assert view.state.required == (Party("team"), Party("management"))
    assert not wb.documents.sign(ws, "charter", "shop", SIGNERS[:1]).agreed_now
    assert wb.documents.sign(ws, "charter", "SHOP", SIGNERS[1:]).agreed_now
    agreed = wb.charters.view(ws, "Shop")
    assert agreed.state.status == "agreed" and agreed.in_force_number == 2
    edited = wb.charters.change(ws, "Shop", {"mission": "Sell more things."},
                                expected_version=agreed.version)
    assert edited.state.status == "draft" and edited.in_force_number == 2
    assert edited.in_force.mission == "Sell things." and edited.charter.mission == \
        "Sell more things."
    with reading(wb.engine) as s:
        doc = lifecycle.document_type("charter")
        row = doc.find(s, ws, "shop")
        assert lifecycle.diff(s, doc, ws, str(row.id), 2, 3) == [
            FieldChange("mission", "Sell things.", "Sell more things.")]
        assert [e.shown_status for e in lifecycle.history(s, doc, ws, str(row.id))] == [
            "draft", "agreed", "draft"]


def test_agreeing_is_refused_while_parts_are_missing(wb):
    wb, ws = wb
    view = wb.charters.new(ws, "Shop")
    assert view.charter.review_cadence.value == "quarterly"
    assert view.charter.next_review == date(2027, 2, 25)
    assert [m.part for m in view.missing] == ["mission", "responsibilities", "scope.in",
                                              "metrics"]
    with pytest.raises(UsageError, match="cannot be agreed yet: mission: say what the team"):
        wb.documents.sign(ws, "charter", "Shop", SIGNERS)
    assert wb.charters.view(ws, "Shop").state.signoffs == ()


def test_problems_are_refused_before_anything_is_written(wb):
    wb, ws = wb
    with pytest.raises(UsageError) as caught:
        wb.charters.create(ws, complete(interactions=[{"team": "Billing", "purpose": "x"}],
                                        metrics=[{"name": "m", "slo": "nope"}]))
    assert caught.value.problems == (
        "interactions[0].team: 'Billing' is not a team of this workspace; add the team first "
        "or name another",
        "metrics[0].slo: 'nope' is not an SLO of Shop; use one of: web-availability")
    with pytest.raises(NotFoundError, match="team Shop has no charter yet"):
        wb.charters.view(ws, "Shop")
    with pytest.raises(NotFoundError, match="no team named 'Nobody'"):
        wb.charters.view(ws, "Nobody")
    wb.charters.create(ws, complete())
    with pytest.raises(ConflictError, match="has a charter already"):
        wb.charters.create(ws, complete())
    with pytest.raises(UsageError, match="a charter stays with its team"):
        wb.charters.save(ws, "Shop", complete("Ops", interactions=[], metrics=["m"]))


def test_two_sessions_on_one_file_cannot_overwrite_each_other(wb, db_url):
    wb, ws = wb
    opened = wb.charters.create(ws, complete())
    other = open_database(db_url, remember=False)  # a second process on the same file
    try:
        theirs = Workbench(other.engine, today=DAY)
        theirs.charters.change(ws, "Shop", {"mission": "Theirs."},
                               expected_version=opened.version)
    finally:
        other.engine.dispose()
    with pytest.raises(VersionConflict, match="changed by someone else since you opened it"):
        wb.charters.change(ws, "Shop", {"mission": "Mine."}, expected_version=opened.version)
    assert wb.charters.view(ws, "Shop").charter.mission == "Theirs."


def test_import_dry_run_writes_nothing_and_an_unchanged_import_saves_nothing(wb):
    wb, ws = wb
    trial = wb.charters.replace(ws, complete(), dry_run=True)
    assert trial.created and not trial.written
    assert wb.charters.overview(ws).charters == ()
    first = wb.charters.replace(ws, complete())
    again = wb.charters.replace(ws, complete())
    assert first.created and first.written and not again.changed
    assert again.view.revisions == 1


def test_the_overview_lists_teams_without_a_charter_and_metric_figures(wb):
    wb, ws = wb
    wb.charters.create(ws, complete())
    overview = wb.charters.overview(ws)
    assert overview.without == ("Ops",)
    shop = overview.find("shop")
    # 24 days of 100,000 events with 10 bad: 99.99% good; budget 28 days x 100 = 2,800
    # events extrapolated, 240 spent: 91.4% left (91.428... rounded down).
    figures = shop.figures_of("web-availability")
    assert figures.good_text == "99.99%" and figures.budget_text == "91.4%"
    assert overview.choices.team_slos == {"Ops": (), "Shop": ("web-availability",)}


def test_removing_a_team_removes_its_charter(wb):
    wb, ws = wb
    wb.charters.create(ws, complete())
    with transaction(wb.engine) as s:
        repo.remove_team(s, ws, "Shop")
    assert wb.charters.overview(ws).charters == ()


def test_decisions_per_organisation_and_product_and_the_role(wb):
    wb, ws = wb
    started = wb.organisation.new_decision(ws)
    assert started.ref == "organisation" and started.decision.considered[:2] == (
        OrgModel.YOU_RUN, OrgModel.YOU_AND_SRE_RUN)
    assert [m.part for m in started.missing] == ["chosen", "reason"]
    chosen = wb.organisation.change_decision(
        ws, None, {"chosen": "you-and-sre-run", "reason": "Shared on call.",
                   "teams": {"sre": ["ops"], "other": []}}, expected_version=started.version)
    assert chosen.decision.sre_teams == ("Ops",) and chosen.missing == ()
    assert chosen.chosen_sizing.sre_teams == 1 and chosen.chosen_sizing.development_teams == 1
    product = wb.organisation.decide(ws, make_decision({
        "product": "Web shop", "chosen": "you-run", "considered": ["you-run", "sre-run"],
        "reason": "Small."}))
    assert product.ref == "Web shop"
    overview = wb.organisation.overview(ws)
    assert [d.ref for d in overview.decisions] == ["organisation", "Web shop"]
    assert overview.decision("web shop").decision.chosen is OrgModel.YOU_RUN
    signers = [make_signoff("E", "executive", DAY), make_signoff("D", "development", DAY),
               make_signoff("O", "operations", DAY)]
    assert wb.documents.sign(ws, "org", "organisation", signers).agreed_now
    with pytest.raises(VersionConflict):
        wb.organisation.change_decision(ws, None, {"reason": "x"},
                                        expected_version=started.version)
    with pytest.raises(UsageError, match="'Billing' is not a team"):
        wb.organisation.change_decision(ws, None, {"teams": {"sre": ["Billing"]}})
    assert overview.role is None
    role = wb.organisation.new_role(ws)
    assert role.missing and role.role == starter_role().with_changes(uid=role.role.uid,
                                                                     version=role.version)
    role = wb.organisation.change_role(ws, {"purpose": "Share on call."},
                                       expected_version=role.version)
    assert role.missing == () and role.revisions == 2
    assert wb.documents.sign(ws, "sre_role", "role", [
        make_signoff("E", "executive", DAY), make_signoff("H", "human resources", DAY)
    ]).agreed_now
    trial = wb.organisation.import_role(ws, role.role.with_changes(title="PE"), dry_run=True)
    assert trial.changed and not trial.written
    assert wb.organisation.role(ws).role.title == "Site Reliability Engineer"


def test_the_demo_documents(demo):
    engine, workspace = demo
    wb = Workbench(engine, today=DAY)
    overview = wb.charters.overview(workspace.id)
    assert [v.team for v in overview.charters] == ["Checkout", "SRE"]
    assert overview.without == ("Fulfilment", "Platform", "Storefront")
    checkout, sre = overview.charters
    assert sre.state.status == "agreed" and sre.missing == ()
    assert [s.name for s in sre.state.signoffs] == ["Rohan Das", "Anita Desai"]
    assert sre.charter.next_review == date(2027, 1, 26)
    assert checkout.state.status == "draft"
    assert [m.part for m in checkout.missing] == ["review.next"]
    assert checkout.figures_of("checkout-availability").budget_text == "54.1%"
    assert checkout.figures_of("upi-payment-availability").met is False
    org = wb.organisation.overview(workspace.id)
    decision = org.decision()
    assert decision.state.status == "agreed"
    assert decision.decision.chosen is OrgModel.YOU_AND_SRE_RUN
    assert decision.decision.decided_on == DAY - timedelta(days=14)
    sized = decision.chosen_sizing
    assert (sized.development_teams, sized.sre_people, sized.sre_teams,
            sized.current_sre_teams) == (3, 3, 1, 1)
    assert org.role.state.status == "draft" and org.role.missing == ()
    assert len(org.role.role.responsibilities) == 22


def test_a_document_load_reads_its_revisions_once_and_the_palette_index_reads_no_lifecycle(
        demo):
    from sqlalchemy import event

    from workbench.store import charter_repo, org_repo, policy_repo

    engine, workspace = demo
    statements: list[str] = []

    def seen(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", seen)
    try:
        with reading(engine) as s:
            for load in (lambda: charter_repo.load(s, workspace.id, "SRE"),
                         lambda: policy_repo.load(s, workspace.id, "checkout"),
                         lambda: org_repo.load_decision(s, workspace.id, "")):
                statements.clear()
                load()
                assert sum("FROM revision" in q for q in statements) == 1
            statements.clear()
            assert org_repo.index(s, workspace.id) == [
                (org_repo.find_row(s, workspace.id, org_repo.DECISION, "").id, "",
                 OrgModel.YOU_AND_SRE_RUN)]
            assert [q for q in statements if "FROM revision" in q or "sign_off" in q] == []
    finally:
        event.remove(engine, "before_cursor_execute", seen)
