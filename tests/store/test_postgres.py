"""The same store code on PostgreSQL. Runs when WORKBENCH_TEST_POSTGRES_URL points at an empty
database you may wipe (e.g. postgresql+psycopg://coach:coach@127.0.0.1/workbench_test)."""

from __future__ import annotations

import os
from datetime import date

import pytest

PG_URL = os.environ.get("WORKBENCH_TEST_POSTGRES_URL")
pytestmark = pytest.mark.skipif(not PG_URL, reason="set WORKBENCH_TEST_POSTGRES_URL to run")


@pytest.fixture
def pg_engine():
    from workbench.store.db import make_engine
    from workbench.store.session import open_database

    wipe = make_engine(PG_URL)
    with wipe.begin() as conn:  # whatever an earlier run or schema left behind
        conn.exec_driver_sql("DROP SCHEMA public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    wipe.dispose()
    db = open_database(PG_URL, remember=False)
    yield db.engine
    db.engine.dispose()


def test_postgres_migrates_and_round_trips(pg_engine):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from sqlmodel import SQLModel

    from workbench.errors import ConflictError
    from workbench.store import repo
    from workbench.store.db import reading, transaction
    from workbench.store.demo import DEMO_TEAMS, create_demo

    with pg_engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), SQLModel.metadata) == []
    with transaction(pg_engine) as session:
        ws, created = create_demo(session, date(2026, 11, 25))
    assert created
    with pytest.raises(ConflictError), transaction(pg_engine) as session:
        repo.add_team(session, ws.id, "checkout")
    with transaction(pg_engine) as session:
        repo.remove_team(session, ws.id, "Checkout")
    with reading(pg_engine) as session:
        assert len(repo.list_teams(session, ws.id)) == len(DEMO_TEAMS) - 1
        unowned = [s.name for s in repo.list_services(session, ws.id) if s.team_id is None]
    assert unowned == ["cart", "orders", "payments"]


def test_postgres_lifecycle_and_no_lost_update(pg_engine):
    """Sign-offs, a new draft after an edit and derived statuses on PostgreSQL, and a write
    racing another one: under READ COMMITTED the loser's UPDATE matches no row of the version
    it read, which must end as a VersionConflict with nothing written."""
    import threading
    from datetime import date

    from workbench.domain.lifecycle import SignOff
    from workbench.errors import VersionConflict
    from workbench.store import lifecycle, repo, slo_repo
    from workbench.store.db import reading, transaction

    day = date(2026, 11, 25)
    with transaction(pg_engine) as s:
        ws = repo.create_workspace(s, "Acme")
        slo, _ = slo_repo.save_slo(s, ws.id, "orders", target="99.9")
        result = slo_repo.agree_slo(s, ws.id, "orders", [
            SignOff("Priya", "operations", day), SignOff("Arjun", "development", day),
            SignOff("Kavya", "product owner", day)])
        assert result.agreed_now
        slo_repo.update_slo(s, ws.id, "orders", {"target": "99.5"})
    with reading(pg_engine) as s:
        entries = lifecycle.history(s, slo_repo.SLO_DOCUMENT, ws.id, str(slo.id))
        assert [e.shown_status.value for e in entries] == ["draft", "agreed", "draft"]
        row = slo_repo.slo_row(s, ws.id, "orders")
        assert lifecycle.state(s, slo_repo.SLO_DOCUMENT, row).in_force == 2

    # a caller who read version N before someone else saved cannot overwrite that save
    with reading(pg_engine) as s:
        opened = slo_repo.get_slo(s, ws.id, "orders")
    with transaction(pg_engine) as s:
        slo_repo.update_slo(s, ws.id, "orders", {"target": "99.0"})
    with pytest.raises(VersionConflict), transaction(pg_engine) as s:
        slo_repo.update_slo(s, ws.id, "orders", {"target": "99.99"},
                            expected_version=opened.version)

    # and between our read and our write inside one transaction, the UPDATE itself checks
    read_done, other_done = threading.Event(), threading.Event()

    def other_writer() -> None:
        read_done.wait()
        with transaction(pg_engine) as s:
            slo_repo.update_slo(s, ws.id, "orders", {"target": "98.0"})
        other_done.set()

    worker = threading.Thread(target=other_writer)
    worker.start()
    with pytest.raises(VersionConflict), transaction(pg_engine) as s:
        row = slo_repo.slo_row(s, ws.id, "orders")  # this transaction reads the row ...
        read_done.set()
        assert other_done.wait(10)  # ... someone else commits a change to it ...
        row.target = "99.99"  # ... and our write, based on what we read, loses
        s.flush()
    worker.join(10)
    with reading(pg_engine) as s:
        assert str(slo_repo.get_slo(s, ws.id, "orders").target) == "98.0"


def test_postgres_stakeholder_chart_round_trips_and_refuses_a_lost_update(pg_engine):
    from workbench.domain.stakeholders import Quadrant, make_stakeholder
    from workbench.errors import VersionConflict
    from workbench.service import Workbench
    from workbench.store import repo
    from workbench.store.db import transaction

    with transaction(pg_engine) as s:
        ws = repo.create_workspace(s, "Acme")
    wb = Workbench(pg_engine, today=date(2026, 11, 25))
    values = {"name": "Asha Rao", "power": "high", "interest": "low", "role": "CTO",
              "group": "development", "stance": "detractor", "influence": "high",
              "stage": "interest", "owner": "Meera", "last_contact": "2026-11-01",
              "next_action": "Coffee", "next_action_due": "2026-12-01",
              "notes": "two\nlines", "uid": "asha-1"}
    view = wb.stakeholders.add(ws.id, values)
    assert view.people == (make_stakeholder(values),)
    flipped = wb.stakeholders.flip(ws.id, "Asha Rao", "interest", expected_version=view.version)
    assert flipped.people[0].quadrant is Quadrant.ENGAGE_FULLY
    with pytest.raises(VersionConflict):
        wb.stakeholders.remove(ws.id, "Asha Rao", expected_version=view.version)
    assert wb.stakeholders.view(ws.id).people == flipped.people
    assert wb.stakeholders.compare(ws.id).changes.lines() == [
        "moved: Asha Rao: Keep satisfied -> Engage fully (interest up)"]


def test_postgres_policy_round_trips_is_agreed_and_refuses_a_lost_update(pg_engine):
    from workbench.domain.lifecycle import make_signoff
    from workbench.domain.policy import starter_policy
    from workbench.errors import VersionConflict
    from workbench.service import Workbench
    from workbench.store import repo
    from workbench.store.db import transaction

    day = date(2026, 11, 25)
    with transaction(pg_engine) as s:
        ws = repo.create_workspace(s, "Acme")
        repo.add_team(s, ws.id, "Shop")
        repo.add_service(s, ws.id, "web", "Shop")
    wb = Workbench(pg_engine, today=day)
    policy = starter_policy("shop", team="Shop", services=["web"], today=day).with_changes(
        purpose="Keep the shop up.\nEven on sale days.", tiebreaker="head of engineering")
    view = wb.policies.create(ws.id, policy)
    assert view.policy == policy.with_changes(uid=view.policy.uid, version=view.version)
    wb.policies.change(ws.id, "shop", {"title": "Shop policy"}, expected_version=view.version)
    with pytest.raises(VersionConflict):
        wb.policies.change(ws.id, "shop", {"title": "Lost"}, expected_version=view.version)
    signers = [make_signoff(n, r, day) for n, r in (
        ("Asha", "operations"), ("Dev", "development"), ("Pia", "product owner"))]
    assert wb.documents.sign(ws.id, "policy", "shop", signers).agreed_now
    agreed = wb.policies.view(ws.id, "shop")
    assert agreed.policy.title == "Shop policy" and agreed.in_force_number == 3


def test_postgres_charter_and_decision_round_trip_and_refuse_a_lost_update(pg_engine):
    from workbench.domain.charter import make_charter
    from workbench.domain.lifecycle import make_signoff
    from workbench.domain.org import OrgModel
    from workbench.errors import VersionConflict
    from workbench.service import Workbench
    from workbench.store import repo
    from workbench.store.db import transaction

    day = date(2026, 11, 25)
    with transaction(pg_engine) as s:
        ws = repo.create_workspace(s, "Acme")
        repo.add_team(s, ws.id, "Shop")
        repo.add_team(s, ws.id, "SRE")
    wb = Workbench(pg_engine, today=day)
    charter = make_charter({
        "team": "Shop", "mission": "Sell things.\nEven on sale days.",
        "responsibilities": ["Build the shop"], "scope": {"in": ["web"]},
        "metrics": ["Orders placed"], "interactions": [{"team": "SRE", "purpose": "On call"}],
        "review": {"cadence": "quarterly", "next": "2027-02-25"}})
    view = wb.charters.create(ws.id, charter)
    assert view.charter == charter.with_changes(uid=view.charter.uid, version=view.version)
    wb.charters.change(ws.id, "Shop", {"mission": "Sell."}, expected_version=view.version)
    with pytest.raises(VersionConflict):
        wb.charters.change(ws.id, "Shop", {"mission": "Lost"}, expected_version=view.version)
    signers = [make_signoff("R", "team", day), make_signoff("A", "management", day)]
    assert wb.documents.sign(ws.id, "charter", "shop", signers).agreed_now
    assert wb.charters.view(ws.id, "shop").in_force.mission == "Sell."
    decision = wb.organisation.new_decision(ws.id)
    chosen = wb.organisation.change_decision(
        ws.id, None, {"chosen": "you-and-sre-run", "reason": "Shared.",
                      "teams": {"sre": ["SRE"]}}, expected_version=decision.version)
    assert chosen.decision.chosen is OrgModel.YOU_AND_SRE_RUN
    assert chosen.chosen_sizing.sre_teams == 1
    with pytest.raises(VersionConflict):
        wb.organisation.change_decision(ws.id, None, {"reason": "Lost"},
                                        expected_version=decision.version)


def test_postgres_oncall_agreement_round_trips_and_refuses_a_lost_update(pg_engine):
    from workbench.domain.lifecycle import make_signoff
    from workbench.domain.oncall import make_agreement
    from workbench.errors import VersionConflict
    from workbench.service import Workbench
    from workbench.store import repo
    from workbench.store.db import transaction

    day = date(2026, 11, 25)
    with transaction(pg_engine) as s:
        ws = repo.create_workspace(s, "Acme")
        repo.add_team(s, ws.id, "Shop")
    wb = Workbench(pg_engine, today=day)
    agreement = make_agreement({
        "team": "Shop", "decisions": [{"service": "web", "target": "99.9", "demand": "daily",
                                       "chosen": "team", "reason": "Night sales"}],
        "rotations": [{"name": "Week", "members": ["A", "B"], "shape": "main-backup",
                       "coverage": "24x7", "zone": "Europe/Berlin", "start": "2026-11-23",
                       "overrides": [{"day": "2026-11-30", "person": "C"}]}],
        "escalations": [{"name": "Pages", "levels": [{"rotation": "Week", "delay": 60}],
                         "repeats": 2}],
        "priorities": [{"name": "P1", "hotfix": True, "update_hours": 2}],
        "compensation": "Paid.\nTime off too."})
    view = wb.oncall.create(ws.id, agreement)
    assert view.agreement == agreement.with_changes(uid=view.agreement.uid,
                                                    version=view.version)
    wb.oncall.set_rules(ws.id, {"max_share": 40}, expected_version=0)
    assert wb.oncall.view(ws.id, "shop").rules.max_share == 40
    wb.oncall.change(ws.id, "Shop", {"working_time": "12 h"}, expected_version=view.version)
    with pytest.raises(VersionConflict):
        wb.oncall.change(ws.id, "Shop", {"working_time": "Lost"},
                         expected_version=view.version)
    signers = [make_signoff(n, r, day) for n, r in (
        ("Asha", "operations"), ("Dev", "development"), ("Pia", "product owner"))]
    assert wb.documents.sign(ws.id, "oncall", "shop", signers).agreed_now
    assert wb.oncall.view(ws.id, "Shop").in_force.working_time == "12 h"


def test_postgres_maintenance_windows_and_corrections_change_budgets(pg_engine):
    from datetime import date

    from workbench.store import adjustment_repo, slo_repo
    from workbench.store.db import reading, transaction
    from workbench.store.demo import create_demo

    as_of = date(2026, 11, 25)
    with transaction(pg_engine) as session:
        ws, _ = create_demo(session, as_of)
    with reading(pg_engine) as session:
        before = slo_repo.slo_status(session, ws.id, "checkout-availability", as_of).status
        [demo_correction] = [a for a in adjustment_repo.list_adjustments(session, ws.id)
                             if a.kind == "correction"]
        _, history = slo_repo.period_history(session, ws.id, "upi-payment-availability",
                                             as_of, 13)
    assert demo_correction.recorded_by == "Priya Sharma" and len(history) == 13
    with transaction(pg_engine) as session:
        added = adjustment_repo.add_adjustment(
            session, ws.id, "correction", {"first": "2026-11-24", "reason": "load test"},
            by="Ana", slo="checkout-availability")
    with reading(pg_engine) as session:
        after = slo_repo.slo_status(session, ws.id, "checkout-availability", as_of).status
        raw = slo_repo.list_counts(session, after_slo_id(session, ws.id), date(2026, 11, 24),
                                   date(2026, 11, 24))
    assert before.total - after.total == raw[0].total
    with transaction(pg_engine) as session:
        adjustment_repo.remove_adjustment(session, ws.id, added.id, by="Ana", reason="undo")
    with reading(pg_engine) as session:
        again = slo_repo.slo_status(session, ws.id, "checkout-availability", as_of).status
    assert again.total == before.total


def after_slo_id(session, workspace_id):
    from workbench.store import slo_repo

    return slo_repo.get_slo(session, workspace_id, "checkout-availability").id


def test_postgres_respondents_join_and_answer_at_once_without_losing_anything(pg_engine):
    """Respondent mode on a shared database: four people join one run anonymously at the
    same moment, each on their own engine (their own machine), then all answer every
    criterion at once. The join locks the run row, so the pseudonyms are 1 to 4 with no
    duplicate (before the lock, 26 of 30 such races gave two people one pseudonym); every
    answer is kept and the run's version counts each one."""
    import threading

    from workbench.store import assessment_repo as ar
    from workbench.store import repo
    from workbench.store.db import make_engine, reading, transaction

    with transaction(pg_engine) as session:
        ws = repo.create_workspace(session, "Acme")
        repo.add_team(session, ws.id, "Checkout")
        run = ar.create_run(session, ws.id, "Checkout", "sre-maturity", None,
                            date(2026, 11, 20))
    model = ar.load_model("sre-maturity")
    engines = [make_engine(PG_URL) for _ in range(4)]
    barrier = threading.Barrier(len(engines))
    joined: dict[int, str] = {}
    errors: list[BaseException] = []

    def respondent(index, engine):
        try:
            barrier.wait(timeout=20)
            with transaction(engine) as session:
                _, who, new = ar.join_run(session, run.id, None)
            assert new
            joined[who.id] = who.label
            barrier.wait(timeout=20)
            for criterion_id in model.criterion_ids:
                with transaction(engine) as session:
                    ar.set_answer(session, run.id, criterion_id, index % 3,
                                  respondent_id=who.id, expected_version=0, model=model)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=respondent, args=(i, e)) for i, e in enumerate(engines)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=180)
    for e in engines:
        e.dispose()
    assert errors == []
    assert sorted(joined.values()) == [f"anonymous {n}" for n in (1, 2, 3, 4)]
    with reading(pg_engine) as session:
        progress = ar.run_progress(session, run.id)
        stored = ar.get_run(session, run.id)
    assert [(p.answered, p.total) for p in progress] == [(28, 28)] * 4
    assert stored.version == 1 + 4 * model.criteria_count
