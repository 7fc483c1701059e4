"""On-call agreements in the store and through ``wb.oncall``: saved whole with the shared
lifecycle (default parties, agreeing refused while parts are missing, the agreed revision in
force while a new draft is edited, history), checked against the workspace before anything
is written, no lost update between two sessions on one SQLite file, the out-of-hours decision
with targets from the SLOs, overrides and swaps that survive regeneration, the workspace's
rules, imports with dry runs, and the demo's agreements."""

from __future__ import annotations

from datetime import date

import pytest

from workbench.domain.lifecycle import Party, make_signoff
from workbench.domain.oncall import OutOfHours, make_agreement
from workbench.errors import ConflictError, NotFoundError, UsageError, VersionConflict
from workbench.service import Workbench
from workbench.store import oncall_repo, repo, slo_repo
from workbench.store.db import reading, transaction
from workbench.store.session import open_database

DAY = date(2026, 11, 25)  # a Wednesday
SIGNERS = [make_signoff("Priya", "operations", DAY), make_signoff("Arjun", "development", DAY),
           make_signoff("Kavya", "product owner", DAY)]


@pytest.fixture
def wb(engine):
    """Team Shop (services web with SLO web-availability 99.9%, and api) and team Ops."""
    with transaction(engine) as s:
        ws = repo.create_workspace(s, "Acme")
        repo.add_team(s, ws.id, "Shop")
        repo.add_team(s, ws.id, "Ops")
        repo.add_service(s, ws.id, "web", "Shop")
        repo.add_service(s, ws.id, "api", "Shop")
        slo_repo.create_slo(s, ws.id, "web-availability", target="99.9", service="web")
        slo_repo.create_slo(s, ws.id, "web-strict", target="99.95", service="web")
        slo_repo.create_slo(s, ws.id, "web-latency", kind="latency", target="99.99",
                            threshold_ms="300", service="web")
    return Workbench(engine, today=DAY), ws.id


def complete(**changes):
    values = {
        "team": "shop",
        "decisions": [{"service": "WEB", "demand": "daily", "chosen": "team",
                       "reason": "busy at night"}],
        "rotations": [{"name": "Shop week", "members": ["A", "B", "C", "D"],
                       "shape": "main-backup", "coverage": "24x7", "zone": "Europe/Berlin",
                       "start": "2026-11-23", "handover": {"day": "mon", "time": "09:00"}}],
        "escalations": [{"name": "Pages", "levels": [{"rotation": "shop WEEK", "delay": 60}]}],
        "priorities": [{"name": "P1", "hotfix": True}],
    }
    values.update(changes)
    return make_agreement(values)


def test_an_agreement_is_agreed_by_its_parties_and_edited_as_a_new_draft(wb):
    wb, ws = wb
    view = wb.oncall.create(ws, complete())
    # names are spelled as stored: team, service and the rotation a level pages
    assert view.team == "Shop" and view.agreement.decisions[0].service == "web"
    assert view.agreement.escalations[0].levels[0].name == "Shop week"
    assert view.state.status == "draft" and view.missing == ()
    assert view.state.required == (Party("operations"), Party("development"),
                                   Party("product owner"))
    assert wb.documents.sign(ws, "oncall", "shop", SIGNERS).agreed_now
    agreed = wb.oncall.view(ws, "Shop")
    assert agreed.state.status == "agreed" and agreed.in_force_number == 2
    edited = wb.oncall.change(ws, "Shop", {"compensation": "Paid standby"},
                              expected_version=agreed.version)
    assert edited.state.status == "draft" and edited.in_force_number == 2
    assert edited.in_force is not None and edited.in_force.compensation == ""
    _, history = wb.documents.history(ws, "oncall", "Shop")
    assert history[-1].revision.summary.startswith("edited compensation (new draft")
    changes = wb.documents.diff(ws, "oncall", "Shop", 2, 3)
    assert [(c.path, c.after) for c in changes] == [("compensation", "Paid standby")]


def test_agreeing_is_refused_while_parts_are_missing(wb):
    wb, ws = wb
    view = wb.oncall.new(ws, "Shop")
    # the starter has an open decision per service of the team, no rotation, no escalation
    assert [d.decision.service for d in view.decisions] == ["api", "web"]
    assert [m.part for m in view.missing] == ["decisions[0].chosen", "decisions[1].chosen",
                                              "rotations", "escalations"]
    with pytest.raises(UsageError, match="rotations: add at least one rotation"):
        wb.documents.sign(ws, "oncall", "Shop", SIGNERS)


def test_nothing_is_written_when_the_agreement_does_not_fit_the_workspace(wb):
    wb, ws = wb
    with pytest.raises(NotFoundError):
        wb.oncall.view(ws, "Shop")
    with pytest.raises(UsageError, match="not a rotation of this agreement"):
        wb.oncall.create(ws, complete(escalations=[{"name": "E", "levels": [
            {"rotation": "Nope"}]}]))
    with pytest.raises(UsageError, match="not a team of this workspace"):
        wb.oncall.create(ws, complete(team="Nobody"))
    assert wb.oncall.overview(ws).agreements == ()
    wb.oncall.create(ws, complete())
    with pytest.raises(ConflictError, match="has an on-call agreement already"):
        wb.oncall.create(ws, complete())


def test_targets_come_from_the_strictest_availability_slo_unless_given(wb):
    wb, ws = wb
    view = wb.oncall.new(ws, "Shop")
    web = next(d for d in view.decisions if d.decision.service == "web")
    # 99.95 beats 99.9; the latency SLO (99.99) is not an availability target
    assert (str(web.target), web.target_from) == ("99.95", "web-strict")
    assert web.recommendation.outcome is None  # high target, demand not recorded yet
    view = wb.oncall.decide(ws, "Shop", "web", chosen=OutOfHours.TEAM, reason="night sales",
                            values={"demand": "several-a-day"})
    web = next(d for d in view.decisions if d.decision.service == "web")
    assert web.recommendation.outcome is OutOfHours.TEAM and web.follows is True
    assert web.decision.decided == DAY
    view = wb.oncall.decide(ws, "Shop", "api", chosen=OutOfHours.TEAM, reason="why not",
                            values={"target": "99"})
    api = next(d for d in view.decisions if d.decision.service == "api")
    assert api.target_from == "" and api.recommendation.outcome is OutOfHours.NONE
    assert api.follows is False
    view = wb.oncall.decide(ws, "Shop", "Mobile app", chosen=None, reason="")
    assert view.decisions[-1].target_from == "none"  # a product, not a service


def test_overrides_and_swaps_survive_regeneration(wb):
    wb, ws = wb
    wb.oncall.create(ws, complete())
    # 4 people main + backup: main of the turn of 2026-11-30 is B, of 2026-12-07 C
    view = wb.oncall.swap(ws, "Shop", "Shop week", date(2026, 11, 30), date(2026, 12, 7))
    for weeks, since in ((4, DAY), (12, date(2026, 11, 29))):
        turns = {t.day: t for t in wb.oncall.schedule(ws, "Shop", "Shop week", since=since,
                                                      weeks=weeks).schedule.turns}
        assert turns[date(2026, 11, 30)].person("main") == "C"
        assert turns[date(2026, 12, 7)].person("main") == "B"
    view = wb.oncall.override(ws, "Shop", "shop week", date(2026, 12, 7), "main", None,
                              expected_version=view.version)
    assert len(view.agreement.rotations[0].overrides) == 1
    with pytest.raises(UsageError, match="no turn of Shop week starts on 2026-12-08"):
        wb.oncall.swap(ws, "Shop", "Shop week", date(2026, 12, 8), date(2026, 12, 14))
    with pytest.raises(NotFoundError, match="no rotation named 'Night'"):
        wb.oncall.override(ws, "Shop", "Night", date(2026, 12, 7), "main", "A")


def test_no_lost_update_between_two_sessions_on_one_file(wb, db_url):
    wb, ws = wb
    opened = wb.oncall.create(ws, complete())
    other = open_database(db_url, remember=False)  # a second process on the same file
    try:
        Workbench(other.engine, today=DAY).oncall.change(
            ws, "Shop", {"working_time": "Theirs."}, expected_version=opened.version)
    finally:
        other.engine.dispose()
    with pytest.raises(VersionConflict, match="changed by someone else since you opened it"):
        wb.oncall.change(ws, "Shop", {"working_time": "Mine."},
                         expected_version=opened.version)
    assert wb.oncall.view(ws, "Shop").agreement.working_time == "Theirs."


def test_saving_the_same_content_records_nothing(wb):
    wb, ws = wb
    view = wb.oncall.create(ws, complete())
    again = wb.oncall.save(ws, "Shop", complete(), expected_version=view.version)
    assert again.version == view.version and again.revisions == 1


def test_the_workspace_rules_change_the_fairness_warnings_and_are_versioned(wb):
    wb, ws = wb
    wb.oncall.create(ws, complete())
    rules = wb.oncall.rules(ws)
    assert rules.version == 0 and rules.rules.max_share == 30
    warned = {w.kind for w in wb.oncall.view(ws, "Shop").plans[0].fairness.warnings}
    # 4 people on 24x7 main + backup: each on call half the time, fewer than 6 people
    assert {"share", "too-few"} <= warned
    # over 8 weekly turns each of the 4 holds 4 of the 16 roles: 50%, not over 50
    saved = wb.oncall.set_rules(ws, {"max_share": 50, "min_people_per_role": 2},
                                expected_version=0)
    assert saved.version == 1
    warned = {w.kind for w in wb.oncall.view(ws, "Shop").plans[0].fairness.warnings}
    assert not warned & {"share", "too-few"}
    with pytest.raises(ConflictError, match="changed by someone else"):
        wb.oncall.set_rules(ws, {"max_share": 20}, expected_version=0)
    with pytest.raises(UsageError, match="max_share: 60 is out of range"):
        wb.oncall.set_rules(ws, {"max_share": 60})
    assert wb.oncall.rules(ws).rules.max_share == 50


def test_an_import_dry_run_does_every_check_and_keeps_nothing(wb):
    wb, ws = wb
    result = wb.oncall.replace(ws, complete(), dry_run=True)
    assert result.created and not result.written
    assert wb.oncall.overview(ws).without == ("Ops", "Shop")
    result = wb.oncall.replace(ws, complete())
    assert result.created and result.written
    again = wb.oncall.replace(ws, complete(compensation="x"), dry_run=True)
    assert again.changed and not again.written
    assert wb.oncall.view(ws, "Shop").agreement.compensation == ""


def test_the_demo_has_the_issue_s_rotations(demo):
    engine, workspace = demo
    wb = Workbench(engine, today=DAY)
    overview = wb.oncall.overview(workspace.id)
    checkout = overview.find("Checkout")
    rotation = checkout.agreement.rotations[0]
    assert (rotation.shape.value, rotation.coverage.value, rotation.zone) == (
        "main-backup", "24x7", "Asia/Kolkata")
    assert checkout.state.status == "draft"
    platform = overview.find("Platform")
    assert platform.state.status == "agreed"
    assert platform.agreement.rotations[0].coverage.value == "8x5"
    assert checkout.agreement.escalations and checkout.agreement.priorities
    with reading(engine) as s:
        assert [team for _, team in oncall_repo.index(s, workspace.id)] == ["Checkout",
                                                                           "Platform"]
